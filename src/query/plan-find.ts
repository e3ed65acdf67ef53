import type { AbstractDataType } from '../data-types/abstract.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { ModelDefinition, NormalizedAttribute } from '../metadata/model-definition.js';
import { ExpressionContext, type ResolvedColumn } from './expression-context.js';
import { and, type Expr, type OrderItem, type Selection } from './expression.js';
import { Cast, Col, Fn, Json, Literal } from './fragments.js';
import type { FindOptions } from './query-options.js';
import type { LockStrength, SelectPlan } from './select-plan.js';
import { compileWhere, fragmentExpr } from './where.js';

/** How to turn one result row into attribute values. @internal */
export interface RowReader {
  readonly keys: readonly string[];
  readonly types: readonly (AbstractDataType | undefined)[];
}

/** A planned find: the SELECT and how to read its rows. @internal */
export interface FindPlan {
  readonly select: SelectPlan;
  readonly reader: RowReader;
}

/**
 * Plans a findAll on one model: selection, where (with the paranoid filter), order, group,
 * having, limit, offset and lock. Every name is checked against the model.
 * @internal
 */
export function planFind(
  definition: ModelDefinition,
  options: Readonly<FindOptions>,
  alias = definition.modelName,
  resolvePath?: (path: string, clause: string) => ResolvedColumn,
  /** The where condition already compiled (a cached find shape), instead of options.where. */
  compiledWhere?: Expr,
): FindPlan {
  const base = new ExpressionContext({ definition, tableAlias: alias, clause: 'attributes', resolvePath });
  const selections = planAttributes(definition, options.attributes, base);
  const aliases = new Set(selections.map((s) => s.as));
  const ctx = (clause: string): ExpressionContext => new ExpressionContext({ definition, tableAlias: alias, clause, selectionAliases: aliases, resolvePath });
  const where = and([compiledWhere ?? compileWhere(options.where, ctx('where')), paranoidFilter(definition, alias, options.paranoid)]);
  const select: SelectPlan = {
    table: definition.sqlTable,
    alias,
    selections,
    where,
    group: planGroup(options.group, ctx('group')),
    having: options.having === undefined ? undefined : compileWhere(options.having, ctx('having')),
    order: planOrder(options.order, ctx('order')),
    limit: nonNegativeInteger(definition, 'limit', options.limit),
    offset: nonNegativeInteger(definition, 'offset', options.offset),
    lock: planLock(definition, options.lock),
    lockOf: lockOf(definition, alias, options.lock),
    skipLocked: options.skipLocked === true,
    distinct: false,
  };
  if (options.limitPer !== undefined && (select.limit !== undefined || select.offset !== undefined)) {
    const by = ctx('limitPer').attribute(options.limitPer).expr;
    return { select: { ...select, limit: undefined, offset: undefined, partition: { by: [by], limit: select.limit, offset: select.offset } }, reader: readerFor(definition, selections) };
  }
  return { select, reader: readerFor(definition, selections) };
}

/** The paranoid `deletedAt IS NULL` filter, unless `paranoid: false`. @internal */
export function paranoidFilter(definition: ModelDefinition, alias: string | undefined, paranoid: boolean | undefined): Expr {
  const deletedAt = definition.timestamps.deletedAt;
  if (!definition.paranoid || paranoid === false || deletedAt === undefined) return { kind: 'const', value: true };
  const attr = definition.attributes.get(deletedAt) as NormalizedAttribute;
  return { kind: 'isNull', negated: false, left: { kind: 'column', table: alias, column: attr.field } };
}

function planAttributes(definition: ModelDefinition, attributes: FindOptions['attributes'], ctx: ExpressionContext): Selection[] {
  const all = (): Selection[] => definition.physicalAttributes.map((a) => ({ expr: ctx.attribute(a.name).expr, as: a.name }));
  if (attributes === undefined) return all();
  if (Array.isArray(attributes)) return attributes.map((a: unknown) => selection(a, ctx));
  if (typeof attributes === 'object' && attributes !== null) {
    const spec = attributes as { include?: readonly unknown[]; exclude?: readonly string[] };
    const excluded = new Set(spec.exclude ?? []);
    for (const name of excluded) ctx.withClause('attributes.exclude').attribute(name);
    return [...all().filter((s) => !excluded.has(s.as)), ...(spec.include ?? []).map((a) => selection(a, ctx))];
  }
  throw InvalidOptionError.expected(`${definition.modelName}.findAll`, 'attributes', 'an array or { include, exclude }', attributes);
}

function selection(entry: unknown, ctx: ExpressionContext): Selection {
  if (typeof entry === 'string') return { expr: ctx.attribute(entry).expr, as: ctx.attribute(entry).attribute?.name ?? entry };
  if (Array.isArray(entry) && entry.length === 2 && typeof entry[1] === 'string') {
    const [source, as] = entry as [unknown, string];
    checkAlias(ctx, as);
    const expr = typeof source === 'string' ? ctx.attribute(source).expr : fragmentExpr(source, ctx);
    return { expr, as };
  }
  // A bare col() selects the column under its own name, as in Sequelize.
  if (entry instanceof Col) return { expr: ctx.col(entry.col).expr, as: entry.col.slice(entry.col.lastIndexOf('.') + 1) };
  if (entry instanceof Fn || entry instanceof Literal || entry instanceof Cast || entry instanceof Json) {
    throw InvalidOptionError.expected(`${ctx.definition.modelName}.findAll`, 'an attribute expression', 'paired with an alias: [fn(…), "alias"]', entry);
  }
  if (Array.isArray(entry) && entry.length !== 2) throw InvalidOptionError.attributeDefinition(entry);
  throw InvalidOptionError.expected(`${ctx.definition.modelName}.findAll`, 'each attribute', 'an attribute name or [expression, alias]', entry);
}

/** PostgreSQL's identifier limit (NAMEDATALEN - 1), the smallest of the dialects'. */
const MAX_ALIAS_BYTES = 63;
/** Half of a surrogate pair on its own: not valid UTF-16, so no driver returns it unchanged. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A result column alias must come back under the same name on every dialect, or its value would be
 * read as missing (null): PostgreSQL truncates names past 63 bytes, MySQL drops leading spaces,
 * drivers replace lone surrogates, and a "__proto__" key is swallowed by the plain row object.
 */
function checkAlias(ctx: ExpressionContext, as: string): void {
  const bad = as === '' || as === '__proto__' || /^\s|\s$|[\u0000-\u001f\u007f]/.test(as) || LONE_SURROGATE.test(as) || Buffer.byteLength(as) > MAX_ALIAS_BYTES;
  if (bad) {
    throw InvalidOptionError.expected(
      `${ctx.definition.modelName}.findAll`,
      'an attribute alias',
      `a name of 1 to ${MAX_ALIAS_BYTES} bytes of valid text without control characters or surrounding spaces, other than "__proto__"`,
      as,
    );
  }
}

type Direction = Pick<OrderItem, 'direction' | 'nulls'>;
const DIRECTIONS: ReadonlyMap<string, Direction> = new Map(
  (['ASC', 'DESC'] as const).flatMap((d): [string, Direction][] => [
    [d, { direction: d, nulls: undefined }],
    [`${d} NULLS FIRST`, { direction: d, nulls: 'FIRST' }],
    [`${d} NULLS LAST`, { direction: d, nulls: 'LAST' }],
  ]),
);

function planOrder(order: FindOptions['order'], ctx: ExpressionContext): OrderItem[] {
  if (order === undefined || order === null) return [];
  const entries: unknown[] = Array.isArray(order) ? (isFlatPair(order, ctx) ? [order] : order) : [order];
  return entries.map((entry) => orderItem(entry, ctx));
}

function isFragment(value: unknown): value is Fn | Col | Literal | Cast | Json {
  return value instanceof Fn || value instanceof Col || value instanceof Literal || value instanceof Cast || value instanceof Json;
}

// `order: [col('name'), 'DESC']`, one entry written without its brackets. Sequelize reads it as two
// entries and fails on a column named DESC; read as one, it sorts as meant.
function isFlatPair(order: readonly unknown[], ctx: ExpressionContext): boolean {
  const [first, last] = order;
  return order.length === 2 && isFragment(first) && typeof last === 'string' && DIRECTIONS.has(last.toUpperCase()) && !ctx.definition.attributes.has(last);
}

// An expression (fn, col, literal, cast) without a direction gets none, as in Sequelize: a literal
// may carry its own (`literal('score DESC')`).
const NO_DIRECTION: Direction = { direction: undefined, nulls: undefined };

function orderItem(entry: unknown, ctx: ExpressionContext): OrderItem {
  if (typeof entry === 'string') return { expr: ctx.withClause('order ASC').col(entry.startsWith('$') && entry.endsWith('$') ? entry.slice(1, -1) : entry).expr, direction: 'ASC', nulls: undefined };
  if (isFragment(entry)) return { expr: fragmentExpr(entry, ctx), ...NO_DIRECTION };
  if (Array.isArray(entry) && entry.length > 0) {
    const last = entry[entry.length - 1];
    const direction = typeof last === 'string' && entry.length > 1 ? DIRECTIONS.get(last.toUpperCase()) : undefined;
    if (typeof last === 'string' && entry.length > 1 && direction === undefined && entry.length === 2 && !(typeof entry[0] !== 'string')) {
      throw InvalidOptionError.expected(`${ctx.definition.modelName} order`, 'the direction', `one of ${[...DIRECTIONS.keys()].join(', ')}`, last);
    }
    const parts = direction ? entry.slice(0, -1) : entry;
    if (parts.length === 1) {
      const [only] = parts;
      if (typeof only !== 'string') return { expr: fragmentExpr(only, ctx), ...(direction ?? NO_DIRECTION) };
      const dir = direction ?? { direction: 'ASC' as const, nulls: undefined };
      return { expr: ctx.withClause(`order ${dir.direction}`).col(only.startsWith('$') && only.endsWith('$') ? only.slice(1, -1) : only).expr, ...dir };
    }
    const dir = direction ?? { direction: 'ASC' as const, nulls: undefined };
    const pctx = ctx.withClause(`order ${dir.direction}`);
    if (parts.every((p) => typeof p === 'string')) return { expr: pctx.path((parts as string[]).join('.')).expr, ...dir };
    if (ctx.resolvePath === undefined) {
      throw new InvalidOptionError(`${ctx.definition.modelName} order: ordering by an associated model needs that association in include`);
    }
    return { expr: pctx.path(associationNames(parts, ctx.definition.modelName).join('.')).expr, ...dir };
  }
  throw InvalidOptionError.expected(`${ctx.definition.modelName} order`, 'each entry', 'an attribute name, [attribute, direction], fn(), col() or literal()', entry);
}

interface AssociationHolder {
  readonly associations?: Record<string, { readonly target: unknown; readonly as: string; readonly isAliased?: boolean }>;
  readonly sequelize?: { readonly models?: Record<string, unknown> };
}

/**
 * The alias path of an order entry's association parts. A model class stands for the association
 * to it from the model before it (`[Tag, 'id']` is `Tags.id` for `Product.belongsToMany(Tag)`), as in Sequelize.
 */
function associationNames(parts: readonly unknown[], rootName: string): string[] {
  const firstModel = parts.find((p) => typeof p === 'function') as AssociationHolder | undefined;
  let current = firstModel?.sequelize?.models?.[rootName] as AssociationHolder | undefined;
  return parts.map((part) => {
    if (typeof part === 'string') {
      current = current?.associations?.[part]?.target as AssociationHolder | undefined;
      return part;
    }
    if (typeof part === 'function') {
      const matching = Object.values(current?.associations ?? {}).filter((a) => a.target === part);
      const chosen = matching.find((a) => a.isAliased !== true) ?? (matching.length === 1 ? matching[0] : undefined);
      current = part as AssociationHolder;
      if (chosen) return chosen.as;
    } else if (part !== null && typeof part === 'object' && 'target' in part) {
      current = part.target as AssociationHolder;
    }
    return associationName(part);
  });
}

function associationName(part: unknown): string {
  if (part !== null && typeof part === 'object' && 'as' in part && typeof part.as === 'string') return part.as;
  if (typeof part === 'function' && 'name' in part) return String(part.name);
  return String(part);
}

function planGroup(group: FindOptions['group'], ctx: ExpressionContext): Expr[] {
  if (group === undefined) return [];
  const entries: unknown[] = Array.isArray(group) ? group : [group];
  // Sequelize also takes a path array per entry (`group: [['name']]`, `[['Model', 'name']]`).
  const path = (g: unknown): string | undefined => (Array.isArray(g) && g.length > 0 && g.every((p) => typeof p === 'string') ? g.join('.') : undefined);
  return entries.map((g) => (typeof g === 'string' ? ctx.col(g).expr : path(g) !== undefined ? ctx.col(path(g) as string).expr : fragmentExpr(g, ctx)));
}

function planLock(definition: ModelDefinition, lock: FindOptions['lock']): LockStrength | undefined {
  if (lock === undefined || lock === false) return undefined;
  if (lock === true) return 'UPDATE';
  const level = typeof lock === 'object' && lock !== null ? lock.level : lock;
  if (level === 'UPDATE' || level === 'SHARE' || level === 'KEY SHARE' || level === 'NO KEY UPDATE') return level;
  throw InvalidOptionError.expected(`${definition.modelName}.findAll`, 'lock', 'true, one of UPDATE, SHARE, KEY SHARE, NO KEY UPDATE, or { level, of: Model }', lock);
}

/** `lock: { level, of }`: the alias of the model queried, the only model `of` may name. */
function lockOf(definition: ModelDefinition, alias: string, lock: FindOptions['lock']): string | undefined {
  if (typeof lock !== 'object' || lock === null) return undefined;
  const of: unknown = lock.of;
  if (typeof of === 'function' && (of as { tableName?: unknown }).tableName === definition.tableName) return alias;
  const got = typeof of === 'function' ? (of as { name: string }).name : of;
  throw InvalidOptionError.expected(`${definition.modelName}.findAll`, 'lock.of', `the model queried (${definition.modelName})`, got);
}

/** Accepts integers and integer strings; anything else is an error, never SQL. @internal */
export function nonNegativeInteger(definition: ModelDefinition, option: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw InvalidOptionError.expected(`${definition.modelName}.findAll`, option, 'a non-negative integer', value);
  }
  return n;
}

/** The row reader for a selection: each key with the data type that parses it. @internal */
export function readerFor(definition: ModelDefinition, selections: readonly Selection[]): RowReader {
  const keys = selections.map((s) => s.as);
  const types = selections.map((s) => {
    const attr = definition.attributes.get(s.as);
    return attr && s.expr.kind === 'column' && s.expr.column === attr.field ? attr.type : undefined;
  });
  return { keys, types };
}
