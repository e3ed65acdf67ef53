import type { ForeignKeySwitch } from '../dialects/schema-dialect.js';
import { MigrationError } from '../errors/migration-error.js';
import type { QueryRunOptions } from '../query/query-options.js';
import type { TransactionalSession } from '../sql/session.js';
import { catalogRunner } from '../sql/schema-ddl.js';

// Where foreign key enforcement is a connection switch (SQLite), schema changes that rebuild tables
// run with it off; these helpers switch it and check the foreign keys before anything is committed.

/** The dialect's foreign key switch, if it has one. @internal */
export function foreignKeySwitch(relata: TransactionalSession): ForeignKeySwitch | undefined {
  return relata.adapter.schema?.foreignKeySwitch;
}

/** True when the connection enforces foreign keys now. @internal */
export async function foreignKeysEnforced(relata: TransactionalSession, sw: ForeignKeySwitch, options: QueryRunOptions): Promise<boolean> {
  const row = (await catalogRunner(relata, options)(sw.readSql))[0];
  return Number(row === undefined ? 0 : Object.values(row)[0]) === 1;
}

/**
 * Runs `fn` with foreign key enforcement off (switched outside any transaction, as SQLite
 * requires) and switches it back on afterwards, whatever happens.
 * @internal
 */
export async function withoutForeignKeyEnforcement<T>(relata: TransactionalSession, sw: ForeignKeySwitch, fn: () => Promise<T>): Promise<T> {
  const outside = { transaction: null };
  const run = catalogRunner(relata, outside);
  const wasOn = await foreignKeysEnforced(relata, sw, outside);
  if (wasOn) await run(sw.disableSql);
  try {
    return await fn();
  } finally {
    if (wasOn) await run(sw.enableSql);
  }
}

/**
 * Lists foreign key violations and throws `MigrationError` when there are any, so the enclosing
 * transaction rolls back.
 * @internal
 */
export async function assertForeignKeys(relata: TransactionalSession, sw: ForeignKeySwitch, options: QueryRunOptions): Promise<void> {
  const rows = await catalogRunner(relata, options)(sw.checkSql);
  if (rows.length === 0) return;
  const counts = new Map<string, { table: string; parent: string; count: number }>();
  for (const row of rows) {
    const table = String(row['table']);
    const parent = String(row['parent']);
    const entry = counts.get(`${table}\u0000${parent}`) ?? { table, parent, count: 0 };
    entry.count++;
    counts.set(`${table}\u0000${parent}`, entry);
  }
  throw MigrationError.foreignKeyViolations([...counts.values()]);
}

/**
 * Runs a table rebuild safely: inside the caller's transaction when enforcement is already off
 * there (a migration run by relata), else in its own transaction with enforcement off and the
 * foreign keys checked before commit.
 * @internal
 */
export async function rebuildSafely<T>(relata: TransactionalSession, sw: ForeignKeySwitch, options: QueryRunOptions, what: { table: string; operation: string }, fn: (options: QueryRunOptions) => Promise<T>): Promise<T> {
  const active = options.transaction === undefined ? relata.currentTransaction() : (options.transaction ?? undefined);
  if (active !== undefined) {
    const inside = { ...options, transaction: active };
    if (await foreignKeysEnforced(relata, sw, inside)) throw MigrationError.rebuildInTransaction(what.table, what.operation);
    return fn(inside);
  }
  return withoutForeignKeyEnforcement(relata, sw, () =>
    relata.transaction({ transaction: null }, async (transaction) => {
      const inside = { ...options, transaction };
      const result = await fn(inside);
      await assertForeignKeys(relata, sw, inside);
      return result;
    }),
  );
}
