import { AbstractDataType, DataTypes, DecoratorError, type DataType } from '../../index.js';
import { designTypeName } from '../decorator-call.js';
import { inferredTypeKey } from '../design-type.js';
import type { ColumnDecoration, ColumnOptions } from './entity-decorations.js';

type Mapper = (options: ColumnOptions) => DataType;

const length = (options: ColumnOptions): number | undefined => (options.length === undefined ? undefined : Number(options.length));
const integer = (type: DataType, options: ColumnOptions): DataType => (options.unsigned && typeof type !== 'string' && 'UNSIGNED' in type ? (type as unknown as { UNSIGNED: DataType }).UNSIGNED : type);

function enumValues(options: ColumnOptions): string[] {
  const given = options.enum ?? [];
  // A TypeScript enum object maps names to values (and numbers back to names); keep the values.
  const values = Array.isArray(given) ? given : Object.entries(given).filter(([key]) => !/^\d+$/.test(key)).map(([, value]) => value);
  return values.map(String);
}

const BY_NAME: Record<string, Mapper> = {
  int: (o) => integer(DataTypes.INTEGER, o),
  int4: (o) => integer(DataTypes.INTEGER, o),
  integer: (o) => integer(DataTypes.INTEGER, o),
  int2: (o) => integer(DataTypes.SMALLINT, o),
  smallint: (o) => integer(DataTypes.SMALLINT, o),
  tinyint: (o) => integer(DataTypes.TINYINT, o),
  mediumint: (o) => integer(DataTypes.MEDIUMINT, o),
  int8: (o) => integer(DataTypes.BIGINT, o),
  bigint: (o) => integer(DataTypes.BIGINT, o),
  float: () => DataTypes.FLOAT,
  float4: () => DataTypes.REAL,
  real: () => DataTypes.REAL,
  float8: () => DataTypes.DOUBLE,
  double: () => DataTypes.DOUBLE,
  'double precision': () => DataTypes.DOUBLE,
  decimal: (o) => (o.precision === undefined ? DataTypes.DECIMAL : DataTypes.DECIMAL(o.precision, o.scale ?? 0)),
  numeric: (o) => (o.precision === undefined ? DataTypes.DECIMAL : DataTypes.DECIMAL(o.precision, o.scale ?? 0)),
  dec: (o) => (o.precision === undefined ? DataTypes.DECIMAL : DataTypes.DECIMAL(o.precision, o.scale ?? 0)),
  varchar: (o) => DataTypes.STRING(length(o) ?? 255),
  'character varying': (o) => DataTypes.STRING(length(o) ?? 255),
  nvarchar: (o) => DataTypes.STRING(length(o) ?? 255),
  string: (o) => DataTypes.STRING(length(o) ?? 255),
  char: (o) => DataTypes.CHAR(length(o) ?? 1),
  character: (o) => DataTypes.CHAR(length(o) ?? 1),
  nchar: (o) => DataTypes.CHAR(length(o) ?? 1),
  text: () => DataTypes.TEXT,
  tinytext: () => DataTypes.TEXT,
  mediumtext: () => DataTypes.TEXT,
  longtext: () => DataTypes.TEXT,
  citext: () => DataTypes.CITEXT,
  boolean: () => DataTypes.BOOLEAN,
  bool: () => DataTypes.BOOLEAN,
  date: () => DataTypes.DATEONLY,
  time: () => DataTypes.TIME,
  datetime: () => DataTypes.DATE,
  datetime2: () => DataTypes.DATE,
  timestamp: () => DataTypes.DATE,
  timestamptz: () => DataTypes.DATE,
  'timestamp with time zone': () => DataTypes.DATE,
  'timestamp without time zone': () => DataTypes.DATE,
  uuid: () => DataTypes.UUID,
  json: () => DataTypes.JSON,
  'simple-json': () => DataTypes.JSON,
  jsonb: () => DataTypes.JSONB,
  blob: () => DataTypes.BLOB,
  tinyblob: () => DataTypes.BLOB,
  mediumblob: () => DataTypes.BLOB,
  longblob: () => DataTypes.BLOB,
  bytea: () => DataTypes.BLOB,
  binary: () => DataTypes.BLOB,
  varbinary: () => DataTypes.BLOB,
  enum: (o) => DataTypes.ENUM(...enumValues(o)),
  'simple-enum': (o) => DataTypes.ENUM(...enumValues(o)),
};

// What TypeORM infers from a property's TypeScript type, by relata data type family.
const INFERRED: Record<NonNullable<ReturnType<typeof inferredTypeKey>>, string> = {
  STRING: 'varchar', INTEGER: 'int', BIGINT: 'bigint', BOOLEAN: 'boolean', DATE: 'datetime', BLOB: 'blob',
};

function isDataType(value: unknown): value is DataType {
  return value instanceof AbstractDataType || (typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof AbstractDataType);
}

/**
 * The relata data type of a TypeORM-style column: its declared type (a TypeORM type name, a JS
 * constructor, a relata data type), else what its decorator implies, else its TypeScript type.
 * @internal
 */
export function columnDataType(entity: string, property: string, column: ColumnDecoration): DataType {
  const { type, options } = column;
  if (isDataType(type)) return type;
  if (typeof type === 'string') {
    const mapper = BY_NAME[type];
    if (!mapper) throw DecoratorError.unknownColumnType(entity, property, type, Object.keys(BY_NAME));
    return mapper(options);
  }
  if (column.kind === 'generated') return column.strategy === 'uuid' ? DataTypes.UUID : integer(DataTypes.INTEGER, options);
  // Microseconds, as TypeORM's date columns (datetime(6) on MySQL/MariaDB): a saved entity's
  // timestamp must read back equal, not cut to the second.
  if (column.kind === 'createDate' || column.kind === 'updateDate' || column.kind === 'deleteDate') return DataTypes.DATE(6);
  if (options.enum !== undefined) return DataTypes.ENUM(...enumValues(options));
  const key = inferredTypeKey(type ?? column.designType);
  if (key === undefined) throw DecoratorError.untypedColumn(entity, property, column.decorator, designTypeName(type ?? column.designType));
  return (BY_NAME[INFERRED[key]] as Mapper)(options);
}
