/**
 * A column of an include named from the root query — `'$posts.title$'` in where, `[posts, 'rank']`
 * in order — reads only the rows the include itself loads, on every dialect, relata against
 * sequelize@6: not the soft-deleted rows of a paranoid target (unless the include says
 * `paranoid: false`), and not the rows its own `where` leaves out. Sequelize reads the column from
 * its JOIN, whose ON clause filters them; relata reads it through a subquery with the same filters.
 */
import * as SequelizeLib from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type AnyModel = any;

interface Side {
  User: AnyModel;
  Post: AnyModel;
  Op: typeof RelataLib.Op;
}

/** Each find, built from one side's models; the last item is what both must answer (name: ranks of the posts loaded). */
const CASES: [string, (side: Side) => object, string[]][] = [
  ['where on a column of a paranoid to-many include', ({ Post }) => ({ where: { '$posts.title$': 'gone' }, include: [{ model: Post, as: 'posts' }] }), []],
  [
    'where on it together with the include\'s own where (the same row must match both)',
    ({ Post, Op }) => ({ where: { '$posts.title$': 'other' }, include: [{ model: Post, as: 'posts', where: { rank: { [Op.gt]: 4 } }, required: false }] }),
    [],
  ],
  [
    'where on it together with the include\'s own where, one row matching both',
    ({ Post, Op }) => ({ where: { '$posts.title$': 'kept' }, include: [{ model: Post, as: 'posts', where: { rank: { [Op.gt]: 4 } }, required: false }] }),
    ['ada:5'],
  ],
  ['order by a column of a paranoid to-many include', ({ Post }) => ({ include: [{ model: Post, as: 'posts' }], order: [[{ model: Post, as: 'posts' }, 'rank', 'ASC'], ['id', 'ASC']] }), ['bob:3', 'cy:4', 'ada:5']],
  [
    'order by it with paranoid: false on the include',
    ({ Post }) => ({ include: [{ model: Post, as: 'posts', paranoid: false }], order: [[{ model: Post, as: 'posts' }, 'rank', 'ASC'], ['id', 'ASC']] }),
    ['ada:1,5', 'bob:3', 'cy:4'],
  ],
];

describeEachDialect('include columns from the root query read only the rows the include loads, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const sides: Record<'relata' | 'sequelize', Side> = {} as never;

  beforeAll(async () => {
    const relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    for (const [name, db, lib] of [
      ['relata', relata, RelataLib],
      ['sequelize', twin.sequelize, SequelizeLib],
    ] as const) {
      const types = lib.DataTypes as typeof RelataLib.DataTypes;
      const User: AnyModel = (db as AnyModel).define('PathUser', { name: types.STRING }, { tableName: 'path_users', timestamps: false });
      const Post: AnyModel = (db as AnyModel).define('PathPost', { title: types.STRING, rank: types.INTEGER }, { tableName: 'path_posts', paranoid: true });
      User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
      await (db as AnyModel).sync({ force: true });
      const [ada, bob, cy] = await User.bulkCreate([{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }]);
      const gone = await Post.create({ title: 'gone', rank: 1, userId: ada.id });
      await Post.create({ title: 'kept', rank: 5, userId: ada.id });
      await Post.create({ title: 'other', rank: 3, userId: bob.id });
      await Post.create({ title: 'late', rank: 4, userId: cy.id });
      await gone.destroy();
      sides[name] = { User, Post, Op: lib.Op as typeof RelataLib.Op };
    }
  });
  afterAll(async () => twin?.close());

  const answer = async (side: Side, find: object): Promise<string[]> =>
    (await side.User.findAll(find)).map((u: AnyModel) => `${u.name}:${(u.posts as AnyModel[]).map((p) => p.rank).sort((a: number, b: number) => a - b).join(',')}`);

  it('where on it with paranoid: false on the include: the same roots; Sequelize also cuts the include to the matching rows', async () => {
    const find = ({ Post }: Side): object => ({ where: { '$posts.title$': 'gone' }, include: [{ model: Post, as: 'posts', paranoid: false }] });
    // relata selects the roots by an EXISTS and loads the include whole; Sequelize's WHERE filters the joined rows.
    expect(await answer(sides.relata, find(sides.relata))).toEqual(['ada:1,5']);
    expect(await answer(sides.sequelize, find(sides.sequelize))).toEqual(['ada:1']);
  });

  it.each(CASES)('%s', async (_label, find, expected) => {
    const relata = await answer(sides.relata, find(sides.relata));
    expect(relata).toEqual(await answer(sides.sequelize, find(sides.sequelize)));
    expect(relata).toEqual(expected);
  });
});
