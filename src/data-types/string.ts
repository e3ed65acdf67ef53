import { AbstractDataType } from './abstract.js';
import {
  defineDataType,
  isOptionsObject,
  optionalFlag,
  optionalInteger,
  optionalSizeVariant,
  withStatics,
} from './factory.js';
import type { SizeVariant } from './factory.js';

/** Options of STRING and CHAR, as Sequelize names them. */
export interface StringOptions {
  /** Maximum length in characters; 255 when omitted. */
  readonly length?: number | undefined;
  /** Binary string (`VARCHAR(255) BINARY` on MySQL, `BYTEA` on PostgreSQL). */
  readonly binary?: boolean | undefined;
}

/** Options of TEXT. */
export interface TextOptions {
  /** MySQL's TINYTEXT / MEDIUMTEXT / LONGTEXT; the other dialects ignore it. */
  readonly length?: SizeVariant | undefined;
}

/**
 * A variable-length string column (`VARCHAR(n)`).
 *
 * @example
 * DataTypes.STRING(50).params // { length: 50, binary: false }
 */
export class StringType extends AbstractDataType {
  readonly key: string = 'STRING';
  readonly length: number;
  readonly binary: boolean;

  constructor(options: StringOptions = {}) {
    super();
    this.length = options.length ?? 255;
    this.binary = options.binary ?? false;
  }

  /**
   * The same type as a binary string. Returns a new instance; the receiver is unchanged.
   *
   * @example
   * DataTypes.STRING(50).BINARY.params // { length: 50, binary: true }
   */
  get BINARY(): this {
    const Family = this.constructor as new (options: StringOptions) => this;
    return new Family({ length: this.length, binary: true });
  }

  get params(): Readonly<Record<string, unknown>> {
    return { length: this.length, binary: this.binary };
  }

  // Sequelize accepts strings and numbers, plus Buffers for binary strings.
  override validate(value: unknown): string | undefined {
    if (typeof value === 'string' || typeof value === 'number') return undefined;
    if (this.binary && value instanceof Uint8Array) return undefined;
    return this.invalid(value, 'string');
  }

  override toDb(value: unknown): unknown {
    // A number bound to a text column is stored as its decimal text on every dialect.
    return typeof value === 'number' ? String(value) : value;
  }
}

/**
 * A fixed-length string column (`CHAR(n)`).
 *
 * @example
 * DataTypes.CHAR(10).params // { length: 10, binary: false }
 */
export class CharType extends StringType {
  override readonly key: string = 'CHAR';
}

/**
 * An unbounded text column (`TEXT`; MySQL also has the tiny/medium/long variants).
 *
 * @example
 * DataTypes.TEXT('long').params // { length: 'long' }
 */
export class TextType extends AbstractDataType {
  readonly key: string = 'TEXT';
  readonly length: SizeVariant | undefined;

  constructor(options: TextOptions = {}) {
    super();
    this.length = options.length;
  }

  get params(): Readonly<Record<string, unknown>> {
    return this.length === undefined ? {} : { length: this.length };
  }

  override validate(value: unknown): string | undefined {
    return typeof value === 'string' ? undefined : this.invalid(value, 'string');
  }
}

/**
 * A case-insensitive text column (PostgreSQL's `CITEXT` extension type).
 *
 * @example
 * DataTypes.CITEXT.key // 'CITEXT'
 */
export class CitextType extends AbstractDataType {
  readonly key: string = 'CITEXT';

  get params(): Readonly<Record<string, unknown>> {
    return {};
  }

  override validate(value: unknown): string | undefined {
    return typeof value === 'string' ? undefined : this.invalid(value, 'string');
  }
}

/** The call forms of STRING and CHAR: `(length?, binary?)` or `({ length, binary })`. */
export type StringArgs = [length?: number, binary?: boolean] | [options: StringOptions];

function stringOptions(where: string, args: StringArgs): StringOptions {
  const [first, second] = args;
  const raw = isOptionsObject(first) ? first : { length: first, binary: second };
  return { length: optionalInteger(where, 'length', raw['length'], 1), binary: optionalFlag(where, 'binary', raw['binary']) };
}

const STRING_BASE = defineDataType('STRING', StringType, (...args: StringArgs) => new StringType(stringOptions('DataTypes.STRING', args)));

/**
 * `VARCHAR(255)`, or `VARCHAR(n)` with a length.
 *
 * @example
 * { name: DataTypes.STRING }            // VARCHAR(255)
 * { code: DataTypes.STRING(50) }        // VARCHAR(50)
 * { hash: DataTypes.STRING(64).BINARY } // VARCHAR(64) BINARY on MySQL
 */
export const STRING = withStatics<typeof STRING_BASE, { BINARY: StringType }>(STRING_BASE, {
  BINARY: () => new StringType({ binary: true }),
});

const CHAR_BASE = defineDataType('CHAR', CharType, (...args: StringArgs) => new CharType(stringOptions('DataTypes.CHAR', args)));

/**
 * `CHAR(255)`, or `CHAR(n)` with a length.
 *
 * @example
 * { country: DataTypes.CHAR(2) } // CHAR(2)
 */
export const CHAR = withStatics<typeof CHAR_BASE, { BINARY: CharType }>(CHAR_BASE, {
  BINARY: () => new CharType({ binary: true }),
});

/** The call forms of TEXT: `(variant?)` or `({ length })`. */
export type TextArgs = [length?: SizeVariant] | [options: TextOptions];

/**
 * `TEXT` (`NVARCHAR(MAX)` on MSSQL); `TEXT('long')` is `LONGTEXT` on MySQL.
 *
 * @example
 * { body: DataTypes.TEXT }
 * { body: DataTypes.TEXT('long') }
 */
export const TEXT = defineDataType('TEXT', TextType, (...args: TextArgs) => {
  const [first] = args;
  const length = isOptionsObject(first) ? first['length'] : first;
  return new TextType({ length: optionalSizeVariant('DataTypes.TEXT', length) });
});

/**
 * Case-insensitive text: `CITEXT` on PostgreSQL, `TEXT COLLATE NOCASE` on SQLite.
 *
 * @example
 * { email: DataTypes.CITEXT }
 */
export const CITEXT = defineDataType('CITEXT', CitextType, () => new CitextType());
