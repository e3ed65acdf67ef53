import { BaseError } from '../../errors/base-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { DatabaseError } from '../../errors/database-error.js';
import { ForeignKeyConstraintError } from '../../errors/foreign-key-constraint-error.js';
import { ConnectionAcquireTimeoutError } from '../../errors/timeout-error.js';
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js';
import { networkFailure } from '../../errors/network-failure.js';
import type { FailedQuery } from '../adapter.js';

/** The fields tedious puts on its `RequestError` / `ConnectionError` that we read. */
interface TediousErrorShape {
  /** tedious's own code: `EREQUEST` for server errors, `ESOCKET`, `ELOGIN`, `ETIMEOUT`… */
  readonly code?: unknown;
  /** The SQL Server error number, on `EREQUEST` errors. */
  readonly number?: unknown;
}

const UNIQUE_NUMBERS: ReadonlySet<number> = new Set([
  2627, // Violation of PRIMARY KEY / UNIQUE KEY constraint
  2601, // Cannot insert duplicate key row … with unique index
]);
/** 547 covers FOREIGN KEY, REFERENCE and CHECK conflicts; the message tells them apart. */
const CONSTRAINT_CONFLICT = 547;

/** Server error numbers that mean the session was refused or lost. */
const CONNECTION_NUMBERS: ReadonlySet<number> = new Set([
  233, // no process is on the other end of the pipe
  4060, // cannot open database requested by the login
  18456, // login failed
  10053, // transport-level error: connection aborted
  10054, // transport-level error: connection reset by peer
  10060, // network-related error: connection timed out
  40613, // Azure SQL: database not currently available
]);

/** tedious codes of failures on the connection, not the statement. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ESOCKET',
  'ELOGIN',
  'EINSTLOOKUP',
  'EFEDAUTH',
  'ECLOSE', // the connection closed before the request completed
  'EINVALIDSTATE', // "Requests can only be made in the LoggedIn state, not the Final state"
  'ENOTOPEN',
]);

/**
 * Turns a tedious error into a typed relata error, once, by SQL Server error number (written
 * from the documentation: no SQL Server runs in this project's test environment).
 *
 * - `2627`/`2601` → `UniqueConstraintError`. The server names the constraint or index and the
 *   value (`… The duplicate key value is (a@b.c).`), not the columns, so `fields` is
 *   `{ [constraint]: value }` as in Sequelize (a composite value stays one string, e.g. '1, x').
 * - `547` with "FOREIGN KEY constraint" → `ForeignKeyConstraintError` 'child', with "REFERENCE
 *   constraint" → 'parent'; `table` and `fields` are what "The conflict occurred in … table …,
 *   column …" names (the referenced table on the child side, the referencing table on the parent
 *   side). `547` on a CHECK constraint → `DatabaseError`.
 * - `ESOCKET`, `ELOGIN`, `ECLOSE`, a connect `ETIMEOUT`, login/database errors, socket errors →
 *   `ConnectionError`; a request `ETIMEOUT` (`requestTimeout`) stays a `DatabaseError`.
 * - tarn's `TimeoutError` (the pool behind Kysely's MssqlDialect) → `ConnectionAcquireTimeoutError`.
 *
 * @example
 * catch (err) { throw translateMssqlError(err, { sql, parameters }) }
 * // number 2627 → UniqueConstraintError { fields: { UQ_users_email: 'a@b.c' }, constraint: 'UQ_users_email' }
 */
export function translateMssqlError(error: unknown, query: FailedQuery | undefined): BaseError {
  if (error instanceof BaseError) return error;
  const network = networkFailure(error);
  if (network) return network;
  const shape: TediousErrorShape = typeof error === 'object' && error !== null ? error : {};
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const number = typeof shape.number === 'number' ? shape.number : undefined;
  const message = error instanceof Error ? error.message : String(error);

  if (number !== undefined && UNIQUE_NUMBERS.has(number)) {
    const constraint =
      /constraint '([^']+)'/.exec(message)?.[1] ?? /with unique index '([^']+)'/.exec(message)?.[1];
    const value = /The duplicate key value is \(([\s\S]*)\)\.?$/.exec(message)?.[1];
    const fields = constraint === undefined ? {} : { [constraint]: value };
    return UniqueConstraintError.fromViolation(error, query, { fields, constraint });
  }
  if (number === CONSTRAINT_CONFLICT && /(?:FOREIGN KEY|REFERENCE) constraint/.test(message)) {
    const conflict = /table "([^"]+)", column '([^']+)'/.exec(message);
    return ForeignKeyConstraintError.fromViolation(error, query, {
      reltype: message.includes('REFERENCE constraint') ? 'parent' : 'child',
      table: conflict?.[1],
      fields: conflict?.[2] === undefined ? undefined : [conflict[2]],
      index: /constraint "([^"]+)"/.exec(message)?.[1],
    });
  }
  if (isPoolTimeout(error)) return ConnectionAcquireTimeoutError.fromDriver(error);
  if (isConnectionFailure(error, code, number)) return ConnectionError.fromDriver(error);
  return DatabaseError.fromDriver(error, query);
}

/**
 * True for `1205` (chosen as deadlock victim) and `3960` (snapshot isolation update conflict):
 * the transaction was rolled back only because of concurrent work, so running it again may
 * succeed.
 *
 * @example
 * isMssqlSerializationFailure(Object.assign(new Error('… deadlocked …'), { number: 1205 })) // true
 */
export function isMssqlSerializationFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const number = (error as TediousErrorShape).number;
  return number === 1205 || number === 3960;
}

/** tarn rejects a timed-out acquire with its own `TimeoutError` class, whose `name` stays 'Error'. */
function isPoolTimeout(error: unknown): boolean {
  return error instanceof Error && error.constructor.name === 'TimeoutError' && !('code' in error);
}

function isConnectionFailure(error: unknown, code: string | undefined, number: number | undefined): boolean {
  if (number !== undefined && CONNECTION_NUMBERS.has(number)) return true;
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  // tedious uses ETIMEOUT both for connect timeouts (a ConnectionError) and for requestTimeout
  // (a RequestError); only the first loses the connection.
  return code === 'ETIMEOUT' && error instanceof Error && error.constructor.name === 'ConnectionError';
}
