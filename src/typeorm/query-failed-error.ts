import { DatabaseError, UniqueConstraintError } from '../index.js';

/**
 * TypeORM's error for a statement the database refused. relata throws its own classes
 * (`UniqueConstraintError`, `ForeignKeyConstraintError`, `DatabaseError` …); each of them is a
 * `QueryFailedError` to `instanceof`, and carries TypeORM's fields: `driverError`, `query`,
 * `parameters` and the driver's `code`. So `catch` blocks written for TypeORM work unchanged.
 *
 * @example
 * try { await users.save({ email: taken }) } catch (error) {
 *   if (error instanceof QueryFailedError && error.code === '23505') throw new ConflictException();
 * }
 */
export class QueryFailedError extends DatabaseError {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof DatabaseError || value instanceof UniqueConstraintError;
  }
}
