import type { DialectCapabilities } from '../dialects/adapter.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { SqlSession } from './session.js';

type EscapeStyle = DialectCapabilities['escapeStyle'];

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z', '"': '\\"', "'": "\\'", '\\': '\\\\',
};

/**
 * A value as an SQL literal, written as Sequelize's `sequelize.escape()` writes it for the dialect.
 *
 * @example
 * escapeValue(relata, "it's")     // "'it''s'" (PostgreSQL, SQLite) or "'it\\'s'" (MySQL)
 * escapeValue(relata, [1, 'a'])    // "ARRAY[1,'a']" (PostgreSQL) or "1, 'a'"
 * @internal
 */
export function escapeValue(relata: SqlSession, value: unknown): string {
  return escapeWith(relata.adapter.capabilities.escapeStyle, value);
}

function escapeWith(style: EscapeStyle, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quoteString(style, value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return style.booleans === 'keyword' ? String(value) : value ? '1' : '0';
  if (value instanceof Date) return quoteString(style, formatDate(style, value));
  if (Buffer.isBuffer(value)) return style.arrays === 'ARRAY' ? `E'\\\\x${value.toString('hex')}'` : `X'${value.toString('hex')}'`;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => escapeWith(style, item));
    return style.arrays === 'ARRAY' ? `ARRAY[${items.join(',')}]` : items.join(', ');
  }
  throw InvalidOptionError.expected('relata.escape()', 'the value', 'a string, number, bigint, boolean, Date, Buffer, array or null', value);
}

function quoteString(style: EscapeStyle, text: string): string {
  if (style.strings === 'backslash') return `'${text.replace(/[\0\b\t\n\r\x1a"'\\]/g, (ch) => BACKSLASH_ESCAPES[ch] ?? ch)}'`;
  return `'${text.replaceAll("'", "''")}'`;
}

/** Relata stores UTC, so the offset is always +00:00 (Sequelize's default `timezone`). */
function formatDate(style: EscapeStyle, date: Date): string {
  const iso = date.toISOString(); // 2020-01-02T03:04:05.006Z
  const seconds = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return style.dates === 'seconds' ? seconds : `${seconds}.${iso.slice(20, 23)} +00:00`;
}

/**
 * A name quoted as Sequelize's `queryInterface.quoteIdentifier()` quotes it for the dialect
 * (backticks on SQLite and MySQL, double quotes on PostgreSQL, brackets on SQL Server). A quote
 * character inside the name is doubled.
 *
 * @example
 * quoteIdentifier(relata, 'user') // '"user"' (PostgreSQL)
 * @internal
 */
export function quoteIdentifier(relata: SqlSession, name: string): string {
  const open = relata.adapter.capabilities.escapeStyle.identifierQuote;
  const close = open === '[' ? ']' : open;
  return `${open}${name.replaceAll(close, close + close)}${close}`;
}

/**
 * A dotted path quoted part by part; every part but the last is an include alias path, joined
 * with `->` as Sequelize names nested include columns.
 *
 * @example
 * quoteIdentifiers(relata, 'author.posts.id') // '"author->posts"."id"'
 * @internal
 */
export function quoteIdentifiers(relata: SqlSession, path: string): string {
  if (!path.includes('.')) return quoteIdentifier(relata, path);
  const parts = path.split('.');
  const last = parts.pop() as string;
  return `${quoteIdentifier(relata, parts.join('->'))}.${quoteIdentifier(relata, last)}`;
}

/** A table as Sequelize's `quoteTable()` takes it: a name, `{ tableName, schema, delimiter }` or a model. */
export type TableReference = string | { tableName: string; schema?: string | undefined; delimiter?: string | undefined } | { getTableName(): unknown };

/**
 * A table name quoted as Sequelize quotes it: `"schema"."table"` where the dialect has schemas,
 * else the schema as a prefix of one name (`` `schema.table` ``), plus ` AS "alias"`.
 *
 * @example
 * quoteTable(relata, { tableName: 'users', schema: 'app' }) // '"app"."users"' (PostgreSQL), '`app.users`' (MySQL)
 * @internal
 */
export function quoteTable(relata: SqlSession, table: TableReference, as?: string): string {
  const ref = typeof table === 'object' && 'getTableName' in table ? (table.getTableName() as TableReference) : table;
  let quoted: string;
  if (typeof ref === 'string') quoted = quoteIdentifier(relata, ref);
  else if (!('tableName' in ref)) throw InvalidOptionError.expected('queryInterface.quoteTable()', 'the table', 'a name, { tableName, schema } or a model', table);
  else if (ref.schema === undefined || ref.schema === '') quoted = quoteIdentifier(relata, ref.tableName);
  else if (relata.adapter.capabilities.schemas) quoted = `${quoteIdentifier(relata, ref.schema)}.${quoteIdentifier(relata, ref.tableName)}`;
  else quoted = quoteIdentifier(relata, `${ref.schema}${ref.delimiter ?? '.'}${ref.tableName}`);
  return as === undefined ? quoted : `${quoted} AS ${quoteIdentifier(relata, as)}`;
}
