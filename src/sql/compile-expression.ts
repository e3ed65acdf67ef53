import { sql, type RawBuilder } from 'kysely';
import type { DialectCapabilities } from '../dialects/adapter.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { Expr, OrderItem } from '../query/expression.js';
import type { SelectPlan } from '../query/select-plan.js';

type Raw = RawBuilder<unknown>;

/**
 * What compiling an expression needs: the dialect's capabilities and, for expressions holding a
 * subquery (`IN (SELECT …)`, `EXISTS`), the compiler of the enclosing statement, which builds the
 * subquery on the same session (select.ts `compileContext`). Plain capabilities compile everything else.
 * @internal
 */
export type CompileContext = DialectCapabilities & { readonly compileSubquery?: ((plan: SelectPlan) => Raw) | undefined };

/**
 * Turns the expression tree into Kysely SQL. Identifiers go through `sql.id` (quoted by the dialect),
 * values through parameters; only `literal` nodes (from the user's `literal()`) and validated
 * function and type names are emitted as text.
 * @internal
 */
export function compileExpr(expr: Expr, caps: CompileContext): Raw {
  switch (expr.kind) {
    case 'column':
      return expr.table === undefined ? sql.id(expr.column) : sql.id(expr.table, expr.column);
    case 'value':
      return sql`${expr.value}`;
    case 'list':
      return sql.join(expr.items.map((i) => compileExpr(i, caps)));
    case 'fn':
      return expr.args.length === 0
        ? sql`${sql.raw(expr.name)}()`
        : sql`${sql.raw(expr.name)}(${sql.raw(expr.distinct ? 'DISTINCT ' : '')}${sql.join(expr.args.map((a) => compileExpr(a, caps)))})`;
    case 'cast':
      return sql`CAST(${compileExpr(expr.expr, caps)} AS ${sql.raw(expr.type)})`;
    case 'literal':
      return sql.raw(expr.sql);
    case 'star':
      return expr.table === undefined ? sql`*` : sql`${sql.id(expr.table)}.*`;
    case 'binary':
      return sql`${compileExpr(expr.left, caps)} ${sql.raw(expr.op)} ${compileExpr(expr.right, caps)}`;
    case 'like': {
      const negated = expr.op === 'notLike' || expr.op === 'notILike';
      const insensitive = expr.op === 'iLike' || expr.op === 'notILike';
      const keyword = sql.raw(negated ? 'NOT LIKE' : 'LIKE');
      if (!insensitive) return sql`${compileExpr(expr.left, caps)} ${keyword} ${compileExpr(expr.right, caps)}`;
      if (caps.ilike) return sql`${compileExpr(expr.left, caps)} ${sql.raw(negated ? 'NOT ILIKE' : 'ILIKE')} ${compileExpr(expr.right, caps)}`;
      return sql`LOWER(${compileExpr(expr.left, caps)}) ${keyword} LOWER(${compileExpr(expr.right, caps)})`;
    }
    case 'between':
      return sql`${compileExpr(expr.left, caps)} ${sql.raw(expr.negated ? 'NOT BETWEEN' : 'BETWEEN')} ${compileExpr(expr.low, caps)} AND ${compileExpr(expr.high, caps)}`;
    case 'in': {
      const arrayType = listParameterType(expr, caps);
      if (arrayType !== undefined) {
        // One array parameter for the whole list (a cached plan binds it as one value, see plan-cache.ts).
        const right = expr.right as Extract<Expr, { kind: 'list' | 'value' }>;
        const values = right.kind === 'value' ? right.value : right.items.map((i) => (i as Extract<Expr, { kind: 'value' }>).value);
        return sql`${compileExpr(expr.left, caps)} ${sql.raw(expr.negated ? '<> ALL' : '= ANY')}(${values}::${sql.raw(arrayType)}[])`;
      }
      return sql`${compileExpr(expr.left, caps)} ${sql.raw(expr.negated ? 'NOT IN' : 'IN')} (${compileExpr(expr.right, caps)})`;
    }
    case 'isNull':
      return sql`${compileExpr(expr.left, caps)} ${sql.raw(expr.negated ? 'IS NOT NULL' : 'IS NULL')}`;
    case 'is':
      return sql`${compileExpr(expr.left, caps)} ${sql.raw(`${expr.negated ? 'IS NOT' : 'IS'} ${expr.right ? 'TRUE' : 'FALSE'}`)}`;
    case 'logical':
      return sql`(${sql.join(expr.items.map((i) => compileExpr(i, caps)), sql.raw(expr.op === 'and' ? ' AND ' : ' OR '))})`;
    case 'not':
      return sql`NOT (${compileExpr(expr.expr, caps)})`;
    case 'const':
      return sql.raw(expr.value ? '1 = 1' : '1 = 0');
    case 'subquery':
      if (caps.compileSubquery === undefined) throw new InvalidOptionError('subqueries need the select compiler');
      return caps.compileSubquery(expr.plan);
    case 'exists':
      if (caps.compileSubquery === undefined) throw new InvalidOptionError('EXISTS subqueries need the select compiler');
      return sql`${sql.raw(expr.negated ? 'NOT EXISTS' : 'EXISTS')} ${caps.compileSubquery(expr.plan)}`;
    case 'jsonRows':
      return compileJsonRows(expr, caps);
    case 'jsonPath':
      return compileJsonPath(expr, caps);
  }
}

/**
 * The array element type when this `IN` binds its list as one array parameter: on a dialect that
 * binds lists so (PostgreSQL), for a list of plain values of a type it maps, or for the one
 * parameter a cached plan put in the list's place. Otherwise undefined.
 * @internal
 */
export function listParameterType(expr: Extract<Expr, { kind: 'in' }>, caps: DialectCapabilities): string | undefined {
  const typeOf = caps.listParameterType;
  if (typeOf === undefined || expr.valueType === undefined) return undefined;
  const right = expr.right;
  if (right.kind === 'list') {
    if (right.items.length === 0) return undefined;
    for (const item of right.items) if (item.kind !== 'value') return undefined;
  } else if (right.kind !== 'value') return undefined;
  return typeOf(expr.valueType);
}

/**
 * A value inside a JSON column, read as text; the path is a bound parameter.
 * SQLite: `json_extract("meta", ?)` with `$."a"."b"`; PostgreSQL: `("meta" #>> ?)` with `{a,b}`;
 * MySQL/MariaDB: `json_unquote(json_extract(`meta`, ?))`. Compared with a number, it is cast.
 */
function compileJsonPath(expr: Extract<Expr, { kind: 'jsonPath' }>, caps: CompileContext): Raw {
  const style = caps.jsonPath;
  if (style === false) throw new InvalidOptionError('where on a value inside a JSON column is not available on this dialect; use literal()');
  const column = compileExpr(expr.left, caps);
  // A number is an array index (from json('meta.tags[0]')).
  const dotted = `$${expr.path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `."${segment}"`)).join('')}`;
  const text =
    style.style === 'path_array' ? sql`(${column} #>> ${expr.path.map(String)})` : style.style === 'json_extract' ? sql`json_extract(${column}, ${dotted})` : sql`json_unquote(json_extract(${column}, ${dotted}))`;
  return expr.number ? sql`CAST(${text} AS ${sql.raw(style.numberType)})` : text;
}

/** The JSON row aggregate, as the dialect spells it (see JsonRowsDialect). */
function compileJsonRows(expr: Extract<Expr, { kind: 'jsonRows' }>, caps: CompileContext): Raw {
  const spelling = caps.jsonRows;
  if (spelling === false) throw new InvalidOptionError('JSON row aggregates are not available on this dialect');
  const items = expr.items.map((i) => ({ sql: compileExpr(i, caps), json: i.kind === 'subquery' }));
  const order = expr.order.length === 0 ? undefined : sql` ORDER BY ${sql.join(expr.order.map((o) => compileOrderItem(o, caps)))}`;
  return spelling.aggregate(items, order) as Raw;
}

/** One ORDER BY item. @internal */
export function compileOrderItem(item: OrderItem, caps: CompileContext): Raw {
  const expr = compileExpr(item.expr, caps);
  if (item.direction === undefined) return expr;
  const nulls = item.nulls === undefined ? '' : ` NULLS ${item.nulls}`;
  return sql`${expr} ${sql.raw(item.direction + nulls)}`;
}
