import { ConnectionError } from './connection-error.js';

/**
 * No connection could be taken from the pool within `pool.acquire` milliseconds.
 *
 * @example
 * new Relata('postgres://…', { pool: { max: 1, acquire: 1000 } })
 */
export class ConnectionAcquireTimeoutError extends ConnectionError {
  override name = 'SequelizeConnectionAcquireTimeoutError';
}
