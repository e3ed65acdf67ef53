import type { AbstractDataType } from '../../data-types/abstract.js';
import { FLOAT_KEYS, INTEGER_KEYS, baseColumnType, floatWithoutDecimals, numericName, overridesFor } from '../base-column-types.js';
import type { ColumnTypeOverrides } from '../base-column-types.js';

const MSSQL: ColumnTypeOverrides = {
  // T-SQL integers take no display width; MEDIUMINT does not exist (Sequelize emits it and fails).
  ...overridesFor(INTEGER_KEYS, (t) => (t.key === 'MEDIUMINT' ? 'INTEGER' : numericName(t))),
  // FLOAT(n) is a mantissa size; no floating type takes decimals (Sequelize keeps DOUBLE PRECISION(11,10), which fails).
  ...overridesFor(FLOAT_KEYS, floatWithoutDecimals),
  STRING: (t) => (t.binary ? `BINARY(${t.length})` : `NVARCHAR(${t.length})`),
  // Sequelize writes CHAR(n) BINARY, which T-SQL rejects; BINARY(n) is the fixed-length binary type.
  CHAR: (t, base) => (t.binary ? `BINARY(${t.length})` : base()),
  TEXT: (t) => (t.length === 'tiny' ? 'NVARCHAR(256)' : 'NVARCHAR(MAX)'),
  // No CITEXT; the default collations compare case-insensitively.
  CITEXT: () => 'NVARCHAR(MAX)',
  BOOLEAN: () => 'BIT',
  DATE: () => 'DATETIMEOFFSET',
  UUID: () => 'CHAR(36)',
  // SQL Server has no JSON column type (Sequelize writes JSON, which fails); JSON is text there.
  JSON: () => 'NVARCHAR(MAX)',
  JSONB: () => 'NVARCHAR(MAX)',
  // NVARCHAR like STRING, so non-ASCII values survive; Sequelize writes VARCHAR(255) with an inline CHECK.
  ENUM: () => 'NVARCHAR(255)',
  BLOB: (t) => (t.length === 'tiny' ? 'VARBINARY(256)' : 'VARBINARY(MAX)'),
};

/**
 * The SQL Server column type for a data type, as Sequelize v6's `sync()` writes it where that is valid
 * T-SQL (see the comments for where relata differs).
 *
 * @example
 * mssqlColumnType(DataTypes.STRING()) // 'NVARCHAR(255)'
 * mssqlColumnType(DataTypes.BOOLEAN()) // 'BIT'
 */
export function mssqlColumnType(type: AbstractDataType): string {
  return baseColumnType(type, MSSQL, 'mssql');
}
