/**
 * Compile-only helpers for test/sql: a `Relata` per dialect that never connects, and the compiled
 * SQL and parameters of finders, writes and DDL, taken from the same pure functions the model layer
 * calls (`planFind` + `compileSelect`, `compileInsert`, `compileUpdate`, `compileDelete`,
 * `createTableStatements`). Nothing here executes a statement, so the mssql dialect works without
 * `tedious` installed.
 *
 * ```ts
 * const db = compileOnly('postgres');
 * const User = db.define('User', { name: DataTypes.STRING });
 * expect(findAllSql(User, { limit: 1 })).toEqual({ sql: 'select … limit $1', parameters: [1] });
 * ```
 */
import { afterAll } from 'vitest';
import { Relata, type FindOptions, type Model, type ModelStatic } from '../../src/index.js';
import { ExpressionContext } from '../../src/query/expression-context.js';
import { planFind } from '../../src/query/plan-find.js';
import { compileWhere } from '../../src/query/where.js';
import { createTableStatements } from '../../src/sql/ddl.js';
import { compileSelect } from '../../src/sql/select.js';
import { compileDelete, compileInsert, compileUpdate, type ColumnValues, type ConflictAction } from '../../src/sql/writes.js';

export type CompileDialect = 'sqlite' | 'postgres' | 'mysql' | 'mssql';

export const COMPILE_DIALECTS: readonly CompileDialect[] = ['sqlite', 'postgres', 'mysql', 'mssql'];

/** SQL text and bound parameters, as the driver would receive them (before `bindValue`). */
export interface SqlAndParameters {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

// Server URLs point at a closed port on purpose: compiling never opens a connection.
const URLS: Readonly<Record<CompileDialect, string>> = {
  sqlite: 'sqlite::memory:',
  postgres: 'postgres://compile-only@127.0.0.1:1/none',
  mysql: 'mysql://compile-only@127.0.0.1:1/none',
  mssql: 'mssql://compile-only@127.0.0.1:1/none',
};

const opened: Relata[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((r) => r.close()));
});

/** A `Relata` for `dialect` used only to compile; closed after the file. */
export function compileOnly(dialect: CompileDialect): Relata {
  const relata = new Relata(URLS[dialect], { logging: false });
  opened.push(relata);
  return relata;
}

function plain(compiled: SqlAndParameters): SqlAndParameters {
  return { sql: compiled.sql, parameters: [...compiled.parameters] };
}

/** The SELECT `Model.findAll(options)` runs. */
export function findAllSql<M extends Model>(model: ModelStatic<M>, options: FindOptions = {}): SqlAndParameters {
  const plan = planFind(model.definition, options);
  return plain(compileSelect(model.sequelize, plan.select));
}

/**
 * The INSERT a create/bulkCreate/upsert runs for already-converted column values, reading back
 * every column where the dialect can (as `writes.ts` asks for).
 */
export function insertSql<M extends Model>(model: ModelStatic<M>, rows: readonly ColumnValues[], conflict?: ConflictAction): SqlAndParameters {
  const relata = model.sequelize;
  const definition = model.definition;
  const returning = relata.adapter.capabilities.returning === 'none' ? [] : definition.physicalAttributes.map((a) => a.field);
  return plain(compileInsert(relata, definition.tableName, rows, returning, conflict));
}

/** The UPDATE of a static `update(values, { where })`, for column values. */
export function updateSql<M extends Model>(model: ModelStatic<M>, values: ColumnValues, where: unknown): SqlAndParameters {
  const definition = model.definition;
  const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause: 'where' });
  return plain(compileUpdate(model.sequelize, definition.tableName, values, compileWhere(where, ctx), []));
}

/** The DELETE of a static `destroy({ where })` on a non-paranoid model. */
export function deleteSql<M extends Model>(model: ModelStatic<M>, where: unknown): SqlAndParameters {
  const definition = model.definition;
  const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause: 'where' });
  return plain(compileDelete(model.sequelize, definition.tableName, compileWhere(where, ctx)));
}

/** CREATE TABLE and CREATE INDEX statements `sync()` runs for a model. */
export function createTableSql<M extends Model>(model: ModelStatic<M>): SqlAndParameters[] {
  return createTableStatements(model.sequelize, model.definition).map(plain);
}
