import inflection from 'inflection';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, type CompiledQuery, type QueryResult } from 'kysely';
import type { LoggingFunction, RelataOptions } from './connection-options.js';
import type { QueryRunOptions } from './query/query-options.js';
import type { RawQueryModelOptions, RawQueryOptions } from './model/model-types.js';
import type { ConnectionConfig, DialectAdapter, DialectName } from './dialects/adapter.js';
import { createAdapter } from './dialects/create-adapter.js';
import { BaseError } from './errors/base-error.js';
import { InvalidOptionError } from './errors/invalid-option-error.js';
import { CLASS_HOOKS, CONNECTION_HOOK_NAMES, HookRegistry, type HookName } from './model/hooks.js';
import { DEFINITION_OPTIONS, KNOWN_OPTIONS } from './model/known-options.js';
import { Model, type ModelStatic } from './model/model.js';
import { ModelManager } from './model/model-manager.js';
import { defaultModelMatch, modelsFromPaths, type ModelMatch } from './model/model-paths.js';
import type { ModelAttributes, ModelOptions } from './metadata/model-options.js';
import { QueryInterface } from './query-interface/query-interface.js';
import { shapeRawRows } from './model/raw-query-rows.js';
import { cast, col, fn, json, literal, where, type Cast, type Col, type Fn, type Json, type Literal, type Where } from './query/fragments.js';
import { Op } from './query/operators.js';
import { QueryTypes } from './query/query-types.js';
import { parseConstructorArgs } from './relata-config.js';
import { compileRawQuery } from './sql/compile-raw.js';
import { escapeValue } from './sql/escape.js';
import { compileCreateSchema, compileDatabaseVersion, compileDropSchema, compileShowSchemas } from './sql/schemas.js';
import { dropTables, syncModels, type SyncOptions } from './model/sync.js';
import { PlanCache } from './sql/plan-cache.js';
import { Transaction, type TransactionOptions } from './transactions/transaction.js';
import type * as Statics from './sequelize-statics.js';
import type * as Operators from './query/operators.js';
import type { HookShorthand, HookShorthands, SequelizeHooks } from './sequelize-types.js';

const DEFAULT_RETRY_BACKOFF_MS = 20;


/**
 * The default `logging`, as in Sequelize: each statement on the console as
 * `Executing (default): SELECT …` (without the timing). Pass `logging: false` to silence it.
 */
function logToConsole(sql: string): void {
  console.log(sql);
}

// Defined in the layers below, exported here as before.
export type { QueryRunOptions, RawQueryOptions, RawQueryModelOptions };

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * The connection: models, transactions, sync and raw queries. `Sequelize` is the same class.
 *
 * @example
 * const relata = new Relata('sqlite::memory:')
 * const User = relata.define('User', { name: DataTypes.STRING })
 * await relata.sync()
 * await User.create({ name: 'ada' }) // INSERT INTO "Users" ("name","createdAt","updatedAt") VALUES (?,?,?) RETURNING …
 */
export class Relata {
  readonly options: Readonly<RelataOptions>;
  readonly config: Readonly<ConnectionConfig>;
  /** Models by name. */
  readonly models: Record<string, ModelStatic<Model>> = {};
  /** Sequelize's model registry (`sequelize.modelManager`), a view of `models`. */
  readonly modelManager: ModelManager = new ModelManager(this);
  /** @internal */
  readonly adapter: DialectAdapter;
  /** @internal The root Kysely instance; only `sql/` builds queries on it. */
  readonly kysely: AnyDb;
  /** @internal Compiled SQL of repeated SELECT shapes. */
  readonly planCache = new PlanCache();
  readonly #als = new AsyncLocalStorage<Transaction>();
  #writeEpoch = 0;
  #schemaEpoch = 0;
  #closed = false;
  #queryInterface: QueryInterface<Relata> | undefined;
  readonly #hooks = new HookRegistry('relata', CONNECTION_HOOK_NAMES);
  /** How option checks name the connection's own methods (`relata.query: …`). */
  readonly #owner = { name: 'relata', connection: this } as const;

  constructor(url: string, options?: RelataOptions);
  constructor(database: string, username?: string | null, password?: string | null, options?: RelataOptions);
  constructor(options?: RelataOptions);
  constructor(...args: unknown[]) {
    const { options, config } = parseConstructorArgs(args);
    // Sequelize's class-level beforeInit sees the connection settings and options, and may change them.
    CLASS_HOOKS.runSync('beforeInit', Relata, config, options);
    this.options = options;
    const owner = { name: 'Relata', connection: this };
    DEFINITION_OPTIONS.connection.assert(options, owner, 'constructor');
    if (options.pool !== null && typeof options.pool === 'object') DEFINITION_OPTIONS.pool.assert(options.pool, owner, 'constructor (pool)');
    this.config = config;
    this.adapter = createAdapter(config.dialect);
    this.kysely = new Kysely({ dialect: this.adapter.createKyselyDialect(config) });
    this.#setHooks(options.hooks ?? {});
    // `sequelize.options.hooks = {}` replaces the connection's hooks, as in Sequelize.
    let given = options.hooks;
    Object.defineProperty(options, 'hooks', {
      get: () => given,
      set: (value: RelataOptions['hooks']) => {
        given = value;
        this.#hooks.clear();
        this.#setHooks(value ?? {});
      },
      enumerable: given !== undefined,
      configurable: true,
    });
    const models = options.models;
    if (models !== undefined && models.length > 0) this.addModels(models);
    if (options.modelPaths !== undefined && options.modelPaths.length > 0) this.addModels(options.modelPaths);
    CLASS_HOOKS.runSync('afterInit', Relata, this);
  }

  #setHooks(hooks: NonNullable<RelataOptions['hooks']>): void {
    for (const [name, fns] of Object.entries(hooks)) {
      for (const hookFn of Array.isArray(fns) ? fns : [fns]) this.#hooks.add(name, hookFn as () => unknown);
    }
  }

  /** The dialect name: 'sqlite' | 'postgres' | 'mysql' | 'mariadb' | 'mssql'. */
  getDialect(): DialectName {
    return this.config.dialect;
  }

  /** The database name (or SQLite storage). */
  getDatabaseName(): string | undefined {
    return this.config.database ?? this.config.storage;
  }

  /**
   * Defines a model. Returns the model class.
   *
   * @example
   * const User = relata.define('User', { name: { type: DataTypes.STRING, allowNull: false } }, { paranoid: true })
   */
  define<M extends Model = Model, TAttributes = Record<string, unknown>>(
    modelName: string,
    attributes: ModelAttributes<M, TAttributes> = {} as ModelAttributes<M, TAttributes>,
    options: ModelOptions = {},
  ): ModelStatic<M> {
    // As in Sequelize, beforeDefine sees the options with modelName and name filled in, and may change them.
    const defined: ModelOptions & { modelName: string } = { ...options, modelName, name: { plural: inflection.pluralize(modelName), singular: inflection.singularize(modelName), ...options.name } };
    this.#hooks.runSync('beforeDefine', this, attributes, defined);
    const finalName = defined.modelName;
    const named = { [finalName]: class extends Model {} }[finalName] as unknown as ModelStatic<M>;
    (named as unknown as typeof Model).init((attributes ?? {}) as ModelAttributes, { ...defined, modelName: finalName, sequelize: this });
    this.#hooks.runSync('afterDefine', this, named);
    return named;
  }

  /**
   * Registers decorated model classes, or loads them from folders, files or globs as
   * sequelize-typescript does (see `ModelMatch`).
   *
   * @example
   * relata.addModels([User, Post])
   * relata.addModels([__dirname + '/models'])
   * relata.addModels([__dirname + '/models/*.model.ts'], (file, member) => file === `${member.toLowerCase()}.model`)
   */
  addModels(models: readonly unknown[], modelMatch?: ModelMatch): void {
    const classes = models.some((m) => typeof m === 'string') ? modelsFromPaths(models as readonly string[], modelMatch ?? this.options.modelMatch ?? defaultModelMatch) : models;
    for (const model of classes) {
      const init = (model as { initFromDecorators?: (relata: Relata) => void }).initFromDecorators;
      if (typeof init !== 'function') {
        throw InvalidOptionError.expected('relata.addModels()', 'each model', 'a decorated model class', model);
      }
      init.call(model, this);
    }
  }

  /**
   * Loads a folder of model files (factories or classes, CommonJS or ESM) and calls every
   * model's `associate(models)`, like sequelize-cli's `models/index.js`.
   *
   * @example
   * const { User, Post } = await relata.loadModels('/app/models')
   */
  async loadModels(directory: string): Promise<Record<string, ModelStatic<Model>>> {
    const { loadModels } = await import('./model/load-models.js');
    return loadModels(this, directory);
  }

  /** The model registered under `name` (or that class, registered); throws when there is none. */
  model(name: string): ModelStatic<Model>;
  model<M extends Model>(modelClass: abstract new (...args: never[]) => M): ModelStatic<M>;
  model(nameOrClass: string | (abstract new (...args: never[]) => Model)): ModelStatic<Model> {
    if (typeof nameOrClass === 'function' && Object.values(this.models).includes(nameOrClass as unknown as ModelStatic<Model>)) return nameOrClass as unknown as ModelStatic<Model>;
    const name = typeof nameOrClass === 'function' ? nameOrClass.name : nameOrClass;
    const model = this.isDefined(name) ? this.models[name] : undefined;
    if (!model) throw InvalidOptionError.expected('relata.model()', 'the model name', `one of ${Object.keys(this.models).join(', ') || '(none defined)'}`, name);
    return model;
  }

  /**
   * sequelize-typescript's `getRepository`: the model registered for that class (the class itself).
   *
   * @example
   * const users = relata.getRepository(User)
   * await users.findAll()
   */
  getRepository<M extends Model>(modelClass: abstract new (...args: never[]) => M): ModelStatic<M> {
    return this.model(modelClass);
  }

  /** True when a model of that name is defined. */
  isDefined(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.models, name);
  }

  /** @internal Called by Model.init. */
  registerModel(model: ModelStatic<Model>): void {
    this.models[model.name] = model;
  }

  /** @internal Called by Model.init when the class moves to another connection. */
  unregisterModel(model: ModelStatic<Model>): void {
    for (const [name, registered] of Object.entries(this.models)) if (registered === model) delete this.models[name];
  }

  /** @internal True once close() was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Checks that the database answers. */
  async authenticate(options: QueryRunOptions = {}): Promise<void> {
    await this.query('SELECT 1+1 AS result', { ...options, type: QueryTypes.SELECT });
  }

  /**
   * Creates every model's table, in dependency order. `force` drops them first; `alter` also adds
   * and changes columns, indexes and keys of existing tables to match the models (it removes
   * nothing).
   */
  async sync(options: SyncOptions = {}): Promise<this> {
    KNOWN_OPTIONS.sync.assert(options, this.#owner, 'sync');
    const models = Object.values(this.models);
    // Connection-level hooks (beforeBulkSync/afterBulkSync), when the connection carries a hook
    // registry, run around the models' own beforeSync/afterSync, as in Sequelize.
    const runHooks = (this as { runHooks?: (name: string, ...args: unknown[]) => Promise<void> }).runHooks;
    const bulkHooks = options.hooks !== false && typeof runHooks === 'function';
    if (bulkHooks) await runHooks.call(this, 'beforeBulkSync', options);
    await syncModels(this, models, options);
    if (options.alter === true && options.force !== true) {
      const { alterTables } = await import('./migrations/schema/sync-alter.js');
      await alterTables(this, models.map((m) => m.definition).filter((d) => !options.match || options.match.test(d.tableName)), options);
    }
    if (bulkHooks) await runHooks.call(this, 'afterBulkSync', options);
    return this;
  }

  /**
   * The schema API migrations receive (`queryInterface`): createTable, addColumn, addIndex,
   * addConstraint, bulkInsert, describeTable… One instance per connection.
   *
   * @example
   * await relata.getQueryInterface().addColumn('Users', 'nickname', { type: DataTypes.STRING, allowNull: true })
   */
  getQueryInterface(): QueryInterface<Relata> {
    this.#queryInterface ??= new QueryInterface(this);
    return this.#queryInterface;
  }

  /** Drops every model's table, dependents first. */
  async drop(options: QueryRunOptions = {}): Promise<void> {
    await dropTables(this, Object.values(this.models), options);
  }

  /** Closes the pool. Queries after this fail with ConnectionError. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.kysely.destroy();
  }

  /**
   * Runs a managed transaction: committed when `fn` resolves, rolled back when it throws. Queries
   * inside join it automatically. Nested calls become savepoints. Without `fn`, returns an
   * unmanaged transaction to commit or roll back yourself.
   *
   * @example
   * await relata.transaction(async (t) => { await User.create({ name: 'a' }) })
   * const t = await relata.transaction(); await User.create({ name: 'b' }, { transaction: t }); await t.commit()
   */
  transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
  transaction<T>(options: TransactionOptions, fn: (t: Transaction) => Promise<T>): Promise<T>;
  transaction(options?: TransactionOptions): Promise<Transaction>;
  async transaction<T>(
    optionsOrFn?: TransactionOptions | ((t: Transaction) => Promise<T>),
    maybeFn?: (t: Transaction) => Promise<T>,
  ): Promise<T | Transaction> {
    const options = typeof optionsOrFn === 'object' ? optionsOrFn : {};
    KNOWN_OPTIONS.transaction.assert(options, this.#owner, 'transaction');
    const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
    const parent = options.transaction === undefined ? (fn ? this.#als.getStore() : undefined) : (options.transaction ?? undefined);
    const retry = retryPolicy(options, parent !== undefined, fn !== undefined);
    if (!fn) return this.#guard(() => new Transaction(parent, options).begin(this.kysely, this.adapter.capabilities.isolationLevels, this.adapter.capabilities.deferrableConstraints), undefined);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#runManaged(parent, options, fn);
      } catch (error) {
        if (attempt >= retry.max || !this.adapter.isSerializationFailure(error)) throw error;
        // Jittered exponential backoff, so the transactions that collided do not collide again.
        await new Promise((resolve) => setTimeout(resolve, retry.backoff * 2 ** attempt * (0.5 + Math.random())));
      }
    }
  }

  async #runManaged<T>(parent: Transaction | undefined, options: TransactionOptions, fn: (t: Transaction) => Promise<T>): Promise<T> {
    const t = await this.#guard(() => new Transaction(parent, options).begin(this.kysely, this.adapter.capabilities.isolationLevels, this.adapter.capabilities.deferrableConstraints), undefined);
    let result: T;
    try {
      result = await this.#als.run(t, () => fn(t));
      if (t.finished === undefined) await this.#guard(() => t.commit(), undefined);
    } catch (error) {
      // Also after a failed COMMIT: the rollback is what hands the connection back to the pool.
      if (t.finished === undefined) await t.rollback().catch(() => undefined);
      throw error;
    }
    return result;
  }

  // ---------------------------------------------------------------- Sequelize's instance API

  /** The class itself, as `sequelize.Sequelize` is in Sequelize (for `DataTypes`, `Op`, errors…). */
  get Sequelize(): typeof Relata {
    return Relata;
  }

  /** `relata.fn('COUNT', relata.col('id'))`, the same as the exported `fn`. */
  fn(name: string, ...args: unknown[]): Fn {
    return fn(name, ...args);
  }

  col(name: string): Col {
    return col(name);
  }

  literal(sqlText: string | number): Literal {
    return literal(sqlText);
  }

  where(attribute: unknown, comparatorOrLogic: unknown, logic?: unknown): Where {
    return where(attribute, comparatorOrLogic, logic);
  }

  cast(value: unknown, type: string): Cast {
    return cast(value, type);
  }

  /** `relata.json('meta.city', 'Paris')`, the same as the exported `json`. */
  json(conditionsOrPath: string | Readonly<Record<string, unknown>>, value?: unknown): Json {
    return json(conditionsOrPath, value);
  }

  /** `{ [Op.and]: conditions }`, as Sequelize's `and()`. */
  and<T extends unknown[]>(...conditions: T): { [Op.and]: T } {
    return { [Op.and]: conditions };
  }

  /** `{ [Op.or]: conditions }`, as Sequelize's `or()`. */
  or<T extends unknown[]>(...conditions: T): { [Op.or]: T } {
    return { [Op.or]: conditions };
  }

  /**
   * The dialect's random function, for `order: relata.random()`: RANDOM() on PostgreSQL and
   * SQLite, RAND() on MySQL, MariaDB and SQL Server.
   */
  random(): Fn {
    return fn(this.adapter.capabilities.randomFunction);
  }

  /**
   * A value as an SQL literal of this dialect, as Sequelize's `sequelize.escape()` writes it
   * (`'it''s'`, `1`, `NULL`, `'2020-01-02 03:04:05.006 +00:00'`). Prefer bound parameters
   * (`replacements`, `bind`); this is for SQL text built by hand.
   *
   * @example
   * relata.escape("it's") // "'it''s'"
   */
  escape(value: unknown): string {
    return escapeValue(this, value);
  }

  /**
   * Registers a hook for every model of this connection (run after the model's own hooks), or a
   * connection hook (`afterDefine`, `beforeBulkSync`, …). Returns the connection, as Sequelize does.
   *
   * @example
   * relata.addHook('beforeCreate', (instance) => { instance.set('tenant', currentTenant()) })
   */
  addHook(hook: string, nameOrFn: string | ((...args: never[]) => unknown), hookFn?: (...args: never[]) => unknown): this {
    this.#hooks.add(hook, nameOrFn, hookFn);
    return this;
  }

  /** Removes a connection hook by name or function. */
  removeHook(hook: string, nameOrFn: string | ((...args: never[]) => unknown)): this {
    this.#hooks.remove(hook, nameOrFn);
    return this;
  }

  /** True when connection hooks of that type are registered. */
  hasHook(hook: string): boolean {
    return this.#hooks.has(hook);
  }

  /** Sequelize's alias of `hasHook`. */
  hasHooks(hook: string): boolean {
    return this.#hooks.has(hook);
  }

  /** Runs the connection's hooks of that type (models call it after their own). */
  runHooks(hook: string, ...args: unknown[]): Promise<void> {
    return this.#hooks.run(hook as HookName, this, ...args);
  }

  /** The query interface, as Sequelize's `sequelize.queryInterface`. */
  get queryInterface(): QueryInterface<Relata> {
    return this.getQueryInterface();
  }

  /**
   * The database server's version, as Sequelize's `databaseVersion()` reports it
   * (`'16.4'`, `'10.11.6-MariaDB'`, `'3.45.1'`).
   */
  async databaseVersion(options: QueryRunOptions = {}): Promise<string> {
    const result = await this.execute<{ version: unknown }>(compileDatabaseVersion(this), options);
    return String(result.rows[0]?.version);
  }

  /** Sequelize's alias of `authenticate()`. */
  async validate(options: QueryRunOptions = {}): Promise<void> {
    await this.authenticate(options);
  }

  /** Empties every model's table (`Model.truncate` on each), as Sequelize's `sequelize.truncate()`. */
  async truncate(options: Record<string, unknown> = {}): Promise<void> {
    for (const model of Object.values(this.models)) await (model as unknown as { truncate(o: unknown): Promise<unknown> }).truncate(options);
  }

  /**
   * Creates a schema (PostgreSQL, SQL Server: `CREATE SCHEMA IF NOT EXISTS`; on the `mariadb` dialect
   * a database, as Sequelize's mariadb dialect). Where the dialect has no schemas (SQLite, `mysql`)
   * it does nothing, as in Sequelize.
   */
  async createSchema(schema: string, options: QueryRunOptions = {}): Promise<void> {
    if (this.hasSchemas()) await this.execute(compileCreateSchema(this, schema), options);
  }

  /**
   * Drops a schema and everything in it (`DROP SCHEMA IF EXISTS … CASCADE`; a database on the
   * `mariadb` dialect). Where the dialect has no schemas, Sequelize drops the table of that name; so
   * does relata.
   */
  async dropSchema(schema: string, options: QueryRunOptions = {}): Promise<void> {
    if (this.hasSchemas()) await this.execute(compileDropSchema(this, schema), options);
    else await this.getQueryInterface().dropTable(schema, options);
  }

  /**
   * The user schemas' names (not `public` nor the database's own; on the `mariadb` dialect every
   * database but MariaDB's own, as Sequelize lists them). Where the dialect has no schemas, the table
   * names, as Sequelize lists them there.
   */
  async showAllSchemas(options: QueryRunOptions = {}): Promise<string[]> {
    if (!this.hasSchemas()) return this.getQueryInterface().showAllTables(options);
    const result = await this.execute<{ schema_name: string }>(compileShowSchemas(this), options);
    return result.rows.map((row) => row.schema_name);
  }

  /**
   * Drops every user schema; where the dialect has none, every model's table (`drop()`), as in
   * Sequelize. On the `mariadb` dialect it never drops the connection's own database nor `sys`.
   */
  async dropAllSchemas(options: QueryRunOptions = {}): Promise<void> {
    if (!this.hasSchemas()) return this.drop(options);
    const keep = this.config.dialect === 'mariadb' ? new Set(['sys', this.config.database ?? '']) : new Set<string>();
    for (const schema of await this.showAllSchemas(options)) if (!keep.has(schema)) await this.dropSchema(schema, options);
  }

  /**
   * @internal Whether the dialect has schemas (PostgreSQL, SQL Server; databases on the `mariadb`
   * dialect, as Sequelize's): a model's schema qualifies its table there, and prefixes its name elsewhere.
   */
  hasSchemas(): boolean {
    return this.adapter.capabilities.schemas || this.config.dialect === 'mariadb';
  }

  /** @internal Counts statements that may have written; lazy-load batches older than a write are not reused. */
  get writeEpoch(): number {
    return this.#writeEpoch;
  }

  /** @internal Counts statements that may have changed the schema; what was read of the catalog before is read again. */
  get schemaEpoch(): number {
    return this.#schemaEpoch;
  }

  /** The transaction active in this async context, if any. */
  currentTransaction(): Transaction | undefined {
    return this.#als.getStore();
  }

  /**
   * Runs raw SQL. Values go in `replacements` (`?` / `:name`) or `bind` (`$1` / `$name`), and are
   * always sent as bound parameters, never spliced into the text.
   *
   * @example
   * await relata.query('SELECT * FROM "Users" WHERE name = :name', { replacements: { name: 'ada' }, type: QueryTypes.SELECT })
   */
  // Typed by `type`, as Sequelize's overloads are: SELECT gives rows (one row or null with `plain`),
  // with a `model` its instances, UPDATE/DELETE the affected count, INSERT/UPSERT `[rows or insert id, affected]`, no type `[rows, metadata]`.
  query<M extends Model>(sqlText: string, options: RawQueryModelOptions<M> & { plain: true }): Promise<M | null>;
  query<M extends Model>(sqlText: string, options: RawQueryModelOptions<M>): Promise<M[]>;
  query<T extends object = object>(sqlText: string, options: RawQueryOptions & { type: typeof QueryTypes.SELECT; plain: true }): Promise<T | null>;
  query<T extends object = object>(sqlText: string, options: RawQueryOptions & { type: typeof QueryTypes.SELECT }): Promise<T[]>;
  query(sqlText: string, options: RawQueryOptions & { type: typeof QueryTypes.SHOWTABLES | typeof QueryTypes.DESCRIBE }): Promise<Record<string, unknown>[]>;
  query(
    sqlText: string,
    options: RawQueryOptions & { type: typeof QueryTypes.UPDATE | typeof QueryTypes.BULKUPDATE | typeof QueryTypes.DELETE | typeof QueryTypes.BULKDELETE },
  ): Promise<number>;
  query(sqlText: string, options: RawQueryOptions & { type: typeof QueryTypes.INSERT | typeof QueryTypes.UPSERT }): Promise<[unknown, number]>;
  query<T extends object = { [key: string]: unknown }>(sqlText: string, options: RawQueryOptions & { type?: undefined; plain: true }): Promise<T | null>;
  query(sqlText: string, options?: RawQueryOptions & { type?: typeof QueryTypes.RAW | undefined; plain?: false | undefined }): Promise<[unknown[], unknown]>;
  query(sqlText: string, options?: RawQueryOptions): Promise<unknown>;
  async query(sqlText: string, options: RawQueryOptions = {}): Promise<unknown> {
    KNOWN_OPTIONS.query.assert(options, this.#owner, 'query');
    const compiled = compileRawQuery(this, sqlText, options);
    const result = await this.execute(compiled, options);
    const rows = result.rows as Record<string, unknown>[];
    const affected = result.numAffectedRows === undefined ? undefined : Number(result.numAffectedRows);
    // As in Sequelize, `model`, `nest` or `plain` without a type read the statement as a SELECT.
    switch (options.type ?? (options.model || options.nest || options.plain ? QueryTypes.SELECT : undefined)) {
      case QueryTypes.SELECT: {
        const shaped = shapeRawRows(rows, options);
        return options.plain ? (shaped[0] ?? null) : shaped;
      }
      case QueryTypes.SHOWTABLES:
      case QueryTypes.DESCRIBE:
        return options.plain ? (rows[0] ?? null) : rows;
      case QueryTypes.UPDATE:
      case QueryTypes.BULKUPDATE:
      case QueryTypes.DELETE:
      case QueryTypes.BULKDELETE:
        return affected ?? rows.length;
      case QueryTypes.INSERT:
      case QueryTypes.UPSERT:
        return [rows.length > 0 ? rows : result.insertId === undefined ? undefined : Number(result.insertId), affected ?? rows.length];
      default:
        return [rows, { rowCount: affected ?? rows.length, insertId: result.insertId === undefined ? undefined : Number(result.insertId) }];
    }
  }

  /**
   * Executes a compiled query on the right connection (the given or active transaction, else the
   * pool), logs it, and translates driver errors.
   * @internal
   */
  async execute<R = Record<string, unknown>>(compiled: CompiledQuery, options: QueryRunOptions = {}): Promise<QueryResult<R>> {
    const t = options.transaction === undefined ? this.#als.getStore() : (options.transaction ?? undefined);
    const adapter = this.adapter;
    const template = compiled.parameters;
    const parameters = new Array<unknown>(template.length);
    for (let i = 0; i < template.length; i++) parameters[i] = adapter.bindValue(template[i]);
    const read = compiled.query.kind === 'SelectQueryNode';
    if (!read) {
      this.#writeEpoch++;
      if (mayChangeSchema(compiled)) this.#schemaEpoch++;
    }
    const configured = options.logging ?? this.options.logging;
    const logging = configured === undefined || configured === true ? logToConsole : configured;
    const started = typeof logging === 'function' ? performance.now() : 0;
    try {
      // A read outside any transaction goes straight to the driver when it is open (see readNow).
      if (read && t === undefined && !this.#closed && adapter.readNow !== undefined) {
        try {
          const direct = adapter.readNow(compiled.sql, parameters);
          if (direct !== undefined) return (direct instanceof Promise ? await direct : direct) as QueryResult<R>;
        } catch (error) {
          if (error instanceof BaseError) throw error;
          throw adapter.translateError(error, { sql: compiled.sql, parameters });
        }
      }
      const query: CompiledQuery = { ...compiled, parameters };
      const executor = t ? t.executor : this.kysely;
      return await this.#guard(() => executor.executeQuery(query) as Promise<QueryResult<R>>, query);
    } finally {
      if (typeof logging === 'function') logging(`Executing (${t?.id ?? 'default'}): ${compiled.sql}`, performance.now() - started);
    }
  }

  async #guard<T>(run: () => Promise<T>, query: CompiledQuery | undefined): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof BaseError) throw error;
      throw this.adapter.translateError(error, query && { sql: query.sql, parameters: query.parameters });
    }
  }
}

const DML_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

/**
 * Whether a statement that is not a read may change the schema: DDL, or raw SQL that does not
 * start as a data or session statement does.
 */
function mayChangeSchema(compiled: CompiledQuery): boolean {
  const kind = compiled.query.kind;
  if (DML_NODES.has(kind)) return false;
  return kind !== 'RawNode' || !NOT_DDL.test(compiled.sql);
}

const NOT_DDL = /^\s*(?:insert|update|delete|merge|with|select|values|table|begin|start|commit|end|rollback|abort|savepoint|release|set|reset|show|lock|copy|truncate|explain|analyze|call|notify|listen|unlisten|prepare|execute|deallocate|declare|fetch|move|close|discard|checkpoint|pragma)\b/i;

/** Checks `options.retry`: only a managed, outermost transaction can be run again. */
function retryPolicy(options: TransactionOptions, nested: boolean, managed: boolean): { max: number; backoff: number } {
  const retry = options.retry;
  if (retry === undefined) return { max: 0, backoff: 0 };
  const where = 'relata.transaction()';
  if (retry === null || typeof retry !== 'object') throw InvalidOptionError.expected(where, 'retry', '{ max, backoff? }', retry);
  if (!Number.isSafeInteger(retry.max) || retry.max < 0) throw InvalidOptionError.expected(where, 'retry.max', 'a non-negative integer', retry.max);
  const backoff = retry.backoff ?? DEFAULT_RETRY_BACKOFF_MS;
  if (typeof backoff !== 'number' || !Number.isFinite(backoff) || backoff < 0) throw InvalidOptionError.expected(where, 'retry.backoff', 'a non-negative number of milliseconds', backoff);
  if (!managed) {
    throw new InvalidOptionError(`${where}: retry needs a callback to run again; pass relata.transaction({ retry }, async (t) => { … })`);
  }
  if (nested) {
    throw new InvalidOptionError(
      `${where}: retry only applies to the outermost transaction (a deadlock or serialization failure aborts all of it, not just a savepoint); set retry on the outer relata.transaction()`,
    );
  }
  return { max: retry.max, backoff };
}

/** The class's type with its Sequelize statics (below), for the names that return the class. */
type RelataClass = typeof Relata;
/** The values sequelize-statics.ts assigns, by name. */
type S = typeof Statics.CLASS_STATICS;
/**
 * `Op`'s type, named outside the namespace below: there, a bundled declaration's `typeof Op` would
 * name the namespace's own `Op` and refer to itself.
 */
type OpStatic = typeof Operators.Op;

// The class-level names src/sequelize-statics.ts assigns onto the class when the package loads
// (Sequelize's `Sequelize.fn`, `Sequelize.STRING`, `Sequelize.Op`, `Sequelize.ValidationError`,
// `Sequelize.beforeSave(fn)`…), typed here so `Relata.fn(…)` compiles as `Sequelize.fn(…)` does.
// Declarations only: the values are those of sequelize-statics.ts.
export declare namespace Relata {
  const fn: S['fn'], col: S['col'], cast: S['cast'], literal: S['literal'],
    where: S['where'], and: S['and'], or: S['or'], json: S['json'];
  const Utils: S['Utils'], Op: OpStatic, Transaction: S['Transaction'], QueryTypes: S['QueryTypes'],
    Validator: S['Validator'], Model: S['Model'], QueryInterface: S['QueryInterface'],
    Deferrable: S['Deferrable'], Association: S['Association'], BelongsTo: S['BelongsTo'],
    HasOne: S['HasOne'], HasMany: S['HasMany'],
    BelongsToMany: S['BelongsToMany'];
  const DataTypes: S['DataTypes'], ABSTRACT: S['ABSTRACT'];
  const STRING: S['STRING'], CHAR: S['CHAR'], TEXT: S['TEXT'],
    CITEXT: S['CITEXT'], INTEGER: S['INTEGER'], BIGINT: S['BIGINT'],
    SMALLINT: S['SMALLINT'], TINYINT: S['TINYINT'], MEDIUMINT: S['MEDIUMINT'],
    FLOAT: S['FLOAT'], REAL: S['REAL'], DOUBLE: S['DOUBLE'],
    DECIMAL: S['DECIMAL'], BOOLEAN: S['BOOLEAN'], DATE: S['DATE'],
    DATEONLY: S['DATEONLY'], TIME: S['TIME'], NOW: S['NOW'],
    UUID: S['UUID'], UUIDV4: S['UUIDV4'], UUIDV1: S['UUIDV1'],
    JSON: S['JSON'], JSONB: S['JSONB'], ENUM: S['ENUM'],
    BLOB: S['BLOB'], VIRTUAL: S['VIRTUAL'], NUMBER: S['NUMBER'], ARRAY: S['ARRAY'], CIDR: S['CIDR'], INET: S['INET'],
    MACADDR: S['MACADDR'], TSVECTOR: S['TSVECTOR'];
  const Error: S['Error'], BaseError: S['BaseError'],
    AccessDeniedError: S['AccessDeniedError'],
    AggregateError: S['AggregateError'],
    AssociationError: S['AssociationError'],
    AsyncQueueError: S['AsyncQueueError'],
    BulkRecordError: S['BulkRecordError'],
    ConnectionAcquireTimeoutError: S['ConnectionAcquireTimeoutError'],
    ConnectionError: S['ConnectionError'],
    ConnectionRefusedError: S['ConnectionRefusedError'],
    ConnectionTimedOutError: S['ConnectionTimedOutError'],
    DatabaseError: S['DatabaseError'],
    EagerLoadingError: S['EagerLoadingError'],
    EmptyResultError: S['EmptyResultError'],
    ExclusionConstraintError: S['ExclusionConstraintError'],
    ForeignKeyConstraintError: S['ForeignKeyConstraintError'],
    HostNotFoundError: S['HostNotFoundError'],
    HostNotReachableError: S['HostNotReachableError'],
    InstanceError: S['InstanceError'],
    InvalidConnectionError: S['InvalidConnectionError'],
    OptimisticLockError: S['OptimisticLockError'],
    QueryError: S['QueryError'],
    SequelizeScopeError: S['SequelizeScopeError'],
    TimeoutError: S['TimeoutError'],
    UniqueConstraintError: S['UniqueConstraintError'],
    UnknownConstraintError: S['UnknownConstraintError'],
    ValidationError: S['ValidationError'],
    ValidationErrorItem: S['ValidationErrorItem'],
    ValidationErrorItemOrigin: S['ValidationErrorItemOrigin'],
    ValidationErrorItemType: S['ValidationErrorItemType'];
  const Sequelize: RelataClass, Relata: RelataClass;
  const beforeValidate: HookShorthand<'beforeValidate', RelataClass>, afterValidate: HookShorthand<'afterValidate', RelataClass>,
    validationFailed: HookShorthand<'validationFailed', RelataClass>, beforeCreate: HookShorthand<'beforeCreate', RelataClass>,
    afterCreate: HookShorthand<'afterCreate', RelataClass>, beforeDestroy: HookShorthand<'beforeDestroy', RelataClass>,
    afterDestroy: HookShorthand<'afterDestroy', RelataClass>, beforeRestore: HookShorthand<'beforeRestore', RelataClass>,
    afterRestore: HookShorthand<'afterRestore', RelataClass>, beforeUpdate: HookShorthand<'beforeUpdate', RelataClass>,
    afterUpdate: HookShorthand<'afterUpdate', RelataClass>, beforeSave: HookShorthand<'beforeSave', RelataClass>,
    afterSave: HookShorthand<'afterSave', RelataClass>, beforeUpsert: HookShorthand<'beforeUpsert', RelataClass>,
    afterUpsert: HookShorthand<'afterUpsert', RelataClass>, beforeBulkCreate: HookShorthand<'beforeBulkCreate', RelataClass>,
    afterBulkCreate: HookShorthand<'afterBulkCreate', RelataClass>,
    beforeBulkDestroy: HookShorthand<'beforeBulkDestroy', RelataClass>,
    afterBulkDestroy: HookShorthand<'afterBulkDestroy', RelataClass>,
    beforeBulkRestore: HookShorthand<'beforeBulkRestore', RelataClass>,
    afterBulkRestore: HookShorthand<'afterBulkRestore', RelataClass>,
    beforeBulkUpdate: HookShorthand<'beforeBulkUpdate', RelataClass>,
    afterBulkUpdate: HookShorthand<'afterBulkUpdate', RelataClass>, beforeFind: HookShorthand<'beforeFind', RelataClass>,
    beforeFindAfterExpandIncludeAll: HookShorthand<'beforeFindAfterExpandIncludeAll', RelataClass>,
    beforeFindAfterOptions: HookShorthand<'beforeFindAfterOptions', RelataClass>,
    afterFind: HookShorthand<'afterFind', RelataClass>, beforeCount: HookShorthand<'beforeCount', RelataClass>,
    beforeAssociate: HookShorthand<'beforeAssociate', RelataClass>, afterAssociate: HookShorthand<'afterAssociate', RelataClass>,
    beforeSync: HookShorthand<'beforeSync', RelataClass>, afterSync: HookShorthand<'afterSync', RelataClass>,
    beforeBulkSync: HookShorthand<'beforeBulkSync', RelataClass>, afterBulkSync: HookShorthand<'afterBulkSync', RelataClass>,
    beforeQuery: HookShorthand<'beforeQuery', RelataClass>, afterQuery: HookShorthand<'afterQuery', RelataClass>,
    beforeDefine: HookShorthand<'beforeDefine', RelataClass>, afterDefine: HookShorthand<'afterDefine', RelataClass>,
    beforeInit: HookShorthand<'beforeInit', RelataClass>, afterInit: HookShorthand<'afterInit', RelataClass>,
    beforeConnect: HookShorthand<'beforeConnect', RelataClass>, afterConnect: HookShorthand<'afterConnect', RelataClass>,
    beforeDisconnect: HookShorthand<'beforeDisconnect', RelataClass>,
    afterDisconnect: HookShorthand<'afterDisconnect', RelataClass>,
    beforePoolAcquire: HookShorthand<'beforePoolAcquire', RelataClass>,
    afterPoolAcquire: HookShorthand<'afterPoolAcquire', RelataClass>;

  /**
   * Registers a hook for every connection (`Sequelize.addHook('beforeDefine', fn)`), optionally
   * named for `removeHook`. Returns the class.
   */
  function addHook<K extends keyof SequelizeHooks>(hook: K, fn: SequelizeHooks[K]): RelataClass;
  function addHook<K extends keyof SequelizeHooks>(hook: K, name: string, fn: SequelizeHooks[K]): RelataClass;
  /** Removes a class-level hook by name or function. Returns the class. */
  function removeHook<K extends keyof SequelizeHooks>(hook: K, nameOrFn: string | SequelizeHooks[K]): RelataClass;
  /** True when class-level hooks of that type are registered. */
  function hasHook(hook: keyof SequelizeHooks): boolean;
  /** Sequelize's alias of `hasHook`. */
  function hasHooks(hook: keyof SequelizeHooks): boolean;
  /** Runs the class-level hooks of one type with the given arguments. */
  function runHooks(hook: keyof SequelizeHooks, ...args: unknown[]): Promise<void>;
  /**
   * Sequelize's switch for passing the managed transaction through continuation-local storage.
   * relata always does (through `AsyncLocalStorage`), so the namespace is accepted and unused.
   */
  function useCLS(namespace: object): RelataClass;
}

// The connection's hook shorthands (`relata.beforeCreate(fn)`) and prototype names
// (`relata.QueryTypes`, `relata.Validator`), assigned by src/sequelize-statics.ts.
export interface Relata extends HookShorthands<Relata> {
  readonly QueryTypes: S['QueryTypes'];
  readonly Validator: S['Validator'];
  readonly Association: S['Association'];
}
