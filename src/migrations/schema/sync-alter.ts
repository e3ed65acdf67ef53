import type { ModelDefinition, NormalizedAttribute } from '../../metadata/model-definition.js';
import type { SyncOptions } from '../../model/sync.js';
import { diffSchema, type SchemaSession } from './schema-diff.js';

/**
 * `sync({ alter: true })`: after the missing tables are created, the schema diff migrations are generated from
 * (`src/migrations/schema/schema-diff.ts`), applied through the query interface. Only additions
 * and changes are applied; removals would lose data and are left to a migration.
 * @internal
 */
export async function alterTables(relata: SchemaSession, definitions: readonly ModelDefinition[], options: SyncOptions): Promise<void> {
  if (definitions.length === 0) return;
  const diff = await diffSchema(relata, definitions, options);
  const tables = new Set(definitions.map((d) => d.tableName));
  const qi = relata.getQueryInterface();
  const run = { ...(options.transaction === undefined ? {} : { transaction: options.transaction }), ...(options.logging === undefined ? {} : { logging: options.logging }) };
  for (const op of diff.operations) {
    if (op.kind === 'createTable' || !tables.has(op.table)) continue;
    switch (op.kind) {
      case 'addColumn':
        await qi.addColumn(op.table, op.column.attribute.field, alterColumnOptions(op.column.attribute), run);
        break;
      case 'changeColumn':
        await qi.changeColumn(op.table, op.column.attribute.field, { ...alterColumnOptions(op.column.attribute), references: undefined, unique: undefined }, run);
        break;
      case 'addIndex':
        await qi.addIndex(op.table, [...op.index.columns], { ...run, name: op.index.name, unique: op.index.unique });
        break;
      case 'addUnique':
        await qi.addConstraint(op.table, { ...run, type: 'unique', name: op.unique.name, fields: [...op.unique.columns] });
        break;
      case 'addForeignKey':
        await qi.addConstraint(op.table, {
          ...run,
          type: 'foreign key',
          name: op.key.name,
          fields: [op.key.column],
          references: { table: op.key.referencedTable, field: op.key.referencedColumn },
          ...(op.key.onDelete === undefined ? {} : { onDelete: op.key.onDelete }),
          ...(op.key.onUpdate === undefined ? {} : { onUpdate: op.key.onUpdate }),
        });
        break;
      default:
        // Removals and primary-key changes would drop data or keys: left to a migration.
        break;
    }
  }
}

/** An attribute as the query interface takes it: its declared options under its column name. */
function alterColumnOptions(attribute: NormalizedAttribute): Record<string, unknown> {
  const { get: _get, set: _set, validate: _validate, field: _field, ...rest } = attribute.raw as Record<string, unknown>;
  return rest;
}
