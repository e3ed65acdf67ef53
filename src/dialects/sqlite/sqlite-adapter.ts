import { SqliteDialect, type Dialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { AbstractDataType } from '../../data-types/abstract.js';
import { formatSqliteDate } from '../../data-types/date.js';
import type { BaseError } from '../../errors/base-error.js';
import type { ConnectionConfig, DialectAdapter, DialectCapabilities, FailedQuery } from '../adapter.js';
import { sqliteColumnType } from './column-types.js';
import { translateSqliteError } from './translate-error.js';

const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 behind Kysely, with a prepared-statement cache: repeated query shapes skip
 * SQLite's parser entirely.
 * @internal
 */
export class SqliteAdapter implements DialectAdapter {
  readonly name = 'sqlite' as const;
  readonly capabilities: DialectCapabilities = {
    returning: 'returning',
    autoIncrement: 'rowid',
    rowLocks: false,
    truncate: false,
    dropCascade: false,
    ilike: false,
    upsert: 'on-conflict',
    transactionalDdl: true,
    maxParameters: 32766,
    limitStyle: 'limit-offset',
    jsonb: false,
    schemas: false,
    defaultValuesInsert: true,
    createIfNotExists: true,
    booleanLiterals: true,
    inlineReferences: true,
    inlineIndexes: false,
    isolationLevels: false,
  };

  createKyselyDialect(config: ConnectionConfig): Dialect {
    return new SqliteDialect({
      database: async () => {
        const { default: Database } = await import('better-sqlite3');
        const db = new Database(config.storage ?? ':memory:', config.dialectOptions as object);
        db.pragma('foreign_keys = ON');
        return new CachedSqliteDatabase(db);
      },
    });
  }

  columnType(type: AbstractDataType): string {
    return sqliteColumnType(type);
  }

  translateError(error: unknown, query: FailedQuery | undefined): BaseError {
    return translateSqliteError(error, query);
  }

  placeholder(): string {
    return '?';
  }

  bindValue(value: unknown): unknown {
    // better-sqlite3 binds numbers, strings, bigints, buffers and null only.
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return formatSqliteDate(value);
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
