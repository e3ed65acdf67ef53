import validator from 'validator';
import { AbstractDataType } from './abstract.js';
import { defineDataType, type DataTypeFactory } from './factory.js';
import { normalizeDataType } from './normalize.js';
import type { DataType } from './normalize.js';

/**
 * A PostgreSQL type whose values are strings (`CIDR`, `INET`, `MACADDR`, `TSVECTOR`). SQLite takes
 * the name as Sequelize writes it; MySQL and SQL Server have no such type, so relata refuses the
 * column there, naming the dialect.
 *
 * @example
 * DataTypes.INET().validate('10.0.0.1') // undefined
 */
export abstract class PostgresStringType extends AbstractDataType {
  get params(): Readonly<Record<string, unknown>> {
    return {};
  }

  /** True when `value` is acceptable for this type (a string, by default). */
  protected accepts(value: string): boolean {
    return value.length >= 0;
  }

  override validate(value: unknown): string | undefined {
    return typeof value === 'string' && this.accepts(value) ? undefined : this.invalid(value, this.key.toLowerCase());
  }
}

/** PostgreSQL's `CIDR`: an IPv4 or IPv6 network. @example DataTypes.CIDR().validate('10.0.0.0/8') // undefined */
export class CidrType extends PostgresStringType {
  readonly key: string = 'CIDR';

  protected override accepts(value: string): boolean {
    return validator.isIPRange(value);
  }
}

/** PostgreSQL's `INET`: a host address. @example DataTypes.INET().validate('::1') // undefined */
export class InetType extends PostgresStringType {
  readonly key: string = 'INET';

  protected override accepts(value: string): boolean {
    return validator.isIP(value);
  }
}

/** PostgreSQL's `MACADDR`. @example DataTypes.MACADDR().validate('08:00:2b:01:02:03') // undefined */
export class MacaddrType extends PostgresStringType {
  readonly key: string = 'MACADDR';

  protected override accepts(value: string): boolean {
    return validator.isMACAddress(value);
  }
}

/** PostgreSQL's `TSVECTOR`, written and read as text. @example DataTypes.TSVECTOR().key // 'TSVECTOR' */
export class TsvectorType extends PostgresStringType {
  readonly key: string = 'TSVECTOR';
}

/**
 * PostgreSQL's arrays: `ARRAY(DataTypes.INTEGER)` is `INTEGER[]`. Values are JS arrays; each element
 * is validated and read back by the element type.
 *
 * @example
 * DataTypes.ARRAY(DataTypes.STRING).validate(['a', 'b']) // undefined
 */
export class ArrayType extends AbstractDataType {
  readonly key: string = 'ARRAY';
  /** The element type. */
  readonly type: AbstractDataType;

  constructor(type: DataType) {
    super();
    this.type = normalizeDataType(type, 'DataTypes.ARRAY');
  }

  get params(): Readonly<Record<string, unknown>> {
    return { type: this.type };
  }

  override validate(value: unknown): string | undefined {
    if (!Array.isArray(value)) return this.invalid(value, 'array');
    for (const element of value as unknown[]) {
      if (element === null) continue;
      const problem = this.type.validate(element);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }

  override toDb(value: unknown): unknown {
    return Array.isArray(value) ? value.map((element: unknown) => (element === null ? null : this.type.toDb(element))) : value;
  }

  override fromDb(value: unknown): unknown {
    return Array.isArray(value) ? value.map((element: unknown) => (element === null ? null : this.type.fromDb(element))) : value;
  }

  override toString(): string {
    return `${this.type.toString()}[]`;
  }
}

// Typed as Sequelize types them: their instances add nothing public to AbstractDataType.
/** `CIDR` (PostgreSQL). @example { network: DataTypes.CIDR } */
export const CIDR: DataTypeFactory<[], AbstractDataType> = defineDataType('CIDR', CidrType, () => new CidrType());
/** `INET` (PostgreSQL). @example { ip: DataTypes.INET } */
export const INET: DataTypeFactory<[], AbstractDataType> = defineDataType('INET', InetType, () => new InetType());
/** `MACADDR` (PostgreSQL). @example { mac: DataTypes.MACADDR } */
export const MACADDR: DataTypeFactory<[], AbstractDataType> = defineDataType('MACADDR', MacaddrType, () => new MacaddrType());
/** `TSVECTOR` (PostgreSQL). @example { search: DataTypes.TSVECTOR } */
export const TSVECTOR: DataTypeFactory<[], AbstractDataType> = defineDataType('TSVECTOR', TsvectorType, () => new TsvectorType());
/** `ARRAY(type)` (PostgreSQL). @example { tags: DataTypes.ARRAY(DataTypes.STRING) } */
export const ARRAY = defineDataType('ARRAY', ArrayType, (type: DataType) => new ArrayType(type));
