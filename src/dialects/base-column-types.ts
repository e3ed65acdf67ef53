import type { AbstractDataType } from '../data-types/abstract.js';
import { BlobType } from '../data-types/blob.js';
import { BooleanType } from '../data-types/boolean.js';
import { DateOnlyType, DateType, TimeType } from '../data-types/date.js';
import { RawColumnType } from '../data-types/raw.js';
import { EnumType } from '../data-types/enum.js';
import { JsonType } from '../data-types/json.js';
import { DecimalType, FloatType, IntegerType, NumberType } from '../data-types/numeric.js';
import { ArrayType, CidrType, InetType, MacaddrType, TsvectorType } from '../data-types/postgres.js';
import type { NumericType } from '../data-types/numeric.js';
import { CitextType, StringType, TextType } from '../data-types/string.js';
import { UuidType } from '../data-types/uuid.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';

/**
 * The data type families that have a column, by key, with the class each key's instances belong to.
 * @internal
 */
export interface ColumnTypeFamilies {
  STRING: StringType;
  CHAR: StringType;
  TEXT: TextType;
  CITEXT: CitextType;
  INTEGER: IntegerType;
  BIGINT: IntegerType;
  SMALLINT: IntegerType;
  TINYINT: IntegerType;
  MEDIUMINT: IntegerType;
  FLOAT: FloatType;
  REAL: FloatType;
  DOUBLE: FloatType;
  DECIMAL: DecimalType;
  BOOLEAN: BooleanType;
  DATE: DateType;
  DATEONLY: DateOnlyType;
  TIME: TimeType;
  UUID: UuidType;
  JSON: JsonType;
  JSONB: JsonType;
  ENUM: EnumType;
  BLOB: BlobType;
  NUMBER: NumberType;
  ARRAY: ArrayType;
  CIDR: CidrType;
  INET: InetType;
  MACADDR: MacaddrType;
  TSVECTOR: TsvectorType;
}

/** A key of a data type that has a column. @internal */
export type ColumnTypeKey = keyof ColumnTypeFamilies;

/**
 * A dialect's differences from the base spelling, per key. `base()` gives the base spelling of the
 * same type, for overrides that only add to it.
 *
 * @example
 * const overrides: ColumnTypeOverrides = { BOOLEAN: () => 'BIT', STRING: (t, base) => (t.binary ? 'BYTEA' : base()) };
 * @internal
 */
export type ColumnTypeOverrides = {
  readonly [K in ColumnTypeKey]?: (type: ColumnTypeFamilies[K], base: () => string) => string;
};

type Mapping = { readonly [K in ColumnTypeKey]: (type: ColumnTypeFamilies[K], dialect: string) => string };
type Families = { readonly [K in ColumnTypeKey]: abstract new (...args: never[]) => ColumnTypeFamilies[K] };

const FAMILIES: Families = {
  STRING: StringType,
  CHAR: StringType,
  TEXT: TextType,
  CITEXT: CitextType,
  INTEGER: IntegerType,
  BIGINT: IntegerType,
  SMALLINT: IntegerType,
  TINYINT: IntegerType,
  MEDIUMINT: IntegerType,
  FLOAT: FloatType,
  REAL: FloatType,
  DOUBLE: FloatType,
  DECIMAL: DecimalType,
  BOOLEAN: BooleanType,
  DATE: DateType,
  DATEONLY: DateOnlyType,
  TIME: TimeType,
  UUID: UuidType,
  JSON: JsonType,
  JSONB: JsonType,
  ENUM: EnumType,
  BLOB: BlobType,
  NUMBER: NumberType,
  ARRAY: ArrayType,
  CIDR: CidrType,
  INET: InetType,
  MACADDR: MacaddrType,
  TSVECTOR: TsvectorType,
};

/** The integer keys. @example overridesFor(INTEGER_KEYS, (t) => numericName(t)) @internal */
export const INTEGER_KEYS = ['INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'MEDIUMINT'] as const;
/** The floating-point keys. @example overridesFor(FLOAT_KEYS, (t) => numericName(t)) @internal */
export const FLOAT_KEYS = ['FLOAT', 'REAL', 'DOUBLE'] as const;
/** Every numeric key. @example overridesFor(NUMERIC_KEYS, (t, base) => base() + numericModifiers(t)) @internal */
export const NUMERIC_KEYS = [...INTEGER_KEYS, ...FLOAT_KEYS, 'DECIMAL'] as const;

const NUMERIC_NAMES: Readonly<Record<string, string>> = { DOUBLE: 'DOUBLE PRECISION' };

/**
 * The SQL name of a numeric type, without size (`DOUBLE` is `DOUBLE PRECISION`).
 *
 * @example
 * numericName(DataTypes.DOUBLE()) // 'DOUBLE PRECISION'
 * @internal
 */
export function numericName(type: NumericType): string {
  return NUMERIC_NAMES[type.key] ?? type.key;
}

/**
 * The parenthesized size of a numeric type: `''`, `'(11)'` or `'(10,2)'`.
 *
 * @example
 * numericSize(DataTypes.DECIMAL(10, 2)) // '(10,2)'
 * @internal
 */
export function numericSize(type: NumericType): string {
  if (type.length === undefined) return '';
  return type.decimals === undefined ? `(${type.length})` : `(${type.length},${type.decimals})`;
}

/**
 * MySQL's numeric modifiers: `' UNSIGNED'`, `' ZEROFILL'`, both, or `''`.
 *
 * @example
 * numericModifiers(DataTypes.INTEGER.UNSIGNED) // ' UNSIGNED'
 * @internal
 */
export function numericModifiers(type: NumericType): string {
  return `${type.unsigned ? ' UNSIGNED' : ''}${type.zerofill ? ' ZEROFILL' : ''}`;
}

/**
 * The TINY/MEDIUM/LONG prefix of a sized TEXT or BLOB, `''` when unsized.
 *
 * @example
 * sizePrefix(DataTypes.BLOB('long')) // 'LONG'
 * @internal
 */
export function sizePrefix(type: TextType | BlobType): string {
  return type.length === undefined ? '' : type.length.toUpperCase();
}

/**
 * For dialects where `FLOAT(p)` is a precision and no floating type takes decimals (PostgreSQL,
 * SQL Server): `FLOAT(p)` when only a length is given, otherwise the bare name.
 *
 * @example
 * floatWithoutDecimals(DataTypes.FLOAT(11)) // 'FLOAT(11)'
 * floatWithoutDecimals(DataTypes.DOUBLE(11, 10)) // 'DOUBLE PRECISION'
 * @internal
 */
export function floatWithoutDecimals(type: FloatType): string {
  return type.key === 'FLOAT' && type.length !== undefined && type.decimals === undefined
    ? `FLOAT(${type.length})`
    : numericName(type);
}

function refuse(type: AbstractDataType, dialect: string): never {
  throw InvalidOptionError.noColumnType(type.key, dialect);
}

const numeric = (t: NumericType): string => `${numericName(t)}${numericSize(t)}`;
const withBinary = (name: string) => (t: StringType): string => `${name}(${t.length})${t.binary ? ' BINARY' : ''}`;

// The spelling most dialects share; each dialect file states only where it differs.
const BASE: Mapping = {
  STRING: withBinary('VARCHAR'),
  CHAR: withBinary('CHAR'),
  TEXT: () => 'TEXT',
  CITEXT: () => 'CITEXT',
  INTEGER: numeric,
  BIGINT: numeric,
  SMALLINT: numeric,
  TINYINT: numeric,
  MEDIUMINT: numeric,
  FLOAT: numeric,
  REAL: numeric,
  DOUBLE: numeric,
  DECIMAL: numeric,
  BOOLEAN: () => 'BOOLEAN',
  DATE: () => 'DATETIME',
  DATEONLY: () => 'DATE',
  TIME: () => 'TIME',
  UUID: () => 'UUID',
  JSON: () => 'JSON',
  // Dialects without a binary JSON type store JSONB as their JSON type.
  JSONB: () => 'JSON',
  // A plain string column; the DDL layer adds a CHECK constraint listing the values.
  ENUM: () => 'VARCHAR(255)',
  BLOB: (t) => `${sizePrefix(t)}BLOB`,
  // Sequelize's NUMBER and PostgreSQL's own types: a dialect that has them (or, as SQLite, takes any
  // name) spells them in its file; elsewhere the column is refused before the database would.
  NUMBER: refuse,
  ARRAY: refuse,
  CIDR: refuse,
  INET: refuse,
  MACADDR: refuse,
  TSVECTOR: refuse,
};

const MARKER_HINTS: Readonly<Record<string, string>> = {
  NOW: 'use type: DataTypes.DATE with defaultValue: DataTypes.NOW',
  UUIDV4: 'use type: DataTypes.UUID with defaultValue: DataTypes.UUIDV4',
  UUIDV1: 'use type: DataTypes.UUID with defaultValue: DataTypes.UUIDV1',
};

function isColumnTypeKey(key: string): key is ColumnTypeKey {
  return Object.hasOwn(FAMILIES, key);
}

/**
 * The column type text for `type` on a dialect described by `overrides`. Throws
 * `InvalidOptionError` for VIRTUAL (no column), for the default-value markers, and for a type no
 * mapping knows.
 *
 * @example
 * baseColumnType(DataTypes.STRING(50), {}) // 'VARCHAR(50)'
 * baseColumnType(DataTypes.BOOLEAN(), { BOOLEAN: () => 'BIT' }, 'mssql') // 'BIT'
 */
export function baseColumnType(type: AbstractDataType, overrides: ColumnTypeOverrides, dialect = 'this dialect'): string {
  if (type.isVirtual) {
    throw new InvalidOptionError(`${type.key} attributes have no column, so they have no column type on ${dialect}`);
  }
  // A type written as SQL text is the column type, verbatim.
  if (type instanceof RawColumnType) return type.sql;
  const key = type.key;
  const hint = MARKER_HINTS[key];
  if (hint !== undefined) {
    throw new InvalidOptionError(`DataTypes.${key} is a default-value marker, not a column type: ${hint}`);
  }
  if (!isColumnTypeKey(key) || !(type instanceof FAMILIES[key])) {
    throw new InvalidOptionError(`data type ${key} has no column type on ${dialect}`);
  }
  // The instanceof check above ties `type` to FAMILIES[key], the parameter type of both mappings.
  const base = BASE[key] as (t: AbstractDataType, dialect: string) => string;
  const override = overrides[key] as ((t: AbstractDataType, base: () => string) => string) | undefined;
  return override === undefined ? base(type, dialect) : override(type, () => base(type, dialect));
}

/**
 * One override for several keys of the same family (all integer keys, say).
 *
 * @example
 * overridesFor(INTEGER_KEYS, (t) => numericName(t)) // { INTEGER: fn, BIGINT: fn, … }
 * @internal
 */
export function overridesFor<K extends ColumnTypeKey>(
  keys: readonly K[],
  map: (type: ColumnTypeFamilies[K], base: () => string) => string,
): ColumnTypeOverrides {
  // Each key's slot expects a mapper of its own family; `map` accepts all of them.
  return Object.fromEntries(keys.map((key) => [key, map])) as ColumnTypeOverrides;
}
