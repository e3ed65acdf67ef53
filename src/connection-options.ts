import type { QueryRetryOptions } from './query/refused-query-options.js';
import type { DialectName, PoolConfig } from './dialects/adapter.js';
import type { ModelOptions } from './metadata/model-options.js';
import type { ModelMatch } from './model/model-paths.js';
import type { LoggingFunction } from './query/query-options.js';

export type { LoggingFunction };

/**
 * Pool settings that tune Sequelize's own pool (sequelize-pool): accepted, so a Sequelize
 * configuration loads unchanged, and not used (idle connections are closed after `idle` ms).
 *
 * @example
 * new Relata('postgres://…', { pool: { max: 5, idle: 10_000, evict: 1_000 } })
 */
export interface SequelizePoolTuning {
  /** Sequelize's interval for evicting idle connections; relata's pool closes them after `idle`. */
  evict?: number;
  /** Sequelize's check of a connection before reuse. */
  validate?: (connection: unknown) => boolean;
  /** Sequelize's limit of uses per connection. */
  maxUses?: number;
}

/**
 * Options for `new Relata(...)`, with Sequelize's names.
 *
 * @example
 * new Relata('test', 'postgres', '', { dialect: 'postgres', host: '127.0.0.1', logging: console.log })
 */
export interface RelataOptions {
  /** Sequelize's driver override: refused (InvalidOptionError); relata loads its own drivers (pg, mysql2, better-sqlite3). */
  dialectModule?: object;
  /** Sequelize's default per-query retry: accepted unused; relata retries whole transactions (`transaction({ retry })`). */
  retry?: QueryRetryOptions;
  dialect?: DialectName | 'postgresql';
  host?: string;
  port?: number | string;
  database?: string;
  username?: string;
  password?: string | null;
  /** SQLite file, or ':memory:'. */
  storage?: string;
  /**
   * `false` silences; a function receives each SQL statement and its time. Default (and `true`):
   * `console.log`, printing `Executing (default): SELECT …` as Sequelize does.
   */
  logging?: LoggingFunction | boolean;
  /** Passes the timing to `logging` (always on in relata; accepted for compatibility). */
  benchmark?: boolean;
  pool?: Partial<PoolConfig> & SequelizePoolTuning;
  /** Defaults merged into every model's options. */
  define?: ModelOptions;
  /** Read replicas and the write primary; queries go to `write`. */
  replication?: { read?: readonly Partial<RelataOptions>[]; write?: Partial<RelataOptions> } | false;
  /** Passed to the driver as-is (pg Pool config, mysql2 pool config, better-sqlite3 options). */
  dialectOptions?: Record<string, unknown>;
  /**
   * relata's extra checks as errors. Without it (the default, as Sequelize behaves) an option key
   * no method takes, and a written value that names no attribute, are ignored with a one-time
   * `RelataWarning` (`process.emitWarning`, code `RELATA_UNKNOWN_OPTION` or
   * `RELATA_UNKNOWN_ATTRIBUTE`); with `strict: true` they are `UnknownOptionError` and
   * `UnknownAttributeError`, and a lazy load that is not batched is an `UnbatchedLazyLoadError`.
   */
  strict?: boolean;
  /**
   * Sequelize's timezone: the session time zone on PostgreSQL (`SET TIME ZONE`) and MariaDB/MySQL
   * (`SET time_zone`, and DATETIME values written and read in that offset), as an offset such as
   * `+02:00` (or a zone name on PostgreSQL). Default `+00:00`; ignored on SQLite, as in Sequelize.
   */
  timezone?: string;
  /** Leave null attributes out of INSERT/UPDATE statements. */
  omitNull?: boolean;
  /**
   * How to-many includes load (to-one includes always join): `'auto'` (the default) takes what
   * `bench/` measured faster for the dialect and the selected columns (a JSON aggregate in the
   * parent's query on SQLite; one batched query per level, with an array parameter, on PostgreSQL
   * and MariaDB/MySQL); `'json'` aggregates wherever the dialect can (SQLite, PostgreSQL);
   * `'batched'` always runs one query per level. Results are the same either way.
   */
  includeStrategy?: 'auto' | 'json' | 'batched';
  /**
   * Models to register at construction: decorated classes, or folders, files and globs to load
   * them from (sequelize-typescript's `models: [__dirname + '/models']`, with `modelMatch`).
   */
  models?: readonly unknown[];
  /** sequelize-typescript's deprecated name for `models` given as paths. */
  modelPaths?: readonly string[];
  /** Which export of a model file is its model (default: the one named as the file, else the default export). */
  modelMatch?: ModelMatch;
  /** Sequelize's `operatorsAliases`; must be false or absent (string operators are never honoured). */
  operatorsAliases?: false;
  /** Sequelize's `quoteIdentifiers`; relata always quotes. */
  quoteIdentifiers?: boolean;
  /**
   * Hooks for every model of the connection (they run after each model's own hooks), and the
   * connection's own (`afterDefine`, `beforeBulkSync`…), as with `relata.addHook()`.
   */
  hooks?: Record<string, ((...args: never[]) => unknown) | readonly ((...args: never[]) => unknown)[]>;
}
