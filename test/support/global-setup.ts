/**
 * Vitest global setup: decides which dialects this run tests, and cleans up
 * the per-block schemas/databases that `test/support/dialects.ts` creates.
 *
 * - SQLite (in memory and on a temporary file) always runs.
 * - PostgreSQL and MariaDB run when a raw-driver probe (3 s connect timeout)
 *   reaches them. `RELATA_PG_URL` / `RELATA_MYSQL_URL` override the defaults.
 * - With `CI=true` an unreachable server fails the run instead of being skipped.
 *
 * The result reaches the test workers twice, on purpose:
 * - `project.provide('relataDialects', …)` / `inject('relataDialects')` (vitest's channel);
 * - `process.env.RELATA_TEST_DIALECTS` (`sqlite,postgres,mariadb`), for plain
 *   `process.env` readers; workers are spawned after global setup and inherit it.
 *
 * Every schema/database the helper creates is named `rt_<runId>_<fileHash>_<n>`;
 * `runId` (`<ms base36>_<pid base36>`) is made here, so teardown drops exactly
 * this run's namespaces and never those of another vitest process running
 * concurrently on the same server. Namespaces left behind by crashed runs are
 * dropped once they are older than {@link STALE_AFTER_MS}.
 */
import type { TestProject } from 'vitest/node';
import { registerRun, waitForServerLock } from './server-lock.js';

export type ServerDialect = 'postgres' | 'mariadb';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Dialects this run tests, e.g. `['sqlite', 'postgres']` ('sqlite' covers memory and file). */
    relataDialects: string[];
    /** Run id embedded in every schema/database name the helper creates. */
    relataRunId: string;
  }
}

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';
const CONNECT_TIMEOUT_MS = 3_000;
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;
const SERVER_LOCK_WAIT_MS = 180_000;
const NAMESPACE_PATTERN = /^rt_([0-9a-z]+)_([0-9a-z]+)_[0-9a-f]+_\d+$/;

export function pgUrl(): string {
  return process.env['RELATA_PG_URL'] || DEFAULT_PG_URL;
}

export function mysqlUrl(): string {
  return process.env['RELATA_MYSQL_URL'] || DEFAULT_MYSQL_URL;
}

/** mysql2 connection options from a `mysql://` or `mariadb://` URL; both schemes name the same server. */
export function mysqlConnectionOptions(url: string): import('mysql2/promise').ConnectionOptions {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    ...(database ? { database } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
  };
}

export async function withPg<T>(fn: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: pgUrl(), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client whose server goes away emits 'error'; without a listener that crashes the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function withMysql<T>(fn: (conn: import('mysql2/promise').Connection) => Promise<T>): Promise<T> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection(mysqlConnectionOptions(mysqlUrl()));
  conn.on('error', () => undefined);
  try {
    return await fn(conn);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

interface ProbeResult {
  dialect: ServerDialect;
  ok: boolean;
  detail: string;
}

function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message) return error.message;
    if (typeof code === 'string') return code;
    return error.name;
  }
  return String(error);
}

function hostPort(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol.startsWith('postgres') ? '5432' : '3306')}`;
  } catch {
    return url;
  }
}

async function probe(dialect: ServerDialect): Promise<ProbeResult> {
  try {
    const probeQuery = dialect === 'postgres' ? withPg((c) => c.query('SELECT 1')) : withMysql((c) => c.query('SELECT 1'));
    // If the race below gives up first, a late rejection must not surface as an unhandled one.
    probeQuery.catch(() => undefined);
    // A server that accepts TCP but never answers would otherwise hang the run.
    await Promise.race([
      probeQuery,
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 6 s')), 2 * CONNECT_TIMEOUT_MS).unref()),
    ]);
    return { dialect, ok: true, detail: '' };
  } catch (error) {
    const detail = describeError(error);
    const where = hostPort(dialect === 'postgres' ? pgUrl() : mysqlUrl());
    return { dialect, ok: false, detail: detail.includes(where) ? detail : `${detail} ${where}` };
  }
}

function isCi(): boolean {
  const ci = (process.env['CI'] ?? '').toLowerCase();
  return ci === 'true' || ci === '1';
}

function newRunId(): string {
  return `${Date.now().toString(36)}_${process.pid.toString(36)}`;
}

/** True when `name` belongs to this run, or to a run that started long ago and never cleaned up. */
function shouldDrop(name: string, runId: string, now: number): boolean {
  if (name.startsWith(`rt_${runId}_`)) return true;
  const match = NAMESPACE_PATTERN.exec(name);
  if (!match?.[1]) return false;
  const startedAt = parseInt(match[1], 36);
  return Number.isFinite(startedAt) && now - startedAt > STALE_AFTER_MS;
}

async function dropPgSchemas(runId: string): Promise<number> {
  return withPg(async (client) => {
    const { rows } = await client.query<{ nspname: string }>(
      String.raw`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rt\_%'`,
    );
    const now = Date.now();
    let dropped = 0;
    for (const { nspname } of rows) {
      if (!shouldDrop(nspname, runId, now)) continue;
      await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
      dropped++;
    }
    return dropped;
  });
}

async function dropMysqlDatabases(runId: string): Promise<number> {
  return withMysql(async (conn) => {
    const [rows] = await conn.query<(import('mysql2/promise').RowDataPacket & { name: string })[]>(
      String.raw`SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'rt\_%'`,
    );
    const now = Date.now();
    let dropped = 0;
    for (const { name } of rows) {
      if (!shouldDrop(name, runId, now)) continue;
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      dropped++;
    }
    return dropped;
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = newRunId();
  // Fault tests of another run on this machine may be restarting a server: wait until they are done,
  // and register this run so that they wait for it in turn (see server-lock.ts).
  process.env['RELATA_TEST_RUN_PID'] = String(process.pid);
  await waitForServerLock(SERVER_LOCK_WAIT_MS);
  const unregister = registerRun(project.name);
  const probes = await Promise.all([probe('postgres'), probe('mariadb')]);
  const ran = probes.filter((p) => p.ok).map((p) => p.dialect);
  const dialects = ['sqlite', ...ran];

  const parts = [
    'sqlite (memory+file) RAN',
    ...probes.map((p) => (p.ok ? `${p.dialect} RAN` : `${p.dialect} SKIPPED (${p.detail})`)),
  ];
  process.stdout.write(`\nrelata test dialects: ${parts.join(', ')}\n\n`);

  const missing = probes.filter((p) => !p.ok);
  if (isCi() && missing.length > 0) {
    unregister();
    const urls: Record<ServerDialect, string> = { postgres: pgUrl(), mariadb: mysqlUrl() };
    throw new Error(
      `CI=true requires every database server, but ${missing
        .map((p) => `${p.dialect} at ${redact(urls[p.dialect])} is unreachable (${p.detail})`)
        .join('; ')}. Start it (see .ci/run) or unset CI to skip it.`,
    );
  }

  process.env['RELATA_TEST_DIALECTS'] = dialects.join(',');
  process.env['RELATA_TEST_RUN_ID'] = runId;
  project.provide('relataDialects', dialects);
  project.provide('relataRunId', runId);

  return async function teardown() {
    unregister();
    const cleanups: Promise<number>[] = [];
    if (ran.includes('postgres')) cleanups.push(dropPgSchemas(runId));
    if (ran.includes('mariadb')) cleanups.push(dropMysqlDatabases(runId));
    const results = await Promise.allSettled(cleanups);
    for (const result of results) {
      // Cleanup trouble must not mask the test results; say it and move on.
      if (result.status === 'rejected') {
        process.stderr.write(`relata test teardown: could not drop rt_ namespaces: ${describeError(result.reason)}\n`);
      }
    }
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
