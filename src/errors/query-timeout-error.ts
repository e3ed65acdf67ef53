import { DatabaseError } from './database-error.js';

/**
 * A statement timed out in the database: a lock wait timeout, a statement timeout or a query canceled by the server.
 *
 * @example
 * catch (err) { if (err instanceof TimeoutError) retryLater() }
 */
export class TimeoutError extends DatabaseError {
  override name = 'SequelizeTimeoutError';
}
