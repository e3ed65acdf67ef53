/**
 * Concurrency: many requests writing the same parent's links at once, findOrCreate racing for one
 * key, and managed transactions that conflict.
 *
 * Mixed add/set/remove calls are checked against serializability: the final links must be what
 * some serial order of the calls produces. Each add and remove touches one target of its own and
 * every set names its own three targets, so (with `F` the final links, `S_k` the targets of set k)
 * such an order exists exactly when, for some k (the set that ran last),
 * - within the targets of all sets, `F` is `S_k` (a set replaces everything before it), and
 * - every other target in `F` has an add (which ran after `S_k`; the removes' targets were linked
 *   before the round, and any set unlinks them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTypes, DatabaseError, InvalidOptionError, QueryTypes, UniqueConstraintError, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { quoteId } from '../support/constraints.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';

const CALLS = 50;

/** The operations of one mixed round, each on its own targets (indexes into the target list). */
interface MixedPlan {
  readonly sets: readonly (readonly number[])[];
  readonly adds: readonly number[];
  readonly removes: readonly number[];
}

/** 10 sets of 3 targets (0..29), 20 adds (30..49), 20 removes (50..69): 50 calls. */
const MIXED: MixedPlan = {
  sets: Array.from({ length: 10 }, (_, k) => [3 * k, 3 * k + 1, 3 * k + 2]),
  adds: Array.from({ length: 20 }, (_, i) => 30 + i),
  removes: Array.from({ length: 20 }, (_, i) => 50 + i),
};

/** Which set ran last in a serial order of the plan that produces `linked` (see the file comment), if any. */
function serialWitness(plan: MixedPlan, linked: ReadonlySet<number>): number | undefined {
  const inSets = new Set(plan.sets.flat());
  const adds = new Set(plan.adds);
  const targets = new Set([...inSets, ...plan.adds, ...plan.removes, ...linked]);
  const last = plan.sets.findIndex((set) =>
    [...targets].every((t) => {
      // Only sets touch their targets, so the last set decides them.
      if (inSets.has(t)) return linked.has(t) === set.includes(t);
      // The last set unlinked every other target; only an add that ran after it links one again.
      return !linked.has(t) || adds.has(t);
    }),
  );
  return last === -1 ? undefined : last;
}

/** Concurrent calls this file started, for the report printed after each dialect. */
let concurrentCalls = 0;

/** Runs every call at once; returns the errors, by message, with their count. */
async function runAll(calls: readonly (() => Promise<unknown>)[]): Promise<Record<string, number>> {
  concurrentCalls += calls.length;
  const results = await Promise.allSettled(calls.map((call) => call()));
  const errors: Record<string, number> = {};
  for (const r of results) {
    if (r.status === 'rejected') {
      const e = r.reason as Error;
      const key = `${e.name}: ${e.message.slice(0, 120)}`;
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
  return errors;
}

async function pairs(db: Relata, dialect: TestDialect, table: string, a: string, b: string): Promise<{ total: number; distinct: number; values: number[] }> {
  const q = (n: string) => quoteId(dialect, n);
  const rows = (await db.query(`SELECT ${q(a)} AS a, ${q(b)} AS b FROM ${q(table)}`, { type: QueryTypes.SELECT })) as { a: unknown; b: unknown }[];
  const keys = rows.map((r) => `${String(r.a)}:${String(r.b)}`);
  return { total: rows.length, distinct: new Set(keys).size, values: rows.map((r) => Number(r.b)).sort((x, y) => x - y) };
}

describeEachDialect('concurrency', ({ dialect, connect }) => {
  let db: Relata;
  let User: ModelStatic<Model>;
  let Group: ModelStatic<Model>;
  let Post: ModelStatic<Model>;
  let Membership: ModelStatic<Model>;
  let Key: ModelStatic<Model>;
  let Counter: ModelStatic<Model>;

  beforeAll(async () => {
    concurrentCalls = 0;
    db = await connect({ pool: { max: 10, acquire: 20_000 } });
    User = db.define('User', { name: DataTypes.STRING });
    Group = db.define('Group', { name: DataTypes.STRING });
    Post = db.define('Post', { title: DataTypes.STRING });
    // A junction with its own key and no unique pair: only relata can keep pairs from doubling.
    Membership = db.define('Membership', { role: DataTypes.STRING });
    User.belongsToMany(Group, { through: 'UserGroups', as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });
    User.belongsToMany(Group, { through: { model: Membership, unique: false }, as: 'clubs', foreignKey: 'memberId', otherKey: 'clubId' });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    Key = db.define('Key', { key: { type: DataTypes.STRING, unique: true }, hits: { type: DataTypes.INTEGER, defaultValue: 0 } });
    Counter = db.define('Counter', { value: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 } });
    await db.sync({ force: true });
    await Group.bulkCreate(Array.from({ length: 70 }, (_, i) => ({ name: `g${i}` })));
    await Post.bulkCreate(Array.from({ length: 70 }, (_, i) => ({ title: `p${i}` })));
  });

  afterAll(() => {
    console.info(`relata reliability [${dialect}] concurrency: ${concurrentCalls} calls run concurrently on one parent, one key or one row`);
  });

  const groups = async (): Promise<Model[]> => (await Group.findAll({ order: [['id', 'ASC']] })) as Model[];
  const posts = async (): Promise<Model[]> => (await Post.findAll({ order: [['id', 'ASC']] })) as Model[];
  const ids = (list: readonly Model[], indexes: readonly number[]): number[] => indexes.map((i) => Number(list[i]?.get('id')));

  describe.each([
    { alias: 'groups', junction: 'UserGroups', fk: 'userId', ok: 'groupId' },
    { alias: 'clubs', junction: 'Memberships', fk: 'memberId', ok: 'clubId' },
  ])('belongsToMany through $junction', ({ alias, junction, fk, ok }) => {
    const accessor = (verb: string, plural = false) => `${verb}${alias[0]?.toUpperCase()}${alias.slice(1, plural ? undefined : -1)}`;

    it(`${CALLS} concurrent ${accessor('add', true)} calls with overlapping targets link every target once`, async () => {
      const user = (await User.create({ name: `adds-${alias}` })) as Model & Record<string, any>;
      const all = await groups();
      // Call i adds targets i and i+1: every target is added by two calls at once.
      const errors = await runAll(Array.from({ length: CALLS }, (_, i) => () => user[accessor('add', true)]([all[i], all[(i + 1) % CALLS]])));
      expect(errors).toEqual({});
      const links = await pairs(db, dialect, junction, fk, ok);
      const mine = (await db.query(`SELECT COUNT(*) AS n FROM ${quoteId(dialect, junction)} WHERE ${quoteId(dialect, fk)} = ?`, { replacements: [user.get('id')], type: QueryTypes.SELECT, plain: true })) as { n: unknown };
      expect(Number(mine.n)).toBe(CALLS);
      expect(links.total).toBe(links.distinct);
      expect(await user[accessor('count', true)]()).toBe(CALLS);
    });

    it(`${CALLS} concurrent set/add/remove calls end in the links of some serial order, without duplicates`, async () => {
      const user = (await User.create({ name: `mixed-${alias}` })) as Model & Record<string, any>;
      const all = await groups();
      await user[accessor('set', true)](ids(all, MIXED.removes));
      const calls = [
        ...MIXED.sets.map((set) => () => user[accessor('set', true)](ids(all, set))),
        ...MIXED.adds.map((i) => () => user[accessor('add')](all[i])),
        ...MIXED.removes.map((i) => () => user[accessor('remove')](all[i])),
      ];
      expect(calls).toHaveLength(CALLS);
      const errors = await runAll(calls);
      expect(errors).toEqual({});
      const rows = (await db.query(`SELECT ${quoteId(dialect, ok)} AS t FROM ${quoteId(dialect, junction)} WHERE ${quoteId(dialect, fk)} = ?`, { replacements: [user.get('id')], type: QueryTypes.SELECT })) as { t: unknown }[];
      const byId = new Map(all.map((g, i) => [Number(g.get('id')), i]));
      const linked = new Set(rows.map((r) => byId.get(Number(r.t)) as number));
      expect(rows).toHaveLength(linked.size);
      expect(serialWitness(MIXED, linked)).toBeTypeOf('number');
    });
  });

  describe('hasMany', () => {
    it(`${CALLS} concurrent addPosts calls with overlapping targets link every target`, async () => {
      const user = (await User.create({ name: 'post-adds' })) as Model & Record<string, any>;
      const all = (await posts()).slice(0, CALLS);
      const errors = await runAll(Array.from({ length: CALLS }, (_, i) => () => user['addPosts']([all[i], all[(i + 1) % CALLS]])));
      expect(errors).toEqual({});
      expect(await user['countPosts']()).toBe(CALLS);
    });

    it(`${CALLS} concurrent set/add/remove calls end in the links of some serial order`, async () => {
      const user = (await User.create({ name: 'post-mixed' })) as Model & Record<string, any>;
      const all = await posts();
      await user['setPosts'](ids(all, MIXED.removes));
      const errors = await runAll([
        ...MIXED.sets.map((set) => () => user['setPosts'](ids(all, set))),
        ...MIXED.adds.map((i) => () => user['addPost'](all[i])),
        ...MIXED.removes.map((i) => () => user['removePost'](all[i])),
      ]);
      expect(errors).toEqual({});
      const byId = new Map(all.map((p, i) => [Number(p.get('id')), i]));
      const linked = new Set(((await user['getPosts']()) as Model[]).map((p) => byId.get(Number(p.get('id'))) as number));
      expect(serialWitness(MIXED, linked)).toBeTypeOf('number');
    });
  });

  it(`${CALLS} concurrent findOrCreate calls for one key create exactly one row`, async () => {
    concurrentCalls += CALLS;
    const results = await Promise.allSettled(Array.from({ length: CALLS }, () => Key.findOrCreate({ where: { key: 'only' }, defaults: { hits: 1 } })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const created = results.map((r) => (r as PromiseFulfilledResult<[Model, boolean]>).value);
    expect(created.filter(([, isNew]) => isNew)).toHaveLength(1);
    expect(new Set(created.map(([row]) => Number(row.get('id'))))).toEqual(new Set([Number(created[0]?.[0].get('id'))]));
    expect(await Key.count({ where: { key: 'only' } })).toBe(1);
  });

  describe('conflicting managed transactions', () => {
    /**
     * Two SERIALIZABLE read-modify-write transactions on one row: each reads, waits until the
     * other has read too (or 300 ms, since SQLite runs one transaction at a time), then writes.
     */
    async function race(retry: { max: number } | undefined): Promise<{ settled: PromiseSettledResult<unknown>[]; attempts: number; value: number }> {
      const counter = (await Counter.create({ value: 0 })) as Model;
      const id = counter.get('id');
      let attempts = 0;
      let arrived = 0;
      const increment = () =>
        db.transaction({ isolationLevel: 'SERIALIZABLE', ...(retry ? { retry: { max: retry.max, backoff: 5 } } : {}) }, async () => {
          attempts++;
          const row = (await Counter.findByPk(id)) as Model;
          arrived++;
          const started = Date.now();
          while (arrived < 2 && Date.now() - started < 300) await new Promise((r) => setTimeout(r, 5));
          await Counter.update({ value: Number(row.get('value')) + 1 }, { where: { id } });
        });
      concurrentCalls += 2;
      const settled = await Promise.allSettled([increment(), increment()]);
      const value = Number(((await Counter.findByPk(id)) as Model).get('value'));
      return { settled, attempts, value };
    }

    /** Whether the dialect runs transactions side by side (SQLite has one connection, so they queue). */
    const CONCURRENT: Record<TestDialect, boolean> = { sqlite: false, 'sqlite-file': false, postgres: true, mariadb: true };

    it('fail with a typed DatabaseError that the adapter classifies as a serialization failure', async () => {
      const { settled, value } = await race(undefined);
      const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as Error);
      expect(failed).toHaveLength(CONCURRENT[dialect] ? 1 : 0);
      for (const error of failed) {
        expect(error).toBeInstanceOf(DatabaseError);
        expect(db.adapter.isSerializationFailure(error)).toBe(true);
      }
      // The transaction that failed was rolled back: one increment when they ran side by side.
      expect(value).toBe(CONCURRENT[dialect] ? 1 : 2);
    });

    it('succeed with retry: the loser runs again and both increments land', async () => {
      const { settled, attempts, value } = await race({ max: 5 });
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(value).toBe(2);
      expect(attempts).toBe(CONCURRENT[dialect] ? 3 : 2);
    });

    it('retry does not rerun a transaction that failed for another reason', async () => {
      await Key.findOrCreate({ where: { key: 'taken' } });
      let attempts = 0;
      const failing = db.transaction({ retry: { max: 5 } }, async () => {
        attempts++;
        await Key.create({ key: 'taken' });
      });
      await expect(failing).rejects.toBeInstanceOf(UniqueConstraintError);
      expect(attempts).toBe(1);
    });

    it('retry is refused where it cannot work: nested, without a callback, or malformed', async () => {
      await expect(db.transaction({ retry: { max: 2 } })).rejects.toThrow(/retry needs a callback/);
      await expect(db.transaction(async () => db.transaction({ retry: { max: 2 } }, async () => 1))).rejects.toThrow(/only applies to the outermost transaction/);
      await expect(db.transaction({ retry: { max: -1 } }, async () => 1)).rejects.toBeInstanceOf(InvalidOptionError);
      await expect(db.transaction({ retry: 3 as never }, async () => 1)).rejects.toThrow(/retry must be \{ max, backoff\? \}/);
    });
  });
});
