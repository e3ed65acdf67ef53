import type { Dialect, RawBuilder } from 'kysely';
import type { AbstractDataType } from '../data-types/abstract.js';
import type { BaseError } from '../errors/base-error.js';
import type { SchemaDialect } from './schema-dialect.js';

/**
 * The dialect's JSON row aggregate: how it is spelled in SQL, and how its value is read back.
 * @internal
 */
export interface JsonRowsDialect {
  /** The aggregate's name, for messages and tests: `json_group_array`, `json_agg`. */
  readonly name: string;
  /**
   * One JSON array of inner arrays (one per row, in `order`), an empty array for no rows. Items
   * marked `json` are JSON arrays themselves (nested aggregates) and are embedded as JSON.
   */
  aggregate(items: readonly { readonly sql: RawBuilder<unknown>; readonly json: boolean }[], order: RawBuilder<unknown> | undefined): RawBuilder<unknown>;
  /** The aggregate's value as the driver returns it (text or parsed JSON), as an array of inner arrays. */
  decode(value: unknown): unknown[][];
  /**
   * Whether an include selecting columns of these types loads faster as one JSON aggregate than as
   * batched rows, by what each form costs to decode on this dialect (bench/ measures both).
   */
  prefer(types: readonly (AbstractDataType | undefined)[]): boolean;
}

/** The dialects relata speaks. `mariadb` and `mysql` share the mysql2 driver. */
export type DialectName = 'sqlite' | 'postgres' | 'mysql' | 'mariadb' | 'mssql';

/**
 * What a dialect can do. Core code asks these flags and never tests a dialect's name.
 * @internal
 */
export interface DialectCapabilities {
  /**
   * PostgreSQL: the element type (`int4`, `text`, `uuid`…) under which a list of values of this
   * data type binds as one array parameter, `col = ANY($1::int4[])` for `col IN (…)`, so a query
   * keeps one text whatever the list's length. Undefined (or absent): the list binds value by value.
   */
  readonly listParameterType?: (type: AbstractDataType) => string | undefined;
  /** How written rows come back: RETURNING (pg, sqlite), OUTPUT (mssql), or not at all (mysql: insertId). */
  readonly returning: 'returning' | 'output' | 'none';
  /**
   * Whether Sequelize 6's static `increment`/`decrement` report the updated rows (PostgreSQL, whose
   * UPDATE … RETURNING it reads) or `undefined` in their place (the others), as `[[rows | null, count]]`.
   */
  readonly bulkIncrementReturnsRows: boolean;
  /**
   * How an auto-increment column is declared: a SERIAL type (pg), an AUTO_INCREMENT keyword (mysql),
   * IDENTITY (mssql), or `rowid` (sqlite: only `INTEGER PRIMARY KEY AUTOINCREMENT` is allowed, so
   * every auto-increment key is INTEGER, as Sequelize writes it).
   */
  readonly autoIncrement: 'serial' | 'keyword' | 'identity' | 'rowid';
  /** SELECT … FOR UPDATE / FOR SHARE exist. */
  readonly rowLocks: boolean;
  /** FOR NO KEY UPDATE exists: a row lock that does not block inserts referencing the row (PostgreSQL). */
  readonly noKeyUpdateLock: boolean;
  /**
   * How a SELECT takes a shared row lock: `FOR SHARE`, or MySQL/MariaDB's `LOCK IN SHARE MODE`
   * (MariaDB has no FOR SHARE), as Sequelize writes `lock: SHARE` for each.
   */
  readonly shareLock: 'for share' | 'lock in share mode';
  /** FOR UPDATE OF <table> locks the rows of one table of a join only (PostgreSQL); elsewhere `lock.of` is left out, as Sequelize does. */
  readonly lockOf: boolean;
  /** CREATE INDEX takes an index method (`USING BTREE`, `USING gin`); where it does not (SQLite), `using` is left out, as Sequelize does. */
  readonly indexUsing: boolean;
  /** CREATE TABLE … ENGINE=… DEFAULT CHARSET=… COLLATE=… (MySQL/MariaDB); elsewhere createTable's `engine`, `charset` and `collate` are left out, as Sequelize does. */
  readonly tableOptions: boolean;
  /** A trigger belongs to its table and is dropped with DROP TRIGGER … ON <table> (PostgreSQL); elsewhere names are per schema. */
  readonly triggerOnTable: boolean;
  /** TRUNCATE TABLE exists (otherwise DELETE FROM). */
  readonly truncate: boolean;
  /** DROP TABLE … CASCADE exists. */
  readonly dropCascade: boolean;
  /** ILIKE exists; otherwise iLike compiles to LOWER(x) LIKE LOWER(y). */
  readonly ilike: boolean;
  /** How INSERT … ON CONFLICT is spelled. */
  readonly upsert: 'on-conflict' | 'on-duplicate-key' | 'merge';
  /** DDL statements can run inside a transaction and roll back. */
  readonly transactionalDdl: boolean;
  /** The most bound parameters one statement may carry. */
  readonly maxParameters: number;
  /** LIMIT/OFFSET, or OFFSET … FETCH with an ORDER BY (mssql). */
  readonly limitStyle: 'limit-offset' | 'offset-fetch';
  /** A native JSONB type exists. */
  readonly jsonb: boolean;
  /**
   * How a value inside a JSON column is read as text for `where: { meta: { a: { b: 1 } } }`, and
   * what numbers are cast to when compared: `json_extract(col, '$."a"."b"')` (SQLite),
   * `col #>> '{a,b}'` (PostgreSQL), `json_unquote(json_extract(…))` (MySQL/MariaDB), or false.
   */
  readonly jsonPath: { readonly style: 'json_extract' | 'path_array' | 'json_unquote'; readonly numberType: string } | false;
  /** Schemas (namespaces inside a database) exist. */
  readonly schemas: boolean;
  /**
   * Foreign keys can be DEFERRABLE and a transaction can defer them (`SET CONSTRAINTS … DEFERRED`):
   * PostgreSQL. Elsewhere `references.deferrable` and `transaction({ deferrable })` are left out, as in Sequelize.
   */
  readonly deferrableConstraints: boolean;
  /** `INSERT INTO t DEFAULT VALUES` exists (MySQL writes `INSERT INTO t () VALUES ()`). */
  readonly defaultValuesInsert: boolean;
  /** CREATE TABLE / CREATE INDEX accept IF NOT EXISTS (T-SQL has neither). */
  readonly createIfNotExists: boolean;
  /** TRUE and FALSE are literals in DDL defaults (T-SQL spells them 1 and 0). */
  readonly booleanLiterals: boolean;
  /**
   * A column-level REFERENCES clause creates a foreign key. MySQL (8.x and earlier) parses and silently
   * ignores it, so there foreign keys are table-level FOREIGN KEY constraints.
   */
  readonly inlineReferences: boolean;
  /**
   * CREATE TABLE may reference a table that does not exist yet (SQLite checks references only when
   * rows are written). Elsewhere `sync()` creates a belongsTo cycle's tables first and then adds the
   * constraint that closes the cycle with ALTER TABLE.
   */
  readonly forwardReferences: boolean;
  /** Indexes can be created in CREATE TABLE (mysql) instead of separate statements. */
  readonly inlineIndexes: boolean;
  /** Isolation levels can be set per transaction. */
  readonly isolationLevels: boolean;
  /**
   * How rows aggregate into a JSON array inside a query, for loading to-many includes in their
   * parent's query: `json_group_array` (SQLite), `json_agg` (PostgreSQL), or false where batched
   * `IN` queries load them (measured faster on MySQL/MariaDB; see the README's Benchmark section).
   */
  readonly jsonRows: JsonRowsDialect | false;
  /** The SQL expression `relata.databaseVersion()` selects: the server's version string. */
  readonly versionExpression: string;
  /** The SQL function `relata.random()` calls: RANDOM (pg, sqlite) or RAND (mysql, mssql). */
  readonly randomFunction: 'RANDOM' | 'RAND';
  /**
   * How `relata.escape()` and `queryInterface.quoteIdentifier()` write values and names, as
   * Sequelize does for the dialect: the identifier quote, booleans as `true`/`false` or `1`/`0`,
   * and dates with or without milliseconds and offset.
   */
  readonly escapeStyle: {
    readonly identifierQuote: '"' | '`' | '[';
    readonly booleans: 'keyword' | 'number';
    readonly dates: 'offset' | 'seconds';
    /** `'` doubled, or MySQL's backslash escapes (`\'`, `\\`, `\n`…). */
    readonly strings: 'double' | 'backslash';
    /** `ARRAY[1,'a']` (PostgreSQL) or a comma-separated list. */
    readonly arrays: 'ARRAY' | 'list';
  };
  /** RIGHT OUTER JOIN exists (an include's `right: true`); where it does not, the join stays LEFT, as in Sequelize. */
  readonly rightJoin: boolean;
}

/** Connection settings after the constructor forms are normalized. */
export interface ConnectionConfig {
  readonly dialect: DialectName;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
  readonly database?: string | undefined;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** SQLite file path or ':memory:'. */
  readonly storage?: string | undefined;
  readonly pool: PoolConfig;
  /** Extra driver options, passed through. */
  readonly dialectOptions: Readonly<Record<string, unknown>>;
  /**
   * Sequelize's `timezone`: the session time zone of server connections, an offset such as
   * `+02:00` (or, on PostgreSQL, a zone name). `undefined` is UTC.
   */
  readonly timezone?: string | undefined;
}

/** Pool sizing, with Sequelize's option names. */
export interface PoolConfig {
  readonly max: number;
  readonly min: number;
  /** ms to wait for a free connection before ConnectionAcquireTimeoutError. */
  readonly acquire: number;
  /** ms a connection may sit idle before it is closed. */
  readonly idle: number;
}

/** Details passed to error translation. */
export interface FailedQuery {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * One dialect: how to reach the driver (imported lazily), how types are spelled, and how driver
 * errors become typed errors.
 * @internal
 */
export interface DialectAdapter {
  readonly name: DialectName;
  readonly capabilities: DialectCapabilities;
  /** Builds the Kysely dialect; the driver module is imported on first connection. */
  createKyselyDialect(config: ConnectionConfig): Dialect;
  /** Column type text for CREATE TABLE, e.g. `VARCHAR(255)`. */
  columnType(type: AbstractDataType): string;
  /** Turns a driver error into a typed relata error, once, by error code. */
  translateError(error: unknown, query: FailedQuery | undefined): BaseError;
  /**
   * True when `error` (a driver error, or a relata error whose `cause` is one) means the
   * transaction lost a race with concurrent work (serialization failure, deadlock, lock wait
   * timeout, SQLITE_BUSY), so running it again may succeed. `transaction({ retry })` asks it.
   */
  isSerializationFailure(error: unknown): boolean;
  /** Placeholder text for the i-th (0-based) bound parameter in raw SQL. */
  placeholder(index: number): string;
  /** Converts a JS value to what the driver can bind (e.g. booleans to 0/1 on SQLite). */
  bindValue(value: unknown): unknown;
  /**
   * Runs a SELECT outside any transaction straight on the driver (no Kysely connection round),
   * as the Kysely path would run it: same connection choice, same rows. `undefined` when the
   * driver is not open yet (or the statement is not a plain read); the caller then takes the
   * Kysely path.
   */
  readNow?(sql: string, parameters: readonly unknown[]): { rows: unknown[] } | Promise<{ rows: unknown[] }> | undefined;
  /**
   * Where `capabilities.jsonRows` is set: how a value of this type travels inside a JSON aggregate
   * so that it reads back exactly as the driver returns it in a plain column: `plain`, `text`
   * (cast to text first, e.g. exact numerics that JSON numbers would round), or undefined when it
   * cannot (binary data); an include with such a column is loaded with a batched query instead.
   */
  jsonCarry?(type: AbstractDataType): 'plain' | 'text' | undefined;
  /**
   * Where schemas exist: SQL listing, as `name`, the tables of the schema unqualified names resolve
   * to. sync() uses it instead of Kysely's introspection, which reads every schema (so a same-named
   * table elsewhere looked present) and fails when another schema's table is dropped meanwhile.
   */
  readonly currentTablesSql?: string;
  /** Catalog readers and schema-change rules for the query interface and migrations; absent where untested (mssql). */
  readonly schema?: SchemaDialect;
}
