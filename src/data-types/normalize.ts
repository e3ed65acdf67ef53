import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { AbstractDataType, describeValue } from './abstract.js';

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
 * `DataTypes.INTEGER.UNSIGNED`) or a bare form (`DataTypes.STRING`).
 *
 * @example
 * const attributes: Record<string, { type: DataType }> = { name: { type: DataTypes.STRING } };
 */
export type DataType = AbstractDataType | DataTypeConstructor;

/**
 * Turns whatever a user gave as `type:` into a data type instance: the bare form becomes its default
 * instance. Anything else throws `InvalidOptionError` naming `where`.
 *
 * @example
 * normalizeDataType(DataTypes.STRING, 'User.name').params // { length: 255, binary: false }
 * normalizeDataType('VARCHAR', 'User.name') // throws: User.name: type must be a data type …
 */
export function normalizeDataType(input: unknown, where: string): AbstractDataType {
  if (input instanceof AbstractDataType) return input;
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
    `${where}: type must be a data type such as DataTypes.STRING or DataTypes.INTEGER(11), got ${describeValue(input)}`,
  );
}
