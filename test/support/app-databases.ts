/**
 * For tests that run an application in a child process (a Jest suite, a server): one database of
 * the test file's own on PostgreSQL and MariaDB, named as test/support/dialects.ts names its
 * namespaces, created before the runs and dropped after them; and the process runner.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dialects, resolveRunId } from './dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from './global-setup.js';

export type AppDialect = 'sqlite' | 'postgres' | 'mariadb';

export interface AppDatabases {
  /** The database's name on both servers. */
  readonly name: string;
  /** Whether the global setup reached the dialect's server (SQLite always). */
  reached(dialect: AppDialect): boolean;
  /** The URL of the file's database (no query string), or `undefined` for SQLite (in memory). */
  url(dialect: AppDialect): string | undefined;
  create(): Promise<void>;
  drop(): Promise<void>;
}

/** The database of the test file at `testFileUrl` (its `import.meta.url`). */
export function appDatabases(testFileUrl: string): AppDatabases {
  const fileHash = createHash('sha256').update(fileURLToPath(testFileUrl)).digest('hex').slice(0, 10);
  const name = `rt_${resolveRunId()}_${fileHash}_0`;
  const reached = (dialect: AppDialect): boolean => dialect === 'sqlite' || (dialects as readonly string[]).includes(dialect);
  return {
    name,
    reached,
    url(dialect) {
      if (dialect === 'sqlite') return undefined;
      const url = new URL(dialect === 'postgres' ? pgUrl() : mysqlUrl());
      url.pathname = `/${name}`;
      url.search = '';
      return url.toString();
    },
    async create() {
      if (reached('postgres')) {
        await withPg(async (c) => {
          const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
          if (!rowCount) await c.query(`CREATE DATABASE "${name}"`);
        });
      }
      if (reached('mariadb')) await withMysql(async (c) => void (await c.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``)));
    },
    async drop() {
      if (reached('postgres')) await withPg(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
      if (reached('mariadb')) await withMysql(async (c) => void (await c.query(`DROP DATABASE IF EXISTS \`${name}\``)));
    },
  };
}

/** Runs a process to its end: its exit code and its output (stdout, then stderr). */
export function runProcess(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
