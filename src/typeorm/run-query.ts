import type { Relata, Transaction } from '../index.js';

/**
 * `dataSource.query(sql, params)`: the SQL as written, `params` bound by position (`$1` on
 * PostgreSQL, `?` elsewhere, as TypeORM's drivers take them). Returns the rows.
 * @internal
 */
export async function runQuery(relata: Relata, transaction: Transaction | undefined, sql: string, params: readonly unknown[] | undefined): Promise<unknown> {
  const options: { transaction?: Transaction; bind?: readonly unknown[]; replacements?: readonly unknown[] } = {};
  if (transaction !== undefined) options.transaction = transaction;
  if (params !== undefined && params.length > 0) {
    if (relata.getDialect() === 'postgres') options.bind = params;
    else options.replacements = params;
  }
  const [rows] = await relata.query(sql, options);
  return rows;
}
