import type { IndexHint, RefusedQueryOptions } from './refused-query-options.js';
import type { Transaction } from '../transactions/transaction.js';
import type { Cast, Col, Fn, Json, Literal, Where } from './fragments.js';
import type { Op } from './operators.js';

type SqlFragment = Fn | Col | Literal | Cast | Json;

/** Operators applicable to one attribute of type T. */
export interface WhereOperators<T = unknown> {
  [Op.eq]?: T | null | SqlFragment;
  [Op.ne]?: T | null | SqlFragment;
  [Op.is]?: null | boolean;
  [Op.not]?: T | null | boolean | WhereOperators<T>;
  [Op.gt]?: T | SqlFragment;
  [Op.gte]?: T | SqlFragment;
  [Op.lt]?: T | SqlFragment;
  [Op.lte]?: T | SqlFragment;
  [Op.between]?: readonly [T, T];
  [Op.notBetween]?: readonly [T, T];
  [Op.in]?: readonly T[] | Literal;
  [Op.notIn]?: readonly T[] | Literal;
  [Op.like]?: string | SqlFragment;
  [Op.notLike]?: string | SqlFragment;
  [Op.iLike]?: string | SqlFragment;
  [Op.notILike]?: string | SqlFragment;
  [Op.startsWith]?: string;
  [Op.endsWith]?: string;
  [Op.substring]?: string;
  [Op.regexp]?: string;
  [Op.notRegexp]?: string;
  [Op.and]?: readonly WhereOperators<T>[] | WhereOperators<T>;
  [Op.or]?: readonly WhereOperators<T>[] | WhereOperators<T>;
  [Op.col]?: string;
  [Op.contains]?: unknown;
  [Op.contained]?: unknown;
  [Op.overlap]?: unknown;
}

/** The value side for one attribute. */
export type WhereAttributeValue<T> = T | null | readonly T[] | WhereOperators<T> | SqlFragment;

/** Logical combinators at any level. */
export interface WhereLogic<TAttributes> {
  [Op.and]?: WhereOptions<TAttributes> | readonly WhereOptions<TAttributes>[];
  [Op.or]?: WhereOptions<TAttributes> | readonly WhereOptions<TAttributes>[];
  [Op.not]?: WhereOptions<TAttributes>;
}

/**
 * A where clause, typed by the model's attributes; `$assoc.attr$` keys reach included columns, and
 * `$attr$` names an attribute of the model itself (as in Sequelize, a `$name$` that is neither is refused).
 *
 * @example
 * { name: 'ada', age: { [Op.gte]: 18 }, [Op.or]: [{ role: 'admin' }, { role: 'owner' }], '$posts.title$': 'x' }
 */
export type WhereOptions<TAttributes = Record<string, unknown>> =
  | ({ [K in keyof TAttributes]?: WhereAttributeValue<TAttributes[K]> } & {
      [K in keyof TAttributes as K extends string ? `$${K}$` : never]?: WhereAttributeValue<TAttributes[K]>;
    } & WhereLogic<TAttributes> & {
        [nested: `$${string}.${string}$`]: unknown;
      })
  | Where
  | Literal
  | Fn
  | Json
  | readonly WhereOptions<TAttributes>[];

/** One selected attribute: a name, or `[expression | name, alias]`. */
export type FindAttributeOption<TAttributes> =
  | (keyof TAttributes & string)
  | readonly [keyof TAttributes & string, string]
  | readonly [SqlFragment, string];

/** The `attributes` option. */
export type FindAttributeOptions<TAttributes> =
  | readonly FindAttributeOption<TAttributes>[]
  | { include?: readonly FindAttributeOption<TAttributes>[]; exclude?: readonly (keyof TAttributes & string)[] };

/** Sort direction spellings Sequelize accepts. */
export type OrderDirection = 'ASC' | 'DESC' | 'asc' | 'desc' | 'ASC NULLS FIRST' | 'ASC NULLS LAST' | 'DESC NULLS FIRST' | 'DESC NULLS LAST' | 'NULLS FIRST' | 'NULLS LAST';

/** One `order` entry. */
export type OrderItem<TAttributes> =
  | (keyof TAttributes & string)
  | SqlFragment
  | readonly [keyof TAttributes & string | SqlFragment]
  | readonly [keyof TAttributes & string | SqlFragment, OrderDirection]
  | readonly unknown[];

/**
 * The `order` option: a list of entries, one expression (`literal('score DESC')`, `fn(…)`,
 * `col(…)`), or one expression and its direction without the brackets (`[col('name'), 'DESC']`).
 */
export type Order<TAttributes> = readonly OrderItem<TAttributes>[] | readonly [SqlFragment, OrderDirection] | SqlFragment | (keyof TAttributes & string);

/** A logging sink: receives each statement and how long it took in milliseconds. */
export type LoggingFunction = (sql: string, timingMs?: number) => void;

/** Options every query accepts. */
export interface QueryRunOptions {
  /** Run in this transaction; `null` forces no transaction. Defaults to the active managed transaction. */
  transaction?: Transaction | null | undefined;
  logging?: LoggingFunction | boolean | undefined;
}

/** Options every statement accepts. */
export interface Logging {
  logging?: LoggingFunction | boolean;
  benchmark?: boolean;
}

/** Options carrying a transaction. */
export interface Transactionable {
  /** Defaults to the transaction active in this async context; `null` runs outside any. */
  transaction?: Transaction | null;
}

/** Options for hooks. */
export interface Hookable {
  /** `false` skips the model's hooks. */
  hooks?: boolean;
}

/** A row lock's strength. */
export type LockLevel = 'UPDATE' | 'SHARE' | 'KEY SHARE' | 'NO KEY UPDATE';

/** The model class `lock.of` names (the model queried). */
export interface LockedModel {
  readonly name: string;
  readonly tableName: string;
}

/** Options for finders. */
export interface FindOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Hookable, Pick<RefusedQueryOptions, 'searchPath'> {
  /** Refused (see `IndexHint`). */
  indexHints?: readonly IndexHint[];
  where?: WhereOptions<TAttributes>;
  attributes?: FindAttributeOptions<TAttributes>;
  order?: Order<TAttributes>;
  group?: string | readonly string[] | Fn | Col | Literal;
  having?: WhereOptions<TAttributes>;
  limit?: number;
  offset?: number;
  /** Return plain objects instead of instances. */
  raw?: boolean;
  /** Return one object (aggregate helpers). */
  plain?: boolean;
  /** `false` includes soft-deleted rows of paranoid models. */
  paranoid?: boolean;
  /** Throw EmptyResultError when nothing is found (findOne, findByPk). */
  rejectOnEmpty?: boolean | Error;
  /** Associations to load. Typed further by the associations module. */
  include?: unknown;
  /** `false` selects nothing of the includes: they only filter, join or aggregate, as in Sequelize. */
  includeIgnoreAttributes?: boolean;
  /**
   * Row lock (FOR UPDATE…), inside a transaction. `{ level, of: Model }` locks the rows of the
   * model queried only, not those of joined includes (`FOR UPDATE OF "User"`, PostgreSQL; the other
   * databases lock as they do without `of`, as in Sequelize).
   */
  lock?: boolean | LockLevel | { level: LockLevel; of: LockedModel };
  skipLocked?: boolean;
  distinct?: boolean;
  col?: string;
  /** Accepted for Sequelize code: every query runs on the write connection (replicas are not read), so it changes nothing. */
  useMaster?: boolean;
  /** @internal Apply limit/offset per value of this attribute (per parent) instead of to the whole result. */
  limitPer?: string;
}

/** Options for `count`. */
export interface CountOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Hookable {
  where?: WhereOptions<TAttributes>;
  /** Accepted for Sequelize code: every query runs on the write connection, so it changes nothing. */
  useMaster?: boolean;
  include?: unknown;
  distinct?: boolean;
  col?: string;
  group?: string | readonly string[];
  paranoid?: boolean;
  attributes?: FindAttributeOptions<TAttributes>;
}

/** Options for `create`. */
export interface CreateOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Hookable, Pick<RefusedQueryOptions, 'searchPath'> {
  /** Only these attributes are inserted. */
  fields?: readonly (keyof TAttributes & string)[];
  /** Skip validation. */
  validate?: boolean;
  /** Skip setters and type coercion. */
  raw?: boolean;
  /** Select these columns back (true: all). */
  returning?: boolean | readonly (keyof TAttributes & string)[];
  silent?: boolean;
  include?: unknown;
  ignoreDuplicates?: boolean;
  /** Sequelize's build option; `create` always inserts a new record. */
  isNewRecord?: true;
}

/** Options for `bulkCreate`. */
export interface BulkCreateOptions<TAttributes = Record<string, unknown>> extends CreateOptions<TAttributes> {
  /** Run per-instance create hooks too. */
  individualHooks?: boolean;
  /** Update these attributes when the row exists (upsert). */
  updateOnDuplicate?: readonly (keyof TAttributes & string)[];
  /** Conflict target for updateOnDuplicate (defaults to the primary key). */
  conflictAttributes?: readonly (keyof TAttributes & string)[];
  /** With `updateOnDuplicate`: the predicate of the partial unique index named by `conflictAttributes` (PostgreSQL, SQLite). */
  conflictWhere?: WhereOptions<TAttributes>;
}

/** Options for static `update`. */
export interface UpdateOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Hookable, Pick<RefusedQueryOptions, 'searchPath'> {
  where: WhereOptions<TAttributes>;
  fields?: readonly (keyof TAttributes & string)[];
  validate?: boolean;
  individualHooks?: boolean;
  returning?: boolean | readonly (keyof TAttributes & string)[];
  limit?: number;
  silent?: boolean;
  paranoid?: boolean;
  sideEffects?: boolean;
}

/** Options for `save` and instance `update`. */
export interface SaveOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Hookable {
  fields?: readonly (keyof TAttributes & string)[];
  validate?: boolean;
  silent?: boolean;
  /** Read the written row back where the database can (`RETURNING`); a list of attributes is accepted, as in Sequelize. */
  returning?: boolean | readonly (keyof TAttributes & string)[];
}

/** Options for `destroy`. */
export interface DestroyOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Hookable, Pick<RefusedQueryOptions, 'searchPath'> {
  where?: WhereOptions<TAttributes>;
  /** Delete for real, even on a paranoid model. */
  force?: boolean;
  individualHooks?: boolean;
  limit?: number;
  truncate?: boolean;
  cascade?: boolean;
  restartIdentity?: boolean;
}

/** Options for `restore`. */
export interface RestoreOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Hookable {
  where?: WhereOptions<TAttributes>;
  individualHooks?: boolean;
  limit?: number;
}

/** Options for `upsert`. */
export interface UpsertOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Hookable, Pick<RefusedQueryOptions, 'searchPath'> {
  fields?: readonly (keyof TAttributes & string)[];
  validate?: boolean;
  /** A list of attributes is accepted, as in Sequelize; the whole row is read back. */
  returning?: boolean | readonly (keyof TAttributes & string)[];
  conflictFields?: readonly (keyof TAttributes & string)[];
  /**
   * The predicate of a partial unique index used as the conflict target (PostgreSQL, SQLite):
   * `ON CONFLICT ("email") WHERE "deletedAt" IS NULL DO UPDATE …`.
   */
  conflictWhere?: WhereOptions<TAttributes>;
}

/** Options for `increment` / `decrement`. */
export interface IncrementOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable, Pick<RefusedQueryOptions, 'searchPath'> {
  where?: WhereOptions<TAttributes>;
  by?: number;
  silent?: boolean;
  returning?: boolean;
}

/** Options for `findOrCreate`. */
export interface FindOrCreateOptions<TAttributes = Record<string, unknown>, TCreation = TAttributes>
  extends FindOptions<TAttributes>, Pick<CreateOptions<TAttributes>, 'fields' | 'validate' | 'silent' | 'returning' | 'isNewRecord' | 'ignoreDuplicates'> {
  where: WhereOptions<TAttributes>;
  defaults?: Partial<TCreation>;
}

/** Options for aggregate helpers (`max`, `min`, `sum`). */
export interface AggregateOptions<TAttributes = Record<string, unknown>> extends Logging, Transactionable {
  where?: WhereOptions<TAttributes>;
  distinct?: boolean;
  paranoid?: boolean;
  plain?: boolean;
  dataType?: unknown;
}

/** Options for `truncate`. */
export interface TruncateOptions extends Logging, Transactionable, Hookable {
  cascade?: boolean;
  restartIdentity?: boolean;
}
