import { ValidationError } from './validation-error.js';
import { ValidationErrorItem } from './validation-error-item.js';
import { defineDriverFields, type DatabaseErrorDetails } from './database-error.js';

/**
 * A unique constraint was violated. `fields` maps each column of the constraint to the value that
 * collided, when the database reports it.
 *
 * @example
 * catch (err) { if (err instanceof UniqueConstraintError) console.log(err.fields) } // { email: 'a@b.c' }
 */
export class UniqueConstraintError extends ValidationError {
  override name = 'SequelizeUniqueConstraintError';
  readonly fields: Record<string, unknown>;
  readonly sql: string | undefined;
  readonly parameters: readonly unknown[];
  readonly parent: unknown;
  readonly original: unknown;
  readonly constraint: string | undefined;

  constructor(init: DatabaseErrorDetails & { message?: string; fields?: Record<string, unknown>; constraint?: string | undefined }) {
    const fields = init.fields ?? {};
    const items = Object.entries(fields).map(
      ([path, value]) =>
        new ValidationErrorItem({ message: `${path} must be unique`, type: 'unique violation', path, value, validatorKey: 'not_unique' }),
    );
    super(init.message ?? 'Validation error', items, { cause: init.cause });
    this.fields = fields;
    this.sql = init.sql;
    this.parameters = init.parameters ?? [];
    this.parent = init.cause;
    this.original = init.cause;
    this.constraint = init.constraint;
  }

  /** The driver error, by TypeORM's name for it (`QueryFailedError.driverError`); the same as `original`. */
  declare readonly driverError: unknown;
  /** The failed SQL, by TypeORM's name for it (`QueryFailedError.query`); the same as `sql`. */
  declare readonly query: string | undefined;
  /** The driver's error code (`'23505'`, `'ER_DUP_ENTRY'`, `'SQLITE_CONSTRAINT_UNIQUE'`), read as TypeORM code reads it. */
  declare readonly code: unknown;

  /**
   * Wraps a driver's unique violation with the columns and values the dialect could read from it
   * (a value is `undefined` when the database does not report it).
   *
   * @example
   * UniqueConstraintError.fromViolation(driverError, { sql, parameters }, { fields: { email: 'a@b.c' }, constraint: 'users_email_key' })
   */
  static fromViolation(
    error: unknown,
    query: { readonly sql: string; readonly parameters: readonly unknown[] } | undefined,
    found: { fields?: Record<string, unknown> | undefined; constraint?: string | undefined },
  ): UniqueConstraintError {
    return new UniqueConstraintError({
      sql: query?.sql,
      parameters: query?.parameters,
      cause: error,
      fields: found.fields ?? {},
      constraint: found.constraint,
    });
  }
}

defineDriverFields(UniqueConstraintError.prototype);
