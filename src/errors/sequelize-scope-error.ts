import { BaseError } from './base-error.js';

/**
 * A scope was used wrongly: an unknown scope name, or a scope function given bad arguments.
 *
 * @example
 * catch (err) { if (err instanceof SequelizeScopeError) console.log(err.message) }
 */
export class SequelizeScopeError extends BaseError {
  override name = 'SequelizeScopeError';
}
