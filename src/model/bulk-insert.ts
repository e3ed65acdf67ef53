/** `Model.bulkCreate`: many rows, one INSERT per chunk of the dialect's parameter limit, all or nothing. */
import { AggregateError as BulkAggregateError } from '../errors/aggregate-error.js';
import { BulkRecordError } from '../errors/bulk-record-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { BulkCreateOptions } from '../query/query-options.js';
import type { ConflictAction } from '../sql/writes.js';
import { buildInstance, createInstance, resetChanges, resolveDefault, writableAttributes, type InstanceState } from './instance-state.js';
import type { HookName } from './hooks.js';
import type { Model } from './model.js';
import { bulkConflictColumns } from '../sql/conflict-target.js';
import { createWithIncludes } from './nested-create.js';
import { timestampNames, validateValues } from './validation.js';
import { applyInserted, atomically, columnRows, conflictWhere, hasIncludes, insertRows } from './write-statements.js';

type ModelClass = typeof Model;

/**
 * A bulkCreate option relata/typeorm's `insert()` sets (by `Symbol.for`, as it reaches relata only
 * through the public entry): the records were checked already, and the answer is each row's
 * values as inserted (generated keys and defaults included) instead of instances.
 * @internal
 */
export const VALUES_ONLY: unique symbol = Symbol.for('relata.bulkCreate.valuesOnly') as never;

/** Whether bulkCreate was asked for values instead of instances (see VALUES_ONLY). @internal */
export function valuesOnly(options: object | undefined): boolean {
  return options !== undefined && options !== null && (options as Record<symbol, unknown>)[VALUES_ONLY] === true;
}

/** @internal */
export async function bulkCreate(model: ModelClass, records: readonly Record<string, unknown>[], options: BulkCreateOptions): Promise<Model[]> {
  if (!Array.isArray(records)) throw InvalidOptionError.expected(`${model.name}.bulkCreate`, 'records', 'an array of objects', records);
  if (hasIncludes(options)) return createWithIncludes(model, records, options, 'bulk');
  const definition = model.definition;
  const relata = model.sequelize;
  const hooks = options.hooks !== false;
  if (records.length === 0) return [];
  const asValues = valuesOnly(options);
  if (plainRows(model, options)) {
    const created = await bulkCreatePlain(model, records, options, conflictFor(model, options), asValues);
    if (created !== undefined) return created;
  }
  const instances = records.map((r) => buildInstance(model, r, { isNewRecord: true, raw: options.raw === true }));
  if (hooks) await model.runHooks('beforeBulkCreate', instances, options);
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
  const conflict = conflictFor(model, options);
  return atomically(relata, options, async ({ transaction }) => {
    if (hooks && options.individualHooks) for (const i of instances) await model.runHooks('beforeCreate', i, options);
    await insertValues(model, instances.map((i) => i.dataValues), fields, conflict, { ...options, transaction });
    for (const instance of instances) {
      instance.isNewRecord = false;
      instance._options.isNewRecord = false;
      resetChanges(instance);
    }
    if (hooks && options.individualHooks) for (const i of instances) await model.runHooks('afterCreate', i, options);
    if (hooks) await model.runHooks('afterBulkCreate', instances, options);
    return asValues ? (instances.map((instance) => instance.dataValues) as unknown as Model[]) : instances;
  });
}

/**
 * Stamps the timestamps, then inserts the rows' values, one statement per chunk of the dialect's
 * parameter limit, and writes what the database generated (keys, defaults) into them.
 */
async function insertValues(model: ModelClass, rowValues: Record<string, unknown>[], fields: readonly string[], conflict: ConflictAction, options: BulkCreateOptions): Promise<void> {
  const definition = model.definition;
  const now = new Date();
  const { createdAt, updatedAt } = definition.timestamps;
  for (const values of rowValues) {
    if (createdAt && values[createdAt] == null) values[createdAt] = now;
    if (updatedAt && values[updatedAt] == null) values[updatedAt] = now;
  }
  const insertFields = [...fields, ...[createdAt, updatedAt].filter((n): n is string => n !== undefined && !fields.includes(n))];
  const { rows, uniform, plain } = columnRows(definition, rowValues, insertFields, false);
  const width = Object.keys(rows[0] ?? {}).length;
  // Rows with no column to write (an id-only model) are inserted one DEFAULT VALUES row each.
  const perStatement = width === 0 ? 1 : Math.max(1, Math.floor(model.sequelize.adapter.capabilities.maxParameters / (width + 1)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.length <= perStatement ? rows : rows.slice(start, start + perStatement);
    const inserted = await insertRows(model, chunk, options, conflict, uniform, plain);
    for (let i = 0; i < chunk.length; i++) {
      const values = rowValues[start + i] as Record<string, unknown>;
      if (conflict.kind === 'error') applyInserted(model, values, inserted.rows[i], inserted.insertIds[i]);
      else if (inserted.rows.length === chunk.length) applyInserted(model, values, inserted.rows[i], undefined);
    }
  }
}

/**
 * Whether the rows can skip the instance life cycle until they are inserted: no hook receives the
 * instances, nothing validates them, no setter or class field takes part in setting their values.
 * The instances are then made from the inserted values, as loaded rows are.
 */
function plainRows(model: ModelClass, options: BulkCreateOptions): boolean {
  if (options.validate === true) return false;
  if (options.hooks !== false) {
    const relata = model.sequelize;
    const has = (hook: HookName): boolean => model.hookRegistry.has(hook) || relata.hasHook(hook);
    if (has('beforeBulkCreate') || has('afterBulkCreate')) return false;
    if (options.individualHooks === true && (has('beforeCreate') || has('afterCreate'))) return false;
  }
  const definition = model.definition;
  if (options.raw !== true) {
    if (definition.setterMethods.size > 0) return false;
    for (const attr of definition.attributes.values()) if (attr.set !== undefined) return false;
  }
  return plainClass(model);
}

const PLAIN_CLASSES = new WeakMap<object, boolean>();

/** A model class whose instances get no own fields or values from its constructor (one probe per class). */
function plainClass(model: ModelClass): boolean {
  const prototype = model.prototype as object;
  let plain = PLAIN_CLASSES.get(prototype);
  if (plain === undefined) {
    const probe = createInstance(prototype, {}, true, { isNewRecord: true, raw: true }) as InstanceState;
    plain = Reflect.ownKeys(probe).length === 5 && Object.keys(probe.dataValues).length === 0;
    PLAIN_CLASSES.set(prototype, plain);
  }
  return plain;
}

/**
 * `bulkCreate` of plain rows (see `plainRows`): each row's values are built as `build()` would set
 * them (defaults, then the given values in their order), inserted, and become saved instances.
 * Answers undefined, before any write, when a row needs the instance path after all.
 */
async function bulkCreatePlain(model: ModelClass, records: readonly Record<string, unknown>[], options: BulkCreateOptions, conflict: ConflictAction, asValues: boolean): Promise<Model[] | undefined> {
  const definition = model.definition;
  const defaults = [...definition.attributes.values()].filter((a) => a.hasDefault || (a.primaryKey && a.autoIncrement));
  const rowValues: Record<string, unknown>[] = new Array(records.length);
  for (let r = 0; r < records.length; r++) {
    const record = records[r] as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    for (const attr of defaults) if (record[attr.name] === undefined) values[attr.name] = attr.hasDefault ? resolveDefault(attr.defaultValue) : null;
    // The record's own enumerable keys, as Object.keys lists them, without an array per record.
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      // set() refuses "__proto__"; the instance path reports it.
      if (key === '__proto__') return undefined;
      values[key] = record[key];
    }
    rowValues[r] = values;
  }
  const fields = options.fields ? [...options.fields] : writableAttributes(definition);
  return atomically(model.sequelize, options, async ({ transaction }) => {
    await insertValues(model, rowValues, fields, conflict, { ...options, transaction });
    if (asValues) return rowValues as unknown as Model[];
    const prototype = model.prototype;
    // One options object for the batch, as a loaded result set shares one.
    const instanceOptions = { isNewRecord: false, raw: options.raw === true, include: undefined };
    return rowValues.map((values) => createInstance(prototype, values, false, instanceOptions));
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
