import type { ModelDefinition } from '../../metadata/model-definition.js';
import { ExpressionContext } from '../expression-context.js';
import { and, type Expr } from '../expression.js';
import { paranoidFilter } from '../plan-find.js';
import type { SelectPlan } from '../select-plan.js';
import { compileWhere } from '../where.js';
import { onContext } from './join-plan.js';
import { linkConditions } from './link.js';
import type { NormalizedInclude } from './normalize.js';

/**
 * The root filter for required includes: one EXISTS per required include (nested ones inside),
 * so rows are filtered without joining to-many tables and `limit` keeps counting root rows.
 * @internal
 *
 * @example
 * // User.findAll({ include: { model: Post, as: 'posts', where: { published: true } }, limit: 10 })
 * // … WHERE EXISTS (SELECT 1 FROM "Posts" AS "posts" WHERE "posts"."userId" = "User"."id" AND "posts"."published" = $1) LIMIT $2
 */
export function requiredFilter(definition: ModelDefinition, alias: string, includes: readonly NormalizedInclude[], depth = 0): Expr {
  return and(includes.filter((i) => i.required).map((include) => existsFor(definition, alias, include, depth)));
}

function existsFor(parent: ModelDefinition, parentAlias: string, include: NormalizedInclude, depth: number): Expr {
  const alias = `${include.association.as}_${depth}`;
  const extra = and([includeRows(include, alias), requiredFilter(include.association.target.definition, alias, include.include, depth + 1)]);
  return { kind: 'exists', negated: false, plan: linkedSelect(parent, parentAlias, include, alias, depth, extra, [{ expr: { kind: 'literal', sql: '1' }, as: 'one' }]) };
}

/**
 * The rows of an include that count, as `alias`: its own where, and not soft-deleted unless the
 * include says `paranoid: false` (what the JOIN Sequelize writes for it filters).
 * @internal
 */
export function includeRows(include: NormalizedInclude, alias: string): Expr {
  const target = include.association.target.definition;
  const ctx = new ExpressionContext({ definition: target, tableAlias: alias, clause: `include ${include.association.as} where` });
  return and([compileWhere(include.where, ctx), paranoidFilter(target, alias, include.paranoid)]);
}

/**
 * `SELECT … FROM target AS alias [JOIN junction] WHERE <link to the parent row> AND <extra>`: the
 * correlated subquery behind required includes, `$alias.attr$` conditions and ordering by an
 * included column.
 * @internal
 */
export function linkedSelect(
  parent: ModelDefinition,
  parentAlias: string,
  include: NormalizedInclude,
  alias: string,
  depth: number,
  extra: Expr,
  selections: SelectPlan['selections'],
): SelectPlan {
  const association = include.association;
  const target = association.target.definition;
  const tctx = new ExpressionContext({ definition: target, tableAlias: alias, clause: `include ${association.as}` });
  const pctx = new ExpressionContext({ definition: parent, tableAlias: parentAlias, clause: `include ${association.as}` });
  const conditions: Expr[] = [];
  let joins: SelectPlan['joins'] = [];
  const through = association.link.through;
  const jalias = through === undefined ? undefined : throughAlias(include, depth);
  const link = linkConditions(association.link, { parent: parentAlias, child: alias, through: jalias }, 'target');
  if (through !== undefined && link.target !== undefined) {
    const jctx = new ExpressionContext({ definition: through.definition, tableAlias: jalias, clause: `include ${association.as} through` });
    joins = [{ kind: 'inner', table: through.definition.sqlTable, alias: jalias as string, on: link.target }];
    conditions.push(link.parent);
    conditions.push(compileWhere(include.through?.where, jctx.withClause(`include ${association.as} through.where`)));
    conditions.push(compileWhere(association.through?.scope, jctx));
  } else {
    // `on` replaces the key link of a hasOne/hasMany include (belongsTo keeps its keys, as before).
    conditions.push(include.on === undefined || association.associationType === 'BelongsTo' ? link.parent : compileWhere(include.on, onContext(tctx, pctx, association.as)));
  }
  conditions.push(compileWhere(association.scope, tctx), extra);
  return {
    table: target.sqlTable, alias, joins, selections, where: and(conditions),
    group: [], having: undefined, order: [], limit: undefined, offset: undefined, lock: undefined, skipLocked: false, distinct: false,
  };
}

/** The junction table's alias in the subqueries of a belongsToMany include at `depth`. @internal */
export function throughAlias(include: NormalizedInclude, depth: number): string {
  return `${include.association.as}_through_${depth}`;
}
