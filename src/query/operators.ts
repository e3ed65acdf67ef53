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
  eq: Symbol.for('eq'),
  ne: Symbol.for('ne'),
  gte: Symbol.for('gte'),
  gt: Symbol.for('gt'),
  lte: Symbol.for('lte'),
  lt: Symbol.for('lt'),
  not: Symbol.for('not'),
  is: Symbol.for('is'),
  in: Symbol.for('in'),
  notIn: Symbol.for('notIn'),
  like: Symbol.for('like'),
  notLike: Symbol.for('notLike'),
  iLike: Symbol.for('iLike'),
  notILike: Symbol.for('notILike'),
  startsWith: Symbol.for('startsWith'),
  endsWith: Symbol.for('endsWith'),
  substring: Symbol.for('substring'),
  regexp: Symbol.for('regexp'),
  notRegexp: Symbol.for('notRegexp'),
  between: Symbol.for('between'),
  notBetween: Symbol.for('notBetween'),
  and: Symbol.for('and'),
  or: Symbol.for('or'),
  any: Symbol.for('any'),
  all: Symbol.for('all'),
  col: Symbol.for('col'),
  contains: Symbol.for('contains'),
  contained: Symbol.for('contained'),
  overlap: Symbol.for('overlap'),
} as const;

/** The operator symbols. */
export type OpSymbol = (typeof Op)[keyof typeof Op];

/** Operator name by symbol. @internal */
export const OP_NAMES: ReadonlyMap<symbol, keyof typeof Op> = new Map(
  (Object.keys(Op) as (keyof typeof Op)[]).map((name) => [Op[name], name]),
);
