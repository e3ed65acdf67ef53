import type { CompiledQuery } from 'kysely';
import { AbstractDataType } from '../data-types/abstract.js';
import { normalizeDataType } from '../data-types/normalize.js';
import type { ModelDefinition } from '../metadata/model-definition.js';
import { ExpressionContext } from '../query/expression-context.js';
import { compileWhere, isPlainObject } from '../query/where.js';
import type { QueryRunOptions } from '../query/query-options.js';
import type { SqlSession } from '../sql/session.js';
import { compileDelete, compileInsert, compileTruncate, compileUpdate } from '../sql/writes.js';

/**
 * A value as a migration writes it: plain objects and arrays become JSON text (the driver would
 * otherwise expand them), everything else is bound as is.
 */
function bulkValue(value: unknown): unknown {
  return isPlainObject(value) || Array.isArray(value) ? JSON.stringify(value) : value;
}

/** Column → data type, from `bulkInsert`'s attributes argument: those columns' values are written by their type. */
export type ColumnTypes = ReadonlyMap<string, AbstractDataType>;

function rowOf(record: Readonly<Record<string, unknown>>, types?: ColumnTypes): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => {
        const type = types?.get(k);
        return [k, type === undefined ? bulkValue(v) : v === null ? null : type.toDb(v)];
      }),
  );
}

/**
 * The data types of `bulkInsert`'s attributes argument (a model's `rawAttributes`, or
 * `{ tags: { type: DataTypes.ARRAY(DataTypes.STRING), field: 'tags' } }`), by column: an attribute's
 * `field`, else its key. @internal
 */
export function columnTypes(attributes: Readonly<Record<string, unknown>> | undefined, where: string): ColumnTypes | undefined {
  if (attributes === undefined) return undefined;
  const types = new Map<string, AbstractDataType>();
  for (const [key, attribute] of Object.entries(attributes)) {
    const options = attribute !== null && typeof attribute === 'object' && !(attribute instanceof AbstractDataType) ? (attribute as { type?: unknown; field?: unknown }) : { type: attribute };
    types.set(typeof options.field === 'string' ? options.field : key, normalizeDataType(options.type, `${where}.${key}`));
  }
  return types;
}

/**
 * INSERT statements for the records, in order: one per run of rows with the same columns (so a
 * column a row leaves out gets its default on every dialect, where SQLite would otherwise write
 * NULL), chunked under the dialect's parameter limit.
 * @internal
 */
export function bulkInsertStatements(relata: SqlSession, table: string, records: readonly Readonly<Record<string, unknown>>[], types?: ColumnTypes): CompiledQuery[] {
  const runs: Record<string, unknown>[][] = [];
  let shape = '';
  for (const row of records.map((record) => rowOf(record, types))) {
    const key = Object.keys(row).sort().join('\u0000');
    if (runs.length === 0 || key !== shape) runs.push([]);
    shape = key;
    runs[runs.length - 1]?.push(row);
  }
  const statements: CompiledQuery[] = [];
  for (const rows of runs) {
    const size = Math.max(1, Math.floor(relata.adapter.capabilities.maxParameters / Math.max(1, Object.keys(rows[0] ?? {}).length)));
    for (let i = 0; i < rows.length; i += size) statements.push(compileInsert(relata, table, rows.slice(i, i + size), []));
  }
  return statements;
}

/** UPDATE … SET values WHERE (a where object checked against the table's columns). @internal */
export function bulkUpdateStatement(relata: SqlSession, definition: ModelDefinition, values: Readonly<Record<string, unknown>>, where: unknown): CompiledQuery {
  const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause: 'bulkUpdate where' });
  for (const column of Object.keys(values)) ctx.withClause('bulkUpdate values').attribute(column);
  return compileUpdate(relata, definition.tableName, rowOf(values), compileWhere(where, ctx), []);
}

/** DELETE … WHERE, or TRUNCATE. @internal */
export function bulkDeleteStatement(relata: SqlSession, definition: ModelDefinition, where: unknown, options: { truncate?: boolean | undefined; cascade?: boolean | undefined }): CompiledQuery {
  if (options.truncate) return compileTruncate(relata, definition.tableName, { cascade: options.cascade });
  const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause: 'bulkDelete where' });
  return compileDelete(relata, definition.tableName, compileWhere(isPlainObject(where) && Object.keys(where).length === 0 && Object.getOwnPropertySymbols(where).length === 0 ? null : where, ctx));
}

/**
 * INSERT … ON CONFLICT (target) DO UPDATE SET each `update` column to the inserted value (ON
 * DUPLICATE KEY UPDATE on MySQL/MariaDB). @internal
 */
export function upsertStatement(relata: SqlSession, table: string, values: Readonly<Record<string, unknown>>, target: readonly string[], update: readonly string[]): CompiledQuery {
  return compileInsert(relata, table, [rowOf(values)], [], { kind: 'update', target, update });
}

/** Executes statements in order and returns the rows they affected. @internal */
export async function affectedRows(relata: SqlSession, statements: readonly CompiledQuery[], options: QueryRunOptions): Promise<number> {
  let total = 0;
  for (const statement of statements) {
    const result = await relata.execute(statement, options);
    total += Number(result.numAffectedRows ?? 0);
  }
  return total;
}
