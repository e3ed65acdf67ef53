import { referenceNeedsConstraint, withDeferral } from './fk-deferral.js';
import { CompiledQuery, sql, type ColumnDefinitionBuilder, type Expression } from 'kysely';
import type { DialectAdapter } from '../dialects/adapter.js';
import type { ModelDefinition, NormalizedAttribute } from '../metadata/model-definition.js';
import type { SqlSession } from './session.js';

/**
 * A column for CREATE TABLE and ALTER TABLE: a normalized attribute, plus what only migrations
 * write (a type given as SQL text, a default that is an SQL expression).
 * @internal
 */
export interface ColumnSpec {
  readonly attribute: NormalizedAttribute;
  /** A type written as SQL text in a migration (`type: 'TIMESTAMP'`), used as is. */
  readonly rawType?: string | undefined;
  /** A default that is SQL (`fn('now')`, `literal('CURRENT_TIMESTAMP')`), compiled with its values inlined. */
  readonly sqlDefault?: Expression<unknown> | undefined;
  /** Leave the column's reference out: `sync()` adds it once the referenced table exists (a belongsTo cycle). */
  readonly deferReference?: boolean | undefined;
}

/**
 * ALTER TABLE … ADD CONSTRAINT `<table>_<column>_fkey` FOREIGN KEY, named as CREATE TABLE names it:
 * the reference closing a belongsTo cycle, added once both tables exist.
 * @internal
 */
export function compileAddReference(relata: SqlSession, table: string, attr: NormalizedAttribute): CompiledQuery {
  const ref = attr.references as NonNullable<NormalizedAttribute['references']>;
  let q = relata.kysely.schema.alterTable(table).addForeignKeyConstraint(`${bareTable(table)}_${attr.field}_fkey`, [attr.field], ref.model, [ref.key]);
  if (attr.onDelete !== undefined) q = q.onDelete(attr.onDelete.toLowerCase() as never);
  if (attr.onUpdate !== undefined) q = q.onUpdate(attr.onUpdate.toLowerCase() as never);
  return withDeferral(q, ref.deferrable, relata.adapter.capabilities.deferrableConstraints).compile();
}

/** ALTER TABLE … DROP CONSTRAINT `<table>_<column>_fkey`: the reference `compileAddReference` adds. @internal */
export function compileDropReference(relata: SqlSession, table: string, field: string): CompiledQuery {
  return relata.kysely.schema.alterTable(table).dropConstraint(`${bareTable(table)}_${field}_fkey`).compile();
}

/** The tables of the current database (schema), read from the catalog. @internal */
export async function existingTables(relata: SqlSession): Promise<Set<string>> {
  const tablesSql = relata.adapter.currentTablesSql;
  if (tablesSql === undefined) return new Set((await relata.kysely.introspection.getTables()).map((t) => t.name));
  const result = await relata.kysely.executeQuery<{ name: string }>(CompiledQuery.raw(tablesSql, []));
  return new Set(result.rows.map((r) => r.name));
}

/**
 * CREATE TABLE plus CREATE INDEX statements for one model: columns with their types, keys,
 * defaults, references with ON DELETE/ON UPDATE, unique constraints and declared indexes.
 * @internal
 */
export function createTableStatements(relata: SqlSession, definition: ModelDefinition, deferReferences: ReadonlySet<string> = new Set()): CompiledQuery[] {
  const adapter = relata.adapter;
  const attributes = definition.physicalAttributes;
  const caps = adapter.capabilities;
  const columns = attributes.map((attribute) => ({ attribute, deferReference: deferReferences.has(attribute.field) }));
  const statements = [createTableQuery(relata, definition.sqlTable, columns, uniqueGroups(definition))];
  for (const index of definition.indexes) {
    let iq = relata.kysely.schema.createIndex(index.name).on(definition.sqlTable).columns(index.fields as string[]);
    if (index.unique) iq = iq.unique();
    if (index.using !== undefined && caps.indexUsing) iq = iq.using(index.using);
    statements.push(iq.compile());
  }
  for (const index of foreignKeyIndexes(adapter, definition)) {
    const iq = relata.kysely.schema.createIndex(index.name);
    statements.push((caps.createIfNotExists ? iq.ifNotExists() : iq).on(definition.sqlTable).column(index.field).compile());
  }
  return statements;
}

/**
 * The index `sync()` adds for each referencing column that no key, unique constraint or declared
 * index leads with: `<table>_<column>` lowercased. None where the database indexes foreign keys
 * itself (InnoDB). The schema diff expects the same indexes.
 * @internal
 */
export function foreignKeyIndexes(adapter: DialectAdapter, definition: ModelDefinition): { name: string; field: string }[] {
  // Foreign keys get an index, as the loading strategies filter by them (PostgreSQL does not add one).
  if (adapter.capabilities.inlineIndexes) return [];
  const primaryKeys = definition.physicalAttributes.filter((a) => a.primaryKey);
  const indexed = new Set([...definition.indexes.map((i) => i.fields[0]), ...primaryKeys.slice(0, 1).map((a) => a.field)]);
  return definition.physicalAttributes
    .filter((attr) => attr.references !== undefined && !indexed.has(attr.field) && attr.unique === false)
    .map((attr) => ({ name: `${definition.tableName}_${attr.field}`.toLowerCase(), field: attr.field }));
}

/**
 * CREATE TABLE for columns: types, keys, defaults, references with their actions (table-level
 * `<table>_<column>_fkey` constraints where inline REFERENCES are ignored), a composite primary
 * key as `<table>_pkey`, and the unique constraints. `sync()` and `queryInterface.createTable`
 * both build their tables here.
 * @internal
 */
export function createTableQuery(relata: SqlSession, table: string, columns: readonly ColumnSpec[], uniques: ReadonlyMap<string, readonly string[]>): CompiledQuery {
  const adapter = relata.adapter;
  const caps = adapter.capabilities;
  const primaryKeys = columns.filter((c) => c.attribute.primaryKey).map((c) => c.attribute);
  let q = relata.kysely.schema.createTable(table);
  // sync() skips existing tables itself; IF NOT EXISTS only guards against a concurrent sync.
  if (caps.createIfNotExists) q = q.ifNotExists();
  for (const spec of columns) {
    q = q.addColumn(spec.attribute.field, columnDataType(adapter, spec), (col) => columnSpecOptions(col, spec, adapter, primaryKeys.length === 1));
  }
  if (primaryKeys.length > 1) q = q.addPrimaryKeyConstraint(`${bareTable(table)}_pkey`, primaryKeys.map((a) => a.field) as never);
  for (const [name, fields] of uniques) q = q.addUniqueConstraint(name, fields as never);
  // PostgreSQL writes a deferrable reference as a table constraint: an inline REFERENCES cannot say it here.
  if (!caps.inlineReferences || caps.deferrableConstraints) {
    for (const { attribute: attr, deferReference } of columns) {
      const ref = attr.references;
      if (ref === undefined || deferReference === true || (caps.inlineReferences && !referenceNeedsConstraint(ref, caps.deferrableConstraints))) continue;
      // Named like PostgreSQL names an inline REFERENCES, so a constraint has one name on every dialect.
      q = q.addForeignKeyConstraint(`${bareTable(table)}_${attr.field}_fkey`, [attr.field] as never, ref.model, [ref.key], (fk) => {
        let out = fk;
        if (attr.onDelete !== undefined) out = out.onDelete(attr.onDelete.toLowerCase() as never);
        if (attr.onUpdate !== undefined) out = out.onUpdate(attr.onUpdate.toLowerCase() as never);
        return withDeferral(out, ref.deferrable, caps.deferrableConstraints);
      });
    }
  }
  return q.compile();
}

/** The data type expression of a column: its raw SQL type, or the dialect's spelling of its data type. @internal */
export function columnDataType(adapter: DialectAdapter, spec: ColumnSpec): Expression<unknown> {
  return sql.raw(spec.rawType ?? columnTypeFor(adapter, spec.attribute));
}

/** A column's modifiers (key, NOT NULL, default, references, ENUM check), with a migration's SQL default. @internal */
export function columnSpecOptions(col: ColumnDefinitionBuilder, spec: ColumnSpec, adapter: DialectAdapter, singlePrimaryKey: boolean): ColumnDefinitionBuilder {
  const out = columnOptions(col, spec.attribute, adapter, singlePrimaryKey, spec.deferReference !== true);
  return spec.sqlDefault === undefined ? out : out.defaultTo(spec.sqlDefault);
}

/** The column type text for an attribute: SERIAL/BIGSERIAL or INTEGER for auto-increment keys where needed. @internal */
export function columnTypeFor(adapter: DialectAdapter, attr: NormalizedAttribute): string {
  if (attr.autoIncrement && adapter.capabilities.autoIncrement === 'serial') return attr.type.key === 'BIGINT' ? 'BIGSERIAL' : 'SERIAL';
  if (attr.autoIncrement && attr.primaryKey && adapter.capabilities.autoIncrement === 'rowid') return 'INTEGER';
  return adapter.columnType(attr.type);
}

function columnOptions(col: ColumnDefinitionBuilder, attr: NormalizedAttribute, adapter: DialectAdapter, singlePrimaryKey: boolean, withReference: boolean): ColumnDefinitionBuilder {
  if (attr.primaryKey && singlePrimaryKey) col = col.primaryKey();
  if (attr.autoIncrement) {
    if (adapter.capabilities.autoIncrement === 'keyword' || adapter.capabilities.autoIncrement === 'rowid') col = col.autoIncrement();
    else if (adapter.capabilities.autoIncrement === 'identity') col = col.identity();
  }
  if (!attr.allowNull && !(attr.primaryKey && singlePrimaryKey)) col = col.notNull();
  const literal = ddlDefault(attr.defaultValue);
  if (attr.hasDefault && literal !== undefined) {
    col = col.defaultTo(typeof literal === 'boolean' && !adapter.capabilities.booleanLiterals ? Number(literal) : literal);
  }
  if (attr.references !== undefined && adapter.capabilities.inlineReferences && withReference && !referenceNeedsConstraint(attr.references, adapter.capabilities.deferrableConstraints)) {
    col = col.references(`${attr.references.model}.${attr.references.key}`);
    if (attr.onDelete !== undefined) col = col.onDelete(attr.onDelete.toLowerCase() as never);
    if (attr.onUpdate !== undefined) col = col.onUpdate(attr.onUpdate.toLowerCase() as never);
  }
  const values = attr.type.params['values'];
  if (attr.type.key === 'ENUM' && Array.isArray(values) && !adapter.columnType(attr.type).startsWith('ENUM')) {
    col = col.check(sql`${sql.id(attr.field)} IN (${sql.join(values.map((v) => sql.lit(String(v))))})`);
  }
  return col;
}

/** Only plain values can be DDL defaults; functions and NOW/UUID markers are applied by relata at insert. @internal */
export function ddlDefault(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

/** The unique constraints of a model: name → its columns. @internal */
export function uniqueGroups(definition: ModelDefinition): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const attr of definition.physicalAttributes) {
    if (attr.unique === false) continue;
    const fields = groups.get(attr.unique) ?? [];
    fields.push(attr.field);
    groups.set(attr.unique, fields);
  }
  return groups;
}

/** Orders definitions so that every referenced table comes before the tables referencing it. @internal */
export function dependencyOrder(definitions: readonly ModelDefinition[]): ModelDefinition[] {
  const byTable = new Map(definitions.map((d) => [d.sqlTable, d]));
  const done = new Set<ModelDefinition>();
  const visiting = new Set<ModelDefinition>();
  const out: ModelDefinition[] = [];
  const visit = (d: ModelDefinition): void => {
    if (done.has(d) || visiting.has(d)) return;
    visiting.add(d);
    for (const attr of d.physicalAttributes) {
      const target = attr.references ? byTable.get(attr.references.model) : undefined;
      if (target && target !== d) visit(target);
    }
    visiting.delete(d);
    done.add(d);
    out.push(d);
  };
  for (const d of definitions) visit(d);
  return out;
}

/** A table name without its `schema.` prefix, for the constraint names derived from it. */
function bareTable(table: string): string {
  return table.slice(table.lastIndexOf('.') + 1);
}
