import { BaseError } from './base-error.js';

/**
 * Gives an error class TypeORM's names for what a database error carries: `driverError` (the
 * driver's error, `original`), `query` (`sql`) and the driver's `code`, so code written for
 * TypeORM's QueryFailedError reads them.
 * @internal
 */
export function defineDriverFields(prototype: object): void {
  Object.defineProperties(prototype, {
    driverError: { configurable: true, get(this: { original: unknown }) { return this.original; } },
    query: { configurable: true, get(this: { sql: string | undefined }) { return this.sql; } },
    code: {
      configurable: true,
      get(this: { original: unknown }) {
        const error = this.original;
        return error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
      },
    },
  });
}

/** Details every database error carries: the SQL that failed, its parameters and the driver error. */
export interface DatabaseErrorDetails {
  sql?: string | undefined;
  parameters?: readonly unknown[] | undefined;
  cause?: unknown;
}

/**
 * A statement failed in the database. Carries the SQL, its bound parameters and the driver error
 * (`cause`, also reachable as `parent` and `original` as in Sequelize). Built as relata builds it
 * (`message, { sql, parameters, cause }`) or as Sequelize code does (`new DatabaseError(driverError)`).
 *
 * @example
 * catch (err) { if (err instanceof DatabaseError) console.log(err.sql, err.parameters) }
 */
export class DatabaseError extends BaseError {
  override name = 'SequelizeDatabaseError';
  readonly sql: string | undefined;
  readonly parameters: readonly unknown[];
  readonly parent: unknown;
  readonly original: unknown;

  constructor(messageOrParent: string | Error, details: DatabaseErrorDetails = {}) {
    // Sequelize code builds it from the driver error (`new DatabaseError(err)`), reading its `sql`.
    const parent = typeof messageOrParent === 'string' ? details.cause : messageOrParent;
    const message = typeof messageOrParent === 'string' ? messageOrParent : messageOrParent.message;
    super(message, { cause: parent });
    const parentSql = typeof messageOrParent === 'string' ? undefined : (messageOrParent as { sql?: unknown }).sql;
    this.sql = details.sql ?? (typeof parentSql === 'string' ? parentSql : undefined);
    this.parameters = details.parameters ?? [];
    this.parent = parent;
    this.original = parent;
  }

  /** The driver error, by TypeORM's name for it (`QueryFailedError.driverError`); the same as `original`. */
  declare readonly driverError: unknown;
  /** The failed SQL, by TypeORM's name for it (`QueryFailedError.query`); the same as `sql`. */
  declare readonly query: string | undefined;
  /** The driver's error code (`'23505'`, `'ER_DUP_ENTRY'`, `'SQLITE_CONSTRAINT_UNIQUE'`), read as TypeORM code reads it. */
  declare readonly code: unknown;

  /**
   * Wraps a driver error that has no more specific class, keeping the driver's message, the
   * failed SQL and its parameters.
   *
   * @example
   * DatabaseError.fromDriver(driverError, { sql: 'selec 1', parameters: [] }).message
   * // 'syntax error at or near "selec"'
   */
  static fromDriver(
    error: unknown,
    query: { readonly sql: string; readonly parameters: readonly unknown[] } | undefined,
  ): DatabaseError {
    const message = error instanceof Error ? error.message : String(error);
    return new DatabaseError(message, { sql: query?.sql, parameters: query?.parameters, cause: error });
  }
}

defineDriverFields(DatabaseError.prototype);
