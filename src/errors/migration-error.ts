import { BaseError } from './base-error.js';

/**
 * A migration, a seeder or a schema change failed. When a migration file failed, `migration`
 * names it and `cause` holds the error it threw; the migration was not recorded as run.
 *
 * @example
 * try { await migrator.up() } catch (err) { if (err instanceof MigrationError) console.error(err.migration, err.cause) }
 */
export class MigrationError extends BaseError {
  override name = 'RelataMigrationError';
  /** The migration or seeder file that failed, when one did. */
  readonly migration: string | undefined;

  constructor(message: string, options: { cause?: unknown; migration?: string | undefined } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.migration = options.migration;
  }

  /**
   * A migration file threw (or its SQL failed) while running in `direction`.
   *
   * @example
   * MigrationError.failed('20240101000000-create-users.js', 'up', new Error('boom'), true).message
   * // 'Migration 20240101000000-create-users.js failed (up): boom. It was rolled back and not recorded.'
   */
  static failed(file: string, direction: 'up' | 'down', cause: unknown, rolledBack: boolean): MigrationError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const state = rolledBack
      ? 'It was rolled back and not recorded.'
      : 'It was not recorded; statements it ran before failing stay applied (this database cannot roll back DDL).';
    return new MigrationError(`Migration ${file} failed (${direction}): ${reason}. ${state}`, { cause, migration: file });
  }

  /**
   * A file exports no `up`/`down` function.
   *
   * @example
   * MigrationError.noFunction('/app/migrations/x.js', 'up').message
   * // 'Migration /app/migrations/x.js exports no up() function (expected module.exports = { up, down } or export { up, down })'
   */
  static noFunction(file: string, direction: 'up' | 'down'): MigrationError {
    return new MigrationError(`Migration ${file} exports no ${direction}() function (expected module.exports = { up, down } or export { up, down })`, { migration: file });
  }

  /**
   * Rows reference missing parents after a schema change that ran with foreign key enforcement off.
   *
   * @example
   * MigrationError.foreignKeyViolations([{ table: 'Posts', parent: 'Users', count: 2 }]).message
   * // 'Foreign key check failed after the schema change: 2 rows of Posts reference missing Users rows. Nothing was committed.'
   */
  static foreignKeyViolations(violations: readonly { table: string; parent: string; count: number }[]): MigrationError {
    const list = violations.map((v) => `${v.count} row${v.count === 1 ? '' : 's'} of ${v.table} ${v.count === 1 ? 'references' : 'reference'} missing ${v.parent} rows`).join('; ');
    return new MigrationError(`Foreign key check failed after the schema change: ${list}. Nothing was committed.`);
  }

  /**
   * A SQLite table rebuild was asked for inside a transaction that enforces foreign keys, which
   * SQLite cannot switch off mid-transaction.
   *
   * @example
   * MigrationError.rebuildInTransaction('Users', 'changeColumn').message
   */
  static rebuildInTransaction(table: string, operation: string): MigrationError {
    return new MigrationError(
      `${operation}(${table}) rebuilds the table on SQLite, which needs foreign key enforcement off, and SQLite cannot switch it off inside a transaction. ` +
        'Call it outside a transaction (it opens its own), or from a migration run by relata (which runs SQLite migrations with enforcement deferred to a check before commit).',
    );
  }

  /**
   * The dialect has no catalog readers for the operation.
   *
   * @example
   * MigrationError.unsupported('mssql', 'describeTable').message
   * // 'queryInterface.describeTable is not supported on mssql'
   */
  static unsupported(dialect: string, operation: string): MigrationError {
    return new MigrationError(`queryInterface.${operation} is not supported on ${dialect}`);
  }
}
