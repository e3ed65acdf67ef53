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

  /**
   * A sequelize-typescript `$`-method (`$get`, `$add`…) named a property that has no such
   * accessor: no association of the model under that name.
   *
   * @example
   * AssociationError.noAccessor('User', '$get', 'pots', 'getPots', ['posts', 'profile']).message
   * // 'User.$get(\'pots\'): User has no getPots(); its associations: posts, profile'
   */
  static noAccessor(model: string, method: string, property: string, accessor: string, associations: readonly string[]): AssociationError {
    const known = associations.length > 0 ? `its associations: ${associations.join(', ')}` : `${model} has no associations`;
    return new AssociationError(`${model}.${method}('${property}'): ${model} has no ${accessor}(); ${known}`);
  }
}
