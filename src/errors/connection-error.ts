import { BaseError } from './base-error.js';

/**
 * The database could not be reached, refused the credentials, or the connection was lost.
 *
 * @example
 * catch (err) { if (err instanceof ConnectionError) scheduleRetry() }
 */
export class ConnectionError extends BaseError {
  override name = 'SequelizeConnectionError';
  readonly parent: unknown;
  readonly original: unknown;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.parent = options?.cause;
    this.original = options?.cause;
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
   * A `ConnectionError` when `error` is a failure every driver shares (a Node socket error such as
   * ECONNREFUSED, also inside an `AggregateError`, or Kysely's "driver has already been
   * destroyed"); `undefined` otherwise, so the dialect translator goes on with its own codes.
   *
   * @example
   * ConnectionError.fromNetworkFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))
   * // ConnectionError: connect ECONNREFUSED 127.0.0.1:1
   */
  static fromNetworkFailure(error: unknown): ConnectionError | undefined {
    return isNetworkFailure(error) ? ConnectionError.fromDriver(error) : undefined;
  }
}

/** Node's socket and DNS error codes: the server is unreachable or the socket died. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  // Node 20 tries every address of a host (autoSelectFamily) and reports them together.
  if (error instanceof AggregateError && error.errors.some(isNetworkFailure)) return true;
  return error.message === 'driver has already been destroyed';
}
