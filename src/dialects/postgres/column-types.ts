import type { AbstractDataType } from '../../data-types/abstract.js';
import { FLOAT_KEYS, INTEGER_KEYS, baseColumnType, floatWithoutDecimals, numericName, overridesFor } from '../base-column-types.js';
import type { ColumnTypeOverrides } from '../base-column-types.js';

// PostgreSQL has no TINYINT or MEDIUMINT (Sequelize emits them anyway and the CREATE fails), so they
// widen to the next type that exists.
const INTEGER_NAMES: Readonly<Record<string, string>> = { TINYINT: 'SMALLINT', MEDIUMINT: 'INTEGER' };

const POSTGRES: ColumnTypeOverrides = {
  // PostgreSQL integers take no display width, UNSIGNED or ZEROFILL.
  ...overridesFor(INTEGER_KEYS, (t) => INTEGER_NAMES[t.key] ?? numericName(t)),
  // FLOAT(p) is a precision in bits; FLOAT(p, d), REAL(…) and DOUBLE PRECISION(…) do not exist.
  ...overridesFor(FLOAT_KEYS, floatWithoutDecimals),
  STRING: (t, base) => (t.binary ? 'BYTEA' : base()),
  CHAR: (t, base) => (t.binary ? 'BYTEA' : base()),
  DATE: () => 'TIMESTAMP WITH TIME ZONE',
  JSONB: () => 'JSONB',
  // ENUM stays the base VARCHAR(255): Sequelize creates a named enum type, but its CREATE TYPE /
  // ALTER TYPE lifecycle outlives tables and migrations; the DDL layer adds a CHECK constraint instead.
  BLOB: () => 'BYTEA',
  ARRAY: (t) => `${postgresColumnType(t.type)}[]`,
  CIDR: () => 'CIDR',
  INET: () => 'INET',
  MACADDR: () => 'MACADDR',
  TSVECTOR: () => 'TSVECTOR',
};

/**
 * The PostgreSQL column type for a data type, as Sequelize v6's `sync()` writes it, except ENUM
 * (`VARCHAR(255)` plus a CHECK constraint) and TINYINT/MEDIUMINT (`SMALLINT`/`INTEGER`).
 *
 * @example
 * postgresColumnType(DataTypes.DATE()) // 'TIMESTAMP WITH TIME ZONE'
 * postgresColumnType(DataTypes.STRING.BINARY) // 'BYTEA'
 */
export function postgresColumnType(type: AbstractDataType): string {
  return baseColumnType(type, POSTGRES, 'postgres');
}
