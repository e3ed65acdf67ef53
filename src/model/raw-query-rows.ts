import type { Model, ModelStatic } from './model.js';

/** What `relata.query()` takes to shape SELECT rows, as Sequelize's `query` options name it. */
export interface RawRowShape {
  /** Build instances of this model from the rows (unless `raw: true`). */
  model?: ModelStatic<Model> | undefined;
  /** Rename the model's column names to its attribute names (`field: 'first_name'` → `firstName`). */
  mapToModel?: boolean | undefined;
  /** Rename columns: `{ column: 'key' }`. Ignored when `mapToModel` is set, as in Sequelize. */
  fieldMap?: Readonly<Record<string, string>> | undefined;
  /** Turn dotted keys (`"author.name"`) into nested objects; raw rows only, as in Sequelize. */
  nest?: boolean | undefined;
  raw?: boolean | undefined;
}

/**
 * Shapes the rows of a raw SELECT as Sequelize 6's `handleSelectQuery` does: renames columns
 * (`fieldMap`, or the model's own map with `mapToModel`), then either keeps plain rows (nested on
 * dotted keys with `nest`) or builds instances of `model`, already saved and unchanged.
 *
 * @example
 * shapeRawRows([{ id: 1, first_name: 'ada' }], { model: User, mapToModel: true })
 * // [User { id: 1, firstName: 'ada' }] with isNewRecord false
 */
export function shapeRawRows(rows: readonly Record<string, unknown>[], shape: RawRowShape): unknown[] {
  const fieldMap = shape.mapToModel ? modelFieldMap(shape.model) : shape.fieldMap;
  const renamed = fieldMap === undefined ? rows : rows.map((row) => renameKeys(row, fieldMap));
  if (shape.model === undefined || shape.raw === true) return shape.nest ? renamed.map(nestDottedKeys) : [...renamed];
  return shape.model.bulkBuild(renamed as never, { isNewRecord: false, raw: true });
}

/** The model's columns that differ from their attribute names, column → attribute. */
function modelFieldMap(model: ModelStatic<Model> | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  if (model === undefined) return map;
  for (const [field, attribute] of model.definition.fieldToAttribute) if (field !== attribute.name) map[field] = attribute.name;
  return map;
}

function renameKeys(row: Record<string, unknown>, fieldMap: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = Object.hasOwn(fieldMap, key) ? (fieldMap[key] as string) : key;
    // A renamed column whose value is undefined keeps its name, as Sequelize's reduce does.
    setOwn(out, value === undefined ? key : name, value);
  }
  return out;
}

/** `{ 'a.b': 1, c: 2 }` → `{ a: { b: 1 }, c: 2 }`. Keys such as `__proto__` stay own data keys. */
export function nestDottedKeys(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const path = key.split('.');
    let target = out;
    for (const part of path.slice(0, -1)) {
      const next = Object.hasOwn(target, part) ? target[part] : undefined;
      if (typeof next === 'object' && next !== null) target = next as Record<string, unknown>;
      else target = setOwn(target, part, {}) as Record<string, unknown>;
    }
    setOwn(target, path[path.length - 1] as string, value);
  }
  return out;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): unknown {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}
