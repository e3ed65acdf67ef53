import type { ModelOptions } from '../metadata/model-options.js';
import { isClassCall } from './decorator-call.js';
import type { AnyClass, ClassDecoratorFunction } from './decorator-types.js';
import { classRecord } from './record-decoration.js';

/** Options for `@Table`: the model options of `Model.init`, without the connection. */
export type TableOptions = ModelOptions;

/**
 * Declares a sequelize-typescript-style model class. Bare or with model options. The class is
 * registered with `new Relata({ models: [User] })` or `relata.addModels([User])`.
 *
 * @example
 * @Table({ tableName: 'users', paranoid: true })
 * class User extends Model {
 *   @Column name!: string
 * }
 * const relata = new Relata('sqlite::memory:', { models: [User] })
 */
export function Table(target: AnyClass<object>): void;
export function Table(target: AnyClass<object>, context: ClassDecoratorContext): void;
export function Table(options?: TableOptions): ClassDecoratorFunction;
export function Table(...args: unknown[]): ClassDecoratorFunction | void {
  if (isClassCall(args)) {
    record(args, {});
    return;
  }
  const options = (args[0] ?? {}) as TableOptions;
  return ((...decoratorArgs: unknown[]) => record(decoratorArgs, options)) as ClassDecoratorFunction;
}

function record(args: readonly unknown[], options: TableOptions): void {
  const decorations = classRecord('@Table', args);
  decorations.table = { ...(decorations.table ?? {}), ...options };
}
