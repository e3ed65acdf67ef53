import { SqliteDialect, sql, type Dialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { AbstractDataType } from '../../data-types/abstract.js';
import { formatSqliteDate } from '../../data-types/date.js';
import type { BaseError } from '../../errors/base-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { causedBy } from '../caused-by.js';
import type { ConnectionConfig, DialectAdapter, DialectCapabilities, FailedQuery, JsonRowsDialect } from '../adapter.js';
import { sqliteColumnType } from './column-types.js';
import { SqliteSchemaDialect } from './schema-dialect.js';
import { SqliteSplitDriver, type SqliteConnections } from './sqlite-driver.js';
import { isSqliteSerializationFailure, translateSqliteError } from './translate-error.js';
import { loadDriver } from '../load-driver.js';
import { SqliteSchemaPrefixCompiler } from '../schema-prefix.js';

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 behind Kysely, with a prepared-statement cache: repeated query shapes skip
 * SQLite's parser entirely.
 * @internal
 */
/**
 * `json_group_array(json_array(a, b, json((nested))) ORDER BY …)`, '[]' for no rows; nested
 * aggregates are text, embedded as JSON by json(). The driver returns the array as text.
 */
const SQLITE_JSON_ROWS: JsonRowsDialect = {
  name: 'json_group_array',
  aggregate(items, order) {
    const values = items.map((i) => (i.json ? sql`json(${i.sql})` : i.sql));
    return sql`json_group_array(json_array(${sql.join(values)})${order ?? sql``})`;
  },
  decode(value) {
    return (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as unknown[][];
  },
  // Measured on both row shapes (timestamped and lean): one aggregate beats a statement per level.
  prefer: () => true,
};

export class SqliteAdapter implements DialectAdapter {
  readonly name = 'sqlite' as const;
  /** The driver of this connection's Kysely instance, once Kysely has created it. */
  #driver: SqliteSplitDriver | undefined;
  readonly schema = new SqliteSchemaDialect();
  readonly capabilities: DialectCapabilities = {
    returning: 'returning',
    bulkIncrementReturnsRows: false,
    autoIncrement: 'rowid',
    rowLocks: false,
    noKeyUpdateLock: false,
    shareLock: 'for share',
    lockOf: false,
    indexUsing: false,
    tableOptions: false,
    triggerOnTable: false,
    truncate: false,
    dropCascade: false,
    ilike: false,
    upsert: 'on-conflict',
    transactionalDdl: true,
    maxParameters: 32766,
    limitStyle: 'limit-offset',
    jsonb: false,
    schemas: false,
    deferrableConstraints: false,
    defaultValuesInsert: true,
    createIfNotExists: true,
    booleanLiterals: true,
    inlineReferences: true,
    forwardReferences: true,
    inlineIndexes: false,
    isolationLevels: false,
    jsonRows: SQLITE_JSON_ROWS,
    versionExpression: 'sqlite_version()',
    randomFunction: 'RANDOM',
    escapeStyle: { identifierQuote: '`', booleans: 'number', dates: 'offset', strings: 'double', arrays: 'list' },
    // The bundled SQLite is 3.39 or later, which has RIGHT JOIN.
    rightJoin: true,
    jsonPath: { style: 'json_extract', numberType: 'REAL' },
  };

  createKyselyDialect(config: ConnectionConfig): Dialect {
    // Kysely's SQLite dialect supplies the compiler and introspector; its one-connection driver is replaced.
    const base = new SqliteDialect({ database: () => Promise.reject(ConnectionError.unavailable('SQLite', 'internal: the default driver is not used')) });
    const open = async (): Promise<SqliteConnections> => {
      const Database = await loadDriver('sqlite', 'better-sqlite3', { import: () => import('better-sqlite3'), require: () => require('better-sqlite3') });
      const storage = config.storage ?? ':memory:';
      const driverOptions = (config.dialectOptions ?? {}) as { readonly?: boolean };
      const writer = new Database(storage, driverOptions as object);
      writer.pragma('foreign_keys = ON');
      // An in-memory (or temporary) database cannot be opened twice: it is its own reader.
      if (storage === ':memory:' || storage === '' || driverOptions.readonly === true) {
        const only = new CachedSqliteDatabase(writer);
        return { writer: only, reader: only };
      }
      // WAL lets the reader read committed data while the writer holds a transaction open.
      writer.pragma('journal_mode = WAL');
      const reader = new Database(storage, { ...driverOptions, readonly: true } as object);
      return { writer: new CachedSqliteDatabase(writer), reader: new CachedSqliteDatabase(reader) };
    };
    return {
      createAdapter: () => base.createAdapter(),
      createDriver: () => (this.#driver = new SqliteSplitDriver(open, config.pool)),
      createIntrospector: (db) => base.createIntrospector(db),
      createQueryCompiler: () => new SqliteSchemaPrefixCompiler(),
    };
  }

  readNow(sql: string, parameters: readonly unknown[]): { rows: unknown[] } | undefined {
    return this.#driver?.readNow(sql, parameters);
  }

  columnType(type: AbstractDataType): string {
    return sqliteColumnType(type);
  }

  translateError(error: unknown, query: FailedQuery | undefined): BaseError {
    return translateSqliteError(error, query);
  }

  isSerializationFailure(error: unknown): boolean {
    return causedBy(error, isSqliteSerializationFailure);
  }

  placeholder(): string {
    return '?';
  }

  jsonCarry(type: AbstractDataType): 'plain' | 'text' | undefined {
    // JSON holds every SQLite value as the driver returns it except BLOBs, which json_array rejects.
    return type.key === 'BLOB' ? undefined : 'plain';
  }

  #lastDate: Date | undefined;
  #lastDateTime = Number.NaN;
  #lastDateText = '';

  bindValue(value: unknown): unknown {
    // better-sqlite3 binds numbers, strings, bigints, buffers and null only.
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) {
      // A bulk insert binds the same timestamp object once per row; format it once.
      const time = value.getTime();
      if (value !== this.#lastDate || time !== this.#lastDateTime) {
        this.#lastDateText = formatSqliteDate(value);
        this.#lastDate = value;
        this.#lastDateTime = time;
      }
      return this.#lastDateText;
    }
    return value;
  }
}

interface BetterSqliteDatabase {
  prepare(sql: string): SqliteStatement;
  close(): void;
}

class CachedSqliteDatabase implements SqliteDatabase {
  readonly #db: BetterSqliteDatabase;
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(db: BetterSqliteDatabase) {
    this.#db = db;
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      // DDL changes invalidate nothing here: better-sqlite3 re-prepares internally on schema change.
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.#statements.keys().next().value as string;
        this.#statements.delete(oldest);
      }
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }
}

