import { BaseError } from './base-error.js';

/**
 * An association was declared or used wrongly: a target that is not a model, an alias that
 * collides, a `through` model without its keys.
 *
 * @example
 * User.hasMany({}) // AssociationError: User.hasMany called with something that is not a model
 */
export class AssociationError extends BaseError {
  override name = 'SequelizeAssociationError';
}
