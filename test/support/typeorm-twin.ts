/**
 * TypeORM itself and relata/typeorm side by side inside a `describeEachDialect` block, for
 * differential tests: the same entity definitions (written once against a decorator API, built
 * once per library), a TypeORM `DataSource` and a relata `DataSource`, each on its own isolated
 * namespace of the same server (relata on the block's pg schema / MariaDB database / SQLite
 * database, TypeORM on a twin `<namespace>_to`, a second in-memory SQLite database or a second
 * file). Both are initialized with `synchronize: true` in the block's `beforeAll`, destroyed (and
 * the twin namespace dropped) in its `afterAll`.
 *
 * @example
 * describeEachDialect('find, relata against typeorm', (block) => {
 *   const twin = typeormTwin(block, ({ Entity, PrimaryGeneratedColumn, Column }) => {
 *     @Entity() class User { @PrimaryGeneratedColumn() id!: number; @Column('varchar') name!: string }
 *     return { User };
 *   });
 *   it('finds', async () => {
 *     const found = await twin.both(async ({ dataSource, entities: { User }, L }) => {
 *       await dataSource.getRepository(User).save({ name: 'ada' });
 *       return twin.plain(await dataSource.getRepository(User).find({ where: { name: L.Like('a%') } }));
 *     });
 *     expect(found.relata).toEqual(found.typeorm);
 *   });
 * });
 */
import { afterAll, beforeAll } from 'vitest';
import * as TypeormLib from 'typeorm';
import * as RelataTypeorm from '../../src/typeorm/index.js';
import type { DialectContext, TestDialect } from './dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from './global-setup.js';

export type TwinLib = 'typeorm' | 'relata';

/** The module a side runs with, typed as relata/typeorm's (TypeORM's own is cast to it). */
export type TypeormApi = typeof RelataTypeorm;

/** One library's side: its module, its initialized DataSource and the entity classes built with its decorators. */
export interface TwinSide<E> {
  readonly lib: TwinLib;
  readonly L: TypeormApi;
  readonly dataSource: RelataTypeorm.DataSource;
  readonly entities: E;
  /** The pg schema or MariaDB database this side's tables live in ('' on SQLite). */
  readonly namespace: string;
}

export interface TypeormTwin<E> {
  /** Both sides, filled in the block's `beforeAll`. */
  readonly sides: Record<TwinLib, TwinSide<E>>;
  /** Runs `scenario` on TypeORM, then on relata. */
  both<T>(scenario: (side: TwinSide<E>) => Promise<T>): Promise<Record<TwinLib, T>>;
  /** Deletes every row of every entity table (and junction table) on both sides. */
  clear(): Promise<void>;
  /** An entity graph as JSON sees it (class names dropped, Dates as ISO strings, undefined keys gone). */
  plain<T>(value: T): unknown;
}

export interface TypeormTwinOptions {
  /** Extra DataSource options for both sides (e.g. `{ logging: true }`). */
  readonly dataSource?: Record<string, unknown>;
}

interface Connection {
  readonly namespace: string;
  readonly options: Record<string, unknown>;
  setup(): Promise<void>;
  teardown(): Promise<void>;
}

function namespaceOf(dialect: TestDialect, url: string): string {
  if (dialect === 'postgres') return (new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '');
  return new URL(url).pathname.slice(1);
}

function serverOptions(server: string, database: string): Record<string, unknown> {
  const url = new URL(server);
  const options: Record<string, unknown> = { host: url.hostname || '127.0.0.1', port: Number(url.port || 0) || undefined, username: decodeURIComponent(url.username) || undefined, database };
  if (url.password !== '') options['password'] = decodeURIComponent(url.password);
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return options;
}

/** Where each side connects: relata on the block's namespace, TypeORM on a twin beside it. */
function connectionOf(dialect: TestDialect, url: string, lib: TwinLib): Connection {
  const none = async (): Promise<void> => undefined;
  if (dialect === 'sqlite') return { namespace: '', options: { type: 'better-sqlite3', database: ':memory:' }, setup: none, teardown: none };
  if (dialect === 'sqlite-file') {
    const file = url.replace(/^sqlite:/, '');
    return { namespace: '', options: { type: 'better-sqlite3', database: lib === 'relata' ? file : `${file}.to.db` }, setup: none, teardown: none };
  }
  const base = namespaceOf(dialect, url);
  const namespace = lib === 'relata' ? base : `${base}_to`;
  if (dialect === 'postgres') {
    const server = new URL(pgUrl());
    return {
      namespace,
      options: { type: 'postgres', ...serverOptions(pgUrl(), decodeURIComponent(server.pathname.slice(1))), schema: namespace },
      setup: async () => void (await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${namespace}"`))),
      // The block drops its own namespace; the twin's is this helper's to drop.
      teardown: lib === 'relata' ? none : async () => void (await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${namespace}" CASCADE`))),
    };
  }
  return {
    namespace,
    options: { type: 'mariadb', ...serverOptions(mysqlUrl(), namespace) },
    setup: async () => void (await withMysql((c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${namespace}\``))),
    teardown: lib === 'relata' ? none : async () => void (await withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${namespace}\``))),
  };
}

/** JSON's view of a value: what a TypeORM user sees when an entity graph is serialized. */
function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * Builds both sides for a `describeEachDialect` block. `define` is called once per library with
 * that library's module (decorators, operators, DataSource); give column types explicitly (the test
 * transform emits no decorator metadata).
 */
export function typeormTwin<E extends Record<string, (abstract new (...args: never[]) => object) | RelataTypeorm.EntitySchema<object>>>(
  block: Pick<DialectContext, 'dialect' | 'url'>,
  define: (L: TypeormApi) => E,
  twinOptions: TypeormTwinOptions = {},
): TypeormTwin<E> {
  const sides = {} as Record<TwinLib, TwinSide<E>>;
  const connections: Connection[] = [];
  const libs: Record<TwinLib, TypeormApi> = { typeorm: TypeormLib as unknown as TypeormApi, relata: RelataTypeorm };

  beforeAll(async () => {
    for (const lib of ['typeorm', 'relata'] as const) {
      const L = libs[lib];
      const connection = connectionOf(block.dialect, block.url, lib);
      connections.push(connection);
      await connection.setup();
      const entities = define(L);
      const dataSource = new L.DataSource({ ...connection.options, entities: Object.values(entities), synchronize: true, logging: false, ...twinOptions.dataSource } as unknown as RelataTypeorm.DataSourceOptions);
      await dataSource.initialize();
      sides[lib] = { lib, L, dataSource, entities, namespace: connection.namespace };
    }
  });

  afterAll(async () => {
    for (const side of Object.values(sides)) if (side.dataSource.isInitialized) await side.dataSource.destroy();
    for (const connection of connections.splice(0)) await connection.teardown();
  });

  async function clearSide(side: TwinSide<E>): Promise<void> {
    const dataSource = side.dataSource;
    const tables = await tablesOf(side);
    const type = dataSource.options.type;
    const quote = (name: string): string => (type === 'mariadb' || type === 'mysql' ? `\`${name}\`` : `"${name}"`);
    if (type === 'postgres') {
      if (tables.length > 0) await dataSource.query(`TRUNCATE ${tables.map((table) => `${quote(side.namespace)}.${quote(table)}`).join(', ')} RESTART IDENTITY CASCADE`);
      return;
    }
    await dataSource.transaction(async (manager) => {
      if (type === 'mariadb' || type === 'mysql') await manager.query('SET FOREIGN_KEY_CHECKS = 0');
      else await manager.query('PRAGMA defer_foreign_keys = ON');
      for (const table of tables) await manager.query(type === 'mariadb' || type === 'mysql' ? `TRUNCATE TABLE ${quote(table)}` : `DELETE FROM ${quote(table)}`);
      if (type === 'mariadb' || type === 'mysql') await manager.query('SET FOREIGN_KEY_CHECKS = 1');
    });
    if (type !== 'mariadb' && type !== 'mysql') await dataSource.query("DELETE FROM sqlite_sequence").catch(() => undefined);
  }

  return {
    sides,
    both: async (scenario) => ({ typeorm: await scenario(sides.typeorm), relata: await scenario(sides.relata) }),
    clear: async () => {
      await clearSide(sides.typeorm);
      await clearSide(sides.relata);
    },
    plain,
  };
}

/** The tables on a side's namespace, read from the catalog (entity and junction tables alike). */
async function tablesOf(side: TwinSide<unknown>): Promise<string[]> {
  const type = side.dataSource.options.type;
  let rows: { name: string }[];
  if (type === 'postgres') {
    rows = await side.dataSource.query<{ name: string }[]>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = $2', [side.namespace, 'BASE TABLE']);
  } else if (type === 'mariadb' || type === 'mysql') {
    rows = await side.dataSource.query<{ name: string }[]>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = ?', ['BASE TABLE']);
  } else {
    rows = await side.dataSource.query<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  }
  return rows.map((row) => row.name).filter((name) => name !== 'typeorm_metadata' && name !== 'migrations');
}
