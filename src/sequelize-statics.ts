// Sequelize 6's class-level names, kept in one place: `Sequelize.STRING`, `Sequelize.Op`,
// `Sequelize.fn`, `Sequelize.ValidationError`, `Sequelize.addHook`… are assigned onto the Relata
// class here when the package loads, so `require('relata')` (the class itself, see tsup.config.ts)
// and `import Relata from 'relata'` carry them as `require('sequelize')` does.
import inflection from 'inflection';
import validator from 'validator';
import { Association } from './associations/association.js';
import { BelongsToManyAssociation } from './associations/belongs-to-many.js';
import { BelongsToAssociation } from './associations/belongs-to.js';
import { HasManyAssociation } from './associations/has-many.js';
import { HasOneAssociation } from './associations/has-one.js';
import { AbstractDataType, DataTypes } from './data-types/index.js';
import { AccessDeniedError } from './errors/access-denied-error.js';
import { AggregateError } from './errors/aggregate-error.js';
import { AssociationError } from './errors/association-error.js';
import { AsyncQueueError } from './errors/async-queue-error.js';
import { BaseError } from './errors/base-error.js';
import { BulkRecordError } from './errors/bulk-record-error.js';
import { ConnectionError } from './errors/connection-error.js';
import { ConnectionRefusedError } from './errors/connection-refused-error.js';
import { ConnectionTimedOutError } from './errors/connection-timed-out-error.js';
import { DatabaseError } from './errors/database-error.js';
import { EagerLoadingError } from './errors/eager-loading-error.js';
import { EmptyResultError } from './errors/empty-result-error.js';
import { ExclusionConstraintError } from './errors/exclusion-constraint-error.js';
import { ForeignKeyConstraintError } from './errors/foreign-key-constraint-error.js';
import { HostNotFoundError } from './errors/host-not-found-error.js';
import { HostNotReachableError } from './errors/host-not-reachable-error.js';
import { InstanceError } from './errors/instance-error.js';
import { InvalidConnectionError } from './errors/invalid-connection-error.js';
import { OptimisticLockError } from './errors/optimistic-lock-error.js';
import { QueryError } from './errors/query-error.js';
import { TimeoutError } from './errors/query-timeout-error.js';
import { SequelizeScopeError } from './errors/sequelize-scope-error.js';
import { ConnectionAcquireTimeoutError } from './errors/timeout-error.js';
import { UniqueConstraintError } from './errors/unique-constraint-error.js';
import { UnknownConstraintError } from './errors/unknown-constraint-error.js';
import { ValidationErrorItem, ValidationErrorItemOrigin, ValidationErrorItemType } from './errors/validation-error-item.js';
import { ValidationError } from './errors/validation-error.js';
import { CLASS_HOOKS, CONNECTION_HOOK_NAMES, type HookName } from './model/hooks.js';
import { Model } from './model/model.js';
import { QueryInterface } from './query-interface/query-interface.js';
import { Cast, Col, Fn, Json, Literal, Where, cast, col, fn, json, literal, where } from './query/fragments.js';
import { Op } from './query/operators.js';
import { QueryTypes } from './query/query-types.js';
import { Relata } from './relata.js';
import { Transaction } from './transactions/transaction.js';
import { Deferrable } from './transactions/deferrable.js';

/** `{ [Op.and]: conditions }`, Sequelize's `and()`. */
export function and<T extends unknown[]>(...conditions: T): { [Op.and]: T } {
  return { [Op.and]: conditions };
}

/** `{ [Op.or]: conditions }`, Sequelize's `or()`. */
export function or<T extends unknown[]>(...conditions: T): { [Op.or]: T } {
  return { [Op.or]: conditions };
}

// Module-level names for the namespace's aliases, so the bundled declarations do not read
// `type Fn = Fn` inside it.
type FnFragment = Fn;
type ColFragment = Col;
type LiteralFragment = Literal;
type CastFragment = Cast;
type WhereFragment = Where;
type JsonFragment = Json;

/**
 * The type names of Sequelize's `Utils` module (`Utils.DeepWriteable<Config>`, `Utils.Fn`…).
 * Types only; they merge with the `Utils` value below.
 */
export declare namespace Utils {
  type DeepWriteable<T> = { -readonly [P in keyof T]: DeepWriteable<T[P]> };
  type Primitive = 'string' | 'number' | 'boolean';
  type AnyFunction = (...args: never[]) => unknown;
  type Fn = FnFragment;
  type Col = ColFragment;
  type Literal = LiteralFragment;
  type Cast = CastFragment;
  type Where = WhereFragment;
  type Json = JsonFragment;
}

/** The few `Sequelize.Utils` members application code uses: the fragment classes and inflection. */
export const Utils = Object.freeze({
  Fn, Col, Cast, Literal, Where, Json,
  pluralize: (word: string): string => inflection.pluralize(word),
  singularize: (word: string): string => inflection.singularize(word),
  camelize: (text: string): string => text.replace(/[-_\s]+(.)?/g, (_match, ch: string | undefined) => (ch === undefined ? '' : ch.toUpperCase())),
  underscore: (text: string): string => inflection.underscore(text),
});

/** Every error class, under the names `require('sequelize')` exports them (`Error` is BaseError). */
export const SEQUELIZE_ERRORS = {
  Error: BaseError, BaseError, AccessDeniedError, AggregateError, AssociationError, AsyncQueueError, BulkRecordError,
  ConnectionAcquireTimeoutError, ConnectionError, ConnectionRefusedError, ConnectionTimedOutError, DatabaseError, EagerLoadingError,
  EmptyResultError, ExclusionConstraintError, ForeignKeyConstraintError, HostNotFoundError, HostNotReachableError, InstanceError,
  InvalidConnectionError, OptimisticLockError, QueryError, SequelizeScopeError, TimeoutError, UniqueConstraintError, UnknownConstraintError,
  ValidationError, ValidationErrorItem, ValidationErrorItemOrigin, ValidationErrorItemType,
} as const;

/** The class-level hooks (`Relata.addHook('beforeDefine', …)`), shared by every connection's class. */
const classHooks = CLASS_HOOKS;

type HookFn = (...args: never[]) => unknown;

/**
 * The statics assigned onto the class below; src/relata.ts declares them on the class's type
 * (`declare namespace Relata`) from this object's type.
 */
export const CLASS_STATICS = {
  fn, col, cast, literal, and, or, where, json,
  Utils, Transaction, QueryTypes, Validator: validator, Model, QueryInterface,
  BelongsTo: BelongsToAssociation, HasOne: HasOneAssociation, HasMany: HasManyAssociation, BelongsToMany: BelongsToManyAssociation,
  DataTypes, ABSTRACT: AbstractDataType, ...DataTypes,
  Deferrable, Association,
  addHook(hook: string, nameOrFn: string | HookFn, hookFn?: HookFn): typeof Relata {
    classHooks.add(hook, nameOrFn, hookFn);
    return Relata;
  },
  removeHook(hook: string, nameOrFn: string | HookFn): typeof Relata {
    classHooks.remove(hook, nameOrFn);
    return Relata;
  },
  hasHook: (hook: string): boolean => classHooks.has(hook),
  hasHooks: (hook: string): boolean => classHooks.has(hook),
  runHooks: (hook: string, ...args: unknown[]): Promise<void> => classHooks.run(hook as HookName, Relata, ...args),
  // relata always passes the managed transaction on through AsyncLocalStorage: the namespace is unused.
  useCLS: (_namespace: object): typeof Relata => Relata,
  ...SEQUELIZE_ERRORS,
  Sequelize: Relata,
  Relata,
  default: Relata,
};

const target = Relata as unknown as Record<string, unknown>;
// `Sequelize.options.hooks`: the class-level hooks by name; assigning it replaces them (`= {}` clears).
target['options'] = {
  get hooks(): Record<string, HookFn[]> {
    return {};
  },
  set hooks(value: Record<string, HookFn | HookFn[]>) {
    classHooks.clear();
    for (const [hook, fns] of Object.entries(value ?? {})) for (const fn of Array.isArray(fns) ? fns : [fns]) classHooks.add(hook, fn);
  },
};
const proto = Relata.prototype as unknown as Record<string, unknown> & { addHook(hook: string, fn: HookFn): unknown };
// `Op` is assigned apart: its operator symbols are not named types the object's type could list.
for (const [key, value] of Object.entries({ ...CLASS_STATICS, Op })) target[key] = value;
// Sequelize's hook shorthands: `Sequelize.beforeDefine(fn)`, `sequelize.beforeCreate(fn)`.
for (const hook of CONNECTION_HOOK_NAMES) {
  target[hook] = (nameOrFn: string | HookFn, hookFn?: HookFn): typeof Relata => CLASS_STATICS.addHook(hook, nameOrFn, hookFn);
  if (!(hook in proto)) {
    Object.defineProperty(proto, hook, {
      value: function (this: Relata, nameOrFn: string | HookFn, hookFn?: HookFn): Relata {
        return this.addHook(hook, nameOrFn, hookFn);
      },
      writable: true,
      configurable: true,
    });
  }
}
// `sequelize.QueryTypes` and `sequelize.Validator`, as on Sequelize's prototype.
for (const [key, value] of Object.entries({ QueryTypes, Validator: validator, Association })) {
  if (!(key in proto)) Object.defineProperty(proto, key, { value, writable: true, configurable: true });
}
// `transaction.LOCK`, as Sequelize's Transaction instances expose it.
if (!('LOCK' in Transaction.prototype)) {
  Object.defineProperty(Transaction.prototype, 'LOCK', { get: () => Transaction.LOCK, configurable: true });
}
