import { associate } from '../associations/associate.js';
import type { BelongsToAssociation, BelongsToOptions } from '../associations/belongs-to.js';
import type { BelongsToManyAssociation, BelongsToManyOptions } from '../associations/belongs-to-many.js';
import type { HasManyAssociation } from '../associations/has-many.js';
import type { HasOneAssociation, HasOptions } from '../associations/has-one.js';
import type { AccessorFindOptions, AccessorWriteOptions } from '../associations/association.js';
import { BaseError } from '../errors/base-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type {
  AggregateOptions, BulkCreateOptions, CountOptions, CreateOptions, DestroyOptions, FindOptions, FindOrCreateOptions,
  IncrementOptions, RestoreOptions, SaveOptions, TruncateOptions, UpdateOptions, UpsertOptions,
} from '../query/query-options.js';
import type { Relata } from '../relata.js';
import type { ColumnDescription } from '../query-interface/query-interface-options.js';
import * as finders from './finders.js';
import * as scopes from './scopes.js';
import type { HookName, HookRegistry } from './hooks.js';
import { buildInstance, changed, HYDRATE, PENDING, initValues, previousValues, sameValue, setDataValue, setValues, type InstanceOptions, type InstanceState } from './instance-state.js';
import { KNOWN_OPTIONS as OPTIONS } from './known-options.js';
import type { ModelDefinition } from '../metadata/model-definition.js';
import type { ModelAttributes, ModelOptions } from '../metadata/model-options.js';
import type { IncludeList, WithIncluded } from './include-types.js';
import type { CreationAttributes, Attributes, GroupedCountRow, IncrementResult, KnownAttributes, ModelHooks, UpdateValues } from './model-types.js';
import { internalOptions } from './option-list.js';
import { fieldsProblem, writableValues } from './value-keys.js';
import * as writes from './writes.js';
import { valuesOnly } from './bulk-insert.js';
import { customGetterKeys } from '../metadata/computed-properties.js';
import { connectionOf, definitionOf, hooksOf, initModel, installAttributeAccessors } from './model-init.js';
import { callAccessor } from './association-shorthands.js';
import { findCreateFind, findOrBuild, modelRejectOnEmpty, withRejectOnEmpty } from './finder-calls.js';
import { rawAttribute, type RawAttribute } from './raw-attribute.js';
import { dropTables, syncModels } from './sync.js';
import { registerPrefixedTable } from '../dialects/schema-prefix.js';

/** A hook function; its arguments depend on the hook (see `HookName`). */
type HookFn = (...args: never[]) => unknown;

/** A model class whose instances are `M`. */
export type ModelStatic<M extends Model> = NonConstructor<typeof Model> & { new (...args: never[]): M };
/** What `$get` resolves to: the array of a to-many property, or the to-one row or null. */
export type AssociatedValue<T> = NonNullable<T> extends readonly unknown[] ? NonNullable<T> : NonNullable<T> | null;
/** Rows or primary keys, one or several, as the add/set/remove/has accessors take them. */
export type AssociatedInput = Model | readonly Model[] | string | number | readonly (string | number)[];
type NonConstructor<T> = Pick<T, { [K in keyof T]: K extends 'prototype' ? never : K }[keyof T]>;

/** Options for `Model.init`. */
export interface InitOptions extends ModelOptions {
  sequelize: Relata;
}

/** Options for `get`. */
export interface GetOptions {
  plain?: boolean;
  raw?: boolean;
  clone?: boolean;
}

/** Options for `set`. */
export interface SetOptions {
  raw?: boolean;
  reset?: boolean;
}

/** Options for `build`. */
export interface BuildOptions {
  isNewRecord?: boolean;
  raw?: boolean;
  include?: unknown;
}

/** What `runHooks` answers when no hook of the type is registered. */
const NO_HOOKS: Promise<void> = Promise.resolve();

const CLASS_FIELD_GUARD: ProxyHandler<Model> = {
  // A subclass field (`name!: string` under useDefineForClassFields) is defined on the instance
  // after our constructor returns; routing it through set() keeps it from hiding the attribute.
  defineProperty(target, key, descriptor) {
    const definition = (target.constructor as typeof Model).definition;
    if (typeof key === 'string' && definition.attributes.has(key) && 'value' in descriptor) {
      if (descriptor.value !== undefined) target.set(key, descriptor.value);
      return true;
    }
    return Reflect.defineProperty(target, key, descriptor);
  },
};

/**
 * The base of every model. Static methods query the table; instances are rows with change
 * tracking. Define models with `relata.define()` or `class X extends Model {}; X.init(…)`.
 *
 * @example
 * class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
 *   declare id: CreationOptional<number>
 *   declare name: string
 * }
 * User.init({ id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, name: DataTypes.STRING }, { sequelize: relata })
 * const ada = await User.create({ name: 'Ada' }) // INSERT INTO "Users" … RETURNING …
 */
export class Model<TModelAttributes extends object = object, TCreationAttributes extends object = TModelAttributes> {
  /** Type carrier for the attributes; not present at runtime. */
  declare readonly _attributes: TModelAttributes;
  /** Type carrier for the creation attributes; not present at runtime. */
  declare readonly _creationAttributes: TCreationAttributes;
  declare dataValues: TModelAttributes & Record<string, unknown>;
  declare _previousDataValues: Partial<TModelAttributes> & Record<string, unknown>;
  /** @internal */
  declare _changed: Set<string>;
  /** True until the instance is saved. */
  declare isNewRecord: boolean;
  /** @internal */
  declare _options: InstanceOptions;

  /** Associations by alias (filled by the associations module). */
  static associations: Record<string, unknown> = {};
  /** @internal Scope options applied to every query of this (scoped) class. */
  static _scope: Readonly<FindOptions> | undefined;

  /** Builds an instance; prefer `Model.build`. */
  constructor(values?: object, options: BuildOptions = {}) {
    if ((options as unknown) === HYDRATE && PENDING !== undefined) {
      Object.assign(this, PENDING);
      return;
    }
    const ctor = new.target as unknown as typeof Model;
    const definition = ctor.definition;
    const isNewRecord = options.isNewRecord ?? true;
    OPTIONS.build.assert(options, ctor, 'build');
    if (isNewRecord) values = orThrow(writableValues(ctor, values, 'build', options, 'create'));
    const self = this as unknown as InstanceState;
    self.dataValues = {};
    self._previousDataValues = {};
    self._changed = new Set();
    self.isNewRecord = isNewRecord;
    self._options = { isNewRecord, raw: options.raw === true, include: options.include };
    initValues(this as unknown as Model, definition, (values ?? {}) as Record<string, unknown>, isNewRecord, options.raw === true);
    return new Proxy(this as unknown as Model, CLASS_FIELD_GUARD) as unknown as this;
  }

  // ---------------------------------------------------------------- definition

  /**
   * Initializes a model class: attributes, options, table name, and the connection. Called again
   * with another connection, it moves the class there, as in Sequelize (the last init wins;
   * declare its associations again).
   *
   * @example
   * Project.init({ title: DataTypes.STRING }, { sequelize: relata, tableName: 'projects' })
   */
  // `this` in an attribute's `get`/`set` is the model's instance type, as in Sequelize.
  static init<MS extends ModelStatic<Model>>(this: MS, attributes: ModelAttributes<InstanceType<MS>>, options: InitOptions): MS {
    initModel(this as unknown as typeof Model, attributes as ModelAttributes<Model>, options, RESERVED);
    return this;
  }

  /** @internal Re-installs attribute accessors after associations add attributes. */
  static refreshAttributes(): void {
    installAttributeAccessors(this.prototype as object, this.definition, RESERVED);
  }

  /** @internal The normalized metadata. */
  static get definition(): ModelDefinition {
    const definition = definitionOf(this);
    if (!definition) {
      throw new InvalidOptionError(`${this.name} is used before it was initialized: call ${this.name}.init(attributes, { sequelize }) or relata.define() first`);
    }
    return definition;
  }

  /** The connection this model belongs to. */
  static get sequelize(): Relata {
    const relata = connectionOf(this);
    if (!relata) throw new InvalidOptionError(`${this.name} is not initialized: call ${this.name}.init(attributes, { sequelize })`);
    return relata;
  }

  /** The connection this instance's model belongs to (Sequelize's `instance.sequelize`). */
  get sequelize(): Relata {
    return (this.constructor as typeof Model).sequelize;
  }

  /** The model's attribute definitions, read from an instance as Sequelize allows (`task.rawAttributes`). */
  get rawAttributes(): Record<string, RawAttribute> {
    return (this.constructor as typeof Model).rawAttributes;
  }

  /**
   * Removes an attribute from the model, as Sequelize's `removeAttribute` (e.g.
   * `Log.removeAttribute('id')` for a table without a key column).
   */
  static removeAttribute(attribute: string): void {
    this.definition.removeAttribute(attribute);
    if (Object.prototype.hasOwnProperty.call(this.prototype, attribute)) delete (this.prototype as unknown as Record<string, unknown>)[attribute];
    this.refreshAttributes();
  }

  /** @internal */
  static get hookRegistry(): HookRegistry {
    return hooksOf(this) as HookRegistry;
  }

  /** The table name. */
  static get tableName(): string {
    return this.definition.tableName;
  }

  /** The model's options, after defaults. */
  static get options(): Readonly<ModelOptions> {
    return this.definition.options;
  }

  /** Attribute definitions by name, as Sequelize's `rawAttributes` shows them (see `RawAttribute`). */
  static get rawAttributes(): Record<string, RawAttribute> {
    return Object.fromEntries([...this.definition.attributes].map(([name, attribute]) => [name, rawAttribute(attribute)]));
  }

  /** Attribute definitions by name (`rawAttributes`). */
  static getAttributes<M extends Model>(this: ModelStatic<M>): { readonly [K in keyof Attributes<M>]: RawAttribute } {
    return this.rawAttributes as { readonly [K in keyof Attributes<M>]: RawAttribute };
  }

  /** The primary key attribute name. */
  static get primaryKeyAttribute(): string | undefined {
    return this.definition.primaryKey;
  }

  /** The primary key attribute names. */
  static get primaryKeyAttributes(): readonly string[] {
    return this.definition.primaryKeys;
  }

  /** The primary key's column name (Sequelize's `primaryKeyField`), undefined for a model without one. */
  static get primaryKeyField(): string | undefined {
    const key = this.definition.primaryKey;
    return key === undefined ? undefined : (this.definition.attributes.get(key)?.field ?? key);
  }

  /** The table name (Sequelize also returns schema-qualified names here). */
  static getTableName(): string {
    return this.definition.tableName;
  }

  /** The model's schema (Sequelize's `Model._schema`), null when it has none. */
  static get _schema(): string | null {
    return this.definition.schema ?? null;
  }

  /**
   * Puts the model's table in `schema` (a database on MariaDB/MySQL) and returns the model.
   * Sequelize returns a copy of the model in that schema; relata moves the model itself, so use
   * what it returns (or define with the `schema` option).
   *
   * @example
   * const User = relata.define('User', { name: DataTypes.STRING }).schema('archive') // "archive"."Users"
   */
  static schema<MS extends ModelStatic<Model>>(this: MS, schema: string, options?: string | { schemaDelimiter?: string }): MS {
    if (typeof schema !== 'string' || schema === '') throw InvalidOptionError.expected(`${this.name}.schema()`, 'schema', 'a non-empty string', schema);
    const delimiter = typeof options === 'string' ? options : options?.schemaDelimiter;
    const self = this as unknown as typeof Model;
    const prefixed = self.definition.setSchema(schema, delimiter, !self.sequelize.hasSchemas());
    if (prefixed !== undefined) registerPrefixedTable(prefixed);
    return this;
  }

  // ---------------------------------------------------------------- hooks and scopes

  /**
   * Registers a lifecycle hook, optionally named (for `removeHook`). Returns the model.
   *
   * @example
   * User.addHook('beforeCreate', (user) => { user.name = user.name.trim() })
   * User.addHook('afterFind', 'audit', (rows) => log(rows))
   */
  // Typed by hook name (the instance type and the call's options reach the function); the last
  // signature takes any hook name and function.
  static addHook<MS extends ModelStatic<Model>, K extends keyof ModelHooks>(this: MS, hook: K, fn: ModelHooks<InstanceType<MS>>[K]): MS;
  static addHook<MS extends ModelStatic<Model>, K extends keyof ModelHooks>(this: MS, hook: K, name: string, fn: ModelHooks<InstanceType<MS>>[K]): MS;
  static addHook(hook: HookName, nameOrFn: string | HookFn, fn?: HookFn): typeof Model;
  static addHook(hook: HookName, nameOrFn: string | HookFn, fn?: HookFn): typeof Model {
    this.hookRegistry.add(hook, nameOrFn, fn);
    return this;
  }

  /** Removes a hook by name or function. Returns the model. */
  static removeHook(hook: HookName, nameOrFn: string | HookFn): typeof Model {
    this.hookRegistry.remove(hook, nameOrFn);
    return this;
  }

  /** True when hooks of that type are registered. */
  static hasHook(hook: HookName): boolean {
    return this.hookRegistry.has(hook);
  }

  /** Sequelize's alias of `hasHook`. */
  static hasHooks(hook: HookName): boolean {
    return this.hookRegistry.has(hook);
  }

  /**
   * Runs the hooks of one type with the given arguments, in registration order, `this` being the
   * model; then the connection's hooks of that type (relata.addHook, new Relata(url, { hooks })), as in Sequelize.
   *
   * @example
   * await User.runHooks('beforeCount', options)
   */
  static runHooks(hook: HookName, ...args: unknown[]): Promise<void> {
    // Every find and write asks for its hooks; most models have none, so nothing is awaited then.
    const own = this.hookRegistry.has(hook);
    const connection = this.sequelize;
    if (!connection.hasHook(hook)) return own ? this.hookRegistry.run(hook, this, ...args) : NO_HOOKS;
    return own ? this.hookRegistry.run(hook, this, ...args).then(() => connection.runHooks(hook, ...args)) : connection.runHooks(hook, ...args);
  }

  // Sequelize's shorthands: `User.beforeCreate(fn)` or `User.beforeCreate('name', fn)`.
  static beforeValidate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeValidate', nameOrFn, fn); }
  static afterValidate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterValidate', nameOrFn, fn); }
  static validationFailed(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('validationFailed', nameOrFn, fn); }
  static beforeCreate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeCreate', nameOrFn, fn); }
  static afterCreate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterCreate', nameOrFn, fn); }
  static beforeDestroy(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeDestroy', nameOrFn, fn); }
  static afterDestroy(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterDestroy', nameOrFn, fn); }
  static beforeRestore(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeRestore', nameOrFn, fn); }
  static afterRestore(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterRestore', nameOrFn, fn); }
  static beforeUpdate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeUpdate', nameOrFn, fn); }
  static afterUpdate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterUpdate', nameOrFn, fn); }
  static beforeSave(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeSave', nameOrFn, fn); }
  static afterSave(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterSave', nameOrFn, fn); }
  static beforeUpsert(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeUpsert', nameOrFn, fn); }
  static afterUpsert(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterUpsert', nameOrFn, fn); }
  static beforeBulkCreate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeBulkCreate', nameOrFn, fn); }
  static afterBulkCreate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterBulkCreate', nameOrFn, fn); }
  static beforeBulkDestroy(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeBulkDestroy', nameOrFn, fn); }
  static afterBulkDestroy(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterBulkDestroy', nameOrFn, fn); }
  static beforeBulkRestore(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeBulkRestore', nameOrFn, fn); }
  static afterBulkRestore(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterBulkRestore', nameOrFn, fn); }
  static beforeBulkUpdate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeBulkUpdate', nameOrFn, fn); }
  static afterBulkUpdate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterBulkUpdate', nameOrFn, fn); }
  static beforeFind(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeFind', nameOrFn, fn); }
  static beforeFindAfterExpandIncludeAll(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeFindAfterExpandIncludeAll', nameOrFn, fn); }
  static beforeFindAfterOptions(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeFindAfterOptions', nameOrFn, fn); }
  static afterFind(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterFind', nameOrFn, fn); }
  static beforeCount(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeCount', nameOrFn, fn); }
  static beforeAssociate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeAssociate', nameOrFn, fn); }
  static afterAssociate(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterAssociate', nameOrFn, fn); }
  static beforeSync(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeSync', nameOrFn, fn); }
  static afterSync(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterSync', nameOrFn, fn); }
  static beforeBulkSync(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeBulkSync', nameOrFn, fn); }
  static afterBulkSync(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterBulkSync', nameOrFn, fn); }
  static beforeQuery(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('beforeQuery', nameOrFn, fn); }
  static afterQuery(nameOrFn: string | HookFn, fn?: HookFn): typeof Model { return this.addHook('afterQuery', nameOrFn, fn); }

  /**
   * A copy of this model whose queries apply the named scopes (merged left to right).
   *
   * @example
   * await Post.scope('published', { method: ['byUser', 1] }).findAll()
   */
  static scope<M extends Model>(this: ModelStatic<M>, ...names: unknown[]): ModelStatic<M> {
    const scoped = scopes.scoped(this as never, names);
    OPTIONS.findAll.assert(scoped._scope, this, 'scope()');
    return scoped as unknown as ModelStatic<M>;
  }

  /** A copy of this model without any scope, the default scope included. */
  static unscoped<M extends Model>(this: ModelStatic<M>): ModelStatic<M> {
    return scopes.scoped(this as never, [null]) as unknown as ModelStatic<M>;
  }

  /** Adds a named scope after definition. */
  static addScope(name: string, scope: unknown, options: { override?: boolean } = {}): void {
    scopes.addScope(this as never, name, scope, options.override === true);
  }

  // ---------------------------------------------------------------- associations

  /**
   * One target holds a foreign key to this model (`User.hasOne(Profile)` adds `Profile.UserId`).
   *
   * @example
   * User.hasOne(Profile, { foreignKey: 'userId', as: 'profile' })
   */
  static hasOne(target: unknown, options: HasOptions = {}): HasOneAssociation {
    return associate('hasOne', this, target, options) as HasOneAssociation;
  }

  /**
   * This model holds a foreign key to one target (`Post.belongsTo(User)` adds `Post.UserId`).
   *
   * @example
   * Post.belongsTo(User, { foreignKey: 'userId', as: 'user' })
   */
  static belongsTo(target: unknown, options: BelongsToOptions = {}): BelongsToAssociation {
    return associate('belongsTo', this, target, options) as BelongsToAssociation;
  }

  /**
   * Many targets hold a foreign key to this model.
   *
   * @example
   * User.hasMany(Post, { foreignKey: 'userId', as: 'posts' })
   */
  static hasMany(target: unknown, options: HasOptions = {}): HasManyAssociation {
    return associate('hasMany', this, target, options) as HasManyAssociation;
  }

  /**
   * Many-to-many through a junction table.
   *
   * @example
   * User.belongsToMany(Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' })
   */
  static belongsToMany(target: unknown, options: BelongsToManyOptions): BelongsToManyAssociation {
    return associate('belongsToMany', this, target, options) as BelongsToManyAssociation;
  }

  // ---------------------------------------------------------------- finders

  /**
   * Finds every matching row.
   *
   * @example
   * await User.findAll({ where: { name: { [Op.like]: 'A%' } }, order: [['name', 'DESC']], limit: 10 })
   * // SELECT "User"."id" AS "id", … FROM "Users" AS "User" WHERE "User"."name" LIKE $1 ORDER BY "User"."name" DESC LIMIT $2
   */
  static findAll<M extends Model>(this: ModelStatic<M>, options: FindOptions<Attributes<M>> & { raw: true }): Promise<Attributes<M>[]>;
  static findAll<M extends Model, const I extends IncludeList>(this: ModelStatic<M>, options: FindOptions<Attributes<M>> & { include: I }): Promise<WithIncluded<M, I>[]>;
  static findAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<Attributes<M>>): Promise<M[]>;
  static findAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<Attributes<M>>): Promise<M[] | Attributes<M>[]> {
    const rows = OPTIONS.findAll.reject(options, this, 'findAll') ?? (finders.findAll(this as never, (options ?? {}) as FindOptions) as Promise<M[]>);
    const rejectOnEmpty = modelRejectOnEmpty(this as never, options);
    if (rejectOnEmpty === undefined || rejectOnEmpty === false) return rows;
    return rows.then((found) => {
      if (found.length > 0) return found;
      throw finders.emptyResultError(this.name, rejectOnEmpty);
    });
  }

  /** The first matching row, or null. */
  // `rejectOnEmpty` set: the promise rejects instead of resolving null, so the result is never null.
  static findOne<M extends Model, const I extends IncludeList>(this: ModelStatic<M>, options: FindOptions<Attributes<M>> & { include: I; rejectOnEmpty: true | Error }): Promise<WithIncluded<M, I>>;
  static findOne<M extends Model>(this: ModelStatic<M>, options: FindOptions<Attributes<M>> & { rejectOnEmpty: true | Error }): Promise<M>;
  static findOne<M extends Model, const I extends IncludeList>(this: ModelStatic<M>, options: FindOptions<Attributes<M>> & { include: I }): Promise<WithIncluded<M, I> | null>;
  static findOne<M extends Model>(this: ModelStatic<M>, options?: FindOptions<Attributes<M>>): Promise<M | null>;
  static findOne<M extends Model>(this: ModelStatic<M>, options?: FindOptions<Attributes<M>>): Promise<M | null> {
    return OPTIONS.findOne.reject(options, this, 'findOne') ?? (finders.findOne(this as never, withRejectOnEmpty(this as never, options)) as Promise<M | null>);
  }

  /** The row with this primary key, or null. */
  static findByPk<M extends Model, const I extends IncludeList>(
    this: ModelStatic<M>,
    id: unknown,
    options: Omit<FindOptions<Attributes<M>>, 'where'> & { include: I; rejectOnEmpty: true | Error },
  ): Promise<WithIncluded<M, I>>;
  static findByPk<M extends Model>(this: ModelStatic<M>, id: unknown, options: Omit<FindOptions<Attributes<M>>, 'where'> & { rejectOnEmpty: true | Error }): Promise<M>;
  static findByPk<M extends Model, const I extends IncludeList>(this: ModelStatic<M>, id: unknown, options: Omit<FindOptions<Attributes<M>>, 'where'> & { include: I }): Promise<WithIncluded<M, I> | null>;
  static findByPk<M extends Model>(this: ModelStatic<M>, id: unknown, options?: Omit<FindOptions<Attributes<M>>, 'where'>): Promise<M | null>;
  static findByPk<M extends Model>(this: ModelStatic<M>, id: unknown, options?: Omit<FindOptions<Attributes<M>>, 'where'>): Promise<M | null> {
    return OPTIONS.findOne.reject(options, this, 'findByPk') ?? (finders.findByPk(this as never, id, withRejectOnEmpty(this as never, options)) as Promise<M | null>);
  }

  /**
   * Finds a row matching `where`, or builds (does not save) one from `where` and `defaults`.
   * Returns `[instance, built]`, as Sequelize does.
   *
   * @example
   * const [user, built] = await User.findOrBuild({ where: { name: 'ada' }, defaults: { age: 36 } })
   */
  static findOrBuild<M extends Model>(this: ModelStatic<M>, options: FindOrCreateOptions<Attributes<M>, CreationAttributes<M>>): Promise<[M, boolean]> {
    return findOrBuild(this as never, options as unknown as FindOrCreateOptions) as Promise<[M, boolean]>;
  }

  /**
   * Sequelize's findCreateFind: a find, then a create when nothing matched, then (when a
   * concurrent create won the race on a unique key) the find again. Returns `[instance, created]`.
   *
   * @example
   * const [tag, created] = await Tag.findCreateFind({ where: { name: 'orm' } })
   */
  static findCreateFind<M extends Model>(this: ModelStatic<M>, options: FindOrCreateOptions<Attributes<M>, CreationAttributes<M>>): Promise<[M, boolean]> {
    return findCreateFind(this as never, options as unknown as FindOrCreateOptions) as Promise<[M, boolean]>;
  }

  /** Finds a row matching `where`, or creates it with `where` and `defaults`. Returns `[instance, created]`. */
  static findOrCreate<M extends Model>(this: ModelStatic<M>, options: FindOrCreateOptions<Attributes<M>, CreationAttributes<M>>): Promise<[M, boolean]> {
    const problem = OPTIONS.findOrCreate.problem(options, this, 'findOrCreate');
    if (problem !== undefined) return Promise.reject(problem);
    const defaults = writableValues(this as never, options?.defaults, 'findOrCreate', undefined, 'set');
    if (defaults instanceof BaseError) return Promise.reject(defaults);
    const checked = defaults === options?.defaults ? options : internalOptions({ ...options, defaults });
    return finders.findOrCreate(this as never, checked as FindOrCreateOptions) as Promise<[M, boolean]>;
  }

  /** Rows for a page and the total count of matching rows. */
  // With `group`, the count is one row per group (`[{ status: 'a', count: 2 }, …]`), as in Sequelize.
  static findAndCountAll<M extends Model>(
    this: ModelStatic<M>,
    options: FindOptions<Attributes<M>> & { group: NonNullable<FindOptions['group']> },
  ): Promise<{ rows: M[]; count: GroupedCountRow[] }>;
  static findAndCountAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<Attributes<M>>): Promise<{ rows: M[]; count: number }>;
  static findAndCountAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<Attributes<M>>): Promise<{ rows: M[]; count: number | GroupedCountRow[] }> {
    return OPTIONS.findAndCountAll.reject(options, this, 'findAndCountAll') ?? (finders.findAndCountAll(this as never, (options ?? {}) as FindOptions) as Promise<{ rows: M[]; count: number }>);
  }

  /** Counts matching rows. */
  static count<M extends Model>(this: ModelStatic<M>, options: CountOptions<Attributes<M>> & { group: NonNullable<CountOptions['group']> }): Promise<GroupedCountRow[]>;
  static count<M extends Model>(this: ModelStatic<M>, options?: CountOptions<Attributes<M>>): Promise<number>;
  static count<M extends Model>(this: ModelStatic<M>, options?: CountOptions<Attributes<M>>): Promise<number | GroupedCountRow[]> {
    return OPTIONS.count.reject(options, this, 'count') ?? finders.count(this as never, (options ?? {}) as CountOptions);
  }

  /** An aggregate (`max`, `min`, `sum`, `avg`, `count`) over an attribute. */
  static aggregate<M extends Model, T = unknown>(this: ModelStatic<M>, attribute: keyof Attributes<M> & string | '*', fn: string, options?: AggregateOptions<Attributes<M>>): Promise<T> {
    return OPTIONS.aggregate.reject(options, this, 'aggregate') ?? (finders.aggregate(this as never, attribute, fn, (options ?? {}) as AggregateOptions) as Promise<T>);
  }

  /** The largest value of an attribute. */
  static max<M extends Model, K extends keyof Attributes<M> & string>(this: ModelStatic<M>, attribute: K, options?: AggregateOptions<Attributes<M>>): Promise<Attributes<M>[K] | null> {
    return OPTIONS.aggregate.reject(options, this, 'max') ?? (finders.aggregate(this as never, attribute, 'max', (options ?? {}) as AggregateOptions) as Promise<Attributes<M>[K] | null>);
  }

  /** The smallest value of an attribute. */
  static min<M extends Model, K extends keyof Attributes<M> & string>(this: ModelStatic<M>, attribute: K, options?: AggregateOptions<Attributes<M>>): Promise<Attributes<M>[K] | null> {
    return OPTIONS.aggregate.reject(options, this, 'min') ?? (finders.aggregate(this as never, attribute, 'min', (options ?? {}) as AggregateOptions) as Promise<Attributes<M>[K] | null>);
  }

  /** The sum of an attribute. */
  static sum<M extends Model>(this: ModelStatic<M>, attribute: keyof Attributes<M> & string, options?: AggregateOptions<Attributes<M>>): Promise<number> {
    return OPTIONS.aggregate.reject(options, this, 'sum') ?? (finders.aggregate(this as never, attribute, 'sum', (options ?? {}) as AggregateOptions) as Promise<number>);
  }

  // ---------------------------------------------------------------- writes

  /**
   * Builds an unsaved instance.
   *
   * @example
   * const user = User.build({ name: 'ada' }); await user.save()
   */
  static build<M extends Model>(this: ModelStatic<M>, values?: CreationAttributes<M>, options: BuildOptions = {}): M {
    OPTIONS.build.assert(options, this, 'build');
    const checked = options.isNewRecord === false ? values : orThrow(writableValues(this as never, values, 'build', options, 'create'));
    return buildInstance(this as never, (checked ?? {}) as Record<string, unknown>, options) as unknown as M;
  }

  /** Builds several unsaved instances. */
  static bulkBuild<M extends Model>(this: ModelStatic<M>, values: readonly CreationAttributes<M>[], options: BuildOptions = {}): M[] {
    OPTIONS.build.assert(options, this, 'bulkBuild');
    const checked = options.isNewRecord === false ? values : values.map((v) => orThrow(writableValues(this as never, v, 'bulkBuild', options, 'create')));
    return checked.map((v) => buildInstance(this as never, v as Record<string, unknown>, options) as unknown as M);
  }

  /**
   * Inserts a row and returns the saved instance.
   *
   * @example
   * await User.create({ name: 'ada' }) // INSERT INTO "Users" ("name","createdAt","updatedAt") VALUES ($1,$2,$3) RETURNING …
   */
  static create<M extends Model>(this: ModelStatic<M>, values?: CreationAttributes<M>, options?: CreateOptions<Attributes<M>>): Promise<M> {
    const problem = OPTIONS.create.problem(options, this, 'create');
    if (problem !== undefined) return Promise.reject(problem);
    const checked = writableValues(this as never, values, 'create', options, 'create');
    if (checked instanceof BaseError) return Promise.reject(checked);
    return writes.create(this as never, (checked ?? {}) as Record<string, unknown>, (options ?? {}) as CreateOptions) as Promise<M>;
  }

  /** Inserts many rows in one statement (atomic). */
  static bulkCreate<M extends Model>(this: ModelStatic<M>, records: readonly CreationAttributes<M>[], options?: BulkCreateOptions<Attributes<M>>): Promise<M[]> {
    const problem = OPTIONS.bulkCreate.problem(options, this, 'bulkCreate');
    if (problem !== undefined) return Promise.reject(problem);
    let checked: readonly unknown[] = records;
    // relata/typeorm's insert() checked its rows already (see VALUES_ONLY).
    if (Array.isArray(records) && !valuesOnly(options)) {
      checked = [];
      for (const record of records) {
        const values = writableValues(this as never, record as unknown, 'bulkCreate', options, 'create');
        if (values instanceof BaseError) return Promise.reject(values);
        (checked as unknown[]).push(values);
      }
    }
    return writes.bulkCreate(this as never, checked as readonly Record<string, unknown>[], (options ?? {}) as BulkCreateOptions) as Promise<M[]>;
  }

  /**
   * Updates matching rows; returns `[affectedCount]` (plus rows with `returning` where supported).
   *
   * @example
   * await User.update({ name: 'b' }, { where: { id: 1 } }) // [1]
   */
  // As in Sequelize: `[affectedCount]`, and with `returning` (where the database has RETURNING) `[affectedCount, rows]`.
  static update<M extends Model>(
    this: ModelStatic<M>,
    values: UpdateValues<Attributes<M>>,
    options: Omit<UpdateOptions<Attributes<M>>, 'returning'> & { returning: true | readonly (keyof Attributes<M> & string)[] },
  ): Promise<[affectedCount: number, affectedRows: M[]]>;
  static update<M extends Model>(this: ModelStatic<M>, values: UpdateValues<Attributes<M>>, options: UpdateOptions<Attributes<M>>): Promise<[affectedCount: number]>;
  static update<M extends Model>(this: ModelStatic<M>, values: UpdateValues<Attributes<M>>, options: UpdateOptions<Attributes<M>>): Promise<[number, M[]] | [number]> {
    const problem = OPTIONS.update.problem(options, this, 'update');
    if (problem !== undefined) return Promise.reject(problem);
    // As in Sequelize, keys whose value is undefined are left out (not written as NULL).
    const given = values !== null && typeof values === 'object' ? Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) : values;
    const checked = writableValues(this as never, given as typeof values, 'update', options, 'bulkUpdate');
    if (checked instanceof BaseError) return Promise.reject(checked);
    return writes.bulkUpdate(this as never, checked as Record<string, unknown>, scopes.withScopeWhere(this as never, options as UpdateOptions)) as Promise<[number, M[]]>;
  }

  /** Deletes matching rows (soft-deletes on paranoid models unless `force`); returns the count. */
  static destroy<M extends Model>(this: ModelStatic<M>, options?: DestroyOptions<Attributes<M>>): Promise<number> {
    return OPTIONS.destroy.reject(options, this, 'destroy') ?? writes.bulkDestroy(this as never, scopes.withScopeWhere(this as never, (options ?? {}) as DestroyOptions));
  }

  /** Restores soft-deleted rows of a paranoid model. */
  static restore<M extends Model>(this: ModelStatic<M>, options?: RestoreOptions<Attributes<M>>): Promise<void> {
    return OPTIONS.restore.reject(options, this, 'restore') ?? writes.bulkRestore(this as never, (options ?? {}) as RestoreOptions);
  }

  /** Inserts or updates by primary key / unique key. Returns `[instance, created]`. */
  static upsert<M extends Model>(this: ModelStatic<M>, values: CreationAttributes<M>, options?: UpsertOptions<Attributes<M>>): Promise<[M, boolean | null]> {
    const problem = OPTIONS.upsert.problem(options, this, 'upsert') ?? fieldsProblem(this as never, options?.conflictFields, 'upsert', 'conflictFields');
    if (problem !== undefined) return Promise.reject(problem);
    const checked = writableValues(this as never, values, 'upsert', options, 'set');
    if (checked instanceof BaseError) return Promise.reject(checked);
    return writes.upsert(this as never, checked as Record<string, unknown>, (options ?? {}) as UpsertOptions) as Promise<[M, boolean | null]>;
  }

  /**
   * Adds to numeric attributes of matching rows: `increment('views', { by: 2, where })` or
   * `increment({ views: 2 }, …)`. Answers `[[rows, count]]` as Sequelize 6 does: the updated rows by
   * column on PostgreSQL, `undefined` in their place elsewhere.
   */
  static increment<M extends Model>(
    this: ModelStatic<M>,
    fields: string | readonly string[] | Record<string, number>,
    options: IncrementOptions<Attributes<M>>,
  ): Promise<IncrementResult> {
    return OPTIONS.increment.reject(options, this, 'increment') ?? writes.increment(this as never, fields, scopes.withScopeWhere(this as never, (options ?? {}) as IncrementOptions), 1);
  }

  /** Subtracts from numeric attributes of matching rows; answers as `increment` does. */
  static decrement<M extends Model>(
    this: ModelStatic<M>,
    fields: string | readonly string[] | Record<string, number>,
    options: IncrementOptions<Attributes<M>>,
  ): Promise<IncrementResult> {
    return OPTIONS.increment.reject(options, this, 'decrement') ?? writes.increment(this as never, fields, scopes.withScopeWhere(this as never, (options ?? {}) as IncrementOptions), -1);
  }

  /** Deletes every row. */
  static truncate(options: TruncateOptions = {}): Promise<void> {
    return OPTIONS.truncate.reject(options, this, 'truncate') ?? writes.truncate(this as never, options);
  }

  /** Creates this model's table. */
  static async sync(options: { force?: boolean } & Record<string, unknown> = {}): Promise<unknown> {
    OPTIONS.sync.assert(options, this, 'sync');
    await syncModels(this.sequelize, [this], options);
    if (options['alter'] === true && options['force'] !== true) {
      const { alterTables } = await import('../migrations/schema/sync-alter.js');
      await alterTables(this.sequelize, [this.definition], options);
    }
    return this;
  }

  /**
   * The columns of this model's table as the database reports them (`queryInterface.describeTable`).
   *
   * @example
   * await User.describe() // { id: { type: 'INTEGER', allowNull: false, primaryKey: true, … }, name: { … } }
   */
  static describe(options: { transaction?: unknown; logging?: unknown } = {}): Promise<Record<string, ColumnDescription>> {
    return this.sequelize.getQueryInterface().describeTable(this.getTableName(), options as never);
  }

  /** Drops this model's table. */
  static async drop(options: Record<string, unknown> = {}): Promise<void> {
    await dropTables(this.sequelize, [this], options);
  }

  // ---------------------------------------------------------------- instance

  /**
   * One attribute's value (through its getter), or all values. `plain: true` turns included
   * instances into plain objects too.
   */
  get<K extends keyof TModelAttributes>(key: K, options?: GetOptions): TModelAttributes[K];
  // An untyped model's declared fields (`class User extends Model { declare name: string }`), as in Sequelize.
  get<K extends keyof this & string>(key: K, options?: GetOptions): this[K];
  get(key: string, options?: GetOptions): unknown;
  get(options?: GetOptions): TModelAttributes;
  get(keyOrOptions?: string | number | symbol | GetOptions, options?: GetOptions): unknown {
    const definition = (this.constructor as typeof Model).definition;
    if (typeof keyOrOptions === 'string') {
      const attr = definition.attributes.get(keyOrOptions);
      if (attr?.get && options?.raw !== true) return attr.get.call(this);
      const computed = definition.getterMethods.get(keyOrOptions);
      if (computed !== undefined && options?.raw !== true) return computed.call(this as never, keyOrOptions, options ?? {});
      const value = this.dataValues[keyOrOptions];
      return options?.plain ? plainValue(value) : value;
    }
    const opts = (keyOrOptions as GetOptions | undefined) ?? {};
    const out: Record<string, unknown> = {};
    // With getterMethods, Sequelize lists the computed keys (and attributes with a getter) first.
    if (definition.getterMethods.size > 0 && opts.raw !== true) {
      for (const key of customGetterKeys(definition, this._options.attributes)) out[key] = this.get(key, opts);
    }
    for (const key of Object.keys(this.dataValues)) {
      if (Object.hasOwn(out, key)) continue;
      const attr = definition.attributes.get(key);
      const value = attr?.get && opts.raw !== true ? attr.get.call(this) : this.dataValues[key];
      out[key] = opts.plain ? plainValue(value) : value;
    }
    for (const attr of definition.attributes.values()) {
      if (attr.isVirtual && attr.get && !(attr.name in out)) out[attr.name] = attr.get.call(this);
    }
    return out;
  }

  /** Sets one attribute (through its setter) or several. Marks changes. */
  set<K extends keyof TModelAttributes>(key: K, value: TModelAttributes[K], options?: SetOptions): this;
  set(key: string, value: unknown, options?: SetOptions): this;
  set(values: Partial<TModelAttributes>, options?: SetOptions): this;
  set(keyOrValues: string | number | symbol | object, valueOrOptions?: unknown, maybeOptions?: SetOptions): this {
    setValues(this as never, keyOrValues, valueOrOptions, maybeOptions);
    return this;
  }

  /** Sets a raw value without the setter, marking the change. */
  setDataValue(key: string, value: unknown): void {
    setDataValue(this as never, key, value);
  }

  /**
   * A raw value without the getter. Typed by the model's attributes, else (a model declared as
   * `class User extends Model { declare age: number }`) by the instance's declared fields.
   *
   * @example
   * get() { return this.getDataValue('age') + 1 } // in an attribute's getter
   */
  getDataValue<K extends keyof TModelAttributes>(key: K): TModelAttributes[K];
  getDataValue<K extends keyof this & string>(key: K): this[K];
  getDataValue(key: PropertyKey): unknown {
    return this.dataValues[key as keyof TModelAttributes];
  }

  /** With no argument: the changed attribute names, or false. With a key: whether it changed. Setting marks it. */
  changed(): string[] | false;
  changed(key: (keyof TModelAttributes & string) | (string & {})): boolean;
  changed(key: (keyof TModelAttributes & string) | (string & {}), value: boolean): void;
  changed(key?: string, value?: boolean): string[] | boolean | void {
    return changed(this as never, key, value);
  }

  /** The value before unsaved changes, for one key or all changed keys. */
  previous(): Partial<TModelAttributes>;
  previous<K extends keyof KnownAttributes<TModelAttributes>>(key: K): KnownAttributes<TModelAttributes>[K] | undefined;
  previous(key?: string): unknown {
    return previousValues(this as never, key);
  }

  /** Saves changes: INSERT for a new record, UPDATE of the changed attributes otherwise. */
  save(options?: SaveOptions<TModelAttributes>): Promise<this> {
    const model = this.constructor as typeof Model;
    const problem = OPTIONS.save.problem(options, model, 'save') ?? fieldsProblem(model, options?.fields, 'save');
    if (problem !== undefined) return Promise.reject(problem);
    return writes.save(this as never, (options ?? {}) as SaveOptions) as Promise<this>;
  }

  /** Sets the values, then saves. */
  update(values: UpdateValues<TModelAttributes>, options?: SaveOptions<TModelAttributes> & SetOptions): Promise<this> {
    const model = this.constructor as typeof Model;
    const problem = OPTIONS.instanceUpdate.problem(options, model, 'update');
    if (problem !== undefined) return Promise.reject(problem);
    const checked = writableValues(model, values, 'update', options, 'set');
    if (checked instanceof BaseError) return Promise.reject(checked);
    const { raw, reset, ...saveOptions } = options ?? {};
    // A literal() value is set as is; save writes it as SQL (writes.columnValues).
    this.set(checked as Partial<TModelAttributes>, { ...(raw === undefined ? {} : { raw }), ...(reset === undefined ? {} : { reset }) });
    return this.save(internalOptions(saveOptions));
  }

  /** Deletes this row (soft on paranoid models unless `force`). */
  destroy(options?: { force?: boolean } & SaveOptions<TModelAttributes>): Promise<void> {
    return OPTIONS.instanceDestroy.reject(options, this.constructor as typeof Model, 'destroy') ?? writes.destroyInstance(this as never, (options ?? {}) as DestroyOptions);
  }

  /**
   * Whether this instance of a paranoid model is soft-deleted: its `deletedAt` is set to something
   * other than the attribute's default (null unless one is given), as in Sequelize. Throws
   * `InvalidOptionError` on a model that is not paranoid.
   *
   * @example
   * await post.destroy()
   * post.isSoftDeleted() // true
   */
  isSoftDeleted(): boolean {
    const model = this.constructor as typeof Model;
    const { paranoid, timestamps, attributes } = model.definition;
    const deletedAt = timestamps.deletedAt;
    if (!paranoid || deletedAt === undefined) throw new InvalidOptionError(`${model.name} is not paranoid, so none of its instances is soft-deleted`);
    const attribute = attributes.get(deletedAt);
    const defaultValue = attribute?.hasDefault === true ? attribute.defaultValue : null;
    return ((this.get(deletedAt) as unknown) ?? null) !== defaultValue;
  }

  /** Restores this soft-deleted row. */
  restore(options?: SaveOptions<TModelAttributes>): Promise<void> {
    return OPTIONS.instanceRestore.reject(options, this.constructor as typeof Model, 'restore') ?? writes.restoreInstance(this as never, (options ?? {}) as SaveOptions);
  }

  /** Reloads the values from the database. */
  reload(options?: FindOptions<TModelAttributes>): Promise<this> {
    return OPTIONS.findOne.reject(options, this.constructor as typeof Model, 'reload') ?? (finders.reload(this as never, (options ?? {}) as FindOptions) as Promise<this>);
  }

  /** Increments attributes in the database (`SET x = x + by`). */
  increment(fields: string | readonly string[] | Record<string, number>, options: Omit<IncrementOptions<TModelAttributes>, 'where'> = {}): Promise<this> {
    return OPTIONS.instanceIncrement.reject(options, this.constructor as typeof Model, 'increment') ?? (writes.incrementInstance(this as never, fields, options as IncrementOptions, 1) as Promise<this>);
  }

  /** Decrements attributes in the database. */
  decrement(fields: string | readonly string[] | Record<string, number>, options: Omit<IncrementOptions<TModelAttributes>, 'where'> = {}): Promise<this> {
    return OPTIONS.instanceIncrement.reject(options, this.constructor as typeof Model, 'decrement') ?? (writes.incrementInstance(this as never, fields, options as IncrementOptions, -1) as Promise<this>);
  }

  /** Validates the current values; throws ValidationError. */
  validate(options: { skip?: readonly string[]; fields?: readonly string[] } = {}): Promise<void> {
    return writes.validateInstance(this as never, options);
  }

  /** True when both are the same row of the same model. */
  equals(other: Model): boolean {
    if (!(other instanceof Model) || other.constructor !== this.constructor) return false;
    const keys = (this.constructor as typeof Model).definition.primaryKeys;
    return keys.every((k) => sameValue(this.dataValues[k], other.dataValues[k]));
  }

  /** The primary key value(s) as a where object. */
  where(): Record<string, unknown> {
    const keys = (this.constructor as typeof Model).definition.primaryKeys;
    return Object.fromEntries(keys.map((k) => [k, this.dataValues[k]]));
  }

  // sequelize-typescript's Model methods: each calls the association accessor of that property.

  /**
   * The associated row(s) of `property` (`getPosts(options)`), as sequelize-typescript's `$get`.
   *
   * @example
   * const posts = await user.$get('posts', { where: { published: true } })
   */
  $get<K extends keyof this & string>(property: K, options?: AccessorFindOptions): Promise<AssociatedValue<this[K]>> {
    return callAccessor(this, 'get', property, [options]) as Promise<AssociatedValue<this[K]>>;
  }

  /**
   * Replaces the associated rows (`setTags(tags, options)`); `null` clears a to-one association.
   *
   * @example
   * await post.$set('tags', [news, tech])
   */
  $set(property: keyof this & string, instances: AssociatedInput | null, options?: AccessorWriteOptions): Promise<unknown> {
    return callAccessor(this, 'set', property, [instances, options]);
  }

  /**
   * Links rows (`addTag(tag)` / `addTags(tags)`: the property names the accessor, singular or plural).
   *
   * @example
   * await post.$add('tag', news)
   * await post.$add('tags', [news, tech], { through: { pinned: true } })
   */
  $add(property: string, instances: AssociatedInput, options?: AccessorWriteOptions): Promise<unknown> {
    return callAccessor(this, 'add', property, [instances, options]);
  }

  /**
   * Unlinks rows (`removeTag(tag)` / `removeTags(tags)`).
   *
   * @example
   * await post.$remove('tag', news)
   */
  $remove(property: string, instances: AssociatedInput, options?: AccessorWriteOptions): Promise<unknown> {
    return callAccessor(this, 'remove', property, [instances, options]);
  }

  /**
   * Whether the rows are linked (`hasTag(tag)` / `hasTags(tags)`).
   *
   * @example
   * await post.$has('tag', news) // true
   */
  $has(property: string, instances: AssociatedInput, options?: AccessorFindOptions): Promise<boolean> {
    return callAccessor(this, 'has', property, [instances, options]) as Promise<boolean>;
  }

  /**
   * Counts the associated rows (`countPosts(options)`).
   *
   * @example
   * await user.$count('posts', { where: { published: true } }) // 2
   */
  $count(property: string, options?: AccessorFindOptions): Promise<number> {
    return callAccessor(this, 'count', property, [options]) as Promise<number>;
  }

  /**
   * Creates an associated row and links it (`createPost(values, options)`).
   *
   * @example
   * const post = await user.$create<Post>('post', { title: 'Hello' })
   */
  $create<R extends Model = Model>(property: string, values: Record<string, unknown>, options?: AccessorWriteOptions): Promise<R> {
    return callAccessor(this, 'create', property, [values, options]) as Promise<R>;
  }

  /** Plain values, includes nested; typed as the attributes (as in Sequelize): `toJSON<Shape>()` names a shape with includes. */
  toJSON<T extends object = KnownAttributes<TModelAttributes>>(): T;
  // Lets a subclass override toJSON() with its own shape, as Sequelize's declarations do.
  toJSON(): object;
  toJSON(): object {
    return structuredCloneSafe(this.get({ plain: true }) as Record<string, unknown>);
  }
}

function orThrow<V>(checked: BaseError | V): V {
  if (checked instanceof BaseError) throw checked;
  return checked;
}

function plainValue(value: unknown): unknown {
  if (value instanceof Model) return value.get({ plain: true });
  if (Array.isArray(value) && value.length > 0 && value[0] instanceof Model) return value.map((v: Model) => v.get({ plain: true }));
  return value;
}

function structuredCloneSafe(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.parse(JSON.stringify(v)) : v;
  }
  return out;
}

const RESERVED = new Set(Object.getOwnPropertyNames(Model.prototype));

