// TypeORM's find operators: values of `where` that say how a property compares (`MoreThan(5)`,
// `In([1, 2])`, `Not(IsNull())`). They only describe the comparison; src/typeorm/where.ts turns
// them into relata's Op conditions, every value a bound parameter.
import { InvalidOptionError } from '../index.js';

/** The comparisons a FindOperator makes, by TypeORM's names. */
export type FindOperatorType =
  | 'not'
  | 'lessThan'
  | 'lessThanOrEqual'
  | 'moreThan'
  | 'moreThanOrEqual'
  | 'equal'
  | 'between'
  | 'in'
  | 'any'
  | 'isNull'
  | 'like'
  | 'ilike'
  | 'and'
  | 'or'
  | 'raw';

/**
 * A comparison in `where`, as TypeORM's `FindOperator`: built by `In`, `Not`, `LessThan`… and
 * typed by the property it compares, so `where: { id: Like('a%') }` does not compile when `id` is a
 * number.
 *
 * @example
 * users.find({ where: { age: MoreThan(18) } }) // … WHERE "User"."age" > $1
 */
export class FindOperator<T> {
  readonly #type: FindOperatorType;
  readonly #value: unknown;
  readonly #sql: ((alias: string) => string) | undefined;
  readonly #parameters: Readonly<Record<string, unknown>> | undefined;
  /** Ties the operator to the type of the property it compares (never set). */
  declare readonly __valueType?: T;

  constructor(type: FindOperatorType, value: unknown, sql?: (alias: string) => string, parameters?: Readonly<Record<string, unknown>>) {
    this.#type = type;
    this.#value = value;
    this.#sql = sql;
    this.#parameters = parameters;
  }

  /** The comparison (`'moreThan'`, `'in'`…). */
  get type(): FindOperatorType {
    return this.#type;
  }

  /** The value compared with: a value, a list (`in`, `between`), an operator (`not`) or operators (`and`, `or`). */
  get value(): unknown {
    return this.#value;
  }

  /** The operator inside `Not(…)`, when it holds one. */
  get child(): FindOperator<T> | undefined {
    return this.#value instanceof FindOperator ? (this.#value as FindOperator<T>) : undefined;
  }

  /** `Raw`'s SQL, given the column's qualified name. @internal */
  get sql(): ((alias: string) => string) | undefined {
    return this.#sql;
  }

  /** `Raw`'s named parameters. @internal */
  get parameters(): Readonly<Record<string, unknown>> | undefined {
    return this.#parameters;
  }
}

/** A value, or an operator on values of its type. */
type ValueOrOperator<T> = T | FindOperator<T>;

/** `Not(value)` or `Not(operator)`: the negation. @example where: { name: Not('ada') } // "name" != $1 */
export function Not<T>(value: ValueOrOperator<T>): FindOperator<T> {
  return new FindOperator<T>('not', value);
}

/** @example where: { age: LessThan(18) } // "age" < $1 */
export function LessThan<T>(value: ValueOrOperator<T>): FindOperator<T> {
  return new FindOperator<T>('lessThan', value);
}

/** @example where: { age: LessThanOrEqual(18) } // "age" <= $1 */
export function LessThanOrEqual<T>(value: ValueOrOperator<T>): FindOperator<T> {
  return new FindOperator<T>('lessThanOrEqual', value);
}

/** @example where: { age: MoreThan(18) } // "age" > $1 */
export function MoreThan<T>(value: ValueOrOperator<T>): FindOperator<T> {
  return new FindOperator<T>('moreThan', value);
}

/** @example where: { age: MoreThanOrEqual(18) } // "age" >= $1 */
export function MoreThanOrEqual<T>(value: ValueOrOperator<T>): FindOperator<T> {
  return new FindOperator<T>('moreThanOrEqual', value);
}

/** @example where: { name: Equal('ada') } // "name" = $1 */
export function Equal<T>(value: ValueOrOperator<T>): FindOperator<T> {
  return new FindOperator<T>('equal', value);
}

/** @example where: { age: Between(18, 65) } // "age" BETWEEN $1 AND $2 */
export function Between<T>(from: T, to: T): FindOperator<T> {
  return new FindOperator<T>('between', [from, to]);
}

/** @example where: { id: In([1, 2, 3]) } // "id" IN ($1, $2, $3); an empty list matches nothing */
export function In<T>(values: readonly T[]): FindOperator<T> {
  if (!Array.isArray(values)) throw InvalidOptionError.expected('In()', 'the values', 'an array', values);
  return new FindOperator<T>('in', values);
}

/** PostgreSQL's `= ANY($1)`; relata runs it as `IN (…)` on every database, with the same rows. */
export function Any<T>(values: readonly T[]): FindOperator<T> {
  if (!Array.isArray(values)) throw InvalidOptionError.expected('Any()', 'the values', 'an array', values);
  return new FindOperator<T>('any', values);
}

/** @example where: { deletedAt: IsNull() } // "deletedAt" IS NULL */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's IsNull fits a property of any type
export function IsNull(): FindOperator<any> {
  return new FindOperator<never>('isNull', undefined);
}

/** @example where: { name: Like('a%') } // "name" LIKE $1 */
export function Like(value: ValueOrOperator<string>): FindOperator<string> {
  return new FindOperator<string>('like', value);
}

/** Case-insensitive LIKE (ILIKE on PostgreSQL; SQLite's and MariaDB's LIKE already ignore case). */
export function ILike(value: ValueOrOperator<string>): FindOperator<string> {
  return new FindOperator<string>('ilike', value);
}

/** Every operator holds. @example where: { age: And(MoreThan(10), LessThan(20)) } // ("age" > $1 AND "age" < $2) */
export function And<T>(...operators: FindOperator<T>[]): FindOperator<T> {
  return new FindOperator<T>('and', operators);
}

/** One operator holds. @example where: { age: Or(IsNull(), MoreThan(60)) } // ("age" IS NULL OR "age" > $1) */
export function Or<T>(...operators: FindOperator<T>[]): FindOperator<T> {
  return new FindOperator<T>('or', operators);
}

/**
 * Raw SQL for one property, as TypeORM's `Raw`: a string is compared with the column
 * (`column = <sql>`); a function receives the column's qualified,
 * quoted name and returns SQL that relata runs AS WRITTEN (it is `literal()`), so it must never
 * carry user input. Named parameters (`Raw((a) => \`${a} > :x\`, { x: 1 })`) are refused: relata
 * binds values only through the other operators.
 *
 * @example
 * where: { createdAt: Raw((column) => `${column} > CURRENT_DATE`) } // … WHERE "User"."createdAt" > CURRENT_DATE
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's Raw fits a property of any type
export function Raw(sql: string | ((column: string) => string), parameters?: Record<string, unknown>): FindOperator<any> {
  if (typeof sql !== 'string' && typeof sql !== 'function') throw InvalidOptionError.expected('Raw()', 'the SQL', 'a string or a function (column) => SQL', sql);
  // TypeORM's string form compares the column with the SQL.
  const build = typeof sql === 'string' ? (column: string): string => `${column} = ${sql}` : sql;
  return new FindOperator<never>('raw', undefined, build, parameters);
}
