/**
 * Sequelize query options relata accepts in its types, so Sequelize code compiles, but refuses
 * at run time with an InvalidOptionError naming the option and what to do instead: running
 * without them would silently change where or how often a statement runs.
 */

/** Sequelize's per-query retry (`retry-as-promised` options). */
export interface QueryRetryOptions {
  max?: number;
  match?: readonly (string | RegExp | ((error: Error) => boolean))[];
  timeout?: number;
  backoffBase?: number;
  backoffExponent?: number;
}

/** `searchPath` and `retry` on a query. */
export interface RefusedQueryOptions {
  /** PostgreSQL's per-query `SET search_path`: refused; give the model a `schema` instead. */
  searchPath?: string;
  /** Refused: relata retries whole transactions, `relata.transaction({ retry: { max } }, fn)`. */
  retry?: QueryRetryOptions;
}

/** MySQL/MariaDB index hint kinds, as Sequelize names them. */
export const IndexHints = Object.freeze({ USE: 'USE', FORCE: 'FORCE', IGNORE: 'IGNORE' } as const);
/** One of `IndexHints`. */
export type IndexHints = (typeof IndexHints)[keyof typeof IndexHints];

/** A `USE | FORCE | IGNORE INDEX (…)` hint; refused: relata leaves the plan to the database. */
export interface IndexHint {
  type: IndexHints;
  values: readonly string[];
}
