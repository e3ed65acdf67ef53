import type { CompiledQuery, QueryResult } from 'kysely';
import { cascadesThroughHooks } from '../associations/cascade.js';
import { AggregateError as BulkAggregateError } from '../errors/aggregate-error.js';
import { BulkRecordError } from '../errors/bulk-record-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { OptimisticLockError } from '../errors/optimistic-lock-error.js';
import { UniqueConstraintError } from '../errors/unique-constraint-error.js';
import { ExpressionContext } from '../query/expression-context.js';
import { and, type Expr } from '../query/expression.js';
import { Cast, Col, Fn, Literal } from '../query/fragments.js';
import { paranoidFilter } from '../query/plan-find.js';
import type { BulkCreateOptions, CreateOptions, DestroyOptions, IncrementOptions, RestoreOptions, SaveOptions, TruncateOptions, UpdateOptions, UpsertOptions } from '../query/query-options.js';
import { compileWhere, fragmentExpr } from '../query/where.js';
import type { QueryRunOptions } from '../query/query-options.js';
import type { TransactionalSession } from '../sql/session.js';
import { uniqueGroups } from '../sql/ddl.js';
import { ColumnExpr, compileDelete, compileInsert, compileTruncate, compileUpdate, type ConflictAction } from '../sql/writes.js';
import { buildInstance, readRow, sameValue, writableAttributes } from './instance-state.js';
import type { ModelDefinition } from '../metadata/model-definition.js';
import type { Model } from './model.js';
import { bulkConflictColumns, upsertConflictColumns } from '../sql/conflict-target.js';
import { createWithIncludes } from './nested-create.js';
import { validateValues } from './validation.js';

type ModelClass = typeof Model;


/** Runs a unit of work atomically: inside the active transaction, or a new one. @internal */
export function atomically<T>(relata: TransactionalSession, options: { transaction?: unknown }, fn: (t: { transaction: never }) => Promise<T>): Promise<T> {
  const active = options.transaction === undefined ? relata.currentTransaction() : options.transaction;
  if (active) return fn({ transaction: active as never });
  return relata.transaction({ transaction: null }, (t) => fn({ transaction: t as never }));
}

/** @internal */
export async function create(model: ModelClass, values: Record<string, unknown>, options: CreateOptions): Promise<Model> {
  if (hasIncludes(options)) return (await createWithIncludes(model, [values], options, 'each'))[0] as Model;
  const instance = buildInstance(model, values, { isNewRecord: true, raw: options.raw === true });
  return save(instance, options as SaveOptions);
}

function hasIncludes(options: CreateOptions): boolean {
  return options.include !== undefined && options.include !== null && !(Array.isArray(options.include) && options.include.length === 0);
}

/** @internal */
export async function validateInstance(instance: Model, options: { skip?: readonly string[]; fields?: readonly string[] }): Promise<void> {
  const model = instance.constructor as ModelClass;
  const definition = model.definition;
  const skip = new Set(options.skip ?? []);
  const fields = (options.fields ?? [...definition.attributes.keys()]).filter((f) => !skip.has(f));
  await validateValues(definition, instance, instance.dataValues, fields, { skipNullCheck: timestampNames(definition) });
}

const TIMESTAMP_NAMES = new WeakMap<ModelDefinition, ReadonlySet<string>>();

function timestampNames(definition: ModelDefinition): ReadonlySet<string> {
  let names = TIMESTAMP_NAMES.get(definition);
  if (names === undefined) {
    const t = definition.timestamps;
    names = new Set([t.createdAt, t.updatedAt, t.deletedAt].filter((n): n is string => n !== undefined));
    TIMESTAMP_NAMES.set(definition, names);
  }
  return names;
}

async function runValidation(
  model: ModelClass,
  instance: Model,
  fields: readonly string[],
  options: SaveOptions,
  validate: () => Promise<void> = () => validateInstance(instance, { fields }),
): Promise<void> {
  if (options.validate === false) return;
  const hooks = options.hooks !== false;
  if (hooks) await model.runHooks('beforeValidate', instance, options);
  try {
    await validate();
  } catch (error) {
    if (hooks) await model.runHooks('validationFailed', instance, options, error);
    throw error;
  }
  if (hooks) await model.runHooks('afterValidate', instance, options);
}

/** INSERT or UPDATE of one instance. @internal */
export async function save(instance: Model, options: SaveOptions): Promise<Model> {
  const model = instance.constructor as ModelClass;
  const definition = model.definition;
  const relata = model.sequelize;
  const hooks = options.hooks !== false;
  const now = new Date();
  const { createdAt, updatedAt } = definition.timestamps;

  if (instance.isNewRecord) {
    let fields = options.fields ? [...options.fields] : writableAttributes(definition);
    await runValidation(model, instance, fields, options);
    if (hooks) {
      await model.runHooks('beforeCreate', instance, options);
    }
    if (createdAt && instance.dataValues[createdAt] == null) instance.dataValues[createdAt] = now;
    if (updatedAt && (instance.dataValues[updatedAt] == null || !options.silent)) instance.dataValues[updatedAt] = instance.dataValues[updatedAt] ?? now;
    fields = options.fields ? [...options.fields, ...[createdAt, updatedAt, definition.version].filter((n): n is string => n !== undefined)] : writableAttributes(definition);
    const row = columnValues(definition, instance.dataValues, fields, relata.options.omitNull === true);
    const inserted = await insertRows(model, [row], options, { kind: 'error' });
    applyInserted(model, instance, inserted.rows[0], inserted.insertIds[0]);
    instance.isNewRecord = false;
    instance._options.isNewRecord = false;
    resetChanges(instance);
    if (hooks) {
      await model.runHooks('afterCreate', instance, options);
    }
    return instance;
  }

  const changedBefore = instance.changed() || [];
  let fields = (options.fields ? changedBefore.filter((f) => options.fields?.includes(f)) : changedBefore).filter((f) => definition.attributes.has(f));
  if (fields.length === 0) return instance;
  await runValidation(model, instance, fields, options);
  if (hooks) {
    const beforeHooks = { ...instance.dataValues };
    await model.runHooks('beforeUpdate', instance, options);
    // With `fields`, only what the hooks themselves changed joins them (Sequelize's hookChanged).
    const changedAfter = (instance.changed() || []).filter((f) => !options.fields || !sameValue(beforeHooks[f], instance.dataValues[f]));
    fields = [...new Set([...fields, ...changedAfter.filter((f) => definition.attributes.has(f))])];
    if (!options.fields) {
      // Sequelize validates again what the update hooks changed, running the validation hooks a second time.
      const hookChanged = changedAfter.filter((f) => definition.attributes.has(f) && !sameValue(beforeHooks[f], instance.dataValues[f]));
      await runValidation(model, instance, hookChanged, options);
    }
  }
  if (updatedAt && !options.silent && !fields.includes(updatedAt)) {
    instance.dataValues[updatedAt] = now;
    fields.push(updatedAt);
  }
  const values = columnValues(definition, instance.dataValues, fields, false);
  const locked = definition.version === undefined ? undefined : versionCheck(model, instance, values);
  if (Object.keys(values).length > 0) {
    const where = primaryKeyWhere(model, instance);
    const result = await executeWrite(model, compileUpdate(relata, definition.sqlTable, values, locked ? and([where, locked.where]) : where, []), options, values);
    if (locked) {
      if (Number(result.numAffectedRows ?? result.rows.length) < 1) throw OptimisticLockError.staleInstance(model.name, values, locked.whereValues);
      instance.dataValues[locked.attribute] = locked.next;
      instance._previousDataValues[locked.attribute] = locked.next;
    }
  }
  if (options.fields) {
    // Changes outside `fields` were not written, so they stay pending.
    for (const f of fields) {
      instance._previousDataValues[f] = instance.dataValues[f];
      instance._changed.delete(f);
    }
  } else {
    resetChanges(instance);
  }
  if (hooks) {
    await model.runHooks('afterUpdate', instance, options);
  }
  return instance;
}

function resetChanges(instance: Model): void {
  instance._previousDataValues = { ...instance.dataValues };
  instance._changed.clear();
}

/** Attribute values → column values for the given attributes, converted by type. @internal */
export function columnValues(definition: ModelDefinition, values: Readonly<Record<string, unknown>>, attributes: readonly string[], omitNull: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let ctx: ExpressionContext | undefined;
  for (const name of attributes) {
    const attr = definition.attributes.get(name);
    if (!attr || attr.isVirtual) continue;
    const value = values[name];
    if (value === undefined) continue;
    if (value === null && (omitNull || (attr.autoIncrement && attr.primaryKey))) continue;
    if (value instanceof Literal) out[attr.field] = new ColumnExpr({ kind: 'literal', sql: value.val });
    else if (value instanceof Fn || value instanceof Cast || value instanceof Col) {
      // A written fn()/cast()/col() is SQL the database evaluates (`create({ name: fn('upper', 'ada') })`,
      // `update({ alias: col('name') })`), as in Sequelize.
      ctx ??= new ExpressionContext({ definition, tableAlias: undefined, clause: 'written values' });
      out[attr.field] = new ColumnExpr(fragmentExpr(value, ctx));
    } else out[attr.field] = value === null ? null : attr.type.toDb(value);
  }
  return out;
}

interface Inserted {
  rows: (Record<string, unknown> | undefined)[];
  insertIds: (number | undefined)[];
}

async function insertRows(model: ModelClass, rows: Record<string, unknown>[], options: { transaction?: unknown; logging?: unknown }, conflict: ConflictAction): Promise<Inserted> {
  const definition = model.definition;
  const relata = model.sequelize;
  const caps = relata.adapter.capabilities;
  const normalized = normalizeColumns(rows);
  // Read back only what the database decided: the keys and the columns no row supplied (defaults).
  const supplied = new Set(Object.keys(normalized[0] ?? {}));
  const returned = caps.returning === 'none' ? [] : definition.physicalAttributes.filter((a) => a.primaryKey || !supplied.has(a.field));
  const returning = returned.map((a) => a.field);
  const compiled = compileInsert(relata, definition.sqlTable, normalized, returning, conflict);
  const result = await executeWrite(model, compiled, options as QueryRunOptions, rows.length === 1 ? rows[0] : undefined);
  if (caps.returning !== 'none') {
    const reader = { keys: returning, types: returned.map((a) => a.type) };
    return { rows: result.rows.map((row) => fieldsToAttributes(definition, readRow(row, reader))), insertIds: [] };
  }
  const first = result.insertId === undefined ? undefined : Number(result.insertId);
  const auto = definition.autoIncrementAttribute;
  // mysql reports the first generated id; a multi-row INSERT allocates consecutive ids.
  const insertIds = rows.map((row, i) => (first === undefined || first === 0 || !auto || row[auto.field] !== undefined ? undefined : first + countGenerated(rows, auto.field, i)));
  return { rows: [], insertIds };
}

function countGenerated(rows: readonly Record<string, unknown>[], field: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo; i++) if ((rows[i] as Record<string, unknown>)[field] === undefined) n++;
  return n;
}

// Multi-row VALUES need the same columns in every row; missing ones become DEFAULT-equivalent nulls only where allowed.
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

/** Runs a write statement, naming the columns of a unique violation reported by key name. */
async function executeWrite(model: ModelClass, compiled: CompiledQuery, options: QueryRunOptions, row: Record<string, unknown> | undefined): Promise<QueryResult<Record<string, unknown>>> {
  try {
    return await model.sequelize.execute(compiled, options);
  } catch (error) {
    throw withUniqueColumns(model.definition, error, row);
  }
}

/**
 * MySQL/MariaDB name the violated key, not its columns (`{ Users_email_unique: 'a@b.c' }`, a
 * composite key's values joined by '-'). When the key is one of this model's, report its columns
 * as the other dialects do, with the written values (Sequelize maps them through `uniqueKeys`).
 */
function withUniqueColumns(definition: ModelDefinition, error: unknown, row: Record<string, unknown> | undefined): unknown {
  if (!(error instanceof UniqueConstraintError) || error.constraint === undefined) return error;
  const reported = Object.keys(error.fields);
  if (reported.length !== 1 || reported[0] !== error.constraint) return error;
  const columns = uniqueKeyColumns(definition).get(error.constraint);
  if (columns === undefined) return error;
  const text = error.fields[error.constraint];
  const parts = typeof text === 'string' ? text.split('-') : [];
  const valueOf = (column: string, i: number): unknown => {
    if (columns.length === 1) return text;
    if (row !== undefined && column in row) return row[column];
    return parts.length === columns.length ? parts[i] : undefined;
  };
  const fields = Object.fromEntries(columns.map((column, i) => [column, valueOf(column, i)]));
  return new UniqueConstraintError({ message: error.message, sql: error.sql, parameters: error.parameters, cause: error.cause, fields, constraint: error.constraint });
}

function uniqueKeyColumns(definition: ModelDefinition): Map<string, readonly string[]> {
  const keys: Map<string, readonly string[]> = uniqueGroups(definition);
  for (const index of definition.indexes) if (index.unique) keys.set(index.name, [...index.fields]);
  const primary = definition.primaryKeys.map((name) => definition.attributes.get(name)?.field ?? name);
  if (primary.length > 0) keys.set('PRIMARY', primary);
  return keys;
}

function fieldsToAttributes(definition: ModelDefinition, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) {
    const attr = definition.fieldToAttribute.get(field);
    if (attr) out[attr.name] = value;
  }
  return out;
}

function applyInserted(model: ModelClass, instance: Model, row: Record<string, unknown> | undefined, insertId: number | undefined): void {
  if (row) {
    for (const [key, value] of Object.entries(row)) instance.dataValues[key] = value;
    return;
  }
  const auto = model.definition.autoIncrementAttribute;
  if (auto && insertId !== undefined && instance.dataValues[auto.name] == null) instance.dataValues[auto.name] = insertId;
}

/**
 * Optimistic locking (`version` option): the UPDATE writes the version plus one and matches the
 * version the instance holds, so a row saved by someone else since matches nothing.
 */
function versionCheck(model: ModelClass, instance: Model, values: Record<string, unknown>): { attribute: string; next: number; where: Expr; whereValues: Record<string, unknown> } {
  const definition = model.definition;
  const attribute = definition.version as string;
  const attr = definition.attributes.get(attribute) as { field: string };
  const current = instance.dataValues[attribute];
  const next = Number.parseInt(String(current), 10) + 1;
  values[attr.field] = next;
  const whereValues: Record<string, unknown> = {};
  for (const key of definition.primaryKeys) whereValues[definition.attributes.get(key)?.field ?? key] = instance.dataValues[key];
  whereValues[attr.field] = current;
  const where = { kind: 'binary', op: '=', left: { kind: 'column', table: undefined, column: attr.field }, right: { kind: 'value', value: current } } as Expr;
  return { attribute, next, where, whereValues };
}

function primaryKeyWhere(model: ModelClass, instance: Model): Expr {
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

function whereFor(model: ModelClass, where: unknown, clause: string, paranoid: boolean | undefined): Expr {
  const definition = model.definition;
  const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause });
  return and([compileWhere(where, ctx), paranoidFilter(definition, undefined, paranoid)]);
}

/** @internal */
export async function bulkCreate(model: ModelClass, records: readonly Record<string, unknown>[], options: BulkCreateOptions): Promise<Model[]> {
  if (!Array.isArray(records)) throw InvalidOptionError.expected(`${model.name}.bulkCreate`, 'records', 'an array of objects', records);
  if (hasIncludes(options)) return createWithIncludes(model, records, options, 'bulk');
  const definition = model.definition;
  const relata = model.sequelize;
  const hooks = options.hooks !== false;
  const instances = records.map((r) => buildInstance(model, r, { isNewRecord: true, raw: options.raw === true }));
  if (instances.length === 0) return [];
  if (hooks) await model.runHooks('beforeBulkCreate', instances, options);
  const now = new Date();
  const { createdAt, updatedAt } = definition.timestamps;
  const fields = options.fields ? [...options.fields] : writableAttributes(definition);
  // As in Sequelize, rows are validated only with validate: true (the database still checks its
  // constraints); the validate hooks run per row with individualHooks.
  if (options.validate === true) {
    const skipNullCheck = timestampNames(definition);
    const validateHooks = hooks && options.individualHooks === true;
    // Every row is validated; the failures are reported together, as Sequelize does: an
    // AggregateError of one BulkRecordError per failing row, and nothing is inserted.
    const failures: BulkRecordError[] = [];
    for (const instance of instances) {
      try {
        if (validateHooks) await model.runHooks('beforeValidate', instance, options);
        try {
          const pending = validateValues(definition, instance, instance.dataValues, fields, { skipNullCheck });
          if (pending !== undefined) await pending;
        } catch (error) {
          if (validateHooks) await model.runHooks('validationFailed', instance, options, error);
          throw error;
        }
        if (validateHooks) await model.runHooks('afterValidate', instance, options);
      } catch (error) {
        failures.push(new BulkRecordError(error as Error, instance));
      }
    }
    if (failures.length > 0) throw new BulkAggregateError(failures);
  }
  return atomically(relata, options, async ({ transaction }) => {
    if (hooks && options.individualHooks) for (const i of instances) await model.runHooks('beforeCreate', i, options);
    for (const instance of instances) {
      if (createdAt && instance.dataValues[createdAt] == null) instance.dataValues[createdAt] = now;
      if (updatedAt && instance.dataValues[updatedAt] == null) instance.dataValues[updatedAt] = now;
    }
    const insertFields = [...fields, ...[createdAt, updatedAt].filter((n): n is string => n !== undefined && !fields.includes(n))];
    const rows = instances.map((i) => columnValues(definition, i.dataValues, insertFields, false));
    const conflict = conflictFor(model, options);
    const width = Object.keys(rows[0] ?? {}).length;
    // Rows with no column to write (an id-only model) are inserted one DEFAULT VALUES row each.
    const perStatement = width === 0 ? 1 : Math.max(1, Math.floor(relata.adapter.capabilities.maxParameters / (width + 1)));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const inserted = await insertRows(model, chunk, { ...options, transaction }, conflict);
      chunk.forEach((_, i) => {
        const instance = instances[start + i] as Model;
        if (conflict.kind === 'error') applyInserted(model, instance, inserted.rows[i], inserted.insertIds[i]);
        else if (inserted.rows.length === chunk.length) applyInserted(model, instance, inserted.rows[i], undefined);
      });
    }
    for (const instance of instances) {
      instance.isNewRecord = false;
      instance._options.isNewRecord = false;
      resetChanges(instance);
    }
    if (hooks && options.individualHooks) for (const i of instances) await model.runHooks('afterCreate', i, options);
    if (hooks) await model.runHooks('afterBulkCreate', instances, options);
    return instances;
  });
}

function conflictFor(model: ModelClass, options: BulkCreateOptions): ConflictAction {
  const definition = model.definition;
  const given: unknown = options.updateOnDuplicate;
  if (given !== undefined && (!Array.isArray(given) || given.length === 0)) {
    // Sequelize's wording, with what was given and what is valid.
    throw new InvalidOptionError(`${model.name}.bulkCreate: updateOnDuplicate option only supports non-empty array. Got ${Array.isArray(given) ? 'an empty array' : typeof given}; list attributes of ${model.name} (${definition.attributeNames.join(', ')})`);
  }
  if (options.updateOnDuplicate) {
    const field = (name: string): string => {
      const attr = definition.attributes.get(name);
      if (!attr) throw InvalidOptionError.expected(`${model.name}.bulkCreate`, 'updateOnDuplicate', `attributes of ${model.name} (${definition.attributeNames.join(', ')})`, name);
      return attr.field;
    };
    const target = options.conflictAttributes ? options.conflictAttributes.map(field) : bulkConflictColumns(definition);
    return { kind: 'update', target, update: options.updateOnDuplicate.map(field), where: conflictWhere(model, options.conflictWhere, 'bulkCreate') };
  }
  if (options.ignoreDuplicates) return { kind: 'ignore' };
  return { kind: 'error' };
}

/** @internal */
export async function bulkUpdate(model: ModelClass, values: Record<string, unknown>, options: UpdateOptions): Promise<[number, Model[]]> {
  if (!options || options.where === undefined) {
    throw InvalidOptionError.expected(`${model.name}.update`, 'options.where', 'a where clause (use where: {} to update every row)', undefined);
  }
  if (options.individualHooks === true && options.hooks !== false) {
    return atomically(model.sequelize, options, ({ transaction }) => updateEach(model, values, { ...options, transaction }));
  }
  const definition = model.definition;
  const relata = model.sequelize;
  const hooks = options.hooks !== false;
  const attrs = Object.keys(values).filter((k) => options.fields === undefined || options.fields.includes(k));
  const updatedAt = definition.timestamps.updatedAt;
  if (attrs.every((k) => k === updatedAt)) {
    // Nothing but the timestamp to write: Sequelize skips the statement and reports no row.
    if (hooks) await model.runHooks('afterBulkUpdate', options);
    return [0] as unknown as [number, Model[]];
  }
  for (const key of attrs) if (!definition.attributes.has(key)) new ExpressionContext({ definition, tableAlias: undefined, clause: 'update values' }).attribute(key);
  const data: Record<string, unknown> = Object.fromEntries(attrs.map((k) => [k, values[k]]));
  if (updatedAt && !options.silent && data[updatedAt] === undefined) data[updatedAt] = new Date();
  if (options.validate !== false) {
    // As in Sequelize: the values are validated on a built instance, with the validation hooks, before beforeBulkUpdate.
    const probe = buildInstance(model, data, { isNewRecord: false, raw: true });
    const checked = Object.keys(data).filter((k) => k !== updatedAt);
    await runValidation(model, probe, checked, options as SaveOptions, async () => {
      await validateValues(definition, probe, data, checked);
    });
  }
  if (hooks) await model.runHooks('beforeBulkUpdate', options);
  const where = whereFor(model, options.where, 'where', options.paranoid);
  const row = columnValues(definition, data, Object.keys(data), false);
  if (Object.keys(row).length === 0) return [0, []];
  const returning = options.returning && relata.adapter.capabilities.returning !== 'none' ? definition.physicalAttributes.map((a) => a.field) : [];
  const result = await executeWrite(model, compileUpdate(relata, definition.sqlTable, row, where, returning), options, row);
  const affected = Number(result.numAffectedRows ?? result.rows.length);
  const reader = { keys: definition.physicalAttributes.map((a) => a.field), types: definition.physicalAttributes.map((a) => a.type) };
  const rows = returning.length > 0 ? result.rows.map((r) => buildInstance(model, fieldsToAttributes(definition, readRow(r, reader)), { isNewRecord: false, raw: true })) : [];
  if (hooks) await model.runHooks('afterBulkUpdate', options);
  return returning.length > 0 ? [rows.length, rows] : ([affected] as unknown as [number, Model[]]);
}

/** @internal */
export async function bulkDestroy(model: ModelClass, options: DestroyOptions): Promise<number> {
  const definition = model.definition;
  const relata = model.sequelize;
  if (options.truncate) {
    await truncate(model, options);
    return 0;
  }
  if (options.where === undefined) {
    throw InvalidOptionError.expected(`${model.name}.destroy`, 'options.where', 'a where clause (use where: {} or truncate: true to delete every row)', undefined);
  }
  if ((options.individualHooks === true && options.hooks !== false) || options.limit !== undefined) {
    return atomically(relata, options, ({ transaction }) => destroyEach(model, { ...options, transaction }));
  }
  const hooks = options.hooks !== false;
  if (hooks) await model.runHooks('beforeBulkDestroy', options);
  const deletedAt = definition.timestamps.deletedAt;
  const where = whereFor(model, options.where, 'where', definition.paranoid && !options.force ? undefined : false);
  let affected: number;
  if (definition.paranoid && deletedAt && !options.force) {
    const field = (definition.attributes.get(deletedAt) as { field: string }).field;
    const result = await relata.execute(compileUpdate(relata, definition.sqlTable, { [field]: new Date() }, where, []), options);
    affected = Number(result.numAffectedRows ?? 0);
  } else {
    const result = await relata.execute(compileDelete(relata, definition.sqlTable, where), options);
    affected = Number(result.numAffectedRows ?? 0);
  }
  if (hooks) await model.runHooks('afterBulkDestroy', options);
  return affected;
}

/** @internal */
export async function bulkRestore(model: ModelClass, options: RestoreOptions): Promise<void> {
  const definition = model.definition;
  const deletedAt = definition.timestamps.deletedAt;
  if (!definition.paranoid || !deletedAt) throw new InvalidOptionError(`${model.name} is not paranoid, so there is nothing to restore`);
  const relata = model.sequelize;
  if (options.individualHooks === true && options.hooks !== false) {
    return atomically(relata, options, ({ transaction }) => restoreEach(model, { ...options, transaction }));
  }
  if (options.hooks !== false) await model.runHooks('beforeBulkRestore', options);
  const field = (definition.attributes.get(deletedAt) as { field: string }).field;
  await relata.execute(compileUpdate(relata, definition.sqlTable, { [field]: null }, whereFor(model, options.where, 'where', false), []), options);
  if (options.hooks !== false) await model.runHooks('afterBulkRestore', options);
}

/** @internal */
export async function destroyInstance(instance: Model, options: DestroyOptions): Promise<void> {
  const model = instance.constructor as ModelClass;
  const definition = model.definition;
  const relata = model.sequelize;
  const hooks = options.hooks !== false;
  if (hooks && options.transaction === undefined && relata.currentTransaction() === undefined && cascadesThroughHooks(model)) {
    // The ORM cascade (hooks: true) deletes the children one statement each before this row: all or nothing.
    return relata.transaction((t) => destroyInstance(instance, { ...options, transaction: t }));
  }
  if (hooks) await model.runHooks('beforeDestroy', instance, options);
  const deletedAt = definition.timestamps.deletedAt;
  if (definition.paranoid && deletedAt && !options.force) {
    const now = new Date();
    instance.dataValues[deletedAt] = now;
    const field = (definition.attributes.get(deletedAt) as { field: string }).field;
    await relata.execute(compileUpdate(relata, definition.sqlTable, { [field]: now }, primaryKeyWhere(model, instance), []), options);
    instance._previousDataValues[deletedAt] = now;
  } else {
    await relata.execute(compileDelete(relata, definition.sqlTable, primaryKeyWhere(model, instance)), options);
  }
  if (hooks) await model.runHooks('afterDestroy', instance, options);
}

/** @internal */
export async function restoreInstance(instance: Model, options: SaveOptions): Promise<void> {
  const model = instance.constructor as ModelClass;
  const definition = model.definition;
  const deletedAt = definition.timestamps.deletedAt;
  if (!definition.paranoid || !deletedAt) throw new InvalidOptionError(`${model.name} is not paranoid, so there is nothing to restore`);
  if (options.hooks !== false) await model.runHooks('beforeRestore', instance, options);
  const field = (definition.attributes.get(deletedAt) as { field: string }).field;
  await model.sequelize.execute(compileUpdate(model.sequelize, definition.sqlTable, { [field]: null }, primaryKeyWhere(model, instance), []), options);
  instance.dataValues[deletedAt] = null;
  instance._previousDataValues[deletedAt] = null;
  if (options.hooks !== false) await model.runHooks('afterRestore', instance, options);
}

/** @internal */
export async function upsert(model: ModelClass, values: Record<string, unknown>, options: UpsertOptions): Promise<[Model, boolean | null]> {
  const definition = model.definition;
  const instance = buildInstance(model, values, { isNewRecord: true });
  const fields = options.fields ? [...options.fields] : Object.keys(values).filter((k) => definition.attributes.has(k));
  const { createdAt, updatedAt } = definition.timestamps;
  const now = new Date();
  if (createdAt && instance.dataValues[createdAt] == null) instance.dataValues[createdAt] = now;
  if (updatedAt) instance.dataValues[updatedAt] = now;
  await runValidation(model, instance, writableAttributes(definition), options as SaveOptions);
  if (options.hooks !== false) await model.runHooks('beforeUpsert', values, options);
  const insertFields = writableAttributes(definition);
  const row = columnValues(definition, instance.dataValues, insertFields, false);
  const written = [...fields, ...(updatedAt ? [updatedAt] : [])];
  const column = (name: string): string => definition.attributes.get(name)?.field ?? name;
  const conflictTarget = options.conflictFields ? options.conflictFields.map(column) : upsertConflictColumns(definition, written.map(column));
  const update = written
    .filter((n) => !definition.primaryKeys.includes(n) && n !== createdAt)
    .map((n) => (definition.attributes.get(n) as { field: string }).field);
  const where = conflictWhere(model, options.conflictWhere, 'upsert');
  const inserted = await insertRows(model, [row], options, { kind: 'update', target: conflictTarget, update: [...new Set(update)], where });
  applyInserted(model, instance, inserted.rows[0], inserted.insertIds[0]);
  instance.isNewRecord = false;
  resetChanges(instance);
  if (options.hooks !== false) await model.runHooks('afterUpsert', [instance, null], options);
  return [instance, null];
}

/** `conflictWhere`: the predicate of a partial unique index named as the conflict target (PostgreSQL, SQLite). */
function conflictWhere(model: ModelClass, where: unknown, method: string): Expr | undefined {
  if (where === undefined) return undefined;
  if (model.sequelize.adapter.capabilities.upsert !== 'on-conflict') {
    throw InvalidOptionError.expected(`${model.name}.${method}`, 'conflictWhere', `left out: ${model.sequelize.getDialect()} has no partial conflict targets (as in Sequelize)`, where);
  }
  return whereFor(model, where, 'conflictWhere', false);
}

function incrementValues(model: ModelClass, fields: string | readonly string[] | Record<string, number>, by: number, sign: 1 | -1): Record<string, ColumnExpr> {
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

/** @internal */
export async function increment(
  model: ModelClass,
  fields: string | readonly string[] | Record<string, number>,
  options: IncrementOptions,
  sign: 1 | -1,
): Promise<[[Record<string, unknown>[] | undefined, number]]> {
  const definition = model.definition;
  const relata = model.sequelize;
  const values: Record<string, unknown> = incrementValues(model, fields, options.by ?? 1, sign);
  const updatedAt = definition.timestamps.updatedAt;
  if (updatedAt && !options.silent) values[(definition.attributes.get(updatedAt) as { field: string }).field] = new Date();
  // Sequelize 6 answers `[[rows, count]]`: the updated rows, by column, where it reads them back (PostgreSQL), else undefined.
  const withRows = relata.adapter.capabilities.bulkIncrementReturnsRows;
  const returning = withRows ? definition.physicalAttributes.map((a) => a.field) : [];
  const result = await relata.execute(compileUpdate(relata, definition.sqlTable, values, whereFor(model, options.where ?? {}, 'where', undefined), returning), options);
  if (!withRows) return [[undefined, Number(result.numAffectedRows ?? 0)]];
  const reader = { keys: returning, types: definition.physicalAttributes.map((a) => a.type) };
  const rows = result.rows.map((row) => readRow(row, reader));
  return [[rows, rows.length]];
}

/** @internal */
export async function incrementInstance(instance: Model, fields: string | readonly string[] | Record<string, number>, options: IncrementOptions, sign: 1 | -1): Promise<Model> {
  const model = instance.constructor as ModelClass;
  const definition = model.definition;
  const relata = model.sequelize;
  const values: Record<string, unknown> = incrementValues(model, fields, options.by ?? 1, sign);
  const updatedAt = definition.timestamps.updatedAt;
  if (updatedAt && !options.silent) values[(definition.attributes.get(updatedAt) as { field: string }).field] = new Date();
  const returning = relata.adapter.capabilities.returning === 'returning' ? definition.physicalAttributes.map((a) => a.field) : [];
  const result = await relata.execute(compileUpdate(relata, definition.sqlTable, values, primaryKeyWhere(model, instance), returning), options);
  if (returning.length > 0 && result.rows[0]) {
    const reader = { keys: definition.physicalAttributes.map((a) => a.field), types: definition.physicalAttributes.map((a) => a.type) };
    Object.assign(instance.dataValues, fieldsToAttributes(definition, readRow(result.rows[0], reader)));
    resetChanges(instance);
  }
  return instance;
}

/** @internal */
export async function truncate(model: ModelClass, options: TruncateOptions): Promise<void> {
  const relata = model.sequelize;
  await relata.execute(compileTruncate(relata, model.definition.sqlTable, options), options);
}

// ------------------------------------------------------------------ individualHooks and limit

/**
 * `Model.update` with `individualHooks`, as Sequelize runs it: the matching rows are loaded, each
 * gets the values and its `beforeUpdate` hooks; when the hooks changed every row alike, one UPDATE
 * writes them, otherwise each row is saved on its own. Then `afterUpdate` runs for each row.
 * Runs inside the caller's transaction (the caller opens one).
 */
async function updateEach(model: ModelClass, values: Record<string, unknown>, options: UpdateOptions): Promise<[number, Model[]]> {
  const definition = model.definition;
  await model.runHooks('beforeBulkUpdate', options);
  const find = { where: options.where, transaction: options.transaction, logging: options.logging, ...(options.paranoid === undefined ? {} : { paranoid: options.paranoid }) };
  const instances = (await model.findAll(find as never)) as unknown as Model[];
  const attrs = Object.keys(values).filter((k) => definition.attributes.has(k) && (options.fields === undefined || options.fields.includes(k)));
  let uniform: Record<string, unknown> | undefined;
  let different = false;
  for (const instance of instances) {
    for (const key of attrs) instance.set(key, values[key]);
    await model.runHooks('beforeUpdate', instance, options);
    const changed: Record<string, unknown> = {};
    for (const key of instance.changed() || []) changed[key] = instance.dataValues[key];
    if (uniform === undefined) uniform = changed;
    else if (!different) different = !sameChanges(uniform, changed);
  }
  let affected = 0;
  if (instances.length > 0 && different) {
    // As in Sequelize, each row is saved with the fields of the update only: what a hook changed
    // elsewhere stays on the instance, unsaved.
    const saveOptions = { transaction: options.transaction, hooks: false, validate: false, fields: attrs, ...(options.silent === undefined ? {} : { silent: options.silent }) };
    for (const instance of instances) await save(instance, saveOptions as SaveOptions);
    affected = instances.length;
  } else if (instances.length > 0) {
    // The given values, plus what the hooks changed alike on every row (Sequelize's changedValues).
    const written: Record<string, unknown> = { ...Object.fromEntries(attrs.map((k) => [k, values[k]])), ...uniform };
    const [count] = await bulkUpdate(model, written, { ...options, individualHooks: false, hooks: false });
    affected = count;
    const { updatedAt } = definition.timestamps;
    for (const instance of instances) {
      if (updatedAt && !options.silent) instance.dataValues[updatedAt] = instance.dataValues[updatedAt] ?? new Date();
      resetChanges(instance);
    }
  }
  for (const instance of instances) await model.runHooks('afterUpdate', instance, options);
  await model.runHooks('afterBulkUpdate', options);
  return [affected, instances];
}

function sameChanges(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}

/**
 * `Model.destroy` with `individualHooks` or `limit`: the matching rows (at most `limit`) are
 * loaded by key, their `beforeDestroy` hooks run, one statement deletes (or soft-deletes) exactly
 * those keys, then `afterDestroy` runs for each. Selecting the keys first gives `limit` the same
 * meaning on every dialect (MariaDB's DELETE … LIMIT, a keyed subquery elsewhere).
 */
async function destroyEach(model: ModelClass, options: DestroyOptions): Promise<number> {
  const definition = model.definition;
  const relata = model.sequelize;
  const hooks = options.hooks !== false;
  const individual = hooks && options.individualHooks === true;
  if (hooks) await model.runHooks('beforeBulkDestroy', options);
  const limit = options.limit;
  const find = {
    where: options.where,
    transaction: options.transaction,
    logging: options.logging,
    paranoid: !(definition.paranoid && options.force),
    ...(individual ? {} : { attributes: [...definition.primaryKeys] }),
    ...(limit === undefined ? {} : { limit }),
  };
  const instances = (await model.findAll(find as never)) as unknown as Model[];
  if (individual) for (const instance of instances) await model.runHooks('beforeDestroy', instance, options);
  let affected = 0;
  if (instances.length > 0) {
    const where = anyOf(instances.map((instance) => primaryKeyWhere(model, instance)));
    const deletedAt = definition.timestamps.deletedAt;
    if (definition.paranoid && deletedAt && !options.force) {
      const now = new Date();
      const field = (definition.attributes.get(deletedAt) as { field: string }).field;
      const result = await relata.execute(compileUpdate(relata, definition.sqlTable, { [field]: now }, where, []), options);
      affected = Number(result.numAffectedRows ?? 0);
      for (const instance of instances) instance.dataValues[deletedAt] = now;
    } else {
      const result = await relata.execute(compileDelete(relata, definition.sqlTable, where), options);
      affected = Number(result.numAffectedRows ?? 0);
    }
  }
  if (individual) for (const instance of instances) await model.runHooks('afterDestroy', instance, options);
  if (hooks) await model.runHooks('afterBulkDestroy', options);
  return affected;
}

/** `Model.restore` with `individualHooks`: `beforeRestore`/`afterRestore` run for each restored row. */
async function restoreEach(model: ModelClass, options: RestoreOptions): Promise<void> {
  const definition = model.definition;
  const relata = model.sequelize;
  const deletedAt = definition.timestamps.deletedAt as string;
  await model.runHooks('beforeBulkRestore', options);
  const find = { where: options.where, transaction: options.transaction, logging: options.logging, paranoid: false, ...(options.limit === undefined ? {} : { limit: options.limit }) };
  const instances = (await model.findAll(find as never)) as unknown as Model[];
  for (const instance of instances) await model.runHooks('beforeRestore', instance, options);
  if (instances.length > 0) {
    const field = (definition.attributes.get(deletedAt) as { field: string }).field;
    const where = anyOf(instances.map((instance) => primaryKeyWhere(model, instance)));
    await relata.execute(compileUpdate(relata, definition.sqlTable, { [field]: null }, where, []), options);
    for (const instance of instances) {
      instance.dataValues[deletedAt] = null;
      instance._previousDataValues[deletedAt] = null;
    }
  }
  for (const instance of instances) await model.runHooks('afterRestore', instance, options);
  await model.runHooks('afterBulkRestore', options);
}

function anyOf(items: readonly Expr[]): Expr {
  return items.length === 1 ? (items[0] as Expr) : { kind: 'logical', op: 'or', items };
}
