import type { Relata, Transaction } from '../index.js';

/** Statements that return rows whatever the database (the rest report what they changed). */
const READS = /^(SELECT|WITH|SHOW|PRAGMA|EXPLAIN|VALUES|TABLE|DESCRIBE|DESC)$/i;
/** Statements whose count TypeORM's PostgreSQL driver returns beside the rows. */
const COUNTED_ON_POSTGRES = /^(UPDATE|DELETE)$/i;

/** The statement's first keyword, past comments and opening parentheses. */
function firstKeyword(sql: string): string {
  const stripped = sql.replace(/^(\s|\(|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
  return /^[A-Za-z]+/.exec(stripped)?.[0] ?? '';
}

/**
 * `dataSource.query(sql, params)`: the SQL as written, `params` bound by position (`$1` on
 * PostgreSQL, `?` elsewhere, as TypeORM's drivers take them). A read returns its rows; a write
 * returns what TypeORM's driver returns for it:
 * - SQLite: the number of rows changed (the rows, for `RETURNING`);
 * - PostgreSQL: `[rows, affected]` for UPDATE and DELETE, the rows otherwise;
 * - MySQL/MariaDB: `{ affectedRows, insertId }` (mysql2's result header, without its status fields).
 * @internal
 *
 * @example
 * await dataSource.query('SELECT id FROM "user" WHERE name = $1', ['ada']) // [{ id: 1 }]
 * await dataSource.query('UPDATE "user" SET age = $1', [30])             // PostgreSQL: [[], 3]
 */
export async function runQuery(relata: Relata, transaction: Transaction | undefined, sql: string, params: readonly unknown[] | undefined): Promise<unknown> {
  const options: { transaction?: Transaction; bind?: readonly unknown[]; replacements?: readonly unknown[] } = {};
  if (transaction !== undefined) options.transaction = transaction;
  if (params !== undefined && params.length > 0) {
    if (relata.getDialect() === 'postgres') options.bind = params;
    else options.replacements = params;
  }
  const [rows, metadata] = (await relata.query(sql, options)) as [unknown[], { rowCount?: number; insertId?: number } | undefined];
  const keyword = firstKeyword(sql);
  if (READS.test(keyword)) return rows;
  const affected = metadata?.rowCount ?? 0;
  switch (relata.getDialect()) {
    case 'sqlite':
      return Array.isArray(rows) && rows.length > 0 ? rows : affected;
    case 'postgres':
      return COUNTED_ON_POSTGRES.test(keyword) ? [rows, affected] : rows;
    case 'mysql':
    case 'mariadb':
      return { affectedRows: affected, insertId: metadata?.insertId ?? 0 };
    default:
      return rows;
  }
}
