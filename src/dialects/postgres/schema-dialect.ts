import type { ReferentialAction } from '../../metadata/model-options.js';
import {
  catalogList,
  enumCheck,
  unquoteLiteral,
  type CatalogColumn,
  type CatalogEnumCheck,
  type CatalogForeignKey,
  type CatalogIndex,
  type CatalogRun,
  type SchemaDialect,
} from '../schema-dialect.js';

// pg_constraint's one-letter action codes.
const ACTION_CODES: Readonly<Record<string, ReferentialAction>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

const TABLES = `SELECT c.relname AS name FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`;

const COLUMNS = `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
    pg_get_expr(d.adbin, d.adrelid) AS dflt, a.attidentity <> '' AS identity, col_description(c.oid, a.attnum) AS comment,
    EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS pk
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
  WHERE n.nspname = current_schema() AND c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attnum`;

const FOREIGN_KEYS = `SELECT con.conname AS name, rc.relname AS ref_table, con.confdeltype AS on_delete, con.confupdtype AS on_update,
    (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
       JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS columns,
    (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
       JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS ref_columns
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
  WHERE con.contype = 'f' AND n.nspname = current_schema() AND c.relname = $1
  ORDER BY con.conname`;

const INDEXES = `SELECT i.relname AS name, ix.indisunique AS is_unique, ix.indisprimary AS is_primary,
    EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = ix.indexrelid AND con.conrelid = t.oid AND con.contype IN ('u', 'p')) AS is_constraint,
    (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(ix.indkey) WITH ORDINALITY k(n, i)
       JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n) AS columns
  FROM pg_catalog.pg_index ix
  JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
  WHERE n.nspname = current_schema() AND t.relname = $1
  ORDER BY i.relname`;

const CHECKS = `SELECT con.conname AS name, pg_get_constraintdef(con.oid) AS definition
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE con.contype = 'c' AND n.nspname = current_schema() AND c.relname = $1 AND cardinality(con.conkey) = 1
  ORDER BY con.conname`;

// relata's DDL spellings (and common aliases) → format_type()'s spelling.
const TYPE_ALIASES: readonly (readonly [RegExp, string])[] = [
  [/^serial$/, 'integer'],
  [/^bigserial$/, 'bigint'],
  [/^smallserial$/, 'smallint'],
  [/^(int|int4)$/, 'integer'],
  [/^int8$/, 'bigint'],
  [/^int2$/, 'smallint'],
  [/^varchar/, 'character varying'],
  [/^char\(/, 'character('],
  [/^char$/, 'character(1)'],
  [/^character$/, 'character(1)'],
  [/^decimal/, 'numeric'],
  [/^(float|float8|double)$/, 'double precision'],
  [/^float4$/, 'real'],
  [/^time$/, 'time without time zone'],
  [/^timestamp$/, 'timestamp without time zone'],
  [/^timestamptz$/, 'timestamp with time zone'],
  [/^bool$/, 'boolean'],
];

/**
 * PostgreSQL's catalog readers (pg_catalog, current schema) and type comparison.
 * @internal
 */
export class PostgresSchemaDialect implements SchemaDialect {
  readonly alterColumn = 'alter' as const;
  readonly dropIndexOnTable = false;
  readonly restrictIsNoAction = false;

  async tables(run: CatalogRun): Promise<string[]> {
    return (await run(TABLES)).map((r) => String(r['name']));
  }

  async columns(run: CatalogRun, table: string): Promise<CatalogColumn[]> {
    return (await run(COLUMNS, [table])).map((r) => {
      const dflt = r['dflt'] === null || r['dflt'] === undefined ? null : String(r['dflt']);
      return {
        name: String(r['name']),
        type: String(r['type']).toUpperCase(),
        allowNull: r['nullable'] === true,
        defaultValue: dflt,
        primaryKey: r['pk'] === true,
        autoIncrement: r['identity'] === true || (dflt !== null && dflt.startsWith('nextval(')),
        comment: r['comment'] === null || r['comment'] === undefined ? null : String(r['comment']),
      };
    });
  }

  /** relata's ENUM is a VARCHAR with `CHECK (col IN (…))`, which PostgreSQL keeps as `col = ANY (ARRAY[…])`. */
  async enumChecks(run: CatalogRun, table: string): Promise<CatalogEnumCheck[]> {
    return (await run(CHECKS, [table])).flatMap((r) => {
      const found = enumCheck(String(r['definition']));
      return found === undefined ? [] : [{ column: found.column, values: found.values, name: String(r['name']) }];
    });
  }

  async foreignKeys(run: CatalogRun, table: string): Promise<CatalogForeignKey[]> {
    return (await run(FOREIGN_KEYS, [table])).map((r) => ({
      name: String(r['name']),
      table,
      columns: catalogList(r['columns']),
      referencedTable: String(r['ref_table']),
      referencedColumns: catalogList(r['ref_columns']),
      onDelete: ACTION_CODES[String(r['on_delete'])] ?? 'NO ACTION',
      onUpdate: ACTION_CODES[String(r['on_update'])] ?? 'NO ACTION',
    }));
  }

  async indexes(run: CatalogRun, table: string): Promise<CatalogIndex[]> {
    return (await run(INDEXES, [table])).map((r) => ({
      name: String(r['name']),
      columns: catalogList(r['columns']),
      unique: r['is_unique'] === true,
      primary: r['is_primary'] === true,
      constraint: r['is_constraint'] === true,
    }));
  }

  canonicalType(type: string): string {
    let t = type.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1');
    for (const [pattern, replacement] of TYPE_ALIASES) {
      if (pattern.test(t)) {
        t = t.replace(pattern, replacement);
        break;
      }
    }
    // FLOAT(p) is real up to 24 bits of precision, double precision above.
    const float = /^float\((\d+)\)$/.exec(t);
    if (float) return Number(float[1]) <= 24 ? 'real' : 'double precision';
    return t;
  }

  canonicalDefault(text: string | null): string | null {
    if (text === null) return null;
    // Casts the catalog adds: 'abc'::character varying, '-1'::integer, NULL::text.
    const value = text.trim().replace(/(::[a-z ]+(\([\d,]+\))?(\[\])?)+$/i, '');
    if (/^null$/i.test(value)) return null;
    const literal = unquoteLiteral(value);
    return literal ?? value.replace(/^\((.*)\)$/s, '$1');
  }
}
