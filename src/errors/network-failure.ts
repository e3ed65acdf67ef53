import { ConnectionError } from './connection-error.js';
import { ConnectionRefusedError } from './connection-refused-error.js';
import { ConnectionTimedOutError } from './connection-timed-out-error.js';
import { HostNotFoundError } from './host-not-found-error.js';
import { HostNotReachableError } from './host-not-reachable-error.js';
import { InvalidConnectionError } from './invalid-connection-error.js';

type ConnectionErrorClass = typeof ConnectionError;

/** Node's socket and DNS error codes, each with the ConnectionError subclass Sequelize gives it. */
const NETWORK_CODES: ReadonlyMap<string, ConnectionErrorClass> = new Map([
  ['ECONNREFUSED', ConnectionRefusedError],
  ['ENOTFOUND', HostNotFoundError],
  ['EAI_AGAIN', HostNotFoundError],
  ['EHOSTUNREACH', HostNotReachableError],
  ['ENETUNREACH', HostNotReachableError],
  ['EHOSTDOWN', HostNotReachableError],
  ['ETIMEDOUT', ConnectionTimedOutError],
  ['EINVAL', InvalidConnectionError],
  ['ECONNRESET', ConnectionError],
  ['ECONNABORTED', ConnectionError],
  ['EPIPE', ConnectionError],
  ['ENETDOWN', ConnectionError],
  ['EADDRNOTAVAIL', ConnectionError],
]);

/**
 * A `ConnectionError` (or the subclass naming the cause) when `error` is a failure every driver
 * shares: a Node socket error such as ECONNREFUSED, also inside an `AggregateError`, or Kysely's
 * "driver has already been destroyed"; `undefined` otherwise, so the dialect translator goes on
 * with its own codes.
 *
 * @example
 * networkFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))
 * // ConnectionRefusedError: connect ECONNREFUSED 127.0.0.1:1
 */
export function networkFailure(error: unknown): ConnectionError | undefined {
  const kind = networkFailureClass(error);
  return kind === undefined ? undefined : kind.fromDriver(error);
}

function networkFailureClass(error: unknown): ConnectionErrorClass | undefined {
  if (!(error instanceof Error)) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  const known = typeof code === 'string' ? NETWORK_CODES.get(code) : undefined;
  if (known) return known;
  // Node 20 tries every address of a host (autoSelectFamily) and reports them together: the
  // subclass when every attempt failed the same way, else the plain ConnectionError.
  if (error instanceof AggregateError) {
    const kinds = new Set(error.errors.map(networkFailureClass));
    if (kinds.has(undefined)) return kinds.size === 1 ? undefined : ConnectionError;
    return kinds.size === 1 ? [...kinds][0] : ConnectionError;
  }
  return error.message === 'driver has already been destroyed' ? ConnectionError : undefined;
}

