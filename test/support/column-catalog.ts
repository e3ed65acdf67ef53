/**
 * Reads what `sync()` really created — columns (type, nullability, default, primary key), unique
 * constraints and indexes, plain indexes and foreign keys — from the database catalog, one query set
 * per dialect. The reader takes a query function instead of a connection, so the same code reads
 * tables created by relata and by Sequelize (the differential tests compare the two).
 *
 * ```ts
 * const run: CatalogQuery = async (sql, replacements) => (await relata.query(sql, { replacements, type: QueryTypes.SELECT })) as never;
 * const columns = await columnCatalog('postgres').columns(run, 'rt_schema', 'Users');
 * // [{ name: 'id', type: 'integer', nullable: false, default: "nextval('\"Users_id_seq\"'::regclass)", primaryKey: true }, …]
 * ```
 */
import type { TestDialect } from './dialects.js';

/** One column as the catalog reports it, with the type spelled the catalog's way. */
export interface CatalogColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly default: string | null;
  readonly primaryKey: boolean;
}

/** A unique constraint (or unique index) and its columns in key order. */
export interface CatalogIndex {
  readonly name: string;
  readonly columns: readonly string[];
}

/** A foreign key column, its target and its rules as the catalog spells them (upper case). */
export interface CatalogForeignKey {
  readonly column: string;
  readonly refTable: string;
  readonly refColumn: string;
  readonly onDelete: string;
  readonly onUpdate: string;
}

/** Runs a catalog query with `?` replacements and returns plain rows. */
export type CatalogQuery = (sql: string, replacements: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** The dialect families the catalog readers know (sqlite-file reads like sqlite). */
export type CatalogDialect = 'sqlite' | 'postgres' | 'mariadb';

export function catalogDialect(dialect: TestDialect): CatalogDialect {
  return dialect === 'sqlite-file' ? 'sqlite' : dialect;
}

interface Reader {
  columns(run: CatalogQuery, schema: string, table: string): Promise<CatalogColumn[]>;
  uniques(run: CatalogQuery, schema: string, table: string): Promise<CatalogIndex[]>;
  indexes(run: CatalogQuery, schema: string, table: string): Promise<CatalogIndex[]>;
  foreignKeys(run: CatalogQuery, schema: string, table: string): Promise<CatalogForeignKey[]>;
}

function foreignKeyRows(rows: readonly Record<string, unknown>[]): CatalogForeignKey[] {
  return rows
    .map((r) => ({
      column: String(r['column']),
      refTable: String(r['refTable']),
      refColumn: String(r['refColumn']),
      onDelete: String(r['onDelete']).toUpperCase(),
      onUpdate: String(r['onUpdate']).toUpperCase(),
    }))
    .sort((a, b) => a.column.localeCompare(b.column));
}

const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const list = (value: unknown): string[] => String(value).split(',');
const byName = (a: CatalogIndex, b: CatalogIndex): number => a.name.localeCompare(b.name);

// SQLite keeps constraint names only in the CREATE text; the catalog calls every UNIQUE constraint
// sqlite_autoindex_<table>_<n>, whichever library created it.
const sqlite: Reader = {
  async columns(run, _schema, table) {
    const rows = await run('SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?) ORDER BY cid', [table]);
    return rows.map((r) => ({ name: String(r['name']), type: String(r['type']), nullable: Number(r['nn']) === 0, default: text(r['dflt']), primaryKey: Number(r['pk']) > 0 }));
  },
  async uniques(run, _schema, table) {
    return indexesOf(run, table, "il.\"unique\" = 1 AND il.origin <> 'pk'");
  },
  async indexes(run, _schema, table) {
    return indexesOf(run, table, 'il."unique" = 0');
  },
  async foreignKeys(run, _schema, table) {
    return foreignKeyRows(await run('SELECT "from" AS "column", "table" AS "refTable", "to" AS "refColumn", on_delete AS "onDelete", on_update AS "onUpdate" FROM pragma_foreign_key_list(?)', [table]));
  },
};

async function indexesOf(run: CatalogQuery, table: string, filter: string): Promise<CatalogIndex[]> {
  const rows = await run(
    `SELECT il.name AS name, group_concat(ii.name, ',') AS columns FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii WHERE ${filter} GROUP BY il.name ORDER BY il.name`,
    [table],
  );
  return rows.map((r) => ({ name: String(r['name']), columns: list(r['columns']) }));
}

function postgresType(r: Record<string, unknown>): string {
  const type = String(r['data_type']);
  if (type === 'USER-DEFINED') return `USER-DEFINED ${String(r['udt_name'])}`;
  if ((type === 'character varying' || type === 'character') && r['len'] !== null) return `${type}(${String(r['len'])})`;
  if (type === 'numeric' && r['prec'] !== null) return `numeric(${String(r['prec'])},${String(r['scale'])})`;
  return type;
}

const postgres: Reader = {
  async columns(run, schema, table) {
    const rows = await run(
      `SELECT c.column_name AS name, c.data_type, c.udt_name, c.character_maximum_length AS len, c.numeric_precision AS prec, c.numeric_scale AS scale,
         c.is_nullable, c.column_default AS dflt,
         EXISTS (SELECT 1 FROM information_schema.table_constraints tc
                 JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
                 WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema AND tc.table_name = c.table_name AND k.column_name = c.column_name) AS pk
       FROM information_schema.columns c WHERE c.table_schema = ? AND c.table_name = ? ORDER BY c.ordinal_position`,
      [schema, table],
    );
    return rows.map((r) => ({
      name: String(r['name']),
      type: postgresType(r),
      nullable: r['is_nullable'] === 'YES',
      // A serial's sequence is schema-qualified only when its schema is not on the search_path.
      default: text(r['dflt'])?.replace(`${schema}.`, '') ?? null,
      primaryKey: r['pk'] === true,
    }));
  },
  async uniques(run, schema, table) {
    return postgresIndexes(run, schema, table, true);
  },
  async indexes(run, schema, table) {
    return postgresIndexes(run, schema, table, false);
  },
  async foreignKeys(run, schema, table) {
    const rows = await run(
      `SELECT k.column_name AS "column", c.table_name AS "refTable", c.column_name AS "refColumn", r.delete_rule AS "onDelete", r.update_rule AS "onUpdate"
       FROM information_schema.referential_constraints r
       JOIN information_schema.key_column_usage k ON k.constraint_schema = r.constraint_schema AND k.constraint_name = r.constraint_name
       JOIN information_schema.constraint_column_usage c ON c.constraint_schema = r.unique_constraint_schema AND c.constraint_name = r.unique_constraint_name
       WHERE k.table_schema = ? AND k.table_name = ?`,
      [schema, table],
    );
    return foreignKeyRows(rows);
  },
};

// Unique constraints and unique indexes alike (a constraint's index carries the constraint's name).
async function postgresIndexes(run: CatalogQuery, schema: string, table: string, unique: boolean): Promise<CatalogIndex[]> {
  const rows = await run(
    `SELECT i.relname AS name, string_agg(a.attname, ',' ORDER BY array_position(ix.indkey::int2[], a.attnum)) AS columns
     FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (ix.indkey)
     WHERE n.nspname = ? AND t.relname = ? AND ix.indisunique = ? AND NOT ix.indisprimary GROUP BY i.relname`,
    [schema, table, unique],
  );
  return rows.map((r) => ({ name: String(r['name']), columns: list(r['columns']) })).sort(byName);
}

const mariadb: Reader = {
  async columns(run, schema, table) {
    const rows = await run(
      `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt, COLUMN_KEY AS colkey, EXTRA AS extra
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [schema, table],
    );
    return rows.map((r) => ({
      name: String(r['name']),
      type: `${String(r['type'])}${String(r['extra']).includes('auto_increment') ? ' auto_increment' : ''}`,
      nullable: r['nullable'] === 'YES',
      default: text(r['dflt']),
      primaryKey: r['colkey'] === 'PRI',
    }));
  },
  async uniques(run, schema, table) {
    return mariadbIndexes(run, schema, table, 0);
  },
  async indexes(run, schema, table) {
    return mariadbIndexes(run, schema, table, 1);
  },
  async foreignKeys(run, schema, table) {
    const rows = await run(
      `SELECT k.COLUMN_NAME AS \`column\`, k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refColumn, r.DELETE_RULE AS onDelete, r.UPDATE_RULE AS onUpdate
       FROM information_schema.KEY_COLUMN_USAGE k
       JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
       WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL`,
      [schema, table],
    );
    return foreignKeyRows(rows);
  },
};

async function mariadbIndexes(run: CatalogQuery, schema: string, table: string, nonUnique: 0 | 1): Promise<CatalogIndex[]> {
  const rows = await run(
    `SELECT INDEX_NAME AS name, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ',') AS columns FROM information_schema.STATISTICS
     WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = ? AND INDEX_NAME <> 'PRIMARY' GROUP BY INDEX_NAME`,
    [schema, table, nonUnique],
  );
  return rows.map((r) => ({ name: String(r['name']), columns: list(r['columns']) })).sort(byName);
}

const READERS: Record<CatalogDialect, Reader> = { sqlite, postgres, mariadb };

/** The catalog reader for a dialect. `schema` is the pg schema or MariaDB database (ignored on SQLite). */
export function columnCatalog(dialect: CatalogDialect): Reader {
  return READERS[dialect];
}
