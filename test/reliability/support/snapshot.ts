/**
 * A fingerprint of everything in the block's namespace: the schema (tables, columns with their
 * types, indexes) and a SHA-256 of every row of every table. Two equal snapshots mean nothing was
 * created, dropped, altered, inserted, updated or deleted in between.
 *
 * ```ts
 * const before = await snapshot(db, dialect);
 * await somethingThatMustNotWrite();
 * expect(await snapshot(db, dialect)).toEqual(before);
 * ```
 */
import { createHash } from 'node:crypto';
import { QueryTypes, type Relata } from '../../../src/index.js';
import type { TestDialect } from '../../support/dialects.js';
import { quoteId } from '../../support/constraints.js';

export interface Snapshot {
  /** One line per column and index, sorted: `table.column type nullable default` / `index name definition`. */
  readonly schema: string;
  /** Row count per table. */
  readonly counts: Readonly<Record<string, number>>;
  /** SHA-256 over every table's rows, each table's rows in a fixed order. */
  readonly rows: string;
}

interface SchemaSql {
  readonly columns: string;
  readonly indexes: string;
}

const SQLITE: SchemaSql = {
  columns:
    "SELECT m.name AS t, p.name AS c, p.type AS ty, p.\"notnull\" AS n, p.dflt_value AS d, p.pk AS pk FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
  indexes: "SELECT tbl_name AS t, name AS c, COALESCE(sql, '') AS ty, type AS n, '' AS d, 0 AS pk FROM sqlite_master WHERE type IN ('index', 'trigger', 'view')",
};

const SCHEMA: Record<TestDialect, SchemaSql> = {
  sqlite: SQLITE,
  'sqlite-file': SQLITE,
  postgres: {
    columns:
      "SELECT table_name AS t, column_name AS c, data_type AS ty, is_nullable AS n, COALESCE(column_default, '') AS d, ordinal_position AS pk FROM information_schema.columns WHERE table_schema = current_schema()",
    indexes: "SELECT tablename AS t, indexname AS c, indexdef AS ty, '' AS n, '' AS d, 0 AS pk FROM pg_indexes WHERE schemaname = current_schema()",
  },
  mariadb: {
    columns:
      "SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS ty, IS_NULLABLE AS n, COALESCE(COLUMN_DEFAULT, '') AS d, COLUMN_KEY AS pk FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()",
    indexes:
      "SELECT TABLE_NAME AS t, INDEX_NAME AS c, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS ty, NON_UNIQUE AS n, '' AS d, 0 AS pk FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE",
  },
};

interface SchemaRow {
  readonly t: string;
  readonly c: string;
  readonly ty: unknown;
  readonly n: unknown;
  readonly d: unknown;
  readonly pk: unknown;
}

/** Takes the snapshot. Runs on `db` (outside any transaction) with fixed SQL only. */
export async function snapshot(db: Relata, dialect: TestDialect): Promise<Snapshot> {
  const sql = SCHEMA[dialect];
  const columns = (await db.query(sql.columns, { type: QueryTypes.SELECT, transaction: null })) as SchemaRow[];
  const indexes = (await db.query(sql.indexes, { type: QueryTypes.SELECT, transaction: null })) as SchemaRow[];
  const line = (r: SchemaRow): string => [r.t, r.c, r.ty, r.n, r.d, r.pk].map(String).join(' ');
  const schema = [...columns.map((r) => `column ${line(r)}`), ...indexes.map((r) => `index ${line(r)}`)].sort().join('\n');
  const tables = [...new Set(columns.map((r) => r.t))].sort();
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of tables) {
    // Sorted here, not by ORDER BY: PostgreSQL's json type has no ordering operator.
    const rows = (await db.query(`SELECT * FROM ${quoteId(dialect, table)}`, { type: QueryTypes.SELECT, transaction: null })) as Record<string, unknown>[];
    counts[table] = rows.length;
    hash.update(`${table}\n`);
    for (const row of rows.map(stable).sort()) hash.update(`${row}\n`);
  }
  return { schema, counts, rows: hash.digest('hex') };
}

function stable(row: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(row).sort().map((k) => [k, normalize(row[k])]));
}

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (typeof value === 'bigint') return value.toString();
  return value;
}
