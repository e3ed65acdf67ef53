/** Writes of one instance: create, save (INSERT or UPDATE), destroy, restore, increment. */
import { cascadesThroughHooks } from '../associations/cascade.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { OptimisticLockError } from '../errors/optimistic-lock-error.js';
import { and, type Expr } from '../query/expression.js';
import type { CreateOptions, DestroyOptions, IncrementOptions, SaveOptions } from '../query/query-options.js';
import { compileDelete, compileUpdate } from '../sql/writes.js';
import { buildInstance, readRow, resetChanges, sameValue, writableAttributes } from './instance-state.js';
import type { Model } from './model.js';
import { createWithIncludes } from './nested-create.js';
import { executeWrite } from './unique-violation.js';
import { runValidation } from './validation.js';
import { applyInserted, columnValues, fieldsToAttributes, hasIncludes, incrementValues, insertRows, primaryKeyWhere } from './write-statements.js';

type ModelClass = typeof Model;

/** @internal */
export async function create(model: ModelClass, values: Record<string, unknown>, options: CreateOptions): Promise<Model> {
  if (hasIncludes(options)) return (await createWithIncludes(model, [values], options, 'each'))[0] as Model;
  const instance = buildInstance(model, values, { isNewRecord: true, raw: options.raw === true });
  return save(instance, options as SaveOptions);
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
    applyInserted(model, instance.dataValues, inserted.rows[0], inserted.insertIds[0]);
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
