/**
 * Aggregates over to-many includes, written as Sequelize users write them, run on sequelize@6 and
 * on relata with the same data and compared row for row: a to-many include whose columns the
 * query's attributes, group, having or an order expression name is joined into the root query.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as S from 'sequelize';
import * as R from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

/** What the scenarios use of either library. */
interface Lib {
  readonly fn: (name: string, ...args: unknown[]) => unknown;
  readonly col: (name: string) => unknown;
  readonly literal: (sql: string) => unknown;
  readonly where: (attribute: unknown, logic: unknown) => unknown;
  readonly Op: { readonly gte: symbol };
}

interface Row {
  get(options: { plain: true }): Record<string, unknown>;
}

interface LooseModel {
  findAll(options: object): Promise<Row[] | Record<string, unknown>[]>;
  findOne(options: object): Promise<Row | null>;
  count(options: object): Promise<unknown>;
  findAndCountAll(options: object): Promise<{ count: unknown; rows: Row[] }>;
  bulkCreate(rows: object[]): Promise<unknown>;
}

interface Models {
  readonly User: LooseModel;
  readonly Post: LooseModel;
  readonly Group: LooseModel;
}

type Connection = { define(name: string, attributes: object, options?: object): unknown; sync(options?: object): Promise<unknown>; model(name: string): unknown };

async function setUp(db: Connection, T: typeof R.DataTypes): Promise<Models> {
  const User = db.define('AgUser', { name: T.STRING }, { tableName: 'ag_users' }) as LooseModel & Record<string, (...a: unknown[]) => unknown>;
  const Post = db.define('AgPost', { title: T.STRING, score: T.INTEGER }, { tableName: 'ag_posts' }) as LooseModel & Record<string, (...a: unknown[]) => unknown>;
  const Group = db.define('AgGroup', { label: T.STRING }, { tableName: 'ag_groups' }) as LooseModel & Record<string, (...a: unknown[]) => unknown>;
  User['hasMany']?.(Post, { as: 'posts', foreignKey: 'userId' });
  Post['belongsTo']?.(User, { as: 'author', foreignKey: 'userId' });
  User['belongsToMany']?.(Group, { as: 'groups', through: 'ag_memberships', foreignKey: 'userId', otherKey: 'groupId' });
  await db.sync({ force: true });
  await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }, { name: 'cid' }]);
  await Post.bulkCreate([
    { title: 'a', score: 1, userId: 1 },
    { title: 'b', score: 2, userId: 1 },
    { title: 'c', score: 5, userId: 2 },
  ]);
  await Group.bulkCreate([{ label: 'g1' }, { label: 'g2' }]);
  await (db.model('ag_memberships') as LooseModel).bulkCreate([{ userId: 1, groupId: 1 }, { userId: 1, groupId: 2 }, { userId: 3, groupId: 2 }]);
  return { User, Post, Group };
}

/** Instances as their plain values; raw rows as they are. Numbers that a driver returns as text are compared as read. */
function plain(rows: readonly unknown[]): unknown[] {
  return rows.map((r) => (r !== null && typeof r === 'object' && 'get' in r && typeof r.get === 'function' ? (r as Row).get({ plain: true }) : r));
}

/** Grouped counts come in no set order: sorted by their JSON text. */
function sorted(rows: unknown): unknown {
  return Array.isArray(rows) ? [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : rows;
}

/** The scenarios, each a function of the library and its models. */
const SCENARIOS: Record<string, (lib: Lib, m: Models) => Promise<unknown>> = {
  'COUNT over an attributes: [] include, grouped by the root key': async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', 'name', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], order: [['id', 'ASC']] })),
  'the same with subQuery: false': async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', 'name', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], subQuery: false, order: [['id', 'ASC']] })),
  'raw: true': async ({ fn, col }, { User, Post }) =>
    await User.findAll({ attributes: ['id', 'name', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], raw: true, order: [['id', 'ASC']] }),
  'raw: true, nest: true': async ({ fn, col }, { User, Post }) =>
    await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], raw: true, nest: true, order: [['id', 'ASC']] }),
  "order by literal('n') DESC": async ({ fn, col, literal }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], order: [[literal('n'), 'DESC'], ['id', 'ASC']] })),
  "order by fn('COUNT', col('posts.id')) DESC": async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], order: [[fn('COUNT', col('posts.id')), 'DESC'], ['id', 'ASC']] })),
  'having on the aggregate': async ({ fn, col, where, Op }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], having: where(fn('COUNT', col('posts.id')), { [Op.gte]: 1 }), order: [['id', 'ASC']] })),
  'SUM of an included column': async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('SUM', col('posts.score')), 's']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], order: [['id', 'ASC']] })),
  'subQuery: false with a limit: the two users with most posts': async ({ fn, col, literal }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], subQuery: false, limit: 2, order: [[literal('n'), 'DESC'], ['id', 'ASC']] })),
  'a required include joins INNER': async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [], required: true }], group: ['AgUser.id'], order: [['id', 'ASC']] })),
  'an include where filters the joined rows': async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [], where: { score: [1, 5] }, required: false }], group: ['AgUser.id'], order: [['id', 'ASC']] })),
  'COUNT over a belongsToMany include': async ({ fn, col }, { User, Group }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('groups.id')), 'g']], include: [{ model: Group, as: 'groups', attributes: [], through: { attributes: [] } }], group: ['AgUser.id'], order: [['id', 'ASC']] })),
  'grouped by an included column: children with the asked attributes only': async ({ fn, col }, { User, Post }) => {
    const rows = plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: ['title'] }], group: ['AgUser.id', 'posts.id'], order: [['id', 'ASC']] })) as { posts: { title: string }[] }[];
    return rows.map((r) => ({ ...r, posts: [...r.posts].sort((a, b) => a.title.localeCompare(b.title)) }));
  },
  'attributes: { include: [aggregate] } over the include': async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: { include: [[fn('COUNT', col('posts.id')), 'n']], exclude: ['createdAt', 'updatedAt'] }, include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], order: [['id', 'ASC']] })),
  'an aggregate over the whole join, without group': async ({ fn, col }, { User, Post }) =>
    await User.findAll({ attributes: [[fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], raw: true }),
  "a where on '$posts.score$' filters the joined rows": async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], where: { '$posts.score$': [2, 5] }, group: ['AgUser.id'], order: [['id', 'ASC']] })),
  'a nested to-one include with attributes: [] below the joined one': async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [], include: [{ model: User, as: 'author', attributes: [] }] }], group: ['AgUser.id'], order: [['id', 'ASC']] })),
  'findOne with the aggregate': async ({ fn, col }, { User, Post }) =>
    plain([(await User.findOne({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], where: { id: 1 } })) as Row]),
  "a to-one include's column in attributes (attributes: [] on the include)": async ({ col }, { User, Post }) =>
    plain(await Post.findAll({ attributes: ['id', [col('author.name'), 'authorName']], include: [{ model: User, as: 'author', attributes: [] }], order: [['id', 'ASC']] })),
  "grouped by a to-one include's column": async ({ fn, col }, { User, Post }) =>
    plain(await Post.findAll({ attributes: [[col('author.name'), 'who'], [fn('SUM', col('score')), 's']], include: [{ model: User, as: 'author', attributes: [] }], group: ['author.name'], order: [[col('author.name'), 'ASC']] })),
  'findAndCountAll with group: the count per group, the rows': async ({ fn, col }, { User, Post }) => {
    const { count, rows } = await User.findAndCountAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], order: [['id', 'ASC']] });
    return { count: sorted(count), rows: plain(rows) };
  },
  'raw: true with included attributes: one flat row per joined row': async ({ fn, col }, { User, Post }) =>
    await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: ['title'] }], group: ['AgUser.id', 'posts.id'], raw: true, order: [['id', 'ASC'], [col('posts.id'), 'ASC']] }),
  'raw: true, nest: true with included attributes': async ({ fn, col }, { User, Post }) =>
    await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: ['title'] }], group: ['AgUser.id', 'posts.id'], raw: true, nest: true, order: [['id', 'ASC'], [col('posts.id'), 'ASC']] }),
  'an included column neither grouped nor aggregated: the same error on PostgreSQL, rows elsewhere': async ({ fn, col }, { User, Post }) =>
    (await User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: ['title'] }], group: ['AgUser.id'], order: [['id', 'ASC']] })).length,
  'grouped by a root column without the root key': async ({ fn, col }, { User, Post }) =>
    plain(await User.findAll({ attributes: ['name', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['name'], order: [['name', 'ASC']] })),
  'grouped by a root column and an included key: children folded by the root values': async ({ fn, col }, { User, Post }) => {
    const rows = plain(await User.findAll({ attributes: ['name', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: ['title'] }], group: ['name', 'posts.id'], order: [['name', 'ASC']] })) as { posts: { title: string }[] }[];
    return rows.map((r) => ({ ...r, posts: [...r.posts].sort((a, b) => a.title.localeCompare(b.title)) }));
  },
  'count with group over an include': async (_lib, { User, Post }) => sorted(await User.count({ include: [{ model: Post, as: 'posts', attributes: [] }], group: ['AgUser.id'] })),
  'count with group and attributes': async (_lib, { User, Post }) => sorted(await User.count({ include: [{ model: Post, as: 'posts' }], group: ['name'], attributes: ['name'] })),
  'count with group on an included column': async (_lib, { User, Post }) => sorted(await User.count({ include: [{ model: Post, as: 'posts' }], group: ['posts.title'] })),
  'count with group and a filtering include': async (_lib, { User, Post }) => sorted(await User.count({ include: [{ model: Post, as: 'posts', where: { score: 1 } }], group: ['name'] })),
  'findAndCountAll with distinct: true and a required include': async (_lib, { User, Post }) => {
    const { count, rows } = await User.findAndCountAll({ include: [{ model: Post, as: 'posts', required: true }], distinct: true, order: [['id', 'ASC']] });
    return { count, ids: plain(rows).map((r) => (r as { id: number }).id) };
  },
  'findAndCountAll with distinct: true, no filter': async (_lib, { User, Post }) => {
    const { count, rows } = await User.findAndCountAll({ include: [{ model: Post, as: 'posts' }], distinct: true, order: [['id', 'ASC']] });
    return { count, ids: plain(rows).map((r) => (r as { id: number }).id) };
  },
};

/** Values as JSON would carry them: PostgreSQL's COUNT and SUM come as text from both libraries, and must match as such. */
function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Scenarios that fail on sequelize@6 on PostgreSQL, with what relata returns there (n as a number). */
const BEYOND_SEQUELIZE_ON_POSTGRES: Record<string, unknown> = {
  'grouped by a root column without the root key': [
    { name: 'ann', n: 2 },
    { name: 'bob', n: 1 },
    { name: 'cid', n: 0 },
  ],
  'grouped by a root column and an included key: children folded by the root values': [
    { name: 'ann', n: 1, posts: [{ title: 'a' }, { title: 'b' }] },
    { name: 'bob', n: 1, posts: [{ title: 'c' }] },
    { name: 'cid', n: 0, posts: [] },
  ],
};

/** The scenario's result, or the name of the error it threw. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    return { error: (error as Error).name };
  }
}

describeEachDialect('aggregates over to-many includes, against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  let relataModels: Models;
  let sequelizeModels: Models;
  const sql = captureSql();
  const relataLib: Lib = { fn: R.fn as Lib['fn'], col: R.col, literal: R.literal, where: R.where as Lib['where'], Op: R.Op };
  const sequelizeLib: Lib = { fn: S.fn as Lib['fn'], col: S.col, literal: S.literal, where: S.where as Lib['where'], Op: S.Op };

  beforeAll(async () => {
    const relata = await connect({ logging: sql.logging });
    twin = await sequelizeTwin(dialect, url);
    relataModels = await setUp(relata as unknown as Connection, R.DataTypes);
    sequelizeModels = await setUp(twin.sequelize as unknown as Connection, S.DataTypes as unknown as typeof R.DataTypes);
  });
  afterAll(async () => {
    await twin?.close();
  });

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const expected = normalize(await outcome(() => scenario(sequelizeLib, sequelizeModels)));
      const actual = normalize(await outcome(() => scenario(relataLib, relataModels)));
      // Only the error scenario may fail, and only on PostgreSQL (which refuses an ungrouped column).
      const failing = name.includes('same error') && dialect === 'postgres';
      if (failing) expect(expected).toEqual({ error: 'SequelizeDatabaseError' });
      const pinned = BEYOND_SEQUELIZE_ON_POSTGRES[name];
      if (pinned !== undefined && dialect === 'postgres') {
        // Sequelize adds the root key to the select list for de-duplication, which PostgreSQL
        // refuses outside the GROUP BY; relata folds rows by the root's values and returns them.
        expect(expected).toEqual({ error: 'SequelizeDatabaseError' });
        expect((actual as Record<string, unknown>[]).map((r) => ({ ...r, n: Number(r['n']) }))).toEqual(pinned);
        return;
      }
      if (!failing) expect(expected).not.toHaveProperty('error');
      expect(actual).toEqual(expected);
    });
  }

  it('pins the figures: ann has 2 posts, bob 1, cid none', async () => {
    const rows = plain(await relataModels.User.findAll({ attributes: ['id', [R.fn('COUNT', R.col('posts.id')), 'n']], include: [{ model: relataModels.Post, as: 'posts', attributes: [] }], group: ['AgUser.id'], order: [['id', 'ASC']] }));
    expect(rows.map((r) => Number((r as { n: unknown }).n))).toEqual([2, 1, 0]);
    expect(sorted(await relataModels.User.count({ include: [{ model: relataModels.Post, as: 'posts', attributes: [] }], group: ['AgUser.id'] }))).toEqual([
      { id: 1, count: 2 },
      { id: 2, count: 1 },
      { id: 3, count: 1 },
    ]);
  });

  it('joins the include once into the root query (no batched or JSON query)', async () => {
    sql.statements.length = 0;
    await relataModels.User.findAll({ attributes: ['id', [R.fn('COUNT', R.col('posts.id')), 'n']], include: [{ model: relataModels.Post, as: 'posts', attributes: [] }], group: ['AgUser.id'] });
    expect(sql.statements).toHaveLength(1);
    expect(sql.statements[0]).toMatch(/left join\s+["`]ag_posts["`] as ["`]posts["`]/i);
  });
});
