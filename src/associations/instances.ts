import { AssociationError } from '../errors/association-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { Model } from '../model/model.js';
import type { ModelClass } from './association.js';

/** Normalizes accessor arguments: one or many instances or keys, dropping null/undefined. @internal */
export function toArray(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== undefined) : [value];
}

/** The value of `key` on an instance, or the value itself when a key was passed. @internal */
export function keyOf(model: ModelClass, value: unknown, key: string, where: string): unknown {
  if (value !== null && typeof value === 'object' && 'dataValues' in value) {
    if (!(value instanceof model)) {
      throw InvalidOptionError.expected(where, 'each item', `an instance of ${model.name} or its ${key}`, value);
    }
    return (value as Model).get(key);
  }
  if (value === null || value === undefined || (typeof value === 'object' && !(value instanceof Date))) {
    throw InvalidOptionError.expected(where, 'each item', `an instance of ${model.name} or its ${key}`, value);
  }
  return value;
}

/**
 * {@link keyOf} for accessors that link existing rows: an instance without its key (never saved)
 * would otherwise be dropped or written as NULL without a word.
 * @internal
 */
export function savedKeyOf(model: ModelClass, value: unknown, key: string, where: string): unknown {
  const found = keyOf(model, value, key, where);
  if (found === null || found === undefined) {
    throw new AssociationError(`${where}: the ${model.name} instance has no ${key} because it is not saved yet; save it first (or pass the values to the create accessor)`);
  }
  return found;
}

/** Groups values by a key. @internal */
export function groupBy<T>(items: readonly T[], key: (item: T) => unknown): Map<unknown, T[]> {
  const map = new Map<unknown, T[]>();
  for (const item of items) {
    const k = normalizeKey(key(item));
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Keys compare by value across drivers (bigint strings, numbers). @internal */
export function normalizeKey(value: unknown): unknown {
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return String(value);
  return value;
}

/** Unique non-null keys. @internal */
export function uniqueKeys(values: readonly unknown[]): unknown[] {
  const seen = new Map<unknown, unknown>();
  for (const v of values) if (v !== null && v !== undefined && !seen.has(normalizeKey(v))) seen.set(normalizeKey(v), v);
  return [...seen.values()];
}

/**
 * Splits the keys of a batched load into chunks that fit the dialect's parameter limit (with room
 * for the query's other parameters); no chunk at all for no keys. @internal
 */
export function keyChunks<T>(keys: readonly T[], connection: { readonly adapter: { readonly capabilities: { readonly maxParameters: number } } }): T[][] {
  const size = connection.adapter.capabilities.maxParameters - 100;
  const out: T[][] = [];
  for (let i = 0; i < keys.length; i += size) out.push(keys.slice(i, i + size));
  return out;
}

/**
 * Appends `items` to `list` one by one: `list.push(...items)` passes every item as an argument and
 * overflows the stack past about 120,000 (a batched load of that many rows). @internal
 */
export function appendAll<T>(list: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) list.push(items[i] as T);
  return list;
}

/**
 * The create options of a createX accessor: a `fields` list also names the keys the accessor sets
 * (the foreign key, the scope's attributes), as in Sequelize, so they are written.
 * @internal
 */
export function withFields<T extends { fields?: readonly string[] }>(options: T, keys: readonly string[]): T {
  if (options.fields === undefined) return { ...options };
  return { ...options, fields: [...new Set([...options.fields, ...keys])] };
}
