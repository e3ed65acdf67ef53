import type { CompiledQuery } from 'kysely';
import type { ModelDefinition } from '../metadata/model-definition.js';
import type { QueryRunOptions } from '../query/query-options.js';
import { compileAddReference, compileDropReference, createTableStatements, dependencyOrder, existingTables } from '../sql/ddl.js';
import { compileDropTable } from '../sql/schema-ddl.js';
import type { SqlSession } from '../sql/session.js';

// `sync()` and `drop()` of models (Model.sync, relata.sync, relata.drop): which tables, in which
// order, with which hooks. The statements themselves are compiled by sql/ddl.ts from the definitions.

/** Options for `sync`. */
export interface SyncOptions extends QueryRunOptions {
  /** Drop the tables first. */
  force?: boolean;
  /** Only sync models whose table name matches. */
  match?: RegExp;
  /** `false` skips the models' `beforeSync`/`afterSync` hooks. */
  hooks?: boolean;
  /**
   * Also brings existing tables to the models: adds missing columns, changes a column's type,
   * nullability or default, adds missing indexes, unique constraints and foreign keys. Nothing is
   * removed (columns, indexes and keys the models no longer declare stay, with their data).
   */
  alter?: boolean;
}

/** What `sync`/`drop` need from a model. @internal */
export interface SyncableModel {
  readonly definition: ModelDefinition;
  /** Runs the model's `beforeSync`/`afterSync` hooks. */
  runHooks?(name: 'beforeSync' | 'afterSync', ...args: unknown[]): Promise<void>;
}

/**
 * Creates the models' tables in dependency order (referenced tables first) and their indexes.
 * @internal
 */
export async function syncModels(relata: SqlSession, models: readonly SyncableModel[], options: SyncOptions): Promise<void> {
  const ordered = dependencyOrder(models.map((m) => m.definition)).filter((d) => !options.match || options.match.test(d.tableName));
  if (options.force) await dropDefinitions(relata, [...ordered].reverse(), options);
  const existing = options.force ? new Set<string>() : await existingTables(relata);
  const hooks = options.hooks !== false;
  const modelOf = new Map(models.map((m) => [m.definition, m]));
  // A belongsTo cycle (A references B, B references A): where a table cannot reference one not yet
  // created, the reference closing the cycle is added by ALTER TABLE once every table exists.
  const pending = relata.adapter.capabilities.forwardReferences ? new Set<string>() : new Set(ordered.filter((d) => !existing.has(d.sqlTable)).map((d) => d.sqlTable));
  const closing: CompiledQuery[] = [];
  for (const definition of ordered) {
    // As in Sequelize, each model's sync hooks run whether or not its table already exists.
    const model = modelOf.get(definition);
    if (hooks) await model?.runHooks?.('beforeSync', options);
    if (!existing.has(definition.sqlTable)) {
      pending.delete(definition.sqlTable);
      const deferred = new Set(definition.physicalAttributes.filter((a) => a.references !== undefined && pending.has(a.references.model)).map((a) => a.field));
      for (const statement of createTableStatements(relata, definition, deferred)) await relata.execute(statement, options);
      for (const attr of definition.physicalAttributes) if (deferred.has(attr.field)) closing.push(compileAddReference(relata, definition.sqlTable, attr));
    }
    if (hooks) await model?.runHooks?.('afterSync', options);
  }
  for (const statement of closing) await relata.execute(statement, options);
}

/** Drops the models' tables, dependents first. @internal */
export async function dropTables(relata: SqlSession, models: readonly SyncableModel[], options: QueryRunOptions): Promise<void> {
  await dropDefinitions(relata, dependencyOrder(models.map((m) => m.definition)).reverse(), options);
}

async function dropDefinitions(relata: SqlSession, definitions: readonly ModelDefinition[], options: QueryRunOptions): Promise<void> {
  // A table still referenced by one dropped after it (a belongsTo cycle) cannot be dropped where
  // DROP has no CASCADE and references are checked: that reference goes first.
  const caps = relata.adapter.capabilities;
  if (!caps.dropCascade && !caps.forwardReferences) {
    const later = new Set<string>();
    const closing: { table: string; field: string; target: string }[] = [];
    for (const definition of [...definitions].reverse()) {
      for (const attr of definition.physicalAttributes) {
        if (attr.references !== undefined && attr.references.model !== definition.sqlTable && !later.has(attr.references.model)) closing.push({ table: definition.sqlTable, field: attr.field, target: attr.references.model });
      }
      later.add(definition.sqlTable);
    }
    const dropped = new Set(definitions.map((d) => d.sqlTable));
    const cycle = closing.filter((c) => dropped.has(c.target));
    const existing = cycle.length === 0 ? new Set<string>() : await existingTables(relata);
    for (const c of cycle) {
      if (existing.has(c.table)) await relata.execute(compileDropReference(relata, c.table, c.field), options);
    }
  }
  for (const definition of definitions) await relata.execute(compileDropTable(relata, definition.sqlTable, { ifExists: true, cascade: true }), options);
}
