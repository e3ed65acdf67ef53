/**
 * Injection fuzzing: every payload of `support/payloads.ts` goes through every entry point that
 * takes user data: where keys and values, order, attributes, group, include (alias and where),
 * accessor options, replacements and bind, create and update values, JSON attributes, findByPk
 * ids, limit and offset.
 *
 * An attempt escapes when
 * - it rejects with anything but a relata error (a `BaseError`), or
 * - it resolves with rows the payload cannot legitimately match (an oracle per entry point), or a
 *   write that does not read back exactly as given, or
 * - it takes longer than a sleep payload would (a `pg_sleep(3)` / `SLEEP(3)` that ran), or
 * - after the payload, the schema or a checksum of every row differs from before (writes that
 *   are legitimate are read back and undone first).
 * The test prints `payloads × entry points = attempts, escapes` per dialect and expects 0 escapes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BaseError, DataTypes, Op, QueryTypes, col, fn, literal, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { quoteId } from '../support/constraints.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';
import { payloads, type Payload } from './support/payloads.js';
import { snapshot } from './support/snapshot.js';

/** A sleep payload that ran would take at least 3 s; every legitimate attempt here takes milliseconds. */
const SLOW_MS = 2_500;

interface Fixture {
  readonly db: Relata;
  readonly dialect: TestDialect;
  readonly User: ModelStatic<Model>;
  readonly Post: ModelStatic<Model>;
  readonly Note: ModelStatic<Model>;
  readonly alice: Model & Record<string, any>;
  readonly sinkId: number;
  readonly users: readonly Record<string, unknown>[];
  readonly posts: readonly Record<string, unknown>[];
}

/** What an entry point did with one payload: resolved with a value, or rejected. */
type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

interface EntryPoint {
  readonly name: string;
  /** Which payloads this entry point takes (keys can only be strings, for example). */
  readonly accepts: (payload: unknown) => boolean;
  readonly run: (f: Fixture, payload: unknown) => Promise<unknown>;
  /** For a resolved attempt: why the result is not legitimate, or undefined. May undo a legitimate write. */
  readonly check: (f: Fixture, payload: unknown, value: unknown) => Promise<string | undefined> | string | undefined;
}

const isString = (p: unknown): p is string => typeof p === 'string';
const any = (): boolean => true;

/**
 * Equality as the databases compare a string column with a value, loosely enough for every dialect
 * (the oracle only has to rule out rows that nothing could match):
 * - MariaDB's default collation ignores case and trailing spaces;
 * - raw SQL on MariaDB compares a string column with a number or boolean numerically: the string's
 *   leading number, or 0 (`'alice' = false` is true). That is the database's rule for raw SQL, where
 *   relata cannot know the column's type; model queries check the value against the attribute first.
 */
function looseEqual(stored: unknown, given: unknown): boolean {
  if (typeof given === 'number' || typeof given === 'boolean') {
    return String(stored) === String(given) || (typeof stored === 'string' && (Number.parseFloat(stored) || 0) === Number(given));
  }
  if (typeof given !== 'string' || typeof stored !== 'string') return false;
  return stored.toLowerCase().trimEnd() === given.toLowerCase().trimEnd();
}

/**
 * Rows of `all` a where value could match for one column: scalars by equality, arrays as IN
 * (a nested array is a parenthesized group in replacements, so it is flattened).
 */
function matching(all: readonly Record<string, unknown>[], column: string, value: unknown): Set<unknown> {
  const candidates = Array.isArray(value) ? value.flat(Infinity) : [value];
  const hits = all.filter((row) => candidates.some((v) => looseEqual(row[column], v)));
  return new Set(hits.map((row) => row['id']));
}

/** Rows a whole where object could match: each key an attribute compared by equality, arrays AND-ed. */
function matchingWhere(all: readonly Record<string, unknown>[], where: unknown): Set<unknown> {
  if (where === null || where === undefined) return new Set(all.map((r) => r['id']));
  if (Array.isArray(where)) {
    const sets = where.map((w) => matchingWhere(all, w));
    return new Set(all.map((r) => r['id']).filter((id) => sets.every((s) => s.has(id))));
  }
  if (where === null || typeof where !== 'object') return new Set();
  const entries = Object.entries(where);
  return new Set(all.filter((row) => entries.every(([k, v]) => k in row && (Array.isArray(v) ? v.some((x) => looseEqual(row[k], x)) : looseEqual(row[k], v)))).map((r) => r['id']));
}

function idsOf(value: unknown): unknown[] {
  return (value as (Model | Record<string, unknown>)[]).map((r) => ('dataValues' in r ? (r as Model).get('id') : r['id']));
}

function subset(value: unknown, allowed: Set<unknown>, what: string): string | undefined {
  const extra = idsOf(value).filter((id) => !allowed.has(id) && !allowed.has(Number(id)));
  return extra.length === 0 ? undefined : `returned ${what} ${extra.join(', ')} that the payload cannot match`;
}

function allUsers(f: Fixture, value: unknown): string | undefined {
  const got = idsOf(value).map(Number).sort();
  const want = f.users.map((u) => Number(u['id'])).sort();
  return JSON.stringify(got) === JSON.stringify(want) ? undefined : `returned users ${got.join(', ')} instead of all users`;
}

/**
 * Whether `stored` is what writing `given` must store. A string with a lone surrogate is not valid
 * UTF-16, so no database can store it as given; each driver substitutes replacement characters in
 * its own way, and any string is accepted then (the row checksum still guards every other row).
 */
function sameText(stored: unknown, given: unknown): boolean {
  if (given === null) return stored === null;
  if (typeof given !== 'string') return false;
  return wellFormed(given) ? stored === given : typeof stored === 'string';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

async function readNote(f: Fixture, id: unknown, column: 'body' | 'meta'): Promise<unknown> {
  const sql = `SELECT ${quoteId(f.dialect, column)} AS v FROM ${quoteId(f.dialect, 'Notes')} WHERE ${quoteId(f.dialect, 'id')} = ?`;
  const row = (await f.db.query(sql, { replacements: [id], type: QueryTypes.SELECT, plain: true })) as { v: unknown } | null;
  return row?.v;
}

async function dropNote(f: Fixture, id: unknown): Promise<void> {
  await f.db.query(`DELETE FROM ${quoteId(f.dialect, 'Notes')} WHERE ${quoteId(f.dialect, 'id')} = ?`, { replacements: [id] });
}

async function resetSink(f: Fixture): Promise<void> {
  await f.db.query(`UPDATE ${quoteId(f.dialect, 'Notes')} SET ${quoteId(f.dialect, 'body')} = ? WHERE ${quoteId(f.dialect, 'id')} = ?`, { replacements: ['sink', f.sinkId] });
}

/** A JSON column as the raw driver returns it: pg and mysql2 (MariaDB marks the column as JSON) parse it, SQLite gives text. */
const JSON_PARSED_BY_DRIVER: Record<TestDialect, boolean> = { sqlite: false, 'sqlite-file': false, postgres: true, mariadb: true };

function jsonOf(f: Fixture, raw: unknown): unknown {
  return JSON_PARSED_BY_DRIVER[f.dialect] || raw === null ? raw : JSON.parse(raw as string);
}

const usersSql = (f: Fixture, where: string): string => `SELECT ${quoteId(f.dialect, 'id')} AS id FROM ${quoteId(f.dialect, 'Users')} WHERE ${quoteId(f.dialect, 'name')} = ${where}`;

const ENTRY_POINTS: readonly EntryPoint[] = [
  {
    name: 'where key',
    accepts: isString,
    run: (f, p) => f.User.findAll({ where: { [p as string]: 'x' } }),
    check: (_f, _p, v) => ((v as unknown[]).length === 0 ? undefined : 'a where key matched rows'),
  },
  {
    name: 'where value',
    accepts: any,
    run: (f, p) => f.User.findAll({ where: { name: p as string } }),
    check: (f, p, v) => subset(v, matching(f.users, 'name', p), 'users'),
  },
  {
    name: 'where object (a parsed body as the where)',
    accepts: any,
    run: (f, p) => f.User.findAll({ where: p as never }),
    check: (f, p, v) => subset(v, matchingWhere(f.users, p), 'users'),
  },
  {
    name: 'where Op.in value',
    accepts: any,
    run: (f, p) => f.User.findAll({ where: { name: { [Op.in]: [p as string] } } }),
    check: (f, p, v) => subset(v, matching(f.users, 'name', p), 'users'),
  },
  {
    name: 'order attribute',
    accepts: isString,
    run: (f, p) => f.User.findAll({ order: [[p as string, 'ASC']] }),
    check: (f, _p, v) => allUsers(f, v),
  },
  {
    name: 'order direction',
    accepts: isString,
    run: (f, p) => f.User.findAll({ order: [['name', p as 'ASC']] }),
    check: (f, _p, v) => allUsers(f, v),
  },
  {
    name: 'order (the option itself)',
    accepts: any,
    run: (f, p) => f.User.findAll({ order: p as never }),
    check: (f, _p, v) => allUsers(f, v),
  },
  {
    name: 'attributes name',
    accepts: isString,
    run: (f, p) => f.User.findAll({ attributes: [p as string], raw: true }),
    check: (f, _p, v) => ((v as unknown[]).length === f.users.length ? undefined : 'wrong row count'),
  },
  {
    name: 'attributes alias',
    accepts: isString,
    run: (f, p) => f.User.findAll({ attributes: ['id', ['name', p as string]], raw: true }),
    check: (f, p, v) => {
      const rows = v as Record<string, unknown>[];
      const names = new Set(f.users.map((u) => u['name']));
      return rows.length === f.users.length && rows.every((r) => Object.hasOwn(r, p as string) && names.has(r[p as string])) ? undefined : 'the alias did not carry the name column';
    },
  },
  {
    name: 'attributes (the option itself)',
    accepts: any,
    run: (f, p) => f.User.findAll({ attributes: p as never, raw: true }),
    check: (f, _p, v) => ((v as unknown[]).length === f.users.length ? undefined : 'wrong row count'),
  },
  {
    name: 'attributes exclude',
    accepts: isString,
    run: (f, p) => f.User.findAll({ attributes: { exclude: [p as string] }, raw: true }),
    check: (f, _p, v) => allUsers(f, v),
  },
  {
    name: 'group',
    accepts: any,
    run: (f, p) => f.User.findAll({ attributes: ['role', [fn('COUNT', col('id')), 'n']], group: p as never, raw: true }),
    check: (_f, _p, v) => ((v as Record<string, unknown>[]).every((r) => Object.keys(r).sort().join() === 'n,role') ? undefined : 'grouped rows with other columns'),
  },
  {
    name: 'include alias',
    accepts: any,
    run: (f, p) => f.User.findAll({ include: [p as never] }),
    check: (f, _p, v) => allUsers(f, v),
  },
  {
    name: 'include where value',
    accepts: any,
    run: (f, p) => f.User.findAll({ include: [{ association: 'posts', where: { title: p } }] }),
    check: (f, p, v) => {
      const owners = new Set([...matching(f.posts, 'title', p)].map((id) => f.posts.find((post) => post['id'] === id)?.['userId']));
      return subset(v, owners, 'users');
    },
  },
  {
    name: 'include where key',
    accepts: isString,
    run: (f, p) => f.User.findAll({ include: [{ association: 'posts', where: { [p as string]: 'x' } }] }),
    check: (_f, _p, v) => ((v as unknown[]).length === 0 ? undefined : 'an include where key matched rows'),
  },
  {
    name: 'accessor where (getPosts)',
    accepts: any,
    run: (f, p) => f.alice['getPosts']({ where: { title: p } }),
    check: (f, p, v) => subset(v, matching(f.posts.filter((post) => post['userId'] === f.alice.get('id')), 'title', p), 'posts'),
  },
  {
    name: 'accessor order (getPosts)',
    accepts: any,
    run: (f, p) => f.alice['getPosts']({ order: [[p, 'DESC']] }),
    check: (f, _p, v) => ((v as unknown[]).length === f.posts.filter((post) => post['userId'] === f.alice.get('id')).length ? undefined : 'wrong post count'),
  },
  {
    name: 'accessor where key (countPosts)',
    accepts: isString,
    run: (f, p) => f.alice['countPosts']({ where: { [p as string]: 1 } }),
    check: (_f, _p, v) => (v === 0 ? undefined : `counted ${String(v)}`),
  },
  {
    name: 'accessor key (hasPost)',
    accepts: any,
    run: (f, p) => f.alice['hasPost'](p),
    check: (f, p, v) => {
      // No key at all (null, []) is vacuously true, as in Sequelize; a numeric string names that id.
      const keys = p === null ? [] : Array.isArray(p) ? p : [p];
      const own = (k: unknown) => f.posts.some((post) => post['userId'] === f.alice.get('id') && Number(post['id']) === Number(k));
      return v === false || (v === true && keys.every(own)) ? undefined : `hasPost answered ${String(v)}`;
    },
  },
  {
    name: 'replacements (named)',
    accepts: any,
    run: (f, p) => f.db.query(usersSql(f, ':v'), { replacements: { v: p }, type: QueryTypes.SELECT }),
    check: (f, p, v) => subset(v, matching(f.users, 'name', p), 'users'),
  },
  {
    name: 'replacements (positional)',
    accepts: any,
    run: (f, p) => f.db.query(usersSql(f, '?'), { replacements: [p], type: QueryTypes.SELECT }),
    check: (f, p, v) => subset(v, matching(f.users, 'name', p), 'users'),
  },
  {
    name: 'bind ($1)',
    accepts: any,
    run: (f, p) => f.db.query(usersSql(f, '$1'), { bind: [p], type: QueryTypes.SELECT }),
    check: (f, p, v) => subset(v, matching(f.users, 'name', p), 'users'),
  },
  {
    name: 'bind ($name)',
    accepts: any,
    run: (f, p) => f.db.query(usersSql(f, '$v'), { bind: { v: p }, type: QueryTypes.SELECT }),
    check: (f, p, v) => subset(v, matching(f.users, 'name', p), 'users'),
  },
  {
    name: 'create values',
    accepts: any,
    run: (f, p) => f.Note.create({ body: p }),
    check: async (f, p, v) => {
      const id = (v as Model).get('id');
      const stored = await readNote(f, id, 'body');
      await dropNote(f, id);
      return sameText(stored, p) ? undefined : `stored ${JSON.stringify(stored)} for ${JSON.stringify(p)}`;
    },
  },
  {
    name: 'update values (Model.update)',
    accepts: any,
    run: (f, p) => f.Note.update({ body: p }, { where: { id: f.sinkId } }),
    check: async (f, p) => {
      const stored = await readNote(f, f.sinkId, 'body');
      await resetSink(f);
      return sameText(stored, p) ? undefined : `stored ${JSON.stringify(stored)} for ${JSON.stringify(p)}`;
    },
  },
  {
    name: 'update values (instance.update)',
    accepts: any,
    run: async (f, p) => ((await f.Note.findByPk(f.sinkId)) as Model).update({ body: p }),
    check: async (f, p) => {
      const stored = await readNote(f, f.sinkId, 'body');
      await resetSink(f);
      return sameText(stored, p) ? undefined : `stored ${JSON.stringify(stored)} for ${JSON.stringify(p)}`;
    },
  },
  {
    name: 'JSON attribute value',
    accepts: any,
    run: (f, p) => f.Note.create({ body: 'json', meta: p }),
    check: async (f, p, v) => {
      const id = (v as Model).get('id');
      const stored = jsonOf(f, await readNote(f, id, 'meta'));
      await dropNote(f, id);
      const expected: unknown = JSON.parse(JSON.stringify(p ?? null));
      return JSON.stringify(stored) === JSON.stringify(expected) ? undefined : `stored ${JSON.stringify(stored)} for ${JSON.stringify(p)}`;
    },
  },
  {
    name: 'JSON attribute key',
    accepts: isString,
    run: (f, p) => f.Note.create({ body: 'json', meta: { [p as string]: [p] } }),
    check: async (f, p, v) => {
      const id = (v as Model).get('id');
      const stored = jsonOf(f, await readNote(f, id, 'meta'));
      await dropNote(f, id);
      const expected = JSON.parse(JSON.stringify({ [p as string]: [p] })) as unknown;
      return JSON.stringify(stored) === JSON.stringify(expected) ? undefined : `stored ${JSON.stringify(stored)}`;
    },
  },
  {
    name: 'findByPk id',
    accepts: any,
    run: (f, p) => f.User.findByPk(p),
    check: (_f, p, v) => (v === null || Number((v as Model).get('id')) === Number(p) ? undefined : `found id ${String((v as Model).get('id'))} for ${JSON.stringify(p)}`),
  },
  {
    name: 'limit',
    accepts: any,
    run: (f, p) => f.User.findAll({ limit: p as number }),
    // null is no limit, as in Sequelize.
    check: (f, p, v) => ((p === null ? (v as unknown[]).length === f.users.length : /^\d+$/.test(String(p)) && (v as unknown[]).length <= Number(p)) ? undefined : `limit ${JSON.stringify(p)} returned ${(v as unknown[]).length} rows`),
  },
  {
    name: 'offset',
    accepts: any,
    run: (f, p) => f.User.findAll({ offset: p as number, order: [['id', 'ASC']] }),
    check: (f, p, v) => ((/^\d+$/.test(String(p ?? 0)) && (v as unknown[]).length === Math.max(0, f.users.length - Number(p ?? 0))) ? undefined : `offset ${JSON.stringify(p)} returned ${(v as unknown[]).length} rows`),
  },
];

function describePayload(payload: Payload): string {
  const text = JSON.stringify(payload.value) ?? String(payload.value);
  return `${payload.family} ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`;
}

async function attempt(f: Fixture, entry: EntryPoint, payload: unknown): Promise<string | undefined> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    outcome = { ok: true, value: await entry.run(f, payload) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  const ms = performance.now() - started;
  let problem: string | undefined;
  if (!outcome.ok) {
    const e = outcome.error as Error;
    if (!(e instanceof BaseError)) problem = `rejected with an untyped ${e?.name ?? typeof e}: ${String(e?.message ?? e).slice(0, 160)}`;
  } else {
    try {
      problem = await entry.check(f, payload, outcome.value);
    } catch (error) {
      problem = `could not check the result: ${String(error)}`;
    }
  }
  if (problem === undefined && ms > SLOW_MS) problem = `took ${Math.round(ms)} ms: a sleep payload ran`;
  return problem;
}

describeEachDialect('injection fuzzing', ({ dialect, connect }) => {
  let f: Fixture;
  const report = { payloads: payloads.length, entryPoints: ENTRY_POINTS.length, attempts: 0, escapes: [] as string[] };

  beforeAll(async () => {
    const db = await connect();
    const User = db.define('User', {
      name: { type: DataTypes.STRING, allowNull: false },
      role: { type: DataTypes.STRING, allowNull: false, defaultValue: 'user' },
      age: DataTypes.INTEGER,
    });
    const Post = db.define('Post', { title: DataTypes.STRING });
    const Tag = db.define('Tag', { name: DataTypes.STRING });
    const Secret = db.define('Secret', { value: DataTypes.STRING });
    // No timestamps: a legitimate write to the sink row is undone exactly by restoring its body.
    const Note = db.define('Note', { body: DataTypes.TEXT, meta: DataTypes.JSON }, { timestamps: false });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
    User.belongsToMany(Tag, { through: 'UserTags', as: 'tags', foreignKey: 'userId', otherKey: 'tagId' });
    void Secret;
    await db.sync({ force: true });
    const [alice] = await User.bulkCreate([{ name: 'alice', age: 30 }, { name: 'bob', age: 40, role: 'admin' }]);
    await Post.bulkCreate([{ title: 'hello', userId: 1 }, { title: 'world', userId: 1 }, { title: 'bobs', userId: 2 }]);
    await Tag.bulkCreate([{ name: 't1' }]);
    await db.model('UserTags').bulkCreate([{ userId: 1, tagId: 1 }]);
    await Secret.create({ value: 'TOP-SECRET' });
    const sink = await Note.create({ body: 'sink' });
    f = {
      db, dialect, User, Post, Note, alice: alice as Model & Record<string, any>, sinkId: sink.get('id') as number,
      users: (await User.findAll({ raw: true })) as Record<string, unknown>[],
      posts: (await Post.findAll({ raw: true })) as Record<string, unknown>[],
    };
  });

  afterAll(() => {
    console.info(
      `relata reliability [${dialect}] injection: ${report.payloads} payloads × ${report.entryPoints} entry points = ${report.attempts} attempts, ${report.escapes.length} escapes`,
    );
  });

  it(`${payloads.length} payloads through ${ENTRY_POINTS.length} entry points leave the database untouched, with typed errors only`, async () => {
    let before = await snapshot(f.db, dialect);
    for (const payload of payloads) {
      for (const entry of ENTRY_POINTS) {
        if (!entry.accepts(payload.value)) continue;
        report.attempts++;
        const problem = await attempt(f, entry, payload.value);
        if (problem !== undefined) report.escapes.push(`${entry.name} ← ${describePayload(payload)}: ${problem}`);
      }
      const after = await snapshot(f.db, dialect);
      if (after.schema !== before.schema || after.rows !== before.rows) {
        report.escapes.push(`${describePayload(payload)}: the database changed (${JSON.stringify(before.counts)} → ${JSON.stringify(after.counts)})`);
        before = after;
      }
    }
    expect(report.escapes).toEqual([]);
    expect(report.attempts).toBeGreaterThan(300 * 20);
  }, 600_000);

  it('the oracles catch an entry point that splices the payload into SQL (control)', async () => {
    // The same checks, on entry points written the unsafe way, must report escapes.
    const spliced: readonly [EntryPoint, string][] = [
      [
        { ...entryPoint('where value'), name: 'spliced where', run: (fx, p) => fx.User.findAll({ where: literal(`${quoteId(fx.dialect, 'name')} = '${String(p)}'`) }) },
        "' OR '1'='1",
      ],
      [
        {
          ...entryPoint('update values (Model.update)'),
          name: 'spliced update',
          run: (fx, p) => fx.db.query(`UPDATE ${quoteId(fx.dialect, 'Notes')} SET ${quoteId(fx.dialect, 'body')} = '${String(p)}' WHERE ${quoteId(fx.dialect, 'id')} = ${fx.sinkId}`),
        },
        `x', ${quoteId(dialect, 'meta')} = '{}`,
      ],
    ];
    const found: string[] = [];
    for (const [entry, payload] of spliced) {
      const problem = await attempt(f, entry, payload);
      if (problem !== undefined) found.push(`${entry.name}: ${problem}`);
    }
    await f.db.query(`UPDATE ${quoteId(dialect, 'Notes')} SET ${quoteId(dialect, 'meta')} = NULL WHERE ${quoteId(dialect, 'id')} = ${f.sinkId}`);
    expect(found).toEqual([
      'spliced where: returned users 1, 2 that the payload cannot match',
      `spliced update: stored "x" for ${JSON.stringify(`x', ${quoteId(dialect, 'meta')} = '{}`)}`,
    ]);
  });
});

function entryPoint(name: string): EntryPoint {
  const found = ENTRY_POINTS.find((e) => e.name === name);
  if (!found) throw new Error(`no entry point ${name}`);
  return found;
}
