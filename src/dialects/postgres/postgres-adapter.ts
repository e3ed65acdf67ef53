import { PostgresDialect, type Dialect, type PostgresPool } from 'kysely';
import type { AbstractDataType } from '../../data-types/abstract.js';
import type { BaseError } from '../../errors/base-error.js';
import type { ConnectionConfig, DialectAdapter, DialectCapabilities, FailedQuery } from '../adapter.js';
import { postgresColumnType } from './column-types.js';
import { translatePostgresError } from './translate-error.js';

const DATE_OID = 1082;

/**
 * PostgreSQL through pg's Pool. `date` columns stay strings so DATEONLY never shifts by a time zone.
 * @internal
 */
export class PostgresAdapter implements DialectAdapter {
  readonly name = 'postgres' as const;
  readonly currentTablesSql = 'SELECT tablename AS "name" FROM pg_catalog.pg_tables WHERE schemaname = current_schema()';
  readonly capabilities: DialectCapabilities = {
    returning: 'returning',
    autoIncrement: 'serial',
    rowLocks: true,
    truncate: true,
    dropCascade: true,
    ilike: true,
    upsert: 'on-conflict',
    transactionalDdl: true,
    maxParameters: 65535,
    limitStyle: 'limit-offset',
    jsonb: true,
    schemas: true,
    defaultValuesInsert: true,
    createIfNotExists: true,
    booleanLiterals: true,
    inlineReferences: true,
    inlineIndexes: false,
    isolationLevels: true,
  };

  createKyselyDialect(config: ConnectionConfig): Dialect {
    return new PostgresDialect({
      pool: async () => {
        const pg = (await import('pg')).default;
        const types = {
          getTypeParser: (oid: number, format?: 'text' | 'binary') =>
            oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format ?? 'text'),
        };
        const pool = new pg.Pool({
          host: config.host ?? 'localhost',
          port: config.port ?? 5432,
          database: config.database,
          user: config.username,
          password: config.password ?? undefined,
          max: config.pool.max,
          min: config.pool.min,
          idleTimeoutMillis: config.pool.idle,
          connectionTimeoutMillis: config.pool.acquire,
          types,
          ...config.dialectOptions,
        });
        // An idle client losing its connection must not crash the process; the pool drops it.
        pool.on('error', () => undefined);
        return pool as unknown as PostgresPool;
      },
    });
  }

  columnType(type: AbstractDataType): string {
    return postgresColumnType(type);
  }

  translateError(error: unknown, query: FailedQuery | undefined): BaseError {
    return translatePostgresError(error, query);
  }

  placeholder(index: number): string {
    return `$${index + 1}`;
  }

  bindValue(value: unknown): unknown {
    return value;
  }
}
