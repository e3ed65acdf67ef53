/**
 * What instance and bulk writes share: the transaction of a unit of work, attribute values as
 * column values, the INSERT that reads back keys and defaults, and the WHERE of one instance.
 */
import type { QueryResult } from 'kysely';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { ExpressionContext } from '../query/expression-context.js';
import { and, type Expr } from '../query/expression.js';
import { Cast, Col, Fn, Literal } from '../query/fragments.js';
import { paranoidFilter } from '../query/plan-find.js';
import type { CreateOptions } from '../query/query-options.js';
import { compileWhere, fragmentExpr } from '../query/where.js';
import type { QueryRunOptions } from '../query/query-options.js';
import type { TransactionalSession } from '../sql/session.js';
import { ColumnExpr, compileInsert, type ConflictAction } from '../sql/writes.js';
import { readRow } from './instance-state.js';
import type { ModelDefinition, NormalizedAttribute } from '../metadata/model-definition.js';
import type { Model } from './model.js';
import { idReadBack, sqliteRowidKeys, sqliteRowidsInSequence, withReturning, type IdReadBack } from './generated-ids.js';
import { executeWrite } from './unique-violation.js';
import { unnestInsert } from './unnest-insert.js';

type ModelClass = typeof Model;

/** Runs a unit of work atomically: inside the active transaction, or a new one. @internal */
export function atomically<T>(relata: TransactionalSession, options: { transaction?: unknown }, fn: (t: { transaction: never }) => Promise<T>): Promise<T> {
  const active = options.transaction === undefined ? relata.currentTransaction() : options.transaction;
  if (active) return fn({ transaction: active as never });
  return relata.transaction({ transaction: null }, (t) => fn({ transaction: t as never }));
}

/** Whether create/bulkCreate options name associations to create along. @internal */
export function hasIncludes(options: CreateOptions): boolean {
  return options.include !== undefined && options.include !== null && !(Array.isArray(options.include) && options.include.length === 0);
}

/** Attribute values → column values for the given attributes, converted by type. @internal */
export function columnValues(definition: ModelDefinition, values: Readonly<Record<string, unknown>>, attributes: readonly string[], omitNull: boolean): Record<string, unknown> {
  return rowColumns(definition, columnPlan(definition, attributes, omitNull), values, { mask: 0, plain: true });
}

/**
 * `columnValues` of many rows, and whether they all have the same columns (a multi-row VALUES
 * then needs no filling); `plain` when they also hold only values to bind (no expression), so
 * they form a grid `compileInsert` need not check again. A Date shared by the rows (their
 * timestamps) is converted once.
 * @internal
 */
export function columnRows(
  definition: ModelDefinition,
  rows: readonly Readonly<Record<string, unknown>>[],
  attributes: readonly string[],
  omitNull: boolean,
): { rows: Record<string, unknown>[]; uniform: boolean; plain: boolean } {
  const plan = columnPlan(definition, attributes, omitNull);
  const out = new Array<Record<string, unknown>>(rows.length);
  let uniform = plan.length <= 30;
  let mask = -1;
  const written = { mask: 0, plain: true };
  for (let i = 0; i < rows.length; i++) {
    out[i] = rowColumns(definition, plan, rows[i] as Readonly<Record<string, unknown>>, written);
    if (mask === -1) mask = written.mask;
    else if (written.mask !== mask) uniform = false;
  }
  return { rows: out, uniform, plain: uniform && written.plain && mask !== 0 };
}

interface ColumnPlan {
  attr: NormalizedAttribute;
  /** null is left out (omitNull, or an auto-increment key the database generates). */
  skipNull: boolean;
  lastDate: Date | undefined;
  lastDb: unknown;
}

function columnPlan(definition: ModelDefinition, attributes: readonly string[], omitNull: boolean): ColumnPlan[] {
  const plan: ColumnPlan[] = [];
  for (const name of attributes) {
    const attr = definition.attributes.get(name);
    if (!attr || attr.isVirtual) continue;
    plan.push({ attr, skipNull: omitNull || (attr.autoIncrement && attr.primaryKey), lastDate: undefined, lastDb: undefined });
  }
  return plan;
}

/**
 * One row's column values; `written.mask` gets the plan entries it wrote, one bit each, and
 * `written.plain` turns false (and stays) when a value is not one to bind as is: an expression,
 * or what a type's `toDb` made of a value that is neither a primitive, null, a Date nor bytes.
 */
function rowColumns(definition: ModelDefinition, plan: ColumnPlan[], values: Readonly<Record<string, unknown>>, written: { mask: number; plain: boolean }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let mask = 0;
  let plain = written.plain;
  let ctx: ExpressionContext | undefined;
  for (let i = 0; i < plan.length; i++) {
    const p = plan[i] as ColumnPlan;
    const attr = p.attr;
    const value = values[attr.name];
    if (value === undefined || (value === null && p.skipNull)) continue;
    mask |= 1 << i;
    if (value === null) out[attr.field] = null;
    else if (typeof value !== 'object') {
      const db = attr.type.toDb(value);
      if (plain && !bindable(db)) plain = false;
      out[attr.field] = db;
    } else if (value instanceof Date) {
      if (value !== p.lastDate) {
        p.lastDate = value;
        p.lastDb = attr.type.toDb(value);
      }
      if (plain && !bindable(p.lastDb)) plain = false;
      out[attr.field] = p.lastDb;
    } else if (value instanceof Literal) {
      plain = false;
      out[attr.field] = new ColumnExpr({ kind: 'literal', sql: value.val });
    } else if (value instanceof Fn || value instanceof Cast || value instanceof Col) {
      // A written fn()/cast()/col() is SQL the database evaluates (`create({ name: fn('upper', 'ada') })`,
      // `update({ alias: col('name') })`), as in Sequelize.
      plain = false;
      ctx ??= new ExpressionContext({ definition, tableAlias: undefined, clause: 'written values' });
      out[attr.field] = new ColumnExpr(fragmentExpr(value, ctx));
    } else {
      const db = attr.type.toDb(value);
      if (plain && !bindable(db)) plain = false;
      out[attr.field] = db;
    }
  }
  written.mask = mask;
  written.plain = plain;
  return out;
}

/** A value compileInsert binds as is (see its plainGrid): a primitive but undefined, null, a Date or bytes. */
function bindable(value: unknown): boolean {
  if (value === undefined) return false;
  return typeof value !== 'object' || value === null || value instanceof Date || value instanceof Uint8Array;
}

/** What an INSERT read back: rows (RETURNING) or generated ids (insertId). @internal */
export interface Inserted {
  rows: (Record<string, unknown> | undefined)[];
  /** The generated keys, by row (undefined where the row gave its own). */
  insertIds: unknown[];
}

/** Inserts rows in one statement, reading back keys and database defaults. @internal */
export async function insertRows(
  model: ModelClass,
  rows: Record<string, unknown>[],
  options: { transaction?: unknown; logging?: unknown },
  conflict: ConflictAction,
  uniform = false,
  plain = false,
): Promise<Inserted> {
  const definition = model.definition;
  const relata = model.sequelize;
  const caps = relata.adapter.capabilities;
  const normalized = uniform ? rows : normalizeColumns(rows);
  const auto = definition.autoIncrementAttribute;
  let readBack: IdReadBack | undefined;
  if (caps.returning === 'none' && rows.length > 1 && auto !== undefined && conflict.kind === 'error') {
    const generated = countGenerated(rows, auto.field);
    if (generated > 0) readBack = await idReadBack(relata, options as QueryRunOptions, generated === rows.length);
    if (readBack === 'row-by-row') return insertEach(model, rows, options, conflict);
  }
  // Read back only what the database decided: the keys and the columns no row supplied (defaults).
  const supplied = new Set(Object.keys(normalized[0] ?? {}));
  // MariaDB's RETURNING fallback reads the ids only, as insertId would have given them.
  const returned =
    readBack === 'returning' ? [auto as NormalizedAttribute] : caps.returning === 'none' ? [] : definition.physicalAttributes.filter((a) => a.primaryKey || !supplied.has(a.field));
  if (auto !== undefined && returned.length === 1 && returned[0] === auto && rows.length > 1 && conflict.kind === 'error' && relata.getDialect() === 'sqlite') {
    const keys = await sqliteKeys(model, normalized, auto, options as QueryRunOptions, plain);
    if (keys !== undefined) return keys;
  }
  const returning = returned.map((a) => a.field);
  const unnest = plain && conflict.kind === 'error' && relata.getDialect() === 'postgres' ? await unnestInsert(relata, definition, normalized, returning, options as QueryRunOptions) : undefined;
  let result: QueryResult<Record<string, unknown>>;
  if (unnest !== undefined) {
    try {
      result = await executeWrite(model, unnest.compiled, options as QueryRunOptions, undefined);
    } catch (error) {
      unnest.failed();
      throw error;
    }
  } else {
    const compiled = compileInsert(relata, definition.sqlTable, normalized, returning, conflict, plain);
    const statement = readBack === 'returning' ? withReturning(compiled, returning) : compiled;
    result = await executeWrite(model, statement, options as QueryRunOptions, rows.length === 1 ? rows[0] : undefined);
  }
  if (returned.length > 0) {
    if (returned.length === 1 && auto !== undefined && returned[0] === auto && conflict.kind === 'error' && rows.length > 1 && countGenerated(rows, auto.field) === rows.length) {
      // Only generated keys came back: read them as keys, without a values object per row.
      const { field, type } = auto;
      return { rows: [], insertIds: result.rows.map((row) => (row[field] === null || row[field] === undefined ? null : type.fromDb(row[field]))) };
    }
    const reader = { keys: returning, types: returned.map((a) => a.type) };
    return { rows: result.rows.map((row) => fieldsToAttributes(definition, readRow(row, reader))), insertIds: [] };
  }
  const first = result.insertId === undefined ? undefined : Number(result.insertId);
  // One row: insertId is its generated id. Several: the block that idReadBack found consecutive.
  const insertIds: (number | undefined)[] = [];
  let next = first;
  for (const row of rows) {
    const generates = next !== undefined && next !== 0 && auto !== undefined && row[auto.field] === undefined;
    insertIds.push(generates ? next : undefined);
    if (generates) next = (next as number) + 1;
  }
  return { rows: [], insertIds };
}

/**
 * SQLite: the rows inserted without RETURNING when only their generated keys would be read back
 * and the key is the table's rowid (see sqliteRowidKeys): the keys follow from the last rowid.
 * Undefined, before any write, when RETURNING is needed.
 */
async function sqliteKeys(model: ModelClass, rows: Record<string, unknown>[], auto: NormalizedAttribute, options: QueryRunOptions, plain: boolean): Promise<Inserted | undefined> {
  const relata = model.sequelize;
  const table = model.definition.sqlTable;
  if (countGenerated(rows, auto.field) !== rows.length || !(await sqliteRowidKeys(relata, table, auto.field, options))) return undefined;
  if (!(await sqliteRowidsInSequence(relata, table, rows.length, options))) return undefined;
  const result = await executeWrite(model, compileInsert(relata, table, rows, [], { kind: 'error' }, plain), options, undefined);
  const last = Number(result.insertId);
  const first = last - rows.length + 1;
  return { rows: [], insertIds: rows.map((_, i) => first + i) };
}

/** One INSERT per row, where a multi-row INSERT's ids cannot be told (see generated-ids.ts). */
async function insertEach(model: ModelClass, rows: Record<string, unknown>[], options: { transaction?: unknown; logging?: unknown }, conflict: ConflictAction): Promise<Inserted> {
  const insertIds: unknown[] = [];
  for (const row of rows) insertIds.push((await insertRows(model, [row], options, conflict)).insertIds[0]);
  return { rows: [], insertIds };
}

function countGenerated(rows: readonly Record<string, unknown>[], field: string): number {
  let n = 0;
  for (const row of rows) if (row[field] === undefined) n++;
  return n;
}

/**
 * Multi-row VALUES need the same columns in every row; missing ones become DEFAULT-equivalent
 * nulls only where allowed.
 */
function normalizeColumns(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  if (rows.length <= 1) return rows;
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return rows.map((row) => {
    if (Object.keys(row).length === columns.size) return row;
    const full: Record<string, unknown> = {};
    for (const c of columns) full[c] = c in row ? row[c] : null;
    return full;
  });
}

/** A row by column name → attribute values. @internal */
export function fieldsToAttributes(definition: ModelDefinition, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) {
    const attr = definition.fieldToAttribute.get(field);
    if (attr) out[attr.name] = value;
  }
  return out;
}

/** Writes what an INSERT read back (keys, defaults) into an instance's values. @internal */
export function applyInserted(model: ModelClass, values: Record<string, unknown>, row: Record<string, unknown> | undefined, insertId: unknown): void {
  if (row) {
    for (const key in row) values[key] = row[key];
    return;
  }
  const auto = model.definition.autoIncrementAttribute;
  if (auto && insertId !== undefined && values[auto.name] == null) values[auto.name] = insertId;
}

/** The WHERE naming one instance by its primary key. @internal */
export function primaryKeyWhere(model: ModelClass, instance: Model): Expr {
  const definition = model.definition;
  if (definition.primaryKeys.length === 0) {
    throw new InvalidOptionError(`${model.name} has no primary key, so one instance cannot be updated or deleted; use ${model.name}.update/destroy with a where`);
  }
  return and(
    definition.primaryKeys.map((name) => {
      const attr = definition.attributes.get(name);
      const value = instance.dataValues[name];
      if (!attr || value === null || value === undefined) {
        throw new InvalidOptionError(`${model.name}: the instance has no value for primary key "${name}"; save it first`);
      }
      return { kind: 'binary', op: '=', left: { kind: 'column', table: undefined, column: attr.field }, right: { kind: 'value', value: attr.type.toDb(value) } } as Expr;
    }),
  );
}

/** A write's where, with the paranoid filter. @internal */
export function whereFor(model: ModelClass, where: unknown, clause: string, paranoid: boolean | undefined): Expr {
  const definition = model.definition;
  const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause });
  return and([compileWhere(where, ctx), paranoidFilter(definition, undefined, paranoid)]);
}

/** `conflictWhere`: the predicate of a partial unique index named as the conflict target (PostgreSQL, SQLite). @internal */
export function conflictWhere(model: ModelClass, where: unknown, method: string): Expr | undefined {
  if (where === undefined) return undefined;
  if (model.sequelize.adapter.capabilities.upsert !== 'on-conflict') {
    throw InvalidOptionError.expected(`${model.name}.${method}`, 'conflictWhere', `left out: ${model.sequelize.getDialect()} has no partial conflict targets (as in Sequelize)`, where);
  }
  return whereFor(model, where, 'conflictWhere', false);
}

/** OR of the given predicates (one stays as is). @internal */
export function anyOf(items: readonly Expr[]): Expr {
  return items.length === 1 ? (items[0] as Expr) : { kind: 'logical', op: 'or', items };
}

/** `SET x = x + by` for each field (and the version). @internal */
export function incrementValues(model: ModelClass, fields: string | readonly string[] | Record<string, number>, by: number, sign: 1 | -1): Record<string, ColumnExpr> {
  const definition = model.definition;
  const amounts: Record<string, number> = typeof fields === 'string' ? { [fields]: by } : Array.isArray(fields) ? Object.fromEntries(fields.map((f: string) => [f, by])) : (fields as Record<string, number>);
  const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause: 'increment' });
  const out: Record<string, ColumnExpr> = {};
  for (const [name, amount] of Object.entries(amounts)) {
    const column = ctx.attribute(name);
    if (typeof amount !== 'number' || !Number.isFinite(amount)) throw InvalidOptionError.expected(`${model.name}.increment`, `the amount for ${name}`, 'a finite number', amount);
    out[(column.attribute as { field: string }).field] = new ColumnExpr({ kind: 'binary', op: '+', left: column.expr, right: { kind: 'value', value: amount * sign } });
  }
  if (definition.version !== undefined) {
    // As in Sequelize, the version goes up by one, whether the fields go up or down.
    const version = ctx.attribute(definition.version);
    out[(version.attribute as { field: string }).field] = new ColumnExpr({ kind: 'binary', op: '+', left: version.expr, right: { kind: 'value', value: 1 } });
  }
  return out;
}
