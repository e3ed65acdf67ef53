import type { Model } from './model.js';
import { withScope } from './scopes.js';
import { createInstance, readRow } from './instance-state.js';
import { ExpressionContext } from '../query/expression-context.js';
import { and, type Expr } from '../query/expression.js';
import { onContext } from '../query/include/join-plan.js';
import type { NormalizedInclude } from '../query/include/normalize.js';
import { planFind } from '../query/plan-find.js';
import type { FindOptions } from '../query/query-options.js';
import type { SelectPlan } from '../query/select-plan.js';
import { compileWhere } from '../query/where.js';
import { compileSelect } from '../sql/select.js';
import type { ModelClass } from '../associations/association.js';
import { groupBy, normalizeKey, uniqueKeys } from '../associations/instances.js';

const PARENT_KEY = '__relata_parent_key';

/**
 * Loads a to-many include written with `on` (a join condition in place of the keys) for a set of
 * parents, in one statement: `SELECT target.*, parent.pk FROM target INNER JOIN parent ON <on>
 * WHERE parent.pk IN (…)`. The parent is aliased by its model name, as Sequelize names the root.
 * @internal
 */
export async function loadByCondition(parents: readonly Model[], include: NormalizedInclude, options: FindOptions): Promise<void> {
  const association = include.association;
  const source = association.source as unknown as ModelClass;
  const target = association.target as unknown as ModelClass;
  const pk = source.primaryKeyAttribute ?? 'id';
  const keys = uniqueKeys(parents.map((p) => p.get(pk)));
  const relata = target.sequelize;
  const as = association.as;
  const parentAlias = source.name;
  const found: { target: Model; key: unknown }[] = [];
  if (keys.length > 0) {
    const scoped = withScope(target, options);
    const plan = planFind(target.definition, scoped, as);
    const tctx = new ExpressionContext({ definition: target.definition, tableAlias: as, clause: `include ${as}` });
    const pctx = new ExpressionContext({ definition: source.definition, tableAlias: parentAlias, clause: `include ${as}` });
    const parentKey = pctx.attribute(pk);
    const on = and([compileWhere(include.on, onContext(tctx, pctx, as)), compileWhere(association.scope, tctx)]);
    const inKeys: Expr = { kind: 'in', negated: false, left: parentKey.expr, right: { kind: 'list', items: keys.map((k) => ({ kind: 'value', value: parentKey.attribute?.type.toDb(k) }) as Expr) }, valueType: parentKey.attribute?.type };
    const select: SelectPlan = {
      ...plan.select,
      joins: [{ kind: 'inner', table: source.definition.sqlTable, alias: parentAlias, on }],
      selections: [...plan.select.selections, { expr: parentKey.expr, as: PARENT_KEY }],
      where: and([plan.select.where, inKeys]),
    };
    const result = await relata.execute(compileSelect(relata, select), options);
    for (const row of result.rows) {
      const instance = createInstance(target.prototype, readRow(row, plan.reader), false, { isNewRecord: false, raw: true, attributes: plan.reader.keys }) as Model;
      found.push({ target: instance, key: row[PARENT_KEY] });
    }
  }
  const grouped = groupBy(found, (f) => f.key);
  for (const parent of parents) {
    const children = (grouped.get(normalizeKey(parent.get(pk))) ?? []).map((f) => f.target);
    parent.dataValues[as] = association.isMultiAssociation ? children : (children[0] ?? null);
  }
}
