import { InvalidOptionError, UnsupportedError, type Relata, type Transaction, type TransactionOptions } from '../index.js';
import { modelOf, QUERY_BUILDER, type EntityTarget, type RepositoryContext, targetName } from './context.js';
import type { DataSource, IsolationLevel } from './data-source.js';
import type { FindManyOptions, FindOneOptions, FindOptionsRelations, FindOptionsSelect, FindOptionsWhere, FindResult } from './find-options.js';
import type { Criteria, DeleteResult, InsertResult, RemoveOptions, SaveOptions, UpdateResult, UpsertOptions } from './persist.js';
import { Repository, type DeepPartial } from './repository.js';
import { runQuery } from './run-query.js';

/**
 * TypeORM's `EntityManager`: repositories for every entity, and the same operations taking the
 * entity class first (`manager.find(User, options)`). A manager from `transaction()` runs every
 * statement in that transaction.
 */
export class EntityManager {
  readonly connection: DataSource;
  readonly #transaction: Transaction | undefined;
  readonly #repositories = new Map<EntityTarget<unknown>, Repository<object>>();

  constructor(dataSource: DataSource, transaction: Transaction | undefined) {
    this.connection = dataSource;
    this.#transaction = transaction;
  }

  /** TypeORM 0.3's name for `connection`. */
  get dataSource(): DataSource {
    return this.connection;
  }

  /** The transaction this manager's statements run in (`undefined` outside `transaction()`). */
  get queryTransaction(): Transaction | undefined {
    return this.#transaction;
  }

  /** @internal what a repository of `target` runs with. */
  contextOf(target: EntityTarget<unknown>): RepositoryContext {
    const relata: Relata = this.connection.relata;
    return { relata, model: modelOf(relata, target), transaction: this.#transaction };
  }

  getRepository<E extends object>(target: EntityTarget<E>): Repository<E> {
    let repository = this.#repositories.get(target);
    if (repository === undefined) {
      repository = new Repository<object>(target as EntityTarget<object>, this);
      this.#repositories.set(target, repository);
    }
    return repository as Repository<E>;
  }

  // ------------------------------------------------------------------ reads (the repository's, by entity class)

  find<E extends object, const R extends FindOptionsRelations<E> | undefined = undefined, const S extends FindOptionsSelect<E> | undefined = undefined>(target: EntityTarget<E>, options?: FindManyOptions<E> & { relations?: R; select?: S }): Promise<FindResult<E, R, S>[]> {
    return this.getRepository(target).find<R, S>(options);
  }

  findBy<E extends object>(target: EntityTarget<E>, where: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[]): Promise<E[]> {
    return this.getRepository(target).findBy(where);
  }

  findOne<E extends object, const R extends FindOptionsRelations<E> | undefined = undefined, const S extends FindOptionsSelect<E> | undefined = undefined>(target: EntityTarget<E>, options: FindOneOptions<E> & { relations?: R; select?: S }): Promise<FindResult<E, R, S> | null> {
    return this.getRepository(target).findOne<R, S>(options);
  }

  findOneBy<E extends object>(target: EntityTarget<E>, where: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[]): Promise<E | null> {
    return this.getRepository(target).findOneBy(where);
  }

  findOneOrFail<E extends object, const R extends FindOptionsRelations<E> | undefined = undefined, const S extends FindOptionsSelect<E> | undefined = undefined>(target: EntityTarget<E>, options: FindOneOptions<E> & { relations?: R; select?: S }): Promise<FindResult<E, R, S>> {
    return this.getRepository(target).findOneOrFail<R, S>(options);
  }

  findOneByOrFail<E extends object>(target: EntityTarget<E>, where: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[]): Promise<E> {
    return this.getRepository(target).findOneByOrFail(where);
  }

  findAndCount<E extends object, const R extends FindOptionsRelations<E> | undefined = undefined, const S extends FindOptionsSelect<E> | undefined = undefined>(target: EntityTarget<E>, options?: FindManyOptions<E> & { relations?: R; select?: S }): Promise<[FindResult<E, R, S>[], number]> {
    return this.getRepository(target).findAndCount<R, S>(options);
  }

  findAndCountBy<E extends object>(target: EntityTarget<E>, where: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[]): Promise<[E[], number]> {
    return this.getRepository(target).findAndCountBy(where);
  }

  count<E extends object>(target: EntityTarget<E>, options?: FindManyOptions<E>): Promise<number> {
    return this.getRepository(target).count(options);
  }

  countBy<E extends object>(target: EntityTarget<E>, where: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[]): Promise<number> {
    return this.getRepository(target).countBy(where);
  }

  exists<E extends object>(target: EntityTarget<E>, options?: FindManyOptions<E>): Promise<boolean> {
    return this.getRepository(target).exists(options);
  }

  existsBy<E extends object>(target: EntityTarget<E>, where: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[]): Promise<boolean> {
    return this.getRepository(target).existsBy(where);
  }

  // ------------------------------------------------------------------ writes (the repository's, by entity class or by the entity itself)

  create<E extends object>(target: EntityTarget<E>, plain?: DeepPartial<E>): E {
    return this.getRepository(target).create(plain ?? ({} as DeepPartial<E>));
  }

  merge<E extends object>(target: EntityTarget<E>, entity: E, ...plains: DeepPartial<E>[]): E {
    return this.getRepository(target).merge(entity, ...plains);
  }

  preload<E extends object>(target: EntityTarget<E>, plain: DeepPartial<E>): Promise<E | undefined> {
    return this.getRepository(target).preload(plain);
  }

  /** `manager.save(entity)` (an entity instance names its class) or `manager.save(User, plain)`. */
  save<E extends object>(entity: E, options?: SaveOptions): Promise<E>;
  save<E extends object>(entities: E[], options?: SaveOptions): Promise<E[]>;
  save<E extends object, T extends DeepPartial<E>>(target: EntityTarget<E>, entity: T, options?: SaveOptions): Promise<T & E>;
  save<E extends object, T extends DeepPartial<E>>(target: EntityTarget<E>, entities: T[], options?: SaveOptions): Promise<(T & E)[]>;
  save(first: unknown, second?: unknown, third?: unknown): Promise<unknown> {
    return this.#byEntity('save', first, second, third);
  }

  /** `manager.remove(entity)` or `manager.remove(User, entity)`. */
  remove<E extends object>(entity: E, options?: RemoveOptions): Promise<E>;
  remove<E extends object>(entities: E[], options?: RemoveOptions): Promise<E[]>;
  remove<E extends object>(target: EntityTarget<E>, entityOrEntities: E | E[], options?: RemoveOptions): Promise<E | E[]>;
  remove(first: unknown, second?: unknown, third?: unknown): Promise<unknown> {
    return this.#byEntity('remove', first, second, third);
  }

  softRemove<E extends object>(entity: E, options?: SaveOptions): Promise<E>;
  softRemove<E extends object>(entities: E[], options?: SaveOptions): Promise<E[]>;
  softRemove<E extends object>(target: EntityTarget<E>, entityOrEntities: E | E[], options?: SaveOptions): Promise<E | E[]>;
  softRemove(first: unknown, second?: unknown, third?: unknown): Promise<unknown> {
    return this.#byEntity('softRemove', first, second, third);
  }

  recover<E extends object>(entity: E, options?: SaveOptions): Promise<E>;
  recover<E extends object>(entities: E[], options?: SaveOptions): Promise<E[]>;
  recover<E extends object>(target: EntityTarget<E>, entityOrEntities: E | E[], options?: SaveOptions): Promise<E | E[]>;
  recover(first: unknown, second?: unknown, third?: unknown): Promise<unknown> {
    return this.#byEntity('recover', first, second, third);
  }

  /** `manager.save(User, entities, options)` or `manager.save(entities, options)`, the class taken from the entities. */
  #byEntity(method: 'save' | 'remove' | 'softRemove' | 'recover', first: unknown, second: unknown, third: unknown): Promise<unknown> {
    const [target, entities, options] = typeof first === 'function' ? [first as EntityTarget<object>, second, third] : [targetOfEntities(first, method), first, second];
    const repository = this.getRepository(target) as unknown as Record<typeof method, (entities: unknown, options: unknown) => Promise<unknown>>;
    return repository[method](entities, options);
  }

  insert<E extends object>(target: EntityTarget<E>, values: DeepPartial<E> | DeepPartial<E>[]): Promise<InsertResult> {
    return this.getRepository(target).insert(values);
  }

  update<E extends object>(target: EntityTarget<E>, criteria: Criteria<E>, values: DeepPartial<E>): Promise<UpdateResult> {
    return this.getRepository(target).update(criteria, values);
  }

  updateAll<E extends object>(target: EntityTarget<E>, values: DeepPartial<E>): Promise<UpdateResult> {
    return this.getRepository(target).updateAll(values);
  }

  upsert<E extends object>(target: EntityTarget<E>, values: DeepPartial<E> | DeepPartial<E>[], options: UpsertOptions<E>): Promise<InsertResult> {
    return this.getRepository(target).upsert(values, options);
  }

  delete<E extends object>(target: EntityTarget<E>, criteria: Criteria<E>): Promise<DeleteResult> {
    return this.getRepository(target).delete(criteria);
  }

  deleteAll<E extends object>(target: EntityTarget<E>): Promise<DeleteResult> {
    return this.getRepository(target).deleteAll();
  }

  softDelete<E extends object>(target: EntityTarget<E>, criteria: Criteria<E>): Promise<UpdateResult> {
    return this.getRepository(target).softDelete(criteria);
  }

  restore<E extends object>(target: EntityTarget<E>, criteria: Criteria<E>): Promise<UpdateResult> {
    return this.getRepository(target).restore(criteria);
  }

  increment<E extends object>(target: EntityTarget<E>, conditions: FindOptionsWhere<E>, propertyPath: keyof E & string, value: number | string): Promise<UpdateResult> {
    return this.getRepository(target).increment(conditions, propertyPath, value);
  }

  decrement<E extends object>(target: EntityTarget<E>, conditions: FindOptionsWhere<E>, propertyPath: keyof E & string, value: number | string): Promise<UpdateResult> {
    return this.getRepository(target).decrement(conditions, propertyPath, value);
  }

  clear<E extends object>(target: EntityTarget<E>): Promise<void> {
    return this.getRepository(target).clear();
  }

  /** Runs `fn` in a transaction (a savepoint inside another): committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T>;
  transaction<T>(isolationLevel: IsolationLevel, fn: (manager: EntityManager) => Promise<T>): Promise<T>;
  transaction<T>(levelOrFn: IsolationLevel | ((manager: EntityManager) => Promise<T>), maybeFn?: (manager: EntityManager) => Promise<T>): Promise<T> {
    const fn = typeof levelOrFn === 'function' ? levelOrFn : maybeFn;
    if (typeof fn !== 'function') throw InvalidOptionError.expected('transaction()', 'the callback', 'a function (manager) => Promise', fn);
    const relata = this.connection.relata;
    const options: TransactionOptions = {};
    if (this.#transaction !== undefined) options.transaction = this.#transaction;
    if (typeof levelOrFn === 'string') options.isolationLevel = levelOrFn;
    return relata.transaction(options, (t) => fn(new EntityManager(this.connection, t)));
  }

  // ------------------------------------------------------------------ out of scope

  /** TypeORM's QueryBuilder is not part of relata: throws an `UnsupportedError` naming what to use. */
  createQueryBuilder(..._args: unknown[]): never {
    throw new UnsupportedError('manager.createQueryBuilder()', QUERY_BUILDER);
  }

  /** Tree entities are not part of relata: throws an `UnsupportedError` naming what to use. */
  getTreeRepository(target: EntityTarget<unknown>): never {
    throw new UnsupportedError(`manager.getTreeRepository(${targetName(target)})`, 'relata has no tree entities; use getRepository() with a self-association and nested relations');
  }

  /** MongoDB is not one of relata's databases. */
  getMongoRepository(target: EntityTarget<unknown>): never {
    throw new UnsupportedError(`manager.getMongoRepository(${targetName(target)})`, 'relata serves PostgreSQL, MySQL, MariaDB and SQLite; use getRepository()');
  }

  /** Runs SQL as written, with `params` bound by the driver (`$1` on PostgreSQL, `?` elsewhere). */
  query<T = unknown>(sql: string, params?: readonly unknown[]): Promise<T> {
    return runQuery(this.connection.relata, this.#transaction, sql, params) as Promise<T>;
  }
}

/** The entity class of `manager.save(entity)`: the instance's own class (all of one class for a list). */
function targetOfEntities(entities: unknown, method: string): EntityTarget<object> {
  const list = Array.isArray(entities) ? (entities as unknown[]) : [entities];
  const first = list[0];
  const target = first !== null && typeof first === 'object' ? (first.constructor as EntityTarget<object>) : undefined;
  if (target === undefined || target === Object || list.some((entity) => entity === null || typeof entity !== 'object' || entity.constructor !== target)) {
    throw InvalidOptionError.expected(
      `manager.${method}()`,
      'the entities',
      `instances of one entity class (from repository.create() or new User()); for plain objects pass the class first: manager.${method}(User, values)`,
      first,
    );
  }
  return target;
}
