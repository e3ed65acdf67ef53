import { ConnectionError } from './connection-error.js';

/**
 * The connection parameters are invalid (EINVAL): a malformed host or port.
 *
 * @example
 * catch (err) { if (err instanceof InvalidConnectionError) console.log(err.message) }
 */
export class InvalidConnectionError extends ConnectionError {
  override name = 'SequelizeInvalidConnectionError';
}
