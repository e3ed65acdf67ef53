/**
 * TypeORM itself and relata/typeorm side by side in a `describeEachDialect` block, for the write
 * tests: entity classes defined once against a decorator module and built once per library, a
 * TypeORM DataSource on a twin namespace (`<namespace>_to` schema or database, a second SQLite
 * database) and a relata DataSource on the block's own, both synchronized in `beforeAll`.
 * `both(scenario)` runs the scenario on TypeORM, then on relata, after emptying the tables (ids
 * start at 1 on both sides); `rows(side, sql)` reads a table with plain SQL.
 */
import { afterAll, beforeAll } from 'vitest';
import * as TypeormLib from 'typeorm';
import * as RelataTypeorm from '../../src/typeorm/index.js';
import type { DialectContext } from './dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from './global-setup.js';

export type Lib = 'typeorm' | 'relata';
export type Api = typeof RelataTypeorm;

export interface Side<E> {
  readonly lib: Lib;
  readonly L: Api;
  readonly dataSource: RelataTypeorm.DataSource;
  readonly entities: E;
  /** The PostgreSQL schema of this side's tables ('' elsewhere). */
  readonly schema: string;
}

export interface WritesTwin<E> {
  readonly sides: Record<Lib, Side<E>>;
  /** Empties every table of both sides, then runs `scenario` on TypeORM and on relata. */
  both<T>(scenario: (side: Side<E>) => Promise<T>): Promise<Record<Lib, T>>;
  /** Rows of a `SELECT` (columns in a stable order, values normalized: numbers, booleans, dates as 'date'). */
  rows(side: Side<E>, table: string, orderBy?: string): Promise<Record<string, unknown>[]>;
}

function serverOptions(server: string): Record<string, unknown> {
  const url = new URL(server);
  const options: Record<string, unknown> = { host: url.hostname, port: Number(url.port) };
  if (url.username !== '') options['username'] = decodeURIComponent(url.username);
  if (url.password !== '') options['password'] = decodeURIComponent(url.password);
  return options;
}

/** A value as both drivers agree on it: dates as the word 'date', numeric strings as numbers. */
export function normalize(value: unknown): unknown {
  if (value instanceof Date) return 'date';
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/.test(value)) return 'date';
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return value;
}

export function writesTwin<E extends Record<string, abstract new (...args: never[]) => object>>(block: Pick<DialectContext, 'dialect' | 'url'>, define: (L: Api) => E): WritesTwin<E> {
  const sides = {} as Record<Lib, Side<E>>;
  const cleanups: (() => Promise<void>)[] = [];

  function optionsOf(lib: Lib): { options: Record<string, unknown>; schema?: string; setup?: () => Promise<void> } {
    const { dialect, url } = block;
    if (dialect === 'sqlite') return { options: { type: 'better-sqlite3', database: ':memory:' } };
    if (dialect === 'sqlite-file') {
      const file = url.replace(/^sqlite:/, '');
      return { options: { type: 'better-sqlite3', database: lib === 'relata' ? file : `${file}.to.db` } };
    }
    if (dialect === 'postgres') {
      const schema = (new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '');
      if (lib === 'relata') return { options: { type: 'postgres', url }, schema };
      const twin = `${schema}_to`;
      return {
        schema: twin,
        options: { type: 'postgres', ...serverOptions(pgUrl()), database: new URL(pgUrl()).pathname.slice(1), schema: twin },
        setup: async () => {
          await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${twin}"`));
          cleanups.push(async () => void (await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${twin}" CASCADE`))));
        },
      };
    }
    const database = new URL(url).pathname.slice(1);
    if (lib === 'relata') return { options: { type: 'mariadb', url } };
    const twin = `${database}_to`;
    return {
      options: { type: 'mariadb', ...serverOptions(mysqlUrl()), database: twin },
      setup: async () => {
        await withMysql((c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${twin}\``));
        cleanups.push(async () => void (await withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${twin}\``))));
      },
    };
  }

  beforeAll(async () => {
    const libs: Record<Lib, Api> = { typeorm: TypeormLib as unknown as Api, relata: RelataTypeorm };
    for (const lib of ['typeorm', 'relata'] as const) {
      const L = libs[lib];
      const { options, schema = '', setup } = optionsOf(lib);
      await setup?.();
      const entities = define(L);
      const dataSource = new L.DataSource({ ...options, entities: Object.values(entities), synchronize: true, logging: false } as unknown as RelataTypeorm.DataSourceOptions);
      await dataSource.initialize();
      sides[lib] = { lib, L, dataSource, entities, schema };
    }
  });

  afterAll(async () => {
    for (const side of Object.values(sides)) if (side.dataSource.isInitialized) await side.dataSource.destroy();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  const type = (side: Side<E>): string => String(side.dataSource.options.type);
  const quote = (side: Side<E>, name: string): string => (type(side) === 'mariadb' ? `\`${name}\`` : `"${name}"`);
  const table = (side: Side<E>, name: string): string => (side.schema === '' ? quote(side, name) : `${quote(side, side.schema)}.${quote(side, name)}`);

  async function tables(side: Side<E>): Promise<string[]> {
    const t = type(side);
    const sql =
      t === 'postgres' ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '${side.schema}' AND table_type = 'BASE TABLE'`
      : t === 'mariadb' ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
    const rows = await side.dataSource.query<{ name: string }[]>(sql);
    return rows.map((row) => row.name).filter((name) => name !== 'typeorm_metadata');
  }

  async function empty(side: Side<E>): Promise<void> {
    const names = await tables(side);
    if (names.length === 0) return;
    const t = type(side);
    if (t === 'postgres') {
      await side.dataSource.query(`TRUNCATE ${names.map((n) => table(side, n)).join(', ')} RESTART IDENTITY CASCADE`);
      return;
    }
    await side.dataSource.transaction(async (manager) => {
      await manager.query(t === 'mariadb' ? 'SET FOREIGN_KEY_CHECKS = 0' : 'PRAGMA defer_foreign_keys = ON');
      for (const name of names) await manager.query(t === 'mariadb' ? `TRUNCATE TABLE ${quote(side, name)}` : `DELETE FROM ${quote(side, name)}`);
      if (t === 'mariadb') await manager.query('SET FOREIGN_KEY_CHECKS = 1');
    });
    if (t !== 'mariadb') await side.dataSource.query('DELETE FROM sqlite_sequence').catch(() => undefined);
  }

  return {
    sides,
    async both(scenario) {
      await empty(sides.typeorm);
      const typeorm = await scenario(sides.typeorm);
      await empty(sides.relata);
      const relata = await scenario(sides.relata);
      return { typeorm, relata };
    },
    async rows(side, name, orderBy = 'id') {
      const rows = await side.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM ${table(side, name)} ORDER BY ${orderBy.split(',').map((c) => quote(side, c.trim())).join(', ')}`);
      return rows.map((row) => Object.fromEntries(Object.keys(row).sort().map((key) => [key, normalize(row[key])])));
    },
  };
}
