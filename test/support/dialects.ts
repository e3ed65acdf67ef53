/**
 * The helper every integration test uses to run one block per configured dialect.
 *
 * ```ts
 * describeEachDialect('hasMany', ({ dialect, connect }) => {
 *   let db: Relata;
 *   beforeAll(async () => { db = await connect(); });
 *   it('adds a post', async () => { ... });
 * });
 * ```
 *
 * Isolation: each `describeEachDialect` block gets its own namespace on the
 * shared servers, so test files running in parallel (and other vitest processes
 * on the same machine) never collide:
 * - postgres: schema `rt_<runId>_<fileHash>_<n>`, selected through `search_path`;
 * - mariadb: database `rt_<runId>_<fileHash>_<n>`;
 * - sqlite-file: a temporary directory under `os.tmpdir()`, removed afterwards;
 * - sqlite: every `connect()` is its own in-memory database.
 *
 * `fileHash` is a hash of the test file's absolute path, taken at collection
 * time from vitest's runner (`TestRunner.getCurrentSuite().file.filepath`, falling back to
 * `expect.getState().testPath`); `n` counts the `describeEachDialect` calls in
 * that file; `runId` comes from the global setup (see `global-setup.ts`), which
 * drops this run's namespaces in its teardown. Blocks also drop their own
 * namespace once the enclosing suite has finished.
 *
 * Every `Relata` made by `connect()` is closed by an `afterAll` registered on
 * the suite that encloses the blocks, so it runs after all of the block's own
 * hooks whatever `sequence.hooks` says.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, TestRunner } from 'vitest';
import { Relata } from '../../src/index.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from './global-setup.js';

export type TestDialect = 'sqlite' | 'sqlite-file' | 'postgres' | 'mariadb';

export interface DialectContext {
  readonly dialect: TestDialect;
  /**
   * A new `Relata` on this block's isolated database, closed automatically
   * when the suite enclosing the block ends (usually the file). `options` are
   * passed to the constructor over the defaults (`logging: false`); for
   * postgres, `dialectOptions` is merged with the `search_path` setting.
   */
  connect(options?: Record<string, unknown>): Promise<Relata>;
  /**
   * A URL that reaches this block's isolated database on its own:
   * `sqlite::memory:`, `sqlite:<tmp>/test.db`,
   * `postgres://…/test?options=-c%20search_path%3Drt_…` or `mysql://…/rt_…`.
   * The schema/database exists from the block's first `beforeAll` on.
   */
  readonly url: string;
}

const SERVER_DIALECTS = ['postgres', 'mariadb'] as const satisfies readonly TestDialect[];

function resolveDialects(): TestDialect[] {
  let configured: readonly string[] | undefined;
  try {
    configured = inject('relataDialects');
  } catch {
    configured = undefined;
  }
  configured ??= (process.env['RELATA_TEST_DIALECTS'] ?? '').split(',').map((d) => d.trim());
  const servers = SERVER_DIALECTS.filter((d) => configured.includes(d));
  return ['sqlite', 'sqlite-file', ...servers];
}

/** The id of this vitest run, embedded in every schema/database name the test helpers create. */
export function resolveRunId(): string {
  let runId: string | undefined;
  try {
    runId = inject('relataRunId');
  } catch {
    runId = undefined;
  }
  // Without the global setup nothing drops these; the stale rule there catches them on a later run.
  return runId || process.env['RELATA_TEST_RUN_ID'] || `${Date.now().toString(36)}_${process.pid.toString(36)}`;
}

/** The dialects this run tests: sqlite and sqlite-file always, servers when the global setup reached them. */
export const dialects: TestDialect[] = resolveDialects();

const blocksPerFile = new Map<string, number>();

function currentTestFile(): string {
  let filepath: string | undefined;
  try {
    filepath = TestRunner.getCurrentSuite().file?.filepath;
  } catch {
    filepath = undefined;
  }
  filepath ||= expect.getState().testPath;
  if (!filepath) {
    throw new TypeError(
      'describeEachDialect() must be called while vitest collects a test file (top level or inside describe), not inside a test or hook.',
    );
  }
  return filepath;
}

function namespaceFor(filepath: string): string {
  const block = blocksPerFile.get(filepath) ?? 0;
  blocksPerFile.set(filepath, block + 1);
  const fileHash = createHash('sha256').update(filepath).digest('hex').slice(0, 10);
  return `rt_${resolveRunId()}_${fileHash}_${block}`;
}

interface Block {
  readonly relatas: Relata[];
  readonly cleanups: (() => Promise<void> | void)[];
}

function sqliteFileUrl(block: Block): () => string {
  let url: string | undefined;
  return () => {
    if (url === undefined) {
      const dir = mkdtempSync(join(tmpdir(), 'relata-test-'));
      block.cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      url = `sqlite:${join(dir, 'test.db')}`;
    }
    return url;
  };
}

function postgresUrl(schema: string): string {
  const url = new URL(pgUrl());
  url.searchParams.delete('options');
  // Percent-encoded by hand: libpq reads '+' literally, URLSearchParams would write one for the space.
  const options = `options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  url.search = url.search ? `${url.search}&${options}` : `?${options}`;
  return url.toString();
}

function mariadbUrl(database: string): string {
  const url = new URL(mysqlUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | undefined;
  return () => (pending ??= fn());
}

function createContext(dialect: TestDialect, block: Block, namespace: string): DialectContext {
  // Tests pass loose option bags on purpose (including invalid ones); relata checks them, not the compiler.
  const open = (url: string, options: Record<string, unknown>): Relata => {
    const relata = new Relata(url, options as never);
    block.relatas.push(relata);
    return relata;
  };
  const withDefaults = (options: Record<string, unknown>) => ({ logging: false, ...options });

  switch (dialect) {
    case 'sqlite':
      return {
        dialect,
        url: 'sqlite::memory:',
        connect: async (options = {}) => open('sqlite::memory:', withDefaults(options)),
      };
    case 'sqlite-file': {
      const url = sqliteFileUrl(block);
      return {
        dialect,
        get url() {
          return url();
        },
        connect: async (options = {}) => open(url(), withDefaults(options)),
      };
    }
    case 'postgres': {
      const ensure = once(async () => {
        block.cleanups.push(() => withPg(async (c) => void (await c.query(`DROP SCHEMA IF EXISTS "${namespace}" CASCADE`))));
        await withPg(async (c) => void (await c.query(`CREATE SCHEMA IF NOT EXISTS "${namespace}"`)));
      });
      beforeAll(ensure);
      return {
        dialect,
        url: postgresUrl(namespace),
        connect: async (options = {}) => {
          await ensure();
          const dialectOptions = { options: `-c search_path=${namespace}`, ...(options['dialectOptions'] as object | undefined) };
          return open(pgUrl(), { ...withDefaults(options), dialectOptions });
        },
      };
    }
    case 'mariadb': {
      const ensure = once(async () => {
        block.cleanups.push(() => withMysql(async (c) => void (await c.query(`DROP DATABASE IF EXISTS \`${namespace}\``))));
        await withMysql(async (c) => void (await c.query(`CREATE DATABASE IF NOT EXISTS \`${namespace}\``)));
      });
      beforeAll(ensure);
      const url = mariadbUrl(namespace);
      return {
        dialect,
        url,
        connect: async (options = {}) => {
          await ensure();
          return open(url, withDefaults(options));
        },
      };
    }
  }
}

async function dispose(block: Block): Promise<void> {
  const errors: unknown[] = [];
  // Close first: a namespace cannot be dropped (nor a file removed cleanly) under open connections.
  const closed = await Promise.allSettled(block.relatas.splice(0).map((relata) => relata.close()));
  for (const result of closed) if (result.status === 'rejected') errors.push(result.reason);
  for (const cleanup of block.cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'describeEachDialect: cleanup failed');
}

/**
 * Runs `fn` once per configured dialect inside `describe(`${title} [${dialect}]`)`.
 * Call it at the top level of a test file or inside a `describe`.
 */
export function describeEachDialect(title: string, fn: (ctx: DialectContext) => void): void {
  const filepath = currentTestFile();
  const namespace = namespaceFor(filepath);
  const blocks: Block[] = [];
  // Registered on the enclosing suite, so it runs after every hook of the blocks below.
  afterAll(async () => {
    const results = await Promise.allSettled(blocks.map(dispose));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw failed.length === 1 ? failed[0]?.reason : new AggregateError(failed.map((f) => f.reason));
  });
  for (const dialect of dialects) {
    describe(`${title} [${dialect}]`, () => {
      const block: Block = { relatas: [], cleanups: [] };
      blocks.push(block);
      fn(createContext(dialect, block, namespace));
    });
  }
}

/**
 * A `logging` option that records every statement, for tests that count or inspect SQL.
 *
 * ```ts
 * const sql = captureSql();
 * const db = await connect({ logging: sql.logging });
 * await User.findAll({ include: Post });
 * expect(sql.statements).toHaveLength(2);
 * ```
 *
 * A Sequelize-style `Executing (default): ` prefix is stripped, so `statements` holds plain SQL.
 */
export function captureSql(): { logging: (sql: string) => void; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    logging: (sql: string) => {
      statements.push(String(sql).replace(/^Executing \([^)]*\):\s*/, ''));
    },
  };
}
