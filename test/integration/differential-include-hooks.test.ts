/**
 * Find hooks of include targets, compared with sequelize@6 under every loading strategy relata's
 * planner picks: a to-one JOIN, a to-many JOIN (aggregates), JSON (SQLite), a batched
 * query (PostgreSQL and MariaDB for every to-many include; everywhere for a to-many below a joined to-one), and
 * `separate: true`. Sequelize runs a target's find hooks only for separate includes (their own
 * query), after the root's afterFind; relata does the same whichever strategy loads an include,
 * also for a target with a BLOB column (which the JSON planner leaves to a batched query unless
 * the include leaves the column out).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as S from 'sequelize';
import * as R from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

interface Row {
  get(options: { plain: true }): Record<string, unknown>;
}
interface LooseModel {
  readonly name: string;
  findAll(options?: object): Promise<Row[]>;
  bulkCreate(rows: object[]): Promise<unknown>;
  addHook(name: string, fn: (...args: unknown[]) => unknown): unknown;
  hasMany(target: unknown, options: object): unknown;
  hasOne(target: unknown, options: object): unknown;
}
interface Models {
  readonly User: LooseModel;
  readonly Post: LooseModel;
  readonly Profile: LooseModel;
  readonly Badge: LooseModel;
  /** A target with a BLOB column. */
  readonly File: LooseModel;
  readonly log: string[];
}
type Connection = { define(name: string, attributes: object, options?: object): unknown; sync(options?: object): Promise<unknown> };

const FIND_HOOKS = ['beforeFind', 'beforeFindAfterExpandIncludeAll', 'beforeFindAfterOptions', 'afterFind'];

/** The find hooks relata accepts (all four once the beforeFindAfter* hooks exist). */
function acceptedHooks(db: Connection): string[] {
  const probe = db.define('HkProbe', {}, { tableName: 'hk_probe' }) as LooseModel;
  return FIND_HOOKS.filter((name) => {
    try {
      probe.addHook(name, () => {});
      return true;
    } catch {
      return false;
    }
  });
}

async function setUp(db: Connection, T: typeof R.DataTypes, Op: typeof R.Op, hooks: readonly string[]): Promise<Models> {
  const log: string[] = [];
  const User = db.define('HkUser', { name: T.STRING }, { tableName: 'hk_users', timestamps: false }) as LooseModel;
  const Post = db.define('HkPost', { title: T.STRING }, { tableName: 'hk_posts', timestamps: false }) as LooseModel;
  const Profile = db.define('HkProfile', { bio: T.STRING }, { tableName: 'hk_profiles', timestamps: false }) as LooseModel;
  const Badge = db.define('HkBadge', { label: T.STRING }, { tableName: 'hk_badges', timestamps: false }) as LooseModel;
  const File = db.define('HkFile', { name: T.STRING, data: T.BLOB }, { tableName: 'hk_files', timestamps: false }) as LooseModel;
  User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
  User.hasMany(File, { as: 'files', foreignKey: 'userId' });
  User.hasOne(File, { as: 'avatar', foreignKey: 'ownerId' });
  User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
  Profile.hasMany(Badge, { as: 'badges', foreignKey: 'profileId' });
  for (const model of [User, Post, Profile, Badge, File]) {
    for (const hook of hooks) model.addHook(hook, () => void log.push(`${model.name}.${hook}`));
  }
  // A target hook that changes what is found: it hides the posts titled "hidden" when it runs.
  Post.addHook('beforeFind', (options) => {
    const o = options as { where?: unknown };
    o.where = { [Op.and]: [o.where ?? {}, { title: { [Op.ne]: 'hidden' } }] };
  });
  // The same for the BLOB target: it hides the files named "hidden" when it runs.
  File.addHook('beforeFind', (options) => {
    const o = options as { where?: unknown };
    o.where = { [Op.and]: [o.where ?? {}, { name: { [Op.ne]: 'hidden' } }] };
  });
  await db.sync({ force: true });
  await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }]);
  await Post.bulkCreate([{ title: 'a', userId: 1 }, { title: 'hidden', userId: 1 }, { title: 'c', userId: 2 }]);
  await Profile.bulkCreate([{ bio: 'x', userId: 1 }]);
  await Badge.bulkCreate([{ label: 'gold', profileId: 1 }]);
  await File.bulkCreate([
    { name: 'a.bin', data: Buffer.from([0, 1, 2]), userId: 1, ownerId: 1 },
    { name: 'hidden', data: Buffer.from([255]), userId: 1, ownerId: 2 },
    { name: 'c.bin', data: Buffer.from('c'), userId: 2, ownerId: null },
  ]);
  return { User, Post, Profile, Badge, File, log };
}

/** What a scenario yields: the hooks that ran, in order, and the rows found. */
interface Outcome {
  readonly hooks: string[];
  readonly rows: unknown;
}

interface Scenario {
  readonly run: (m: Models, lib: { fn: typeof R.fn; col: typeof R.col }) => Promise<Row[]>;
  /** How many statements relata runs (proves the strategy): per dialect family. */
  readonly statements: { readonly json: number; readonly batched: number };
  readonly strategy: string;
}

const SCENARIOS: Record<string, Scenario> = {
  'a hasMany include (JSON where the dialect has it, else batched)': {
    run: ({ User, Post }) => User.findAll({ include: [{ model: Post, as: 'posts' }], order: [['id', 'ASC']] }),
    statements: { json: 1, batched: 2 },
    strategy: 'json/batched',
  },
  'a hasOne include (joined)': {
    run: ({ User, Profile }) => User.findAll({ include: [{ model: Profile, as: 'profile' }], order: [['id', 'ASC']] }),
    statements: { json: 1, batched: 1 },
    strategy: 'join',
  },
  'a hasMany below a joined hasOne (batched everywhere)': {
    run: ({ User, Profile, Badge }) => User.findAll({ include: [{ model: Profile, as: 'profile', include: [{ model: Badge, as: 'badges' }] }], order: [['id', 'ASC']] }),
    statements: { json: 2, batched: 2 },
    strategy: 'batched',
  },
  'a hasMany joined for an aggregate': {
    run: ({ User, Post }, { fn, col }) =>
      User.findAll({ attributes: ['id', [fn('COUNT', col('posts.id')), 'n']], include: [{ model: Post, as: 'posts', attributes: [] }], group: ['HkUser.id'], order: [['id', 'ASC']] }),
    statements: { json: 1, batched: 1 },
    strategy: 'join (to-many)',
  },
  'a separate hasMany include': {
    run: ({ User, Post }) => User.findAll({ include: [{ model: Post, as: 'posts', separate: true }], order: [['id', 'ASC']] }),
    statements: { json: 2, batched: 2 },
    strategy: 'separate',
  },
  'a hasMany include with a limit (separate, as in Sequelize)': {
    run: ({ User, Post }) => User.findAll({ include: [{ model: Post, as: 'posts', limit: 5 }], order: [['id', 'ASC']] }),
    statements: { json: 2, batched: 2 },
    strategy: 'separate',
  },
  'a hasMany include of a BLOB target (batched everywhere: JSON does not carry the BLOB)': {
    run: ({ User, File }) => User.findAll({ include: [{ model: File, as: 'files' }], order: [['id', 'ASC']] }),
    statements: { json: 2, batched: 2 },
    strategy: 'batched (BLOB)',
  },
  'a hasMany include of a BLOB target without the BLOB column (JSON where the dialect has it)': {
    run: ({ User, File }) => User.findAll({ include: [{ model: File, as: 'files', attributes: ['id', 'name', 'userId'] }], order: [['id', 'ASC']] }),
    statements: { json: 1, batched: 2 },
    strategy: 'json/batched (BLOB left out)',
  },
  'a hasOne include of a BLOB target (joined)': {
    run: ({ User, File }) => User.findAll({ include: [{ model: File, as: 'avatar' }], order: [['id', 'ASC']] }),
    statements: { json: 1, batched: 1 },
    strategy: 'join (BLOB)',
  },
  'a separate hasMany include of a BLOB target': {
    run: ({ User, File }) => User.findAll({ include: [{ model: File, as: 'files', separate: true }], order: [['id', 'ASC']] }),
    statements: { json: 2, batched: 2 },
    strategy: 'separate (BLOB)',
  },
  'a BLOB hasMany below a joined hasOne, next to a JSON hasMany': {
    run: ({ User, Post, File, Profile }) =>
      User.findAll({ include: [{ model: Profile, as: 'profile' }, { model: Post, as: 'posts' }, { model: File, as: 'files' }], order: [['id', 'ASC']] }),
    statements: { json: 2, batched: 3 },
    strategy: 'join + json/batched + batched (BLOB)',
  },
};

function plain(rows: readonly Row[]): unknown {
  return rows.map((r) => {
    const values = r.get({ plain: true });
    for (const key of ['posts', 'files']) if (Array.isArray(values[key])) values[key] = [...(values[key] as { id: number }[])].sort((a, b) => a.id - b.id);
    if (values['n'] !== undefined) values['n'] = Number(values['n']);
    return values;
  });
}

describeEachDialect('include target find hooks under every loading strategy, against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  let ours: Models;
  let theirs: Models;
  const sql = captureSql();
  let hooks: string[] = [];
  // The default strategy of each dialect: JSON on SQLite, batched on PostgreSQL (its rows decode faster) and MariaDB.
  const family = dialect === 'postgres' || dialect === 'mariadb' ? 'batched' : 'json';

  beforeAll(async () => {
    const relata = await connect({ logging: sql.logging });
    twin = await sequelizeTwin(dialect, url);
    hooks = acceptedHooks((await connect()) as unknown as Connection);
    ours = await setUp(relata as unknown as Connection, R.DataTypes, R.Op, hooks);
    theirs = await setUp(twin.sequelize as unknown as Connection, S.DataTypes as unknown as typeof R.DataTypes, S.Op as unknown as typeof R.Op, hooks);
  });
  afterAll(async () => {
    await twin?.close();
  });

  async function outcome(models: Models, lib: { fn: typeof R.fn; col: typeof R.col }, scenario: Scenario): Promise<Outcome> {
    models.log.length = 0;
    const rows = plain(await scenario.run(models, lib));
    return { hooks: [...models.log], rows };
  }

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(`${name}: ${scenario.strategy}`, async () => {
      const expected = await outcome(theirs, { fn: S.fn as unknown as typeof R.fn, col: S.col as unknown as typeof R.col }, scenario);
      sql.statements.length = 0;
      const actual = await outcome(ours, { fn: R.fn, col: R.col }, scenario);
      expect(sql.statements).toHaveLength(scenario.statements[family]);
      expect(actual).toEqual(expected);
    });
  }

  it('pins the figures: target hooks run for separate includes only, after the root afterFind', async () => {
    expect(hooks).toContain('beforeFind');
    expect(hooks).toContain('afterFind');
    const joined = await outcome(ours, { fn: R.fn, col: R.col }, SCENARIOS['a hasMany include (JSON where the dialect has it, else batched)'] as Scenario);
    expect(joined.hooks.every((h) => h.startsWith('HkUser.'))).toBe(true);
    expect((joined.rows as { posts: { title: string }[] }[])[0]?.posts.map((p) => p.title)).toEqual(['a', 'hidden']);
    const separate = await outcome(ours, { fn: R.fn, col: R.col }, SCENARIOS['a separate hasMany include'] as Scenario);
    expect(separate.hooks.indexOf('HkUser.afterFind')).toBeLessThan(separate.hooks.indexOf('HkPost.beforeFind'));
    expect((separate.rows as { posts: { title: string }[] }[])[0]?.posts.map((p) => p.title)).toEqual(['a']);
    // The same with a BLOB target, batched (the JSON planner refuses its BLOB column) or separate.
    const blob = await outcome(ours, { fn: R.fn, col: R.col }, SCENARIOS['a hasMany include of a BLOB target (batched everywhere: JSON does not carry the BLOB)'] as Scenario);
    expect(blob.hooks.every((h) => h.startsWith('HkUser.'))).toBe(true);
    expect((blob.rows as { files: { name: string; data: Buffer }[] }[])[0]?.files.map((f) => [f.name, [...f.data]])).toEqual([['a.bin', [0, 1, 2]], ['hidden', [255]]]);
    const blobSeparate = await outcome(ours, { fn: R.fn, col: R.col }, SCENARIOS['a separate hasMany include of a BLOB target'] as Scenario);
    expect(blobSeparate.hooks.filter((h) => h.startsWith('HkFile.'))).toEqual(hooks.map((h) => `HkFile.${h}`));
    expect(blobSeparate.hooks.indexOf('HkUser.afterFind')).toBeLessThan(blobSeparate.hooks.indexOf('HkFile.beforeFind'));
    expect((blobSeparate.rows as { files: { name: string }[] }[])[0]?.files.map((f) => f.name)).toEqual(['a.bin']);
  });
});
