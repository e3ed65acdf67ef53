/**
 * Planning a findAll: the root select with its joined, JSON and batched includes, planned once per
 * options (or once per cached shape, see find-shape.ts).
 */
import type { CompiledQuery } from 'kysely';
import { and, type Expr } from '../query/expression.js';
import { planFind, type RowReader } from '../query/plan-find.js';
import type { FindOptions } from '../query/query-options.js';
import { normalizeIncludes, type NormalizedInclude } from '../query/include/normalize.js';
import { includePathResolver } from '../query/include/paths.js';
import { planJoins, type JoinedInclude } from '../query/include/join-plan.js';
import { planJsonIncludes, type JsonInclude, type JsonPlanContext } from '../query/include/json-plan.js';
import { requiredFilter } from '../query/include/required-filter.js';
import { includesToJoin } from '../query/include/strategy.js';
import { buildSelect, compileSelect } from '../sql/select.js';
import type { DialectAdapter } from '../dialects/adapter.js';
import { definitionEpoch } from '../metadata/model-definition.js';

import type { Model } from './model.js';

type ModelClass = typeof Model;

/**
 * A planned findAll: its SQL, how to read its rows, and the includes loaded afterwards. For a
 * cached shape, the compiled query holds Slot markers where each call's where values go.
 */
export interface PreparedFind {
  readonly compiled: CompiledQuery;
  readonly reader: RowReader;
  readonly hasIncludes: boolean;
  readonly joined: readonly JoinedInclude[];
  readonly json: readonly JsonInclude[];
  readonly batched: readonly NormalizedInclude[];
  readonly orders: ReadonlyMap<NormalizedInclude, unknown[]> | undefined;
  readonly epoch: number;
  /** Root keys read only to stitch to-many loads (not asked for in `attributes`). */
  readonly hiddenKeys: readonly string[];
}
export function prepareFind(model: ModelClass, options: FindOptions, where: Expr | undefined): PreparedFind {
  const definition = model.definition;
  const epoch = definitionEpoch();
  const normalized = options.include === undefined ? [] : normalizeIncludes(model, options.include);
  const includes = options.includeIgnoreAttributes === false ? normalized.map(selectingNothing) : normalized;
  const alias = definition.modelName;
  // To-many includes whose columns the query aggregates or groups over are joined; the rest are JSON or batched.
  const joins = includes.length > 0 ? planJoins(definition, alias, includes, '', includesToJoin(includes, options)) : undefined;
  const filtering = joins ? joins.batched : [];
  // A to-many include that selects nothing only filters its parents (when required), as in Sequelize: nothing loads.
  const toMany = filtering.filter((i) => !selectsNothing(i));
  const hiddenKeys = options.group === undefined ? missingLinkKeys(options.attributes, toMany) : [];
  const planOptions: FindOptions = hiddenKeys.length > 0 ? ({ ...options, attributes: [...(options.attributes as unknown[]), ...hiddenKeys] } as FindOptions) : options;
  const plan = planFind(definition, planOptions, alias, joins ? includePathResolver(definition, alias, includes, joinedAliases(joins.joined)) : undefined, where);
  const relata = model.sequelize;
  const orders = toMany.length > 0 ? childOrders(toMany, options.order) : undefined;
  // A grouped or locked root keeps batched loads: a correlated aggregate in its select list would
  // reference ungrouped columns, and FOR UPDATE does not mix with aggregates on PostgreSQL.
  const jsonAllowed = relata.adapter.capabilities.jsonRows !== false && options.group === undefined && options.lock === undefined;
  const json = orders !== undefined && jsonAllowed ? planJsonIncludes(definition, alias, toMany, jsonContext(relata.adapter), orders) : undefined;
  let select = plan.select;
  if (joins && joins.joins.length > 0) select = { ...select, joins: [...(select.joins ?? []), ...joins.joins], selections: [...select.selections, ...joins.selections] };
  if (json && json.selections.length > 0) select = { ...select, selections: [...select.selections, ...json.selections] };
  if (filtering.some((i) => i.required)) select = { ...select, where: and([select.where, requiredFilter(definition, alias, filtering)]) };
  return {
    // A shape with Slot markers is compiled once here and cached by the caller, not by the plan cache.
    compiled: where === undefined ? compileSelect(relata, select) : buildSelect(relata, select).compile(),
    reader: plan.reader,
    hasIncludes: includes.length > 0,
    joined: joins?.joined ?? [],
    json: json?.json ?? [],
    batched: json ? json.batched : toMany,
    orders,
    epoch,
    hiddenKeys,
  };
}
/** Sequelize's `includeIgnoreAttributes: false`: the include and its nested ones select no attribute. */
function selectingNothing(include: NormalizedInclude): NormalizedInclude {
  return { ...include, attributes: [], include: include.include.map(selectingNothing) };
}
/** `attributes: []` here and in every nested include: the include adds no key to the result. */
function selectsNothing(include: NormalizedInclude): boolean {
  return Array.isArray(include.attributes) && include.attributes.length === 0 && include.include.every(selectsNothing);
}
/**
 * The keys a to-many load stitches its rows by that a root `attributes: [...]` leaves out: they are
 * read, then dropped from the instances, so the result has exactly the attributes asked for.
 */
function missingLinkKeys(attributes: FindOptions['attributes'], toMany: readonly NormalizedInclude[]): string[] {
  if (!Array.isArray(attributes) || toMany.length === 0) return [];
  const named = new Set((attributes as unknown[]).map((a) => (Array.isArray(a) ? a[1] : a)));
  const keys = toMany.map((i) => (i.association.associationType === 'BelongsTo' ? i.association.foreignKey : (i.association.sourceKey as string)));
  return [...new Set(keys)].filter((k) => !named.has(k));
}
/** Every joined include (nested ones too) with its join alias. */
export function joinedAliases(joined: readonly JoinedInclude[], out = new Map<NormalizedInclude, { alias: string; many: boolean }>()): Map<NormalizedInclude, { alias: string; many: boolean }> {
  for (const j of joined) {
    out.set(j.include, { alias: j.alias, many: j.many });
    joinedAliases(j.children, out);
  }
  return out;
}
/** How the JSON planner reads an include's options and carries values on this connection's dialect. */
function jsonContext(adapter: DialectAdapter): JsonPlanContext {
  const carry = adapter.jsonCarry;
  return {
    carry: carry === undefined ? () => undefined : (type) => carry.call(adapter, type),
    optionsFor: includeFindOptions,
    childOrders,
  };
}
/**
 * Root `order` entries that name an include's column (`[{ model: Post, as: 'posts' }, 'title', 'DESC']`,
 * `['posts', 'title', 'DESC']`, `'$posts.title$'`) also order that include's rows, as a joined
 * query would.
 */
function childOrders(includes: readonly NormalizedInclude[], order: unknown): Map<NormalizedInclude, unknown[]> {
  const out = new Map<NormalizedInclude, unknown[]>();
  if (!Array.isArray(order)) return out;
  for (const entry of order as unknown[]) {
    let parts: unknown[];
    if (typeof entry === 'string' && entry.startsWith('$') && entry.endsWith('$')) parts = entry.slice(1, -1).split('.');
    else if (Array.isArray(entry)) parts = entry.flatMap((p: unknown) => (typeof p === 'string' && p.startsWith('$') && p.endsWith('$') ? p.slice(1, -1).split('.') : [p]));
    else continue;
    if (parts.length < 2) continue;
    const head = parts[0];
    const alias = typeof head === 'string' ? head : head !== null && typeof head === 'object' && 'as' in head ? (head as { as: unknown }).as : undefined;
    const include = includes.find((i) => i.association.as === alias || (alias === undefined && typeof head === 'function' && i.association.target.name === (head as { name: string }).name));
    if (!include) continue;
    const rest = parts.slice(1);
    if (rest.length === 0 || typeof rest[0] !== 'string' || rest.length > 2) continue;
    const list = out.get(include) ?? [];
    list.push(rest);
    out.set(include, list);
  }
  return out;
}
// The keys that stitch children to parents must be selected even when the include lists attributes.
export function withKeys(include: NormalizedInclude, attributes: unknown): unknown {
  const a = include.association;
  const keys = a.associationType === 'BelongsTo' || a.associationType === 'BelongsToMany' ? [a.targetKey] : [a.foreignKey];
  if (Array.isArray(attributes)) return [...new Set([...(keys as string[]), ...(attributes as string[])])];
  return attributes;
}
// The orders a parent's `order` gives the include's rows, then the include's own `order`.
export function includeOrder(include: NormalizedInclude, fromParent: readonly unknown[]): unknown[] {
  const own = include.order === undefined ? [] : Array.isArray(include.order) ? (include.order as unknown[]) : [include.order];
  return [...fromParent, ...own];
}
// The find options a batched load of the include would pass to the target's findAll, its scope
// already merged (normalizeIncludes); undefined when the scope asks for more than order.
function includeFindOptions(include: NormalizedInclude, extraOrder: readonly unknown[]): FindOptions | undefined {
  const rest = include.scopeRest;
  if (Object.keys(rest).some((k) => k !== 'order')) return undefined;
  const own: FindOptions = {};
  if (include.where !== undefined) own.where = include.where as NonNullable<FindOptions['where']>;
  if (include.attributes !== undefined) own.attributes = withKeys(include, include.attributes) as NonNullable<FindOptions['attributes']>;
  if (include.paranoid !== undefined) own.paranoid = include.paranoid;
  const order = [...includeOrder(include, extraOrder), ...(rest['order'] === undefined ? [] : Array.isArray(rest['order']) ? (rest['order'] as unknown[]) : [rest['order']])];
  if (order.length > 0) own.order = order as NonNullable<FindOptions['order']>;
  return own;
}
