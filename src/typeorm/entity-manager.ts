import { InvalidOptionError, type Relata, type Transaction, type TransactionOptions } from '../index.js';
import { modelOf, type EntityTarget, type RepositoryContext } from './context.js';
import type { DataSource, IsolationLevel } from './data-source.js';
import { Repository } from './repository.js';
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

  /** Runs SQL as written, with `params` bound by the driver (`$1` on PostgreSQL, `?` elsewhere). */
  query<T = unknown>(sql: string, params?: readonly unknown[]): Promise<T> {
    return runQuery(this.connection.relata, this.#transaction, sql, params) as Promise<T>;
  }
}
