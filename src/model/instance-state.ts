import { BaseError } from '../errors/base-error.js';
import type { RowReader } from '../query/plan-find.js';
import { generateDefault, isDefaultMarker } from '../data-types/index.js';
import { Literal } from '../query/fragments.js';
import type { ModelDefinition } from '../metadata/model-definition.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { BuildOptions, Model, SetOptions } from './model.js';
import { byName } from './row-reader.js';

/** What building an instance needs from a model class. @internal */
interface ModelClassLike {
  readonly prototype: Model;
  readonly definition: ModelDefinition;
}

/** Resolves a declared default: markers (NOW, UUIDV4), functions, or plain values (copied). @internal */
export function resolveDefault(value: unknown): unknown {
  if (isDefaultMarker(value)) return generateDefault(value);
  if (typeof value === 'function') return (value as () => unknown)();
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Literal)) return structuredClone(value);
  return value;
}


/**
 * The per-instance state every model instance carries. Kept as plain own fields assigned in one
 * fixed order, so all instances of a model share one hidden class.
 * @internal
 */
export interface InstanceState {
  dataValues: Record<string, unknown>;
  _previousDataValues: Record<string, unknown>;
  _changed: Set<string>;
  isNewRecord: boolean;
  _options: InstanceOptions;
}

/** How an instance came to be. @internal */
export interface InstanceOptions {
  isNewRecord: boolean;
  raw: boolean;
  /** Attributes selected when loaded (reload uses them). */
  attributes?: readonly string[] | undefined;
  include?: unknown;
  /** The result set this instance was loaded with; lazy loads batch over it. */
  siblings?: readonly Model[] | undefined;
}

/**
 * The change set of every instance that has not changed yet: loading a result set allocates no
 * Set per row. Code that records a change replaces it with the instance's own Set first (see
 * `changedKeys`); adding to the shared one would mark every loaded instance, so it refuses.
 */
class NoChanges extends Set<string> {
  override add(key: string): this {
    throw new BaseError(`internal: "${key}" recorded on the shared empty change set; use changedKeys(instance)`);
  }
}
const NO_CHANGES: Set<string> = new NoChanges();

/** The instance's own change set, created on the first change. @internal */
export function changedKeys(instance: InstanceState): Set<string> {
  if (instance._changed === NO_CHANGES) instance._changed = new Set();
  return instance._changed;
}

/**
 * Passed as the build options to a model constructor by `createInstance`: the base constructor then
 * takes its state from `PENDING` and returns the bare instance (no proxy), so the subclass's field
 * initializers run as Sequelize runs them. @internal
 */
export const HYDRATE: object = Object.freeze({});

/** The state the next HYDRATE construction takes. @internal */
export let PENDING: InstanceState | undefined;

const STATE_KEYS = new Set<string | symbol>(['dataValues', '_previousDataValues', '_changed', 'isNewRecord', '_options']);

/**
 * Whether a model class declares instance fields or a constructor that sets own properties: found
 * once per class by building one probe instance. Classes without any keep the cheap
 * `Object.create` path; the others are constructed for every row, as Sequelize does.
 */
const HAS_FIELDS = new WeakMap<object, boolean>();

function hasFields(ctor: new (...args: unknown[]) => object): boolean {
  let known = HAS_FIELDS.get(ctor);
  if (known === undefined) {
    try {
      const values = {};
      const probe = construct(ctor, values, true, { isNewRecord: true, raw: true });
      // A class whose constructor never reaches Model's (a TypeORM-style entity wrapped as a model)
      // keeps the prototype path, as does one whose constructor throws without real values.
      known = (probe as Partial<InstanceState>).dataValues === values && Reflect.ownKeys(probe).some((k) => !STATE_KEYS.has(k));
    } catch {
      known = false;
    }
    HAS_FIELDS.set(ctor, known);
  }
  return known;
}

function construct(ctor: new (...args: unknown[]) => object, values: Record<string, unknown>, isNewRecord: boolean, options: InstanceOptions): object {
  PENDING = { dataValues: values, _previousDataValues: isNewRecord ? {} : values, _changed: NO_CHANGES, isNewRecord, _options: options };
  try {
    // The values go first, as Sequelize passes them, for constructors that read their argument.
    return Reflect.construct(ctor, [values, HYDRATE]) as object;
  } finally {
    PENDING = undefined;
  }
}

/**
 * A class field named like an attribute or an include (`name!: string` under useDefineForClassFields)
 * would hide the prototype accessor; it is removed, and on a new record a value it set is kept
 * through `set()`, as `new Model()` does.
 */
function unhideAccessors(instance: object, isNewRecord: boolean): void {
  const prototype = Object.getPrototypeOf(instance) as object;
  let known = ACCESSORS.get(prototype);
  if (known === undefined) ACCESSORS.set(prototype, (known = new Map()));
  for (const key of Reflect.ownKeys(instance)) {
    if (STATE_KEYS.has(key) || typeof key !== 'string') continue;
    let inherited = known.get(key);
    if (inherited === undefined) known.set(key, (inherited = accessorOf(prototype, key)));
    if (!inherited) continue;
    const value = (instance as Record<string, unknown>)[key];
    delete (instance as Record<string, unknown>)[key];
    if (isNewRecord && value !== undefined) (instance as Model).set(key, value);
  }
}

/** Per prototype: whether an own key of that name would hide an inherited accessor. */
const ACCESSORS = new WeakMap<object, Map<string, boolean>>();

function accessorOf(proto: object | null, key: string): boolean {
  for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(p, key);
    if (descriptor) return descriptor.get !== undefined || descriptor.set !== undefined;
  }
  return false;
}

/**
 * Creates an instance. A class without fields is instantiated from its prototype, skipping the
 * constructor; a class with fields is constructed so its initializers run, and fields that would
 * hide an attribute are removed. @internal
 */
export function createInstance<T extends object>(prototype: T, values: Record<string, unknown>, isNewRecord: boolean, options: InstanceOptions): T {
  const ctor = (prototype as { constructor?: unknown }).constructor as (new (...args: unknown[]) => object) | undefined;
  if (ctor !== undefined && ctor.prototype === prototype && hasFields(ctor)) {
    const built = construct(ctor, values, isNewRecord, options) as T;
    unhideAccessors(built, isNewRecord);
    return built;
  }
  const instance = Object.create(prototype) as T & InstanceState;
  instance.dataValues = values;
  // The snapshot is the loaded values object itself until the first change copies it (see setDataValue):
  // reading a result set allocates one object per row, not two.
  instance._previousDataValues = isNewRecord ? {} : values;
  instance._changed = NO_CHANGES;
  instance.isNewRecord = isNewRecord;
  instance._options = options;
  return instance;
}

/** Reads one driver row into attribute values, parsing each with its data type. @internal */
export function readRow(row: Readonly<Record<string, unknown>>, reader: RowReader): Record<string, unknown> {
  return byName(reader)(row);
}

/** Deep-enough equality for change tracking: dates by time, buffers by bytes, JSON by content. @internal */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** Attribute names that have a column, for writes. @internal */
export function writableAttributes(definition: ModelDefinition): string[] {
  return definition.physicalAttributes.map((a) => a.name);
}

/** Applies defaults (new records) and the given values. @internal */
export function initValues(instance: Model, definition: ModelDefinition, values: Record<string, unknown>, isNewRecord: boolean, raw: boolean): void {
  if (isNewRecord) {
    for (const attr of definition.attributes.values()) {
      if (attr.hasDefault && values[attr.name] === undefined) instance.dataValues[attr.name] = resolveDefault(attr.defaultValue);
      else if (attr.primaryKey && values[attr.name] === undefined && attr.autoIncrement) instance.dataValues[attr.name] = null;
    }
  }
  instance.set(values, { raw });
  if (!isNewRecord) {
    instance._previousDataValues = { ...instance.dataValues };
    instance._changed.clear();
  }
}

/** Builds an instance via the prototype, skipping the subclass constructor. @internal */
export function buildInstance(model: ModelClassLike, values: Record<string, unknown>, options: BuildOptions): Model {
  const isNewRecord = options.isNewRecord ?? true;
  const instance = createInstance(model.prototype, {}, isNewRecord, { isNewRecord, raw: options.raw === true, include: options.include });
  initValues(instance, model.definition, values, isNewRecord, options.raw === true);
  return instance;
}

// ---------------------------------------------------------------- change tracking

/** After a write: the values are the saved state, and nothing is changed. @internal */
export function resetChanges(instance: InstanceState): void {
  instance._previousDataValues = { ...instance.dataValues };
  instance._changed.clear();
}

/**
 * `instance.set(…)`: each key of an object (`reset` empties the values first), or one key through
 * its attribute setter, else its `setterMethods` entry, else `setDataValue`. `raw` skips setters.
 * @internal
 */
export function setValues(instance: Model, keyOrValues: string | number | symbol | object, valueOrOptions: unknown, maybeOptions: SetOptions | undefined): void {
  if (typeof keyOrValues === 'object' && keyOrValues !== null) {
    const options = (valueOrOptions as SetOptions | undefined) ?? {};
    if (options.reset) {
      instance.dataValues = {} as never;
      instance._changed.clear();
    }
    for (const [k, v] of Object.entries(keyOrValues)) instance.set(k, v, options);
    return;
  }
  const key = String(keyOrValues);
  const definition = (instance.constructor as unknown as ModelClassLike).definition;
  const attr = definition.attributes.get(key);
  if (attr?.set && maybeOptions?.raw !== true) {
    (attr.set as (this: Model, v: unknown) => void).call(instance, valueOrOptions);
    return;
  }
  const computed = definition.setterMethods.get(key);
  if (computed !== undefined && maybeOptions?.raw !== true) {
    computed.call(instance as never, valueOrOptions as never, key);
    return;
  }
  instance.setDataValue(key, valueOrOptions);
}

/** `instance.setDataValue`: sets a raw value, marking the key changed when the value differs. @internal */
export function setDataValue(instance: Model, key: string, value: unknown): void {
  if (key === '__proto__') {
    // JSON.parse makes "__proto__" an own key; assigning it would swap the values' prototype,
    // and attributes missing from the input would then be read (and written) from it.
    throw InvalidOptionError.expected(`${instance.constructor.name}.set()`, 'each key', 'an attribute or include name, not "__proto__" (drop it from the input)', key);
  }
  // A loaded instance shares its values as the snapshot until this first change (see createInstance).
  if (instance._previousDataValues === instance.dataValues) instance._previousDataValues = { ...instance.dataValues };
  const previous = instance.dataValues[key];
  instance.dataValues[key] = value;
  if (!sameValue(previous, value) || (instance.isNewRecord && previous === undefined)) changedKeys(instance).add(key);
}

/** `instance.changed(…)`: the changed keys or false; whether one key changed; or marks/unmarks one. @internal */
export function changed(instance: InstanceState, key?: string, value?: boolean): string[] | boolean | void {
  // As in Sequelize, a key stays changed once set to a different value, even when set back.
  if (key === undefined) return instance._changed.size > 0 ? [...instance._changed] : false;
  if (value === undefined) return instance._changed.has(key);
  if (value) {
    changedKeys(instance).add(key);
  } else {
    instance._changed.delete(key);
  }
}

/** `instance.previous(…)`: the saved value of one key, or of every changed key. @internal */
export function previousValues(instance: Model, key?: string): unknown {
  if (key !== undefined) return instance._previousDataValues[key];
  const keys = instance.changed() || [];
  return Object.fromEntries(keys.map((k) => [k, instance._previousDataValues[k]]));
}
