import validator from 'validator';
import { ValidationError } from '../errors/validation-error.js';
import { ValidationErrorItem } from '../errors/validation-error-item.js';
import { Cast, Col, Fn, Literal } from '../query/fragments.js';
import type { ModelDefinition, NormalizedAttribute } from '../metadata/model-definition.js';
import type { SaveOptions } from '../query/query-options.js';
import type { Model } from './model.js';

type ModelClass = typeof Model;

type Check = (value: string, arg: unknown) => boolean;

const str = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

// Built-in rules, by Sequelize's names; `arg` is the rule's argument (true, a number, an array…).
const RULES: Record<string, Check> = {
  isEmail: (v) => validator.isEmail(v),
  isUrl: (v) => validator.isURL(v),
  isIP: (v) => validator.isIP(v),
  isIPv4: (v) => validator.isIP(v, 4),
  isIPv6: (v) => validator.isIP(v, 6),
  isAlpha: (v) => validator.isAlpha(v),
  isAlphanumeric: (v) => validator.isAlphanumeric(v),
  isNumeric: (v) => validator.isNumeric(v),
  isInt: (v) => validator.isInt(v),
  isFloat: (v) => validator.isFloat(v),
  isDecimal: (v) => validator.isDecimal(v),
  isLowercase: (v) => v === v.toLowerCase(),
  isUppercase: (v) => v === v.toUpperCase(),
  notEmpty: (v) => v.trim().length > 0,
  // Sequelize maps isNull to the validator library's isEmpty.
  isNull: (v) => v.length === 0,
  isUUID: (v, arg) => validator.isUUID(v, (typeof arg === 'number' || typeof arg === 'string' ? arg : 'all') as 'all'),
  isDate: (v) => !Number.isNaN(new Date(v).getTime()),
  isAfter: (v, arg) => new Date(v).getTime() > new Date(String(arg)).getTime(),
  isBefore: (v, arg) => new Date(v).getTime() < new Date(String(arg)).getTime(),
  equals: (v, arg) => v === String(arg),
  contains: (v, arg) => v.includes(String(arg)),
  notContains: (v, arg) => !v.includes(String(arg)),
  is: (v, arg) => toRegExp(arg).test(v),
  not: (v, arg) => !toRegExp(arg).test(v),
  isIn: (v, arg) => (Array.isArray(arg) ? (Array.isArray(arg[0]) ? arg[0] : arg) : []).map(String).includes(v),
  notIn: (v, arg) => !(Array.isArray(arg) ? (Array.isArray(arg[0]) ? arg[0] : arg) : []).map(String).includes(v),
  len: (v, arg) => {
    const [min, max] = Array.isArray(arg) ? (arg as number[]) : [0, Number(arg)];
    return v.length >= (min ?? 0) && (max === undefined || v.length <= max);
  },
  min: (v, arg) => Number(v) >= Number(arg),
  max: (v, arg) => Number(v) <= Number(arg),
  isCreditCard: (v) => validator.isCreditCard(v),
};

function toRegExp(arg: unknown): RegExp {
  if (arg instanceof RegExp) return arg;
  if (Array.isArray(arg)) return new RegExp(String(arg[0]), typeof arg[1] === 'string' ? arg[1] : undefined);
  return new RegExp(String(arg));
}

/**
 * Validates the given attributes of an instance: null checks, type checks, the attribute's
 * `validate` rules (built-in and custom, sync or async), then model-level validators.
 * Throws one ValidationError listing every failure.
 * @internal
 */
export function validateValues(
  definition: ModelDefinition,
  instance: object,
  values: Readonly<Record<string, unknown>>,
  attributes: readonly string[],
  options: { skipNullCheck?: ReadonlySet<string> } = {},
): Promise<void> | undefined {
  // Synchronous until a rule or a model validator (either may be async) has to run: validating
  // the rows of a bulkCreate then allocates no promise per row.
  const items: ValidationErrorItem[] = [];
  for (let i = 0; i < attributes.length; i++) {
    const attr = checkAttribute(definition, values, attributes[i] as string, options, items);
    if (attr !== undefined) return validateRest(definition, instance, values, attributes, options, items, i, attr);
  }
  if (Object.keys(definition.options.validate ?? {}).length > 0) return validateRest(definition, instance, values, attributes, options, items, attributes.length, undefined);
  if (items.length > 0) throw new ValidationError('', items);
  return undefined;
}

// The null and type checks of one attribute; returns the attribute when its rules still have to run.
function checkAttribute(
  definition: ModelDefinition,
  values: Readonly<Record<string, unknown>>,
  name: string,
  options: { skipNullCheck?: ReadonlySet<string> },
  items: ValidationErrorItem[],
): NormalizedAttribute | undefined {
  const attr = definition.attributes.get(name);
  if (!attr || (attr.isVirtual && attr.validate === undefined)) return undefined;
  const value = values[name];
  if (value === null || value === undefined) {
    if (!attr.allowNull && !options.skipNullCheck?.has(name) && !attr.autoIncrement) {
      items.push(item(definition, attr, value, 'notNull Violation', `${definition.modelName}.${name} cannot be null`, 'is_null'));
    }
    return undefined;
  }
  if (typeof value === 'object' && isSqlFragment(value)) return undefined;
  const typeProblem = attr.type.validate(value);
  if (typeProblem !== undefined) {
    items.push(item(definition, attr, value, 'Validation error', typeProblem, attr.type.key));
    return undefined;
  }
  return attr.validate ? attr : undefined;
}

// From attribute `from` on (whose rules are due when `pending` is set), in order, then the model validators.
async function validateRest(
  definition: ModelDefinition,
  instance: object,
  values: Readonly<Record<string, unknown>>,
  attributes: readonly string[],
  options: { skipNullCheck?: ReadonlySet<string> },
  items: ValidationErrorItem[],
  from: number,
  pending: NormalizedAttribute | undefined,
): Promise<void> {
  if (pending !== undefined) await runRules(definition, pending, instance, values[pending.name], items);
  for (let i = from + 1; i < attributes.length; i++) {
    const attr = checkAttribute(definition, values, attributes[i] as string, options, items);
    if (attr !== undefined) await runRules(definition, attr, instance, values[attr.name], items);
  }
  const modelValidators = definition.options.validate ?? {};
  for (const [key, fn] of Object.entries(modelValidators)) {
    try {
      await (fn as (this: object) => unknown).call(instance);
    } catch (error) {
      items.push(new ValidationErrorItem({ message: error instanceof Error ? error.message : String(error), type: 'Validation error', path: key, value: undefined, validatorKey: key, model: definition.modelName }));
    }
  }
  if (items.length > 0) throw new ValidationError('', items);
}

async function runRules(definition: ModelDefinition, attr: NormalizedAttribute, instance: object, value: unknown, items: ValidationErrorItem[]): Promise<void> {
  for (const [rule, spec] of Object.entries(attr.validate ?? {})) {
    if (rule === 'notNull') continue;
    if (typeof spec === 'function') {
      try {
        await (spec as (this: object, v: unknown) => unknown).call(instance, value);
      } catch (error) {
        items.push(item(definition, attr, value, 'Validation error', error instanceof Error ? error.message : String(error), rule));
      }
      continue;
    }
    const check = RULES[rule];
    if (!check) {
      items.push(item(definition, attr, value, 'Validation error', `Unknown validator "${rule}" on ${definition.modelName}.${attr.name}; known: ${Object.keys(RULES).join(', ')}`, rule));
      continue;
    }
    const withMsg = spec !== null && typeof spec === 'object' && !Array.isArray(spec) && !(spec instanceof RegExp);
    const arg = withMsg ? ((spec as { args?: unknown }).args ?? true) : spec;
    if (arg === false) continue;
    if (!check(str(value), arg)) {
      const msg = withMsg && typeof (spec as { msg?: unknown }).msg === 'string' ? (spec as { msg: string }).msg : `Validation ${rule} on ${attr.name} failed`;
      items.push(item(definition, attr, value, 'Validation error', msg, rule));
    }
  }
}

function item(definition: ModelDefinition, attr: NormalizedAttribute, value: unknown, type: string, message: string, key: string): ValidationErrorItem {
  return new ValidationErrorItem({ message, type, path: attr.name, value, validatorKey: key, model: definition.modelName });
}

function isSqlFragment(value: object): boolean {
  return value instanceof Literal || value instanceof Fn || value instanceof Col || value instanceof Cast;
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

/** The timestamp attributes, which validation does not null-check (they are set when written). @internal */
export function timestampNames(definition: ModelDefinition): ReadonlySet<string> {
  let names = TIMESTAMP_NAMES.get(definition);
  if (names === undefined) {
    const t = definition.timestamps;
    names = new Set([t.createdAt, t.updatedAt, t.deletedAt].filter((n): n is string => n !== undefined));
    TIMESTAMP_NAMES.set(definition, names);
  }
  return names;
}

/** Validates one instance with the validation hooks, unless `validate: false`. @internal */
export async function runValidation(
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
