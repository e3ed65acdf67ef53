import { BaseError } from './base-error.js';

/**
 * Work queued on a connection could not run, e.g. because the connection closed first (Sequelize's AsyncQueueError).
 *
 * @example
 * catch (err) { if (err instanceof AsyncQueueError) console.log(err.message) }
 */
export class AsyncQueueError extends BaseError {
  override name = 'SequelizeAsyncQueueError';
}
