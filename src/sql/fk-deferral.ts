import type { ForeignKeyDeferral } from '../transactions/deferrable.js';

/** A kysely foreign key builder: its deferral clauses. */
interface DeferralClauses<R> {
  deferrable(): R;
  notDeferrable(): R;
  initiallyDeferred(): R;
  initiallyImmediate(): R;
}

/**
 * Adds `references.deferrable` to a foreign key constraint where the database `supported` it
 * (PostgreSQL: `DEFERRABLE INITIALLY DEFERRED`…); the others leave it out, as Sequelize does.
 * @internal
 */
export function withDeferral<R extends DeferralClauses<R>>(fk: R, deferral: ForeignKeyDeferral | undefined, supported: boolean): R {
  if (!supported || deferral === undefined) return fk;
  if (deferral === 'NOT DEFERRABLE') return fk.notDeferrable();
  return deferral === 'INITIALLY DEFERRED' ? fk.deferrable().initiallyDeferred() : fk.deferrable().initiallyImmediate();
}

/** Whether PostgreSQL writes this reference as a table constraint (an inline REFERENCES cannot say DEFERRABLE here). @internal */
export function referenceNeedsConstraint(references: { deferrable?: ForeignKeyDeferral } | undefined, supported: boolean): boolean {
  return supported && references?.deferrable !== undefined;
}
