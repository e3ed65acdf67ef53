import type { AbstractDataType } from '../../data-types/abstract.js';
import { NUMERIC_KEYS, baseColumnType, numericModifiers, overridesFor, sizePrefix } from '../base-column-types.js';
import type { ColumnTypeOverrides } from '../base-column-types.js';

/**
 * A MySQL string literal for DDL, where values cannot be bound. Quotes are doubled and backslashes
 * escaped, so the literal ends where it should whether or not NO_BACKSLASH_ESCAPES is set.
 */
function mysqlLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

const MYSQL: ColumnTypeOverrides = {
  ...overridesFor(NUMERIC_KEYS, (t, base) => `${base()}${numericModifiers(t)}`),
  TEXT: (t) => `${sizePrefix(t)}TEXT`,
  // MySQL has no CITEXT; its default collations already compare case-insensitively.
  CITEXT: () => 'TEXT',
  BOOLEAN: () => 'TINYINT(1)',
  DATE: (t) => (t.precision === undefined ? 'DATETIME' : `DATETIME(${t.precision})`),
  UUID: () => 'CHAR(36) BINARY',
  ENUM: (t) => `ENUM(${t.values.map(mysqlLiteral).join(', ')})`,
};

/**
 * The MySQL/MariaDB column type for a data type, as Sequelize v6's `sync()` writes it, except JSONB
 * (`JSON`; MySQL has no JSONB) and CITEXT (`TEXT`).
 *
 * @example
 * mysqlColumnType(DataTypes.INTEGER.UNSIGNED) // 'INTEGER UNSIGNED'
 * mysqlColumnType(DataTypes.ENUM('a', 'b')) // "ENUM('a', 'b')"
 */
export function mysqlColumnType(type: AbstractDataType): string {
  return baseColumnType(type, MYSQL, 'mysql');
}
