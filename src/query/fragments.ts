import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { Op } from './operators.js';

/**
 * Raw SQL text, written on purpose. The only way raw SQL enters a relata query.
 *
 * @example
 * User.findAll({ where: literal('"age" > 18') }) // … WHERE "age" > 18
 */
export class Literal {
  readonly val: string;
  constructor(val: string | number) {
    // A finite number is SQL too (`literal(2020)` as a default value), as Sequelize accepts it.
    if (typeof val === 'number' && Number.isFinite(val)) {
      this.val = String(val);
      return;
    }
    if (typeof val !== 'string') throw InvalidOptionError.expected('literal()', 'the SQL', 'a string or a finite number', val);
    this.val = val;
  }
}

/**
 * A column reference, checked against the model when it names an attribute.
 *
 * @example
 * User.findAll({ attributes: [[col('name'), 'n']] }) // SELECT "name" AS "n" …
 */
export class Col {
  readonly col: string;
  constructor(col: string) {
    if (typeof col !== 'string') throw InvalidOptionError.expected('col()', 'the column', 'a string', col);
    this.col = col;
  }
}

/**
 * A function call. The name must be a plain SQL identifier (letters, digits, `_`, `.`); arguments are
 * values (bound), `col()`, `literal()`, `cast()` or nested `fn()`.
 *
 * @example
 * User.findAll({ attributes: [[fn('COUNT', col('id')), 'n']] }) // SELECT COUNT("id") AS "n" …
 */
export class Fn {
  readonly fn: string;
  readonly args: readonly unknown[];
  constructor(fn: string, args: readonly unknown[]) {
    if (typeof fn !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(fn)) {
      throw InvalidOptionError.expected('fn()', 'the function name', 'a plain SQL identifier such as COUNT or LOWER', fn);
    }
    this.fn = fn;
    this.args = args;
  }
}

/**
 * A CAST of a value or expression to a SQL type (letters, digits, spaces, parentheses and commas only).
 *
 * @example
 * where(cast(col('age'), 'TEXT'), '42') // CAST("age" AS TEXT) = $1
 */
export class Cast {
  readonly val: unknown;
  readonly type: string;
  constructor(val: unknown, type: string) {
    if (typeof type !== 'string' || !/^[A-Za-z][A-Za-z0-9 _(),]*$/.test(type)) {
      throw InvalidOptionError.expected('cast()', 'the type', 'a SQL type name such as TEXT or DECIMAL(10,2)', type);
    }
    this.val = val;
    this.type = type.trim().toUpperCase();
  }
}

/**
 * A comparison whose left side is an expression: `where(fn('LOWER', col('name')), 'bob')`.
 *
 * @example
 * User.findAll({ where: where(fn('LOWER', col('name')), Op.eq, 'bob') }) // WHERE LOWER("name") = $1
 */
export class Where {
  readonly attribute: unknown;
  readonly comparator: symbol | undefined;
  readonly logic: unknown;
  constructor(attribute: unknown, comparator: symbol | undefined, logic: unknown) {
    this.attribute = attribute;
    this.comparator = comparator;
    this.logic = logic;
  }
}

/**
 * A value inside a JSON attribute, as Sequelize's `json()`: `json('meta.city')` is the value at that
 * path (read as text), `json('meta.city', 'Paris')` compares it with a bound value, and
 * `json({ meta: { city: 'Paris' } })` compares every leaf of the object. The path is
 * `attribute.key.key` (`[0]` or a digit segment indexes an array); the attribute is checked against
 * the model and every segment is bound, never written into the SQL.
 *
 * @example
 * User.findAll({ where: json('meta.city', 'Paris') }) // WHERE json_extract("User"."meta", ?) = ?
 */
export class Json {
  readonly conditions: Readonly<Record<string, unknown>> | undefined;
  readonly path: string | undefined;
  readonly value: unknown;
  constructor(conditionsOrPath: string | Readonly<Record<string, unknown>>, value?: unknown) {
    if (conditionsOrPath !== null && typeof conditionsOrPath === 'object' && !Array.isArray(conditionsOrPath)) {
      this.conditions = conditionsOrPath;
      this.path = undefined;
      this.value = undefined;
      return;
    }
    if (typeof conditionsOrPath !== 'string' || conditionsOrPath === '') {
      throw InvalidOptionError.expected('json()', 'the path', "a path such as 'meta.city' or an object of conditions", conditionsOrPath);
    }
    this.conditions = undefined;
    this.path = conditionsOrPath;
    this.value = value;
  }

  /**
   * The path's segments, as lodash's `toPath` reads them: `'meta.tags[0].name'` → `['meta', 'tags', 0, 'name']`.
   * Array indexes (and digit segments, as Sequelize reads them) are numbers.
   */
  get segments(): (string | number)[] {
    const path = this.path ?? '';
    const segments: (string | number)[] = [];
    const pattern = /[^.[\]]+|\[(?:(\d+)|(["'])((?:(?!\2)[^\\])*)\2)\]/g;
    let consumed = 0;
    for (let match = pattern.exec(path); match !== null; match = pattern.exec(path)) {
      const between = path.slice(consumed, match.index);
      if (between !== '' && between !== '.') break;
      consumed = match.index + match[0].length;
      const [whole, index, , quoted] = match;
      segments.push(index !== undefined ? Number(index) : quoted !== undefined ? quoted : /^\d+$/.test(whole) ? Number(whole) : whole);
    }
    if (consumed !== path.length || segments.length === 0 || typeof segments[0] !== 'string') {
      throw InvalidOptionError.expected('json()', 'the path', "attribute.key segments such as 'meta.city' or 'meta.tags[0]'", path);
    }
    return segments;
  }
}

/** @see Json */
export function json(conditionsOrPath: string | Readonly<Record<string, unknown>>, value?: unknown): Json {
  return new Json(conditionsOrPath, value);
}

/** @see Fn */
export function fn(name: string, ...args: unknown[]): Fn {
  return new Fn(name, args);
}
/** @see Col */
export function col(name: string): Col {
  return new Col(name);
}
/** @see Literal */
export function literal(sql: string | number): Literal {
  return new Literal(sql);
}
/** @see Cast */
export function cast(value: unknown, type: string): Cast {
  return new Cast(value, type);
}
// Comparators Sequelize accepts as text in where(left, '=', right).
const COMPARATORS: Readonly<Record<string, symbol>> = {
  '=': Op.eq, '!=': Op.ne, '<>': Op.ne, '>': Op.gt, '>=': Op.gte, '<': Op.lt, '<=': Op.lte,
  LIKE: Op.like, 'NOT LIKE': Op.notLike, ILIKE: Op.iLike, 'NOT ILIKE': Op.notILike, IN: Op.in, 'NOT IN': Op.notIn, IS: Op.is, 'IS NOT': Op.not,
};

/**
 * @see Where
 *
 * @example
 * where(col('Task.ownerCode'), '=', col('User.code')) // "Task"."ownerCode" = "User"."code"
 */
export function where(attribute: unknown, comparatorOrLogic: unknown, logic?: unknown): Where {
  if (logic === undefined && typeof comparatorOrLogic !== 'symbol') return new Where(attribute, undefined, comparatorOrLogic);
  if (typeof comparatorOrLogic === 'string') {
    const op = COMPARATORS[comparatorOrLogic.trim().toUpperCase()];
    if (op === undefined) throw InvalidOptionError.expected('where()', 'the comparator', `an Op symbol or one of ${Object.keys(COMPARATORS).join(', ')}`, comparatorOrLogic);
    return new Where(attribute, op, logic);
  }
  return new Where(attribute, comparatorOrLogic as symbol, logic);
}
