import type { Cast, Col, Fn, Literal } from '../query/fragments.js';
import type {
  BulkCreateOptions, CountOptions, CreateOptions, DestroyOptions, FindOptions, RestoreOptions, SaveOptions, UpdateOptions, UpsertOptions,
} from '../query/query-options.js';
import type { QueryRunOptions } from '../query/query-options.js';
import type { QueryTypes } from '../query/query-types.js';
import type { RefusedQueryOptions } from '../query/refused-query-options.js';
import type { SyncOptions } from './sync.js';
import type { Model, ModelStatic } from './model.js';

/** Options for `relata.query()`. */
export interface RawQueryOptions extends QueryRunOptions, RefusedQueryOptions {
  replacements?: readonly unknown[] | Record<string, unknown>;
  bind?: readonly unknown[] | Record<string, unknown>;
  type?: (typeof QueryTypes)[keyof typeof QueryTypes];
  plain?: boolean;
  raw?: boolean;
  /** SELECT rows become instances of this model (saved, unchanged), unless `raw: true`. */
  model?: ModelStatic<Model>;
  /** With `model`: rename its columns to attribute names (`first_name` → `firstName`). */
  mapToModel?: boolean;
  /** Rename result columns, `{ column: 'key' }`. */
  fieldMap?: Record<string, string>;
  /** Dotted keys of plain rows (`"author.name"`) become nested objects. */
  nest?: boolean;
}

/** Options for `relata.query()` with a `model`: the rows of the SELECT come back as its instances. */
export type RawQueryModelOptions<M extends Model> = Omit<RawQueryOptions, 'model' | 'type' | 'raw'> & {
  model: ModelStatic<M>;
  type?: typeof QueryTypes.SELECT;
  raw?: false;
};

declare const nonAttributeBrand: unique symbol;
declare const creationOptionalBrand: unique symbol;
declare const foreignKeyBrand: unique symbol;

/**
 * Marks a class member that is not an attribute (an association, a helper), so `InferAttributes`
 * leaves it out.
 *
 * @example
 * class User extends Model<InferAttributes<User>> { declare posts?: NonAttribute<Post[]> }
 */
// A union `T | (T & brand)` would hide the brand (keyof a union keeps only common keys), so the
// member would still count as an attribute; the intersection alone keeps it visible.
export type NonAttribute<T> = T extends null | undefined ? T : T & { [nonAttributeBrand]?: true };

/**
 * Marks an attribute that may be omitted at creation (it has a default, or is generated).
 *
 * @example
 * declare id: CreationOptional<number>
 */
export type CreationOptional<T> = T extends null | undefined ? T : T & { [creationOptionalBrand]?: true };

/**
 * Marks a foreign key attribute added by an association; optional at creation.
 *
 * @example
 * declare userId: ForeignKey<User['id']>
 */
export type ForeignKey<T> = T extends null | undefined ? T : T & { [foreignKeyBrand]?: true };

// Null and undefined are stripped first, so `CreationOptional<number> | null` still counts as branded.
type IsBranded<T, Brand extends symbol> = keyof NonNullable<T> extends keyof Omit<NonNullable<T>, Brand> ? false : true;

/**
 * Whether a member holds associated instances (`author?: User`, `posts?: Post[]`): never an
 * attribute, so decorated association fields need no `NonAttribute`. Recognized by the
 * `_attributes` type carrier every model instance has.
 */
type IsAssociationValue<T> = [NonNullable<T>] extends [never]
  ? false
  : NonNullable<T> extends { readonly _attributes: unknown } | readonly { readonly _attributes: unknown }[]
    ? true
    : false;

/**
 * Whether key K of model M is an attribute. Evaluated per key inside a key-remapping mapped type
 * (`[K in keyof M as …]`), which TypeScript defers: resolving every key up front would need the
 * model's own base class while it is being declared ("recursively references itself as a base type").
 */
type AttributeKey<M, K extends keyof M, Omitted> = K extends keyof Model
  ? never
  : K extends symbol
    ? never
    : M[K] extends (...args: never[]) => unknown
      ? never
      : IsBranded<M[K], typeof nonAttributeBrand> extends true
        ? never
        : IsAssociationValue<M[K]> extends true
          ? never
          : K extends Omitted
          ? never
          : K;

/** Options for InferAttributes: `omit` drops more keys. */
export interface InferAttributesOptions<Excluded> {
  omit?: Excluded;
}

/**
 * The attributes of a model class, read off its declared fields: inherited Model members,
 * methods, `NonAttribute` fields and `omit` keys are left out.
 *
 * @example
 * class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> { declare name: string }
 */
export type InferAttributes<M extends Model, Options extends InferAttributesOptions<keyof M | never | ''> = { omit: never }> = {
  [K in keyof M as AttributeKey<M, K, Options['omit']>]: M[K];
};

/**
 * The attributes accepted by `create`. `CreationOptional` and `ForeignKey` fields also accept
 * `undefined`, so `CreationAttributes` (which makes nullish fields optional) lets them be omitted.
 *
 * @example
 * User.create({ name: 'ada' }) // id and timestamps optional
 */
export type InferCreationAttributes<M extends Model, Options extends InferAttributesOptions<keyof M | never | ''> = { omit: never }> = {
  [K in keyof M as AttributeKey<M, K, Options['omit']>]: IsBranded<M[K], typeof creationOptionalBrand> extends true
    ? M[K] | undefined
    : IsBranded<M[K], typeof foreignKeyBrand> extends true
      ? M[K] | undefined
      : M[K];
};

/** Attributes of an untyped model (`class X extends Model {}` or `define` without generics). */
export type UntypedAttributes = Record<string, unknown>;

/**
 * Whether an attributes type is the untyped default (`object`, `{}`). A type whose keys are all
 * optional (`Partial<…>`, an entity's columns) is typed: `object extends T` alone would say untyped.
 */
type IsUntyped<T> = object extends T ? ([keyof T] extends [never] ? true : false) : false;

/** An attributes type, or any attribute name's values (`UntypedAttributes`) when it is the untyped default. @internal */
export type KnownAttributes<T> = IsUntyped<T> extends true ? UntypedAttributes : T;

/** The attributes type of a model instance type. */
export type Attributes<M extends Model> = IsUntyped<M['_attributes']> extends true ? UntypedAttributes : M['_attributes'];

/** The creation attributes type of a model instance type, nullish fields optional. */
export type CreationAttributes<M extends Model> = IsUntyped<M['_creationAttributes']> extends true ? UntypedAttributes : MakeNullishOptional<M['_creationAttributes']>;

/** Makes every key whose type accepts null or undefined optional. */
export type MakeNullishOptional<T extends object> = {
  [K in keyof T as null extends T[K] ? never : undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as null extends T[K] ? K : undefined extends T[K] ? K : never]?: T[K];
};

/**
 * The values `update` accepts: any attribute, each either its value or SQL the database evaluates:
 * `literal()`, `fn()`, `col()` or `cast()`.
 *
 * @example
 * await User.update({ visits: literal('visits + 1'), name: fn('upper', col('name')), nickname: col('name') }, { where: { id: 1 } })
 * // UPDATE "Users" SET "visits"=visits + 1,"name"=upper("name"),"nickname"="name" WHERE "id" = 1
 */
export type UpdateValues<TAttributes> = { [K in keyof TAttributes]?: TAttributes[K] | Literal | Fn | Col | Cast };

/** One row of a grouped `count` (`count({ group: 'status' })`): the grouped attributes and the count. */
export interface GroupedCountRow {
  [attribute: string]: unknown;
  count: number;
}

/**
 * What static `increment`/`decrement` answer, as Sequelize 6 does at runtime: one entry, the updated
 * rows keyed by column (PostgreSQL, which reads them back) or `undefined` (the other databases), and how
 * many rows changed. (Sequelize's own typings say `[M[], number?]`, which its runtime never returns.)
 *
 * @example
 * const [[rows, count]] = await Post.increment('views', { where: { id: 1 } }) // [[undefined, 1]] on SQLite
 */
export type IncrementResult = [[affectedRows: Record<string, unknown>[] | undefined, affectedCount: number]];

/**
 * What each model hook receives, as Sequelize's `ModelHooks` types them: `addHook('afterDestroy',
 * (instance, options) => …)` gets the model's instance type and the call's options. Declared as
 * methods, so a hook written with a wider or narrower parameter type is still accepted.
 *
 * @example
 * User.addHook('beforeSave', (user, options) => { user.name = user.name.trim() })
 */
export interface ModelHooks<M extends Model = Model, TAttributes = Attributes<M>> {
  beforeValidate(instance: M, options: SaveOptions<TAttributes>): unknown;
  afterValidate(instance: M, options: SaveOptions<TAttributes>): unknown;
  validationFailed(instance: M, options: SaveOptions<TAttributes>, error: unknown): unknown;
  beforeCreate(instance: M, options: CreateOptions<TAttributes>): unknown;
  afterCreate(instance: M, options: CreateOptions<TAttributes>): unknown;
  beforeDestroy(instance: M, options: DestroyOptions<TAttributes>): unknown;
  afterDestroy(instance: M, options: DestroyOptions<TAttributes>): unknown;
  beforeRestore(instance: M, options: RestoreOptions<TAttributes>): unknown;
  afterRestore(instance: M, options: RestoreOptions<TAttributes>): unknown;
  beforeUpdate(instance: M, options: SaveOptions<TAttributes>): unknown;
  afterUpdate(instance: M, options: SaveOptions<TAttributes>): unknown;
  beforeSave(instance: M, options: SaveOptions<TAttributes> | CreateOptions<TAttributes>): unknown;
  afterSave(instance: M, options: SaveOptions<TAttributes> | CreateOptions<TAttributes>): unknown;
  beforeUpsert(values: Record<string, unknown>, options: UpsertOptions<TAttributes>): unknown;
  afterUpsert(result: [M, boolean | null], options: UpsertOptions<TAttributes>): unknown;
  beforeBulkCreate(instances: M[], options: BulkCreateOptions<TAttributes>): unknown;
  afterBulkCreate(instances: readonly M[], options: BulkCreateOptions<TAttributes>): unknown;
  beforeBulkDestroy(options: DestroyOptions<TAttributes>): unknown;
  afterBulkDestroy(options: DestroyOptions<TAttributes>): unknown;
  beforeBulkRestore(options: RestoreOptions<TAttributes>): unknown;
  afterBulkRestore(options: RestoreOptions<TAttributes>): unknown;
  beforeBulkUpdate(options: UpdateOptions<TAttributes>): unknown;
  afterBulkUpdate(options: UpdateOptions<TAttributes>): unknown;
  beforeFind(options: FindOptions<TAttributes>): unknown;
  afterFind(result: readonly M[] | M | null, options: FindOptions<TAttributes>): unknown;
  beforeCount(options: CountOptions<TAttributes>): unknown;
  beforeFindAfterExpandIncludeAll(options: FindOptions<TAttributes>): unknown;
  beforeFindAfterOptions(options: FindOptions<TAttributes>): unknown;
  beforeSync(options: SyncOptions): unknown;
  afterSync(options: SyncOptions): unknown;
  beforeBulkSync(options: SyncOptions): unknown;
  afterBulkSync(options: SyncOptions): unknown;
  beforeQuery(options: RawQueryOptions, query: unknown): unknown;
  afterQuery(options: RawQueryOptions, query: unknown): unknown;
}
