import { Cast, Col, Fn, Literal, Where } from '../fragments.js';
import { isPlainObject } from '../where.js';
import type { NormalizedInclude } from './normalize.js';

/** The options of a find that may name included columns. @internal */
export interface ReferencingOptions {
  readonly attributes?: unknown;
  readonly group?: unknown;
  readonly having?: unknown;
  readonly order?: unknown;
}

/**
 * The to-many includes that must be joined into the root query: those whose columns the query's
 * `attributes`, `group` or `having` name (`col('posts.id')`, `'posts.title'`, `'$posts.id$'`), or
 * that an expression in `order` names (`[fn('COUNT', col('posts.id')), 'DESC']`). Such a query
 * aggregates or groups over the joined rows, as Sequelize users write it, so loading the include
 * separately (batched or as JSON) would leave its columns out of reach.
 *
 * A `separate` include or one with its own limit is never joined. Ordering by a plain path
 * (`[['posts', 'title', 'DESC']]`) keeps the root-preserving correlated subquery.
 * @internal
 */
export function includesToJoin(includes: readonly NormalizedInclude[], options: ReferencingOptions): Set<NormalizedInclude> {
  const candidates = includes.filter((i) => i.association.isMultiAssociation && !i.separate && i.limit === undefined && i.offset === undefined);
  const out = new Set<NormalizedInclude>();
  if (candidates.length === 0) return out;
  const names = new Set<string>();
  const texts: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 32 || value === null || value === undefined) return;
    if (typeof value === 'string') {
      names.add(value.startsWith('$') && value.endsWith('$') ? value.slice(1, -1) : value);
    } else if (value instanceof Col) names.add(value.col);
    else if (value instanceof Literal) texts.push(value.val);
    else if (value instanceof Fn) value.args.forEach((a) => visit(a, depth + 1));
    else if (value instanceof Cast) visit(value.val, depth + 1);
    else if (value instanceof Where) {
      visit(value.attribute, depth + 1);
      visit(value.logic, depth + 1);
    } else if (Array.isArray(value)) value.forEach((v) => visit(v, depth + 1));
    else if (isPlainObject(value)) {
      for (const key of Object.keys(value)) visit(key, depth + 1);
      for (const key of Reflect.ownKeys(value)) visit(value[key as string], depth + 1);
    }
  };
  visit(options.attributes, 0);
  visit(options.group, 0);
  visit(options.having, 0);
  // In order, only expressions count: a plain path orders roots by a correlated subquery.
  const order: unknown[] = Array.isArray(options.order) ? options.order : options.order === undefined ? [] : [options.order];
  for (const entry of order) {
    const parts = Array.isArray(entry) ? entry : [entry];
    for (const part of parts) if (part instanceof Fn || part instanceof Literal || part instanceof Cast || part instanceof Where) visit(part, 0);
  }
  for (const include of candidates) {
    const as = include.association.as;
    const prefix = `${as}.`;
    const quoted = new RegExp(`(^|[^\\w$])(["\`]?)${escapeRegExp(as)}\\2\\s*\\.`);
    if ([...names].some((n) => n.startsWith(prefix) || n.startsWith(`${as}->`)) || texts.some((t) => quoted.test(t))) out.add(include);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
