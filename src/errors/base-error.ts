/**
 * The root of every error relata throws. User code may check `err instanceof BaseError`
 * or `err.name`, which matches the name Sequelize uses for the same condition.
 *
 * @example
 * try { await User.create({}) } catch (err) { if (err instanceof BaseError) console.log(err.name) }
 */
export class BaseError extends Error {
  override name = 'SequelizeBaseError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}
