import type { DialectAdapter } from '../../dialects/adapter.js';
import type { ModelDefinition, NormalizedAttribute } from '../../metadata/model-definition.js';
import type { ReferentialAction } from '../../metadata/model-options.js';
import { columnTypeFor, ddlDefault, dependencyOrder, foreignKeyIndexes, uniqueGroups } from '../../sql/ddl.js';

/** A column as the models want it. @internal */
export interface DesiredColumn {
  readonly attribute: NormalizedAttribute;
  /** The DDL type `sync()` writes (`SERIAL`, `VARCHAR(255)`). */
  readonly typeSql: string;
  /** The DDL default (a plain value), if the model declares one the database can hold. */
  readonly ddlDefault: string | number | boolean | undefined;
}

/** A foreign key as the models want it: one column, named `<table>_<column>_fkey`. @internal */
export interface DesiredForeignKey {
  readonly name: string;
  readonly column: string;
  readonly referencedTable: string;
  readonly referencedColumn: string;
  readonly onDelete: ReferentialAction | undefined;
  readonly onUpdate: ReferentialAction | undefined;
}

/** A unique constraint or an index as the models want it. @internal */
export interface DesiredIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

/** A table as `sync()` would create it from the models. @internal */
export interface DesiredTable {
  readonly name: string;
  readonly definition: ModelDefinition;
  readonly columns: readonly DesiredColumn[];
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly DesiredForeignKey[];
  /** Unique constraints (`unique: true` attributes, junction key pairs). */
  readonly uniques: readonly DesiredIndex[];
  /** Declared indexes and the indexes `sync()` adds for foreign keys. */
  readonly indexes: readonly DesiredIndex[];
}

/**
 * The schema the models describe, table by table in dependency order (referenced tables first),
 * with exactly what `sync()` would create: junction tables of belongsToMany included, since
 * their models are registered like any other.
 *
 * @example
 * desiredSchema(relata.adapter, Object.values(relata.models).map((m) => m.definition))
 * @internal
 */
export function desiredSchema(adapter: DialectAdapter, definitions: readonly ModelDefinition[]): DesiredTable[] {
  const seen = new Set<string>();
  const tables: DesiredTable[] = [];
  for (const definition of dependencyOrder(definitions)) {
    if (seen.has(definition.tableName)) continue;
    seen.add(definition.tableName);
    tables.push(desiredTable(adapter, definition));
  }
  return tables;
}

function desiredTable(adapter: DialectAdapter, definition: ModelDefinition): DesiredTable {
  const table = definition.tableName;
  const attributes = definition.physicalAttributes;
  const columns = attributes.map((attribute) => ({
    attribute,
    typeSql: columnTypeFor(adapter, attribute),
    ddlDefault: attribute.hasDefault ? ddlDefault(attribute.defaultValue) : undefined,
  }));
  const foreignKeys = attributes.flatMap((a) =>
    a.references === undefined
      ? []
      : [{ name: `${table}_${a.field}_fkey`, column: a.field, referencedTable: a.references.model, referencedColumn: a.references.key, onDelete: a.onDelete, onUpdate: a.onUpdate }],
  );
  const uniques = [...uniqueGroups(definition)].map(([name, cols]) => ({ name, columns: cols, unique: true }));
  const indexes = [
    ...definition.indexes.map((i) => ({ name: i.name, columns: i.fields, unique: i.unique })),
    ...foreignKeyIndexes(adapter, definition).map((i) => ({ name: i.name, columns: [i.field], unique: false })),
  ];
  return { name: table, definition, columns, primaryKey: attributes.filter((a) => a.primaryKey).map((a) => a.field), foreignKeys, uniques, indexes };
}
