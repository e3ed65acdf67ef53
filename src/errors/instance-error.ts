import { BaseError } from './base-error.js';

/**
 * An instance method was called on an instance in the wrong state (Sequelize's InstanceError).
 *
 * @example
 * catch (err) { if (err instanceof InstanceError) console.log(err.message) }
 */
export class InstanceError extends BaseError {
  override name = 'SequelizeInstanceError';
}
