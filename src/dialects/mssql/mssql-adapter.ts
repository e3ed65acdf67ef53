import {
  MssqlAdapter as KyselyMssqlAdapter,
  MssqlDriver,
  MssqlIntrospector,
  MssqlQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type MssqlDialectConfig,
  type TransactionSettings,
} from 'kysely';
import type { AbstractDataType } from '../../data-types/abstract.js';
import type { BaseError } from '../../errors/base-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { causedBy } from '../caused-by.js';
import { loadDriver } from '../load-driver.js';
import type { ConnectionConfig, DialectAdapter, DialectCapabilities, FailedQuery } from '../adapter.js';
import { mssqlColumnType } from './column-types.js';
import { isMssqlSerializationFailure, translateMssqlError } from './translate-error.js';

/**
 * Microsoft SQL Server through tedious and tarn, both imported only when a connection is made, so
 * SQL compiles without either installed.
 * @internal
 */
export class MssqlAdapter implements DialectAdapter {
  readonly name = 'mssql' as const;
  readonly currentTablesSql = "SELECT TABLE_NAME AS [name] FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = SCHEMA_NAME() AND TABLE_TYPE = 'BASE TABLE'";
  readonly capabilities: DialectCapabilities = {
    returning: 'output',
    bulkIncrementReturnsRows: false,
    autoIncrement: 'identity',
    rowLocks: false,
    noKeyUpdateLock: false,
    shareLock: 'for share',
    lockOf: false,
    indexUsing: false,
    tableOptions: false,
    triggerOnTable: false,
    truncate: true,
    dropCascade: false,
    ilike: false,
    upsert: 'merge',
    transactionalDdl: true,
    maxParameters: 2100,
    limitStyle: 'offset-fetch',
    jsonb: false,
    schemas: true,
    deferrableConstraints: false,
    defaultValuesInsert: true,
    createIfNotExists: false,
    booleanLiterals: false,
    inlineReferences: true,
    forwardReferences: false,
    inlineIndexes: false,
    isolationLevels: true,
    jsonRows: false,
    versionExpression: "CAST(SERVERPROPERTY('ProductVersion') AS VARCHAR(128))",
    randomFunction: 'RAND',
    escapeStyle: { identifierQuote: '[', booleans: 'number', dates: 'offset', strings: 'double', arrays: 'list' },
    rightJoin: true,
    jsonPath: false,
  };

  createKyselyDialect(config: ConnectionConfig): Dialect {
    return {
      createAdapter: () => new KyselyMssqlAdapter(),
      createDriver: () => new LazyMssqlDriver(config),
      createQueryCompiler: () => new MssqlQueryCompiler(),
      createIntrospector: (db: Kysely<unknown>) => new MssqlIntrospector(db),
    };
  }

  columnType(type: AbstractDataType): string {
    return mssqlColumnType(type);
  }

  translateError(error: unknown, query: FailedQuery | undefined): BaseError {
    return translateMssqlError(error, query);
  }

  isSerializationFailure(error: unknown): boolean {
    return causedBy(error, isMssqlSerializationFailure);
  }

  placeholder(index: number): string {
    return `@${index + 1}`;
  }

  bindValue(value: unknown): unknown {
    return value;
  }
}

class LazyMssqlDriver implements Driver {
  readonly #config: ConnectionConfig;
  #driver: MssqlDriver | undefined;

  constructor(config: ConnectionConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const load = async (name: string): Promise<Record<string, unknown>> => {
      try {
        return await loadDriver<Record<string, unknown>>('mssql', name, { import: () => import(name), require: () => require(name) });
      } catch (cause) {
        throw new ConnectionError(`The mssql dialect needs the "${name}" package: npm install tedious tarn`, { cause });
      }
    };
    const tedious = await load('tedious');
    const tarn = await load('tarn');
    const config = this.#config;
    const Connection = tedious['Connection'] as new (options: unknown) => unknown;
    const dialectConfig = {
      tarn: { ...tarn, options: { min: config.pool.min, max: config.pool.max } },
      tedious: {
        ...tedious,
        connectionFactory: () =>
          new Connection({
            server: config.host ?? 'localhost',
            authentication: { type: 'default', options: { userName: config.username, password: config.password } },
            options: { database: config.database, port: config.port ?? 1433, trustServerCertificate: true, ...config.dialectOptions },
          }),
      },
    } as unknown as MssqlDialectConfig;
    this.#driver = new MssqlDriver(dialectConfig);
    await this.#driver.init();
  }

  #ready(): MssqlDriver {
    if (!this.#driver) throw new ConnectionError('The mssql driver is not initialized');
    return this.#driver;
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return this.#ready().acquireConnection();
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#ready().beginTransaction(connection as never, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#ready().commitTransaction(connection as never);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#ready().rollbackTransaction(connection as never);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#ready().releaseConnection(connection as never);
  }
  async destroy(): Promise<void> {
    await this.#driver?.destroy();
  }
}
