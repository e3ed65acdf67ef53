// Each operator is its own `unique symbol` type, so where objects are type-checked per operator
// (`{ [Op.gt]: 5 }` against the attribute's type); a plain `symbol` would accept anything.
const opEq: unique symbol = Symbol.for('eq');
const opNe: unique symbol = Symbol.for('ne');
const opGte: unique symbol = Symbol.for('gte');
const opGt: unique symbol = Symbol.for('gt');
const opLte: unique symbol = Symbol.for('lte');
const opLt: unique symbol = Symbol.for('lt');
const opNot: unique symbol = Symbol.for('not');
const opIs: unique symbol = Symbol.for('is');
const opIn: unique symbol = Symbol.for('in');
const opNotIn: unique symbol = Symbol.for('notIn');
const opLike: unique symbol = Symbol.for('like');
const opNotLike: unique symbol = Symbol.for('notLike');
const opILike: unique symbol = Symbol.for('iLike');
const opNotILike: unique symbol = Symbol.for('notILike');
const opStartsWith: unique symbol = Symbol.for('startsWith');
const opEndsWith: unique symbol = Symbol.for('endsWith');
const opSubstring: unique symbol = Symbol.for('substring');
const opRegexp: unique symbol = Symbol.for('regexp');
const opNotRegexp: unique symbol = Symbol.for('notRegexp');
const opBetween: unique symbol = Symbol.for('between');
const opNotBetween: unique symbol = Symbol.for('notBetween');
const opAnd: unique symbol = Symbol.for('and');
const opOr: unique symbol = Symbol.for('or');
const opAny: unique symbol = Symbol.for('any');
const opAll: unique symbol = Symbol.for('all');
const opCol: unique symbol = Symbol.for('col');
const opContains: unique symbol = Symbol.for('contains');
const opContained: unique symbol = Symbol.for('contained');
const opOverlap: unique symbol = Symbol.for('overlap');

/**
 * Query operators, as symbols. The symbols are the same registry symbols Sequelize v6 uses
 * (`Symbol.for('gt')`), so where objects built for Sequelize work unchanged. String keys such as
 * `"$gt"` are never operators: they arrive from untrusted JSON and are treated as (unknown) attribute
 * names, which the where compiler rejects.
 *
 * @example
 * User.findAll({ where: { age: { [Op.gte]: 18 }, [Op.or]: [{ name: 'a' }, { name: 'b' }] } })
 * // SELECT … WHERE "age" >= $1 AND ("name" = $2 OR "name" = $3)
 */
export const Op = {
  eq: opEq,
  ne: opNe,
  gte: opGte,
  gt: opGt,
  lte: opLte,
  lt: opLt,
  not: opNot,
  is: opIs,
  in: opIn,
  notIn: opNotIn,
  like: opLike,
  notLike: opNotLike,
  iLike: opILike,
  notILike: opNotILike,
  startsWith: opStartsWith,
  endsWith: opEndsWith,
  substring: opSubstring,
  regexp: opRegexp,
  notRegexp: opNotRegexp,
  between: opBetween,
  notBetween: opNotBetween,
  and: opAnd,
  or: opOr,
  any: opAny,
  all: opAll,
  col: opCol,
  contains: opContains,
  contained: opContained,
  overlap: opOverlap,
} as const;

/** The operator symbols. */
export type OpSymbol = (typeof Op)[keyof typeof Op];

/** Operator name by symbol. @internal */
export const OP_NAMES: ReadonlyMap<symbol, keyof typeof Op> = new Map(
  (Object.keys(Op) as (keyof typeof Op)[]).map((name) => [Op[name], name]),
);
