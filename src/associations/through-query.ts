import type { Model } from '../model/model.js';
import { loadIncludes } from '../model/include-loader.js';
import { withScope } from '../model/scopes.js';
import { normalizeIncludes } from '../query/include/normalize.js';
import { createInstance, readRow } from '../model/instance-state.js';
import { ExpressionContext } from '../query/expression-context.js';
import { and, type Expr, type Selection } from '../query/expression.js';
import { paranoidFilter, planFind, readerFor } from '../query/plan-find.js';
import type { FindOptions } from '../query/query-options.js';
import type { SelectPlan } from '../query/select-plan.js';
import { compileWhere } from '../query/where.js';
import { compileSelect } from '../sql/select.js';
import type { AccessorFindOptions, JoinTableAttributes, ModelClass } from './association.js';
import { scopedTarget } from './load-options.js';

/** What a junction query needs to know. @internal */
export interface ThroughSpec {
  readonly target: ModelClass;
  readonly through: ModelClass;
  /** Junction attribute pointing at the source. */
  readonly foreignKey: string;
  /** Junction attribute pointing at the target. */
  readonly otherKey: string;
  /** Target attribute the otherKey references. */
  readonly targetKey: string;
  readonly throughScope: Readonly<Record<string, unknown>> | undefined;
  readonly targetScope: Readonly<Record<string, unknown>> | undefined;
}

/** One loaded row: the target instance and its junction values. @internal */
export interface ThroughRow {
  readonly target: Model;
  readonly sourceKey: unknown;
}

const SOURCE_KEY = '__relata_source_key';

/**
 * Targets joined to their junction rows for the given source keys, in one statement:
 * `SELECT target.*, junction.* FROM target INNER JOIN junction ON junction.otherKey = target.key
 * WHERE junction.foreignKey IN (…)`. The junction row is set on each target under the junction
 * model's name, as Sequelize does.
 * @internal
 */
export async function queryThrough(
  spec: ThroughSpec,
  sourceKeys: readonly unknown[],
  given: FindOptions & { through?: { where?: unknown; attributes?: readonly string[]; paranoid?: boolean; as?: string }; joinTableAttributes?: JoinTableAttributes; scope?: AccessorFindOptions['scope'] },
): Promise<ThroughRow[]> {
  const { target, through } = spec;
  // The target's default scope applies (a named one with `scope: 'x'`, none with `scope: false`), as in its own finders.
  const { scope, ...rest } = given;
  const options = withScope(scopedTarget(target, scope), rest);
  const relata = target.sequelize;
  const targetDef = target.definition;
  const throughDef = through.definition;
  const throughAlias = through.name;
  const plan = planFind(targetDef, { ...options, where: and2(options.where, spec.targetScope) as never });
  const tctx = new ExpressionContext({ definition: throughDef, tableAlias: throughAlias, clause: `${through.name} through` });
  const fk = tctx.attribute(spec.foreignKey);
  const ok = tctx.attribute(spec.otherKey);
  const targetKey = new ExpressionContext({ definition: targetDef, tableAlias: plan.select.alias, clause: 'targetKey' }).attribute(spec.targetKey);
  const throughAttributes = options.through?.attributes ?? joinTableAttributeNames(options.joinTableAttributes, throughDef.physicalAttributes.map((a) => a.name));
  const throughSelections: Selection[] = throughAttributes.map((name) => ({ expr: tctx.attribute(name).expr, as: `${throughAlias}.${name}` }));
  const keyCondition: Expr = sourceKeys.length === 1 ? { kind: 'binary', op: '=', left: fk.expr, right: { kind: 'value', value: fk.attribute?.type.toDb(sourceKeys[0]) } } : { kind: 'in', negated: false, left: fk.expr, right: { kind: 'list', items: sourceKeys.map((k) => ({ kind: 'value', value: fk.attribute?.type.toDb(k) }) as Expr) }, valueType: fk.attribute?.type };
  const perParent = plan.select.limit !== undefined || plan.select.offset !== undefined;
  const select: SelectPlan = {
    ...plan.select,
    ...(perParent ? { limit: undefined, offset: undefined, partition: { by: [fk.expr], limit: plan.select.limit, offset: plan.select.offset } } : {}),
    joins: [{ kind: 'inner', table: throughDef.sqlTable, alias: throughAlias, on: { kind: 'binary', op: '=', left: ok.expr, right: targetKey.expr } }],
    selections: [...plan.select.selections, ...throughSelections, { expr: fk.expr, as: SOURCE_KEY }],
    where: and([plan.select.where, keyCondition, compileWhere(options.through?.where, tctx.withClause('through.where')), compileWhere(spec.throughScope, tctx), paranoidFilter(throughDef, throughAlias, options.through?.paranoid)]),
  };
  const result = await relata.execute(compileSelect(relata, select), options);
  const throughReader = readerFor(throughDef, throughAttributes.map((name) => ({ expr: tctx.attribute(name).expr, as: name })));
  const prefixed = throughAttributes.map((n) => `${throughAlias}.${n}`);
  const loaded = result.rows.map((row) => {
    const instance = createInstance(target.prototype, readRow(row, plan.reader), false, { isNewRecord: false, raw: true, attributes: plan.reader.keys }) as Model;
    const junctionRow: Record<string, unknown> = {};
    prefixed.forEach((key, i) => {
      junctionRow[throughAttributes[i] as string] = row[key];
    });
    // No junction attributes asked for: no junction object at all, as in Sequelize.
    if (throughAttributes.length === 0) return { target: instance, sourceKey: row[SOURCE_KEY] };
    const junctionValues = readRow(junctionRow, throughReader);
    instance.dataValues[options.through?.as ?? throughAlias] = createInstance(through.prototype, junctionValues, false, { isNewRecord: false, raw: true });
    return { target: instance, sourceKey: row[SOURCE_KEY] };
  });
  // The targets' own includes (`include: [{ association: 'users', include: [Project] }]` loaded in
  // batches, `getUsers({ include })`): loaded for all of them at once, as a find does.
  const nested = options.include === undefined ? [] : normalizeIncludes(target as never, options.include);
  if (nested.length > 0) await loadIncludes(loaded.map((r) => r.target), nested, options);
  return loaded;
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
