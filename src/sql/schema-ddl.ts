import type { ForeignKeyDeferral } from '../transactions/deferrable.js';
import { referenceNeedsConstraint, withDeferral } from './fk-deferral.js';
import { CompiledQuery, sql, type Expression, type RawBuilder } from 'kysely';
import type { CatalogRun } from '../dialects/schema-dialect.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { ReferentialAction } from '../metadata/model-options.js';
import type { Expr } from '../query/expression.js';
import type { QueryRunOptions } from '../query/query-options.js';
import type { SqlSession } from './session.js';
import { compileExpr } from './compile-expression.js';
import { columnDataType, columnSpecOptions, columnTypeFor, createTableQuery, type ColumnSpec } from './ddl.js';

/** A table constraint for `addConstraint` (and SQLite rebuilds). @internal */
export type TableConstraintSpec =
  | { readonly type: 'unique' | 'primary key'; readonly name: string; readonly fields: readonly string[] }
  | {
      readonly type: 'foreign key';
      readonly name: string;
      readonly fields: readonly string[];
      readonly referencedTable: string;
      readonly referencedFields: readonly string[];
      readonly onDelete?: ReferentialAction | undefined;
      readonly onUpdate?: ReferentialAction | undefined;
      /** `references.deferrable` (written on PostgreSQL). */
      readonly deferrable?: ForeignKeyDeferral | undefined;
    }
  | { readonly type: 'check'; readonly name: string; readonly expression: Expr };

/** An index for `addIndex`. @internal */
export interface IndexSpec {
  readonly name: string;
  /** Columns by name, or expressions (`fn('lower', col('email'))`, `literal(…)`), compiled with their values inlined. */
  readonly fields: readonly ({ readonly name: string; readonly order?: 'ASC' | 'DESC' | undefined } | { readonly expression: Expr })[];
  readonly unique: boolean;
  readonly using?: string | undefined;
  /** A partial index's condition, compiled with its values inlined. */
  readonly where?: Expr | undefined;
}

const COLUMN_PROBE = '__relata_column';

/**
 * Runs catalog SQL written by a dialect, in the given or active transaction.
 *
 * @example
 * const rows = await catalogRunner(relata, {})('SELECT name FROM sqlite_master')
 * @internal
 */
export function catalogRunner(relata: SqlSession, options: QueryRunOptions): CatalogRun {
  return async (text, parameters = []) => (await relata.execute(CompiledQuery.raw(text, [...parameters]), options)).rows as Record<string, unknown>[];
}

/**
 * An expression with every bound value written as a literal, for DDL (CHECK, DEFAULT, partial
 * index conditions), where parameters are not allowed. Literals are escaped by the dialect's compiler.
 *
 * @example
 * inlineExpression(relata, { kind: 'binary', op: '>', left: { kind: 'column', table: undefined, column: 'age' }, right: { kind: 'value', value: 0 } }) // "age" > 0
 * @internal
 */
export function inlineExpression(relata: SqlSession, expr: Expr): RawBuilder<unknown> {
  return compileExpr(inlineValues(relata, expr), relata.adapter.capabilities);
}

function inlineValues(relata: SqlSession, expr: Expr): Expr {
  if (expr.kind === 'value') return { kind: 'literal', sql: literalSql(relata, expr.value) };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(expr)) {
    if (isExpr(value)) out[key] = inlineValues(relata, value);
    else if (Array.isArray(value)) out[key] = value.map((v: unknown) => (isExpr(v) ? inlineValues(relata, v) : v));
    else out[key] = value;
  }
  return out as unknown as Expr;
}

function isExpr(value: unknown): value is Expr {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && !Array.isArray(value);
}

/**
 * A value as an SQL literal of this dialect (`'it''s'`, `42`, `true`, `NULL`).
 *
 * @example
 * literalSql(relata, "it's") // "'it''s'"
 * @internal
 */
export function literalSql(relata: SqlSession, value: unknown): string {
  const bound = value instanceof Date ? value.toISOString() : value;
  if (bound === null || bound === undefined) return 'NULL';
  if (typeof bound === 'string' || typeof bound === 'number' || typeof bound === 'boolean') return sql.lit(bound).compile(relata.kysely).sql;
  if (typeof bound === 'bigint') return bound.toString();
  throw InvalidOptionError.expected('queryInterface', 'a value in DDL', 'a string, number, boolean, Date or null', value);
}

/** CREATE TABLE for the query interface (same builder as `sync()`, no implicit indexes). @internal */
export function compileCreateTable(
  relata: SqlSession,
  table: string,
  columns: readonly ColumnSpec[],
  uniques: ReadonlyMap<string, readonly string[]>,
  tableOptions: TableStorageOptions = {},
): CompiledQuery {
  const clauses: string[] = [];
  for (const [option, clause] of [['engine', 'ENGINE'], ['charset', 'DEFAULT CHARSET'], ['collate', 'COLLATE']] as const) {
    const value = tableOptions[option];
    if (value === undefined) continue;
    // Written into the statement (DDL takes no parameters here), so only a plain name passes, on every dialect alike.
    if (!/^[A-Za-z0-9_]+$/.test(value)) throw InvalidOptionError.expected(`createTable(${table})`, option, 'a name of letters, digits and underscores', value);
    clauses.push(`${clause}=${value}`);
  }
  const query = createTableQuery(relata, table, columns, uniques);
  return clauses.length === 0 || !relata.adapter.capabilities.tableOptions ? query : { ...query, sql: `${query.sql} ${clauses.join(' ')}` };
}

/** createTable's storage options (MySQL/MariaDB). @internal */
export interface TableStorageOptions {
  readonly engine?: string | undefined;
  readonly charset?: string | undefined;
  readonly collate?: string | undefined;
}

/** DROP TRIGGER name [ON table]. @internal */
export function compileDropTrigger(relata: SqlSession, table: string, name: string): CompiledQuery {
  const text = relata.adapter.capabilities.triggerOnTable ? sql`DROP TRIGGER ${sql.id(name)} ON ${sql.id(table)}` : sql`DROP TRIGGER ${sql.id(name)}`;
  return text.compile(relata.kysely);
}

/** DROP TABLE [IF EXISTS] [CASCADE]. @internal */
export function compileDropTable(relata: SqlSession, table: string, options: { ifExists?: boolean; cascade?: boolean }): CompiledQuery {
  let q = relata.kysely.schema.dropTable(table);
  if (options.ifExists !== false) q = q.ifExists();
  if (options.cascade && relata.adapter.capabilities.dropCascade) q = q.cascade();
  return q.compile();
}

/** ALTER TABLE … RENAME TO. @internal */
export function compileRenameTable(relata: SqlSession, from: string, to: string): CompiledQuery {
  return relata.kysely.schema.alterTable(from).renameTo(to).compile();
}

/** ALTER TABLE … RENAME COLUMN. @internal */
export function compileRenameColumn(relata: SqlSession, table: string, from: string, to: string): CompiledQuery {
  return relata.kysely.schema.alterTable(table).renameColumn(from, to).compile();
}

/** ALTER TABLE … DROP COLUMN. @internal */
export function compileDropColumn(relata: SqlSession, table: string, column: string): CompiledQuery {
  return relata.kysely.schema.alterTable(table).dropColumn(column).compile();
}

/**
 * ALTER TABLE … ADD COLUMN, plus the foreign key as its own constraint where inline REFERENCES are
 * ignored (MySQL), named `<table>_<column>_fkey` as `sync()` names it.
 * @internal
 */
export function compileAddColumn(relata: SqlSession, table: string, spec: ColumnSpec): CompiledQuery[] {
  const adapter = relata.adapter;
  const attr = spec.attribute;
  const statements = [relata.kysely.schema.alterTable(table).addColumn(attr.field, columnDataType(adapter, spec), (col) => columnSpecOptions(col, spec, adapter, true)).compile()];
  if (attr.references !== undefined && (!adapter.capabilities.inlineReferences || referenceNeedsConstraint(attr.references, adapter.capabilities.deferrableConstraints))) {
    statements.push(compileAddConstraint(relata, table, foreignKeyOf(table, spec)));
  }
  return statements;
}

/** The foreign key a column's `references` declares, as a named table constraint. @internal */
export function foreignKeyOf(table: string, spec: ColumnSpec): TableConstraintSpec {
  const attr = spec.attribute;
  const ref = attr.references;
  if (ref === undefined) throw InvalidOptionError.expected(`${table}.${attr.field}`, 'references', 'a table and key', ref);
  return { type: 'foreign key', name: `${table}_${attr.field}_fkey`, fields: [attr.field], referencedTable: ref.model, referencedFields: [ref.key], onDelete: attr.onDelete, onUpdate: attr.onUpdate, deferrable: ref.deferrable };
}

/**
 * Changes a column's type, nullability and default: `ALTER COLUMN … TYPE … USING`, `SET/DROP NOT
 * NULL`, `SET/DROP DEFAULT` (pg, mssql), or `MODIFY COLUMN` with the whole definition (mysql).
 * @internal
 */
export function compileChangeColumn(relata: SqlSession, table: string, spec: ColumnSpec, mode: 'alter' | 'modify'): CompiledQuery {
  const adapter = relata.adapter;
  // The key stays as it is: ALTER/MODIFY would otherwise declare a second primary key.
  const attribute = { ...spec.attribute, primaryKey: false };
  const plain: ColumnSpec = { ...spec, attribute };
  if (mode === 'modify') {
    return relata.kysely.schema.alterTable(table).modifyColumn(attribute.field, columnDataType(adapter, plain), (col) => columnSpecOptions(col, plain, adapter, false)).compile();
  }
  // A serial type exists only at creation; an auto-increment column keeps its sequence default.
  const type = spec.rawType ?? (attribute.autoIncrement ? adapter.columnType(attribute.type) : columnTypeFor(adapter, attribute));
  const column = attribute.field;
  let q = relata.kysely.schema.alterTable(table).alterColumn(column, (ac) => ac.setDataType(sql`${sql.raw(type)} USING ${sql.id(column)}::${sql.raw(type)}`));
  q = q.alterColumn(column, (ac) => (attribute.allowNull ? ac.dropNotNull() : ac.setNotNull()));
  if (!attribute.autoIncrement) {
    const dflt = spec.sqlDefault ?? ddlDefaultExpression(relata, attribute.hasDefault ? attribute.defaultValue : undefined);
    q = q.alterColumn(column, (ac) => (dflt === undefined ? ac.dropDefault() : ac.setDefault(dflt)));
  }
  return q.compile();
}

function ddlDefaultExpression(relata: SqlSession, value: unknown): Expression<unknown> | undefined {
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    return sql.raw(literalSql(relata, typeof value === 'boolean' && !relata.adapter.capabilities.booleanLiterals ? Number(value) : value));
  }
  return undefined;
}

/**
 * The text of one column definition (`"age" INTEGER NOT NULL DEFAULT 0 REFERENCES …`), for table
 * rebuilds, compiled by the same builder as CREATE TABLE.
 * @internal
 */
export function compileColumnDefinition(relata: SqlSession, spec: ColumnSpec): string {
  const adapter = relata.adapter;
  const compiled = relata.kysely.schema.createTable(COLUMN_PROBE).addColumn(spec.attribute.field, columnDataType(adapter, spec), (col) => columnSpecOptions(col, spec, adapter, true)).compile().sql;
  const open = compiled.indexOf('(');
  return compiled.slice(open + 1, compiled.lastIndexOf(')')).trim();
}

/**
 * The text of a table constraint (`CONSTRAINT "x" UNIQUE ("a", "b")`), for table rebuilds.
 * @internal
 */
export function compileConstraintDefinition(relata: SqlSession, spec: TableConstraintSpec): string {
  const ids = (names: readonly string[]) => sql.join(names.map((n) => sql.id(n)));
  const name = sql.id(spec.name);
  let text: RawBuilder<unknown>;
  switch (spec.type) {
    case 'unique':
      text = sql`CONSTRAINT ${name} UNIQUE (${ids(spec.fields)})`;
      break;
    case 'primary key':
      text = sql`CONSTRAINT ${name} PRIMARY KEY (${ids(spec.fields)})`;
      break;
    case 'check':
      text = sql`CONSTRAINT ${name} CHECK (${inlineExpression(relata, spec.expression)})`;
      break;
    case 'foreign key':
      text = sql`CONSTRAINT ${name} FOREIGN KEY (${ids(spec.fields)}) REFERENCES ${sql.id(spec.referencedTable)} (${ids(spec.referencedFields)})${sql.raw(actions(spec.onDelete, spec.onUpdate))}`;
      break;
  }
  return text.compile(relata.kysely).sql;
}

function actions(onDelete: ReferentialAction | undefined, onUpdate: ReferentialAction | undefined): string {
  return `${onDelete === undefined ? '' : ` ON DELETE ${onDelete}`}${onUpdate === undefined ? '' : ` ON UPDATE ${onUpdate}`}`;
}

/** ALTER TABLE … ADD CONSTRAINT. @internal */
export function compileAddConstraint(relata: SqlSession, table: string, spec: TableConstraintSpec): CompiledQuery {
  const alter = relata.kysely.schema.alterTable(table);
  switch (spec.type) {
    case 'unique':
      return alter.addUniqueConstraint(spec.name, [...spec.fields]).compile();
    case 'primary key':
      return alter.addPrimaryKeyConstraint(spec.name, [...spec.fields]).compile();
    case 'check':
      return alter.addCheckConstraint(spec.name, inlineExpression(relata, spec.expression)).compile();
    case 'foreign key': {
      let q = alter.addForeignKeyConstraint(spec.name, [...spec.fields], spec.referencedTable, [...spec.referencedFields]);
      if (spec.onDelete !== undefined) q = q.onDelete(spec.onDelete.toLowerCase() as never);
      if (spec.onUpdate !== undefined) q = q.onUpdate(spec.onUpdate.toLowerCase() as never);
      return withDeferral(q, spec.deferrable, relata.adapter.capabilities.deferrableConstraints).compile();
    }
  }
}

/** ALTER TABLE … DROP CONSTRAINT. @internal */
export function compileDropConstraint(relata: SqlSession, table: string, name: string): CompiledQuery {
  return relata.kysely.schema.alterTable(table).dropConstraint(name).compile();
}

/** CREATE [UNIQUE] INDEX name ON table (columns) [USING …] [WHERE …]. @internal */
export function compileAddIndex(relata: SqlSession, table: string, index: IndexSpec): CompiledQuery {
  let q = relata.kysely.schema.createIndex(index.name).on(table);
  for (const f of index.fields) {
    if ('expression' in f) q = q.expression(inlineExpression(relata, f.expression));
    else q = q.column(f.order === undefined ? f.name : `${f.name} ${f.order.toLowerCase()}`);
  }
  if (index.unique) q = q.unique();
  if (index.using !== undefined && relata.adapter.capabilities.indexUsing) q = q.using(index.using);
  if (index.where !== undefined) q = q.where(inlineExpression(relata, index.where) as never);
  return q.compile();
}

/** DROP INDEX name [ON table]. @internal */
export function compileDropIndex(relata: SqlSession, table: string, name: string, onTable: boolean): CompiledQuery {
  const q = relata.kysely.schema.dropIndex(name);
  return (onTable ? q.on(table) : q).compile();
}

/**
 * Counts the rows of `child` whose key columns are all set but match no row of `parent`:
 * `SELECT COUNT(*) AS "n" FROM child AS c WHERE c.k IS NOT NULL AND NOT EXISTS (SELECT 1 FROM parent AS p WHERE p.id = c.k)`.
 * @internal
 */
export function compileOrphanCount(relata: SqlSession, child: string, columns: readonly string[], parent: string, referenced: readonly string[]): CompiledQuery {
  const c = '__child';
  const p = '__parent';
  const notNull = columns.map((col) => sql`${sql.id(c, col)} IS NOT NULL`);
  const match = columns.map((col, i) => sql`${sql.id(p, referenced[i] ?? col)} = ${sql.id(c, col)}`);
  return relata.kysely
    .selectFrom(sql.id(child).as(c) as never)
    .select(sql<number>`COUNT(*)`.as('n'))
    .where(sql<boolean>`${sql.join(notNull, sql` AND `)} AND NOT EXISTS (SELECT 1 FROM ${sql.id(parent)} AS ${sql.id(p)} WHERE ${sql.join(match, sql` AND `)})`)
    .compile();
}

/** SELECT one column of every row, ordered by it (the migration history). @internal */
export function compileSelectColumn(relata: SqlSession, table: string, column: string): CompiledQuery {
  return relata.kysely
    .selectFrom(table as never)
    .select(sql.ref(column).as(column) as never)
    .orderBy(sql.ref(column) as never)
    .compile();
}
