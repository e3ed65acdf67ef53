import type { ModelDefinition } from '../../metadata/model-definition.js';
import type { Expr } from '../expression.js';

/** One end of a link: an attribute and its column. @internal */
export interface LinkKey {
  readonly attribute: string;
  readonly field: string;
}

/**
 * How an association ties a parent row to its children, described once by the association and
 * read by every planner (joins, EXISTS filters, JSON subqueries, batched loads, junction queries).
 *
 * - belongsTo: `child.targetKey = parent.foreignKey`
 * - hasOne / hasMany: `child.foreignKey = parent.sourceKey`
 * - belongsToMany: `junction.foreignKey = parent.sourceKey` and `child.targetKey = junction.otherKey`
 * @internal
 */
export interface AssociationLink {
  /** The parent's attribute the children are matched by (belongsTo: the foreign key; else the source key). */
  readonly parent: LinkKey;
  /** The target's attribute: its foreign key (hasOne, hasMany) or the referenced target key (belongsTo, belongsToMany). */
  readonly child: LinkKey;
  /** belongsToMany: the junction, its key referencing the parent (`source`) and the one referencing the target (`target`). */
  readonly through: { readonly definition: ModelDefinition; readonly source: LinkKey; readonly target: LinkKey } | undefined;
}

/** A link key resolved against a model's attributes. @internal */
export function linkKey(definition: ModelDefinition, attribute: string): LinkKey {
  return { attribute, field: definition.attributes.get(attribute)?.field ?? attribute };
}

/**
 * The key on the children's side that matches the parent's key: the junction's source key for
 * belongsToMany, else the child key. Batched loads list parent keys against it and group by it.
 * @internal
 */
export function matchingKey(link: AssociationLink): LinkKey {
  return link.through === undefined ? link.child : link.through.source;
}

/** The table aliases a link condition is written against. @internal */
export interface LinkTables {
  readonly parent: string;
  readonly child: string;
  /** The junction's alias (belongsToMany). */
  readonly through?: string | undefined;
}

/**
 * The conditions of a link: `parent` ties the children's side (the target, or the junction for
 * belongsToMany) to the parent row; `target` (belongsToMany only) ties the target to the junction.
 * A query that starts at the parent joins the junction, then the target (`target.key =
 * junction.otherKey`); one that starts at the target (an EXISTS or JSON subquery, a junction
 * query) joins the junction to it (`junction.otherKey = target.key`): `from` says which.
 * @internal
 */
export function linkConditions(link: AssociationLink, tables: LinkTables, from: 'parent' | 'target' = 'parent'): { parent: Expr; target: Expr | undefined } {
  const parentColumn = column(tables.parent, link.parent.field);
  if (link.through === undefined) return { parent: eq(column(tables.child, link.child.field), parentColumn), target: undefined };
  const junction = tables.through ?? tables.child;
  const child = column(tables.child, link.child.field);
  const otherKey = column(junction, link.through.target.field);
  return { parent: eq(column(junction, link.through.source.field), parentColumn), target: from === 'parent' ? eq(child, otherKey) : eq(otherKey, child) };
}

/** A column of one side of a link. @internal */
export function linkColumn(table: string, key: LinkKey): Expr {
  return column(table, key.field);
}

function column(table: string, field: string): Expr {
  return { kind: 'column', table, column: field };
}

function eq(left: Expr, right: Expr): Expr {
  return { kind: 'binary', op: '=', left, right };
}
