import { AggregateError as BulkAggregateError } from '../errors/aggregate-error.js';
import { BulkRecordError } from '../errors/bulk-record-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { BulkCreateOptions } from '../query/query-options.js';
import type { ConflictAction } from '../sql/writes.js';
import { buildInstance, resetChanges, writableAttributes } from './instance-state.js';
import type { Model } from './model.js';
import { bulkConflictColumns } from './conflict-target.js';
import { createWithIncludes } from './nested-create.js';
import { timestampNames, validateValues } from './validation.js';
import { applyInserted, atomically, columnValues, conflictWhere, hasIncludes, insertRows } from './write-statements.js';

/** `Model.bulkCreate`: many rows, one INSERT per chunk of the dialect's parameter limit, all or nothing. */

type ModelClass = typeof Model;

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
