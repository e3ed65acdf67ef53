import { BaseError } from '../errors/base-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { UnknownAttributeError } from '../errors/unknown-attribute-error.js';
import { normalizeIncludes } from '../query/include/normalize.js';
import { isPlainObject } from '../query/where.js';
import { closestName } from '../utils/closest-name.js';
import type { Model } from './model.js';
import { unknownKey } from './option-list.js';

type ModelClass = typeof Model;

/**
 * What the values are for:
 * - `create`: a new row (`create`, `bulkCreate`, `build`); an association alias is accepted when
 *   `include` names it (nested create).
 * - `set`: new values for a row (`instance.update`, `upsert`, `findOrCreate` defaults).
 * - `bulkUpdate`: `Model.update`, which writes columns without setters, so a VIRTUAL attribute
 *   would do nothing.
 * @internal
 */
export type ValuesPurpose = 'create' | 'set' | 'bulkUpdate';

interface AssociationLike {
  readonly as: string;
  readonly target: unknown;
  readonly accessors: Readonly<Record<string, string>>;
}

/**
 * The problem with the keys of `values` written by `model.method`, or `undefined`. Every own key
 * must be an attribute (VIRTUAL ones included, except for `bulkUpdate`) or, for `create`, the
 * alias of an included association. With `fields`, Sequelize's explicit pick of what to write,
 * keys outside `fields` are dropped as Sequelize documents and only `fields` itself is checked.
 * A `"__proto__"` key is left to `set()`, which refuses it with its own message.
 *
 * A key that names nothing is an error only under `strict: true`; otherwise it is reported once
 * as a warning (see `unknown-keys.ts`) and {@link writableValues} drops it, as Sequelize does.
 *
 * @example
 * valuesProblem(User, { nmae: 'x' }, 'create', {}, 'create')?.message // (strict: true)
 * // 'User has no attribute "nmae" (in create values); did you mean "name"? Valid attributes: id, name, …'
 * @internal
 */
export function valuesProblem(
  model: ModelClass,
  values: unknown,
  method: string,
  options: { readonly fields?: unknown; readonly include?: unknown } | undefined,
  purpose: ValuesPurpose,
): BaseError | undefined {
  const checked = writableValues(model, values, method, options, purpose);
  return checked instanceof BaseError ? checked : undefined;
}

/**
 * The values to write: `values` itself when every key is known, a copy without the keys that
 * name nothing (each reported once as a warning) otherwise, or the problem (unknown keys under
 * `strict: true`, VIRTUAL attributes in `Model.update`).
 *
 * @example
 * writableValues(User, { name: 'ada', isAdmin: true }, 'create', {}, 'create') // { name: 'ada' }, and a RELATA_UNKNOWN_ATTRIBUTE warning
 * @internal
 */
export function writableValues<V>(
  model: ModelClass,
  values: V,
  method: string,
  options: { readonly fields?: unknown; readonly include?: unknown } | undefined,
  purpose: ValuesPurpose,
): BaseError | V {
  if (values === null || typeof values !== 'object') return values;
  if (options !== undefined && options !== null && options.fields !== undefined && options.fields !== null) return fieldsProblem(model, options.fields, method) ?? values;
  const attributes = model.definition.attributes;
  let dropped: string[] | undefined;
  for (const key in values) {
    const attribute = attributes.get(key);
    if (attribute !== undefined) {
      if (purpose === 'bulkUpdate' && attribute.isVirtual) {
        return new InvalidOptionError(
          `${model.name}.${method}: ${JSON.stringify(key)} is a VIRTUAL attribute, and ${model.name}.update writes columns without running setters; load the instances and update() each`,
        );
      }
      continue;
    }
    if (key === '__proto__' || !Object.hasOwn(values, key)) continue;
    // A setterMethods key is written through its setter, as in Sequelize.
    if (purpose !== 'bulkUpdate' && model.definition.setterMethods.has(key)) continue;
    const problem = keyProblem(model, key, method, options?.include, purpose);
    if (problem === undefined) continue;
    if (!(problem instanceof UnknownAttributeError)) return problem;
    const strictProblem = unknownKey(model, `${model.name}.${method}`, key, 'attribute', () => problem);
    if (strictProblem !== undefined) return strictProblem;
    (dropped ??= []).push(key);
  }
  if (dropped === undefined) return values;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!dropped.includes(key)) Object.defineProperty(kept, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return kept as V;
}

/**
 * `fields` (or another option listing attributes, such as `conflictFields`) must list attributes
 * (or association aliases, which Sequelize allows in `fields`).
 * @internal
 */
export function fieldsProblem(model: ModelClass, fields: unknown, method: string, option = 'fields'): InvalidOptionError | UnknownAttributeError | undefined {
  if (fields === undefined || fields === null) return undefined;
  if (!Array.isArray(fields)) return InvalidOptionError.expected(`${model.name}.${method}`, option, 'an array of attribute names', fields);
  const definition = model.definition;
  for (const field of fields as unknown[]) {
    if (typeof field === 'string' && (definition.attributes.has(field) || Object.hasOwn(model.associations, field))) continue;
    const name = typeof field === 'string' ? field : String(field);
    return new UnknownAttributeError(model.name, name, `${method} ${option}`, definition.attributeNames, { suggestion: closestName(name, definition.attributeNames) });
  }
  return undefined;
}

function keyProblem(model: ModelClass, key: string, method: string, include: unknown, purpose: ValuesPurpose): BaseError | undefined {
  const definition = model.definition;
  const valid = purpose === 'bulkUpdate' ? definition.physicalAttributes.map((a) => a.name) : definition.attributeNames;
  const clause = `${method} values`;
  const association = Object.hasOwn(model.associations, key) ? (model.associations[key] as AssociationLike) : undefined;
  if (association === undefined) return new UnknownAttributeError(model.name, key, clause, valid, { suggestion: closestName(key, valid) });
  if (purpose === 'create' && includes(include, association)) return undefined;
  // A wrong include is the first thing to fix: report it rather than the key it fails to name.
  if (purpose === 'create' && include !== undefined && include !== null) {
    try {
      if (normalizeIncludes(model, include).some((i) => i.association.as === key)) return undefined;
    } catch (error) {
      if (error instanceof BaseError) return error;
      throw error;
    }
  }
  const text =
    purpose === 'create'
      ? `${JSON.stringify(key)} is an association of ${model.name}: pass include: [${JSON.stringify(key)}] to create its rows too`
      : `${JSON.stringify(key)} is an association of ${model.name}: change its links with ${association.accessors['set'] ?? 'its accessors'}()`;
  return new UnknownAttributeError(model.name, key, clause, valid, { text });
}

/** True when the include option names the association (resolution itself is the planner's). */
function includes(include: unknown, association: AssociationLike): boolean {
  if (include === undefined || include === null) return false;
  const entries: readonly unknown[] = Array.isArray(include) ? include : [include];
  for (const entry of entries) {
    if (entry === association.as || entry === association || entry === association.target) return true;
    if (!isPlainObject(entry)) continue;
    if (entry['all'] !== undefined) return true;
    if (entry['as'] === association.as || entry['association'] === association.as || entry['association'] === association) return true;
    if (entry['as'] === undefined && entry['association'] === undefined && entry['model'] === association.target) return true;
  }
  return false;
}
