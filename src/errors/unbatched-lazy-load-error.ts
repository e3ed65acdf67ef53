import { BaseError } from './base-error.js';

/**
 * In strict mode, a lazy load that could not be batched for its whole result set: the classic
 * N+1 loop. Names the model and the association; load it with `include` instead.
 *
 * @example
 * const relata = new Relata('sqlite::memory:', { strict: true })
 * for (const user of await User.findAll()) { await user.createPost({}); await user.getPosts() } // throws
 */
export class UnbatchedLazyLoadError extends BaseError {
  override name = 'RelataUnbatchedLazyLoadError';

  static forAssociation(model: string, association: string, why: string): UnbatchedLazyLoadError {
    return new UnbatchedLazyLoadError(
      `${model}.${association} was lazy-loaded one instance at a time (${why}). In strict mode this is an error: load it with include: ['${association}'], or call the accessor before writing.`,
    );
  }
}
