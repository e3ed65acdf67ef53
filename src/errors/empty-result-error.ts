import { BaseError } from './base-error.js';

/**
 * A finder called with `rejectOnEmpty: true` found nothing.
 *
 * @example
 * await User.findOne({ where: { id: 404 }, rejectOnEmpty: true }) // throws EmptyResultError
 */
export class EmptyResultError extends BaseError {
  override name = 'SequelizeEmptyResultError';
}
