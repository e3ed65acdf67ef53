import { MysqlDialect, type Dialect, type MysqlPool } from 'kysely';
import type { AbstractDataType } from '../../data-types/abstract.js';
import type { BaseError } from '../../errors/base-error.js';
import type { ConnectionConfig, DialectAdapter, DialectCapabilities, FailedQuery } from '../adapter.js';
import { mysqlColumnType } from './column-types.js';
import { translateMysqlError } from './translate-error.js';

/**
 * MySQL and MariaDB through mysql2's pool. Times travel as UTC; DATE columns arrive as strings.
 * @internal
 */
export class MysqlAdapter implements DialectAdapter {
  readonly capabilities: DialectCapabilities = {
    returning: 'none',
    autoIncrement: 'keyword',
    rowLocks: true,
    truncate: true,
    dropCascade: false,
    ilike: false,
    upsert: 'on-duplicate-key',
    transactionalDdl: false,
    maxParameters: 65535,
    limitStyle: 'limit-offset',
    jsonb: false,
    schemas: false,
    defaultValuesInsert: false,
    createIfNotExists: true,
    booleanLiterals: true,
    inlineReferences: false,
    inlineIndexes: true,
    isolationLevels: true,
  };

  constructor(readonly name: 'mysql' | 'mariadb') {}

  createKyselyDialect(config: ConnectionConfig): Dialect {
    return new MysqlDialect({
      pool: async () => {
        const mysql = (await import('mysql2')).default;
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
          timezone: 'Z',
          dateStrings: ['DATE'],
          supportBigNumbers: true,
          bigNumberStrings: false,
          decimalNumbers: false,
          multipleStatements: false,
          ...config.dialectOptions,
        };
        return mysql.createPool(options as Parameters<typeof mysql.createPool>[0] & object) as unknown as MysqlPool;
      },
    });
  }

  columnType(type: AbstractDataType): string {
    return mysqlColumnType(type);
  }

  translateError(error: unknown, query: FailedQuery | undefined): BaseError {
    return translateMysqlError(error, query);
  }

  placeholder(): string {
    return '?';
  }

  bindValue(value: unknown): unknown {
    return value;
  }
}
