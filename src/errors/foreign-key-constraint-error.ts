import { DatabaseError, type DatabaseErrorDetails } from './database-error.js';

/**
 * A foreign key constraint was violated: a row referenced a missing parent, or a parent that still
 * has children was deleted under ON DELETE RESTRICT / NO ACTION.
 *
 * @example
 * catch (err) { if (err instanceof ForeignKeyConstraintError) console.log(err.table, err.fields) }
 */
export class ForeignKeyConstraintError extends DatabaseError {
  override name = 'SequelizeForeignKeyConstraintError';
  readonly table: string | undefined;
  readonly fields: string[] | undefined;
  readonly index: string | undefined;
  readonly reltype: 'parent' | 'child' | undefined;

  constructor(
    message: string,
    details: DatabaseErrorDetails & { table?: string; fields?: string[]; index?: string; reltype?: 'parent' | 'child' } = {},
  ) {
    super(message, details);
    this.table = details.table;
    this.fields = details.fields;
    this.index = details.index;
    this.reltype = details.reltype;
  }

  /**
   * Wraps a driver's foreign key error with what the dialect could read from it; any part may be
   * `undefined` when the database does not report it.
   *
   * @example
   * ForeignKeyConstraintError.fromViolation(driverError, { sql, parameters }, {
   *   table: 'posts', fields: ['userId'], index: 'posts_userId_fkey', reltype: 'child',
   * })
   */
  static fromViolation(
    error: unknown,
    query: { readonly sql: string; readonly parameters: readonly unknown[] } | undefined,
    found: {
      table?: string | undefined;
      fields?: string[] | undefined;
      index?: string | undefined;
      reltype?: 'parent' | 'child' | undefined;
    },
  ): ForeignKeyConstraintError {
    const message = error instanceof Error ? error.message : String(error);
    const details: ConstructorParameters<typeof ForeignKeyConstraintError>[1] = {
      sql: query?.sql,
      parameters: query?.parameters,
      cause: error,
    };
    if (found.table !== undefined) details.table = found.table;
    if (found.fields !== undefined) details.fields = found.fields;
    if (found.index !== undefined) details.index = found.index;
    if (found.reltype !== undefined) details.reltype = found.reltype;
    return new ForeignKeyConstraintError(message, details);
  }
}
