import type { CatalogColumn } from '../dialects/schema-dialect.js';
import { ModelDefinition } from '../metadata/model-definition.js';
import type { AttributeOptions } from '../metadata/model-options.js';
import { ExpressionContext } from '../query/expression-context.js';
import { Cast, Col, Fn, Literal } from '../query/fragments.js';
import { fragmentExpr, isPlainObject } from '../query/where.js';
import type { SqlSession } from '../sql/session.js';
import { uniqueGroups, type ColumnSpec } from '../sql/ddl.js';
import { inlineExpression } from '../sql/schema-ddl.js';
import { RawColumnType } from '../data-types/raw.js';

/** Columns of a migration's `createTable`/`addColumn`, normalized as model attributes are. @internal */
export interface NormalizedColumns {
  readonly definition: ModelDefinition;
  readonly specs: readonly ColumnSpec[];
  /** Unique constraints: name → columns (`unique: true` is `<table>_<column>_unique`). */
  readonly uniques: Map<string, string[]>;
}

/**
 * Normalizes migration column definitions the way `define()` normalizes attributes, so a
 * migration and `sync()` write the same DDL for the same definition. Beyond model attributes,
 * a migration may give a type as SQL text (`type: 'TIMESTAMP'`) and a default that is SQL
 * (`defaultValue: Sequelize.fn('now')`).
 *
 * @example
 * normalizeColumns(relata, 'Users', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, email: { type: 'VARCHAR(100)', unique: true } })
 * @internal
 */
export function normalizeColumns(relata: SqlSession, table: string, attributes: Readonly<Record<string, unknown>>): NormalizedColumns {
  const prepared: Record<string, AttributeOptions> = {};
  const rawTypes = new Map<string, string>();
  const sqlDefaults = new Map<string, unknown>();
  for (const [name, value] of Object.entries(attributes)) {
    const options: Record<string, unknown> = isPlainObject(value) && 'type' in value ? { ...value } : { type: value };
    if (typeof options['type'] === 'string') {
      rawTypes.set(name, options['type']);
      options['type'] = new RawColumnType(options['type']);
    }
    if (isSqlFragment(options['defaultValue'])) {
      sqlDefaults.set(name, options['defaultValue']);
      delete options['defaultValue'];
    }
    // In a migration the key is the column name.
    delete options['field'];
    prepared[name] = options as unknown as AttributeOptions;
  }
  const definition = new ModelDefinition(table, prepared, { tableName: table, timestamps: false, noPrimaryKey: true });
  const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause: 'defaultValue' });
  const specs = definition.physicalAttributes.map((attribute): ColumnSpec => {
    const fragment = sqlDefaults.get(attribute.name);
    return {
      attribute,
      rawType: rawTypes.get(attribute.name),
      sqlDefault: fragment === undefined ? undefined : inlineExpression(relata, fragmentExpr(fragment, ctx)),
    };
  });
  return { definition, specs, uniques: uniqueGroups(definition) };
}

/**
 * A definition of an existing table from its catalog columns, so where objects in bulkUpdate /
 * bulkDelete / CHECK constraints are checked against the real columns.
 * @internal
 */
export function catalogDefinition(table: string, columns: readonly CatalogColumn[]): ModelDefinition {
  const attributes = Object.fromEntries(
    columns.map((c) => [c.name, { type: new RawColumnType(c.type), allowNull: c.allowNull, primaryKey: c.primaryKey }]),
  );
  return new ModelDefinition(table, attributes, { tableName: table, timestamps: false, noPrimaryKey: true });
}

function isSqlFragment(value: unknown): boolean {
  return value instanceof Fn || value instanceof Literal || value instanceof Cast || value instanceof Col;
}
