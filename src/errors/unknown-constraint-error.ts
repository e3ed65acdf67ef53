import { DatabaseError } from './database-error.js';
import type { ConstraintErrorInit } from './exclusion-constraint-error.js';

/**
 * A statement named a constraint or index that does not exist (e.g. `removeConstraint` of an
 * unknown name).
 *
 * @example
 * catch (err) { if (err instanceof UnknownConstraintError) console.log(err.constraint, err.table) }
 */
export class UnknownConstraintError extends DatabaseError {
  override name = 'SequelizeUnknownConstraintError';
  readonly constraint: string | undefined;
  readonly fields: Record<string, unknown> | undefined;
  readonly table: string | undefined;

  constructor(init: ConstraintErrorInit = {}) {
    super(init.message ?? 'The specified constraint does not exist', { sql: init.sql, parameters: init.parameters, cause: init.cause ?? init.parent });
    this.constraint = init.constraint;
    this.fields = init.fields;
    this.table = init.table;
  }
}
