import { BaseError } from './base-error.js';

/**
 * Saving a versioned instance (`version: true`) found no row with the version it was loaded with:
 * someone else updated or deleted it in between.
 *
 * @example
 * catch (err) { if (err instanceof OptimisticLockError) await reloadAndRetry(err.modelName) }
 */
export class OptimisticLockError extends BaseError {
  override name = 'SequelizeOptimisticLockError';
  readonly modelName: string | undefined;
  readonly values: Record<string, unknown> | undefined;
  readonly where: Record<string, unknown> | undefined;

  constructor(init: { message?: string; modelName?: string; values?: Record<string, unknown>; where?: Record<string, unknown> } = {}) {
    super(init.message ?? `Attempting to update a stale model instance: ${init.modelName}`);
    this.modelName = init.modelName;
    this.values = init.values;
    this.where = init.where;
  }

  /**
   * The row of `modelName` matching `where` (its key and loaded version) is gone or newer.
   *
   * @example
   * OptimisticLockError.stale('User', { id: 1, version: 3 }, { name: 'ada' }).message
   * // 'Attempting to update a stale model instance: User'
   */
  static stale(modelName: string, where: Record<string, unknown>, values: Record<string, unknown>): OptimisticLockError {
    return new OptimisticLockError({ modelName, where, values });
  }
}
