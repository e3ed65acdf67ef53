import { BaseError } from '../../errors/base-error.js';
import { AccessDeniedError } from '../../errors/access-denied-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { DatabaseError } from '../../errors/database-error.js';
import { ForeignKeyConstraintError } from '../../errors/foreign-key-constraint-error.js';
import { ConnectionAcquireTimeoutError } from '../../errors/timeout-error.js';
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js';
import { networkFailure } from '../../errors/network-failure.js';
import type { FailedQuery } from '../adapter.js';

/**
 * A bound Date as the SQL text mysql2 writes for it (`'2026-01-02 03:04:05.000'`): mysql2 puts an
 * object's `toSqlString()` into the statement as is. See `MysqlAdapter.bindValue`.
 * @internal
 */
export class MysqlDateLiteral {
  constructor(
    /** The Date it stands for; errors report it, not the text. */
    readonly date: Date,
    readonly text: string,
  ) {}

  toSqlString(): string {
    return this.text;
  }
}

/** The fields mysql2 puts on its errors that we read. */
interface MysqlErrorShape {
  /** The server's error number. Trust it over `code`: see `translateMysqlError`. */
  readonly errno?: unknown;
  /** A symbolic name, or mysql2's own code (`PROTOCOL_CONNECTION_LOST`) for client errors. */
  readonly code?: unknown;
  /** mysql2 sets it when the connection cannot be used any more. */
  readonly fatal?: unknown;
}

const ER_DUP_ENTRY = 1062;
const ER_DUP_ENTRY_WITH_KEY_NAME = 1586;
/** "Cannot delete or update a parent row": the old (1217) and the detailed (1451) form. */
const PARENT_ROW_ERRNOS: ReadonlySet<number> = new Set([1217, 1451]);
/** "Cannot add or update a child row": the old (1216) and the detailed (1452) form. */
const CHILD_ROW_ERRNOS: ReadonlySet<number> = new Set([1216, 1452]);

/** Server error numbers that mean the user or password was refused (Sequelize's `ER_ACCESS_DENIED_ERROR`). */
const ACCESS_DENIED_ERRNOS: ReadonlySet<number> = new Set([1045, 1698]);

/** Server error numbers that mean the session was refused, never established or ended. */
const CONNECTION_ERRNOS: ReadonlySet<number> = new Set([
  1040, // ER_CON_COUNT_ERROR: too many connections
  1044, // ER_DBACCESS_DENIED_ERROR
  1045, // ER_ACCESS_DENIED_ERROR
  1049, // ER_BAD_DB_ERROR: unknown database
  1053, // ER_SERVER_SHUTDOWN
  1129, // ER_HOST_IS_BLOCKED
  1130, // ER_HOST_NOT_PRIVILEGED
  1152, // ER_ABORTING_CONNECTION
  1184, // ER_NEW_ABORTING_CONNECTION
  1698, // ER_ACCESS_DENIED_NO_PASSWORD_ERROR
  1927, // ER_CONNECTION_KILLED (MariaDB)
  2006, // CR_SERVER_GONE_ERROR (reported by proxies)
  2013, // CR_SERVER_LOST (reported by proxies)
  4031, // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
]);

/** mysql2's client-side codes for a connection that broke or could not be made. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'HANDSHAKE_NO_SSL_SUPPORT',
]);

/** Errors mysql2's pool and Kysely's mysql driver raise as plain `Error`s. */
const CONNECTION_MESSAGES: readonly string[] = [
  "Can't add new command when connection is in closed state",
  'Pool is closed.',
  'The connection ended without ever completing the connection',
];

/**
 * mysql2's pool has no acquire timeout of its own; these are how it refuses a connection
 * (`waitForConnections: false`, or `queueLimit` reached).
 */
const ACQUIRE_MESSAGES: readonly string[] = ['No connections available.', 'Queue limit reached.'];

/**
 * Turns a mysql2 error (MySQL or MariaDB) into a typed relata error, once, by `errno`. The
 * symbolic `code` is not used for server errors: mysql2 names numbers after MySQL, so a MariaDB
 * CHECK failure (4025) arrives as `ER_INNODB_AUTOEXTEND_SIZE_OUT_OF_RANGE`.
 *
 * - `1062`/`1586` → `UniqueConstraintError` with `fields` `{ [key name]: value }` and `constraint`
 *   the key name (`Duplicate entry 'a@b.c' for key 'users.email'` → `{ email: 'a@b.c' }`). The
 *   server names the key, not its columns, and joins a composite key's values with '-', so a
 *   composite key gives one entry holding the joined text.
 * - `1451`/`1217` → `ForeignKeyConstraintError` with `reltype` 'parent', `1452`/`1216` → 'child';
 *   as in Sequelize, `table` is the referenced table and `fields` the referencing columns.
 * - `1045`/`1698` access denied → `AccessDeniedError`; socket errors → the `ConnectionError`
 *   subclass naming the cause (`ConnectionRefusedError`, `HostNotFoundError`, …).
 * - database access denied, unknown database, too many connections, server shutdown, killed connection,
 *   mysql2's `fatal` errors, socket errors → `ConnectionError`.
 * - the pool's "No connections available." / "Queue limit reached." → `ConnectionAcquireTimeoutError`.
 * - anything else (not null `1048`/`1364`, check `3819`/`4025`, syntax…) → `DatabaseError`.
 *
 * @example
 * try { await conn.query('INSERT INTO `users` (`email`) VALUES (?)', ['a@b.c']) }
 * catch (err) { throw translateMysqlError(err, { sql, parameters }) }
 * // UniqueConstraintError { fields: { email: 'a@b.c' }, constraint: 'email' }
 */
export function translateMysqlError(error: unknown, failed: FailedQuery | undefined): BaseError {
  if (error instanceof BaseError) return error;
  const query = failed && { sql: failed.sql, parameters: failed.parameters.map((p) => (p instanceof MysqlDateLiteral ? p.date : p)) };
  const network = networkFailure(error);
  if (network) return network;
  const shape: MysqlErrorShape = typeof error === 'object' && error !== null ? error : {};
  const errno = typeof shape.errno === 'number' ? shape.errno : undefined;
  const message = error instanceof Error ? error.message : String(error);

  if (errno === ER_DUP_ENTRY || errno === ER_DUP_ENTRY_WITH_KEY_NAME) {
    const match = /^Duplicate entry '([\s\S]*)' for key '([\s\S]*)'$/.exec(message);
    // MySQL 8 qualifies the key with its table ('users.email'); MariaDB does not.
    const key = match?.[2]?.slice(match[2].lastIndexOf('.') + 1);
    const fields = key === undefined ? {} : { [key]: match?.[1] };
    return UniqueConstraintError.fromViolation(error, query, { fields, constraint: key });
  }
  if (errno !== undefined && (PARENT_ROW_ERRNOS.has(errno) || CHILD_ROW_ERRNOS.has(errno))) {
    const match = /CONSTRAINT `((?:[^`]|``)+)` FOREIGN KEY \((.+?)\) REFERENCES `((?:[^`]|``)+)`/.exec(message);
    return ForeignKeyConstraintError.fromViolation(error, query, {
      reltype: PARENT_ROW_ERRNOS.has(errno) ? 'parent' : 'child',
      table: match?.[3] === undefined ? undefined : unquote(match[3]),
      fields: match?.[2]?.split(/\s*,\s*/).map((column) => unquote(column.slice(1, -1))),
      index: match?.[1] === undefined ? undefined : unquote(match[1]),
    });
  }
  if (errno === undefined && ACQUIRE_MESSAGES.includes(message)) return ConnectionAcquireTimeoutError.fromDriver(error);
  if (errno !== undefined && ACCESS_DENIED_ERRNOS.has(errno)) return AccessDeniedError.fromDriver(error);
  if (isConnectionFailure(shape, errno, message)) return ConnectionError.fromDriver(error);
  return DatabaseError.fromDriver(error, query);
}

/**
 * True for `1213` ER_LOCK_DEADLOCK and `1205` ER_LOCK_WAIT_TIMEOUT: the statement lost a lock
 * race, so running the transaction again may succeed. After a deadlock InnoDB has rolled the
 * whole transaction back; after a lock wait timeout only the statement (unless
 * `innodb_rollback_on_timeout`).
 *
 * @example
 * isMysqlSerializationFailure(Object.assign(new Error('Deadlock found'), { errno: 1213 })) // true
 */
export function isMysqlSerializationFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const errno = (error as MysqlErrorShape).errno;
  return errno === 1213 || errno === 1205;
}

function isConnectionFailure(shape: MysqlErrorShape, errno: number | undefined, message: string): boolean {
  if (errno !== undefined && CONNECTION_ERRNOS.has(errno)) return true;
  if (typeof shape.code === 'string' && CONNECTION_CODES.has(shape.code)) return true;
  return shape.fatal === true || CONNECTION_MESSAGES.includes(message);
}

/** Inside backticks MySQL doubles a backtick. */
function unquote(identifier: string): string {
  return identifier.replaceAll('``', '`');
}
