import { BaseError } from './base-error.js';

/** What `OptimisticLockError` carries, as Sequelize names it. */
export interface OptimisticLockErrorOptions {
  message?: string;
  /** The model whose row was saved. */
  modelName?: string;
  /** The column values of the attempted UPDATE (the version already incremented). */
  values?: Record<string, unknown>;
  /** The where of the attempted UPDATE: the primary key and the version the instance had. */
  where?: Record<string, unknown>;
}

/**
 * `save()` of an instance of a versioned model (`version: true`) matched no row: someone saved the
 * row since the instance was loaded, or deleted it. Reload the instance and apply the change again.
 *
 * @example
 * const a = await Doc.findByPk(1); const b = await Doc.findByPk(1)
 * await a.update({ title: 'x' })
 * await b.update({ title: 'y' }) // throws OptimisticLockError (SequelizeOptimisticLockError)
 */
export class OptimisticLockError extends BaseError {
  override name = 'SequelizeOptimisticLockError';
  readonly modelName: string | undefined;
  readonly values: Record<string, unknown> | undefined;
  readonly where: Record<string, unknown> | undefined;

  constructor(options: OptimisticLockErrorOptions = {}) {
    super(options.message ?? `Attempting to update a stale model instance: ${options.modelName}`);
    this.modelName = options.modelName;
    this.values = options.values;
    this.where = options.where;
  }

  /**
   * The UPDATE of a stale instance matched no row.
   *
   * @example
   * OptimisticLockError.staleInstance('Doc', { title: 'y', version: 2 }, { id: 1, version: 1 }).message
   * // 'Attempting to update a stale model instance: Doc'
   */
  static staleInstance(modelName: string, values: Record<string, unknown>, where: Record<string, unknown>): OptimisticLockError {
    return new OptimisticLockError({ modelName, values, where });
  }
}
