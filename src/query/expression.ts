import type { AbstractDataType } from '../data-types/abstract.js';

/**
 * The dialect-free expression tree that where, attributes, order, group and having compile to.
 * Only `sql/` turns it into SQL. Identifiers in `column` nodes come from model metadata; values
 * always become bound parameters; `literal` nodes come only from the user's explicit `literal()`.
 * @internal
 */
export type Expr =
  | { readonly kind: 'column'; readonly table: string | undefined; readonly column: string }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  | { readonly kind: 'fn'; readonly name: string; readonly args: readonly Expr[]; readonly distinct?: boolean }
  | { readonly kind: 'cast'; readonly expr: Expr; readonly type: string }
  | { readonly kind: 'literal'; readonly sql: string }
  | { readonly kind: 'star'; readonly table: string | undefined }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'like'; readonly op: LikeOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'between'; readonly negated: boolean; readonly left: Expr; readonly low: Expr; readonly high: Expr }
  /**
   * `left IN (right)`. `valueType`: the data type of the listed values (the left column's), by which
   * a dialect may bind a list of values as one array parameter (see `listParameterType`).
   */
  | { readonly kind: 'in'; readonly negated: boolean; readonly left: Expr; readonly right: Expr; readonly valueType?: AbstractDataType | undefined }
  | { readonly kind: 'isNull'; readonly negated: boolean; readonly left: Expr }
  | { readonly kind: 'is'; readonly negated: boolean; readonly left: Expr; readonly right: boolean }
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly items: readonly Expr[] }
  | { readonly kind: 'not'; readonly expr: Expr }
  | { readonly kind: 'const'; readonly value: boolean }
  | { readonly kind: 'exists'; readonly negated: boolean; readonly plan: SelectPlan }
  | { readonly kind: 'subquery'; readonly plan: SelectPlan }
  /**
   * The value at `path` inside a JSON column, as text (`number`: cast to a number, for comparing
   * with numbers). The path travels as a bound parameter.
   */
  | { readonly kind: 'jsonPath'; readonly left: Expr; readonly path: readonly (string | number)[]; readonly number: boolean }
  /**
   * An aggregate of the current group's rows into one JSON array of arrays (one inner array of
   * `items` per row, in `order`); an empty array when there are none. Items of kind `subquery` are
   * themselves JSON arrays and are embedded as JSON, not as text.
   */
  | { readonly kind: 'jsonRows'; readonly items: readonly Expr[]; readonly order: readonly OrderItem[] };

/** Comparison operators that compile to one infix token. @internal */
export type BinaryOp = '+' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '~' | '!~' | '@>' | '<@' | '&&';

/** LIKE family; the `i` forms fall back to LOWER() where ILIKE does not exist. @internal */
export type LikeOp = 'like' | 'notLike' | 'iLike' | 'notILike';

/** Sort direction as written by users, normalized. @internal */
export interface OrderItem {
  readonly expr: Expr;
  /** None for an expression ordered without one (`order: literal('score DESC')`), as Sequelize writes it. */
  readonly direction: 'ASC' | 'DESC' | undefined;
  readonly nulls: 'FIRST' | 'LAST' | undefined;
}

/** A selected output: an expression and the key it lands under in the row. @internal */
export interface Selection {
  readonly expr: Expr;
  readonly as: string;
}

export const TRUE: Expr = { kind: 'const', value: true };

/** AND of the given nodes, flattening constants. @internal */
export function and(items: readonly Expr[]): Expr {
  const kept = items.filter((i) => !(i.kind === 'const' && i.value));
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return kept[0] as Expr;
  return { kind: 'logical', op: 'and', items: kept };
}

// The SELECT plan lives beside the expression tree: the two are one recursive type (a subquery
// expression holds a plan, a plan holds expressions).

/** A joined table. @internal */
export interface JoinPlan {
  /** `right` compiles to RIGHT OUTER JOIN where the dialect has it, LEFT elsewhere. */
  readonly kind: 'inner' | 'left' | 'right';
  readonly table: string;
  readonly alias: string;
  readonly on: Expr;
}

/** Row lock strengths. */
export type LockStrength = 'UPDATE' | 'SHARE' | 'KEY SHARE' | 'NO KEY UPDATE';

/**
 * A planned SELECT: immutable, dialect-free. `sql/select.ts` compiles it.
 * @internal
 */
export interface SelectPlan {
  readonly table: string;
  readonly alias: string;
  readonly joins?: readonly JoinPlan[];
  readonly selections: readonly Selection[];
  readonly where: Expr;
  readonly group: readonly Expr[];
  readonly having: Expr | undefined;
  readonly order: readonly OrderItem[];
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  readonly lock: LockStrength | undefined;
  /** The alias whose rows alone the lock takes (FOR UPDATE OF), where the dialect can. */
  readonly lockOf?: string | undefined;
  readonly skipLocked: boolean;
  readonly distinct: boolean;
  /** A limit per group of rows (per parent), applied with ROW_NUMBER() OVER (PARTITION BY …). */
  readonly partition?: { readonly by: readonly Expr[]; readonly limit: number | undefined; readonly offset: number | undefined };
}
