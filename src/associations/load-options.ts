import type { Model } from '../model/model.js';
import type { FindOptions } from '../query/query-options.js';
import { internalOptions } from '../model/option-list.js';
import { Op } from '../query/operators.js';
import type { AccessorFindOptions, ModelClass } from './association.js';
import type { AssociationLink } from '../query/include/link.js';

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

/** The keys getForMany reads from a link: the parents' key, and the children's key it matches. @internal */
export function linkKeys(link: AssociationLink): { own: string; row: string; where: string } {
  return { own: link.parent.attribute, row: link.child.attribute, where: link.child.attribute };
}

/**
 * Sequelize's `association.get([instances])`: one query for several sources, resolved as an object
 * keyed by each source's own key (`ownKey`), with `empty` for a source without a match; a found row
 * sits under its `rowKey` value (`Task.User.get(tasks)` → `{ [task.userId]: user | null }`).
 * @internal
 */
export async function getForMany(
  target: ModelClass,
  instances: readonly Model[],
  options: AccessorFindOptions,
  keys: { own: string; row: string; where: string },
  many: boolean,
  scope?: Readonly<Record<string, unknown>>,
): Promise<Record<string, Model | null | Model[]>> {
  const values = instances.map((i) => i.get(keys.own));
  // A source without a key matches nothing (Sequelize sends NULL in the list).
  const present = values.filter((v) => v !== null && v !== undefined);
  const model = scopedTarget(target, options.scope);
  // A limit on a to-many get applies to each source (Sequelize's groupedLimit): one query per source.
  const perSource = many && options.limit !== undefined && options.limit !== null && present.length > 1;
  const rows = perSource
    ? (await Promise.all(present.map((v) => model.findAll(findOptionsFor(target, options, { [keys.where]: v }, scope)) as Promise<Model[]>))).flat()
    : ((await model.findAll(findOptionsFor(target, options, { [keys.where]: { [Op.in]: present } }, scope))) as Model[]);
  const result: Record<string, Model | null | Model[]> = {};
  for (const value of values) result[String(value)] = many ? [] : null;
  for (const row of rows) {
    const key = String(row.get(keys.row));
    const list = result[key];
    if (many && Array.isArray(list)) list.push(row);
    else result[key] = row;
  }
  return result;
}
