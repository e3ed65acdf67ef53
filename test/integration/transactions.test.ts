/**
 * Transactions on every dialect: managed and unmanaged, commit and rollback, isolation levels,
 * savepoints for nested transactions, AsyncLocalStorage propagation and `transaction: null`.
 * Persistence is checked after the transaction ends and, where a second connection can read
 * while it is open, from that connection too.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DataTypes, QueryTypes, Transaction, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { dropAllTables, quote } from '../support/catalog.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';

/**
 * Whether a second connection can read while a write transaction is open: not for an in-memory
 * SQLite database (one connection, one database); a SQLite file allows readers beside a writer.
 */
const concurrentReader: Record<TestDialect, boolean> = { sqlite: false, 'sqlite-file': true, postgres: true, mariadb: true };

/**
 * What a transaction counts again after another connection committed one more row, by isolation
 * level; `undefined` where a second writer cannot run beside an open transaction (SQLite).
 */
const secondCount: Record<TestDialect, { 'REPEATABLE READ': number; 'READ COMMITTED': number } | undefined> = {
  sqlite: undefined,
  'sqlite-file': undefined,
  postgres: { 'REPEATABLE READ': 0, 'READ COMMITTED': 1 },
  mariadb: { 'REPEATABLE READ': 0, 'READ COMMITTED': 1 },
};

describeEachDialect('transactions', ({ dialect, connect }) => {
  let db: Relata;
  let User: ModelStatic<Model>;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
    User = db.define('User', { name: DataTypes.STRING }, { timestamps: false });
    await db.sync({ force: true });
  });

  /** The names in the table, read outside any transaction. */
  async function names(): Promise<string[]> {
    const rows = await User.findAll({ order: [['id', 'ASC']], transaction: null });
    return rows.map((r) => r.get('name') as string);
  }

  /** A second connection's view of the table (the same connection for an in-memory SQLite database). */
  async function namesFromOutside(): Promise<string[]> {
    const other = concurrentReader[dialect] ? await connect() : db;
    const q = quote[dialect];
    const rows = (await other.query(`SELECT ${q('name')} FROM ${q('Users')} ORDER BY ${q('id')}`, { type: QueryTypes.SELECT })) as { name: string }[];
    if (other !== db) await other.close();
    return rows.map((r) => r.name);
  }

  describe('managed', () => {
    it('commits when the callback resolves and returns its value', async () => {
      let seen: Transaction | undefined;
      const result = await db.transaction(async (t) => {
        seen = t;
        await User.create({ name: 'a' }, { transaction: t });
        await User.create({ name: 'b' }, { transaction: t });
        return 'done';
      });
      expect(result).toBe('done');
      expect(seen?.finished).toBe('commit');
      expect(await names()).toEqual(['a', 'b']);
      expect(await namesFromOutside()).toEqual(['a', 'b']);
    });

    it('rolls back when the callback throws, and rethrows the same error', async () => {
      await User.create({ name: 'before' });
      const boom = new Error('boom');
      let seen: Transaction | undefined;
      const error = await db.transaction(async (t) => {
        seen = t;
        await User.create({ name: 'lost' }, { transaction: t });
        await User.update({ name: 'lost too' }, { where: { name: 'before' }, transaction: t });
        throw boom;
      }).catch((e: unknown) => e);
      expect(error).toBe(boom);
      expect(seen?.finished).toBe('rollback');
      expect(await names()).toEqual(['before']);
    });
  });

  describe('unmanaged', () => {
    it('commit() persists, rollback() discards, and a finished transaction refuses queries', async () => {
      const t1 = await db.transaction();
      await User.create({ name: 'kept' }, { transaction: t1 });
      expect(await User.count({ transaction: t1 })).toBe(1);
      await t1.commit();
      expect(t1.finished).toBe('commit');

      const t2 = await db.transaction();
      await User.create({ name: 'dropped' }, { transaction: t2 });
      await User.destroy({ where: { name: 'kept' }, transaction: t2 });
      expect(await User.count({ transaction: t2 })).toBe(1);
      await t2.rollback();
      expect(t2.finished).toBe('rollback');

      expect(await names()).toEqual(['kept']);
      await expect(User.create({ name: 'late' }, { transaction: t1 })).rejects.toThrow(/already committed/);
      expect(await names()).toEqual(['kept']);
    });

    it.skipIf(!concurrentReader[dialect])('uncommitted rows are invisible to another connection until commit', async () => {
      const t = await db.transaction();
      await User.create({ name: 'pending' }, { transaction: t });
      expect(await namesFromOutside()).toEqual([]);
      await t.commit();
      expect(await namesFromOutside()).toEqual(['pending']);
    });
  });

  describe('isolation levels', () => {
    const levels = ['REPEATABLE READ', 'READ COMMITTED'] as const;
    for (const level of levels) {
      it.skipIf(secondCount[dialect] === undefined)(`${level}: a concurrent commit is ${level === 'READ COMMITTED' ? '' : 'not '}seen`, async () => {
        const other = await connect();
        const OtherUser = other.define('User', { name: DataTypes.STRING }, { timestamps: false });
        const t = await db.transaction({ isolationLevel: level });
        expect(await User.count({ transaction: t })).toBe(0);
        await OtherUser.create({ name: 'concurrent' });
        expect(await User.count({ transaction: t })).toBe(secondCount[dialect]?.[level]);
        await t.commit();
        expect(await User.count()).toBe(1);
        await other.close();
      });
    }

    it('Transaction.ISOLATION_LEVELS carries Sequelize\'s values', () => {
      expect(Transaction.ISOLATION_LEVELS).toEqual({
        READ_UNCOMMITTED: 'READ UNCOMMITTED',
        READ_COMMITTED: 'READ COMMITTED',
        REPEATABLE_READ: 'REPEATABLE READ',
        SERIALIZABLE: 'SERIALIZABLE',
      });
    });
  });

  describe('nested transactions are savepoints', () => {
    it('an inner rollback keeps the outer work', async () => {
      let inner: Transaction | undefined;
      let outer: Transaction | undefined;
      await db.transaction(async (t) => {
        outer = t;
        await User.create({ name: 'outer' });
        await db.transaction(async (t2) => {
          inner = t2;
          await User.create({ name: 'inner' });
          throw new Error('inner fails');
        }).catch(() => undefined);
        await User.create({ name: 'after' });
      });
      expect(inner?.parent).toBe(outer);
      expect(inner?.finished).toBe('rollback');
      expect(await names()).toEqual(['outer', 'after']);
    });

    it('an inner commit is undone by the outer rollback', async () => {
      await db.transaction(async () => {
        await User.create({ name: 'outer' });
        await db.transaction(async () => {
          await User.create({ name: 'inner' });
        });
        expect(await User.count()).toBe(2);
        throw new Error('outer fails');
      }).catch(() => undefined);
      expect(await names()).toEqual([]);
    });
  });

  describe('AsyncLocalStorage propagation', () => {
    it('queries inside the callback join the transaction without { transaction } (proved by rollback)', async () => {
      await User.create({ name: 'existing' });
      const helper = async (name: string): Promise<void> => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        await User.create({ name });
      };
      await db.transaction(async (t) => {
        expect(db.currentTransaction()).toBe(t);
        await User.create({ name: 'direct' });
        await helper('through a helper and a timer');
        await Promise.all([User.create({ name: 'p1' }), User.create({ name: 'p2' })]);
        await User.bulkCreate([{ name: 'bulk' }]);
        await User.update({ name: 'renamed' }, { where: { name: 'existing' } });
        await db.query(`INSERT INTO ${quote[dialect]('Users')} (${quote[dialect]('name')}) VALUES ('raw')`);
        expect(await User.count()).toBe(7);
        throw new Error('roll it all back');
      }).catch(() => undefined);
      expect(db.currentTransaction()).toBeUndefined();
      expect(await names()).toEqual(['existing']);
    });

    it('transaction: null escapes the active transaction', async () => {
      let escaped: Promise<unknown> | undefined;
      await db.transaction(async () => {
        await User.create({ name: 'rolled back' });
        // Not awaited here: on SQLite the escaped statement waits for the one connection.
        escaped = User.create({ name: 'escaped' }, { transaction: null });
        escaped.catch(() => undefined);
        throw new Error('rollback');
      }).catch(() => undefined);
      await escaped;
      expect(await names()).toEqual(['escaped']);
    });
  });
});
