/**
 * The base of every data type. A type knows its key (`STRING`), its options (length, precision…),
 * how to validate a JS value, and how values cross the driver boundary. How a type is spelled in
 * DDL is the dialect's business (`DialectAdapter.columnType`).
 *
 * @example
 * DataTypes.STRING(50).key // 'STRING'
 */
const NONE: readonly string[] = [];
/** `fromDb` implementations and the `typeof`s they return unchanged (see `readsUnchanged`). */
const READS_UNCHANGED = new Map<(value: unknown) => unknown, readonly string[]>();

/**
 * Records that `fromDb` returns values of these `typeof`s unchanged. Keyed by the function itself:
 * a subclass that overrides `fromDb` is not covered by its parent's entry.
 * @internal
 */
export function readsUnchanged(fromDb: (value: unknown) => unknown, typeofs: readonly string[]): void {
  READS_UNCHANGED.set(fromDb, typeofs);
}

export abstract class AbstractDataType {
  /** The family name, e.g. `STRING`, `INTEGER`, `DECIMAL`. */
  abstract readonly key: string;

  /**
   * Checks a JS value assigned to an attribute of this type. Returns a message naming what was
   * expected, or `undefined` when the value is acceptable. `null`/`undefined` are never passed.
   */
  validate(_value: unknown): string | undefined {
    return undefined;
  }

  /** Converts a JS value to what is bound for this column (before the dialect's own binding rules). */
  toDb(value: unknown): unknown {
    return value;
  }

  /** Converts what the driver returned into the JS value users see. Never receives `null`. */
  fromDb(value: unknown): unknown {
    return value;
  }

  /**
   * The `typeof`s of driver values this type's `fromDb` returns unchanged (`'*'`: every value), so a
   * row reader may skip the call for them; empty when unknown (a subclass's own `fromDb`).
   */
  get readsUnchanged(): readonly string[] {
    return READS_UNCHANGED.get(this.fromDb) ?? NONE;
  }

  /** True for types that cannot be stored (VIRTUAL). */
  get isVirtual(): boolean {
    return false;
  }

  /** Options used by the dialects' DDL mapping. */
  abstract get params(): Readonly<Record<string, unknown>>;

  toString(): string {
    return this.key;
  }

  /**
   * The standard validation message, shaped like Sequelize's.
   *
   * @example
   * this.invalid('abc', 'integer') // '"abc" is not a valid integer'
   */
  protected invalid(value: unknown, expected: string): string {
    return `${describeValue(value)} is not a valid ${expected}`;
  }
}

/**
 * Renders a value for an error message the way Sequelize's `%j` does (JSON), but never throws:
 * bigints, functions, symbols and circular objects get a readable form.
 *
 * @example
 * describeValue('abc') // '"abc"'
 * describeValue(10n) // '10n'
 * @internal
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${value}n`;
    case 'function':
      return `function ${value.name || '(anonymous)'}`;
    case 'symbol':
      return value.toString();
    case 'number':
      return String(value);
    default:
      break;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // circular structures and objects holding bigints
    return Array.isArray(value) ? 'an array' : 'an object';
  }
}

/**
 * Marks a default value computed at insert time by relata (NOW, UUIDV4, UUIDV1).
 * @internal
 */
export interface DefaultValueMarker {
  readonly relataDefault: 'NOW' | 'UUIDV4' | 'UUIDV1';
}

readsUnchanged(AbstractDataType.prototype.fromDb, ['*']);
