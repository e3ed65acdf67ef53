// Type names Sequelize 6 exports, under its spelling, so code typed for Sequelize compiles against
// relata unchanged. Types only: nothing here exists at runtime.
import type { Association } from './associations/association.js';
import type { HasOptions } from './associations/has-one.js';
import type { RawQueryOptions, Relata } from './relata.js';
import type { SyncOptions } from './model/sync.js';
import type { ModelHooks, Attributes } from './model/model-types.js';
import type { RelataOptions } from './connection-options.js';
import type { ConnectionConfig, DialectName } from './dialects/adapter.js';
import type { Model, ModelStatic } from './model/model.js';
import type { AttributeOptions, ModelAttributes, ModelOptions } from './metadata/model-options.js';
import type { IncludeEntry } from './model/include-types.js';
import type { Op } from './query/operators.js';
import type { Cast, Col, Fn, Literal, Where } from './query/fragments.js';
import type { FindOptions, WhereOptions } from './query/query-options.js';

/**
 * `T` with the keys `K` made optional (Sequelize's creation-attributes helper).
 *
 * @example
 * type UserCreation = Optional<UserAttributes, 'id'>
 */
export type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/**
 * Sequelize's name for a model class typed by its instance type.
 *
 * @example
 * const User: ModelCtor<UserInstance> = sequelize.models.User
 */
export type ModelCtor<M extends Model = Model> = ModelStatic<M>;

/** Sequelize's name for a model class typed by its instance type. */
export type ModelType<TModelAttributes extends object = object, TCreationAttributes extends object = TModelAttributes> = ModelStatic<
  Model<TModelAttributes, TCreationAttributes>
>;

/**
 * The class `sequelize.define<…>()` returns when typed by attributes rather than by a class.
 *
 * @example
 * const Note: ModelDefined<NoteAttributes, NoteCreationAttributes> = sequelize.define('Note', { … })
 */
export type ModelDefined<S extends object, T extends object> = ModelStatic<Model<S, T>>;

/** A primary key value, as `findByPk` accepts it. */
export type Identifier = number | bigint | string | Buffer;

/** One entry of `include`: a model, an association, an alias or an options object. */
export type Includeable = IncludeEntry | ModelStatic<Model> | Association;

/** The options-object form of an `include` entry. */
export type IncludeOptions = Exclude<IncludeEntry, string>;

/** Options of `hasMany` (the same as `hasOne`'s in relata). */
export type HasManyOptions = HasOptions;

/** Options of `hasOne`. */
export type HasOneOptions = HasOptions;

/** Sequelize's name for the constructor options. */
export type Options = RelataOptions;

/** Sequelize's name for the dialect names. */
export type Dialect = DialectName;

/** Sequelize's name for the resolved connection settings (`sequelize.config`). */
export type Config = Readonly<ConnectionConfig>;

/** Sequelize's name for the options of `sequelize.query()`. */
export type QueryOptions = RawQueryOptions;

/** Sequelize's name for an attribute definition object. */
export type ModelAttributeColumnOptions = AttributeOptions;

/**
 * The object `and(...)` builds.
 *
 * @example
 * const w: AndOperator<{ id: number }> = { [Op.and]: [{ id: 1 }] }
 */
export interface AndOperator<TAttributes = Record<string, unknown>> {
  [Op.and]: WhereOptions<TAttributes> | readonly WhereOptions<TAttributes>[];
}

/**
 * The object `or(...)` builds.
 *
 * @example
 * const w: OrOperator<{ id: number }> = { [Op.or]: [{ id: 1 }, { id: 2 }] }
 */
export interface OrOperator<TAttributes = Record<string, unknown>> {
  [Op.or]: WhereOptions<TAttributes> | readonly WhereOptions<TAttributes>[];
}

/** A SQL fragment usable as a written value: `fn()`, `col()`, `literal()`, `cast()`, `where()`. */
export type SqlValue = Fn | Col | Literal | Cast | Where;

/**
 * What each hook a connection or the class carries receives, as Sequelize's `SequelizeHooks` types
 * them: every model hook, then the connection-level ones. Declared as methods, so a hook written
 * with a narrower model type (`(user: User) => …`) is still accepted.
 *
 * @example
 * Sequelize.beforeConnect((config) => { config.password = readSecret() })
 */
export interface SequelizeHooks<M extends Model = Model> extends ModelHooks<M> {
  beforeAssociate(association: { source: ModelStatic<Model>; target: ModelStatic<Model>; type: unknown }, options: Record<string, unknown>): unknown;
  afterAssociate(association: { source: ModelStatic<Model>; target: ModelStatic<Model>; type: unknown; association: Association }, options: Record<string, unknown>): unknown;
  beforeDefine(attributes: ModelAttributes, options: ModelOptions): unknown;
  afterDefine(model: ModelStatic<Model>): unknown;
  beforeInit(config: Config, options: RelataOptions): unknown;
  afterInit(sequelize: Relata): unknown;
  beforeConnect(config: DeepWriteable<Config>): unknown;
  afterConnect(connection: unknown, config: Config): unknown;
  beforeDisconnect(connection: unknown): unknown;
  afterDisconnect(connection: unknown): unknown;
  beforePoolAcquire(options?: Record<string, unknown>): unknown;
  afterPoolAcquire(connection: unknown, options?: Record<string, unknown>): unknown;
}

type DeepWriteable<T> = { -readonly [P in keyof T]: DeepWriteable<T[P]> };

/**
 * A hook shorthand (`Sequelize.beforeSave(fn)`, `sequelize.afterCreate('name', fn)`): registers
 * the hook, optionally named, and returns `R` (the class, or the connection).
 */
export interface HookShorthand<K extends keyof SequelizeHooks, R> {
  (fn: SequelizeHooks[K]): R;
  (name: string, fn: SequelizeHooks[K]): R;
}

/** Every hook shorthand of a connection or of the class, returning `R`. */
export type HookShorthands<R> = { [K in keyof SequelizeHooks]: HookShorthand<K, R> };
