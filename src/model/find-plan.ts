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
import type { SelectPlan } from '../query/select-plan.js';
import type { ThroughPlan } from './through-query.js';
import { planThrough } from './through-query.js';
import type { BelongsToManyAssociation } from '../associations/belongs-to-many.js';
import { Literal } from '../query/fragments.js';
import { Op } from '../query/operators.js';
import { mergeFindOptions } from './scope-merge.js';

import type { Model } from './model.js';

type ModelClass = typeof Model;

/**
 * One planned query level: its select, how to read its rows, and the includes joined, read as
 * JSON or loaded afterwards. A findAll's root and every batched include's query are one each.
 */
export interface LevelPlan {
  readonly select: SelectPlan;
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

/**
 * A planned findAll: its SQL, how to read its rows, and the includes loaded afterwards. For a
 * cached shape, the compiled query holds Slot markers where each call's where values go.
 */
export interface PreparedFind extends LevelPlan {
  readonly compiled: CompiledQuery;
}
export function prepareFind(model: ModelClass, options: FindOptions, where: Expr | undefined): PreparedFind {
  const normalized = options.include === undefined ? [] : normalizeIncludes(model, options.include);
  const includes = options.includeIgnoreAttributes === false ? normalized.map(selectingNothing) : normalized;
  const level = planLevel(model, options, includes, where);
  const relata = model.sequelize;
  // A shape with Slot markers is compiled once here and cached by the caller, not by the plan cache.
  return { ...level, compiled: where === undefined ? compileSelect(relata, level.select) : buildSelect(relata, level.select).compile() };
}
/**
 * Plans one query level of `model` with its includes already normalized: the select with its
 * joined and JSON includes, and the loads of the batched ones (planned here too, see include-plan.ts).
 */
export function planLevel(model: ModelClass, options: FindOptions, includes: readonly NormalizedInclude[], where: Expr | undefined): LevelPlan {
  const definition = model.definition;
  const epoch = definitionEpoch();
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
  const strategy = relata.options.includeStrategy ?? 'auto';
  const jsonAllowed = strategy !== 'batched' && relata.adapter.capabilities.jsonRows !== false && options.group === undefined && options.lock === undefined;
  const json = orders !== undefined && jsonAllowed ? planJsonIncludes(definition, alias, toMany, jsonContext(relata.adapter, strategy === 'json'), orders) : undefined;
  let select = plan.select;
  if (joins && joins.joins.length > 0) select = { ...select, joins: [...(select.joins ?? []), ...joins.joins], selections: [...select.selections, ...joins.selections] };
  if (json && json.selections.length > 0) select = { ...select, selections: [...select.selections, ...json.selections] };
  if (filtering.some((i) => i.required)) select = { ...select, where: and([select.where, requiredFilter(definition, alias, filtering)]) };
  const batched = json ? json.batched : toMany;
  // The batched includes' queries are planned now, with this plan (see planInclude).
  for (const include of batched) planInclude(include, orders?.get(include) ?? []);
  for (const include of deferredOf(joins?.joined ?? [])) planInclude(include, []);
  return { select, reader: plan.reader, hasIncludes: includes.length > 0, joined: joins?.joined ?? [], json: json?.json ?? [], batched, orders, epoch, hiddenKeys };
}
/** The includes loaded afterwards for joined instances, at every depth. */
function deferredOf(joined: readonly JoinedInclude[]): NormalizedInclude[] {
  return joined.flatMap((j) => [...j.deferred, ...deferredOf(j.children)]);
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
  const keys = toMany.map((i) => i.association.link.parent.attribute);
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
/**
 * How the JSON planner reads an include's options and carries values on this connection's dialect;
 * `always`: aggregate whatever the dialect prefers (`includeStrategy: 'json'`).
 */
function jsonContext(adapter: DialectAdapter, always: boolean): JsonPlanContext {
  const carry = adapter.jsonCarry;
  const rows = adapter.capabilities.jsonRows;
  return {
    carry: carry === undefined ? () => undefined : (type) => carry.call(adapter, type),
    decode: rows === false ? () => [] : (value) => rows.decode(value),
    prefer: rows === false ? () => false : always ? () => true : (types) => rows.prefer(types),
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
function withKeys(include: NormalizedInclude, attributes: unknown): unknown {
  if (Array.isArray(attributes)) return [...new Set([include.association.link.child.attribute, ...(attributes as string[])])];
  return attributes;
}
// The orders a parent's `order` gives the include's rows, then the include's own `order`.
function includeOrder(include: NormalizedInclude, fromParent: readonly unknown[]): unknown[] {
  const own = include.order === undefined ? [] : Array.isArray(include.order) ? (include.order as unknown[]) : [include.order];
  return [...fromParent, ...own];
}
/**
 * What an include asks of its target's query, from its options as normalizeIncludes merged them
 * (the target's scope included): where, attributes (with the key that stitches children to
 * parents), paranoid, limit, offset, through, and order (the parent's entries on the include's
 * columns, then its own).
 * @internal
 */
export function includeQueryOptions(include: NormalizedInclude, parentOrder: readonly unknown[]): FindOptions & Record<string, unknown> {
  const own: FindOptions & Record<string, unknown> = {};
  if (include.where !== undefined) own.where = include.where as NonNullable<FindOptions['where']>;
  if (include.attributes !== undefined) own.attributes = withKeys(include, include.attributes) as NonNullable<FindOptions['attributes']>;
  if (include.paranoid !== undefined) own.paranoid = include.paranoid;
  if (include.limit !== undefined) own['limit'] = include.limit as number;
  if (include.offset !== undefined) own['offset'] = include.offset as number;
  if (include.through !== undefined) own['through'] = include.through;
  const order = includeOrder(include, parentOrder);
  if (order.length > 0) own.order = order as NonNullable<FindOptions['order']>;
  return own;
}
// The find options of an include the JSON planner reads (no limit or offset: those are batched),
// its scope already merged (normalizeIncludes); undefined when the scope asks for more than order.
function includeFindOptions(include: NormalizedInclude, extraOrder: readonly unknown[]): FindOptions | undefined {
  const rest = include.scopeRest;
  if (Object.keys(rest).some((k) => k !== 'order')) return undefined;
  // The junction's options are read by the JSON planner itself.
  const { through: _through, order: ownOrder, ...own } = includeQueryOptions(include, extraOrder);
  const order = [...((ownOrder as unknown[] | undefined) ?? []), ...(rest['order'] === undefined ? [] : Array.isArray(rest['order']) ? (rest['order'] as unknown[]) : [rest['order']])];
  if (order.length > 0) own.order = order as NonNullable<FindOptions['order']>;
  return own;
}

// The queries of batched includes, planned once per normalized include when its parent query is
// planned: the target's select with the include's own options (its where, attributes, order,
// paranoid and scope, already merged by normalizeIncludes), waiting only for the parents' keys.

/**
 * How one batched include loads:
 * - `keys`: the target's query (with its own joined, JSON and batched includes) where the link's
 *   child key is IN the parents' keys, a per-parent limit partitioned by that key;
 * - `through`: a belongsToMany's targets joined to the junction, by the junction's source key;
 * - `on`: a hasMany include with `on`, joined to its parents by that condition (loadByCondition);
 * - `separate`: `separate: true`, its own findAll on the target, whose find hooks run, as in Sequelize.
 * @internal
 */
export type IncludeLoad =
  | { readonly kind: 'keys'; readonly include: NormalizedInclude; readonly target: ModelClass; readonly level: LevelPlan }
  | { readonly kind: 'through'; readonly include: NormalizedInclude; readonly plan: ThroughPlan }
  | { readonly kind: 'on' | 'separate'; readonly include: NormalizedInclude };

/** Where the parents' keys go in a `keys` plan's where clause (see withParentKeys). */
const PARENT_KEYS = '/* relata parent keys */';

const planned = new WeakMap<NormalizedInclude, IncludeLoad>();

/**
 * The load of a batched include, planned on first use and kept with the include (which lives as
 * long as its parent's plan). `parentOrder` are the parent's `order` entries on the include's columns.
 * @internal
 */
export function planInclude(include: NormalizedInclude, parentOrder: readonly unknown[]): IncludeLoad {
  let load = planned.get(include);
  if (load === undefined) {
    load = buildLoad(include, parentOrder);
    planned.set(include, load);
  }
  return load;
}

function buildLoad(include: NormalizedInclude, parentOrder: readonly unknown[]): IncludeLoad {
  if (include.separate) return { kind: 'separate', include };
  if (include.on !== undefined) return { kind: 'on', include };
  const association = include.association;
  const target = association.target as unknown as ModelClass;
  const options = includeQueryOptions(include, parentOrder);
  if (association.associationType === 'BelongsToMany') {
    return { kind: 'through', include, plan: planThrough(association as unknown as BelongsToManyAssociation, withScopeRest(target, include, options)) };
  }
  // Only a junction has `through` options.
  const { through: _through, ...own } = options;
  // The parents' keys first, then the association's scope (not belongsTo's) and the include's where.
  const parts: unknown[] = [new Literal(PARENT_KEYS)];
  if (association.associationType !== 'BelongsTo' && association.scope !== undefined) parts.push(association.scope);
  if (include.where !== undefined) parts.push(include.where);
  own.where = (parts.length === 1 ? parts[0] : { [Op.and]: parts }) as NonNullable<FindOptions['where']>;
  // A limit on a hasMany include applies to each parent.
  if (association.associationType === 'HasMany') own.limitPer = association.link.child.attribute;
  return { kind: 'keys', include, target, level: planLevel(target, withScopeRest(target, include, own), include.include, undefined) };
}

/** The options with what the target's scope asks beyond the include's merged options (order, limit…). */
function withScopeRest(target: ModelClass, include: NormalizedInclude, options: FindOptions): FindOptions {
  if (Object.keys(include.scopeRest).length === 0) return options;
  return mergeFindOptions(target, mergeFindOptions(target, {}, include.scopeRest), options);
}

/** A `keys` plan's where clause with the parents' key condition in its place. @internal */
export function withParentKeys(where: Expr, keys: Expr): Expr {
  if (where.kind === 'literal' && where.sql === PARENT_KEYS) return keys;
  if (where.kind === 'logical') return { ...where, items: where.items.map((item) => withParentKeys(item, keys)) };
  return where;
}
