import { BaseError } from './base-error.js';

/**
 * A decorated model or entity cannot become a model: a column whose type cannot be inferred, a
 * relation without the keys to join on, a class registered without its class decorator. Raised
 * when the class is registered (`new Relata({ models })`, `relata.addModels()`), never while the
 * decorators run, so the message can name the model, the property and what would be valid.
 *
 * @example
 * new Relata('sqlite::memory:', { models: [User] })
 * // DecoratorError: User.nickname: @Column has no type and none can be inferred …
 */
export class DecoratorError extends BaseError {
  override name = 'RelataDecoratorError';

  /**
   * A column without a type, where TypeScript emitted no `design:type` to infer one from.
   *
   * @example
   * DecoratorError.untypedColumn('User', 'nickname', '@Column', 'Object').message
   * // 'User.nickname: @Column has no type and none can be inferred from its TypeScript type (Object) …'
   */
  static untypedColumn(model: string, property: string, decorator: string, designType: string | undefined): DecoratorError {
    const inferred = designType === undefined ? 'no design:type metadata' : designType;
    return new DecoratorError(
      `${model}.${property}: ${decorator} has no type and none can be inferred from its TypeScript type (${inferred}); ` +
        `pass one (for example ${decorator}(DataTypes.STRING) or ${decorator}({ type: 'varchar' })), or compile with ` +
        'experimentalDecorators + emitDecoratorMetadata and import "reflect-metadata" first (string, number, boolean, Date, Buffer and bigint are inferred)',
    );
  }

  /**
   * A standard (TC39) decorator ran without `context.metadata`: the compiler did not provide it
   * even though relata defines `Symbol.metadata` when it loads.
   *
   * @example
   * DecoratorError.noMetadata('@Column').message
   */
  static noMetadata(decorator: string): DecoratorError {
    return new DecoratorError(
      `${decorator}: this standard decorator received no context.metadata; import relata before the decorated classes are defined, or compile with a TypeScript (5.2+) or esbuild version that supports decorator metadata`,
    );
  }

  /**
   * A class decorated in one style that does not have the base that style needs.
   *
   * @example
   * DecoratorError.notAModel('User', '@Table').message
   * // 'User is decorated with @Table but does not extend Model; declare it as class User extends Model { … }'
   */
  static notAModel(model: string, decorator: string): DecoratorError {
    return new DecoratorError(`${model} is decorated with ${decorator} but does not extend Model; declare it as class ${model} extends Model { … }`);
  }

  /**
   * A type name the TypeORM-style `@Column` does not know.
   *
   * @example
   * DecoratorError.unknownColumnType('User', 'tags', 'simple-array', ['varchar', 'int']).message
   */
  static unknownColumnType(model: string, property: string, type: string, known: readonly string[]): DecoratorError {
    return new DecoratorError(`${model}.${property}: unknown column type ${JSON.stringify(type)}; use one of ${known.join(', ')}, or a DataTypes value`);
  }

  /**
   * A class passed to `addModels` that carries member decorators but no class decorator.
   *
   * @example
   * DecoratorError.missingClassDecorator('User', '@Table').message
   */
  static missingClassDecorator(model: string, decorator: string): DecoratorError {
    return new DecoratorError(`${model} has member decorators but no ${decorator}; decorate the class with ${decorator} so it can be registered`);
  }

  /**
   * A relation whose keys cannot be derived.
   *
   * @example
   * DecoratorError.relation('Team', 'players', '@HasMany(() => Player)', 'no foreign key …').message
   * // 'Team.players (@HasMany(() => Player)): no foreign key …'
   */
  static relation(model: string, property: string, decorator: string, problem: string): DecoratorError {
    return new DecoratorError(`${model}.${property} (${decorator}): ${problem}`);
  }

  /**
   * A relation target that is not a class (a thunk returning undefined usually means a circular
   * import evaluated the thunk too early, or a typo).
   *
   * @example
   * DecoratorError.badTarget('Post', 'user', '@ManyToOne', undefined).message
   */
  static badTarget(model: string, property: string, decorator: string, got: unknown): DecoratorError {
    const what = got === undefined ? 'undefined' : got === null ? 'null' : typeof got;
    return new DecoratorError(`${model}.${property}: the target thunk of ${decorator} returned ${what}; it must return a decorated class, as in ${decorator}(() => Target)`);
  }

  /**
   * Registration finished with relations whose targets never were registered on the connection.
   *
   * @example
   * DecoratorError.unregisteredTargets(['User.posts → Post']).message
   */
  static unregisteredTargets(pending: readonly string[]): DecoratorError {
    return new DecoratorError(
      `these relations target classes that are not registered on this connection: ${pending.join('; ')}; add the targets to the models option, addModels() or forFeature()`,
    );
  }

  /**
   * With `strict: true`, a model class registered on another connection that is still open: a
   * class is one model, on one connection.
   *
   * @example
   * DecoratorError.registeredElsewhere('User', 'analytics').message
   */
  static registeredElsewhere(model: string, connection: string): DecoratorError {
    return new DecoratorError(
      `${model} is already registered on another connection, still open, and cannot also be registered on ${connection}; a model class belongs to one connection (close the other connection first, or leave strict off to move the class)`,
    );
  }

  /**
   * A TypeORM-style entity used as a model before any connection registered it.
   *
   * @example
   * DecoratorError.notRegistered('User').message
   */
  static notRegistered(model: string): DecoratorError {
    return new DecoratorError(`${model} is not registered on any connection yet; pass it in new Relata({ models: [${model}] }) or relata.addModels([${model}]) first`);
  }
}
