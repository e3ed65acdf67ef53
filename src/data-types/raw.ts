import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { AbstractDataType } from './abstract.js';

/**
 * A column type written as SQL text (`type: 'VARCHAR(20)'` in a model or a migration), or read
 * from a catalog. It is written verbatim in DDL and validates and converts nothing: values are
 * bound as given and read as the driver returns them, as Sequelize does.
 *
 * @example
 * await queryInterface.addColumn('Users', 'seen', { type: 'TIMESTAMP' }) // ALTER TABLE "Users" ADD COLUMN "seen" TIMESTAMP
 * @internal
 */
export class RawColumnType extends AbstractDataType {
  readonly key = 'RAW';
  readonly sql: string;

  constructor(sql: string) {
    super();
    this.sql = sql;
  }

  get params(): Readonly<Record<string, unknown>> {
    return { sql: this.sql };
  }

  override toString(): string {
    return this.sql;
  }
}

/**
 * A model attribute's type written as SQL text, checked: the text is the developer's DDL and is
 * written verbatim, but a statement separator or a comment in it is refused.
 *
 * @example
 * rawColumnType('VARCHAR(20)', 'User.name').sql // 'VARCHAR(20)'
 * rawColumnType('TEXT; DROP TABLE x', 'User.name') // throws InvalidOptionError
 * @internal
 */
export function rawColumnType(text: string, where: string): RawColumnType {
  if (text.trim() === '' || /;|--|\/\*/.test(text)) {
    throw new InvalidOptionError(
      `${where}: a type written as SQL must be one column type such as 'VARCHAR(20)', without ';' or comments, got ${JSON.stringify(text)}`,
    );
  }
  return new RawColumnType(text);
}
