import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { DialectAdapter, DialectName } from '../dialects/adapter.js';
import type { QueryRunOptions } from '../query/query-options.js';
import type { Transaction, TransactionOptions } from '../transactions/transaction.js';
import type { PlanCache } from './plan-cache.js';

/**
 * What SQL compilation and execution need from the connection: its dialect adapter, the Kysely
 * instance that compiles for that dialect, the plan cache and a way to run a compiled statement.
 * `Relata` satisfies it; `sql/` and `query-interface/` take this instead of the whole connection.
 * @internal
 */
export interface SqlSession {
  readonly adapter: DialectAdapter;
  readonly kysely: Kysely<Record<string, Record<string, unknown>>>;
  readonly planCache: PlanCache;
  /** The dialect name, as `relata.getDialect()` answers it. */
  getDialect(): DialectName;
  /** Runs a compiled statement in the given (or the active) transaction. */
  execute<R = Record<string, unknown>>(compiled: CompiledQuery, options?: QueryRunOptions): Promise<QueryResult<R>>;
}

/**
 * A session that also runs transactions, as the query interface needs (table rebuilds run in their
 * own transaction with foreign-key enforcement off). `Relata` satisfies it.
 * @internal
 */
export interface TransactionalSession extends SqlSession {
  /** The transaction active in this async context, if any. */
  currentTransaction(): Transaction | undefined;
  /** Runs `fn` in a managed transaction (`{ transaction: null }` starts a new one outside any). */
  transaction<T>(options: TransactionOptions, fn: (t: Transaction) => Promise<T>): Promise<T>;
}
