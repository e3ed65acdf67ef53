import { ConnectionError } from './connection-error.js';

/**
 * No connection could be taken from the pool within `pool.acquire` milliseconds.
 *
 * @example
 * new Relata('postgres://…', { pool: { max: 1, acquire: 1000 } })
 */
export class ConnectionAcquireTimeoutError extends ConnectionError {
  override name = 'SequelizeConnectionAcquireTimeoutError';

  /**
   * No connection was free, and none could be opened, for `acquire` ms. Says what usually causes
   * it and what to change.
   *
   * @example
   * ConnectionAcquireTimeoutError.afterWaiting(1000, 2).message
   * // 'No database connection became available within 1000 ms (pool.acquire): all 2 (pool.max) were in use, or a new one could not be opened in time. …'
   */
  static afterWaiting(acquire: number, max: number): ConnectionAcquireTimeoutError {
    return new ConnectionAcquireTimeoutError(
      `No database connection became available within ${acquire} ms (pool.acquire): all ${max} (pool.max) were in use, or a new one could not be opened in time. ` +
        'Look for transactions that are never committed or rolled back, or queries that should pass { transaction }; otherwise raise pool.max or pool.acquire',
    );
  }

  /**
   * SQLite's one writer stayed taken for `acquire` ms: a transaction held it, or a write waited
   * behind one. Reads outside a transaction never wait.
   *
   * @example
   * ConnectionAcquireTimeoutError.sqliteWriterBusy(1000).message
   */
  static sqliteWriterBusy(acquire: number): ConnectionAcquireTimeoutError {
    return new ConnectionAcquireTimeoutError(
      `The SQLite database stayed locked by another transaction for ${acquire} ms (pool.acquire); transactions and writes take its one writer in turn. ` +
        'Look for transactions that are never committed or rolled back, or writes that should pass { transaction }; otherwise raise pool.acquire',
    );
  }
}
