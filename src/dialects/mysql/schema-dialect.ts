import {
  referentialAction,
  unquoteLiteral,
  type CatalogColumn,
  type CatalogForeignKey,
  type CatalogIndex,
  type CatalogRun,
  type SchemaDialect,
} from '../schema-dialect.js';

const TABLES = "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME";

const COLUMNS = `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt, COLUMN_KEY AS col_key,
    EXTRA AS extra, COLUMN_COMMENT AS comment
  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`;

const FOREIGN_KEYS = `SELECT k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_NAME AS ref_table, k.REFERENCED_COLUMN_NAME AS ref_col,
    r.DELETE_RULE AS on_delete, r.UPDATE_RULE AS on_update
  FROM information_schema.KEY_COLUMN_USAGE k
  JOIN information_schema.REFERENTIAL_CONSTRAINTS r
    ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
  WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
  ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION`;

const INDEXES = `SELECT s.INDEX_NAME AS name, s.NON_UNIQUE AS non_unique, s.COLUMN_NAME AS col,
    EXISTS (SELECT 1 FROM information_schema.TABLE_CONSTRAINTS tc WHERE tc.TABLE_SCHEMA = s.TABLE_SCHEMA AND tc.TABLE_NAME = s.TABLE_NAME
            AND tc.CONSTRAINT_NAME = s.INDEX_NAME AND tc.CONSTRAINT_TYPE IN ('UNIQUE', 'PRIMARY KEY')) AS is_constraint
  FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = DATABASE() AND s.TABLE_NAME = ?
  ORDER BY s.INDEX_NAME, s.SEQ_IN_INDEX`;

// relata's DDL spellings → the catalog's COLUMN_TYPE, after lower-casing and dropping integer display widths.
const TYPE_ALIASES: readonly (readonly [RegExp, string])[] = [
  [/^integer\b/, 'int'],
  [/^(real|double precision)\b/, 'double'],
  [/^numeric\b/, 'decimal'],
  [/^(bool|boolean)$/, 'tinyint(1)'],
  [/^json$/, 'longtext'],
];

/**
 * MySQL/MariaDB's catalog readers (information_schema, current database) and type comparison.
 * @internal
 */
export class MysqlSchemaDialect implements SchemaDialect {
  readonly alterColumn = 'modify' as const;
  readonly dropIndexOnTable = true;
  readonly restrictIsNoAction = true;

  async tables(run: CatalogRun): Promise<string[]> {
    return (await run(TABLES)).map((r) => String(r['name']));
  }

  async columns(run: CatalogRun, table: string): Promise<CatalogColumn[]> {
    return (await run(COLUMNS, [table])).map((r) => {
      const dflt = r['dflt'] === null || r['dflt'] === undefined ? null : String(r['dflt']);
      const comment = String(r['comment'] ?? '');
      return {
        name: String(r['name']),
        // Upper case outside quotes: an ENUM('book','film') keeps its values as written.
        type: String(r['type']).replace(/('(?:[^']|'')*')|[^']+/g, (part, quoted: string | undefined) => quoted ?? part.toUpperCase()),
        allowNull: r['nullable'] === 'YES',
        // MariaDB reports "no default" on a nullable column as the text NULL.
        defaultValue: dflt === 'NULL' ? null : dflt,
        primaryKey: r['col_key'] === 'PRI',
        autoIncrement: String(r['extra']).toLowerCase().includes('auto_increment'),
        comment: comment === '' ? null : comment,
      };
    });
  }

  async foreignKeys(run: CatalogRun, table: string): Promise<CatalogForeignKey[]> {
    const byName = new Map<string, { columns: string[]; referencedColumns: string[]; row: Record<string, unknown> }>();
    for (const r of await run(FOREIGN_KEYS, [table])) {
      const name = String(r['name']);
      const entry = byName.get(name) ?? { columns: [], referencedColumns: [], row: r };
      entry.columns.push(String(r['col']));
      entry.referencedColumns.push(String(r['ref_col']));
      byName.set(name, entry);
    }
    return [...byName].map(([name, { columns, referencedColumns, row }]) => ({
      name,
      table,
      columns,
      referencedTable: String(row['ref_table']),
      referencedColumns,
      onDelete: referentialAction(row['on_delete']),
      onUpdate: referentialAction(row['on_update']),
    }));
  }

  async indexes(run: CatalogRun, table: string): Promise<CatalogIndex[]> {
    const byName = new Map<string, { columns: string[]; row: Record<string, unknown> }>();
    for (const r of await run(INDEXES, [table])) {
      const name = String(r['name']);
      const entry = byName.get(name) ?? { columns: [], row: r };
      entry.columns.push(String(r['col']));
      byName.set(name, entry);
    }
    return [...byName].map(([name, { columns, row }]) => ({
      name,
      columns,
      unique: Number(row['non_unique']) === 0,
      primary: name === 'PRIMARY',
      constraint: Number(row['is_constraint']) === 1,
    }));
  }

  canonicalType(type: string): string {
    let t = collapse(type.toLowerCase()).replace(/ binary$/, '');
    for (const [pattern, replacement] of TYPE_ALIASES) t = t.replace(pattern, replacement);
    if (t === 'decimal') t = 'decimal(10,0)';
    if (t === 'longtext' || t === 'tinyint(1)') return t;
    // Display widths (int(11)) mean nothing for storage, and MySQL 8 no longer reports them.
    return t.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1');
  }

  canonicalDefault(text: string | null): string | null {
    if (text === null || /^null$/i.test(text)) return null;
    const literal = unquoteLiteral(text);
    if (literal !== undefined) return literal;
    const value = text.trim().toLowerCase();
    if (value === 'true') return '1';
    if (value === 'false') return '0';
    return value;
  }
}

// Lower-cased type text with whitespace removed around punctuation, except inside quoted ENUM values.
function collapse(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === "'") quoted = !quoted;
    if (!quoted && /\s/.test(ch)) {
      const prev = out.charAt(out.length - 1);
      const next = text.slice(i + 1).trimStart().charAt(0);
      if (prev === '' || '(,'.includes(prev) || '),'.includes(next) || prev === ' ') continue;
      out += ' ';
      continue;
    }
    out += ch;
  }
  return out.trim();
}
