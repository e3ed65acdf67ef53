import { BaseError } from '../../errors/base-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { DatabaseError } from '../../errors/database-error.js';
import { AccessDeniedError } from '../../errors/access-denied-error.js';
import { ExclusionConstraintError } from '../../errors/exclusion-constraint-error.js';
import { networkFailure } from '../../errors/network-failure.js';
import { ForeignKeyConstraintError } from '../../errors/foreign-key-constraint-error.js';
import { ConnectionAcquireTimeoutError } from '../../errors/timeout-error.js';
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js';
import type { FailedQuery } from '../adapter.js';

/** The fields of a `pg` `DatabaseError` (from the server's ErrorResponse) that we read. */
interface PgErrorShape {
  readonly code?: unknown;
  readonly severity?: unknown;
  readonly detail?: unknown;
  readonly constraint?: unknown;
}

/** SQLSTATEs after which the session is gone or was never established. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database in the connection string does not exist
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
]);

/** Errors `pg` and `pg-pool` raise themselves, without a SQLSTATE. */
const CONNECTION_MESSAGES: readonly string[] = [
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** What `pg-pool` rejects with when `connectionTimeoutMillis` passes before a client is free. */
const ACQUIRE_TIMEOUT_MESSAGE = 'timeout exceeded when trying to connect';

/**
 * Turns a `pg` error into a typed relata error, once, by SQLSTATE.
 *
 * - `23505` → `UniqueConstraintError`, `fields` parsed from `detail`
 *   (`Key (a, b)=(1, x) already exists.` → `{ a: '1', b: 'x' }`; values are the server's text
 *   form, so numbers arrive as strings, as in Sequelize) and `constraint` from the error.
 * - `23503` → `ForeignKeyConstraintError`: `reltype` 'parent' when the detail says the key
 *   "is still referenced", else 'child'; `table` is the table the statement changed (the first
 *   `on table` of the message, as Sequelize reads it); `fields` the key columns of the detail.
 * - `23P01` → `ExclusionConstraintError` (message, `fields`, `constraint`, `table` as Sequelize sets them).
 * - `28P01` (wrong password) and `28000` (no such role, or not allowed) → `AccessDeniedError`.
 * - socket errors → the `ConnectionError` subclass naming the cause (`ConnectionRefusedError`,
 *   `HostNotFoundError`, …; see `networkFailure`).
 * - class `08`, `57P01`-`57P03`, `53300`, `3D000`, any FATAL/PANIC and
 *   pg's own "Connection terminated…" errors → `ConnectionError`.
 * - pg-pool's "timeout exceeded when trying to connect" → `ConnectionAcquireTimeoutError`.
 * - anything else (not-null `23502`, check `23514`, syntax…) → `DatabaseError`.
 *
 * @example
 * try { await client.query('INSERT INTO "users" ("email") VALUES ($1)', ['a@b.c']) }
 * catch (err) { throw translatePostgresError(err, { sql, parameters }) }
 * // UniqueConstraintError { fields: { email: 'a@b.c' }, constraint: 'users_email_key' }
 */
export function translatePostgresError(error: unknown, query: FailedQuery | undefined): BaseError {
  if (error instanceof BaseError) return error;
  const network = networkFailure(error);
  if (network) return network;
  const shape: PgErrorShape = typeof error === 'object' && error !== null ? error : {};
  const code = typeof shape.code === 'string' ? shape.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const detail = typeof shape.detail === 'string' ? shape.detail : undefined;
  const constraint = typeof shape.constraint === 'string' ? shape.constraint : undefined;

  if (code === '23505') {
    const key = detail === undefined ? undefined : parseKey(detail);
    return UniqueConstraintError.fromViolation(error, query, { fields: key && zipKey(key), constraint });
  }
  if (code === '23503') {
    return ForeignKeyConstraintError.fromViolation(error, query, {
      reltype: detail?.includes('is still referenced') === true ? 'parent' : 'child',
      table: /on table "((?:[^"]|"")+)"/.exec(message)?.[1]?.replaceAll('""', '"'),
      fields: detail === undefined ? undefined : parseKey(detail)?.columns,
      index: constraint,
    });
  }
  if (code === '23P01') {
    const key = detail === undefined ? undefined : parseKey(detail);
    const table = (shape as { table?: unknown }).table;
    return new ExclusionConstraintError({
      message: 'Exclusion constraint error', sql: query?.sql, parameters: query?.parameters, cause: error, constraint,
      fields: key && zipKey(key), table: typeof table === 'string' ? table : undefined,
    });
  }
  if (code === '28P01' || code === '28000') return AccessDeniedError.fromDriver(error);
  if (code === undefined && message === ACQUIRE_TIMEOUT_MESSAGE) return ConnectionAcquireTimeoutError.fromDriver(error);
  if (code === undefined && CONNECTION_MESSAGES.includes(message)) return ConnectionError.fromDriver(error);
  if (code !== undefined && isConnectionCode(code, shape.severity)) return ConnectionError.fromDriver(error);
  return DatabaseError.fromDriver(error, query);
}

/**
 * True for `40001` serialization_failure and `40P01` deadlock_detected: the transaction was
 * rolled back only because of concurrent work, so running it again may succeed.
 *
 * @example
 * isPostgresSerializationFailure(Object.assign(new Error('could not serialize access'), { code: '40001' })) // true
 */
export function isPostgresSerializationFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as PgErrorShape).code;
  return code === '40001' || code === '40P01';
}

function isConnectionCode(code: string, severity: unknown): boolean {
  // FATAL and PANIC end the session whatever the SQLSTATE.
  return code.startsWith('08') || CONNECTION_CODES.has(code) || severity === 'FATAL' || severity === 'PANIC';
}

interface ParsedKey {
  readonly columns: string[];
  /** `undefined` when the values cannot be told apart (a value itself contains ", "). */
  readonly values: string[] | undefined;
}

/**
 * Parses `Key (a, "B c")=(1, x) …`. Columns are split respecting double quotes; values are the
 * server's text output and are not quoted, so they split unambiguously only when the parts count
 * matches the columns.
 */
function parseKey(detail: string): ParsedKey | undefined {
  const start = detail.indexOf('Key (');
  if (start === -1) return undefined;
  let i = start + 'Key ('.length;
  const columns: string[] = [];
  let current = '';
  let quoted = false;
  for (; i < detail.length; i++) {
    const ch = detail[i];
    if (quoted) {
      if (ch === '"' && detail[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' && detail[i + 1] === ' ') {
      columns.push(current);
      current = '';
      i++;
    } else if (ch === ')' && detail[i + 1] === '=' && detail[i + 2] === '(') break;
    else current += ch;
  }
  if (i >= detail.length) return undefined;
  columns.push(current);
  const rest = detail.slice(i + 3);
  const end = rest.search(/\) (?:already exists|is not present|is still referenced|conflicts with)/);
  if (end === -1) return { columns, values: undefined };
  const valueText = rest.slice(0, end);
  const parts = columns.length === 1 ? [valueText] : valueText.split(', ');
  return { columns, values: parts.length === columns.length ? parts : undefined };
}

function zipKey(key: ParsedKey): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  key.columns.forEach((column, i) => {
    fields[column] = key.values?.[i];
  });
  return fields;
}
