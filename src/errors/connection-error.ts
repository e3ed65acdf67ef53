import { BaseError } from './base-error.js';

/**
 * The database could not be reached, refused the credentials, or the connection was lost.
 * Subclasses name the cause as Sequelize does (`ConnectionRefusedError`, `AccessDeniedError`,
 * `HostNotFoundError`, `HostNotReachableError`, `InvalidConnectionError`, `ConnectionTimedOutError`).
 *
 * Built as relata builds it (`message, { cause }`) or as Sequelize code builds it, from the driver
 * error alone (`new ConnectionError(driverError)`: its message, `parent` and `original`).
 *
 * @example
 * catch (err) { if (err instanceof ConnectionError) scheduleRetry() }
 */
export class ConnectionError extends BaseError {
  override name = 'SequelizeConnectionError';
  readonly parent: unknown;
  readonly original: unknown;

  constructor(messageOrParent?: string | Error, options?: { cause?: unknown }) {
    const parent = typeof messageOrParent === 'string' || messageOrParent === undefined ? options?.cause : messageOrParent;
    const message = typeof messageOrParent === 'string' ? messageOrParent : (messageOrParent?.message ?? '');
    super(message, parent === undefined ? undefined : { cause: parent });
    this.parent = parent;
    this.original = parent;
  }

  /**
   * A query reached a connection that was closed, or asked it for what it cannot do.
   *
   * @example
   * ConnectionError.unavailable('SQLite', 'the database is closed').message // 'SQLite: the database is closed'
   */
  static unavailable(dialect: string, what: string): ConnectionError {
    return new ConnectionError(`${dialect}: ${what}`);
  }

  /**
   * Wraps a driver error, keeping its message and the error itself as `cause`. Called on a
   * subclass it builds that subclass.
   *
   * @example
   * ConnectionAcquireTimeoutError.fromDriver(new Error('timeout exceeded when trying to connect'))
   */
  static fromDriver<T extends ConnectionError>(
    this: new (message: string, options?: { cause?: unknown }) => T,
    error: unknown,
  ): T {
    return new this(error instanceof Error ? error.message : String(error), { cause: error });
  }

  /**
   * The dialect's driver package is not installed. Says which package to install.
   *
   * @example
   * ConnectionError.missingDriver('postgres', 'pg', cause).message
   * // 'The postgres dialect needs the "pg" package, which is not installed: npm install pg'
   */
  static missingDriver(dialect: string, packageName: string, cause: unknown): ConnectionError {
    return new ConnectionError(`The ${dialect} dialect needs the "${packageName}" package, which is not installed: npm install ${packageName}`, { cause });
  }
}
