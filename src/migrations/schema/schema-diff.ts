import type { CatalogColumn, CatalogForeignKey, CatalogIndex, CatalogRun, SchemaDialect } from '../../dialects/schema-dialect.js';
import type { ModelDefinition } from '../../metadata/model-definition.js';
import type { ReferentialAction } from '../../metadata/model-options.js';
import type { QueryInterface } from '../../query-interface/query-interface.js';
import type { QueryRunOptions } from '../../query/query-options.js';
import type { SqlSession } from '../../sql/session.js';
import { literalSql } from '../../sql/schema-ddl.js';
import { desiredSchema, type DesiredColumn, type DesiredForeignKey, type DesiredIndex, type DesiredTable } from './desired-schema.js';

/** One step that brings the database to the models. */
export type SchemaOperation =
  | { readonly kind: 'createTable'; readonly table: DesiredTable }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: DesiredColumn }
  | {
      readonly kind: 'changeColumn';
      readonly table: string;
      readonly column: DesiredColumn;
      readonly previous: CatalogColumn;
      readonly changes: readonly string[];
      /** The values the column's enum CHECK allowed (SQLite, PostgreSQL), for down; undefined when it had none. */
      readonly previousValues: readonly string[] | undefined;
    }
  | { readonly kind: 'removeColumn'; readonly table: string; readonly column: CatalogColumn }
  | {
      readonly kind: 'addPrimaryKey';
      readonly table: string;
      readonly name: string;
      readonly columns: readonly string[];
      /** The key in the database, whose columns this diff removes (so dropping them drops it). */
      readonly previous: readonly string[];
      /** Where InnoDB needs an index for a foreign key that the new key served: its column, indexed before down drops the key. */
      readonly foreignKeyIndex: string | undefined;
    }
  | { readonly kind: 'addForeignKey'; readonly table: string; readonly key: DesiredForeignKey }
  | { readonly kind: 'removeForeignKey'; readonly table: string; readonly key: CatalogForeignKey }
  | { readonly kind: 'addUnique'; readonly table: string; readonly unique: DesiredIndex }
  | { readonly kind: 'removeUnique'; readonly table: string; readonly index: CatalogIndex }
  | { readonly kind: 'addIndex'; readonly table: string; readonly index: DesiredIndex }
  | { readonly kind: 'removeIndex'; readonly table: string; readonly index: CatalogIndex };

/** What differs between the models and the database. */
export interface SchemaDiff {
  readonly dialect: string;
  /** In the order an up migration applies them. */
  readonly operations: readonly SchemaOperation[];
  /** Differences the diff does not change by itself (primary keys whose columns stay), with what to write instead. */
  readonly warnings: readonly string[];
  /** Tables in the database that no model describes; left alone. */
  readonly ignoredTables: readonly string[];
}

/** The migration history tables, never part of a diff. */
export const HISTORY_TABLES: ReadonlySet<string> = new Set(['SequelizeMeta', 'SequelizeData']);

// Removals first (so columns and indexes can go), then creations; constraints last.
const ORDER: readonly SchemaOperation['kind'][] = [
  'removeForeignKey', 'removeIndex', 'removeUnique', 'createTable', 'addColumn', 'changeColumn', 'removeColumn', 'addPrimaryKey', 'addForeignKey', 'addUnique', 'addIndex',
];

/**
 * What diffing the schema needs of the connection: SQL compilation, the models and the query
 * interface that reads the catalog. `Relata` satisfies it.
 * @internal
 */
export interface SchemaSession extends SqlSession {
  readonly models: Readonly<Record<string, { readonly definition: ModelDefinition }>>;
  getQueryInterface(): QueryInterface;
}

/**
 * Compares the models (associations and junction tables included) with the live database and
 * lists the operations that make the database what `sync()` would create: tables, columns
 * (type, nullability, default), foreign keys with their actions, unique constraints and indexes,
 * and a primary key whose columns all go (the seeds' junction table with its own `id`, keyed by
 * its foreign key pair in the models).
 * Objects are matched by what they are, not by name: an unchanged foreign key is never dropped
 * and re-added, and an index with another name on the same columns counts as present.
 *
 * @example
 * const diff = await diffSchema(relata)
 * diff.operations // [{ kind: 'createTable', table: … }, { kind: 'addIndex', table: 'Posts', index: { name: 'posts_userid', … } }]
 */
export async function diffSchema(relata: SchemaSession, definitions?: readonly ModelDefinition[], options: QueryRunOptions = {}): Promise<SchemaDiff> {
  const { schema, run } = relata.getQueryInterface().catalog(options);
  const desired = desiredSchema(relata.adapter, definitions ?? Object.values(relata.models).map((m) => m.definition));
  const live = new Set(await schema.tables(run));
  const operations: SchemaOperation[] = [];
  const warnings: string[] = [];
  for (const table of desired) {
    if (!live.has(table.name)) {
      operations.push({ kind: 'createTable', table });
      for (const index of table.indexes) operations.push({ kind: 'addIndex', table: table.name, index });
      continue;
    }
    await diffTable(relata, schema, run, table, operations, warnings);
  }
  const names = new Set(desired.map((t) => t.name));
  const ignoredTables = [...live].filter((t) => !names.has(t) && !HISTORY_TABLES.has(t)).sort();
  const sorted = operations.map((op, i) => ({ op, i })).sort((a, b) => ORDER.indexOf(a.op.kind) - ORDER.indexOf(b.op.kind) || a.i - b.i).map((x) => x.op);
  return { dialect: relata.getDialect(), operations: sorted, warnings, ignoredTables };
}

async function diffTable(relata: SchemaSession, schema: SchemaDialect, run: CatalogRun, table: DesiredTable, operations: SchemaOperation[], warnings: string[]): Promise<void> {
  const t = table.name;
  const [columns, keys, indexes] = [await schema.columns(run, t), await schema.foreignKeys(run, t), await schema.indexes(run, t)];
  // Where an ENUM is text with a CHECK of its values, the values are compared here; elsewhere (MySQL) the type carries them.
  const enumChecks = schema.enumChecks === undefined ? undefined : await schema.enumChecks(run, t);
  const liveColumns = new Map(columns.map((c) => [c.name, c]));
  const livePkIndex = indexes.find((i) => i.primary);
  const livePk = livePkIndex?.columns ?? columns.filter((c) => c.primaryKey).map((c) => c.name);
  const pkDiffers = !sameSet(livePk, table.primaryKey);
  const wanted = new Set(table.columns.map((c) => c.attribute.field));
  // Safe to generate when the old key's columns all go: dropping them drops the key on every
  // dialect, and down re-adds a single column with its key. A key whose columns stay would need
  // DROP PRIMARY KEY first, which InnoDB refuses on an AUTO_INCREMENT column and SQLite cannot
  // name when the key is inline.
  const pkGenerated = pkDiffers && table.primaryKey.length > 0 && livePk.length <= 1 && livePk.every((c) => !wanted.has(c));
  if (pkDiffers && !pkGenerated) {
    // Where a key lives in the CREATE TABLE text (SQLite), only a rebuild of the table drops it.
    const name = livePkIndex?.constraint && schema.rebuildTable === undefined ? livePkIndex.name : undefined;
    const drop = name === undefined ? 'rebuild the table without the key (createTable a copy, copy the rows, drop, renameTable)' : `removeConstraint('${t}', '${name}')`;
    const add = table.primaryKey.length === 0 ? '' : `, then addConstraint('${t}', { type: 'primary key', fields: [${table.primaryKey.map((c) => `'${c}'`).join(', ')}] })`;
    warnings.push(`${t}: the primary key is (${livePk.join(', ')}) in the database but (${table.primaryKey.join(', ')}) in the models; not generated, since (${livePk.filter((c) => wanted.has(c)).join(', ') || livePk.join(', ')}) stays: ${drop}${add} in a migration of your own`);
  }

  const added = new Set<string>();
  for (const column of table.columns) {
    const field = column.attribute.field;
    const current = liveColumns.get(field);
    if (current === undefined) {
      added.add(field);
      operations.push({ kind: 'addColumn', table: t, column });
      continue;
    }
    const previousValues = enumChecks?.find((c) => c.column === field)?.values;
    const changes = columnChanges(relata, schema, column, current, pkDiffers);
    if (enumChecks !== undefined && column.attribute.type.key === 'ENUM') {
      const values = (column.attribute.type.params['values'] as readonly string[] | undefined) ?? [];
      if (previousValues === undefined || !sameSet(previousValues, values)) changes.push(`values ${previousValues?.join(', ') ?? 'any'} → ${values.join(', ')}`);
    }
    if (changes.length > 0) operations.push({ kind: 'changeColumn', table: t, column, previous: current, changes, previousValues });
  }
  for (const column of columns) {
    if (wanted.has(column.name)) continue;
    if (column.primaryKey && pkDiffers && !pkGenerated) {
      warnings.push(`${t}.${column.name}: not in the models but part of the primary key; left in place`);
      continue;
    }
    operations.push({ kind: 'removeColumn', table: t, column });
  }

  if (pkGenerated) {
    const leading = table.primaryKey[0] ?? '';
    const needsIndex = relata.adapter.capabilities.inlineIndexes && table.foreignKeys.some((k) => k.column === leading);
    operations.push({ kind: 'addPrimaryKey', table: t, name: `${t}_pkey`, columns: table.primaryKey, previous: livePk, foreignKeyIndex: needsIndex ? leading : undefined });
  }

  const liveKeys = new Map(keys.map((k) => [k.columns.join('\u0000'), k]));
  for (const key of table.foreignKeys) {
    const current = liveKeys.get(key.column);
    liveKeys.delete(key.column);
    if (current === undefined) {
      // A new column carries its reference in addColumn.
      if (!added.has(key.column)) operations.push({ kind: 'addForeignKey', table: t, key });
    } else if (!sameForeignKey(schema, key, current)) {
      operations.push({ kind: 'removeForeignKey', table: t, key: current }, { kind: 'addForeignKey', table: t, key });
    }
  }
  for (const key of liveKeys.values()) operations.push({ kind: 'removeForeignKey', table: t, key });

  const candidates = indexes.filter((i) => !i.primary);
  const matched = new Set<CatalogIndex>();
  const claim = (wantedIndex: DesiredIndex): boolean => {
    const found = candidates.find((i) => !matched.has(i) && i.unique === wantedIndex.unique && sameList(i.columns, wantedIndex.columns));
    if (found) matched.add(found);
    return found !== undefined;
  };
  for (const unique of table.uniques) if (!claim(unique)) operations.push({ kind: 'addUnique', table: t, unique });
  for (const index of table.indexes) if (!claim(index)) operations.push({ kind: 'addIndex', table: t, index });
  const keyColumns = new Set([...keys.flatMap((k) => k.columns.slice(0, 1)), ...table.foreignKeys.map((k) => k.column)]);
  for (const index of candidates) {
    if (matched.has(index)) continue;
    // InnoDB creates (and needs) an index for every foreign key; it is the database's, not the models'.
    if (relata.adapter.capabilities.inlineIndexes && !index.unique && keyColumns.has(index.columns[0] ?? '')) continue;
    operations.push(index.unique ? { kind: 'removeUnique', table: t, index } : { kind: 'removeIndex', table: t, index });
  }
}

function columnChanges(relata: SchemaSession, schema: SchemaDialect, column: DesiredColumn, current: CatalogColumn, pkDiffers: boolean): string[] {
  const changes: string[] = [];
  const attr = column.attribute;
  if (schema.canonicalType(column.typeSql) !== schema.canonicalType(current.type)) changes.push(`type ${current.type} → ${column.typeSql}`);
  if (!attr.primaryKey && !current.primaryKey && attr.allowNull !== current.allowNull) changes.push(attr.allowNull ? 'allow NULL' : 'NOT NULL');
  else if (attr.primaryKey && pkDiffers && attr.allowNull !== current.allowNull) changes.push(attr.allowNull ? 'allow NULL' : 'NOT NULL');
  // Only plain DDL defaults are compared; NOW, UUIDs and functions are applied by relata at insert.
  if (!attr.autoIncrement && column.ddlDefault !== undefined) {
    const wanted = schema.canonicalDefault(literalSql(relata, column.ddlDefault));
    if (!sameDefault(wanted, schema.canonicalDefault(current.defaultValue))) changes.push(`default ${current.defaultValue ?? 'none'} → ${literalSql(relata, column.ddlDefault)}`);
  }
  return changes;
}

// Numbers compare by value: a DECIMAL(10,2) column reports the default 0 as 0.00.
function sameDefault(a: string | null, b: string | null): boolean {
  if (a === b) return true;
  const numeric = /^-?\d+(\.\d+)?$/;
  return a !== null && b !== null && numeric.test(a) && numeric.test(b) && Number(a) === Number(b);
}

function action(schema: SchemaDialect, value: ReferentialAction | undefined): string {
  const a = value ?? 'NO ACTION';
  return schema.restrictIsNoAction && a === 'RESTRICT' ? 'NO ACTION' : a;
}

function sameForeignKey(schema: SchemaDialect, wanted: DesiredForeignKey, current: CatalogForeignKey): boolean {
  return (
    current.columns.length === 1 &&
    current.referencedTable === wanted.referencedTable &&
    sameList(current.referencedColumns, [wanted.referencedColumn]) &&
    action(schema, current.onDelete) === action(schema, wanted.onDelete) &&
    action(schema, current.onUpdate) === action(schema, wanted.onUpdate)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}
