/**
 * Control of the local PostgreSQL and MariaDB servers for the fault tests in `faults/`: restart,
 * bring back up, and find out whether anyone else is using them. The commands are the ones the
 * machine's `env` doc lists (and `.ci/run` uses).
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import type { TestDialect } from '../../support/dialects.js';
import { acquireServerLock, otherRuns } from '../../support/server-lock.js';
import { withMysql, withPg } from '../../support/global-setup.js';

const run = promisify(execFile);

/** `application_name` of the fault tests' PostgreSQL connections, so they do not count as other clients. */
export const APPLICATION_NAME = 'relata-server-faults';
const QUIET_WAIT_MS = 60_000;

export interface Server {
  /** Restarts the server; resolves once it accepts connections again. */
  restart(): Promise<void>;
  /** Starts the server when it is down; resolves once it accepts connections. */
  ensureUp(): Promise<void>;
  /** Other clients connected to the server (not the fault test's), as short descriptions. */
  otherClients(namespace: string): Promise<string[]>;
}

/** Calls `probe` until it resolves, every 200 ms, for at most `timeoutMs`. */
export async function waitUntil(probe: () => Promise<unknown>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const pgUp = () => withPg((c) => c.query('SELECT 1'));
const mysqlUp = () => withMysql((c) => c.query('SELECT 1'));

function pgCluster(action: 'restart' | 'start'): Promise<unknown> {
  const version = readdirSync('/etc/postgresql')[0] ?? '';
  return run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], { timeout: 60_000 });
}

function startMariadb(): Promise<unknown> {
  return run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd'], { timeout: 30_000 });
}

/** The servers the fault tests can control; SQLite has none. */
export const SERVERS: Partial<Record<TestDialect, Server>> = {
  postgres: {
    async restart() {
      await pgCluster('restart');
      await waitUntil(pgUp, 60_000, 'PostgreSQL did not accept connections');
    },
    async ensureUp() {
      if (await pgUp().then(() => true, () => false)) return;
      await pgCluster('start').catch(() => undefined);
      await waitUntil(pgUp, 60_000, 'PostgreSQL did not come back');
    },
    otherClients: () =>
      withPg(async (c) => {
        const { rows } = await c.query<{ who: string }>(
          "SELECT concat(usename, '@', coalesce(datname, '-'), ' ', coalesce(application_name, ''), ' ', state) AS who FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND coalesce(application_name, '') <> $1",
          [APPLICATION_NAME],
        );
        return rows.map((r) => r.who);
      }),
  },
  mariadb: {
    async restart() {
      await run('mariadb-admin', ['-u', 'root', 'shutdown'], { timeout: 60_000 });
      await startMariadb();
      await waitUntil(mysqlUp, 60_000, 'MariaDB did not accept connections');
    },
    async ensureUp() {
      if (await mysqlUp().then(() => true, () => false)) return;
      await startMariadb().catch(() => undefined);
      await waitUntil(mysqlUp, 60_000, 'MariaDB did not come back');
    },
    otherClients: (namespace) =>
      withMysql(async (c) => {
        const [rows] = await c.query(
          "SELECT CONCAT(USER, '@', COALESCE(DB, '-'), ' ', COMMAND) AS who FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Daemon', 'Binlog Dump') AND USER NOT IN ('system user', 'event_scheduler') AND COALESCE(DB, '') <> ?",
          [namespace],
        );
        return (rows as { who: string }[]).map((r) => r.who);
      }),
  },
};

function isCi(): boolean {
  return ['true', '1'].includes((process.env['CI'] ?? '').toLowerCase());
}

/**
 * Takes the machine-wide server lock and checks that the server may be disturbed (restarted, its
 * global settings changed): no other vitest run on this machine (see test/support/server-lock.ts)
 * and no other client of the server, waiting up to a minute for them to finish. Returns the
 * function that releases the lock, or undefined when the test must skip: the others stayed,
 * outside CI (where nothing else runs) and without RELATA_SERVER_FAULTS=force. It says why then.
 */
export async function mayDisturb(server: Server, namespace: string, what: string): Promise<(() => void) | undefined> {
  const forced = isCi() || process.env['RELATA_SERVER_FAULTS'] === 'force';
  const release = await acquireServerLock(QUIET_WAIT_MS);
  if (!release) {
    if (!forced) console.warn(`relata reliability ${what} SKIPPED: another run holds the server-fault lock.`);
    return forced ? () => undefined : undefined;
  }
  const deadline = Date.now() + QUIET_WAIT_MS;
  let others: string[] = [];
  while (Date.now() < deadline) {
    others = [...otherRuns().map((pid) => `vitest run (pid ${pid})`), ...(await server.otherClients(namespace))];
    if (others.length === 0) return release;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  if (forced) return release;
  release();
  console.warn(`relata reliability ${what} SKIPPED: others are still using the server (${others.slice(0, 5).join('; ')}) and would break. RELATA_SERVER_FAULTS=force runs it anyway.`);
  return undefined;
}
