import { InvalidOptionError } from '../errors/invalid-option-error.js';

/**
 * What `this` is in a getterMethods/setterMethods function: the instance, its attributes read as
 * `unknown` (narrow them, or write `${this.firstName} ${this.lastName}`) and assigned through
 * their setters (`this.username = value`), as Sequelize's setterMethods write them.
 */
export interface ComputedPropertyThis {
  [key: string]: unknown;
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
  getDataValue(key: string): unknown;
  setDataValue(key: string, value: unknown): void;
}

/** A `getterMethods` entry: called with the instance as `this`, the key and the get() options. */
export type ComputedGetter = (this: ComputedPropertyThis, key: string, options: object) => unknown;
/** A `setterMethods` entry: called with the instance as `this`, the value and the key. */
export type ComputedSetter = (this: ComputedPropertyThis, value: never, key: string) => unknown;

/** What the computed properties read of a model definition (`ModelDefinition` satisfies it). @internal */
export interface ComputedSource {
  readonly getterMethods: ReadonlyMap<string, ComputedGetter>;
  readonly setterMethods: ReadonlyMap<string, ComputedSetter>;
  readonly attributes: ReadonlyMap<string, { readonly name: string; readonly get?: unknown }>;
}

/**
 * Sequelize's `getterMethods` / `setterMethods` model options, read as maps of functions.
 * Anything else throws `InvalidOptionError` naming the model and the option.
 *
 * @example
 * computedMethods('User', 'getterMethods', { fullName() { return 'x' } }).get('fullName') // the function
 * @internal
 */
export function computedMethods<F extends ComputedGetter | ComputedSetter>(model: string, option: 'getterMethods' | 'setterMethods', given: unknown): ReadonlyMap<string, F> {
  if (given === undefined || given === null) return new Map();
  if (typeof given !== 'object' || Array.isArray(given)) throw InvalidOptionError.expected(model, `the ${option} option`, 'an object of functions', given);
  const out = new Map<string, F>();
  for (const [name, fn] of Object.entries(given)) {
    if (typeof fn !== 'function') throw InvalidOptionError.expected(`${model} ${option}`, `"${name}"`, 'a function', fn);
    out.set(name, fn as F);
  }
  return out;
}

/**
 * Defines the prototype properties of the computed properties that are not attributes
 * (`user.fullName`, `user.fullName = 'Ada L'`), as Sequelize does: a getter reads `get(name)`,
 * a setter calls `set(name, value)`. Names of the model's own methods are left alone.
 * @internal
 */
export function installComputedAccessors(prototype: object, definition: ComputedSource, reserved: ReadonlySet<string>): void {
  const names = new Set([...definition.getterMethods.keys(), ...definition.setterMethods.keys()]);
  for (const name of names) {
    if (reserved.has(name) || definition.attributes.has(name)) continue;
    const hasGetter = definition.getterMethods.has(name);
    const hasSetter = definition.setterMethods.has(name);
    const descriptor: PropertyDescriptor = { configurable: true, enumerable: false };
    if (hasGetter) {
      descriptor.get = function (this: { get(key: string): unknown }) {
        return this.get(name);
      };
    }
    if (hasSetter) {
      descriptor.set = function (this: { set(key: string, value: unknown): unknown }, value: unknown) {
        this.set(name, value);
      };
    }
    Object.defineProperty(prototype, name, descriptor);
  }
}

/**
 * The keys `get()` lists first on a model with getterMethods, as Sequelize orders them: the
 * getterMethods, then the attributes with a getter; for a found instance, only those among the
 * attributes it was read with.
 * @internal
 */
export function customGetterKeys(definition: ComputedSource, selected: readonly string[] | undefined): string[] {
  const keys = new Set<string>(definition.getterMethods.keys());
  for (const attr of definition.attributes.values()) if (attr.get) keys.add(attr.name);
  return selected === undefined ? [...keys] : [...keys].filter((key) => selected.includes(key));
}
