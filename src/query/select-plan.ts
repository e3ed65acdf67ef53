/** The SELECT plan's types, defined beside the expression tree they recurse with (expression.ts). */
export type { JoinPlan, LockStrength, SelectPlan } from './expression.js';
