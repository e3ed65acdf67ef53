import { ConnectionError } from './connection-error.js';

/**
 * Opening the connection took too long (ETIMEDOUT).
 *
 * @example
 * catch (err) { if (err instanceof ConnectionTimedOutError) scheduleRetry() }
 */
export class ConnectionTimedOutError extends ConnectionError {
  override name = 'SequelizeConnectionTimedOutError';
}
