/** Loads batched includes for a whole result set: one query per include and level. */
import type { FindOptions } from '../query/query-options.js';
import type { NormalizedInclude } from '../query/include/normalize.js';
import type { Model } from './model.js';
import { includeOrder, withKeys } from './find-plan.js';

/**
 * Loads each include for the whole result set: one batched query per include (chunked by the
 * dialect's parameter limit); nested includes recurse through the target's finder.
 * @internal
 */
export async function loadIncludes(
  instances: readonly Model[],
  includes: readonly NormalizedInclude[],
  options: FindOptions,
  orders: ReadonlyMap<NormalizedInclude, unknown[]> = new Map(),
): Promise<void> {
  if (instances.length === 0) return;
  for (const include of includes) {
    const association = include.association as unknown as { loadInto(i: readonly Model[], o: object): Promise<void> };
    const loadOptions: Record<string, unknown> = { include: include.rawInclude };
    if (include.where !== undefined) loadOptions['where'] = include.where;
    if (include.attributes !== undefined) loadOptions['attributes'] = withKeys(include, include.attributes);
    if (include.paranoid !== undefined) loadOptions['paranoid'] = include.paranoid;
    if (include.limit !== undefined) loadOptions['limit'] = include.limit;
    if (include.offset !== undefined) loadOptions['offset'] = include.offset;
    if (include.through !== undefined) loadOptions['through'] = include.through;
    const order = includeOrder(include, orders.get(include) ?? []);
    if (order.length > 0) loadOptions['order'] = order;
    if (options.transaction !== undefined) loadOptions['transaction'] = options.transaction;
    if (options.logging !== undefined) loadOptions['logging'] = options.logging;
    // The target's find hooks run for a separate include (its own query, as in Sequelize), never for
    // one the planner happens to load in a batch: joined and JSON includes run none either.
    if (!include.separate || options.hooks === false) loadOptions['hooks'] = false;
    // The target's scope is already in the include's options (see normalizeIncludes); only what it asks beyond them is left.
    loadOptions['scope'] = Object.keys(include.scopeRest).length > 0 ? include.scopeRest : false;
    if (include.on !== undefined) {
      // A hasMany include with `on`: one query joined to the parents by that condition, then its own includes.
      const { include: _nested, ...own } = loadOptions;
      await (include.association as unknown as { loadOn(i: readonly Model[], n: NormalizedInclude, o: object): Promise<void> }).loadOn(instances, include, own);
      const children = instances.flatMap((i) => (i.dataValues[include.association.as] as Model[] | undefined) ?? []);
      if (include.include.length > 0) await loadIncludes(children, include.include, options);
      continue;
    }
    await association.loadInto(instances, loadOptions);
  }
}
