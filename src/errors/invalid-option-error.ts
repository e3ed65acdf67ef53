import { BaseError } from './base-error.js';

/**
 * An option had a value relata cannot use: a non-integer `limit`, an unknown operator, a malformed
 * `order` entry, a model used before `init`.
 *
 * @example
 * await User.findAll({ limit: '1; DROP TABLE Users' }) // InvalidOptionError: limit must be a non-negative integer …
 */
export class InvalidOptionError extends BaseError {
  override name = 'RelataInvalidOptionError';

  static expected(where: string, option: string, expected: string, got: unknown): InvalidOptionError {
    return new InvalidOptionError(`${where}: ${option} must be ${expected}, got ${describe(got)}`);
  }

  /**
   * A data type the dialect has no column for (PostgreSQL's `CIDR` on MySQL, `NUMBER` outside SQLite).
   *
   * @example
   * InvalidOptionError.noColumnType('CIDR', 'mysql').message
   * // 'DataTypes.CIDR has no column type on mysql: it is a PostgreSQL type (SQLite also accepts its name)'
   */
  static noColumnType(key: string, dialect: string): InvalidOptionError {
    const owner = key === 'NUMBER' ? 'Sequelize\'s abstract numeric type, a column type on SQLite only' : 'a PostgreSQL type (SQLite also accepts its name)';
    return new InvalidOptionError(`DataTypes.${key} has no column type on ${dialect}: it is ${owner}`);
  }

  /**
   * An `attributes` entry that is an array but not `[expression, alias]`. The message is Sequelize's
   * own, word for word: code (and tests) written for Sequelize match on it.
   *
   * @example
   * InvalidOptionError.attributeDefinition(['username']).message
   * // `["username"] is not a valid attribute definition. Please use the following format: ['attribute definition', 'alias']`
   */
  static attributeDefinition(entry: readonly unknown[]): InvalidOptionError {
    let shown: string;
    try {
      shown = JSON.stringify(entry) ?? String(entry);
    } catch {
      shown = describe(entry);
    }
    return new InvalidOptionError(`${shown} is not a valid attribute definition. Please use the following format: ['attribute definition', 'alias']`);
  }

  /**
   * A Sequelize option relata does not implement, given a value that would need it. Raised
   * instead of ignoring the option, because ignoring it would change what the call does.
   *
   * @example
   * InvalidOptionError.unsupported('User.destroy', 'limit', { limit: 1 }.limit, 'every matching row would be deleted; narrow the where instead').message
   * // 'User.destroy: the option "limit" is not supported (got number 1): every matching row would be deleted; narrow the where instead'
   */
  static unsupported(where: string, option: string, got: unknown, reason: string): InvalidOptionError {
    return new InvalidOptionError(`${where}: the option ${JSON.stringify(option)} is not supported (got ${describe(got)}): ${reason}`);
  }

  /**
   * Raw SQL and its positional `replacements` disagree on how many values there are.
   *
   * @example
   * InvalidOptionError.replacementCount(2, 3).message
   * // 'relata.query: the SQL has 2 ? placeholders but 3 replacements were given'
   */
  static replacementCount(placeholders: number, given: number): InvalidOptionError {
    return new InvalidOptionError(
      `relata.query: the SQL has ${placeholders} ? placeholder${placeholders === 1 ? '' : 's'} but ${given} replacement${given === 1 ? ' was' : 's were'} given`,
    );
  }

  /**
   * Raw SQL names a replacement (`:name`) or bind parameter (`$name`, `$3`) that has no value.
   *
   * @example
   * InvalidOptionError.missingParameter(':nmae', 'replacements', ['name', 'id']).message
   * // 'relata.query: :nmae has no value in replacements. Available: name, id'
   */
  static missingParameter(token: string, option: 'replacements' | 'bind', available: readonly string[]): InvalidOptionError {
    const list = available.length === 0 ? '(none)' : available.join(', ');
    return new InvalidOptionError(`relata.query: ${token} has no value in ${option}. Available: ${list}`);
  }

  /**
   * Raw SQL that carries parameters has a quote or comment that never closes, so where its
   * placeholders are cannot be told.
   *
   * @example
   * InvalidOptionError.unterminatedSql("string literal '", 7).message
   * // "relata.query: the SQL has an unterminated string literal ' starting at offset 7 …"
   */
  static unterminatedSql(what: string, offset: number): InvalidOptionError {
    return new InvalidOptionError(
      `relata.query: the SQL has an unterminated ${what} starting at offset ${offset}; placeholders cannot be located (inside '…' a backslash escapes the next character)`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}
