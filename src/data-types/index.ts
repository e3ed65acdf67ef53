import { BLOB } from './blob.js';
import { BOOLEAN } from './boolean.js';
import { DATE, DATEONLY, NOW, TIME } from './date.js';
import { ENUM } from './enum.js';
import { JSON as JSON_TYPE, JSONB } from './json.js';
import { BIGINT, DECIMAL, DOUBLE, FLOAT, INTEGER, MEDIUMINT, NUMBER, REAL, SMALLINT, TINYINT } from './numeric.js';
import { ARRAY, CIDR, INET, MACADDR, TSVECTOR } from './postgres.js';
import { CHAR, CITEXT, STRING, TEXT } from './string.js';
import { UUID, UUIDV1, UUIDV4 } from './uuid.js';
import { VIRTUAL } from './virtual.js';

export { AbstractDataType } from './abstract.js';
export type { DefaultValueMarker } from './abstract.js';
export type { DataTypeFactory, SizeVariant } from './factory.js';
export { normalizeDataType } from './normalize.js';
export type { DataType, DataTypeConstructor } from './normalize.js';
export { isDefaultMarker, generateDefault } from './default-value.js';

export { STRING, CHAR, TEXT, CITEXT, StringType, CharType, TextType, CitextType } from './string.js';
export type { StringOptions, TextOptions, StringArgs, TextArgs } from './string.js';
export {
  INTEGER,
  BIGINT,
  SMALLINT,
  TINYINT,
  MEDIUMINT,
  NUMBER,
  NumberType,
  FLOAT,
  REAL,
  DOUBLE,
  DECIMAL,
  NumericType,
  IntegerType,
  BigIntType,
  SmallIntType,
  TinyIntType,
  MediumIntType,
  FloatType,
  RealType,
  DoubleType,
  DecimalType,
} from './numeric.js';
export type { NumericOptions, DecimalOptions, IntegerArgs, FloatArgs, DecimalArgs, NumericFactory } from './numeric.js';
export { BOOLEAN, BooleanType } from './boolean.js';
export { DATE, DATEONLY, TIME, NOW, DateType, DateOnlyType, TimeType, NowType, formatSqliteDate } from './date.js';
export type { DateOptions, DateArgs } from './date.js';
export { UUID, UUIDV4, UUIDV1, UuidType, UuidV4Type, UuidV1Type } from './uuid.js';
export { JSON, JSONB, JsonType, JsonbType } from './json.js';
export { ENUM, EnumType } from './enum.js';
export type { EnumOptions, EnumArgs } from './enum.js';
export { BLOB, BlobType } from './blob.js';
export type { BlobOptions, BlobArgs } from './blob.js';
export { VIRTUAL, VirtualType } from './virtual.js';
export { ARRAY, CIDR, INET, MACADDR, TSVECTOR, ArrayType, CidrType, InetType, MacaddrType, TsvectorType } from './postgres.js';
export type { VirtualOptions, VirtualArgs } from './virtual.js';

/**
 * Every data type under its Sequelize name. Each member works bare, called, or with `new`.
 *
 * @example
 * sequelize.define('User', {
 *   id: { type: DataTypes.INTEGER.UNSIGNED, primaryKey: true, autoIncrement: true },
 *   name: DataTypes.STRING(50),
 *   status: DataTypes.ENUM('active', 'banned'),
 *   createdOn: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
 * });
 */
export const DataTypes = Object.freeze({
  STRING,
  CHAR,
  TEXT,
  CITEXT,
  INTEGER,
  BIGINT,
  SMALLINT,
  TINYINT,
  MEDIUMINT,
  NUMBER,
  FLOAT,
  REAL,
  DOUBLE,
  DECIMAL,
  BOOLEAN,
  DATE,
  DATEONLY,
  TIME,
  NOW,
  UUID,
  UUIDV4,
  UUIDV1,
  JSON: JSON_TYPE,
  JSONB,
  ENUM,
  BLOB,
  VIRTUAL,
  ARRAY,
  CIDR,
  INET,
  MACADDR,
  TSVECTOR,
});

// Sequelize 6 also exposes DataTypes as a type namespace (`DataTypes.IntegerDataType`,
// `DataTypes.DataType`…). These names are types only; they merge with the value above.
 
// Module-level names for the namespace's aliases: written as `type AbstractDataType =
// import(…).AbstractDataType`, the bundled declarations would make them refer to themselves.
type AbstractDataTypeClass = import('./abstract.js').AbstractDataType;
type DataTypeUnion = import('./normalize.js').DataType;

export declare namespace DataTypes {
  type AbstractDataType = AbstractDataTypeClass;
  type AbstractDataTypeConstructor = import('./normalize.js').DataTypeConstructor;
  type DataType = DataTypeUnion;
  type StringDataType = import('./string.js').StringType;
  type StringDataTypeOptions = import('./string.js').StringOptions;
  type CharDataType = import('./string.js').CharType;
  type TextDataType = import('./string.js').TextType;
  type TextDataTypeOptions = import('./string.js').TextOptions;
  type CitextDataType = import('./string.js').CitextType;
  type NumberDataType = import('./numeric.js').NumericType;
  type NumberDataTypeOptions = import('./numeric.js').NumericOptions;
  type IntegerDataType = import('./numeric.js').IntegerType;
  type IntegerDataTypeOptions = import('./numeric.js').NumericOptions;
  type TinyIntegerDataType = import('./numeric.js').TinyIntType;
  type SmallIntegerDataType = import('./numeric.js').SmallIntType;
  type MediumIntegerDataType = import('./numeric.js').MediumIntType;
  type BigIntDataType = import('./numeric.js').BigIntType;
  type FloatDataType = import('./numeric.js').FloatType;
  type RealDataType = import('./numeric.js').RealType;
  type DoubleDataType = import('./numeric.js').DoubleType;
  type DecimalDataType = import('./numeric.js').DecimalType;
  type DecimalDataTypeOptions = import('./numeric.js').DecimalOptions;
  type BooleanDataType = import('./boolean.js').BooleanType;
  type DateDataType = import('./date.js').DateType;
  type DateDataTypeOptions = import('./date.js').DateOptions;
  type DateOnlyDataType = import('./date.js').DateOnlyType;
  type TimeDataType = import('./date.js').TimeType;
  type NowDataType = import('./date.js').NowType;
  type JSONDataType = import('./json.js').JsonType;
  type JSONBDataType = import('./json.js').JsonbType;
  type EnumDataType<T extends string = string> = import('./enum.js').EnumType & { readonly values?: readonly T[] };
  type EnumDataTypeOptions = import('./enum.js').EnumOptions;
  type BlobDataType = import('./blob.js').BlobType;
  type BlobDataTypeOptions = import('./blob.js').BlobOptions;
  type UUIDDataType = import('./uuid.js').UuidType;
  type UUIDV4DataType = import('./uuid.js').UuidV4Type;
  type UUIDV1DataType = import('./uuid.js').UuidV1Type;
  type VirtualDataType = import('./virtual.js').VirtualType;
  type VirtualDataTypeOptions = import('./virtual.js').VirtualOptions;
  type ArrayDataType = import('./postgres.js').ArrayType;
  type NumberDataTypeClass = import('./numeric.js').NumberType;
}
