/**
 * The kinds of raw query `relata.query()` understands, with Sequelize's names and values, so
 * `QueryTypes.SELECT === 'SELECT'` and code written for Sequelize passes the same strings.
 * The type decides the shape of the result (rows only for SELECT, `[rows, metadata]` for RAW…).
 *
 * @example
 * const users = await relata.query('SELECT * FROM "Users"', { type: QueryTypes.SELECT })
 */
export const QueryTypes = Object.freeze({
  SELECT: 'SELECT',
  INSERT: 'INSERT',
  UPDATE: 'UPDATE',
  BULKUPDATE: 'BULKUPDATE',
  BULKDELETE: 'BULKDELETE',
  DELETE: 'DELETE',
  UPSERT: 'UPSERT',
  VERSION: 'VERSION',
  SHOWTABLES: 'SHOWTABLES',
  SHOWINDEXES: 'SHOWINDEXES',
  DESCRIBE: 'DESCRIBE',
  RAW: 'RAW',
  FOREIGNKEYS: 'FOREIGNKEYS',
  SHOWCONSTRAINTS: 'SHOWCONSTRAINTS',
} as const);

/**
 * One of the `QueryTypes` values.
 *
 * @example
 * const type: QueryType = QueryTypes.BULKUPDATE // 'BULKUPDATE'
 */
export type QueryType = (typeof QueryTypes)[keyof typeof QueryTypes];
