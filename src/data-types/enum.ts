import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { AbstractDataType } from './abstract.js';
import { defineDataType, isOptionsObject } from './factory.js';

/** Options of ENUM, as Sequelize names them. */
export interface EnumOptions {
  readonly values: readonly string[];
}

/**
 * An attribute restricted to a list of strings: `ENUM('a', 'b')` on MySQL, text plus a CHECK
 * constraint elsewhere.
 *
 * @example
 * DataTypes.ENUM('draft', 'published').validate('gone') // '"gone" is not a valid choice in ["draft","published"]'
 */
export class EnumType extends AbstractDataType {
  readonly key: string = 'ENUM';
  readonly values: readonly string[];

  constructor(options: EnumOptions) {
    super();
    this.values = Object.freeze([...options.values]);
  }

  get params(): Readonly<Record<string, unknown>> {
    return { values: this.values };
  }

  override validate(value: unknown): string | undefined {
    if (typeof value === 'string' && this.values.includes(value)) return undefined;
    return `${this.invalid(value, 'choice')} in ${JSON.stringify(this.values)}`;
  }
}

/** The call forms of ENUM: `('a', 'b')`, `(['a', 'b'])` or `({ values: ['a', 'b'] })`. */
export type EnumArgs = string[] | [values: readonly string[]] | [options: EnumOptions];

function enumValues(args: EnumArgs): unknown {
  const [first] = args;
  if (Array.isArray(first)) return first;
  if (isOptionsObject(first)) return first['values'];
  return args;
}

/**
 * An enumerated attribute. Values must be a non-empty list of distinct strings.
 *
 * @example
 * { status: DataTypes.ENUM('draft', 'published') }
 * { status: DataTypes.ENUM({ values: ['draft', 'published'] }) }
 */
export const ENUM = defineDataType('ENUM', EnumType, (...args: EnumArgs) => {
  const values = enumValues(args);
  if (!Array.isArray(values) || values.length === 0 || !values.every((v): v is string => typeof v === 'string')) {
    throw InvalidOptionError.expected('DataTypes.ENUM', 'values', 'a non-empty list of strings', values);
  }
  if (new Set(values).size !== values.length) {
    throw InvalidOptionError.expected('DataTypes.ENUM', 'values', 'a list of distinct strings', values);
  }
  return new EnumType({ values });
});
