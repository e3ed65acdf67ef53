import { ConnectionError } from './connection-error.js';

/**
 * The database server refused the connection (ECONNREFUSED): nothing listens on that host and port.
 *
 * @example
 * catch (err) { if (err instanceof ConnectionRefusedError) console.log('is the database running?') }
 */
export class ConnectionRefusedError extends ConnectionError {
  override name = 'SequelizeConnectionRefusedError';
}
