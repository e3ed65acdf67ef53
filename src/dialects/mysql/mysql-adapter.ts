import { MysqlDialect, type Dialect, type MysqlPool } from 'kysely';
import type { AbstractDataType } from '../../data-types/abstract.js';
import type { BaseError } from '../../errors/base-error.js';
import { withAcquireTimeout } from '../acquire-timeout.js';
import { causedBy } from '../caused-by.js';
import type { ConnectionConfig, DialectAdapter, DialectCapabilities, FailedQuery } from '../adapter.js';
import { mysqlColumnType } from './column-types.js';
import { MysqlSchemaDialect } from './schema-dialect.js';
import { isMysqlSerializationFailure, MysqlDateLiteral, translateMysqlError } from './translate-error.js';
import { loadDriver } from '../load-driver.js';
import { MysqlSchemaPrefixCompiler } from '../schema-prefix.js';
import { MysqlSessionPool } from './session-pool.js';

/** Removes NO_BACKSLASH_ESCAPES from the session's sql_mode, keeping every other mode. */
const WITH_BACKSLASH_ESCAPES =
  "SET SESSION sql_mode = TRIM(BOTH ',' FROM REPLACE(CONCAT(',', @@SESSION.sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','))";

/**
 * MySQL and MariaDB through mysql2's pool. Times travel as UTC; DATE columns arrive as strings.
 * @internal
 */
export class MysqlAdapter implements DialectAdapter {
  /** The pool of this connection's Kysely driver, once created (a closed connection no longer asks for it). */
  #pool: MysqlSessionPool | undefined;
  /** mysql2's own escape of a Date in the pool's time zone, once the driver is loaded (see bindValue). */
  #escapeDate: ((date: Date) => string) | undefined;
  #lastDate: Date | undefined;
  #lastDateTime = Number.NaN;
  #lastDateLiteral: MysqlDateLiteral | undefined;
  readonly schema = new MysqlSchemaDialect();
  readonly capabilities: DialectCapabilities = {
    returning: 'none',
    bulkIncrementReturnsRows: false,
    autoIncrement: 'keyword',
    rowLocks: true,
    noKeyUpdateLock: false,
    shareLock: 'lock in share mode',
    lockOf: false,
    indexUsing: true,
    tableOptions: true,
    triggerOnTable: false,
    truncate: true,
    dropCascade: false,
    ilike: false,
    upsert: 'on-duplicate-key',
    transactionalDdl: false,
    maxParameters: 65535,
    limitStyle: 'limit-offset',
    jsonb: false,
    schemas: false,
    deferrableConstraints: false,
    defaultValuesInsert: false,
    createIfNotExists: true,
    booleanLiterals: true,
    inlineReferences: false,
    forwardReferences: false,
    inlineIndexes: true,
    isolationLevels: true,
    jsonRows: false,
    versionExpression: 'VERSION()',
    randomFunction: 'RAND',
    escapeStyle: { identifierQuote: '`', booleans: 'keyword', dates: 'seconds', strings: 'backslash', arrays: 'list' },
    rightJoin: true,
    jsonPath: { style: 'json_unquote', numberType: 'DOUBLE' },
  };

  constructor(readonly name: 'mysql' | 'mariadb') {}

  createKyselyDialect(config: ConnectionConfig): Dialect {
    // mysql2's pool queues a request for a connection forever; pool.acquire is enforced around it.
    const dialect = new MysqlDialect({
      pool: async () => {
        const mysql = await loadDriver(this.name, 'mysql2', { import: () => import('mysql2'), require: () => require('mysql2') });
        const options = {
          host: config.host ?? 'localhost',
          port: config.port ?? 3306,
          database: config.database,
          user: config.username,
          password: config.password ?? undefined,
          connectionLimit: config.pool.max,
          maxIdle: Math.max(config.pool.min, 1),
          idleTimeout: config.pool.idle,
          connectTimeout: config.pool.acquire,
          // mysql2 writes and reads DATETIME values in this offset, as Sequelize's timezone does.
          timezone: config.timezone ?? 'Z',
          dateStrings: ['DATE'],
          supportBigNumbers: true,
          bigNumberStrings: false,
          decimalNumbers: false,
          multipleStatements: false,
          ...config.dialectOptions,
        };
        // mysql2 puts values into the statement text escaped with backslashes (\'). A server whose
        // sql_mode has NO_BACKSLASH_ESCAPES reads \' as a backslash and a closing quote, so a value
        // could end the string and inject SQL. Every connection turns the mode off for itself.
        // The offset was checked when the connection was made (relata-config.ts).
        const session = [WITH_BACKSLASH_ESCAPES, ...(config.timezone === undefined ? [] : [`SET time_zone = '${config.timezone}'`])];
        // A custom queryFormat would receive bindValue's date literals instead of Dates.
        if (!('queryFormat' in options)) {
          const zone = options.timezone;
          this.#escapeDate = (date) => mysql.escape(date, false, zone);
        }
        const pool = mysql.createPool(options as Parameters<typeof mysql.createPool>[0] & object) as unknown as MysqlPool;
        this.#pool = new MysqlSessionPool(pool, session, config.pool);
        return this.#pool;
      },
    });
    const timed = withAcquireTimeout(dialect, config.pool);
    return {
      createAdapter: () => timed.createAdapter(),
      createDriver: () => timed.createDriver(),
      createIntrospector: (db) => timed.createIntrospector(db),
      createQueryCompiler: () => new MysqlSchemaPrefixCompiler(),
    };
  }

  readNow(sql: string, parameters: readonly unknown[]): Promise<{ rows: unknown[] }> | undefined {
    // A read outside a transaction takes any connection of the pool, as Kysely's driver does.
    return this.#pool?.read(sql, parameters);
  }

  columnType(type: AbstractDataType): string {
    return mysqlColumnType(type);
  }

  translateError(error: unknown, query: FailedQuery | undefined): BaseError {
    return translateMysqlError(error, query);
  }

  isSerializationFailure(error: unknown): boolean {
    return causedBy(error, isMysqlSerializationFailure);
  }

  placeholder(): string {
    return '?';
  }

  bindValue(value: unknown): unknown {
    // A bulk insert binds the same timestamp object once per row; mysql2 would format it each
    // time. It is formatted once, by mysql2's own escape in the pool's time zone: the same text.
    if (value instanceof Date && this.#escapeDate !== undefined) {
      const time = value.getTime();
      if (value !== this.#lastDate || time !== this.#lastDateTime || this.#lastDateLiteral === undefined) {
        this.#lastDateLiteral = new MysqlDateLiteral(value, this.#escapeDate(value));
        this.#lastDate = value;
        this.#lastDateTime = time;
      }
      return this.#lastDateLiteral;
    }
    return value;
  }
}
