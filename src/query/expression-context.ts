import { UnknownAttributeError } from '../errors/unknown-attribute-error.js';
import type { ModelDefinition, NormalizedAttribute } from '../metadata/model-definition.js';
import type { Expr } from './expression.js';

/** A column resolved from a user-supplied name. @internal */
export interface ResolvedColumn {
  readonly expr: Expr;
  readonly attribute: NormalizedAttribute | undefined;
  /** For a column of an included table: wraps a condition on it into the correlated EXISTS that reaches it. */
  readonly wrap?: (condition: Expr) => Expr;
}

/**
 * Resolves user-written names (attributes, `$alias.attr$`, `col('x')`) against model metadata for
 * one clause of one query. Unknown names throw before any SQL exists.
 * @internal
 */
export class ExpressionContext {
  readonly definition: ModelDefinition;
  /** The table alias columns are qualified with, or undefined for unqualified (UPDATE/DELETE). */
  readonly tableAlias: string | undefined;
  readonly clause: string;
  /** Output aliases of the selection, which `col()` and `order` may name. */
  readonly selectionAliases: ReadonlySet<string>;
  /** Resolves `alias.attr` paths into included models; set by the include planner. */
  readonly resolvePath: ((path: string, clause: string) => ResolvedColumn) | undefined;

  constructor(init: {
    definition: ModelDefinition;
    tableAlias: string | undefined;
    clause: string;
    selectionAliases?: ReadonlySet<string>;
    resolvePath?: ((path: string, clause: string) => ResolvedColumn) | undefined;
  }) {
    this.definition = init.definition;
    this.tableAlias = init.tableAlias;
    this.clause = init.clause;
    this.selectionAliases = init.selectionAliases ?? new Set();
    this.resolvePath = init.resolvePath;
  }

  withClause(clause: string): ExpressionContext {
    return new ExpressionContext({ definition: this.definition, tableAlias: this.tableAlias, clause, selectionAliases: this.selectionAliases, resolvePath: this.resolvePath });
  }

  /** An attribute of this model, by attribute name (or column name, as Sequelize allows). */
  attribute(name: string): ResolvedColumn {
    const attribute = this.definition.attributes.get(name) ?? this.definition.fieldToAttribute.get(name);
    if ((attribute === undefined || attribute.isVirtual) && this.selectionAliases.has(name)) {
      return { expr: { kind: 'column', table: undefined, column: name }, attribute: undefined };
    }
    if (attribute === undefined || attribute.isVirtual) {
      throw new UnknownAttributeError(this.definition.modelName, name, this.clause, this.definition.attributeNames.filter((n) => !this.definition.attributes.get(n)?.isVirtual));
    }
    return { expr: { kind: 'column', table: this.tableAlias, column: attribute.field }, attribute };
  }

  /** A where key: an attribute, or `$path.attr$` into includes. */
  key(key: string): ResolvedColumn {
    if (key.length > 2 && key.startsWith('$') && key.endsWith('$')) return this.path(key.slice(1, -1));
    return this.attribute(key);
  }

  /** A dotted name: `attr`, `Model.attr` (this model's name or alias), or `alias.attr` of an include. */
  path(path: string): ResolvedColumn {
    const dot = path.lastIndexOf('.');
    if (dot === -1) return this.attribute(path);
    const head = path.slice(0, dot);
    if (head === this.tableAlias || head === this.definition.modelName) return this.attribute(path.slice(dot + 1));
    if (this.resolvePath) return this.resolvePath(path, this.clause);
    throw new UnknownAttributeError(this.definition.modelName, path, this.clause, this.definition.attributeNames);
  }

  /** `col('x')`: an attribute, a path, or an alias of the selection. */
  col(name: string): ResolvedColumn {
    if (name === '*') return { expr: { kind: 'star', table: this.tableAlias }, attribute: undefined };
    // An attribute wins over a selection alias of the same name, as in Sequelize: with
    // attributes: [['price', 'name']], order: ['name'] still sorts by the name column.
    if (this.definition.attributes.has(name) || this.definition.fieldToAttribute.has(name)) return this.attribute(name);
    if (this.selectionAliases.has(name)) return { expr: { kind: 'column', table: undefined, column: name }, attribute: undefined };
    return this.path(name);
  }
}
