/**
 * Model's find-or-build calls (`findOrBuild`, `findCreateFind`) and the `rejectOnEmpty` default of
 * its finders: what the class's methods do beyond handing over to the find pipeline.
 */
import { BaseError } from '../errors/base-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { FindOptions, FindOrCreateOptions } from '../query/query-options.js';
import * as finders from './finders.js';
import { buildInstance } from './instance-state.js';
import { KNOWN_OPTIONS as OPTIONS } from './known-options.js';
import type { Model } from './model.js';
import { internalOptions } from './option-list.js';
import { writableValues } from './value-keys.js';

type ModelClass = typeof Model;

/**
 * `Model.findOrBuild`: a find, else an unsaved instance built from `where` and `defaults`.
 * @internal
 */
export async function findOrBuild(model: ModelClass, options: FindOrCreateOptions): Promise<[Model, boolean]> {
  const problem = OPTIONS.findOrCreate.problem(options, model, 'findOrBuild') ?? whereRequired(model, options, 'findOrBuild');
  if (problem !== undefined) throw problem;
  const { defaults, ...find } = options as unknown as Record<string, unknown>;
  const found = await finders.findOne(model as never, internalOptions(find) as FindOptions);
  if (found !== null) return [found as unknown as Model, false];
  const values = writableValues(model, valuesFromWhere(find.where, defaults), 'findOrBuild', undefined, 'set');
  if (values instanceof BaseError) throw values;
  return [buildInstance(model as never, values as Record<string, unknown>, {}), true];
}

/**
 * `Model.findCreateFind`: a find, then a create when nothing matched, then the find again when a
 * concurrent create won the race on a unique key.
 * @internal
 */
export async function findCreateFind(model: ModelClass, options: FindOrCreateOptions): Promise<[Model, boolean]> {
  const problem = OPTIONS.findOrCreate.problem(options, model, 'findCreateFind') ?? whereRequired(model, options, 'findCreateFind');
  if (problem !== undefined) throw problem;
  const { defaults, ...find } = options as unknown as Record<string, unknown>;
  const found = await finders.findOne(model as never, internalOptions({ ...find }) as FindOptions);
  if (found !== null) return [found as unknown as Model, false];
  const values = writableValues(model, valuesFromWhere(find.where, defaults), 'findCreateFind', undefined, 'set');
  if (values instanceof BaseError) throw values;
  // Inside a transaction the create runs in a savepoint (taking turns with concurrent calls), so a
  // lost race on a unique key leaves the transaction usable for the find that follows.
  return finders.createOrFindAgain(model as never, values as Record<string, unknown>, internalOptions({ ...find }) as unknown as FindOrCreateOptions) as Promise<[Model, boolean]>;
}

/** `where`'s plain attribute values under `defaults`, as Sequelize builds the row to create. */
function valuesFromWhere(where: unknown, defaults: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = { ...((defaults ?? {}) as Record<string, unknown>) };
  if (where === null || typeof where !== 'object' || Object.getPrototypeOf(where) !== Object.prototype) return values;
  for (const [key, value] of Object.entries(where)) {
    if (key in values) continue;
    if (value === null || typeof value !== 'object' || value instanceof Date) values[key] = value;
  }
  return values;
}

function whereRequired(model: ModelClass, options: unknown, method: string): InvalidOptionError | undefined {
  const where = (options as { where?: unknown } | undefined)?.where;
  if (where !== undefined && where !== null) return undefined;
  return InvalidOptionError.expected(`${model.name}.${method}`, 'options.where', 'a where clause naming the row to find', where);
}

/** A finder's `rejectOnEmpty`: the call's own when given, else the model's option, as in Sequelize. @internal */
export function modelRejectOnEmpty(model: ModelClass, options: object | undefined): unknown {
  if (options !== undefined && options !== null && Object.prototype.hasOwnProperty.call(options, 'rejectOnEmpty')) return (options as { rejectOnEmpty?: unknown }).rejectOnEmpty;
  try {
    return (model.definition.options as { rejectOnEmpty?: unknown }).rejectOnEmpty;
  } catch {
    // A model used before init: the finder itself rejects with the error that says so.
    return undefined;
  }
}

/** The finder options with the model's `rejectOnEmpty` default applied. @internal */
export function withRejectOnEmpty(model: ModelClass, options: object | undefined): FindOptions {
  const given = (options ?? {}) as FindOptions;
  const rejectOnEmpty = modelRejectOnEmpty(model, options);
  return rejectOnEmpty === undefined || rejectOnEmpty === given.rejectOnEmpty ? given : ({ ...given, rejectOnEmpty } as FindOptions);
}
