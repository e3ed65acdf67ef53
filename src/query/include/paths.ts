import { InvalidOptionError } from '../../errors/invalid-option-error.js';
import { UnknownAttributeError } from '../../errors/unknown-attribute-error.js';
import type { ModelDefinition } from '../../metadata/model-definition.js';
import { ExpressionContext, type ResolvedColumn } from '../expression-context.js';
import { and, type Expr } from '../expression.js';
import type { NormalizedInclude } from './normalize.js';
import { includeRows, linkedSelect } from './required-filter.js';

interface Step {
  readonly include: NormalizedInclude;
  readonly parent: ModelDefinition;
  readonly parentAlias: string;
  readonly alias: string;
}

/**
 * Resolves `alias.attr` paths (`'$posts.title$'` in where, `[{ model: Post, as: 'posts' }, 'title']`
 * in order) against the query's includes, without joining them into the root query:
 * - in where, a condition on an included column becomes `EXISTS (SELECT 1 FROM posts WHERE <link> AND <condition>)`,
 *   so root rows are never duplicated and limit still counts roots;
 * - in order, the column becomes a correlated scalar subquery: the value itself for a to-one include,
 *   MIN (ascending) or MAX (descending) over the rows of a to-many include.
 * Either way only the rows the include itself would load count: its `where`, and not soft-deleted
 * (unless `paranoid: false`), as the JOIN Sequelize writes for them filters.
 * @internal
 */
export function includePathResolver(
  root: ModelDefinition,
  rootAlias: string,
  includes: readonly NormalizedInclude[],
  /** Includes joined into the root query, with their join alias and whether they are to-many. */
  joined: ReadonlyMap<NormalizedInclude, { readonly alias: string; readonly many: boolean }> = new Map(),
): (path: string, clause: string) => ResolvedColumn {
  return (path, clause) => {
    const parts = path.split('.');
    const attribute = parts.pop() as string;
    const steps: Step[] = [];
    let definition = root;
    let alias = rootAlias;
    let available = includes;
    parts.forEach((name, depth) => {
      const include = available.find((i) => i.association.as === name);
      if (!include) {
        throw new UnknownAttributeError(root.modelName, path, clause, available.map((i) => `${i.association.as}.<attribute>`).concat(root.attributeNames));
      }
      const stepAlias = `${name}_path_${depth}`;
      steps.push({ include, parent: definition, parentAlias: alias, alias: stepAlias });
      definition = include.association.target.definition;
      alias = stepAlias;
      available = include.include;
    });
    // A column of a joined include is read from its join: always when a to-many include on the way
    // is joined (the query aggregates over its rows), and in the select list, group, having and
    // order expressions (`[col('author.name'), 'ASC']`). Where conditions and order paths
    // (`[['author', 'name', 'ASC']]`, clause "order ASC") keep their correlated subqueries.
    const via = steps.map((s) => joined.get(s.include));
    if (via.length > 0 && via.every((v) => v !== undefined)) {
      const direct = via.some((v) => v?.many === true) || !(clause.startsWith('where') || clause.startsWith('order '));
      if (direct) return new ExpressionContext({ definition, tableAlias: (via[via.length - 1] as { alias: string }).alias, clause }).attribute(attribute);
    }
    const column = new ExpressionContext({ definition, tableAlias: alias, clause }).attribute(attribute);
    if (clause.startsWith('order')) return { expr: orderExpr(steps, column.expr, clause.endsWith('DESC')), attribute: column.attribute };
    return {
      expr: column.expr,
      attribute: column.attribute,
      wrap: (condition) =>
        steps.reduceRight<Expr>(
          (inner, step, depth) => ({ kind: 'exists', negated: false, plan: linkedSelect(step.parent, step.parentAlias, step.include, step.alias, depth, and([includeRows(step.include, step.alias), inner]), [{ expr: { kind: 'literal', sql: '1' }, as: 'one' }]) }),
          condition,
        ),
    };
  };
}

function orderExpr(steps: readonly Step[], column: Expr, descending: boolean): Expr {
  if (steps.length !== 1) {
    throw new InvalidOptionError('order: ordering by a column of a nested include (two levels or more) is not supported; order the nested include itself with its own order option');
  }
  const step = steps[0] as Step;
  const multi = step.include.association.isMultiAssociation;
  const value: Expr = multi ? { kind: 'fn', name: descending ? 'MAX' : 'MIN', args: [column] } : column;
  const plan = linkedSelect(step.parent, step.parentAlias, step.include, step.alias, 0, includeRows(step.include, step.alias), [{ expr: value, as: 'v' }]);
  return { kind: 'subquery', plan: multi ? plan : { ...plan, limit: 1 } };
}
