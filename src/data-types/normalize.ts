import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { AbstractDataType, describeValue } from './abstract.js';
import { rawColumnType } from './raw.js';

/**
 * Anything that constructs a data type with no arguments: the bare `DataTypes.X` forms, and a user's
 * own `AbstractDataType` subclass.
 *
 * @example
 * const t: DataTypeConstructor = DataTypes.STRING;
 */
export type DataTypeConstructor = new () => AbstractDataType;

/**
 * What an attribute definition accepts as `type:`: a data type instance (`DataTypes.STRING(50)`,
 * `DataTypes.INTEGER.UNSIGNED`), a bare form (`DataTypes.STRING`), or a column type written as SQL
 * (`'VARCHAR(20)'`), used verbatim in DDL.
 *
 * @example
 * const attributes: Record<string, { type: DataType }> = { name: { type: DataTypes.STRING } };
 */
export type DataType = AbstractDataType | DataTypeConstructor | string;

/**
 * Turns whatever a user gave as `type:` into a data type instance: the bare form becomes its default
 * instance, SQL text a raw column type. Anything else throws `InvalidOptionError` naming `where`.
 *
 * @example
 * normalizeDataType(DataTypes.STRING, 'User.name').params // { length: 255, binary: false }
 * normalizeDataType('VARCHAR(20)', 'User.name').toString() // 'VARCHAR(20)'
 * normalizeDataType(42, 'User.name') // throws: User.name: type must be a data type …
 */
export function normalizeDataType(input: unknown, where: string): AbstractDataType {
  if (input instanceof AbstractDataType) return input;
  if (typeof input === 'string') return rawColumnType(input, where);
  if (typeof input === 'function' && input.prototype instanceof AbstractDataType) {
    let instance: unknown;
    try {
      instance = Reflect.construct(input, []);
    } catch (error) {
      // e.g. a bare DataTypes.ENUM, which has no values
      if (error instanceof InvalidOptionError) throw new InvalidOptionError(`${where}: ${error.message}`, { cause: error });
      throw error;
    }
    if (instance instanceof AbstractDataType) return instance;
  }
  throw new InvalidOptionError(
    `${where}: type must be a data type such as DataTypes.STRING, DataTypes.INTEGER(11) or 'VARCHAR(20)', got ${describeValue(input)}`,
  );
}
