import { ConnectionError } from './connection-error.js';

/**
 * The database host resolved but no route leads to it (EHOSTUNREACH, ENETUNREACH).
 *
 * @example
 * catch (err) { if (err instanceof HostNotReachableError) console.log(err.message) }
 */
export class HostNotReachableError extends ConnectionError {
  override name = 'SequelizeHostNotReachableError';
}
