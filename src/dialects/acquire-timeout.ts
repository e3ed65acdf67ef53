import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';
import { ConnectionAcquireTimeoutError } from '../errors/timeout-error.js';
import type { PoolConfig } from './adapter.js';

/**
 * Gives a Kysely dialect whose driver waits at most `pool.acquire` ms for a connection, then fails
 * with `ConnectionAcquireTimeoutError`. For drivers without an acquire timeout of their own:
 * mysql2's pool queues forever, and SQLite's single connection waits forever behind an open
 * transaction. A connection that arrives after the caller gave up goes straight back.
 *
 * @example
 * withAcquireTimeout(new MysqlDialect({ pool }), { max: 5, min: 0, acquire: 60_000, idle: 10_000 })
 * @internal
 */
export function withAcquireTimeout(dialect: Dialect, pool: PoolConfig): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new AcquireTimeoutDriver(dialect.createDriver(), pool),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

class AcquireTimeoutDriver implements Driver {
  readonly #inner: Driver;
  readonly #pool: PoolConfig;
  // Present exactly when the wrapped driver has them, so Kysely reports a missing one itself.
  declare readonly savepoint?: NonNullable<Driver['savepoint']>;
  declare readonly rollbackToSavepoint?: NonNullable<Driver['rollbackToSavepoint']>;
  declare readonly releaseSavepoint?: NonNullable<Driver['releaseSavepoint']>;

  constructor(inner: Driver, pool: PoolConfig) {
    this.#inner = inner;
    this.#pool = pool;
    if (inner.savepoint) this.savepoint = inner.savepoint.bind(inner);
    if (inner.rollbackToSavepoint) this.rollbackToSavepoint = inner.rollbackToSavepoint.bind(inner);
    if (inner.releaseSavepoint) this.releaseSavepoint = inner.releaseSavepoint.bind(inner);
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const pending = this.#inner.acquireConnection();
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(ConnectionAcquireTimeoutError.afterWaiting(this.#pool.acquire, this.#pool.max));
      }, this.#pool.acquire);
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
      if (timedOut) {
        pending.then(
          (connection) => this.#inner.releaseConnection(connection).catch(() => undefined),
          () => undefined,
        );
      }
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}
