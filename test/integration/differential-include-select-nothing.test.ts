/**
 * Includes that select nothing (`attributes: []`, or every include under `includeIgnoreAttributes:
 * false`) only filter, join or aggregate: the result has no key for them, as on Sequelize 6. Run on
 * sequelize@6 and on relata on every dialect and compared.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Lib = 'relata' | 'sequelize';
type AnyModel = any;
interface Api {
  lib: Lib;
  fn: typeof RelataLib.fn;
  col: typeof RelataLib.col;
  User: AnyModel;
  Post: AnyModel;
  Counter: { count: number };
}

describeEachDialect('includes that select nothing, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const apis = {} as Record<Lib, Api>;

  beforeAll(async () => {
    const relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    const setups: [Lib, { define(...args: unknown[]): AnyModel; sync(o: object): Promise<unknown> }, typeof RelataLib][] = [
      ['sequelize', twin.sequelize as never, SequelizeLib as never],
      ['relata', relata as never, RelataLib],
    ];
    for (const [lib, db, L] of setups) {
      const Counter = { count: 0 };
      const User = db.define('SnUser', { name: L.DataTypes.STRING }, { timestamps: false });
      const Post = db.define('SnPost', { title: L.DataTypes.STRING }, { timestamps: false });
      const Comment = db.define('SnComment', { body: L.DataTypes.STRING }, { timestamps: false });
      User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
      Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
      Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId' });
      await User.sync({ force: true });
      await Post.sync({ force: true });
      await Comment.sync({ force: true });
      await User.bulkCreate([{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }]);
      await Post.bulkCreate([{ title: 'a', userId: 1 }, { title: 'b', userId: 1 }, { title: 'c', userId: 2 }]);
      await Comment.bulkCreate([{ body: 'x', postId: 1 }]);
      // Counts the statements each find sends, to show nothing is loaded for a filter-only include.
      const options = (db as unknown as { options: { logging: unknown } }).options;
      options.logging = () => (Counter.count += 1);
      apis[lib] = { lib, fn: L.fn, col: L.col, User, Post, Counter };
    }
  });
  afterAll(async () => twin?.close());

  async function both<T>(scenario: (api: Api) => Promise<T>): Promise<Record<Lib, T>> {
    return { sequelize: await scenario(apis.sequelize), relata: await scenario(apis.relata) };
  }
  const plain = (rows: { get(o: object): unknown }[]) => rows.map((row) => row.get({ plain: true }));

  it('a to-one include with attributes: [] adds no key, and its where still filters', async () => {
    const results = await both(async ({ Post }) => ({
      all: plain(await Post.findAll({ include: [{ association: 'author', attributes: [] }], order: [['id', 'ASC']] })),
      ada: plain(await Post.findAll({ include: [{ association: 'author', attributes: [], where: { name: 'bob' } }], order: [['id', 'ASC']] })),
    }));
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata.ada).toEqual([{ id: 3, title: 'c', userId: 2 }]);
    expect(results.relata.all).toHaveLength(3);
  });

  it('a to-many include with attributes: [] and a where filters parents, adds no key, and loads nothing', async () => {
    const results = await both(async ({ User, Counter }) => {
      Counter.count = 0;
      const rows = plain(await User.findAll({ include: [{ association: 'posts', attributes: [], where: { title: 'b' } }], order: [['id', 'ASC']] }));
      return { rows, statements: Counter.count };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({ rows: [{ id: 1, name: 'ada' }], statements: 1 });
  });

  it('includeIgnoreAttributes: false counts over a to-many include, and leaves every include out of the result', async () => {
    const results = await both(async ({ User, Post, fn, col }) => ({
      counted: plain(
        await User.findAll({
          attributes: ['id', [fn('COUNT', col('posts.id')), 'n']],
          include: [{ association: 'posts' }],
          includeIgnoreAttributes: false,
          group: [`${User.name}.id`],
          order: [['id', 'ASC']],
        }),
      ).map((row) => ({ ...(row as object), n: Number((row as { n: unknown }).n) })),
      nested: plain(await Post.findAll({ include: [{ association: 'author' }, { association: 'comments' }], includeIgnoreAttributes: false, order: [['id', 'ASC']] })),
    }));
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata.counted).toEqual([{ id: 1, n: 2 }, { id: 2, n: 1 }, { id: 3, n: 0 }]);
    expect(results.relata.nested).toEqual([{ id: 1, title: 'a', userId: 1 }, { id: 2, title: 'b', userId: 1 }, { id: 3, title: 'c', userId: 2 }]);
  });
});
