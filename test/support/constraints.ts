/**
 * Reads foreign keys and index columns from the database catalog, one query per dialect, plus a
 * raw row reader, for the association tests that check what `sync` and the accessors really did.
 *
 * ```ts
 * expect(await constraints(dialect).foreignKeys(db, 'Posts')).toEqual([
 *   { column: 'userId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' },
 * ]);
 * ```
 */
import { QueryTypes, type Relata } from '../../src/index.js';
import type { TestDialect } from './dialects.js';

/** One foreign key column as the catalog reports it (rules upper-cased, as the catalogs spell them). */
export interface ForeignKeyRow {
  readonly column: string;
  readonly refTable: string;
  readonly refColumn: string;
  readonly onDelete: string;
  readonly onUpdate: string;
}

interface ConstraintSql {
  /** Foreign keys of table `?`: column, refTable, refColumn, onDelete, onUpdate. */
  readonly foreignKeys: string;
  /** Index columns of table `?`: index, column, seq (1-based position in the index). */
  readonly indexColumns: string;
  /** Primary key columns of table `?`: column, seq. */
  readonly primaryKey: string;
  /** Nullability of table `:table`'s columns: column, nullable (1/0). */
  readonly nullable: string;
}

const SQLITE: ConstraintSql = {
  foreignKeys: 'SELECT "from" AS "column", "table" AS "refTable", "to" AS "refColumn", on_delete AS "onDelete", on_update AS "onUpdate" FROM pragma_foreign_key_list(?)',
  indexColumns: 'SELECT il.name AS "index", ii.name AS "column", ii.seqno + 1 AS "seq" FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii',
  primaryKey: 'SELECT name AS "column", pk AS "seq" FROM pragma_table_info(?) WHERE pk > 0',
  // An INTEGER PRIMARY KEY alone is the rowid (never NULL); a composite key's columns take NULL unless declared NOT NULL.
  nullable: `SELECT name AS "column", CASE WHEN "notnull" = 1 OR (pk = 1 AND (SELECT COUNT(*) FROM pragma_table_info(:table) WHERE pk > 0) = 1) THEN 0 ELSE 1 END AS "nullable"
    FROM pragma_table_info(:table)`,
};

const SQL: Record<TestDialect, ConstraintSql> = {
  sqlite: SQLITE,
  'sqlite-file': SQLITE,
  postgres: {
    foreignKeys: `SELECT kcu.column_name AS "column", ccu.table_name AS "refTable", ccu.column_name AS "refColumn",
        rc.delete_rule AS "onDelete", rc.update_rule AS "onUpdate"
      FROM information_schema.referential_constraints rc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = rc.constraint_schema AND kcu.constraint_name = rc.constraint_name
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_schema = rc.constraint_schema AND ccu.constraint_name = rc.constraint_name
      WHERE rc.constraint_schema = current_schema() AND kcu.table_name = ?`,
    indexColumns: `SELECT ic.relname AS "index", a.attname AS "column", k.ord AS "seq"
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_class ic ON ic.oid = ix.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = current_schema() AND t.relname = ?`,
    primaryKey: `SELECT kcu.column_name AS "column", kcu.ordinal_position AS "seq"
      FROM information_schema.table_constraints tc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = tc.constraint_schema AND kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
      WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() AND tc.table_name = ?`,
    nullable: `SELECT column_name AS "column", CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS "nullable"
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = :table`,
  },
  mariadb: {
    foreignKeys: `SELECT k.COLUMN_NAME AS \`column\`, k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refColumn,
        rc.DELETE_RULE AS onDelete, rc.UPDATE_RULE AS onUpdate
      FROM information_schema.REFERENTIAL_CONSTRAINTS rc
      JOIN information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME AND k.TABLE_NAME = rc.TABLE_NAME
      WHERE rc.CONSTRAINT_SCHEMA = DATABASE() AND rc.TABLE_NAME = ?`,
    indexColumns: 'SELECT INDEX_NAME AS `index`, COLUMN_NAME AS `column`, SEQ_IN_INDEX AS seq FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
    primaryKey: "SELECT COLUMN_NAME AS `column`, ORDINAL_POSITION AS seq FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY'",
    nullable: "SELECT COLUMN_NAME AS `column`, CASE WHEN IS_NULLABLE = 'YES' THEN 1 ELSE 0 END AS nullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :table",
  },
};

/** Catalog readers for one dialect. */
export function constraints(dialect: TestDialect): {
  /** The table's foreign keys, sorted by column. */
  foreignKeys(db: Relata, table: string): Promise<ForeignKeyRow[]>;
  /** Columns that lead some index of the table (an FK index, the PK, a unique), sorted. */
  leadingIndexColumns(db: Relata, table: string): Promise<string[]>;
  /** The primary key columns, in key order. */
  primaryKey(db: Relata, table: string): Promise<string[]>;
  /** The columns that accept NULL, sorted. */
  nullableColumns(db: Relata, table: string): Promise<string[]>;
} {
  const sql = SQL[dialect];
  return {
    async foreignKeys(db, table) {
      const rows = (await db.query(sql.foreignKeys, { replacements: [table], type: QueryTypes.SELECT })) as Record<string, unknown>[];
      return rows
        .map((r) => ({
          column: String(r['column']), refTable: String(r['refTable']), refColumn: String(r['refColumn']),
          onDelete: String(r['onDelete']).toUpperCase(), onUpdate: String(r['onUpdate']).toUpperCase(),
        }))
        .sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
    },
    async leadingIndexColumns(db, table) {
      const rows = (await db.query(sql.indexColumns, { replacements: [table], type: QueryTypes.SELECT })) as Record<string, unknown>[];
      return [...new Set(rows.filter((r) => Number(r['seq']) === 1).map((r) => String(r['column'])))].sort();
    },
    async primaryKey(db, table) {
      const rows = (await db.query(sql.primaryKey, { replacements: [table], type: QueryTypes.SELECT })) as Record<string, unknown>[];
      return rows.sort((a, b) => Number(a['seq']) - Number(b['seq'])).map((r) => String(r['column']));
    },
    async nullableColumns(db, table) {
      const rows = (await db.query(sql.nullable, { replacements: { table }, type: QueryTypes.SELECT })) as Record<string, unknown>[];
      return rows.filter((r) => Number(r['nullable']) === 1).map((r) => String(r['column'])).sort();
    },
  };
}

const QUOTE: Record<TestDialect, string> = { sqlite: '"', 'sqlite-file': '"', postgres: '"', mariadb: '`' };

/** Quotes an identifier for the dialect's raw SQL. */
export function quoteId(dialect: TestDialect, name: string): string {
  return `${QUOTE[dialect]}${name}${QUOTE[dialect]}`;
}

/**
 * Every row of a table, ordered, with the listed columns (all by default); numbers come back as
 * numbers on every dialect (PostgreSQL sends COUNT/BIGINT as text).
 */
export async function tableRows(db: Relata, dialect: TestDialect, table: string, columns: readonly string[], orderBy: readonly string[] = columns): Promise<Record<string, unknown>[]> {
  const q = `SELECT ${columns.map((c) => quoteId(dialect, c)).join(', ')} FROM ${quoteId(dialect, table)} ORDER BY ${orderBy.map((c) => quoteId(dialect, c)).join(', ')}`;
  const rows = (await db.query(q, { type: QueryTypes.SELECT })) as Record<string, unknown>[];
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v) && v.length < 16) ? Number(v) : v])));
}

/** `SELECT COUNT(*)` of a table, as a number. */
export async function countRows(db: Relata, dialect: TestDialect, table: string): Promise<number> {
  const row = (await db.query(`SELECT COUNT(*) AS n FROM ${quoteId(dialect, table)}`, { type: QueryTypes.SELECT, plain: true })) as { n: unknown };
  return Number(row.n);
}
