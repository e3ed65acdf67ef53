/**
 * Writes of many rows by a where (update, destroy, restore, increment), upsert and truncate,
 * with the per-row hooks of `individualHooks`.
 */
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { ExpressionContext } from '../query/expression-context.js';
import type { DestroyOptions, IncrementOptions, RestoreOptions, SaveOptions, TruncateOptions, UpdateOptions, UpsertOptions } from '../query/query-options.js';
import { compileDelete, compileTruncate, compileUpdate } from '../sql/writes.js';
import { buildInstance, readRow, resetChanges, sameValue, writableAttributes } from './instance-state.js';
import type { Model } from './model.js';
import { upsertConflictColumns } from '../sql/conflict-target.js';
import { save } from './instance-writes.js';
import { executeWrite } from './unique-violation.js';
import { runValidation, validateValues } from './validation.js';
import { anyOf, applyInserted, atomically, columnValues, conflictWhere, fieldsToAttributes, incrementValues, insertRows, primaryKeyWhere, whereFor } from './write-statements.js';

type ModelClass = typeof Model;

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
  applyInserted(model, instance.dataValues, inserted.rows[0], inserted.insertIds[0]);
  instance.isNewRecord = false;
  resetChanges(instance);
  if (options.hooks !== false) await model.runHooks('afterUpsert', [instance, null], options);
  return [instance, null];
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
  // As sequelize@6: no paranoid filter, soft-deleted rows are incremented too.
  const result = await relata.execute(compileUpdate(relata, definition.sqlTable, values, whereFor(model, options.where ?? {}, 'where', false), returning), options);
  if (!withRows) return [[undefined, Number(result.numAffectedRows ?? 0)]];
  const reader = { keys: returning, types: definition.physicalAttributes.map((a) => a.type) };
  const rows = result.rows.map((row) => readRow(row, reader));
  return [[rows, rows.length]];
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
