import { IdentifierNode, MysqlQueryCompiler, SqliteQueryCompiler, type SchemableIdentifierNode } from 'kysely';

/**
 * Where Sequelize's dialect has no schemas (SQLite, MySQL), a model's schema is part of its table
 * name: `schema.table` is one identifier (`` `archive.Users` ``), not a database or schema prefix.
 * Those names are registered here when a model gets its schema, and the two compilers write them as
 * one identifier; any other dotted name keeps its meaning (`otherdb.table` on MySQL).
 * @internal
 */
const prefixedTables = new Set<string>();

/** Records a table name that holds its schema as a prefix. @internal */
export function registerPrefixedTable(name: string): void {
  if (name.includes('.')) prefixedTables.add(name);
}

function joined(node: SchemableIdentifierNode): IdentifierNode | undefined {
  if (node.schema === undefined) return undefined;
  const name = `${node.schema.name}.${node.identifier.name}`;
  return prefixedTables.has(name) ? IdentifierNode.create(name) : undefined;
}

/** SQLite's compiler, writing registered `schema.table` names as one identifier. @internal */
export class SqliteSchemaPrefixCompiler extends SqliteQueryCompiler {
  protected override visitSchemableIdentifier(node: SchemableIdentifierNode): void {
    const name = joined(node);
    if (name === undefined) super.visitSchemableIdentifier(node);
    else this.visitNode(name);
  }
}

/** MySQL's compiler, writing registered `schema.table` names as one identifier. @internal */
export class MysqlSchemaPrefixCompiler extends MysqlQueryCompiler {
  protected override visitSchemableIdentifier(node: SchemableIdentifierNode): void {
    const name = joined(node);
    if (name === undefined) super.visitSchemableIdentifier(node);
    else this.visitNode(name);
  }
}
