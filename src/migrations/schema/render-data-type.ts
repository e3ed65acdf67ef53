import type { AbstractDataType } from '../../data-types/abstract.js';
import { DataTypes } from '../../data-types/index.js';

/**
 * A JavaScript string literal (single-quoted) for generated code.
 *
 * @example
 * jsString("it's") // "'it\\'s'"
 * @internal
 */
export function jsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/**
 * A plain value as JavaScript source.
 *
 * @example
 * jsValue('draft') // "'draft'"
 * @internal
 */
export function jsValue(value: unknown): string {
  if (typeof value === 'string') return jsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}

function options(entries: Readonly<Record<string, unknown>>): string {
  const kept = Object.entries(entries).filter(([, v]) => v !== undefined && v !== false);
  return `{ ${kept.map(([k, v]) => `${k}: ${jsValue(v)}`).join(', ')} }`;
}

function args(...values: readonly unknown[]): string {
  const kept = [...values];
  while (kept.length > 0 && kept[kept.length - 1] === undefined) kept.pop();
  return kept.map(jsValue).join(', ');
}

/**
 * The source of a data type as a migration writes it, through its second argument:
 * `Sequelize.STRING(50)`, `Sequelize.DECIMAL(10, 2)`, `Sequelize.INTEGER.UNSIGNED`,
 * `Sequelize.ENUM('draft', 'published')`. Bare when the type has its default options. A type
 * relata has no factory for is written as its SQL (`'CITEXT'`), via `fallbackSql`.
 *
 * @example
 * renderDataType(DataTypes.STRING(50), () => 'VARCHAR(50)') // 'Sequelize.STRING(50)'
 * @internal
 */
export function renderDataType(type: AbstractDataType, fallbackSql: () => string): string {
  const key = type.key;
  const factory = (DataTypes as Readonly<Record<string, unknown>>)[key];
  if (typeof factory !== 'function') return jsString(fallbackSql());
  const p = type.params;
  const base = `Sequelize.${key}`;
  let bare: Readonly<Record<string, unknown>> | undefined;
  try {
    bare = (factory as () => AbstractDataType)().params;
  } catch {
    bare = undefined;
  }
  if (bare !== undefined && JSON.stringify(bare) === JSON.stringify(p)) return base;
  switch (key) {
    case 'STRING':
    case 'CHAR':
      return `${base}(${args(p['length'], p['binary'] === true ? true : undefined)})`;
    case 'TEXT':
    case 'BLOB':
      return `${base}(${args(p['length'])})`;
    case 'DATE':
      return `${base}(${args(p['precision'])})`;
    case 'ENUM':
      return `${base}(${((p['values'] as readonly string[] | undefined) ?? []).map(jsString).join(', ')})`;
    case 'DECIMAL':
      if (!p['unsigned'] && !p['zerofill']) return `${base}(${args(p['precision'], p['scale'])})`;
      return `${base}(${options({ precision: p['precision'], scale: p['scale'], unsigned: p['unsigned'], zerofill: p['zerofill'] })})`;
    case 'FLOAT':
    case 'REAL':
    case 'DOUBLE':
      if (!p['unsigned'] && !p['zerofill']) return `${base}(${args(p['length'], p['decimals'])})`;
      return `${base}(${options({ length: p['length'], decimals: p['decimals'], unsigned: p['unsigned'], zerofill: p['zerofill'] })})`;
    case 'INTEGER':
    case 'BIGINT':
    case 'SMALLINT':
    case 'TINYINT':
    case 'MEDIUMINT':
      if (p['length'] === undefined && !p['zerofill'] && p['unsigned']) return `${base}.UNSIGNED`;
      if (!p['unsigned'] && !p['zerofill']) return `${base}(${args(p['length'])})`;
      return `${base}(${options({ length: p['length'], unsigned: p['unsigned'], zerofill: p['zerofill'] })})`;
    default:
      return jsString(fallbackSql());
  }
}
