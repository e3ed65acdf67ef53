/**
 * Reads the database catalog (tables, columns, indexes) of the block's own namespace, one query
 * per dialect, for integration tests that check what `sync` actually created.
 *
 * ```ts
 * expect(await catalog(dialect).columns(db, 'Users')).toEqual(['id', 'name', 'createdAt', 'updatedAt']);
 * ```
 */
import { QueryTypes, type Relata } from '../../src/index.js';
import type { TestDialect } from './dialects.js';

interface CatalogSql {
  /** Every base table of the current database/schema, as `name`. */
  readonly tables: string;
  /** The columns of table `?`, as `name`, in declaration order. */
  readonly columns: string;
  /** The index names of table `?` (unique constraints included), as `name`. */
  readonly indexes: string;
}

const SQLITE: CatalogSql = {
  tables: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  columns: 'SELECT name FROM pragma_table_info(?) ORDER BY cid',
  indexes: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
};

const SQL: Record<TestDialect, CatalogSql> = {
  sqlite: SQLITE,
  'sqlite-file': SQLITE,
  postgres: {
    tables: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    columns: 'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
    indexes: 'SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?',
  },
  mariadb: {
    tables: "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    columns: 'SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
    indexes: 'SELECT DISTINCT INDEX_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
  },
};

const doubleQuote = (name: string): string => `"${name}"`;

/** Quotes an identifier for raw SQL in each dialect. */
export const quote: Record<TestDialect, (name: string) => string> = {
  sqlite: doubleQuote,
  'sqlite-file': doubleQuote,
  postgres: doubleQuote,
  mariadb: (name) => `\`${name}\``,
};

/** What DROP TABLE needs to get past dependents: PostgreSQL cascades, the others retry in order. */
const dropSuffix: Record<TestDialect, string> = { sqlite: '', 'sqlite-file': '', postgres: ' CASCADE', mariadb: '' };

async function names(db: Relata, sql: string, replacements: unknown[]): Promise<string[]> {
  const rows = (await db.query(sql, { replacements, type: QueryTypes.SELECT })) as { name: string }[];
  return rows.map((r) => r.name);
}

/** Catalog readers for one dialect. */
export function catalog(dialect: TestDialect): {
  tables(db: Relata): Promise<string[]>;
  columns(db: Relata, table: string): Promise<string[]>;
  indexes(db: Relata, table: string): Promise<string[]>;
} {
  const sql = SQL[dialect];
  return {
    tables: async (db) => (await names(db, sql.tables, [])).sort(),
    columns: (db, table) => names(db, sql.columns, [table]),
    indexes: async (db, table) => (await names(db, sql.indexes, [table])).sort(),
  };
}

/**
 * Drops every table of the block's namespace (the server namespaces and the sqlite file outlive
 * one `connect()`), retrying while foreign keys hold some back.
 */
export async function dropAllTables(db: Relata, dialect: TestDialect): Promise<void> {
  const cat = catalog(dialect);
  const q = quote[dialect];
  for (let round = 0; round < 10; round++) {
    const tables = await cat.tables(db);
    if (tables.length === 0) return;
    for (const table of tables) await db.query(`DROP TABLE IF EXISTS ${q(table)}${dropSuffix[dialect]}`).catch(() => undefined);
  }
  throw new Error(`dropAllTables: could not drop ${(await cat.tables(db)).join(', ')}`);
}
