import type { DialectName, PoolConfig } from './dialects/adapter.js';
import type { ModelOptions } from './model/model-options.js';

/** A logging sink: receives each statement and how long it took in milliseconds. */
export type LoggingFunction = (sql: string, timingMs?: number) => void;

/**
 * Options for `new Relata(...)`, with Sequelize's names.
 *
 * @example
 * new Relata('test', 'postgres', '', { dialect: 'postgres', host: '127.0.0.1', logging: console.log })
 */
export interface RelataOptions {
  dialect?: DialectName | 'postgresql';
  host?: string;
  port?: number | string;
  database?: string;
  username?: string;
  password?: string | null;
  /** SQLite file, or ':memory:'. */
  storage?: string;
  /** `false` silences; a function receives each SQL statement and its time. Default: silent. */
  logging?: LoggingFunction | boolean;
  /** Passes the timing to `logging` (always on in relata; accepted for compatibility). */
  benchmark?: boolean;
  pool?: Partial<PoolConfig>;
  /** Defaults merged into every model's options. */
  define?: ModelOptions;
  /** Read replicas and the write primary; queries go to `write`. */
  replication?: { read?: readonly Partial<RelataOptions>[]; write?: Partial<RelataOptions> } | false;
  /** Passed to the driver as-is (pg Pool config, mysql2 pool config, better-sqlite3 options). */
  dialectOptions?: Record<string, unknown>;
  /** Treats a lazy load that is not batched as an error (see loading docs). */
  strict?: boolean;
  /** Sequelize's timezone option; relata stores UTC. */
  timezone?: string;
  /** Leave null attributes out of INSERT/UPDATE statements. */
  omitNull?: boolean;
  /** Models to register at construction (decorated classes). */
  models?: readonly unknown[];
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
