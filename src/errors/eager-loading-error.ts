import { BaseError } from './base-error.js';

/**
 * An `include` named a model or alias that is not associated with the model being queried.
 *
 * @example
 * await User.findAll({ include: 'nope' }) // EagerLoadingError: nope is not associated to User
 */
export class EagerLoadingError extends BaseError {
  override name = 'SequelizeEagerLoadingError';
}
