import {
  catalogList,
  enumCheck,
  referentialAction,
  unquoteLiteral,
  type CatalogColumn,
  type CatalogEnumCheck,
  type CatalogForeignKey,
  type CatalogIndex,
  type CatalogRun,
  type ForeignKeySwitch,
  type SchemaDialect,
  type TableChange,
} from '../schema-dialect.js';
import { checkClauses, parseCreateTable, tokenize, type ParsedItem } from './create-table-parser.js';
import { rebuildSqliteTable } from './table-rebuild.js';

const TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
const TABLE_SQL = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?";
const COLUMNS = 'SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?) ORDER BY cid';
const FOREIGN_KEYS = 'SELECT id, seq, "table" AS ref_table, "from" AS col, "to" AS ref_col, on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq';
const INDEXES = `SELECT il.name AS name, il."unique" AS is_unique, il.origin AS origin,
    (SELECT json_group_array(name) FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) AS columns
  FROM pragma_index_list(?) AS il ORDER BY il.name`;

/**
 * SQLite's catalog readers (sqlite_master and the table pragmas), with constraint names read
 * from the CREATE TABLE text, and table rebuilds for what ALTER TABLE cannot do.
 * @internal
 */
export class SqliteSchemaDialect implements SchemaDialect {
  readonly alterColumn = 'rebuild' as const;
  readonly dropIndexOnTable = false;
  readonly restrictIsNoAction = false;
  readonly foreignKeySwitch: ForeignKeySwitch = {
    readSql: 'PRAGMA foreign_keys',
    disableSql: 'PRAGMA foreign_keys = OFF',
    enableSql: 'PRAGMA foreign_keys = ON',
    checkSql: 'PRAGMA foreign_key_check',
  };

  rebuildTable(run: CatalogRun, table: string, changes: readonly TableChange[]): Promise<void> {
    return rebuildSqliteTable(run, table, changes);
  }

  async tables(run: CatalogRun): Promise<string[]> {
    return (await run(TABLES)).map((r) => String(r['name']));
  }

  async columns(run: CatalogRun, table: string): Promise<CatalogColumn[]> {
    const items = await parsedItems(run, table);
    return (await run(COLUMNS, [table])).map((r) => {
      const name = String(r['name']);
      const definition = items.find((i) => i.kind === 'column' && i.name === name);
      const autoIncrement = definition !== undefined && tokenize(definition.text).some((t) => t.kind === 'word' && t.value.toUpperCase() === 'AUTOINCREMENT');
      return {
        name,
        type: String(r['type']).toUpperCase(),
        allowNull: Number(r['nn']) === 0 && Number(r['pk']) === 0,
        defaultValue: r['dflt'] === null || r['dflt'] === undefined ? null : String(r['dflt']),
        primaryKey: Number(r['pk']) > 0,
        autoIncrement,
        comment: null,
      };
    });
  }

  /** relata writes an ENUM's check inside its column (`"kind" TEXT CHECK ("kind" IN (…))`); table-level ones count too. */
  async enumChecks(run: CatalogRun, table: string): Promise<CatalogEnumCheck[]> {
    const out: CatalogEnumCheck[] = [];
    for (const item of await parsedItems(run, table)) {
      if (item.kind === 'constraint' && item.type !== 'check') continue;
      for (const clause of checkClauses(item.text)) {
        const found = enumCheck(clause.text);
        if (found === undefined || (item.kind === 'column' && found.column !== item.name)) continue;
        out.push({ column: found.column, values: found.values, name: item.kind === 'constraint' ? item.name : clause.name });
      }
    }
    return out;
  }

  async foreignKeys(run: CatalogRun, table: string): Promise<CatalogForeignKey[]> {
    const items = await parsedItems(run, table);
    const byId = new Map<number, { columns: string[]; referencedColumns: (string | null)[]; row: Record<string, unknown> }>();
    for (const r of await run(FOREIGN_KEYS, [table])) {
      const entry = byId.get(Number(r['id'])) ?? { columns: [], referencedColumns: [], row: r };
      entry.columns.push(String(r['col']));
      entry.referencedColumns.push(r['ref_col'] === null || r['ref_col'] === undefined ? null : String(r['ref_col']));
      byId.set(Number(r['id']), entry);
    }
    const keys: CatalogForeignKey[] = [];
    for (const { columns, referencedColumns, row } of byId.values()) {
      const referencedTable = String(row['ref_table']);
      // REFERENCES "Users" without columns means the referenced table's primary key.
      const referenced = referencedColumns.some((c) => c === null) ? await primaryKeyOf(run, referencedTable) : (referencedColumns as string[]);
      const declared = items.find((i) => i.kind === 'constraint' && i.type === 'foreign' && sameList(i.columns, columns));
      const name = declared?.kind === 'constraint' && declared.name !== undefined ? declared.name : `${table}_${columns.join('_')}_fkey`;
      keys.push({ name, table, columns, referencedTable, referencedColumns: referenced, onDelete: referentialAction(row['on_delete']), onUpdate: referentialAction(row['on_update']) });
    }
    return keys.sort((a, b) => a.name.localeCompare(b.name));
  }

  async indexes(run: CatalogRun, table: string): Promise<CatalogIndex[]> {
    const items = await parsedItems(run, table);
    const indexes: CatalogIndex[] = (await run(INDEXES, [table])).map((r) => {
      const columns = catalogList(r['columns']);
      const origin = String(r['origin']);
      // SQLite names the index of a UNIQUE constraint sqlite_autoindex_…; the constraint's own name is in the CREATE text.
      const declared = origin === 'u' ? items.find((i) => i.kind === 'constraint' && i.type === 'unique' && i.name !== undefined && sameList(i.columns, columns)) : undefined;
      return {
        name: declared?.kind === 'constraint' && declared.name !== undefined ? declared.name : String(r['name']),
        columns,
        unique: Number(r['is_unique']) === 1,
        primary: origin === 'pk',
        constraint: origin !== 'c',
      };
    });
    if (!indexes.some((i) => i.primary)) {
      // A rowid table's INTEGER PRIMARY KEY has no index of its own.
      const pk = await primaryKeyOf(run, table);
      if (pk.length > 0) indexes.push({ name: 'PRIMARY', columns: pk, unique: true, primary: true, constraint: true });
    }
    return indexes;
  }

  canonicalType(type: string): string {
    return type.trim().toUpperCase().replace(/\s+/g, ' ').replace(/\s*([(),])\s*/g, '$1');
  }

  canonicalDefault(text: string | null): string | null {
    if (text === null || /^null$/i.test(text.trim())) return null;
    const value = text.trim().replace(/^\((.*)\)$/s, '$1');
    return unquoteLiteral(value) ?? value.toLowerCase();
  }
}

async function parsedItems(run: CatalogRun, table: string): Promise<readonly ParsedItem[]> {
  const sql = (await run(TABLE_SQL, [table]))[0]?.['sql'];
  return typeof sql === 'string' ? parseCreateTable(sql).items : [];
}

async function primaryKeyOf(run: CatalogRun, table: string): Promise<string[]> {
  const rows = await run('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk', [table]);
  return rows.map((r) => String(r['name']));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v.toLowerCase() === b[i]?.toLowerCase());
}
