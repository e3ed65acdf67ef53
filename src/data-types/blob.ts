import { AbstractDataType } from './abstract.js';
import { defineDataType, isOptionsObject, optionalSizeVariant } from './factory.js';
import type { SizeVariant } from './factory.js';

/** Options of BLOB. */
export interface BlobOptions {
  /** MySQL's TINYBLOB / MEDIUMBLOB / LONGBLOB. */
  readonly length?: SizeVariant | undefined;
}

function toBuffer(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value);
  return value;
}

/**
 * Binary data: `BLOB` on SQLite and MySQL, `BYTEA` on PostgreSQL, `VARBINARY(MAX)` on MSSQL.
 * Values read back are Buffers.
 *
 * @example
 * DataTypes.BLOB().fromDb(new Uint8Array([1, 2])) // <Buffer 01 02>
 */
export class BlobType extends AbstractDataType {
  readonly key: string = 'BLOB';
  readonly length: SizeVariant | undefined;

  constructor(options: BlobOptions = {}) {
    super();
    this.length = options.length;
  }

  get params(): Readonly<Record<string, unknown>> {
    return this.length === undefined ? {} : { length: this.length };
  }

  override validate(value: unknown): string | undefined {
    return typeof value === 'string' || value instanceof Uint8Array ? undefined : this.invalid(value, 'blob');
  }

  override toDb(value: unknown): unknown {
    return toBuffer(value);
  }

  override fromDb(value: unknown): unknown {
    return toBuffer(value);
  }
}

/** The call forms of BLOB: `(variant?)` or `({ length })`. */
export type BlobArgs = [length?: SizeVariant] | [options: BlobOptions];

/**
 * A binary attribute; `BLOB('long')` is `LONGBLOB` on MySQL.
 *
 * @example
 * { avatar: DataTypes.BLOB }
 * { archive: DataTypes.BLOB('long') }
 */
export const BLOB = defineDataType('BLOB', BlobType, (...args: BlobArgs) => {
  const [first] = args;
  const length = isOptionsObject(first) ? first['length'] : first;
  return new BlobType({ length: optionalSizeVariant('DataTypes.BLOB', length) });
});
