// relata with `raw: true`: ops A–D as in relata.mjs, each find asking for plain rows instead of
// instances (nested objects, as `get({ plain: true })` gives them). The other ops have no raw form here.
import { plainRowShape } from '../lib/verify.mjs';
import { create as createRelata, defineModels } from './relata.mjs';

export const name = 'relata-raw';

/** A–D with `raw: true`; the includes are relata.mjs's. */
export function relataRawOps({ User, Profile, Post, Comment, Group }) {
  return {
    A: () => User.findAll({ raw: true, include: [{ model: Post, as: 'posts' }] }),
    B: () => User.findAll({ raw: true, include: [{ model: Group, as: 'groups' }] }),
    C: () =>
      User.findAll({
        raw: true,
        include: [
          { model: Profile, as: 'profile' },
          { model: Post, as: 'posts' },
          { model: Group, as: 'groups' },
        ],
      }),
    D: () =>
      User.findAll({
        raw: true,
        order: [['id', 'ASC']],
        limit: 100,
        include: [{ model: Post, as: 'posts', include: [{ model: Comment, as: 'comments' }] }],
      }),
  };
}

export async function create(cfg) {
  const relata = await createRelata(cfg, (db) => relataRawOps(defineModels(db)));
  // Verified as plain rows: an instance anywhere in the output is a mismatch.
  return { ...relata, shape: plainRowShape };
}
