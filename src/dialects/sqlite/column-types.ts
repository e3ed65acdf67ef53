import type { AbstractDataType } from '../../data-types/abstract.js';
import { baseColumnType } from '../base-column-types.js';
import type { ColumnTypeOverrides } from '../base-column-types.js';

// Sequelize v6's SQLite spellings (lib/dialects/sqlite/data-types.js). SQLite derives a column's
// affinity from the type name, so these names matter only for affinity and introspection.
const SQLITE: ColumnTypeOverrides = {
  // Sequelize's SQLite spelling puts BINARY before the length.
  STRING: (t, base) => (t.binary ? `VARCHAR BINARY(${t.length})` : base()),
  CHAR: (t, base) => (t.binary ? `CHAR BINARY(${t.length})` : base()),
  CITEXT: () => 'TEXT COLLATE NOCASE',
  BOOLEAN: () => 'TINYINT(1)',
  ENUM: () => 'TEXT',
  // SQLite takes any type name (its affinity follows from the name), so Sequelize's NUMBER and
  // PostgreSQL's types are written as Sequelize writes them.
  NUMBER: () => 'NUMBER',
  ARRAY: (t) => `${sqliteColumnType(t.type)}[]`,
  CIDR: () => 'CIDR',
  INET: () => 'INET',
  MACADDR: () => 'MACADDR',
  TSVECTOR: () => 'TSVECTOR',
};

/**
 * The SQLite column type for a data type, as Sequelize v6's `sync()` writes it. UNSIGNED/ZEROFILL
 * are dropped on every numeric type (Sequelize kept them on FLOAT/REAL/DOUBLE only, where SQLite
 * ignores them anyway); JSONB is `JSON`.
 *
 * @example
 * sqliteColumnType(DataTypes.BOOLEAN()) // 'TINYINT(1)'
 * sqliteColumnType(DataTypes.DATE(6)) // 'DATETIME'
 */
export function sqliteColumnType(type: AbstractDataType): string {
  return baseColumnType(type, SQLITE, 'sqlite');
}
