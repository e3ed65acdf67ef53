import { sql, type RawBuilder } from 'kysely';
import { InvalidOptionError } from '../errors/invalid-option-error.js';

/** A constraint's deferral, as Sequelize's `Deferrable.*` classes describe it (`toSql()` is its SQL). */
abstract class AbstractDeferrable {
  abstract toSql(): string;
  toString(): string {
    return this.toSql();
  }
}

class INITIALLY_DEFERRED extends AbstractDeferrable {
  toSql(): string {
    return 'DEFERRABLE INITIALLY DEFERRED';
  }
}

class INITIALLY_IMMEDIATE extends AbstractDeferrable {
  toSql(): string {
    return 'DEFERRABLE INITIALLY IMMEDIATE';
  }
}

class NOT extends AbstractDeferrable {
  toSql(): string {
    return 'NOT DEFERRABLE';
  }
}

/** `SET CONSTRAINTS … DEFERRED|IMMEDIATE` for the named constraints, or all of them. */
abstract class SetConstraints extends AbstractDeferrable {
  constructor(readonly constraints?: readonly string[]) {
    super();
  }
  abstract readonly mode: 'DEFERRED' | 'IMMEDIATE';
  toSql(): string {
    return `SET CONSTRAINTS ${this.constraints?.join(', ') ?? 'ALL'} ${this.mode}`;
  }
}

class SET_DEFERRED extends SetConstraints {
  readonly mode = 'DEFERRED';
}

class SET_IMMEDIATE extends SetConstraints {
  readonly mode = 'IMMEDIATE';
}

/** A class that, as in Sequelize, can also be called without `new`. */
type Invokable<C extends abstract new (...args: never[]) => unknown> = C & ((...args: ConstructorParameters<C>) => InstanceType<C>);

function invokable<C extends new (...args: never[]) => unknown>(cls: C): Invokable<C> {
  return new Proxy(cls, { apply: (target, _this, args: never[]) => new target(...args) }) as Invokable<C>;
}

/**
 * Sequelize's `Deferrable`: when PostgreSQL checks a foreign key (`references.deferrable`) or
 * which constraints a transaction defers (`transaction({ deferrable })`). Each may be called with
 * or without `new`, as in Sequelize.
 *
 * @example
 * Deferrable.INITIALLY_DEFERRED // new Deferrable.INITIALLY_DEFERRED().toSql() === 'DEFERRABLE INITIALLY DEFERRED'
 * Deferrable.SET_DEFERRED(['posts_user_fk']).toSql() // 'SET CONSTRAINTS posts_user_fk DEFERRED'
 */
export const Deferrable = Object.freeze({
  INITIALLY_DEFERRED: invokable(INITIALLY_DEFERRED),
  INITIALLY_IMMEDIATE: invokable(INITIALLY_IMMEDIATE),
  NOT: invokable(NOT),
  SET_DEFERRED: invokable(SET_DEFERRED),
  SET_IMMEDIATE: invokable(SET_IMMEDIATE),
});

/**
 * The statement a transaction's `deferrable` runs right after BEGIN (PostgreSQL), constraint
 * names quoted: `SET CONSTRAINTS ALL DEFERRED`, `SET CONSTRAINTS "posts_user_fk" IMMEDIATE`.
 * @internal
 */
export function setConstraintsStatement(deferrable: unknown): RawBuilder<unknown> {
  if (!(deferrable instanceof SetConstraints)) {
    throw InvalidOptionError.expected('relata.transaction', 'deferrable', 'Deferrable.SET_DEFERRED(…) or Deferrable.SET_IMMEDIATE(…)', deferrable);
  }
  const names = deferrable.constraints;
  if (names !== undefined && (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string' || n === ''))) {
    throw InvalidOptionError.expected('relata.transaction', 'deferrable', 'constraint names (a non-empty list of strings), or none for ALL', names);
  }
  const target = names === undefined ? sql`ALL` : sql.join(names.map((name) => sql.id(name)));
  return sql`SET CONSTRAINTS ${target} ${sql.raw(deferrable.mode)}`;
}

/** How a foreign key is checked, as `references.deferrable` gives it. @internal */
export type ForeignKeyDeferral = 'INITIALLY DEFERRED' | 'INITIALLY IMMEDIATE' | 'NOT DEFERRABLE';

/**
 * `references.deferrable` (a `Deferrable` class or instance, as Sequelize takes either) as the
 * deferral it declares. @internal
 */
export function foreignKeyDeferral(where: string, given: unknown): ForeignKeyDeferral | undefined {
  if (given === undefined || given === null) return undefined;
  const value = typeof given === 'function' && (given as { prototype: unknown }).prototype instanceof AbstractDeferrable ? new (given as new () => unknown)() : given;
  if (value instanceof INITIALLY_DEFERRED) return 'INITIALLY DEFERRED';
  if (value instanceof INITIALLY_IMMEDIATE) return 'INITIALLY IMMEDIATE';
  if (value instanceof NOT) return 'NOT DEFERRABLE';
  throw InvalidOptionError.expected(where, 'deferrable', 'Deferrable.INITIALLY_DEFERRED, Deferrable.INITIALLY_IMMEDIATE or Deferrable.NOT', given);
}
