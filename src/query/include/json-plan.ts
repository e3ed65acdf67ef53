import type { AbstractDataType } from '../../data-types/abstract.js';
import type { ModelDefinition } from '../../metadata/model-definition.js';
import { ExpressionContext } from '../expression-context.js';
import { and, type Expr, type OrderItem, type Selection } from '../expression.js';
import { paranoidFilter, planFind, readerFor, type RowReader } from '../plan-find.js';
import type { FindOptions } from '../query-options.js';
import { planJoins, type JoinedInclude } from './join-plan.js';
import type { IncludableModel, NormalizedInclude } from './normalize.js';
import { includePathResolver } from './paths.js';
import { linkedSelect, requiredFilter, throughAlias } from './required-filter.js';

/**
 * A to-many include read from its parent's row: the parent query selects, per parent row, one
 * JSON array with an inner array per child row. Positions in the inner array follow `names`:
 * the target's attributes first (`reader`), then the columns of to-one includes joined inside the
 * subquery (`joined`), the junction's attributes (`through`), and the nested to-many arrays.
 * @internal
 */
export interface JsonInclude {
  readonly include: NormalizedInclude;
  /** The key of this include's array in the parent's row (or element). */
  readonly key: string;
  /** The key of every position of an inner array. */
  readonly names: readonly string[];
  readonly reader: RowReader;
  readonly joined: readonly JoinedInclude[];
  /** The junction's attributes, from position `start`. */
  /** The junction's columns, read into an instance under `as` (`through.as`, else the junction model's name). */
  readonly through: { readonly model: IncludableModel; readonly as: string; readonly reader: RowReader; readonly start: number } | undefined;
  readonly nested: readonly JsonInclude[];
  /** Reads the aggregate's value as the driver returns it (the dialect's JsonRowsDialect.decode). */
  readonly decode: (value: unknown) => unknown[][];
  /** This include's position in its parent's inner array (nested includes). */
  readonly index: number;
}

/** The selections to add to the parent query, what they hold, and the includes left for batched queries. @internal */
export interface JsonPlanResult {
  readonly selections: Selection[];
  readonly json: JsonInclude[];
  readonly batched: NormalizedInclude[];
}

/** What the JSON planner needs to know beyond the includes. @internal */
export interface JsonPlanContext {
  /** Whether (and how) a value of the type travels in JSON; undefined: it cannot. */
  readonly carry: (type: AbstractDataType) => 'plain' | 'text' | undefined;
  /** Reads an aggregate's value back (see JsonInclude.decode). */
  readonly decode: (value: unknown) => unknown[][];
  /** Whether columns of these types load faster aggregated than as rows (JsonRowsDialect.prefer). */
  readonly prefer: (types: readonly (AbstractDataType | undefined)[]) => boolean;
  /**
   * The target's find options for an include (its where, attributes, paranoid and order, merged
   * with the target's scope), with `extraOrder` first; undefined when the scope asks for more than
   * a subquery can do (its own includes, limits, grouping).
   */
  readonly optionsFor: (include: NormalizedInclude, extraOrder: readonly unknown[]) => FindOptions | undefined;
  /** Orders on columns of `includes` named in a parent's `order`, which also order those includes' rows. */
  readonly childOrders: (includes: readonly NormalizedInclude[], order: unknown) => ReadonlyMap<NormalizedInclude, readonly unknown[]>;
}

/** json_array / json_build_array take at most 100 arguments on PostgreSQL (127 on older SQLite). */
const MAX_ITEMS = 100;

/**
 * Plans the to-many includes of one query level as JSON aggregate subqueries where that can hold
 * them exactly; the others (separate, per-parent limits, binary columns, scopes with includes)
 * are left in `batched`. A JSON include never multiplies the parent's rows, whatever its siblings.
 * @internal
 *
 * @example
 * // User.findAll({ include: { model: Post, as: 'posts' } }) on SQLite
 * // SELECT "User"."id" AS "id", …, (SELECT json_group_array(json_array("posts"."id", "posts"."title", …) ORDER BY "posts"."id" ASC)
 * //   FROM "Posts" AS "posts" WHERE "posts"."userId" = "User"."id") AS "posts" FROM "Users" AS "User"
 */
export function planJsonIncludes(
  parent: ModelDefinition,
  parentAlias: string,
  includes: readonly NormalizedInclude[],
  ctx: JsonPlanContext,
  orders: ReadonlyMap<NormalizedInclude, readonly unknown[]>,
  prefix = '',
): JsonPlanResult {
  const result: JsonPlanResult = { selections: [], json: [], batched: [] };
  for (const include of includes) {
    const alias = prefix === '' ? include.association.as : `${prefix}->${include.association.as}`;
    // An include with `on` is loaded by its own join to the parent (loadByCondition), not by keys.
    const planned = include.on === undefined ? planOne(parent, parentAlias, include, ctx, alias, orders.get(include) ?? [], 0) : undefined;
    if (planned === undefined) {
      result.batched.push(include);
      continue;
    }
    result.selections.push({ expr: planned.expr, as: alias });
    result.json.push(planned.json);
  }
  return result;
}

function planOne(
  parent: ModelDefinition,
  parentAlias: string,
  include: NormalizedInclude,
  ctx: JsonPlanContext,
  alias: string,
  extraOrder: readonly unknown[],
  depth: number,
): { expr: Expr; json: JsonInclude } | undefined {
  const association = include.association;
  if (!association.isMultiAssociation || include.separate || include.limit !== undefined || include.offset !== undefined) return undefined;
  const options = ctx.optionsFor(include, extraOrder);
  if (options === undefined) return undefined;
  const target = association.target.definition;
  const resolver = include.include.length > 0 ? includePathResolver(target, alias, include.include) : undefined;
  const plan = planFind(target, options, alias, resolver);
  if (!ctx.prefer(plan.reader.types)) return undefined;
  const select = plan.select;
  if (select.limit !== undefined || select.offset !== undefined || select.group.length > 0 || select.having !== undefined || select.partition !== undefined) return undefined;

  // To-one includes below join inside the subquery; to-many ones nest as JSON too, or the whole include is batched.
  const joins = planJoins(target, alias, include.include, alias);
  if (joins.joined.some(hasDeferred)) return undefined;
  const nestedOrders = ctx.childOrders(include.include, options.order);
  const nested: { expr: Expr; json: JsonInclude }[] = [];
  for (const child of joins.batched) {
    const planned = planOne(target, alias, child, ctx, `${alias}->${child.association.as}`, nestedOrders.get(child) ?? [], depth + 1);
    if (planned === undefined) return undefined;
    nested.push(planned);
  }

  const items: Expr[] = [];
  const names: string[] = [];
  const add = (selection: Selection, type: AbstractDataType | undefined): boolean => {
    const how = type === undefined ? undefined : ctx.carry(type);
    if (how === undefined) return false;
    items.push(how === 'text' ? { kind: 'cast', expr: selection.expr, type: 'TEXT' } : selection.expr);
    names.push(selection.as);
    return true;
  };
  for (let i = 0; i < select.selections.length; i++) if (!add(select.selections[i] as Selection, plan.reader.types[i])) return undefined;
  const joinedTypes = joins.joined.flatMap(typesOf);
  for (let i = 0; i < joins.selections.length; i++) if (!add(joins.selections[i] as Selection, joinedTypes[i])) return undefined;

  let through: JsonInclude['through'];
  let throughWhere: Expr = { kind: 'const', value: true };
  if (association.associationType === 'BelongsToMany' && association.through !== undefined) {
    const model = association.through.model;
    const definition = model.definition;
    const jalias = throughAlias(include, depth);
    const jctx = new ExpressionContext({ definition, tableAlias: jalias, clause: `include ${association.as} through.attributes` });
    const attributes = include.through?.attributes ?? definition.physicalAttributes.map((a) => a.name);
    const selections = attributes.map((name) => ({ expr: jctx.attribute(name).expr, as: name }));
    const reader = readerFor(definition, selections);
    const start = items.length;
    for (let i = 0; i < selections.length; i++) if (!add({ expr: (selections[i] as Selection).expr, as: `${model.name}.${selections[i]?.as}` }, reader.types[i])) return undefined;
    // `through: { attributes: [] }` leaves the junction object out entirely, as in Sequelize.
    if (attributes.length > 0) through = { model, as: include.through?.as ?? model.name, reader, start };
    throughWhere = paranoidFilter(definition, jalias, include.through?.paranoid);
  }
  const nestedJson: JsonInclude[] = [];
  for (const n of nested) {
    nestedJson.push({ ...n.json, index: items.length });
    items.push(n.expr);
    names.push(n.json.key);
  }
  if (items.length > MAX_ITEMS) return undefined;

  const where = and([select.where, requiredFilter(target, alias, joins.batched, depth + 1), throughWhere]);
  const order: readonly OrderItem[] =
    select.order.length > 0 ? select.order : target.primaryKeys.map((k) => ({ expr: new ExpressionContext({ definition: target, tableAlias: alias, clause: 'order' }).attribute(k).expr, direction: 'ASC', nulls: undefined }));
  const linked = linkedSelect(parent, parentAlias, include, alias, depth, where, [{ expr: { kind: 'jsonRows', items, order }, as: 'rows' }]);
  return {
    expr: { kind: 'subquery', plan: { ...linked, joins: [...(linked.joins ?? []), ...joins.joins] } },
    json: { include, key: alias, names, reader: plan.reader, joined: joins.joined, through, nested: nestedJson, decode: ctx.decode, index: -1 },
  };
}

function hasDeferred(joined: JoinedInclude): boolean {
  return joined.deferred.length > 0 || joined.children.some(hasDeferred);
}

// In the order planJoins lists the joined selections: each include's columns, then its children's.
function typesOf(joined: JoinedInclude): (AbstractDataType | undefined)[] {
  return [...joined.reader.types, ...joined.children.flatMap(typesOf)];
}
