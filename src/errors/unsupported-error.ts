import { BaseError } from './base-error.js';

/**
 * A call into a part of another library's API that relata does not provide (TypeORM's
 * QueryBuilder, its migrations, tree entities). The message names what to use instead.
 *
 * @example
 * dataSource.getRepository(User).createQueryBuilder('user')
 * // UnsupportedError: Repository<User>.createQueryBuilder(): relata has no QueryBuilder; use find options …
 */
export class UnsupportedError extends BaseError {
  override name = 'RelataUnsupportedError';
  /** The call that is not provided, such as `Repository<User>.createQueryBuilder()`. */
  readonly feature: string;
  /** What to use instead. */
  readonly instead: string;

  constructor(feature: string, instead: string) {
    super(`${feature}: ${instead}`);
    this.feature = feature;
    this.instead = instead;
  }
}
