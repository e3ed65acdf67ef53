import { InvalidOptionError } from '../errors/invalid-option-error.js';

/**
 * A table as the query interface methods take it: its name, or Sequelize's object form
 * `{ tableName, schema }` (`delimiter`, `as` and `name` are accepted and not used). A non-empty
 * `schema` is refused with an `InvalidOptionError`: the query interface works in the current schema
 * (PostgreSQL's search path, the connected MySQL/MariaDB database).
 *
 * @example
 * await queryInterface.addColumn({ tableName: 'Users' }, 'nickname', DataTypes.STRING) // ALTER TABLE "Users" ADD COLUMN "nickname" VARCHAR(255)
 */
export type QueryInterfaceTable =
  | string
  | { tableName: string; schema?: string | undefined; delimiter?: string | undefined; as?: string | undefined; name?: string | undefined };

/** The plain table name of `table`, or an `InvalidOptionError` naming `method` when it carries a schema. */
export function plainTableName(method: string, table: QueryInterfaceTable): string {
  if (typeof table === 'string') return table;
  if (table.schema !== undefined && table.schema !== '') {
    throw InvalidOptionError.unsupported(
      `queryInterface.${method}`,
      'schema',
      table.schema,
      `${method} works on tables of the current schema; set the search path (PostgreSQL) or connect to that database instead`,
    );
  }
  return table.tableName;
}
