import { AbstractDataType, readsUnchanged } from './abstract.js';
import { defineDataType } from './factory.js';

const TRUE_VALUES: ReadonlySet<unknown> = new Set<unknown>([true, 1, 1n, '1', 't', 'true']);
const FALSE_VALUES: ReadonlySet<unknown> = new Set<unknown>([false, 0, 0n, '0', 'f', 'false']);

/**
 * Reads the boolean spellings drivers and users produce: `true`/`false`, `1`/`0`, `'1'`/`'0'`,
 * `'t'`/`'f'` (PostgreSQL text), `'true'`/`'false'`, and MySQL's one-byte `BIT(1)` buffers.
 * Returns `undefined` for anything else.
 */
function toBoolean(value: unknown): boolean | undefined {
  const v = value instanceof Uint8Array && value.length === 1 ? value[0] : value;
  if (TRUE_VALUES.has(v)) return true;
  if (FALSE_VALUES.has(v)) return false;
  return undefined;
}

/**
 * A boolean column: `BOOLEAN` on PostgreSQL, `TINYINT(1)` on SQLite and MySQL, `BIT` on MSSQL.
 * Values are always `true`/`false` on the JS side.
 *
 * @example
 * DataTypes.BOOLEAN().fromDb(1) // true
 * DataTypes.BOOLEAN().validate('yes') // '"yes" is not a valid boolean'
 */
export class BooleanType extends AbstractDataType {
  readonly key: string = 'BOOLEAN';

  get params(): Readonly<Record<string, unknown>> {
    return {};
  }

  override validate(value: unknown): string | undefined {
    return toBoolean(value) === undefined ? this.invalid(value, 'boolean') : undefined;
  }

  override toDb(value: unknown): unknown {
    return toBoolean(value) ?? value;
  }

  override fromDb(value: unknown): unknown {
    return toBoolean(value) ?? value;
  }
}

/**
 * A boolean attribute.
 *
 * @example
 * { active: { type: DataTypes.BOOLEAN, defaultValue: true } }
 */
export const BOOLEAN = defineDataType('BOOLEAN', BooleanType, () => new BooleanType());

// A boolean reads back as itself (see AbstractDataType.readsUnchanged).
readsUnchanged(BooleanType.prototype.fromDb, ['boolean']);
