import { ConnectionError } from './connection-error.js';

/**
 * The database host name did not resolve (ENOTFOUND, EAI_AGAIN).
 *
 * @example
 * new Relata('postgres://u:p@no-such-host.invalid/db') // authenticate() rejects with HostNotFoundError
 */
export class HostNotFoundError extends ConnectionError {
  override name = 'SequelizeHostNotFoundError';
}
