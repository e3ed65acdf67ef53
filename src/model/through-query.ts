import type { Model } from './model.js';
import { createInstance } from './instance-state.js';
import { byColumn, byName } from './row-reader.js';
import { ExpressionContext } from '../query/expression-context.js';
import { and, type Expr, type Selection } from '../query/expression.js';
import { linkColumn, linkConditions, type AssociationLink } from '../query/include/link.js';
import { paranoidFilter, planFind, readerFor, type FindPlan, type RowReader } from '../query/plan-find.js';
import type { FindOptions } from '../query/query-options.js';
import type { SelectPlan } from '../query/select-plan.js';
import { compileWhere } from '../query/where.js';
import { compileSelect } from '../sql/select.js';
import type { JoinTableAttributes, ModelClass } from '../associations/association.js';

/** What a junction query reads of its belongsToMany association (belongs-to-many.ts). @internal */
export interface ThroughAssociation {
  readonly source: ModelClass;
  readonly target: ModelClass;
  readonly through: { readonly model: ModelClass; readonly scope: Readonly<Record<string, unknown>> | undefined };
  readonly link: AssociationLink;
  readonly scope: Readonly<Record<string, unknown>> | undefined;
}

/** One loaded row: the target instance and its junction values. @internal */
export interface ThroughRow {
  readonly target: Model;
  readonly sourceKey: unknown;
}

/** The options a junction query reads: a find's, with the junction's `through` and `joinTableAttributes`. @internal */
export type ThroughFindOptions = FindOptions & { through?: { where?: unknown; attributes?: readonly string[]; paranoid?: boolean; as?: string }; joinTableAttributes?: JoinTableAttributes };

/**
 * A junction query planned once: the target's select joined to the junction, waiting for the
 * source keys (`junction.foreignKey IN (…)`) that each execution adds. @internal
 */
export interface ThroughPlan {
  readonly association: ThroughAssociation;
  readonly plan: FindPlan;
  /** The select without the source key condition. */
  readonly select: SelectPlan;
  /** Conditions on the junction that follow the source keys in the where clause. */
  readonly junctionWhere: readonly Expr[];
  readonly throughAttributes: readonly string[];
  readonly throughReader: RowReader;
  /** The key the junction row is set under on each target. */
  readonly throughAs: string;
}

const SOURCE_KEY = '__relata_source_key';

/**
 * Plans the targets joined to their junction rows:
 * `SELECT target.*, junction.* FROM target INNER JOIN junction ON target.key = junction.otherKey`,
 * a per-source limit partitioned by the junction's foreignKey. `options` are the target's find
 * options, its scope already merged.
 * @internal
 */
export function planThrough(association: ThroughAssociation, options: ThroughFindOptions): ThroughPlan {
  const target = association.target as ModelClass;
  const through = association.through.model;
  const link = association.link;
  const throughDef = through.definition;
  const throughAlias = through.name;
  const plan = planFind(target.definition, { ...options, where: and2(options.where, association.scope) as never });
  const tctx = new ExpressionContext({ definition: throughDef, tableAlias: throughAlias, clause: `${through.name} through` });
  const sourceColumn = linkColumn(throughAlias, link.through?.source ?? link.child);
  const throughAttributes = options.through?.attributes ?? joinTableAttributeNames(options.joinTableAttributes, throughDef.physicalAttributes.map((a) => a.name));
  const throughSelections: Selection[] = throughAttributes.map((name) => ({ expr: tctx.attribute(name).expr, as: `${throughAlias}.${name}` }));
  const perParent = plan.select.limit !== undefined || plan.select.offset !== undefined;
  const on = linkConditions(link, { parent: throughAlias, child: plan.select.alias, through: throughAlias }, 'target').target as Expr;
  const select: SelectPlan = {
    ...plan.select,
    ...(perParent ? { limit: undefined, offset: undefined, partition: { by: [sourceColumn], limit: plan.select.limit, offset: plan.select.offset } } : {}),
    joins: [{ kind: 'inner', table: throughDef.sqlTable, alias: throughAlias, on }],
    selections: [...plan.select.selections, ...throughSelections, { expr: sourceColumn, as: SOURCE_KEY }],
  };
  const junctionWhere = [compileWhere(options.through?.where, tctx.withClause('through.where')), compileWhere(association.through.scope, tctx), paranoidFilter(throughDef, throughAlias, options.through?.paranoid)];
  const throughReader = readerFor(throughDef, throughAttributes.map((name) => ({ expr: tctx.attribute(name).expr, as: name })));
  return { association, plan, select, junctionWhere, throughAttributes, throughReader, throughAs: options.through?.as ?? throughAlias };
}

/**
 * Runs a planned junction query for the given source keys. The junction row is set on each
 * target under the junction model's name (or `through.as`), as Sequelize does.
 * @internal
 */
export async function runThrough(planned: ThroughPlan, sourceKeys: readonly unknown[], options: FindOptions): Promise<ThroughRow[]> {
  const { association, plan, throughAttributes, throughReader } = planned;
  const target = association.target as ModelClass;
  const through = association.through.model;
  const rows = await queryThrough(planned, sourceKeys, options);
  const read = byName(plan.reader, rows.length);
  const targetOptions = { isNewRecord: false, raw: true, attributes: plan.reader.keys };
  const out = new Array<ThroughRow>(rows.length);
  // No junction attributes asked for: no junction object at all, as in Sequelize.
  if (throughAttributes.length === 0) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Record<string, unknown>;
      out[i] = { target: createInstance(target.prototype, read(row), false, targetOptions) as Model, sourceKey: row[SOURCE_KEY] };
    }
    return out;
  }
  const readJunction = byColumn(throughReader, junctionColumns(planned), rows.length);
  const junctionOptions = { isNewRecord: false, raw: true };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    const instance = createInstance(target.prototype, read(row), false, targetOptions) as Model;
    instance.dataValues[planned.throughAs] = createInstance(through.prototype, readJunction(row), false, junctionOptions);
    out[i] = { target: instance, sourceKey: row[SOURCE_KEY] };
  }
  return out;
}

/**
 * runThrough for a `raw: true` find: each target as the plain values its instance would hold (the
 * junction's values under the same key), no instance built. @internal
 */
export async function runThroughRaw(planned: ThroughPlan, sourceKeys: readonly unknown[], options: FindOptions): Promise<{ readonly target: Record<string, unknown>; readonly sourceKey: unknown }[]> {
  const { association, plan, throughAttributes, throughReader, throughAs } = planned;
  const rows = await queryThrough(planned, sourceKeys, options);
  const read = byName(plan.reader, rows.length);
  // The junction's columns come prefixed (`UserGroups.userId`): read them by those names.
  const readJunction = throughAttributes.length === 0 ? undefined : byColumn(throughReader, junctionColumns(planned), rows.length);
  const out = new Array<{ readonly target: Record<string, unknown>; readonly sourceKey: unknown }>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, unknown>;
    const target = read(row);
    if (readJunction !== undefined) target[throughAs] = readJunction(row);
    out[i] = { target, sourceKey: row[SOURCE_KEY] };
  }
  return out;
}

/** The junction's column names in a row of a planned query, one per key of its reader (one list per plan). */
const JUNCTION_COLUMNS = new WeakMap<ThroughPlan, readonly string[]>();
function junctionColumns(planned: ThroughPlan): readonly string[] {
  let columns = JUNCTION_COLUMNS.get(planned);
  if (columns === undefined) JUNCTION_COLUMNS.set(planned, (columns = planned.throughReader.keys.map((k) => `${planned.association.through.model.name}.${k}`)));
  return columns;
}

/** Runs a planned junction query for the given source keys: the driver's rows. */
async function queryThrough(planned: ThroughPlan, sourceKeys: readonly unknown[], options: FindOptions): Promise<Record<string, unknown>[]> {
  const { association } = planned;
  const target = association.target as ModelClass;
  const through = association.through.model;
  const link = association.link;
  const key = link.through?.source ?? link.child;
  const type = through.definition.attributes.get(key.attribute)?.type;
  const column = linkColumn(through.name, key);
  const value = (k: unknown): Expr => ({ kind: 'value', value: type === undefined ? k : type.toDb(k) });
  const keyCondition: Expr = sourceKeys.length === 1 ? { kind: 'binary', op: '=', left: column, right: value(sourceKeys[0]) } : { kind: 'in', negated: false, left: column, right: { kind: 'list', items: sourceKeys.map(value) }, valueType: type };
  const relata = target.sequelize;
  const select: SelectPlan = { ...planned.select, where: and([planned.select.where, keyCondition, ...planned.junctionWhere]) };
  const result = await relata.execute<Record<string, unknown>>(compileSelect(relata, select), options);
  return result.rows;
}

function and2(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return [a, b];
}

/** `joinTableAttributes` as names: a list as given; `{ include, exclude }` from all of the junction's attributes. */
function joinTableAttributeNames(given: JoinTableAttributes | undefined, all: readonly string[]): readonly string[] {
  if (given === undefined) return all;
  if (Array.isArray(given)) return given as readonly string[];
  const { include = [], exclude = [] } = given as { include?: readonly string[]; exclude?: readonly string[] };
  const names = all.filter((name) => !exclude.includes(name));
  return [...names, ...include.filter((name) => !names.includes(name))];
}
