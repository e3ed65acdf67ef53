import { BaseError } from '../../errors/base-error.js';
import { ConnectionError } from '../../errors/connection-error.js';
import { DatabaseError } from '../../errors/database-error.js';
import { ForeignKeyConstraintError } from '../../errors/foreign-key-constraint-error.js';
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js';
import { networkFailure } from '../../errors/network-failure.js';
import { TimeoutError } from '../../errors/query-timeout-error.js';
import type { FailedQuery } from '../adapter.js';

/** The fields better-sqlite3 puts on a `SqliteError`: only the extended result code. */
interface SqliteErrorShape {
  readonly code?: unknown;
}

/**
 * Errors better-sqlite3 raises as plain `TypeError`s when the database file cannot be used at
 * all; they have no `code`.
 */
const CONNECTION_MESSAGES: readonly string[] = [
  'The database connection is not open',
  'Cannot open database because the directory does not exist',
];

/**
 * Turns a better-sqlite3 error into a typed relata error, once, by its extended result code.
 *
 * - `SQLITE_CONSTRAINT_UNIQUE` / `SQLITE_CONSTRAINT_PRIMARYKEY` → `UniqueConstraintError`. SQLite
 *   names the columns but not the value, so each column maps to `undefined` unless the failed
 *   statement is a plain one-row `INSERT … VALUES (?, …)` or `UPDATE … SET col = ?, …` whose
 *   parameters give the value back.
 * - `SQLITE_CONSTRAINT_FOREIGNKEY`, and `SQLITE_CONSTRAINT_TRIGGER` with "FOREIGN KEY constraint
 *   failed" (a parent deleted under ON DELETE RESTRICT) → `ForeignKeyConstraintError`; SQLite does
 *   not say which constraint or side failed, so `table`, `fields`, `index` and `reltype` stay `undefined`.
 * - `SQLITE_CANTOPEN`, `SQLITE_NOTADB` and a closed database → `ConnectionError`.
 * - `SQLITE_BUSY` (and its extended codes) → `TimeoutError`, as in Sequelize.
 * - anything else (NOT NULL, CHECK, syntax…) → `DatabaseError`.
 *
 * @example
 * try { db.prepare('INSERT INTO "users" ("email") VALUES (?)').run('a@b.c') }
 * catch (err) { throw translateSqliteError(err, { sql, parameters: ['a@b.c'] }) }
 * // UniqueConstraintError { fields: { email: 'a@b.c' } }
 */
export function translateSqliteError(error: unknown, query: FailedQuery | undefined): BaseError {
  if (error instanceof BaseError) return error;
  const network = networkFailure(error);
  if (network) return network;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);

  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return uniqueError(error, message, query);
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return ForeignKeyConstraintError.fromViolation(error, query, {});
    case 'SQLITE_CONSTRAINT_TRIGGER':
      // ON DELETE/UPDATE RESTRICT is enforced at once, and SQLite reports it with the trigger code.
      if (message === 'FOREIGN KEY constraint failed') return ForeignKeyConstraintError.fromViolation(error, query, {});
      return DatabaseError.fromDriver(error, query);
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_NOTADB':
      return ConnectionError.fromDriver(error);
    case undefined:
      if (error instanceof TypeError && CONNECTION_MESSAGES.includes(error.message)) {
        return ConnectionError.fromDriver(error);
      }
      return DatabaseError.fromDriver(error, query);
    default:
      // Another connection held the lock past busy_timeout: Sequelize's TimeoutError.
      if (isSqliteSerializationFailure(error)) return new TimeoutError(message, { sql: query?.sql, parameters: query?.parameters, cause: error });
      return DatabaseError.fromDriver(error, query);
  }
}

/**
 * True when the statement failed only because another connection held a lock (`SQLITE_BUSY` and
 * its extended codes), so running the transaction again may succeed.
 *
 * @example
 * isSqliteSerializationFailure(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })) // true
 */
export function isSqliteSerializationFailure(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'SQLITE_BUSY' || (code?.startsWith('SQLITE_BUSY_') ?? false);
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as SqliteErrorShape).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * `UNIQUE constraint failed: users.a, users.b` → fields `{ a, b }`; an expression index is
 * reported by name instead (`UNIQUE constraint failed: index 'users_lower_email'`).
 */
function uniqueError(error: unknown, message: string, query: FailedQuery | undefined): UniqueConstraintError {
  const list = /constraint failed: (.+)$/.exec(message)?.[1] ?? '';
  const index = /^index '(.+)'$/.exec(list)?.[1];
  if (index !== undefined || list === '') return UniqueConstraintError.fromViolation(error, query, { constraint: index });
  const qualified = list.split(', ');
  const first = qualified[0] ?? '';
  const table = first.slice(0, first.lastIndexOf('.'));
  const bound = query === undefined ? undefined : boundValues(query, table.toLowerCase());
  const fields: Record<string, unknown> = {};
  for (const name of qualified) {
    const column = name.slice(name.lastIndexOf('.') + 1);
    // SQLite identifiers are case-insensitive; the message spells them as declared.
    fields[column] = bound?.get(column.toLowerCase());
  }
  return UniqueConstraintError.fromViolation(error, query, { fields });
}

const IDENT = String.raw`(?:"(?:[^"]|"")+"|\x60[^\x60]+\x60|[A-Za-z_][\w$]*)`;
const QUALIFIED = String.raw`(?:${IDENT}\s*\.\s*)?(${IDENT})`;
const PLAIN_INSERT = new RegExp(
  String.raw`^\s*insert\s+into\s+${QUALIFIED}\s*\(([^()]*)\)\s*values\s*\(([^()]*)\)\s*(?:returning\s[^;]*)?;?\s*$`,
  'i',
);
const PLAIN_UPDATE = new RegExp(
  String.raw`^\s*update\s+${QUALIFIED}\s+set\s+(.+?)(?:\s+where\s.*|\s+returning\s.*)?;?\s*$`,
  'is',
);
const SET_ITEM = new RegExp(String.raw`^\s*(${IDENT})\s*=\s*\?\s*$`);

/**
 * The value each column was given, read back from the statement's parameters. Only for the two
 * shapes where column i is bound to parameter i with certainty; anything else (several rows,
 * `ON CONFLICT`, sub-selects, expressions) gives `undefined` rather than a guess.
 */
function boundValues(query: FailedQuery, table: string): Map<string, unknown> | undefined {
  const columnsOf = (list: readonly string[]): string[] => list.map((c) => unquote(c.trim()).toLowerCase());
  const insert = PLAIN_INSERT.exec(query.sql);
  if (insert) {
    const [, target = '', columnList = '', valueList = ''] = insert;
    const columns = columnsOf(columnList.split(','));
    const values = valueList.split(',').map((v) => v.trim());
    if (unquote(target).toLowerCase() !== table || values.some((v) => v !== '?')) return undefined;
    if (columns.length !== values.length || query.parameters.length !== columns.length) return undefined;
    return new Map(columns.map((column, i) => [column, query.parameters[i]]));
  }
  const update = PLAIN_UPDATE.exec(query.sql);
  if (update) {
    const [, target = '', setList = ''] = update;
    if (unquote(target).toLowerCase() !== table) return undefined;
    const columns: string[] = [];
    for (const item of setList.split(',')) {
      const column = SET_ITEM.exec(item)?.[1];
      if (column === undefined) return undefined;
      columns.push(column);
    }
    return new Map(columnsOf(columns).map((column, i) => [column, query.parameters[i]]));
  }
  return undefined;
}

function unquote(identifier: string): string {
  if (identifier.startsWith('"')) return identifier.slice(1, -1).replaceAll('""', '"');
  if (identifier.startsWith('`')) return identifier.slice(1, -1);
  return identifier;
}
