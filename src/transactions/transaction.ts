import type { ControlledTransaction, Kysely } from 'kysely';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { setConstraintsStatement } from './deferrable.js';

/** Isolation levels, with Sequelize's constant names. */
export type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** Options for `relata.transaction()`. */
export interface TransactionOptions {
  isolationLevel?: IsolationLevel;
  /** Nest inside this transaction as a savepoint. Defaults to the transaction active in this async context. */
  transaction?: Transaction | null;
  /** Sequelize's SQLite transaction type; accepted for compatibility. */
  type?: 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE';
  /** Sequelize's hint that the transaction only reads (it may then use a read replica); the transaction runs as any other. */
  readOnly?: boolean;
  /**
   * Runs a managed transaction again, up to `max` more times, when it fails because of concurrent
   * work: a serialization failure or deadlock (PostgreSQL 40001/40P01, MySQL/MariaDB 1213/1205,
   * SQLite SQLITE_BUSY). Each attempt is a new transaction and calls the callback again, so the
   * callback must not have side effects outside the database. Waits `backoff` ms before the first
   * retry, doubling each time (with jitter). Only the outermost transaction can retry: after a
   * deadlock the whole transaction is gone, not just a savepoint.
   *
   * @example
   * await relata.transaction({ isolationLevel: 'SERIALIZABLE', retry: { max: 5 } }, async () => {
   *   const account = await Account.findByPk(1)
   *   await account.increment('balance', { by: 10 })
   * })
   */
  retry?: TransactionRetryOptions;
  /**
   * Sequelize's `Deferrable.SET_DEFERRED()` / `SET_IMMEDIATE()`: on PostgreSQL the transaction runs
   * `SET CONSTRAINTS ALL|"name", … DEFERRED|IMMEDIATE` right after BEGIN (for constraints declared
   * DEFERRABLE); other databases ignore it, as Sequelize does.
   */
  deferrable?: { toSql(): string };
}

/** How `relata.transaction()` retries a transaction that lost a race with concurrent work. */
export interface TransactionRetryOptions {
  /** Retries after the first attempt (so at most `max + 1` attempts). */
  max: number;
  /** Milliseconds before the first retry; doubles on each further one. Default 20. */
  backoff?: number;
}

type Executor = ControlledTransaction<Record<string, Record<string, unknown>>, string[]>;

let nextId = 0;

/**
 * A database transaction, or a savepoint inside one. Managed transactions
 * (`relata.transaction(async (t) => …)`) commit when the callback resolves and roll back when it
 * throws; queries inside the callback join the transaction without passing `{ transaction }`.
 *
 * @example
 * await relata.transaction(async () => {
 *   const user = await User.create({ name: 'ada' }) // BEGIN; INSERT … (same connection)
 *   await Post.create({ userId: user.id, title: 'hi' })
 * }) // COMMIT
 */
export class Transaction {
  static readonly ISOLATION_LEVELS = {
    READ_UNCOMMITTED: 'READ UNCOMMITTED',
    READ_COMMITTED: 'READ COMMITTED',
    REPEATABLE_READ: 'REPEATABLE READ',
    SERIALIZABLE: 'SERIALIZABLE',
  } as const;
  static readonly TYPES = { DEFERRED: 'DEFERRED', IMMEDIATE: 'IMMEDIATE', EXCLUSIVE: 'EXCLUSIVE' } as const;
  static readonly LOCK = { UPDATE: 'UPDATE', SHARE: 'SHARE', KEY_SHARE: 'KEY SHARE', NO_KEY_UPDATE: 'NO KEY UPDATE' } as const;

  /** The row lock modes (Sequelize's `t.LOCK.UPDATE`), the same as `Transaction.LOCK`. */
  get LOCK(): typeof Transaction.LOCK {
    return Transaction.LOCK;
  }

  readonly id: string;
  readonly parent: Transaction | undefined;
  readonly options: Readonly<TransactionOptions>;
  #executor: Executor | undefined;
  #finished: 'commit' | 'rollback' | undefined;
  #savepoint: string | undefined;
  #afterCommit: (() => unknown)[] = [];
  #afterRollback: (() => unknown)[] = [];

  /** @internal Use `relata.transaction()`. */
  constructor(parent: Transaction | undefined, options: Readonly<TransactionOptions>) {
    this.id = `t${++nextId}`;
    this.parent = parent;
    this.options = options;
  }

  /** @internal Opens the transaction (BEGIN) or the savepoint. */
  async begin(root: Kysely<Record<string, Record<string, unknown>>>, isolationLevels: boolean, deferConstraints = false): Promise<this> {
    // Sequelize runs `deferrable` only where constraints can be deferred (PostgreSQL), and not on a savepoint.
    const setConstraints = this.options.deferrable === undefined ? undefined : setConstraintsStatement(this.options.deferrable);
    if (this.parent) {
      this.#savepoint = `relata_sp_${this.id}`;
      this.#executor = (await this.parent.executor.savepoint(this.#savepoint).execute()) as unknown as Executor;
      return this;
    }
    let builder = root.startTransaction();
    const level = this.options.isolationLevel;
    if (level !== undefined && isolationLevels) {
      builder = builder.setIsolationLevel(level.toLowerCase() as Lowercase<IsolationLevel>);
    }
    const executor = await builder.execute();
    this.#executor = executor as unknown as Executor;
    if (setConstraints !== undefined && deferConstraints) {
      try {
        await setConstraints.execute(executor);
      } catch (error) {
        this.#finished = 'rollback';
        await executor.rollback().execute();
        throw error;
      }
    }
    return this;
  }

  /** @internal The connection-bound executor queries run on. */
  get executor(): Executor {
    if (this.#executor === undefined || this.#finished !== undefined) {
      throw new InvalidOptionError(
        `Transaction ${this.id} is ${this.#finished === undefined ? 'not started' : `already ${this.#finished === 'commit' ? 'committed' : 'rolled back'}`}; queries cannot run in it`,
      );
    }
    return this.#executor;
  }

  /** 'commit' or 'rollback' once the transaction has ended. */
  get finished(): 'commit' | 'rollback' | undefined {
    return this.#finished;
  }

  /** Commits (or releases the savepoint). */
  async commit(): Promise<void> {
    const executor = this.executor;
    if (this.#savepoint !== undefined) await executor.releaseSavepoint(this.#savepoint).execute();
    else await executor.commit().execute();
    this.#finished = 'commit';
    // A savepoint's work is only durable when the outer transaction commits.
    if (this.parent) this.parent.#afterCommit.push(...this.#afterCommit);
    else for (const hook of this.#afterCommit) await hook();
  }

  /** Rolls back (or rolls back to the savepoint). */
  async rollback(): Promise<void> {
    const executor = this.executor;
    this.#finished = 'rollback';
    if (this.#savepoint !== undefined) await executor.rollbackToSavepoint(this.#savepoint).execute();
    else await executor.rollback().execute();
    for (const hook of this.#afterRollback) await hook();
  }

  /** Runs `fn` after the outermost transaction commits. */
  afterCommit(fn: () => unknown): void {
    this.#afterCommit.push(fn);
  }

  /** Runs `fn` after this transaction rolls back. */
  afterRollback(fn: () => unknown): void {
    this.#afterRollback.push(fn);
  }
}
