import { CompiledQuery, SelectQueryNode, type DatabaseConnection, type Driver, type QueryResult, type SqliteStatement } from 'kysely';
import { ConnectionError } from '../../errors/connection-error.js';
import { ConnectionAcquireTimeoutError } from '../../errors/timeout-error.js';
import type { PoolConfig } from '../adapter.js';

/** What the driver needs from a better-sqlite3 database (through the statement cache). @internal */
export interface SqliteHandle {
  prepare(sql: string): SqliteStatement & { readonly readonly?: boolean };
  close(): void;
}

/**
 * How a SQLite database is shared:
 * - `file`: one writer connection in WAL mode plus one reader connection. Transactions and writes
 *   take the writer in turn; a read outside a transaction runs on the reader at once and sees
 *   committed data only.
 * - `memory`: one connection (an in-memory database cannot be opened twice). Transactions and
 *   writes take it in turn; a read outside a transaction runs at once and, as on Sequelize, sees
 *   what an open transaction has written so far.
 * @internal
 */
export interface SqliteConnections {
  readonly writer: SqliteHandle;
  readonly reader: SqliteHandle;
}

/**
 * A Kysely driver over a writer and a reader connection. Acquiring a connection never waits: the
 * wait for the writer happens when a transaction begins or a write runs, and is bounded by
 * `pool.acquire` (then `ConnectionAcquireTimeoutError`).
 * @internal
 */
export class SqliteSplitDriver implements Driver {
  readonly #open: () => Promise<SqliteConnections>;
  readonly #pool: PoolConfig;
  readonly #writerLock = new WriterLock();
  #connections: SqliteConnections | undefined;

  constructor(open: () => Promise<SqliteConnections>, pool: PoolConfig) {
    this.#open = open;
    this.#pool = pool;
  }

  async init(): Promise<void> {
    this.#connections = await this.#open();
  }

  /**
   * A SELECT outside any transaction, run at once on the reader as a fresh session would run it
   * (see SqliteSession.executeQuery); undefined when the database is not open or the statement writes.
   */
  readNow(sql: string, parameters: readonly unknown[]): { rows: unknown[] } | undefined {
    const connections = this.#connections;
    if (connections === undefined) return undefined;
    const statement = connections.reader.prepare(sql);
    if (statement.readonly === false || !statement.reader) return undefined;
    // Synchronous, as better-sqlite3 is: the caller awaits no promise for it.
    return { rows: statement.all(parameters as unknown[]) };
  }

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new SqliteSession(this.#connectionsOrFail(), this.#writerLock, this.#pool));
  }

  /**
   * Deferred, as Sequelize's `BEGIN DEFERRED TRANSACTION`: the writer is taken, and BEGIN run, at the
   * transaction's first statement. A transaction that has run nothing holds nothing, so queries outside
   * it (a create awaited beside `sequelize.transaction()`) do not wait for it.
   */
  beginTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteSession).deferBegin();
    return Promise.resolve();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as SqliteSession;
    if (session.endDeferred()) return;
    await session.executeQuery(CompiledQuery.raw('commit'));
    session.unpinWriter();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as SqliteSession;
    if (session.endDeferred()) return;
    try {
      await session.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      session.unpinWriter();
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    // A session released while still holding the writer (a failed commit) gives it back.
    (connection as SqliteSession).endDeferred();
    (connection as SqliteSession).unpinWriter();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    const connections = this.#connections;
    this.#connections = undefined;
    if (connections) {
      if (connections.reader !== connections.writer) connections.reader.close();
      connections.writer.close();
    }
    return Promise.resolve();
  }

  #connectionsOrFail(): SqliteConnections {
    if (this.#connections === undefined) throw ConnectionError.unavailable('SQLite', 'the database is closed (relata.close() was called)');
    return this.#connections;
  }
}

/** Savepoint names are relata's own (`relata_sp_<n>`); quoted all the same. */
function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const READ_SQL = /^\s*(?:select|with)\b/i;

/** One Kysely connection: the writer while a transaction holds it, otherwise routed per statement. */
class SqliteSession implements DatabaseConnection {
  readonly #connections: SqliteConnections;
  readonly #lock: WriterLock;
  readonly #pool: PoolConfig;
  #pinned = false;
  /** A transaction was begun and has run no statement yet. */
  #deferred = false;
  /** The BEGIN under way for the first statement(s) of a deferred transaction. */
  #beginning: Promise<void> | undefined;

  constructor(connections: SqliteConnections, lock: WriterLock, pool: PoolConfig) {
    this.#connections = connections;
    this.#lock = lock;
    this.#pool = pool;
  }

  deferBegin(): void {
    this.#deferred = true;
  }

  /** Ends a transaction that never ran a statement; true when there was one. */
  endDeferred(): boolean {
    if (!this.#deferred) return false;
    this.#deferred = false;
    this.#beginning = undefined;
    return true;
  }

  async #beginDeferred(): Promise<void> {
    await this.#lock.acquire(this.#pool);
    this.#pinned = true;
    try {
      await run(this.#connections.writer, CompiledQuery.raw('begin'));
    } catch (error) {
      this.unpinWriter();
      throw error;
    }
    this.#deferred = false;
  }

  unpinWriter(): void {
    if (!this.#pinned) return;
    this.#pinned = false;
    this.#lock.release();
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#deferred) {
      // Statements issued together share one BEGIN; a failed one leaves the transaction deferred.
      this.#beginning ??= this.#beginDeferred().finally(() => (this.#beginning = undefined));
      await this.#beginning;
    }
    if (this.#pinned) return run<R>(this.#connections.writer, compiled);
    if (SelectQueryNode.is(compiled.query) || READ_SQL.test(compiled.sql)) {
      const statement = this.#connections.reader.prepare(compiled.sql);
      // WITH … INSERT and the like are writes after all.
      if (statement.readonly !== false) return run<R>(this.#connections.reader, compiled);
    }
    await this.#lock.acquire(this.#pool);
    try {
      return run<R>(this.#connections.writer, compiled);
    } finally {
      this.#lock.release();
    }
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw ConnectionError.unavailable('SQLite', 'streaming queries are not supported; read the rows with findAll');
  }
}

function run<R>(db: SqliteHandle, compiled: CompiledQuery): Promise<QueryResult<R>> {
  const statement = db.prepare(compiled.sql);
  const parameters = compiled.parameters as unknown[];
  if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
  const { changes, lastInsertRowid } = statement.run(parameters);
  const result: { rows: R[]; numAffectedRows?: bigint; insertId?: bigint } = { rows: [] };
  if (changes !== undefined && changes !== null) result.numAffectedRows = BigInt(changes);
  if (lastInsertRowid !== undefined && lastInsertRowid !== null) result.insertId = BigInt(lastInsertRowid);
  return Promise.resolve(result);
}

/** The writer, taken in turn (FIFO); a waiter gives up after `pool.acquire` ms. */
class WriterLock {
  #held = false;
  readonly #waiters: { grant: () => void }[] = [];

  acquire(pool: PoolConfig): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(ConnectionAcquireTimeoutError.sqliteWriterBusy(pool.acquire));
      }, pool.acquire);
      this.#waiters.push(waiter);
    });
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) next.grant();
    else this.#held = false;
  }
}
