import { BaseError } from './base-error.js';

/**
 * An `include` named a model or alias that is not associated with the model being queried.
 *
 * @example
 * await User.findAll({ include: 'nope' }) // EagerLoadingError: nope is not associated to User
 */
export class EagerLoadingError extends BaseError {
  override name = 'SequelizeEagerLoadingError';

  /**
   * The include named the model of an aliased association without its `as` (Sequelize's words).
   *
   * @example
   * // 'B is associated to A using an alias. You must use the 'as' keyword to specify the alias within your include statement.'
   */
  static aliasRequired(target: string, source: string): EagerLoadingError {
    return new EagerLoadingError(`${target} is associated to ${source} using an alias. You must use the 'as' keyword to specify the alias within your include statement.`);
  }

  /**
   * The include's `as` is not the alias of the one association between the two models (Sequelize's words).
   *
   * @example
   * // 'Post is associated to User using an alias. You've included an alias (wrong), but it does not match the alias(es) defined in your association (posts).'
   */
  static aliasMismatch(target: string, source: string, alias: string, aliases: readonly string[]): EagerLoadingError {
    return new EagerLoadingError(
      `${target} is associated to ${source} using an alias. You've included an alias (${alias}), but it does not match the alias(es) defined in your association (${aliases.join(', ')}).`,
    );
  }

  /**
   * `include: { all: 'X' }` names no association type (Sequelize's words).
   *
   * @example
   * // "include all 'Many2' is not valid - must be BelongsTo, HasOne, HasMany, One, Has, Many or All"
   */
  static invalidAllType(type: unknown): EagerLoadingError {
    return new EagerLoadingError(`include all '${String(type)}' is not valid - must be BelongsTo, HasOne, HasMany, One, Has, Many or All`);
  }

  /**
   * The model is associated several times and the include does not say which association (Sequelize's words).
   *
   * @example
   * // 'User is associated to Message multiple times. To identify the correct association, you must use the 'as' keyword to specify the alias of the association you want to include.'
   */
  static ambiguous(target: string, source: string): EagerLoadingError {
    return new EagerLoadingError(
      `${target} is associated to ${source} multiple times. To identify the correct association, you must use the 'as' keyword to specify the alias of the association you want to include.`,
    );
  }
}
