/**
 * Unique violations of writes: the error names the violated columns with the written values on
 * every dialect, MySQL/MariaDB included (they report the key's name).
 */
import type { CompiledQuery, QueryResult } from 'kysely';
import { UniqueConstraintError } from '../errors/unique-constraint-error.js';
import type { QueryRunOptions } from '../query/query-options.js';
import { uniqueGroups } from '../sql/ddl.js';
import type { ModelDefinition } from '../metadata/model-definition.js';
import type { Model } from './model.js';

type ModelClass = typeof Model;

/** Runs a write statement, naming the columns of a unique violation reported by key name. @internal */
export async function executeWrite(model: ModelClass, compiled: CompiledQuery, options: QueryRunOptions, row: Record<string, unknown> | undefined): Promise<QueryResult<Record<string, unknown>>> {
  try {
    return await model.sequelize.execute(compiled, options);
  } catch (error) {
    throw withUniqueColumns(model.definition, error, row);
  }
}

/**
 * MySQL/MariaDB name the violated key, not its columns (`{ Users_email_unique: 'a@b.c' }`, a
 * composite key's values joined by '-'). When the key is one of this model's, report its columns
 * as the other dialects do, with the written values (Sequelize maps them through `uniqueKeys`).
 */
function withUniqueColumns(definition: ModelDefinition, error: unknown, row: Record<string, unknown> | undefined): unknown {
  if (!(error instanceof UniqueConstraintError) || error.constraint === undefined) return error;
  const reported = Object.keys(error.fields);
  if (reported.length !== 1 || reported[0] !== error.constraint) return error;
  const columns = uniqueKeyColumns(definition).get(error.constraint);
  if (columns === undefined) return error;
  const text = error.fields[error.constraint];
  const parts = typeof text === 'string' ? text.split('-') : [];
  const valueOf = (column: string, i: number): unknown => {
    if (columns.length === 1) return text;
    if (row !== undefined && column in row) return row[column];
    return parts.length === columns.length ? parts[i] : undefined;
  };
  const fields = Object.fromEntries(columns.map((column, i) => [column, valueOf(column, i)]));
  return new UniqueConstraintError({ message: error.message, sql: error.sql, parameters: error.parameters, cause: error.cause, fields, constraint: error.constraint });
}

function uniqueKeyColumns(definition: ModelDefinition): Map<string, readonly string[]> {
  const keys: Map<string, readonly string[]> = uniqueGroups(definition);
  for (const index of definition.indexes) if (index.unique) keys.set(index.name, [...index.fields]);
  const primary = definition.primaryKeys.map((name) => definition.attributes.get(name)?.field ?? name);
  if (primary.length > 0) keys.set('PRIMARY', primary);
  return keys;
}
