import { DatabaseError, type DatabaseErrorDetails } from './database-error.js';

/** What Sequelize's constraint errors carry besides the driver error. */
export interface ConstraintErrorInit extends DatabaseErrorDetails {
  message?: string | undefined;
  parent?: Error | undefined;
  constraint?: string | undefined;
  fields?: Record<string, unknown> | undefined;
  table?: string | undefined;
}

/**
 * A PostgreSQL exclusion constraint (`EXCLUDE USING gist …`, SQLSTATE 23P01) was violated.
 * `fields` maps each column of the constraint to the value that collided.
 *
 * @example
 * catch (err) { if (err instanceof ExclusionConstraintError) console.log(err.constraint, err.fields) }
 */
export class ExclusionConstraintError extends DatabaseError {
  override name = 'SequelizeExclusionConstraintError';
  readonly constraint: string | undefined;
  readonly fields: Record<string, unknown> | undefined;
  readonly table: string | undefined;

  constructor(init: ConstraintErrorInit = {}) {
    const cause = init.cause ?? init.parent;
    super(init.message ?? (cause instanceof Error ? cause.message : ''), { sql: init.sql, parameters: init.parameters, cause });
    this.constraint = init.constraint;
    this.fields = init.fields;
    this.table = init.table;
  }
}
