import type { ComputedGetter, ComputedSetter } from './computed-properties.js';
import type { AbstractDataType } from '../data-types/abstract.js';
import type { DataType } from '../data-types/index.js';

/** ON DELETE / ON UPDATE actions. */
export type ReferentialAction = 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';

/** A reference from a column to another table's column (migrations and attributes). */
export type ReferencesOptions =
  | string
  | {
      /** A table name, or a model (its table is used). */
      model: string | { readonly tableName: string };
      /** The referenced column; `id` when omitted. */
      key?: string;
      /**
       * PostgreSQL: when the foreign key is checked, `Deferrable.INITIALLY_DEFERRED` (at commit),
       * `INITIALLY_IMMEDIATE` (deferrable by `transaction({ deferrable })`) or `NOT`. Written by
       * `sync()` when it creates the table; ignored on the other databases, as in Sequelize.
       */
      deferrable?: { toSql(): string } | (abstract new () => { toSql(): string });
    };

/** One validator entry: a built-in rule's argument, `{ args, msg }`, or a custom function. */
export type ValidatorSpec = boolean | number | string | RegExp | readonly unknown[] | { args?: unknown; msg?: string } | ((value: never) => unknown);

/**
 * How an attribute is declared.
 *
 * @example
 * { type: DataTypes.STRING(50), allowNull: false, unique: true, validate: { isEmail: true } }
 */
export interface AttributeOptions<M = unknown> {
  type: DataType | AbstractDataType;
  allowNull?: boolean;
  /** A value, a function returning one, or DataTypes.NOW / UUIDV4 / UUIDV1. */
  defaultValue?: unknown;
  primaryKey?: boolean;
  autoIncrement?: boolean;
  /** true, a constraint name shared by several attributes, or `{ name, msg }`. */
  unique?: boolean | string | { name?: string; msg?: string };
  /** The column name, when it differs from the attribute name. */
  field?: string;
  comment?: string;
  get?: (this: M) => unknown;
  set?: (this: M, value: never) => void;
  validate?: Record<string, ValidatorSpec>;
  references?: ReferencesOptions;
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  /** The values of an ENUM given as `{ type: DataTypes.ENUM, values: ['a', 'b'] }` (Sequelize's attribute form). */
  values?: readonly string[];
}

/** The attribute map passed to `define` and `init`. */
export type ModelAttributes<M = unknown, TAttributes = Record<string, unknown>> = {
  [K in keyof TAttributes]: DataType | AbstractDataType | AttributeOptions<M>;
};

/** An index declared on the model. */
export interface IndexOptions {
  name?: string;
  unique?: boolean;
  /** The index method (`'BTREE'`, PostgreSQL's `'gin'`); left out where the database has none to choose (SQLite). */
  using?: string;
  fields: readonly (string | { name: string; order?: 'ASC' | 'DESC'; length?: number; /** Refused (InvalidOptionError): per-column collations are not emitted. */ collate?: string })[];
  /** PostgreSQL's operator class (`jsonb_path_ops`): refused (InvalidOptionError), it is not emitted. */
  operator?: string;
  /** PostgreSQL's `CREATE INDEX CONCURRENTLY`: accepted; the index is built the same, with the ordinary lock. */
  concurrently?: boolean;
}

/**
 * Model options for `define` / `init` (and the `define` defaults of the connection).
 *
 * @example
 * { tableName: 'people', underscored: true, paranoid: true, indexes: [{ fields: ['email'], unique: true }] }
 */
export interface ModelOptions {
  modelName?: string;
  tableName?: string;
  freezeTableName?: boolean;
  underscored?: boolean;
  timestamps?: boolean;
  createdAt?: string | boolean;
  updatedAt?: string | boolean;
  deletedAt?: string | boolean;
  paranoid?: boolean;
  /**
   * Optimistic locking: `true` adds an integer `version` attribute (a string names it) that every
   * save increments; saving an instance whose version is stale throws `OptimisticLockError`.
   */
  version?: boolean | string;
  /** The default of `findAll`/`findOne`/`findByPk`'s `rejectOnEmpty` (`true` or the error to throw), as in Sequelize. */
  rejectOnEmpty?: boolean | Error;
  /**
   * Computed properties, as in Sequelize: `getterMethods: { fullName() { … } }` makes
   * `user.fullName` and `user.get('fullName')`, listed by `get()`/`toJSON()` of built and created
   * instances (a found instance lists only what it was read with).
   */
  getterMethods?: Readonly<Record<string, ComputedGetter>>;
  /** Setters called by `set(name, value)` (and `user.name = value`, `build`/`create` values), as in Sequelize. */
  setterMethods?: Readonly<Record<string, ComputedSetter>>;
  indexes?: readonly IndexOptions[];
  name?: { singular?: string; plural?: string };
  /** Stored now; applied by finders. */
  defaultScope?: Readonly<Record<string, unknown>>;
  scopes?: Readonly<Record<string, unknown>>;
  /** Model-level validators: functions receiving no arguments, `this` being the instance. */
  validate?: Readonly<Record<string, (this: never) => unknown>>;
  hooks?: Readonly<Record<string, unknown>>;
  /** Internal: a junction model without a generated `id`. @internal */
  noPrimaryKey?: boolean;
  comment?: string;
  /** The table's schema: `"schema"."table"` on PostgreSQL and MSSQL, a database prefix on MariaDB/MySQL, `schema.table` as one name on SQLite. */
  schema?: string;
  /** What joins schema and table on SQLite (default '.'). */
  schemaDelimiter?: string;
  /** Leave `null` attributes out of INSERT/UPDATE. */
  omitNull?: boolean;
}
