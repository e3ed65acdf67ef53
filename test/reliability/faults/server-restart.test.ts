/**
 * Restarts PostgreSQL and MariaDB under a running, bounded load of reads, writes and
 * two-statement transactions, and checks that
 * - operations in flight fail with ConnectionError (no other error, no hang);
 * - nothing that was committed is lost, and every transaction is all or nothing;
 * - the same pool serves queries again within seconds of the server coming back, with no
 *   restart of the application.
 *
 * This file runs in the `server-faults` vitest project, after every other test file has finished
 * and one file at a time (see vitest.config.ts): a restart would break tests running beside it.
 * Other test runs on this machine and other clients of the server would break too: the test takes
 * a machine-wide lock (new runs wait for it) and waits for the others to finish; outside CI it
 * is skipped when they stay (RELATA_SERVER_FAULTS=force runs it anyway). See support/servers.ts.
 * The server is always brought back up, also when the test fails.
 */
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { BaseError, ConnectionError, DataTypes, QueryTypes, type Model, type ModelStatic, type Relata } from '../../../src/index.js';
import { quoteId } from '../../support/constraints.js';
import { describeEachDialect, type TestDialect } from '../../support/dialects.js';
import { APPLICATION_NAME, SERVERS, mayDisturb, waitUntil, type Server } from '../support/servers.js';

/** How long the load runs before the restart, and after the pool serves again. */
const LOAD_BEFORE_MS = 1_500;
const LOAD_AFTER_MS = 1_500;
const WORKERS = 6;
/** The pool must serve again within this long after the server accepts connections. */
const RECOVERY_LIMIT_MS = 5_000;
/** Marks this test's PostgreSQL sessions, so the check for other clients passes them over. */
const DIALECT_OPTIONS: Partial<Record<TestDialect, Record<string, unknown>>> = { postgres: { application_name: APPLICATION_NAME } };

interface LoadStats {
  attempts: number;
  succeeded: number;
  succeededAfterRecovery: number;
  connectionErrors: number;
  otherErrors: string[];
  /** Tokens of rows whose insert (or whole transaction) resolved: they must survive. */
  committed: string[];
  /** Token pairs written by one transaction: both or neither may exist. */
  pairs: [string, string][];
}

describeEachDialect('server restart under load', ({ dialect, connect, url }) => {
  const server = SERVERS[dialect];
  let db: Relata;
  let Item: ModelStatic<Model>;
  let namespace = '';

  beforeAll(async () => {
    if (!server) return;
    namespace = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
    db = await connect({ pool: { max: 5, min: 0, acquire: 5_000, idle: 10_000 }, dialectOptions: DIALECT_OPTIONS[dialect] ?? {} });
    Item = db.define('Item', { token: { type: DataTypes.STRING, allowNull: false, unique: true } });
    await db.sync({ force: true });
  });

  afterAll(async () => {
    // Whatever happened above, the server is up for whatever runs next.
    await server?.ensureUp();
  });

  it.skipIf(server === undefined)('in-flight operations fail with ConnectionError, nothing committed is lost, the pool serves again', async (ctx) => {
    const s = server as Server;
    const release = await mayDisturb(s, namespace, `[${dialect}] server restart`);
    if (!release) {
      ctx.skip();
      return;
    }
    onTestFinished(release);

    const stats: LoadStats = { attempts: 0, succeeded: 0, succeededAfterRecovery: 0, connectionErrors: 0, otherErrors: [], committed: [], pairs: [] };
    let stop = false;
    let recovered = false;
    let sequence = 0;
    const token = (worker: number) => `w${worker}-${++sequence}`;

    const operation = async (worker: number, n: number): Promise<void> => {
      switch (n % 3) {
        case 0: {
          const t = token(worker);
          await Item.create({ token: t });
          stats.committed.push(t);
          return;
        }
        case 1: {
          const pair: [string, string] = [token(worker), token(worker)];
          stats.pairs.push(pair);
          await db.transaction(async () => {
            await Item.create({ token: pair[0] });
            await new Promise((resolve) => setTimeout(resolve, 15));
            await Item.create({ token: pair[1] });
          });
          stats.committed.push(...pair);
          return;
        }
        default:
          await Item.count();
      }
    };

    const worker = async (id: number): Promise<void> => {
      for (let n = id; !stop; n++) {
        stats.attempts++;
        try {
          await operation(id, n);
          stats.succeeded++;
          if (recovered) stats.succeededAfterRecovery++;
        } catch (error) {
          if (error instanceof ConnectionError) stats.connectionErrors++;
          else stats.otherErrors.push(`${(error as Error).name}${error instanceof BaseError ? '' : ' (untyped)'}: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };

    const workers = Array.from({ length: WORKERS }, (_, i) => worker(i));
    let restartMs = 0;
    let recoveryMs = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, LOAD_BEFORE_MS));
      const restartStarted = Date.now();
      await s.restart();
      const upAt = Date.now();
      restartMs = upAt - restartStarted;
      // The same Relata, no reconnect call: the pool has to notice on its own.
      await waitUntil(() => db.query('SELECT 1', { type: QueryTypes.SELECT }), RECOVERY_LIMIT_MS * 4, 'the pool did not serve again');
      recoveryMs = Date.now() - upAt;
      recovered = true;
      await new Promise((resolve) => setTimeout(resolve, LOAD_AFTER_MS));
    } finally {
      stop = true;
      await Promise.all(workers);
      await s.ensureUp();
    }

    const rows = (await db.query(`SELECT ${quoteId(dialect, 'token')} AS t FROM ${quoteId(dialect, 'Items')}`, { type: QueryTypes.SELECT })) as { t: string }[];
    const stored = new Set(rows.map((r) => r.t));
    const lost = stats.committed.filter((t) => !stored.has(t));
    const halfPairs = stats.pairs.filter(([a, b]) => stored.has(a) !== stored.has(b));
    console.info(
      `relata reliability [${dialect}] server restart: ${stats.attempts} operations by ${WORKERS} workers, ${stats.connectionErrors} failed with ConnectionError, ` +
        `${stats.otherErrors.length} other errors, ${stats.committed.length} committed rows, ${lost.length} lost, ${halfPairs.length} half-applied transactions; ` +
        `server back after ${restartMs} ms, pool serving ${recoveryMs} ms later`,
    );

    expect(stats.otherErrors).toEqual([]);
    expect(stats.connectionErrors).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(halfPairs).toEqual([]);
    expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
    expect(stats.succeededAfterRecovery).toBeGreaterThan(0);
    expect(stats.committed.length).toBeGreaterThan(0);
  });
});
