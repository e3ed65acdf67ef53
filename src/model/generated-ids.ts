/**
 * The keys a multi-row INSERT generated, read the cheapest way that is still exact.
 *
 * SQLite: from the last rowid instead of RETURNING, when the key is the table's rowid (see
 * `sqliteRowidKeys`).
 *
 * MySQL and MariaDB (no RETURNING for writes in the adapter): the driver reports the first id only
 * (`insertId`). The others follow from it only when the server hands out one consecutive block
 * per statement:
 * - `auto_increment_increment` is 1 for the session (Galera, or a `SET`, can make it larger);
 * - `innodb_autoinc_lock_mode` is 0 or 1 (2, "interleaved", lets concurrent inserts take turns
 *   inside one statement's range);
 * - every row of the statement generates its id (a row with an explicit id makes a "mixed-mode
 *   insert", whose allocation InnoDB does not promise to be a block).
 * Otherwise MariaDB 10.5+ reads the ids back with INSERT … RETURNING, and MySQL inserts one row
 * per statement (each `insertId` is then exact).
 */
import { CompiledQuery } from 'kysely';
import type { QueryRunOptions } from '../query/query-options.js';
import type { SqlSession } from '../sql/session.js';

/** How a multi-row INSERT on MySQL/MariaDB learns its generated ids. @internal */
export type IdReadBack = 'consecutive' | 'returning' | 'row-by-row';

interface ServerIdSettings {
  step: number;
  lockMode: number;
  version: string;
}

/**
 * Asks the session that runs the INSERT (the caller's transaction) how ids are generated, in one
 * unlogged statement. `allGenerated`: no row of the statement names its own id.
 * @internal
 */
export async function idReadBack(relata: SqlSession, options: QueryRunOptions, allGenerated: boolean): Promise<IdReadBack> {
  const settings = await serverIdSettings(relata, options);
  if (allGenerated && settings.step === 1 && (settings.lockMode === 0 || settings.lockMode === 1)) return 'consecutive';
  return insertReturning(settings.version) ? 'returning' : 'row-by-row';
}

const SETTINGS_SQL = 'SELECT @@SESSION.auto_increment_increment AS step, @@innodb_autoinc_lock_mode AS lockMode, VERSION() AS version';

async function serverIdSettings(relata: SqlSession, options: QueryRunOptions): Promise<ServerIdSettings> {
  const result = await relata.execute(CompiledQuery.raw(SETTINGS_SQL), { transaction: options.transaction, logging: false });
  const row = (result.rows[0] ?? {}) as Record<string, unknown>;
  return { step: Number(row['step']), lockMode: Number(row['lockMode']), version: String(row['version'] ?? '') };
}

/** MariaDB has INSERT … RETURNING from 10.5; MySQL has none. */
function insertReturning(version: string): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!/mariadb/i.test(version) || match === null) return false;
  const major = Number(match[1]);
  return major > 10 || (major === 10 && Number(match[2]) >= 5);
}

/**
 * The INSERT with a RETURNING clause for MariaDB, whose adapter compiles none (its dialect has no
 * RETURNING on UPDATE or DELETE). Only for a plain INSERT … VALUES, which ends with its last row.
 * @internal
 */
export function withReturning(compiled: CompiledQuery, fields: readonly string[]): CompiledQuery {
  const columns = fields.map((f) => `\`${f.replaceAll('`', '``')}\``).join(', ');
  return { ...compiled, sql: `${compiled.sql} returning ${columns}` };
}

/**
 * SQLite: whether a multi-row INSERT into `table` can read its keys from `lastInsertRowid` instead
 * of RETURNING. True when `column` is the table's rowid (the one INTEGER PRIMARY KEY of a rowid
 * table, not declared DESC) and no trigger on the table can insert rows between the statement's
 * own: SQLite then gives the rows max(rowid)+1, +2, … in order. (Past the largest rowid it picks
 * free ones at random; `sqliteRowidsInSequence` checks for room first.) Found again whenever the
 * schema changed (PRAGMA schema_version).
 * @internal
 */
export async function sqliteRowidKeys(relata: SqlSession, table: string, column: string, options: QueryRunOptions): Promise<boolean> {
  const run = async (sql: string, parameters: readonly unknown[] = []): Promise<Record<string, unknown>> =>
    ((await relata.execute(CompiledQuery.raw(sql, [...parameters]), { transaction: options.transaction, logging: false })).rows[0] ?? {}) as Record<string, unknown>;
  const version = Number((await run('PRAGMA schema_version'))['schema_version']);
  let tables = ROWID_KEYS.get(relata);
  if (tables === undefined || tables.version !== version) ROWID_KEYS.set(relata, (tables = { version, answers: new Map() }));
  const key = `${table}\u0000${column}`;
  let answer = tables.answers.get(key);
  if (answer === undefined) {
    const row = await run(ROWID_SQL, [table, table, column, table, table, table]).catch(() => ({}) as Record<string, unknown>);
    const ddl = typeof row['ddl'] === 'string' ? row['ddl'] : '';
    answer = Number(row['pks']) === 1 && row['keyType'] === 'INTEGER' && Number(row['withoutRowid']) === 0 && Number(row['triggers']) === 0 && !/primary\s+key\s+desc/i.test(ddl);
    tables.answers.set(key, answer);
  }
  return answer;
}

/** Per connection: the schema version the answers hold for, and the answers by table and column. */
const ROWID_KEYS = new WeakMap<SqlSession, { version: number; answers: Map<string, boolean> }>();

const ROWID_SQL = `SELECT
  (SELECT count(*) FROM pragma_table_info(?) WHERE pk > 0) AS pks,
  (SELECT upper(type) FROM pragma_table_info(?) WHERE name = ? AND pk = 1) AS keyType,
  (SELECT wr FROM pragma_table_list(?)) AS withoutRowid,
  (SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?) AS ddl,
  (SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?) AS triggers`;

/**
 * Before a multi-row INSERT of `count` rows: whether SQLite will hand out their rowids in sequence.
 * It gives each row the largest rowid + 1 until the largest possible one is taken, then picks free
 * ones at random; rowids below 2^53 (where keys stay exact numbers) are far from that.
 * @internal
 */
export async function sqliteRowidsInSequence(relata: SqlSession, table: string, count: number, options: QueryRunOptions): Promise<boolean> {
  const quoted = `"${table.replaceAll('"', '""')}"`;
  const result = await relata.execute(CompiledQuery.raw(`SELECT max(rowid) AS m FROM ${quoted}`), { transaction: options.transaction, logging: false });
  const largest = (result.rows[0] as Record<string, unknown> | undefined)?.['m'];
  return largest === null || largest === undefined || Number(largest) <= Number.MAX_SAFE_INTEGER - count;
}
