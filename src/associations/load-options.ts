import type { FindOptions } from '../query/query-options.js';
import { internalOptions } from '../model/option-list.js';
import { Op } from '../query/operators.js';
import type { AccessorFindOptions, ModelClass } from './association.js';

/**
 * Find options for an accessor or a batched load: the caller's options with the key condition
 * and the association scope AND-ed into `where`.
 * @internal
 */
export function findOptionsFor(target: ModelClass, options: AccessorFindOptions, keyWhere: Record<string, unknown>, scope?: Readonly<Record<string, unknown>>): FindOptions {
  const { scope: _scope, joinTableAttributes: _jta, through: _through, ...rest } = options;
  const parts: unknown[] = [keyWhere];
  if (scope !== undefined) parts.push(scope);
  if (options.where !== undefined) parts.push(options.where);
  // Built from accessor options already checked against the accessor's own list.
  return internalOptions({ ...rest, where: (parts.length === 1 ? keyWhere : { [Op.and]: parts }) as FindOptions['where'] & object } as FindOptions);
}

/** The target model to query: scoped by name, unscoped, or as is. @internal */
export function scopedTarget(target: ModelClass, scope: AccessorFindOptions['scope']): ModelClass {
  if (scope === undefined || scope === true) return target;
  if (scope === false || scope === null) return target.unscoped() as unknown as ModelClass;
  return target.scope(scope) as unknown as ModelClass;
}
