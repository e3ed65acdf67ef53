import { BaseError } from './base-error.js';

/**
 * A query could not be built from the options given (Sequelize's QueryError).
 *
 * @example
 * catch (err) { if (err instanceof QueryError) console.log(err.message) }
 */
export class QueryError extends BaseError {
  override name = 'SequelizeQueryError';
}
