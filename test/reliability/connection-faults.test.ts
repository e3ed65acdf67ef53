/**
 * Connection faults that do not need a server restart (those are in `faults/`):
 * - a connection killed inside a transaction (`pg_terminate_backend`, `KILL`): the transaction's
 *   next statement fails with ConnectionError, the server rolls it back, the process survives the
 *   driver's error event, and the pool replaces the connection;
 * - a COMMIT that fails hands its connection back to the pool;
 * - pool exhaustion: a clear ConnectionAcquireTimeoutError after `pool.acquire`, not a hang
 *   (mysql2's pool and SQLite's single connection have no acquire timeout; relata enforces it).
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConnectionAcquireTimeoutError, ConnectionError, DataTypes, ForeignKeyConstraintError, QueryTypes, type Model, type ModelStatic, type Relata,
} from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';

/** SQL that names this session, and SQL that kills a session by that id, from another connection. */
const KILL: Partial<Record<TestDialect, { readonly self: string; readonly kill: (id: unknown) => string }>> = {
  postgres: { self: 'SELECT pg_backend_pid() AS id', kill: (id) => `SELECT pg_terminate_backend(${Number(id)})` },
  mariadb: { self: 'SELECT CONNECTION_ID() AS id', kill: (id) => `KILL ${Number(id)}` },
};

/** Connections a pool of max 2 really has: SQLite has one connection whatever pool.max says. */
const POOL_SIZE: Record<TestDialect, number> = { sqlite: 1, 'sqlite-file': 1, postgres: 2, mariadb: 2 };

/** pg-pool enforces pool.acquire itself, with its own message; relata does it for the others. */
const ACQUIRE_MESSAGE: Record<TestDialect, RegExp> = {
  sqlite: /^The SQLite database stayed locked by another transaction for 500 ms \(pool\.acquire\)/,
  'sqlite-file': /^The SQLite database stayed locked by another transaction for 500 ms \(pool\.acquire\)/,
  postgres: /^timeout exceeded when trying to connect$/,
  mariadb: /^No database connection became available within 500 ms \(pool\.acquire\): all 2 \(pool\.max\) were in use/,
};

/** Faults this file injected (killed connections, failed commits, exhausted pools), for the report. */
let faults = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachDialect('connection faults', ({ dialect, connect }) => {
  const killer = KILL[dialect];
  let db: Relata;
  let admin: Relata;
  let Item: ModelStatic<Model>;

  /** The id of the session a query of `on` runs on (in the active transaction, if any). */
  const sessionId = async (on: Relata): Promise<unknown> => ((await on.query(killer?.self ?? '', { type: QueryTypes.SELECT, plain: true })) as { id: unknown }).id;

  afterAll(() => {
    console.info(`relata reliability [${dialect}] connection faults: ${faults} faults injected (killed connections, failed commits, exhausted pools)`);
    faults = 0;
  });

  beforeEach(async () => {
    // One connection, so a connection that is not handed back shows as an acquire timeout.
    db = await connect({ pool: { max: 1, acquire: 2_000 } });
    admin = await connect();
    await dropAllTables(admin, dialect);
    Item = db.define('Item', { name: DataTypes.STRING });
    await db.sync({ force: true });
  });

  describe.skipIf(killer === undefined)('a connection killed inside a transaction', () => {
    it('fails the next statement with ConnectionError, is rolled back, and the pool serves again', async () => {
      const outcome = db.transaction(async () => {
        await Item.create({ name: 'inside' });
        await admin.query(killer?.kill(await sessionId(db)) ?? '');
        // Let the driver see the connection close while the transaction is idle: pg emits an
        // 'error' event on the checked-out client then, which used to crash the process.
        await sleep(300);
        await Item.create({ name: 'after the kill' });
      });
      await expect(outcome).rejects.toBeInstanceOf(ConnectionError);
      faults++;
      expect(await Item.count()).toBe(0);
      await Item.create({ name: 'afterwards' });
      expect((await Item.findAll({ raw: true })).map((r) => r['name'])).toEqual(['afterwards']);
    });

    it('a COMMIT on a killed connection fails with ConnectionError and hands the connection back', async () => {
      const outcome = db.transaction(async () => {
        await Item.create({ name: 'inside' });
        await admin.query(killer?.kill(await sessionId(db)) ?? '');
        await sleep(300);
      });
      await expect(outcome).rejects.toBeInstanceOf(ConnectionError);
      faults++;
      // With one connection in the pool, a connection kept by the failed COMMIT would time this out.
      expect(await Item.count()).toBe(0);
    });
  });

  /** How to make a COMMIT fail where no other session can kill ours: a deferred foreign key. */
  it.runIf(killer === undefined)('a COMMIT that fails (deferred foreign key) hands the connection back', async () => {
    const Child = db.define('Child', { name: DataTypes.STRING });
    Child.belongsTo(Item, { foreignKey: 'itemId' });
    await db.sync();
    const outcome = db.transaction(async () => {
      await db.query('PRAGMA defer_foreign_keys = ON');
      await Child.create({ name: 'orphan', itemId: 12345 });
    });
    await expect(outcome).rejects.toBeInstanceOf(ForeignKeyConstraintError);
    faults++;
    // The one connection was released: this would otherwise wait for pool.acquire and fail.
    expect(await Child.count()).toBe(0);
  });

  describe('pool exhaustion', () => {
    it('fails with ConnectionAcquireTimeoutError after pool.acquire, and recovers when connections return', async () => {
      const tight = await connect({ pool: { max: 2, acquire: 500 } });
      const Row = tight.define('Item', { name: DataTypes.STRING });
      await tight.sync();
      // Hold every connection in transactions nobody ends.
      const held = [];
      for (let i = 0; i < POOL_SIZE[dialect]; i++) {
        const t = await tight.transaction();
        // On SQLite a transaction takes the writer at its first statement (BEGIN DEFERRED).
        await Row.count({ transaction: t });
        held.push(t);
      }
      const started = Date.now();
      // A write: on SQLite a read outside the transactions would not wait for them.
      const failure = await Row.create({ name: 'late' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      const waited = Date.now() - started;
      expect(failure).toBeInstanceOf(ConnectionAcquireTimeoutError);
      faults++;
      expect((failure as Error).name).toBe('SequelizeConnectionAcquireTimeoutError');
      expect((failure as Error).message).toMatch(ACQUIRE_MESSAGE[dialect]);
      expect(waited).toBeGreaterThanOrEqual(450);
      expect(waited).toBeLessThan(3_000);
      for (const t of held) await t.rollback();
      // The request that gave up must not keep a connection: both are free again.
      const both = await Promise.all([tight.transaction(async () => Row.count()), tight.transaction(async () => Row.count())]);
      expect(both).toEqual([0, 0]);
    });
  });
});
