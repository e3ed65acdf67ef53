import { InvalidOptionError, Relata, UnsupportedError, type RelataOptions } from '../index.js';
import { QUERY_BUILDER, type EntityTarget } from './context.js';
import { EntityManager } from './entity-manager.js';
import { entityClasses } from './entity-schema.js';
import type { Repository } from './repository.js';

/** The database types relata serves, by TypeORM's names. */
export type DataSourceType = 'postgres' | 'mysql' | 'mariadb' | 'sqlite' | 'better-sqlite3';

/** TypeORM's isolation level names, as `transaction('SERIALIZABLE', fn)` takes them. */
export type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * TypeORM's `DataSourceOptions`, for the database types relata serves. `entities` lists entity
 * classes (or paths and globs of their files, as relata's `addModels()` takes them).
 */
export interface DataSourceOptions {
  type: DataSourceType;
  url?: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  /** The database name; for SQLite, the file (`':memory:'` when left out). */
  database?: string;
  /**
   * PostgreSQL: the schema the entities' tables live in (the connection's `search_path`); created on
   * `initialize()` with `synchronize` when missing, as TypeORM's does.
   */
  schema?: string;
  entities?: readonly (EntityTarget<unknown> | string)[];
  /** Creates missing tables and columns on `initialize()`, as TypeORM's does (never in production). */
  synchronize?: boolean;
  /** Drops every entity's table on `initialize()`, before `synchronize`. */
  dropSchema?: boolean;
  /** `true` or `'all'` logs every statement; an array logs them when it holds `'query'`. */
  logging?: boolean | 'all' | readonly ('query' | 'schema' | 'error' | 'warn' | 'info' | 'log' | 'migration')[];
  /**
   * Where logged statements go: a TypeORM `Logger`-like object (its `logQuery(sql)` receives each
   * statement); the console when left out.
   */
  logger?: { logQuery(query: string, parameters?: unknown[]): unknown };
  /** The pool's maximum size. */
  poolSize?: number;
  /** Passed to the driver, as TypeORM's `extra`. */
  extra?: Record<string, unknown>;
  /** A name for the data source (NestJS's `TypeOrmModule` uses it to tell connections apart). */
  name?: string;
  /**
   * How relations load: `'join'` and `'query'` are TypeORM's names; relata maps them to its
   * planner (`'join'` lets relata choose per dialect, `'query'` batches one query per level).
   */
  relationLoadStrategy?: 'join' | 'query';
  /**
   * TypeORM-format migration files are not run by relata (its own migrations and CLI are:
   * `relata db:migrate`, `Migrator`); listing them is allowed, `migrationsRun: true` is an error.
   */
  migrations?: readonly unknown[];
  migrationsRun?: boolean;
  migrationsTableName?: string;
  /** Entity subscribers are not part of relata: a non-empty list is an error (use relata's model hooks). */
  subscribers?: readonly unknown[];
  /** Not supported (an error at initialize()): relata takes table and column names from the entities. */
  namingStrategy?: unknown;
  /** Not supported (an error at initialize()): name the tables with `@Entity(name)`. */
  entityPrefix?: string;
  /**
   * relata refuses null and undefined where values, TypeORM 1's default (`'throw'`); another
   * behaviour is an error at initialize() rather than a query that acts otherwise than asked.
   */
  invalidWhereValuesBehavior?: { null?: 'ignore' | 'sql-null' | 'throw'; undefined?: 'ignore' | 'throw' };
}

/** Options that would make queries act otherwise than relata runs them: refused before connecting. */
function refuseUnsupportedOptions(options: DataSourceOptions): void {
  if (options.namingStrategy !== undefined) {
    throw new UnsupportedError('DataSource option namingStrategy', "relata names tables and columns from the entities: give the names with @Entity('table'), @Column({ name }), @JoinColumn({ name }) and @JoinTable({ name })");
  }
  if (options.entityPrefix !== undefined && options.entityPrefix !== '') {
    throw new UnsupportedError(`DataSource option entityPrefix: ${JSON.stringify(options.entityPrefix)}`, "name each table with @Entity('prefix_table')");
  }
  const behavior = options.invalidWhereValuesBehavior;
  if (behavior !== undefined && ((behavior.null ?? 'throw') !== 'throw' || (behavior.undefined ?? 'throw') !== 'throw')) {
    throw new UnsupportedError(
      `DataSource option invalidWhereValuesBehavior: ${JSON.stringify(behavior)}`,
      "relata refuses null and undefined where values (TypeORM 1's default, 'throw'): match NULL with IsNull(), and leave out properties that have no value",
    );
  }
}

const MIGRATIONS = "relata does not run TypeORM-format migrations; write relata migrations (sequelize-cli format) and run them with `npx relata db:migrate` or the Migrator class";

const DIALECTS: Record<DataSourceType, NonNullable<RelataOptions['dialect']>> = {
  postgres: 'postgres',
  mysql: 'mysql',
  mariadb: 'mariadb',
  sqlite: 'sqlite',
  'better-sqlite3': 'sqlite',
};

function loggingOf(logging: DataSourceOptions['logging'], logger: DataSourceOptions['logger']): NonNullable<RelataOptions['logging']> {
  const enabled = logging === true || logging === 'all' || (Array.isArray(logging) && logging.includes('query'));
  if (!enabled) return false;
  if (logger !== undefined && typeof logger.logQuery === 'function') {
    return (sql: string) => void logger.logQuery(String(sql).replace(/^Executing \([^)]*\):\s*/, ''));
  }
  return console.log;
}

function relataOptions(options: DataSourceOptions): RelataOptions {
  const dialect = DIALECTS[options.type];
  if (dialect === undefined) {
    throw InvalidOptionError.expected('new DataSource()', 'type', `one of ${Object.keys(DIALECTS).map((t) => JSON.stringify(t)).join(', ')}`, options.type);
  }
  const relataOptions: RelataOptions = { dialect, logging: loggingOf(options.logging, options.logger) };
  if (dialect === 'sqlite') relataOptions.storage = options.database ?? ':memory:';
  else {
    if (options.host !== undefined) relataOptions.host = options.host;
    if (options.port !== undefined) relataOptions.port = options.port;
    if (options.username !== undefined) relataOptions.username = options.username;
    if (options.password !== undefined) relataOptions.password = options.password;
    if (options.database !== undefined) relataOptions.database = options.database;
  }
  if (options.poolSize !== undefined) relataOptions.pool = { max: options.poolSize };
  if (options.extra !== undefined) relataOptions.dialectOptions = options.extra;
  if (options.schema !== undefined) {
    if (dialect !== 'postgres') throw InvalidOptionError.expected('new DataSource()', 'schema', `left out for type ${JSON.stringify(options.type)} (schemas are PostgreSQL's; name the database with \`database\`)`, options.schema);
    if (typeof options.schema !== 'string' || options.schema === '') throw InvalidOptionError.expected('new DataSource()', 'schema', 'a schema name', options.schema);
    // search_path takes an identifier list; a quoted identifier keeps any name one schema.
    const searchPath = `"${options.schema.replaceAll('"', '""')}"`;
    relataOptions.dialectOptions = { ...relataOptions.dialectOptions, options: `-c search_path=${searchPath}` };
  }
  if (options.relationLoadStrategy === 'query') relataOptions.includeStrategy = 'batched';
  return relataOptions;
}

/**
 * Which export of an entity file found by a glob is its entity: the one named as the file
 * (`User.ts`), or as the file's first part in TypeORM's naming (`user.entity.ts`,
 * `blog-post.entity.ts` → `BlogPost`). One entity per file.
 */
function entityFileMatch(file: string, member: string): boolean {
  const simple = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return file === member || simple(file.split('.')[0] ?? file) === simple(member);
}

/**
 * TypeORM's `DataSource` over relata's engine: `initialize()` opens the connection and registers
 * the entities as relata models; repositories and the manager run on it.
 *
 * @example
 * const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [User, Post], synchronize: true })
 * await dataSource.initialize()
 * const users = await dataSource.getRepository(User).find({ relations: { posts: true } })
 */
export class DataSource {
  readonly options: DataSourceOptions;
  /** The EntityManager outside any transaction. */
  readonly manager: EntityManager;
  #relata: Relata | undefined;

  constructor(options: DataSourceOptions) {
    if (options === null || typeof options !== 'object') throw InvalidOptionError.expected('new DataSource()', 'options', 'an object with type, database and entities', options);
    this.options = options;
    relataOptions(options); // validates the type before anything connects
    this.manager = new EntityManager(this, undefined);
  }

  get isInitialized(): boolean {
    return this.#relata !== undefined;
  }

  /**
   * The relata connection underneath, for what TypeORM's API does not cover (`relata.query`,
   * migrations). Throws before `initialize()`.
   */
  get relata(): Relata {
    if (this.#relata === undefined) {
      throw new InvalidOptionError(`DataSource${this.options.name === undefined ? '' : ` ${JSON.stringify(this.options.name)}`} is not initialized: await dataSource.initialize() first`);
    }
    return this.#relata;
  }

  async initialize(): Promise<this> {
    if (this.#relata !== undefined) throw new InvalidOptionError('DataSource.initialize(): this data source is already initialized');
    refuseUnsupportedOptions(this.options);
    const options = relataOptions(this.options);
    const relata = this.options.url === undefined ? new Relata(options) : new Relata(this.options.url, options);
    if (this.options.migrationsRun === true) throw new UnsupportedError('DataSource option migrationsRun: true', MIGRATIONS);
    if (this.options.subscribers !== undefined && this.options.subscribers.length > 0) {
      throw new UnsupportedError('DataSource option subscribers', "relata has no entity subscribers; declare hooks on the entity's model (asModel(User).addHook('beforeCreate', …)) instead");
    }
    try {
      relata.addModels(entityClasses(this.options.entities ?? []) as never, entityFileMatch);
      await relata.authenticate();
      if (this.options.schema !== undefined && (this.options.synchronize === true || this.options.dropSchema === true)) await relata.createSchema(this.options.schema);
      if (this.options.dropSchema === true) await relata.drop();
      if (this.options.synchronize === true || this.options.dropSchema === true) await relata.sync();
    } catch (error) {
      await relata.close().catch(() => undefined);
      throw error;
    }
    this.#relata = relata;
    return this;
  }

  async destroy(): Promise<void> {
    const relata = this.#relata;
    this.#relata = undefined;
    await relata?.close();
  }

  /** Creates missing tables and columns for every entity; with `true`, drops them first. */
  async synchronize(dropBeforeSync = false): Promise<void> {
    if (dropBeforeSync) await this.relata.drop();
    await this.relata.sync();
  }

  /** Drops every entity's table. */
  async dropDatabase(): Promise<void> {
    await this.relata.drop();
  }

  /**
   * The entity's repository. As in TypeORM, it may be taken before `initialize()` (NestJS's
   * `manualInitialization` does); its operations fail until the data source is initialized.
   */
  getRepository<E extends object>(target: EntityTarget<E>): Repository<E> {
    return this.manager.getRepository(target);
  }

  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T>;
  transaction<T>(isolationLevel: IsolationLevel, fn: (manager: EntityManager) => Promise<T>): Promise<T>;
  transaction<T>(levelOrFn: IsolationLevel | ((manager: EntityManager) => Promise<T>), maybeFn?: (manager: EntityManager) => Promise<T>): Promise<T> {
    return typeof levelOrFn === 'function' ? this.manager.transaction(levelOrFn) : this.manager.transaction(levelOrFn, maybeFn as (manager: EntityManager) => Promise<T>);
  }

  /** Runs SQL as written, with `params` bound by the driver (`$1` on PostgreSQL, `?` elsewhere). */
  query<T = unknown>(sql: string, params?: readonly unknown[]): Promise<T> {
    return this.manager.query<T>(sql, params);
  }

  // ------------------------------------------------------------------ out of scope

  /** TypeORM-format migrations are not run by relata: throws an `UnsupportedError` naming relata's migrations. */
  runMigrations(_options?: object): never {
    throw new UnsupportedError('dataSource.runMigrations()', MIGRATIONS);
  }

  /** See `runMigrations`. */
  undoLastMigration(_options?: object): never {
    throw new UnsupportedError('dataSource.undoLastMigration()', MIGRATIONS);
  }

  /** See `runMigrations`. */
  showMigrations(): never {
    throw new UnsupportedError('dataSource.showMigrations()', MIGRATIONS);
  }

  /** TypeORM's QueryBuilder is not part of relata: throws an `UnsupportedError` naming what to use. */
  createQueryBuilder(..._args: unknown[]): never {
    throw new UnsupportedError('dataSource.createQueryBuilder()', QUERY_BUILDER);
  }

  /** Query runners are not part of relata: throws an `UnsupportedError` naming what to use. */
  createQueryRunner(): never {
    throw new UnsupportedError('dataSource.createQueryRunner()', 'use dataSource.transaction(async (manager) => …) for transactions and dataSource.query(sql, params) for SQL');
  }

  /** Tree entities are not part of relata: see `manager.getTreeRepository`. */
  getTreeRepository(target: EntityTarget<unknown>): never {
    return this.manager.getTreeRepository(target);
  }
}
