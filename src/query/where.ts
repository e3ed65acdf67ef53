import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { NormalizedAttribute } from '../metadata/model-definition.js';
import type { ExpressionContext, ResolvedColumn } from './expression-context.js';
import { and, TRUE, type BinaryOp, type Expr, type LikeOp } from './expression.js';
import { Cast, Col, Fn, Json, Literal, Where } from './fragments.js';
import { Op, OP_NAMES } from './operators.js';

/**
 * Compiles a Sequelize-style where object into the expression tree. Keys are attributes (checked),
 * `$path$` references, or the logical operator symbols; every value becomes a bound parameter,
 * converted by the attribute's data type.
 * @internal
 */
export function compileWhere(where: unknown, ctx: ExpressionContext): Expr {
  if (where === undefined || where === null) return TRUE;
  if (Array.isArray(where)) return and(where.map((w) => compileWhere(w, ctx)));
  if (where instanceof Where) return compileWhereCall(where, ctx);
  if (where instanceof Json) return compileJsonFragment(where, ctx);
  if (where instanceof Literal) return { kind: 'literal', sql: where.val };
  if (where instanceof Fn || where instanceof Cast || where instanceof Col) return fragmentExpr(where, ctx);
  if (!isPlainObject(where)) {
    throw InvalidOptionError.expected(`${ctx.definition.modelName} ${ctx.clause}`, 'the where clause', 'an object, an array, where() or literal()', where);
  }
  const parts: Expr[] = [];
  for (const key of Object.keys(where)) {
    const value = where[key];
    if (value === undefined) {
      throw new InvalidOptionError(
        `${ctx.definition.modelName} ${ctx.clause}: WHERE parameter "${key}" has invalid "undefined" value (use null to match NULL)`,
      );
    }
    // As in Sequelize, a where() or json() under a key is the condition itself; the key only names it.
    if (value instanceof Where || value instanceof Json) {
      parts.push(fragmentExpr(value, ctx));
      continue;
    }
    const json = jsonKey(key, ctx);
    if (json !== undefined) {
      parts.push(compileJsonValue(json.column, json.path, value, ctx, json.number));
      continue;
    }
    const column = ctx.key(key);
    const condition = compileAttributeValue(column.expr, column.attribute, value, ctx);
    parts.push(column.wrap ? column.wrap(condition) : condition);
  }
  for (const symbol of Object.getOwnPropertySymbols(where)) {
    const value = (where as Record<symbol, unknown>)[symbol];
    if (symbol === Op.and) parts.push(and(listOf(value).map((w) => compileWhere(w, ctx))));
    else if (symbol === Op.or) parts.push(or(listOf(value).map((w) => compileWhere(w, ctx))));
    else if (symbol === Op.not) parts.push({ kind: 'not', expr: compileWhere(value, ctx) });
    else throw unknownOperator(symbol, ctx, 'at the top of a where clause; use Op.and, Op.or or Op.not');
  }
  return and(parts);
}

function compileWhereCall(w: Where, ctx: ExpressionContext): Expr {
  const left: ResolvedColumn = typeof w.attribute === 'string' ? ctx.key(w.attribute) : { expr: fragmentExpr(w.attribute, ctx), attribute: undefined };
  const condition = w.comparator !== undefined ? compileOperator(w.comparator, left.expr, left.attribute, w.logic, ctx) : compileAttributeValue(left.expr, left.attribute, w.logic, ctx);
  return left.wrap ? left.wrap(condition) : condition;
}

function compileAttributeValue(left: Expr, attribute: NormalizedAttribute | undefined, value: unknown, ctx: ExpressionContext): Expr {
  if (value === null) return { kind: 'isNull', negated: false, left };
  if (Array.isArray(value)) return compileOperator(Op.in, left, attribute, value, ctx);
  if (isFragment(value)) return { kind: 'binary', op: '=', left, right: fragmentExpr(value, ctx) };
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    // On a JSON attribute, string keys are a path into the value (Sequelize's nested JSON where).
    if (keys.length > 0 && attribute !== undefined && isJsonType(attribute)) return compileJsonObject(left, [], value, ctx);
    if (keys.length > 0) {
      throw new InvalidOptionError(
        `${ctx.definition.modelName} ${ctx.clause}: ${describeLeft(left)} got an object with key ${JSON.stringify(keys[0])}; operators must be Op symbols such as Op.gt (string operators like "$gt" are not accepted)`,
      );
    }
    const symbols = Object.getOwnPropertySymbols(value);
    if (symbols.length === 0) {
      // An empty object would compile to no condition at all: `{ password: {} }` from a JSON body
      // would match every row.
      throw new InvalidOptionError(
        `${ctx.definition.modelName} ${ctx.clause}: ${describeLeft(left)} got an empty object; give a value, null, an array, or Op operators such as { [Op.gt]: 1 }`,
      );
    }
    return and(symbols.map((s) => compileOperator(s, left, attribute, (value as Record<symbol, unknown>)[s], ctx)));
  }
  return { kind: 'binary', op: '=', left, right: valueExpr(value, attribute, ctx) };
}

const COMPARISONS: ReadonlyMap<symbol, BinaryOp> = new Map([
  [Op.gt, '>'],
  [Op.gte, '>='],
  [Op.lt, '<'],
  [Op.lte, '<='],
]);

const LIKES: ReadonlyMap<symbol, LikeOp> = new Map([
  [Op.like, 'like'],
  [Op.notLike, 'notLike'],
  [Op.iLike, 'iLike'],
  [Op.notILike, 'notILike'],
]);

function compileOperator(op: symbol, left: Expr, attribute: NormalizedAttribute | undefined, value: unknown, ctx: ExpressionContext): Expr {
  const comparison = COMPARISONS.get(op);
  if (comparison !== undefined) return { kind: 'binary', op: comparison, left, right: operand(value, attribute, ctx, op) };
  const like = LIKES.get(op);
  if (like !== undefined) return { kind: 'like', op: like, left, right: operand(value, undefined, ctx, op) };
  switch (op) {
    case Op.eq:
      return value === null ? { kind: 'isNull', negated: false, left } : { kind: 'binary', op: '=', left, right: operand(value, attribute, ctx, op) };
    case Op.ne:
      return value === null ? { kind: 'isNull', negated: true, left } : { kind: 'binary', op: '<>', left, right: operand(value, attribute, ctx, op) };
    case Op.is:
      if (value === null) return { kind: 'isNull', negated: false, left };
      if (typeof value === 'boolean') return { kind: 'is', negated: false, left, right: value };
      throw InvalidOptionError.expected(where(ctx), 'Op.is', 'null, true or false', value);
    case Op.not:
      if (value === null) return { kind: 'isNull', negated: true, left };
      if (typeof value === 'boolean') return { kind: 'is', negated: true, left, right: value };
      if (isPlainObject(value)) return { kind: 'not', expr: compileAttributeValue(left, attribute, value, ctx) };
      if (Array.isArray(value)) return compileOperator(Op.notIn, left, attribute, value, ctx);
      return { kind: 'binary', op: '<>', left, right: operand(value, attribute, ctx, op) };
    case Op.in:
    case Op.notIn: {
      const negated = op === Op.notIn;
      if (value instanceof Literal) return { kind: 'in', negated, left, right: { kind: 'literal', sql: value.val } };
      if (!Array.isArray(value)) throw InvalidOptionError.expected(where(ctx), opName(op), 'an array', value);
      if (value.length === 0) return { kind: 'const', value: negated };
      return { kind: 'in', negated, left, right: { kind: 'list', items: value.map((v) => operand(v, attribute, ctx, op)) }, valueType: attribute === undefined || isJsonType(attribute) ? undefined : attribute.type };
    }
    case Op.between:
    case Op.notBetween: {
      if (!Array.isArray(value) || value.length !== 2) throw InvalidOptionError.expected(where(ctx), opName(op), 'an array of two values', value);
      return { kind: 'between', negated: op === Op.notBetween, left, low: operand(value[0], attribute, ctx, op), high: operand(value[1], attribute, ctx, op) };
    }
    case Op.startsWith:
    case Op.endsWith:
    case Op.substring: {
      if (typeof value !== 'string') throw InvalidOptionError.expected(where(ctx), opName(op), 'a string', value);
      const pattern = op === Op.startsWith ? `${value}%` : op === Op.endsWith ? `%${value}` : `%${value}%`;
      return { kind: 'like', op: 'like', left, right: { kind: 'value', value: pattern } };
    }
    case Op.and:
      return and(listOf(value).map((v) => compileAttributeValue(left, attribute, v, ctx)));
    case Op.or:
      return or(listOf(value).map((v) => compileAttributeValue(left, attribute, v, ctx)));
    case Op.col:
      if (typeof value !== 'string') throw InvalidOptionError.expected(where(ctx), 'Op.col', 'a column name', value);
      return { kind: 'binary', op: '=', left, right: ctx.col(value).expr };
    default:
      throw unknownOperator(op, ctx, `on ${describeLeft(left)}`);
  }
}

function operand(value: unknown, attribute: NormalizedAttribute | undefined, ctx: ExpressionContext, op: symbol): Expr {
  if (isFragment(value)) return fragmentExpr(value, ctx);
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value) && !(value instanceof Uint8Array)) {
    throw InvalidOptionError.expected(where(ctx), opName(op), 'a scalar value', value);
  }
  return valueExpr(value, attribute, ctx);
}

function valueExpr(value: unknown, attribute: NormalizedAttribute | undefined, ctx: ExpressionContext): Expr {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array) && !(attribute && isJsonType(attribute))) {
    throw InvalidOptionError.expected(where(ctx), 'a compared value', 'a string, number, boolean, Date, Buffer or null', value);
  }
  if (attribute === undefined || value === null) return { kind: 'value', value };
  if (!isJsonType(attribute)) {
    // A value the column's type cannot hold would be coerced differently by each database
    // (MySQL reads '1; DELETE …' as 1); refuse it before any SQL exists.
    const problem = attribute.type.validate(value);
    if (problem !== undefined) {
      throw new InvalidOptionError(`${ctx.definition.modelName} ${ctx.clause}: ${attribute.name} is ${attribute.type.key}; ${problem}`);
    }
  }
  return { kind: 'value', value: attribute.type.toDb(value) };
}

/**
 * `'meta.a.b'` as a where key: the JSON attribute `meta` and the path `a.b` inside it. Undefined
 * when the key has no dot or its first part is no JSON attribute (it is then an ordinary key).
 */
function jsonKey(key: string, ctx: ExpressionContext): { column: Expr; path: string[]; number: boolean | undefined } | undefined {
  const dot = key.indexOf('.');
  if (dot <= 0 || key.startsWith('$')) return undefined;
  const head = key.slice(0, dot);
  const attribute = ctx.definition.attributes.get(head);
  if (attribute === undefined || !isJsonType(attribute)) return undefined;
  // 'meta.n::integer': Sequelize's cast suffix; numeric types compare as numbers, text types as text.
  const [rest, cast] = key.slice(dot + 1).split('::') as [string, string | undefined];
  let number: boolean | undefined;
  if (cast !== undefined) {
    number = JSON_CASTS.get(cast.trim().toLowerCase());
    if (number === undefined) throw InvalidOptionError.expected(where(ctx), `the cast in "${key}"`, `one of ${[...JSON_CASTS.keys()].join(', ')}`, cast);
  }
  return { column: ctx.attribute(head).expr, path: rest.split('.'), number };
}

/** The casts a dotted JSON key may end with: true compares as a number, false as text. */
const JSON_CASTS: ReadonlyMap<string, boolean> = new Map([
  ...['integer', 'int', 'bigint', 'smallint', 'float', 'real', 'double', 'double precision', 'decimal', 'numeric'].map((t) => [t, true] as const),
  ...['text', 'varchar', 'char', 'string'].map((t) => [t, false] as const),
]);

/** `{ a: { b: 1 }, c: { [Op.gt]: 2 } }` under a JSON column (or a path in it): one condition per key. */
function compileJsonObject(column: Expr, path: readonly (string | number)[], value: Record<string, unknown>, ctx: ExpressionContext, number?: boolean): Expr {
  const parts = Object.keys(value).map((key) => compileJsonValue(column, [...path, key], value[key], ctx));
  for (const symbol of Object.getOwnPropertySymbols(value)) {
    const operand = (value as Record<symbol, unknown>)[symbol];
    parts.push(path.length === 0 ? compileOperator(symbol, column, undefined, operand, ctx) : compileOperator(symbol, jsonPath(column, path, number ?? isNumeric(operand), ctx), undefined, operand, ctx));
  }
  return and(parts);
}

/** The condition on the value at `path` inside a JSON column, compared as text, or as a number when given numbers. */
function compileJsonValue(column: Expr, path: readonly (string | number)[], value: unknown, ctx: ExpressionContext, number?: boolean): Expr {
  if (value === undefined) {
    throw new InvalidOptionError(`${where(ctx)}: WHERE parameter "${path.join('.')}" has invalid "undefined" value (use null to match NULL)`);
  }
  if (isPlainObject(value)) {
    if (Object.keys(value).length === 0 && Object.getOwnPropertySymbols(value).length === 0) {
      throw new InvalidOptionError(`${where(ctx)}: "${path.join('.')}" got an empty object; give a value, null, an array, or Op operators such as { [Op.gt]: 1 }`);
    }
    return compileJsonObject(column, path, value, ctx, number);
  }
  const left = jsonPath(column, path, number ?? isNumeric(value), ctx);
  if (value === null) return { kind: 'isNull', negated: false, left };
  if (Array.isArray(value)) return compileOperator(Op.in, left, undefined, value, ctx);
  if (isFragment(value)) return { kind: 'binary', op: '=', left, right: fragmentExpr(value, ctx) };
  return { kind: 'binary', op: '=', left, right: valueExpr(value, undefined, ctx) };
}

// A path segment travels as a bound parameter; quotes, backslashes and control characters would
// change how the dialect's JSON path syntax reads it, so they are refused.
const PATH_SEGMENT = /^[^"\\\u0000-\u001f]+$/;

function jsonPath(column: Expr, path: readonly (string | number)[], number: boolean, ctx: ExpressionContext): Expr {
  for (const segment of path) {
    if (typeof segment === 'string' && !PATH_SEGMENT.test(segment)) {
      throw InvalidOptionError.expected(where(ctx), 'a JSON path segment', 'a non-empty key without quotes, backslashes or control characters', segment);
    }
  }
  return { kind: 'jsonPath', left: column, path, number };
}

/** Numbers (or lists of them) compare with the value cast to a number, as Sequelize does. */
function isNumeric(value: unknown): boolean {
  if (typeof value === 'number') return true;
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number');
}

function isJsonType(attribute: NormalizedAttribute): boolean {
  return attribute.type.key === 'JSON' || attribute.type.key === 'JSONB';
}

/** Turns fn()/col()/literal()/cast() or a plain value into an expression. @internal */
export function fragmentExpr(value: unknown, ctx: ExpressionContext): Expr {
  if (value instanceof Literal) return { kind: 'literal', sql: value.val };
  if (value instanceof Col) return ctx.col(value.col).expr;
  if (value instanceof Fn) return { kind: 'fn', name: value.fn, args: value.args.map((a) => fragmentExpr(a, ctx)) };
  if (value instanceof Cast) return { kind: 'cast', expr: fragmentExpr(value.val, ctx), type: value.type };
  if (value instanceof Where) return compileWhereCall(value, ctx);
  if (value instanceof Json) return compileJsonFragment(value, ctx);
  if (isPlainObject(value) || Array.isArray(value)) {
    // A where object nested in fn() args (e.g. fn('COALESCE', …)) is not valid SQL; refuse clearly.
    throw InvalidOptionError.expected(where(ctx), 'a function argument', 'a value, col(), fn(), cast() or literal()', value);
  }
  return { kind: 'value', value };
}

function isFragment(value: unknown): value is Literal | Col | Fn | Cast | Where | Json {
  return value instanceof Literal || value instanceof Col || value instanceof Fn || value instanceof Cast || value instanceof Where || value instanceof Json;
}

/**
 * Sequelize's `json()`: the value at a path inside an attribute (checked against the model), or,
 * given a value or an object of conditions, the comparison. Every path segment is bound.
 */
function compileJsonFragment(value: Json, ctx: ExpressionContext): Expr {
  if (value.conditions !== undefined) {
    const conditions = value.conditions;
    return and(Object.keys(conditions).map((name) => compileJsonValue(ctx.attribute(name).expr, [], conditions[name], ctx)));
  }
  const [head, ...path] = value.segments as [string, ...(string | number)[]];
  const column = ctx.attribute(head).expr;
  return value.value === undefined ? jsonPath(column, path, false, ctx) : compileJsonValue(column, path, value.value, ctx);
}

/** True for `{}`-style objects (not arrays, dates, buffers, class instances). @internal */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) {
    // { [Op.or]: { a: 1, b: 2 } } means a = 1 OR b = 2: one entry per key.
    const entries: unknown[] = Object.keys(value).map((k) => ({ [k]: value[k] }));
    for (const s of Object.getOwnPropertySymbols(value)) entries.push({ [s]: (value as Record<symbol, unknown>)[s] });
    return entries;
  }
  return [value];
}

function or(items: Expr[]): Expr {
  if (items.length === 0) return { kind: 'const', value: false };
  if (items.length === 1) return items[0] as Expr;
  return { kind: 'logical', op: 'or', items };
}

function where(ctx: ExpressionContext): string {
  return `${ctx.definition.modelName} ${ctx.clause}`;
}

function opName(op: symbol): string {
  return `Op.${OP_NAMES.get(op) ?? String(op.description)}`;
}

function describeLeft(left: Expr): string {
  return left.kind === 'column' ? `"${left.column}"` : 'the expression';
}

function unknownOperator(op: symbol, ctx: ExpressionContext, place: string): InvalidOptionError {
  return new InvalidOptionError(
    `${where(ctx)}: operator ${opName(op)} is not supported ${place}. Supported: ${[...OP_NAMES.values()].filter((n) => !['any', 'all', 'contains', 'contained', 'overlap', 'regexp', 'notRegexp'].includes(n)).map((n) => `Op.${n}`).join(', ')}`,
  );
}
