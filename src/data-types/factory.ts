import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { AbstractDataType } from './abstract.js';

/**
 * A data type as Sequelize exposes it: one function object usable bare (`DataTypes.STRING`), called
 * (`DataTypes.STRING(50)`) or constructed (`new DataTypes.STRING(50)`). Its `prototype` is the
 * family class's, so `type instanceof DataTypes.STRING` works as it does in Sequelize.
 *
 * @example
 * const t = DataTypes.STRING(50); // StringType
 * t instanceof DataTypes.STRING // true
 */
export interface DataTypeFactory<Args extends unknown[], T extends AbstractDataType> {
  (...args: Args): T;
  new (...args: Args): T;
  readonly prototype: T;
  /** The family key, as on Sequelize's type classes (`DataTypes.STRING.key === 'STRING'`). */
  readonly key: string;
}

/** Sequelize's type classes whose name is not their key. */
const SEQUELIZE_CLASS_NAMES: Readonly<Record<string, string>> = { JSON: 'JSONTYPE', 'DOUBLE PRECISION': 'DOUBLE' };

/**
 * Builds the function object behind one `DataTypes.X` export.
 *
 * @example
 * export const UUID = defineDataType('UUID', UuidType, () => new UuidType());
 * @internal
 */
export function defineDataType<Args extends unknown[], T extends AbstractDataType>(
  key: string,
  family: abstract new (...args: never[]) => T,
  create: (...args: Args) => T,
): DataTypeFactory<Args, T> {
  // A plain function (not an arrow) so `new` works; returning an object from it makes `new` yield that object.
  function factory(...args: Args): T {
    return create(...args);
  }
  Object.defineProperty(factory, 'name', { value: key });
  Object.defineProperty(factory, 'key', { value: key, enumerable: true });
  // `String(DataTypes.INTEGER)` is Sequelize's class name ('INTEGER'; JSON's is 'JSONTYPE'), so code
  // keys objects by the type itself.
  const label = SEQUELIZE_CLASS_NAMES[key] ?? key;
  Object.defineProperty(factory, 'toString', { value: () => label });
  Object.defineProperty(factory, 'prototype', { value: family.prototype });
  return factory as unknown as DataTypeFactory<Args, T>;
}

/**
 * Adds Sequelize's static shortcuts to a factory (`DataTypes.INTEGER.UNSIGNED`,
 * `DataTypes.STRING.BINARY`). Each getter builds a fresh instance.
 *
 * @example
 * withStatics(STRING_BASE, { BINARY: () => new StringType({ binary: true }) })
 * @internal
 */
export function withStatics<F extends object, S extends object>(
  factory: F,
  getters: { readonly [K in keyof S]: () => S[K] },
): F & Readonly<S> {
  for (const [name, get] of Object.entries(getters) as Array<[string, () => unknown]>) {
    Object.defineProperty(factory, name, { get, enumerable: false });
  }
  return factory as F & Readonly<S>;
}

/**
 * Options objects of the Sequelize call forms (`STRING({ length: 50 })`) are plain objects; anything
 * else in first position is a positional argument.
 *
 * @example
 * isOptionsObject({ length: 50 }) // true
 * isOptionsObject(50) // false
 * @internal
 */
export function isOptionsObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an optional positive-integer argument (a length, precision, scale…).
 *
 * @example
 * optionalInteger('DataTypes.STRING', 'length', 50, 1) // 50
 * optionalInteger('DataTypes.STRING', 'length', -1, 1) // throws InvalidOptionError
 * @internal
 */
export function optionalInteger(where: string, option: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw InvalidOptionError.expected(where, option, `an integer >= ${min}`, value);
  }
  return value;
}

/**
 * Checks an optional boolean flag argument (`binary`, `unsigned`, `zerofill`).
 *
 * @example
 * optionalFlag('DataTypes.STRING', 'binary', true) // true
 * @internal
 */
export function optionalFlag(where: string, option: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw InvalidOptionError.expected(where, option, 'a boolean', value);
  return value;
}

/** The size variants of TEXT and BLOB (MySQL's TINYTEXT, MEDIUMBLOB…). */
export type SizeVariant = 'tiny' | 'medium' | 'long';

/**
 * Checks the optional size variant of TEXT/BLOB.
 *
 * @example
 * optionalSizeVariant('DataTypes.TEXT', 'long') // 'long'
 * @internal
 */
export function optionalSizeVariant(where: string, value: unknown): SizeVariant | undefined {
  if (value === undefined) return undefined;
  // Sequelize lower-cases the variant, so TEXT('LONG') works there too.
  const variant = typeof value === 'string' ? value.toLowerCase() : value;
  if (variant === 'tiny' || variant === 'medium' || variant === 'long') return variant;
  throw InvalidOptionError.expected(where, 'length', "'tiny', 'medium' or 'long'", value);
}
