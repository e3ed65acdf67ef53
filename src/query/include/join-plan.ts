import type { ModelDefinition } from '../../metadata/model-definition.js';
import { ExpressionContext } from '../expression-context.js';
import { and, type Expr, type Selection } from '../expression.js';
import { paranoidFilter, readerFor, type RowReader } from '../plan-find.js';
import type { JoinPlan } from '../select-plan.js';
import { InvalidOptionError } from '../../errors/invalid-option-error.js';
import { UnknownAttributeError } from '../../errors/unknown-attribute-error.js';
import { compileWhere } from '../where.js';
import { linkConditions } from './link.js';
import type { NormalizedInclude } from './normalize.js';

/** A to-one include joined into its parent's query. @internal */
export interface JoinedInclude {
  readonly include: NormalizedInclude;
  /** The join alias, Sequelize-style: `profile`, `author->company`. */
  readonly alias: string;
  /** Row keys of this include's columns: `<alias>.<attribute>`. */
  readonly keys: readonly string[];
  readonly reader: RowReader;
  /** Attributes whose all-null value means "no row joined". */
  readonly primaryKeys: readonly string[];
  readonly children: readonly JoinedInclude[];
  /** Nested includes loaded afterwards for the joined instances. */
  readonly deferred: readonly NormalizedInclude[];
  /** A to-many include joined into the parent's rows: its children are collected into an array. */
  readonly many: boolean;
  /** Nothing of it is selected (`attributes: []`): it only serves the query's aggregates and groups. */
  readonly hidden: boolean;
  /** Keys selected only to fold a to-many include's rows, left out of its instances (not asked for). */
  readonly unrequested: readonly string[];
}

/** The joins, their extra selections, and the includes left for batched loading. @internal */
export interface JoinPlanResult {
  readonly joins: JoinPlan[];
  readonly selections: Selection[];
  readonly joined: JoinedInclude[];
  readonly batched: NormalizedInclude[];
}

/**
 * Plans the to-one includes (belongsTo, hasOne) as LEFT JOINs (INNER when required) of the
 * parent query, nested to-one includes as chained joins. To-many includes are joined only when
 * they are in `toMany` (chosen by `includesToJoin`: the query aggregates or groups over their
 * columns); the others, `separate` ones and includes with a limit are left for batched or JSON
 * loading. A to-one join adds at most one row per parent for belongsTo; hasOne rows and joined
 * to-many rows are folded by the parent's key when hydrated.
 * @internal
 */
export function planJoins(
  parent: ModelDefinition,
  parentAlias: string,
  includes: readonly NormalizedInclude[],
  prefix = '',
  toMany: ReadonlySet<NormalizedInclude> = new Set(),
): JoinPlanResult {
  const result: JoinPlanResult = { joins: [], selections: [], joined: [], batched: [] };
  for (const include of includes) {
    const many = toMany.has(include);
    if (!many && !joinable(include)) {
      refuseJoinOnly(parent, include);
      result.batched.push(include);
      continue;
    }
    const association = include.association;
    const target = association.target.definition;
    const alias = prefix === '' ? association.as : `${prefix}->${association.as}`;
    const tctx = new ExpressionContext({ definition: target, tableAlias: alias, clause: `include ${association.as}` });
    const pctx = new ExpressionContext({ definition: parent, tableAlias: parentAlias, clause: `include ${association.as}` });
    const kind = include.required ? 'inner' : include.right ? 'right' : 'left';
    let through: string | undefined;
    if (association.through !== undefined && association.link.through !== undefined) {
      // parent -> junction -> target, the junction aliased as Sequelize does: `groups->Membership`.
      const definition = association.link.through.definition;
      through = `${alias}->${association.through.model.name}`;
      const jctx = new ExpressionContext({ definition, tableAlias: through, clause: `include ${association.as} through` });
      const jon = and([
        linkConditions(association.link, { parent: parentAlias, child: alias, through }).parent,
        compileWhere(association.through.scope, jctx),
        compileWhere(include.through?.where, jctx.withClause(`include ${association.as} through.where`)),
        paranoidFilter(definition, through, undefined),
      ]);
      result.joins.push({ kind, table: definition.sqlTable, alias: through, on: jon });
    }
    const conditions = linkConditions(association.link, { parent: parentAlias, child: alias, through });
    const link: Expr = conditions.target ?? conditions.parent;
    // `on` replaces the key link, compiled against the include as Sequelize does (plain keys are its columns).
    const keys = include.on === undefined ? link : compileWhere(include.on, onContext(tctx, pctx, association.as));
    const on = and([keys, compileWhere(association.scope, tctx), compileWhere(include.where, tctx.withClause(`include ${association.as} where`)), paranoidFilter(target, alias, include.paranoid)]);
    result.joins.push({ kind, table: target.sqlTable, alias, on });
    // `attributes: []` (and the same below) selects nothing: the join only serves aggregates,
    // conditions or groups, and the result has no key for it, as in Sequelize.
    const hidden = selectsNothing(include);
    const attributes = hidden ? [] : selectedAttributes(target, include);
    const selections = attributes.map((name) => ({ expr: tctx.attribute(name).expr, as: `${alias}.${name}` }));
    result.selections.push(...selections);
    const nested = planJoins(target, alias, include.include, alias);
    result.joins.push(...nested.joins);
    result.selections.push(...nested.selections);
    const reader = readerFor(target, attributes.map((name) => ({ expr: tctx.attribute(name).expr, as: name })));
    result.joined.push({
      include,
      alias,
      keys: selections.map((s) => s.as),
      reader,
      primaryKeys: target.primaryKeys.filter((k) => attributes.includes(k)),
      children: nested.joined,
      deferred: nested.batched,
      many,
      hidden,
      unrequested:
        many && Array.isArray(include.attributes) && nested.batched.length === 0 ? attributes.filter((a) => !(include.attributes as unknown[]).includes(a) && nested.joined.length === 0) : [],
    });
  }
  return result;
}

/**
 * Where an include's `on` is read: its plain keys are the include's columns, and `col('Parent.x')`
 * (the parent's alias or model name, as Sequelize writes them) reaches the parent's columns.
 * @internal
 */
export function onContext(tctx: ExpressionContext, pctx: ExpressionContext, as: string): ExpressionContext {
  const clause = `include ${as} on`;
  return new ExpressionContext({
    definition: tctx.definition,
    tableAlias: tctx.tableAlias,
    clause,
    resolvePath: (path) => {
      const dot = path.lastIndexOf('.');
      const head = path.slice(0, dot);
      if (head === pctx.tableAlias || head === pctx.definition.modelName) return pctx.withClause(clause).attribute(path.slice(dot + 1));
      if (head === as) return tctx.withClause(clause).attribute(path.slice(dot + 1));
      throw new UnknownAttributeError(tctx.definition.modelName, path, clause, [...tctx.definition.attributeNames, ...pctx.definition.attributeNames.map((n) => `${pctx.tableAlias ?? pctx.definition.modelName}.${n}`)]);
    },
  });
}

/**
 * `on` and `right` shape a JOIN: an include loaded another way (to-many, separate, limited,
 * ordered) cannot honour them, so it is refused rather than silently joined on its keys.
 */
function refuseJoinOnly(parent: ModelDefinition, include: NormalizedInclude): void {
  const why = 'only a to-one include (belongsTo, hasOne) without separate, limit or order is joined into its parent query; to-many includes load by their keys';
  const where = `${parent.modelName}.findAll (include ${include.association.as})`;
  if (include.right) throw InvalidOptionError.unsupported(where, 'right', true, why);
  // A hasMany include with `on` loads its rows joined to the parent by that condition instead.
  const loadsByCondition = include.association.associationType === 'HasMany' && !include.separate && include.limit === undefined;
  if (include.on !== undefined && !loadsByCondition) {
    throw InvalidOptionError.unsupported(where, 'on', include.on, 'on applies to belongsTo and hasOne includes, and to hasMany includes without separate or limit');
  }
}

function joinable(include: NormalizedInclude): boolean {
  const type = include.association.associationType;
  if (type !== 'BelongsTo' && type !== 'HasOne') return false;
  if (include.separate || include.limit !== undefined || include.order !== undefined) return false;
  // A required to-many below a to-one must filter the root; the EXISTS plan handles that.
  return !include.include.some((i) => i.required && !joinable(i));
}

/** `attributes: []` on the include and on every (joined, to-one) include below it. */
function selectsNothing(include: NormalizedInclude): boolean {
  if (!Array.isArray(include.attributes) || include.attributes.length > 0) return false;
  return include.include.every((child) => !child.association.isMultiAssociation && joinable(child) && selectsNothing(child));
}

function selectedAttributes(target: ModelDefinition, include: NormalizedInclude): string[] {
  const all = target.physicalAttributes.map((a) => a.name);
  const spec = include.attributes;
  let names: string[];
  if (Array.isArray(spec)) names = spec.filter((s): s is string => typeof s === 'string');
  else if (spec !== null && typeof spec === 'object' && Array.isArray((spec as { exclude?: unknown }).exclude)) {
    const excluded = new Set((spec as { exclude: string[] }).exclude);
    names = all.filter((n) => !excluded.has(n));
  } else names = all;
  // Keys are always read: they tell a missing row from a row of nulls, and stitch nested loads.
  const keys = [...target.primaryKeys, ...include.include.map((i) => i.association.link.parent.attribute)];
  return [...new Set([...keys, ...names])];
}
