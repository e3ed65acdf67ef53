import { CompiledQuery } from 'kysely';
import type { QueryRunOptions, Relata } from '../relata.js';

/**
 * The ids a multi-row INSERT generated, on MySQL and MariaDB (no RETURNING for writes in the
 * adapter): the driver reports the first one only (`insertId`). The others follow from it only when
 * the server hands out one consecutive block per statement:
 * - `auto_increment_increment` is 1 for the session (Galera, or a `SET`, can make it larger);
 * - `innodb_autoinc_lock_mode` is 0 or 1 (2, "interleaved", lets concurrent inserts take turns
 *   inside one statement's range);
 * - every row of the statement generates its id (a row with an explicit id makes a "mixed-mode
 *   insert", whose allocation InnoDB does not promise to be a block).
 * Otherwise MariaDB 10.5+ reads the ids back with INSERT … RETURNING, and MySQL inserts one row
 * per statement (each `insertId` is then exact).
 */

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
export async function idReadBack(relata: Relata, options: QueryRunOptions, allGenerated: boolean): Promise<IdReadBack> {
  const settings = await serverIdSettings(relata, options);
  if (allGenerated && settings.step === 1 && (settings.lockMode === 0 || settings.lockMode === 1)) return 'consecutive';
  return insertReturning(settings.version) ? 'returning' : 'row-by-row';
}

const SETTINGS_SQL = 'SELECT @@SESSION.auto_increment_increment AS step, @@innodb_autoinc_lock_mode AS lockMode, VERSION() AS version';

async function serverIdSettings(relata: Relata, options: QueryRunOptions): Promise<ServerIdSettings> {
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
