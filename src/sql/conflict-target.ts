import { uniqueGroups } from './ddl.js';
import type { ModelDefinition } from '../metadata/model-definition.js';

/**
 * The conflict target Sequelize 6 picks for an upsert without `conflictFields` (`Model.upsert`,
 * `queryInterface.upsert` with a model): the first unique constraint, else unique index, holding
 * one of the written columns, in the order they are written; the primary key when none does or
 * when a primary key column is written. Column names.
 *
 * @example
 * upsertConflictColumns(User.definition, ['email', 'name']) // ['email'] when email is unique
 * @internal
 */
export function upsertConflictColumns(definition: ModelDefinition, written: readonly string[]): string[] {
  const primary = primaryKeyColumns(definition);
  const uniqueKeys = [...uniqueGroups(definition).values()];
  const indexKeys = definition.indexes.filter((i) => i.unique && i.fields.length > 0).map((i) => i.fields);
  let target: readonly string[] = [];
  for (const column of written) {
    const found = uniqueKeys.find((k) => k.includes(column)) ?? indexKeys.find((k) => k.includes(column));
    if (found !== undefined) {
      target = found;
      break;
    }
  }
  if (target.length === 0 || written.some((c) => primary.includes(c))) target = primary;
  return [...new Set(target)];
}

/**
 * bulkCreate's `updateOnDuplicate` target without `conflictAttributes`, as Sequelize 6 builds it:
 * the columns of every unique index declared in `indexes`, then those of the first unique
 * constraint; the primary key when there are none. Column names.
 * @internal
 */
export function bulkConflictColumns(definition: ModelDefinition): string[] {
  const target = definition.indexes.filter((i) => i.unique).flatMap((i) => i.fields);
  const [firstUnique] = uniqueGroups(definition).values();
  if (firstUnique !== undefined) target.push(...firstUnique);
  return target.length > 0 ? target : primaryKeyColumns(definition);
}

function primaryKeyColumns(definition: ModelDefinition): string[] {
  return definition.primaryKeys.map((name) => definition.attributes.get(name)?.field ?? name);
}
