import type { ModelClassLike } from '../metadata/model-class.js';
import type { ReferentialAction } from '../metadata/model-options.js';
import type { Fn, Literal } from '../query/fragments.js';
import type { QueryRunOptions } from '../query/query-options.js';

/** Options for `createTable`. */
export interface CreateTableOptions extends QueryRunOptions {
  /** The storage engine (`'InnoDB'`, MySQL/MariaDB); left out elsewhere, as Sequelize does. */
  engine?: string;
  /** The table's default character set (`'utf8mb4'`, MySQL/MariaDB); left out elsewhere. */
  charset?: string;
  /** The table's default collation (`'utf8mb4_unicode_ci'`, MySQL/MariaDB); left out elsewhere. */
  collate?: string;
  /** Extra unique constraints: name → `{ fields }`; `customIndex: false` leaves one out, as in Sequelize. */
  uniqueKeys?: Readonly<Record<string, { fields: readonly string[]; customIndex?: boolean | undefined }>>;
}

/**
 * Options of `queryInterface.upsert()`: the model whose keys name the conflict target, or the
 * conflict columns themselves.
 *
 * @example
 * await queryInterface.upsert('Users', { email: 'a@b.c', name: 'ada' }, { name: 'ada' }, {}, { model: User })
 */
export interface QueryUpsertOptions extends QueryRunOptions {
  model?: ModelClassLike | undefined;
  /** The conflict target's columns; defaults to the model's unique key holding an updated column, else its primary key. */
  conflictFields?: readonly string[] | undefined;
}

/** Options for `dropTable`. */
export interface DropTableOptions extends QueryRunOptions {
  /** Drop dependent objects too (PostgreSQL `CASCADE`). */
  cascade?: boolean;
}

/** Options for `dropAllTables`. */
export interface DropAllTablesOptions extends QueryRunOptions {
  /** Tables to keep. */
  skip?: readonly string[];
}

/**
 * One index field: a column name, `{ name, order }` (`attribute` is accepted for `name`), or an
 * expression, `fn()` or `literal()` (then the index needs a `name`).
 *
 * @example
 * await queryInterface.addIndex('Users', { name: 'users_email_lower', fields: [fn('lower', col('email'))] }) // CREATE INDEX "users_email_lower" ON "Users" (lower("email"))
 */
export type IndexField =
  | string
  | { name?: string; attribute?: string; order?: 'ASC' | 'DESC'; length?: number; /** Refused (InvalidOptionError): not emitted. */ collate?: string }
  | Fn
  | Literal;

/** Options for `addIndex`. */
export interface AddIndexOptions extends QueryRunOptions {
  fields?: readonly IndexField[];
  /** Defaults to `<table>_<fields>` underscored, as Sequelize names it. */
  name?: string;
  unique?: boolean;
  /** `'UNIQUE'` is the same as `unique: true`. */
  type?: 'UNIQUE' | string;
  /** The index method (PostgreSQL `USING gin`). */
  using?: string;
  /** A partial index's condition, as a where object. */
  where?: unknown;
  /** PostgreSQL's operator class: refused (InvalidOptionError), it is not emitted. */
  operator?: string;
  /** PostgreSQL's `CREATE INDEX CONCURRENTLY`: accepted; the index is built the same, with the ordinary lock. */
  concurrently?: boolean;
}

/** Options for `addConstraint`, with Sequelize's names. */
export interface AddConstraintOptions extends QueryRunOptions {
  type: 'UNIQUE' | 'CHECK' | 'FOREIGN KEY' | 'PRIMARY KEY' | 'unique' | 'check' | 'foreign key' | 'primary key';
  fields: readonly (string | { attribute?: string; name?: string })[];
  /** Defaults to Sequelize's `<table>_<fields>_uk|_ck|_pk` and `<table>_<fields>_<referenced table>_fk`. */
  name?: string;
  /** The CHECK condition, as a where object (`{ age: { [Op.gte]: 0 } }`). */
  where?: unknown;
  references?: { table: string | { tableName: string }; field?: string; fields?: readonly string[] };
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
}

/** Options for `bulkDelete`. */
export interface BulkDeleteOptions extends QueryRunOptions {
  /** TRUNCATE instead of DELETE (where the database has it). */
  truncate?: boolean;
  cascade?: boolean;
}

/** A column as `describeTable` reports it. */
export interface ColumnDescription {
  /** The type as the database spells it, upper-cased: `VARCHAR(255)`, `CHARACTER VARYING(255)`, `INT(11)`. */
  type: string;
  allowNull: boolean;
  /** The default's value (a literal unquoted), or its SQL expression; null when none or auto-increment. */
  defaultValue: string | null;
  primaryKey: boolean;
  autoIncrement: boolean;
  comment: string | null;
}

/** One column of a foreign key, as `getForeignKeyReferencesForTable` reports it. */
export interface ForeignKeyReference {
  constraintName: string;
  tableName: string;
  columnName: string;
  referencedTableName: string;
  referencedColumnName: string;
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
}

/**
 * Options of `queryInterface.select()`: a where object on the table's columns, the columns to read,
 * `[column, 'ASC' | 'DESC']` order entries, and a limit/offset.
 *
 * @example
 * await queryInterface.select(null, 'People', { where: { age: { [Op.gte]: 18 } }, attributes: ['name'], order: [['id', 'DESC']], limit: 10 })
 */
export interface QuerySelectOptions extends QueryRunOptions {
  where?: unknown;
  attributes?: readonly string[];
  order?: readonly (string | readonly [string, ('ASC' | 'DESC' | 'asc' | 'desc')?])[];
  limit?: number;
  offset?: number;
}
