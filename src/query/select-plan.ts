import type { Expr, OrderItem, Selection } from './expression.js';

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
