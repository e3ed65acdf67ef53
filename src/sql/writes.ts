import { sql, type CompiledQuery, type RawBuilder } from 'kysely';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { Expr } from '../query/expression.js';
import type { SqlSession } from './session.js';
import { compileExpr } from './compile-expression.js';
import { compileContext } from './select.js';
import { Slot } from './plan-cache.js';

/** Column name → value (a bound value, or an expression such as `col + 1`). @internal */
export type ColumnValues = Record<string, unknown>;

/** A column expression assigned in UPDATE (increments), told apart from values by its class. @internal */
export class ColumnExpr {
  constructor(readonly expr: Expr) {}
}

/** What INSERT does when a row collides. @internal */
export type ConflictAction =
  | { readonly kind: 'error' }
  | { readonly kind: 'ignore' }
  | { readonly kind: 'update'; readonly target: readonly string[]; readonly update: readonly string[]; readonly where?: Expr | undefined };

/**
 * INSERT one or more rows. `returning` lists the columns to read back where the dialect can.
 * `plain`: the caller vouches that the rows form a grid (the same columns in the same order, only
 * values to bind: see `columnRows`), which is then not checked value by value.
 * @internal
 *
 * @example
 * // INSERT INTO "Users" ("name", "createdAt") VALUES ($1, $2), ($3, $4) RETURNING "id", "name", "createdAt"
 */
export function compileInsert(
  relata: SqlSession,
  table: string,
  rows: readonly ColumnValues[],
  returning: readonly string[],
  conflict: ConflictAction = { kind: 'error' },
  plain = false,
): CompiledQuery {
  // `plain`: the caller built the rows as a grid (columnRows), so it is not checked again.
  const columns = plain && rows[0] !== undefined ? Object.keys(rows[0]) : plainGrid(rows);
  if (columns === undefined || (conflict.kind !== 'error' && relata.adapter.capabilities.upsert === 'merge') || (conflict.kind === 'update' && conflict.where !== undefined)) {
    return buildInsert(relata, table, rows, returning, conflict);
  }
  // Rows of plain values: the statement text depends only on the shape, so Kysely builds it once
  // per shape (a bulk insert's chunks share one), and later calls only lay out the values.
  const conflictKey = conflict.kind === 'update' ? `u:${conflict.target.join(',')}:${conflict.update.join(',')}` : conflict.kind;
  const key = `${table}\u0000${columns.join('\u0000')}\u0000${rows.length}\u0000${returning.join('\u0000')}\u0000${conflictKey}`;
  const width = columns.length;
  const entry = relata.planCache.statement(key, () => {
    let next = 0;
    const marked = rows.map(() => Object.fromEntries(columns.map((c) => [c, new Slot(next++)])));
    return buildInsert(relata, table, marked, returning, conflict);
  });
  if (entry === null) return buildInsert(relata, table, rows, returning, conflict);
  const { slots } = entry;
  const parameters = new Array<unknown>(slots.length);
  if (slots.length === rows.length * width && inOrder(slots)) {
    // The usual layout: every cell once, row by row.
    let i = 0;
    for (const row of rows) for (let c = 0; c < width; c++) parameters[i++] = row[columns[c] as string];
  } else {
    for (let i = 0; i < slots.length; i++) {
      const cell = slots[i] as number;
      parameters[i] = (rows[(cell / width) | 0] as ColumnValues)[columns[cell % width] as string];
    }
  }
  return { sql: entry.sql, parameters, query: INSERT_QUERY_NODE, queryId: { queryId: 'relata-cached-insert' } } as unknown as CompiledQuery;
}

function inOrder(slots: readonly number[]): boolean {
  for (let i = 0; i < slots.length; i++) if (slots[i] !== i) return false;
  return true;
}

/** The query node of an INSERT compiled outside Kysely: only its kind is read (to tell reads from writes). @internal */
export const INSERT_QUERY_NODE = Object.freeze({ kind: 'InsertQueryNode' });

/**
 * The columns when every row has exactly the same ones and only plain values (no expressions,
 * no undefined), so the rows form a grid; undefined otherwise.
 */
function plainGrid(rows: readonly ColumnValues[]): string[] | undefined {
  const first = rows[0];
  if (first === undefined) return undefined;
  const columns = Object.keys(first);
  if (columns.length === 0) return undefined;
  for (const row of rows) {
    let count = 0;
    for (const key in row) {
      if (!Object.hasOwn(row, key)) return undefined;
      count++;
      const value = row[key];
      if (value === undefined || (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array) && (value instanceof ColumnExpr || typeof (value as { toOperationNode?: unknown }).toOperationNode === 'function'))) return undefined;
    }
    if (count !== columns.length) return undefined;
    if (row !== first) for (const c of columns) if (!Object.hasOwn(row, c)) return undefined;
  }
  return columns;
}

function buildInsert(relata: SqlSession, table: string, rows: readonly ColumnValues[], returning: readonly string[], conflict: ConflictAction): CompiledQuery {
  const caps = relata.adapter.capabilities;
  if (conflict.kind !== 'error' && caps.upsert === 'merge') return compileMerge(relata, table, rows, returning, conflict);
  const db = relata.kysely;
  const base = db.insertInto(table as never);
  const empty = rows.length === 1 && Object.keys(rows[0] ?? {}).length === 0;
  // MySQL has no DEFAULT VALUES; there values({}) compiles to its `() VALUES ()` spelling.
  // Expressions (a literal() given as a value) are written as SQL, never bound.
  const values = rows.map((row) => {
    let out = row;
    for (const key in row) {
      const value = row[key];
      if (value instanceof ColumnExpr) {
        if (out === row) out = { ...row };
        out[key] = compileExpr(value.expr, caps);
      }
    }
    return out;
  });
  let q = empty && caps.defaultValuesInsert ? base.defaultValues() : base.values(values as never);
  if (conflict.kind === 'ignore') {
    q = caps.upsert === 'on-duplicate-key' ? q.ignore() : q.onConflict((oc) => oc.doNothing());
  } else if (conflict.kind === 'update') {
    if (caps.upsert === 'on-duplicate-key') {
      // ON DUPLICATE KEY UPDATE needs at least one assignment; `key = key` keeps the row unchanged.
      const keep = conflict.target.slice(0, 1).map((c) => [c, sql`${sql.id(c)}`]);
      const assignments = conflict.update.length === 0 ? keep : conflict.update.map((c) => [c, sql`VALUES(${sql.id(c)})`]);
      q = q.onDuplicateKeyUpdate(Object.fromEntries(assignments) as never);
    } else {
      const set = Object.fromEntries(conflict.update.map((c) => [c, sql`${sql.id('excluded', c)}`]));
      q = q.onConflict((oc) => {
        let target = oc.columns(conflict.target as never);
        // A partial unique index is a conflict target only together with its predicate.
        if (conflict.where !== undefined) target = target.where(compileExpr(conflict.where, caps) as RawBuilder<boolean>);
        return conflict.update.length === 0 ? target.doNothing() : target.doUpdateSet(set as never);
      });
    }
  }
  if (returning.length > 0) {
    if (caps.returning === 'returning') q = q.returning(returning.map((c) => sql.id(c).as(c)) as never) as never;
    else if (caps.returning === 'output') q = q.output(returning.map((c) => sql.id('inserted', c).as(c)) as never) as never;
  }
  return q.compile();
}

/**
 * An upsert where INSERT has no conflict clause (SQL Server): MERGE the rows, as a VALUES source,
 * into the table on the conflict columns, as Sequelize writes it. HOLDLOCK keeps two concurrent
 * upserts of the same key from both inserting.
 *
 * @example
 * // MERGE INTO "Users" WITH (HOLDLOCK) AS "Users_target" USING (VALUES (@1, @2)) AS "Users_source" ("id", "name")
 * // ON "Users_target"."id" = "Users_source"."id" WHEN MATCHED THEN UPDATE SET "name" = "Users_source"."name"
 * // WHEN NOT MATCHED THEN INSERT ("id", "name") VALUES ("Users_source"."id", "Users_source"."name") OUTPUT "inserted"."id" AS "id", …;
 */
function compileMerge(
  relata: SqlSession,
  table: string,
  rows: readonly ColumnValues[],
  returning: readonly string[],
  conflict: Exclude<ConflictAction, { kind: 'error' }>,
): CompiledQuery {
  if (conflict.kind === 'ignore') {
    throw new InvalidOptionError(`ignoreDuplicates is not supported on ${relata.getDialect()} (as in Sequelize); use updateOnDuplicate with the columns to keep`);
  }
  const caps = relata.adapter.capabilities;
  const target = `${table}_target`;
  const source = `${table}_source`;
  const columns = Object.keys(rows[0] ?? {});
  const value = (v: unknown) => (v instanceof ColumnExpr ? compileExpr(v.expr, caps) : sql`${v}`);
  const values = sql.join(rows.map((row) => sql`(${sql.join(columns.map((c) => value(row[c])))})`));
  const columnList = sql.join(columns.map((c) => sql.id(c)));
  const on = sql.join(conflict.target.map((c) => sql`${sql.id(target, c)} = ${sql.id(source, c)}`), sql` AND `);
  const update = conflict.update.length === 0
    ? sql``
    : sql` WHEN MATCHED THEN UPDATE SET ${sql.join(conflict.update.map((c) => sql`${sql.id(c)} = ${sql.id(source, c)}`))}`;
  const insert = sql` WHEN NOT MATCHED THEN INSERT (${columnList}) VALUES (${sql.join(columns.map((c) => sql.id(source, c)))})`;
  const output = returning.length === 0 ? sql`` : sql` OUTPUT ${sql.join(returning.map((c) => sql`${sql.id('inserted', c)} AS ${sql.id(c)}`))}`;
  return sql`MERGE INTO ${sql.table(table)} WITH (HOLDLOCK) AS ${sql.id(target)} USING (VALUES ${values}) AS ${sql.id(source)} (${columnList}) ON ${on}${update}${insert}${output};`.compile(relata.kysely);
}

/**
 * UPDATE rows matching `where`. Values are bound; `ColumnExpr` values are expressions (increments).
 * @internal
 */
export function compileUpdate(relata: SqlSession, table: string, values: ColumnValues, where: Expr, returning: readonly string[]): CompiledQuery {
  const caps = compileContext(relata);
  const set: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(values)) set[column] = value instanceof ColumnExpr ? compileExpr(value.expr, caps) : value;
  let q = relata.kysely
    .updateTable(table as never)
    .set(set as never)
    .where(compileExpr(where, caps) as RawBuilder<boolean>);
  if (returning.length > 0 && caps.returning === 'returning') q = q.returning(returning.map((c) => sql.id(c).as(c)) as never) as never;
  if (returning.length > 0 && caps.returning === 'output') q = q.output(returning.map((c) => sql.id('inserted', c).as(c)) as never) as never;
  return q.compile();
}

/** DELETE rows matching `where`. @internal */
export function compileDelete(relata: SqlSession, table: string, where: Expr): CompiledQuery {
  const caps = compileContext(relata);
  return relata.kysely
    .deleteFrom(table as never)
    .where(compileExpr(where, caps) as RawBuilder<boolean>)
    .compile();
}

/** TRUNCATE, or DELETE FROM where TRUNCATE does not exist. @internal */
export function compileTruncate(relata: SqlSession, table: string, options: { cascade?: boolean | undefined; restartIdentity?: boolean | undefined }): CompiledQuery {
  const caps = relata.adapter.capabilities;
  if (!caps.truncate) return relata.kysely.deleteFrom(table as never).compile();
  const extra = `${options.restartIdentity && caps.dropCascade ? ' RESTART IDENTITY' : ''}${options.cascade && caps.dropCascade ? ' CASCADE' : ''}`;
  return sql`TRUNCATE TABLE ${sql.table(table)}${sql.raw(extra)}`.compile(relata.kysely);
}

