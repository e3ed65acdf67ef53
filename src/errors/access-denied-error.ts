import { ConnectionError } from './connection-error.js';

/**
 * The server refused the credentials: wrong user or password, or the user may not use that database.
 *
 * @example
 * catch (err) { if (err instanceof AccessDeniedError) console.log(err.parent) }
 */
export class AccessDeniedError extends ConnectionError {
  override name = 'SequelizeAccessDeniedError';
}
