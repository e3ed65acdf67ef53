import validator from 'validator';
import { AbstractDataType, readsUnchanged } from './abstract.js';
import { defineDataType, isOptionsObject, optionalFlag, optionalInteger, withStatics } from './factory.js';
import type { DataTypeFactory } from './factory.js';

/** Options shared by the numeric types, as Sequelize names them. */
export interface NumericOptions {
  /** Display width (integers) or total digits (FLOAT/DOUBLE). */
  readonly length?: number | undefined;
  /** Digits after the point (FLOAT/DOUBLE). */
  readonly decimals?: number | undefined;
  /** MySQL's UNSIGNED; the other dialects ignore it. */
  readonly unsigned?: boolean | undefined;
  /** MySQL's ZEROFILL; the other dialects ignore it. */
  readonly zerofill?: boolean | undefined;
}

/** Options of DECIMAL. */
export interface DecimalOptions {
  readonly precision?: number | undefined;
  readonly scale?: number | undefined;
  readonly unsigned?: boolean | undefined;
  readonly zerofill?: boolean | undefined;
}

/**
 * The base of every numeric type. `length`/`decimals` are the parenthesized size in DDL
 * (`FLOAT(11,10)`, `DECIMAL(10,2)`, `INTEGER(11)`).
 *
 * @example
 * DataTypes.INTEGER.UNSIGNED.unsigned // true
 */
export abstract class NumericType extends AbstractDataType {
  readonly length: number | undefined;
  readonly decimals: number | undefined;
  readonly unsigned: boolean;
  readonly zerofill: boolean;

  constructor(options: NumericOptions = {}) {
    super();
    this.length = options.length;
    this.decimals = options.decimals;
    this.unsigned = options.unsigned ?? false;
    this.zerofill = options.zerofill ?? false;
  }

  /**
   * The same type, unsigned (MySQL). Returns a new instance.
   *
   * @example
   * DataTypes.INTEGER(11).UNSIGNED.params // { length: 11, unsigned: true, zerofill: false }
   */
  get UNSIGNED(): this {
    return this.withOptions({ unsigned: true });
  }

  /**
   * The same type with ZEROFILL (MySQL). Returns a new instance.
   *
   * @example
   * DataTypes.INTEGER.UNSIGNED.ZEROFILL.zerofill // true
   */
  get ZEROFILL(): this {
    return this.withOptions({ zerofill: true });
  }

  get params(): Readonly<Record<string, unknown>> {
    const size: Record<string, number> = {};
    if (this.length !== undefined) size['length'] = this.length;
    if (this.decimals !== undefined) size['decimals'] = this.decimals;
    return { ...size, unsigned: this.unsigned, zerofill: this.zerofill };
  }

  /** A copy of this type with some options changed; subclasses with other constructor options override it. */
  protected withOptions(patch: NumericOptions): this {
    const Family = this.constructor as new (options: NumericOptions) => this;
    return new Family(this.mergedOptions(patch));
  }

  /** This type's options with `patch` applied. */
  protected mergedOptions(patch: NumericOptions): NumericOptions {
    return { length: this.length, decimals: this.decimals, unsigned: this.unsigned, zerofill: this.zerofill, ...patch };
  }
}

function toSafeNumber(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  if (typeof value === 'string' && validator.isInt(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  return value;
}

/**
 * `INTEGER` (also the base of TINYINT, SMALLINT, MEDIUMINT and BIGINT).
 *
 * @example
 * DataTypes.INTEGER().validate('abc') // '"abc" is not a valid integer'
 */
export class IntegerType extends NumericType {
  readonly key: string = 'INTEGER';

  override validate(value: unknown): string | undefined {
    // A safe integer always prints as digits isInt accepts: no string to build and test.
    if (typeof value === 'number' && Number.isSafeInteger(value)) return undefined;
    return validator.isInt(String(value)) ? undefined : this.invalid(value, this.key.toLowerCase());
  }

  override toDb(value: unknown): unknown {
    return toSafeNumber(value);
  }

  override fromDb(value: unknown): unknown {
    return toSafeNumber(value);
  }
}

/** `TINYINT`. @example DataTypes.TINYINT.key // 'TINYINT' */
export class TinyIntType extends IntegerType {
  override readonly key: string = 'TINYINT';
}

/** `SMALLINT`. @example DataTypes.SMALLINT.key // 'SMALLINT' */
export class SmallIntType extends IntegerType {
  override readonly key: string = 'SMALLINT';
}

/** `MEDIUMINT` (MySQL; `INTEGER` elsewhere). @example DataTypes.MEDIUMINT.key // 'MEDIUMINT' */
export class MediumIntType extends IntegerType {
  override readonly key: string = 'MEDIUMINT';
}

/**
 * `BIGINT`. Values read back keep the driver's form, as in Sequelize v6: PostgreSQL's int8 arrives as
 * a string and stays one; numbers stay numbers.
 *
 * @example
 * DataTypes.BIGINT().fromDb('9007199254740993') // '9007199254740993'
 */
export class BigIntType extends IntegerType {
  override readonly key: string = 'BIGINT';

  override toDb(value: unknown): unknown {
    return value;
  }

  override fromDb(value: unknown): unknown {
    // A driver in bigint mode: keep it a number when exact, otherwise the lossless string.
    if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
    return value;
  }
}

/**
 * `FLOAT` (also the base of REAL and DOUBLE). Strings read back become numbers.
 *
 * @example
 * DataTypes.FLOAT().fromDb('1.5') // 1.5
 */
export class FloatType extends NumericType {
  readonly key: string = 'FLOAT';

  override validate(value: unknown): string | undefined {
    return validator.isFloat(String(value)) ? undefined : this.invalid(value, this.key.toLowerCase());
  }

  override toDb(value: unknown): unknown {
    return typeof value === 'string' && validator.isFloat(value) ? Number(value) : value;
  }

  override fromDb(value: unknown): unknown {
    return typeof value === 'string' || typeof value === 'bigint' ? Number(value) : value;
  }
}

/**
 * Sequelize's `NUMBER`, the base of its numeric types, usable as a column type of its own: SQLite
 * takes the name (NUMERIC affinity); the other databases have no such type, so relata refuses it
 * there as the database would. Values are numbers, as FLOAT's.
 *
 * @example
 * DataTypes.NUMBER().key // 'NUMBER'
 */
export class NumberType extends FloatType {
  override readonly key: string = 'NUMBER';
}

/** `REAL`. @example DataTypes.REAL.key // 'REAL' */
export class RealType extends FloatType {
  override readonly key: string = 'REAL';
}

/** `DOUBLE PRECISION`. @example DataTypes.DOUBLE.key // 'DOUBLE' */
export class DoubleType extends FloatType {
  override readonly key: string = 'DOUBLE';
}

/**
 * `DECIMAL(precision, scale)`. Values read back are strings, as Sequelize returns them, so no
 * precision is lost.
 *
 * @example
 * DataTypes.DECIMAL(10, 2).fromDb(1.5) // '1.5'
 */
export class DecimalType extends NumericType {
  readonly key: string = 'DECIMAL';

  constructor(options: DecimalOptions = {}) {
    super({ length: options.precision, decimals: options.scale, unsigned: options.unsigned, zerofill: options.zerofill });
  }

  protected override withOptions(patch: NumericOptions): this {
    const Family = this.constructor as new (options: DecimalOptions) => this;
    const o = this.mergedOptions(patch);
    return new Family({ precision: o.length, scale: o.decimals, unsigned: o.unsigned, zerofill: o.zerofill });
  }

  /** Total digits, when given. */
  get precision(): number | undefined {
    return this.length;
  }

  /** Digits after the point, when given. */
  get scale(): number | undefined {
    return this.decimals;
  }

  override get params(): Readonly<Record<string, unknown>> {
    const size: Record<string, number> = {};
    if (this.precision !== undefined) size['precision'] = this.precision;
    if (this.scale !== undefined) size['scale'] = this.scale;
    return { ...size, unsigned: this.unsigned, zerofill: this.zerofill };
  }

  override validate(value: unknown): string | undefined {
    return validator.isDecimal(String(value)) ? undefined : this.invalid(value, 'decimal');
  }

  override toDb(value: unknown): unknown {
    return typeof value === 'bigint' ? String(value) : value;
  }

  override fromDb(value: unknown): unknown {
    return typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
  }
}

/** The call forms of the integer types: `(length?)` or `({ length, unsigned, zerofill })`. */
export type IntegerArgs = [length?: number] | [options: Omit<NumericOptions, 'decimals'>];
/** The call forms of FLOAT/REAL/DOUBLE: `(length?, decimals?)` or an options object. */
export type FloatArgs = [length?: number, decimals?: number] | [options: NumericOptions];
/** The call forms of DECIMAL: `(precision?, scale?)` or an options object. */
export type DecimalArgs = [precision?: number, scale?: number] | [options: DecimalOptions];

function sizeOptions(
  where: string,
  raw: Readonly<Record<string, unknown>>,
  length: string,
  decimals: string | undefined,
): NumericOptions {
  return {
    length: optionalInteger(where, length, raw[length], 1),
    decimals: decimals === undefined ? undefined : optionalInteger(where, decimals, raw[decimals], 0),
    unsigned: optionalFlag(where, 'unsigned', raw['unsigned']),
    zerofill: optionalFlag(where, 'zerofill', raw['zerofill']),
  };
}

function numericOptions(where: string, args: FloatArgs): NumericOptions {
  const [first, second] = args;
  return sizeOptions(where, isOptionsObject(first) ? first : { length: first, decimals: second }, 'length', 'decimals');
}

function integerOptions(where: string, args: IntegerArgs): NumericOptions {
  const [first] = args;
  // Integers take no decimals: an options object's `decimals` is ignored, as in Sequelize.
  return sizeOptions(where, isOptionsObject(first) ? first : { length: first }, 'length', undefined);
}

function decimalOptions(where: string, args: DecimalArgs): NumericOptions {
  const [first, second] = args;
  return sizeOptions(where, isOptionsObject(first) ? first : { precision: first, scale: second }, 'precision', 'scale');
}

/** A numeric factory, with Sequelize's `.UNSIGNED` / `.ZEROFILL` static shortcuts. */
export type NumericFactory<Args extends unknown[], T extends NumericType> = DataTypeFactory<Args, T> & {
  readonly UNSIGNED: T;
  readonly ZEROFILL: T;
};

function numeric<Args extends unknown[], T extends NumericType>(
  key: string,
  family: abstract new (...args: never[]) => T,
  create: (options: NumericOptions) => T,
  parse: (where: string, args: Args) => NumericOptions,
): NumericFactory<Args, T> {
  const where = `DataTypes.${key}`;
  const base = defineDataType(key, family, (...args: Args) => create(parse(where, args)));
  return withStatics<typeof base, { UNSIGNED: T; ZEROFILL: T }>(base, {
    UNSIGNED: () => create({ unsigned: true }),
    ZEROFILL: () => create({ zerofill: true }),
  });
}

/**
 * `INTEGER`; `INTEGER(11)` and `INTEGER.UNSIGNED` on MySQL.
 *
 * @example
 * { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } }
 */
export const INTEGER = numeric('INTEGER', IntegerType, (o) => new IntegerType(o), integerOptions);
/** `TINYINT` (`SMALLINT` on PostgreSQL). @example { level: DataTypes.TINYINT } */
export const TINYINT = numeric('TINYINT', TinyIntType, (o) => new TinyIntType(o), integerOptions);
/** `SMALLINT`. @example { year: DataTypes.SMALLINT.UNSIGNED } */
export const SMALLINT = numeric('SMALLINT', SmallIntType, (o) => new SmallIntType(o), integerOptions);
/** `MEDIUMINT` (`INTEGER` on PostgreSQL and MSSQL). @example { views: DataTypes.MEDIUMINT } */
export const MEDIUMINT = numeric('MEDIUMINT', MediumIntType, (o) => new MediumIntType(o), integerOptions);
/** `BIGINT`. @example { id: { type: DataTypes.BIGINT, primaryKey: true } } */
export const BIGINT = numeric('BIGINT', BigIntType, (o) => new BigIntType(o), integerOptions);
/** `FLOAT`, `FLOAT(11)` or `FLOAT(11, 10)`. @example { ratio: DataTypes.FLOAT } */
export const FLOAT = numeric('FLOAT', FloatType, (o) => new FloatType(o), numericOptions);
/** Sequelize's `NUMBER` (a column on SQLite only). @example { score: DataTypes.NUMBER } */
export const NUMBER = numeric('NUMBER', NumberType, (o) => new NumberType(o), numericOptions);
/** `REAL`. @example { score: DataTypes.REAL } */
export const REAL = numeric('REAL', RealType, (o) => new RealType(o), numericOptions);
/** `DOUBLE PRECISION`. @example { lat: DataTypes.DOUBLE } */
export const DOUBLE = numeric('DOUBLE', DoubleType, (o) => new DoubleType(o), numericOptions);

/**
 * `DECIMAL`, or `DECIMAL(precision, scale)`.
 *
 * @example
 * { price: DataTypes.DECIMAL(10, 2) } // DECIMAL(10,2)
 */
export const DECIMAL = numeric<DecimalArgs, DecimalType>(
  'DECIMAL',
  DecimalType,
  (o) => new DecimalType({ precision: o.length, scale: o.decimals, unsigned: o.unsigned, zerofill: o.zerofill }),
  decimalOptions,
);

// What each fromDb above returns unchanged (see AbstractDataType.readsUnchanged).
readsUnchanged(IntegerType.prototype.fromDb, ['number']);
readsUnchanged(BigIntType.prototype.fromDb, ['number', 'string']);
readsUnchanged(FloatType.prototype.fromDb, ['number']);
readsUnchanged(DecimalType.prototype.fromDb, ['string']);
