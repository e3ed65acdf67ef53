/**
 * Scopes as sequelize@6 applies them, compared row for row on every dialect: a scoped model as an
 * include model, the later scope winning on the same attribute, find options over the scope, and
 * scopes that include the same association merged into one include.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as S from 'sequelize';
import * as R from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

interface Row {
  get(options: { plain: true }): Record<string, unknown>;
}
interface LooseModel {
  findAll(options?: object): Promise<Row[]>;
  count(options?: object): Promise<number>;
  bulkCreate(rows: object[]): Promise<unknown>;
  scope(...names: unknown[]): LooseModel;
  unscoped(): LooseModel;
  hasMany(target: unknown, options: object): unknown;
}
interface Models {
  readonly User: LooseModel;
  readonly Post: LooseModel;
  readonly Note: LooseModel;
  readonly Member: LooseModel;
}
type Connection = { define(name: string, attributes: object, options?: object): unknown; sync(options?: object): Promise<unknown>; models: Record<string, unknown> };

async function setUp(db: Connection, T: typeof R.DataTypes, Op: typeof R.Op): Promise<Models> {
  const User = db.define(
    'ScUser',
    { name: T.STRING, status: T.STRING, age: T.INTEGER },
    {
      tableName: 'sc_users',
      scopes: {
        active: { where: { status: 'active' } },
        banned: { where: { status: 'banned' } },
        older: { where: { age: { [Op.gte]: 30 } } },
        named: { attributes: ['id', 'name'] },
        aged: { attributes: ['id', 'age'] },
        withPublished: () => ({ include: [{ model: db.models['ScPost'], as: 'posts', where: { published: true }, required: false }] }),
        withScored: () => ({ include: [{ model: db.models['ScPost'], as: 'posts', where: { score: { [Op.gte]: 2 } }, required: false }] }),
        withTitles: () => ({ include: [{ model: db.models['ScPost'], as: 'posts', attributes: ['id', 'title', 'userId'] }] }),
      },
    },
  ) as LooseModel;
  const Post = db.define(
    'ScPost',
    { title: T.STRING, published: T.BOOLEAN, score: T.INTEGER },
    {
      tableName: 'sc_posts',
      timestamps: false,
      scopes: {
        published: { where: { published: true }, attributes: ['id', 'title', 'userId'] },
        unpublished: { where: { published: false } },
      },
    },
  ) as LooseModel;
  // A target with a default scope: its where applies to (and requires) every include of it.
  const Note = db.define('ScNote', { body: T.STRING, visible: T.BOOLEAN }, { tableName: 'sc_notes', timestamps: false, defaultScope: { where: { visible: true } } }) as LooseModel;
  // whereMergeStrategy: 'and' AND-s the scopes' conditions on the same attribute.
  const Member = db.define(
    'ScMember',
    { status: T.STRING },
    { tableName: 'sc_members', timestamps: false, whereMergeStrategy: 'and', scopes: { active: { where: { status: 'active' } }, notBanned: { where: { status: { [Op.ne]: 'banned' } } }, banned: { where: { status: 'banned' } } } },
  ) as LooseModel;
  User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
  User.hasMany(Note, { as: 'notes', foreignKey: 'userId' });
  await db.sync({ force: true });
  await User.bulkCreate([
    { name: 'ann', status: 'active', age: 40 },
    { name: 'bob', status: 'banned', age: 20 },
    { name: 'cid', status: 'active', age: 25 },
  ]);
  await Post.bulkCreate([
    { title: 'a', published: true, score: 1, userId: 1 },
    { title: 'b', published: false, score: 2, userId: 1 },
    { title: 'c', published: true, score: 3, userId: 2 },
  ]);
  await Note.bulkCreate([
    { body: 'n1', visible: true, userId: 1 },
    { body: 'n2', visible: false, userId: 1 },
    { body: 'n3', visible: false, userId: 2 },
  ]);
  await Member.bulkCreate([{ status: 'active' }, { status: 'banned' }]);
  return { User, Post, Note, Member };
}

/** Plain rows, each user's posts sorted by id, without timestamps (they differ between the two runs). */
function plain(rows: readonly Row[]): unknown {
  return rows.map((r) => {
    const { createdAt: _c, updatedAt: _u, ...values } = r.get({ plain: true });
    // Sequelize's joined children come in whatever order the server returns them (no ORDER BY).
    for (const key of ['posts', 'notes']) if (Array.isArray(values[key])) values[key] = [...(values[key] as { id: number }[])].sort((a, b) => a.id - b.id);
    return values;
  });
}

const byId = { order: [['id', 'ASC']] };

const SCENARIOS: Record<string, (m: Models) => Promise<unknown>> = {
  "a scoped model as include model: its where filters (and requires) the included rows, its attributes apply": async ({ User, Post }) =>
    plain(await User.findAll({ attributes: ['id'], include: [{ model: Post.scope('published'), as: 'posts' }], ...byId })),
  'the scoped include model with required: false keeps every user': async ({ User, Post }) =>
    plain(await User.findAll({ attributes: ['id'], include: [{ model: Post.scope('published'), as: 'posts', required: false }], ...byId })),
  "the scoped include model with separate: true": async ({ User, Post }) =>
    plain(await User.findAll({ attributes: ['id'], include: [{ model: Post.scope('published'), as: 'posts', separate: true }], ...byId })),
  "the include's own where wins over its scope's on the same attribute": async ({ User, Post }) =>
    plain(await User.findAll({ attributes: ['id'], include: [{ model: Post.scope('published'), as: 'posts', where: { published: false } }], ...byId })),
  "the include's own where on another attribute adds to its scope's": async ({ User, Post }) =>
    plain(await User.findAll({ attributes: ['id'], include: [{ model: Post.scope('published'), as: 'posts', where: { score: 3 } }], ...byId })),
  "User.scope('active', 'banned'): the later scope wins on status": async ({ User }) => plain(await User.scope('active', 'banned').findAll({ attributes: ['id', 'name'], ...byId })),
  "User.scope('banned', 'active')": async ({ User }) => plain(await User.scope('banned', 'active').findAll({ attributes: ['id', 'name'], ...byId })),
  'scopes on different attributes both apply': async ({ User }) => plain(await User.scope('active', 'older').findAll({ attributes: ['id', 'name'], ...byId })),
  "the find's where wins over the scope's on the same attribute": async ({ User }) => plain(await User.scope('active').findAll({ attributes: ['id', 'name'], where: { status: 'banned' }, ...byId })),
  'count with the same override': async ({ User }) => await User.scope('active').count({ where: { status: 'banned' } }),
  'attributes of two scopes are joined': async ({ User }) => plain(await User.scope('named', 'aged').findAll(byId)),
  'two scopes including the same association become one include (where merged)': async ({ User }) =>
    plain(await User.scope('withPublished', 'withScored').findAll({ attributes: ['id'], ...byId })),
  'two scopes including the same association become one include (where and attributes)': async ({ User }) =>
    plain(await User.scope('withPublished', 'withTitles').findAll({ attributes: ['id'], ...byId })),
  "a find's include merges with the scope's include of the same association": async ({ User, Post }) =>
    plain(await User.scope('withTitles').findAll({ attributes: ['id'], include: [{ model: Post, as: 'posts', where: { published: true } }], ...byId })),
  "a target's default scope applies to its include and makes it required": async ({ User, Note }) =>
    plain(await User.findAll({ attributes: ['id'], include: [{ model: Note, as: 'notes', attributes: ['id', 'body', 'userId'] }], ...byId })),
  "the target's default scope with required: false": async ({ User, Note }) =>
    plain(await User.findAll({ attributes: ['id'], include: [{ model: Note, as: 'notes', attributes: ['id', 'body', 'userId'], required: false }], ...byId })),
  'an unscoped target model as include model': async ({ User, Note }) =>
    plain(await User.findAll({ attributes: ['id'], include: [{ model: Note.unscoped(), as: 'notes', attributes: ['id', 'body', 'userId'] }], ...byId })),
  "whereMergeStrategy: 'and' AND-s the same attribute": async ({ Member }) => [
    plain(await Member.scope('active', 'notBanned').findAll(byId)),
    plain(await Member.scope('active', 'banned').findAll(byId)),
    plain(await Member.scope('active').findAll({ where: { status: 'banned' }, ...byId })),
  ],
};

describeEachDialect('scopes, against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  let ours: Models;
  let theirs: Models;

  beforeAll(async () => {
    const relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    ours = await setUp(relata as unknown as Connection, R.DataTypes, R.Op);
    theirs = await setUp(twin.sequelize as unknown as Connection, S.DataTypes as unknown as typeof R.DataTypes, S.Op as unknown as typeof R.Op);
  });
  afterAll(async () => {
    await twin?.close();
  });

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const expected = await scenario(theirs);
      expect(await scenario(ours)).toEqual(expected);
    });
  }

  it('pins the figures', async () => {
    expect(plain(await ours.User.findAll({ attributes: ['id'], include: [{ model: ours.Post.scope('published'), as: 'posts' }], ...byId }))).toEqual([
      { id: 1, posts: [{ id: 1, title: 'a', userId: 1 }] },
      { id: 2, posts: [{ id: 3, title: 'c', userId: 2 }] },
    ]);
    expect(plain(await ours.User.scope('active', 'banned').findAll({ attributes: ['name'] }))).toEqual([{ name: 'bob' }]);
    expect((plain(await ours.User.scope('withPublished', 'withScored').findAll({ attributes: ['id'], ...byId })) as { posts: { title: string }[] }[]).map((u) => u.posts.map((p) => p.title))).toEqual([[], ['c'], []]);
  });
});
