/**
 * The error classes are exported as values (for instanceof) with Sequelize's hierarchy and fields.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  AssociationError, BaseError, ConnectionAcquireTimeoutError, ConnectionError, DatabaseError, EagerLoadingError, EmptyResultError,
  ForeignKeyConstraintError, InvalidOptionError, UniqueConstraintError, UnknownAttributeError, ValidationError, ValidationErrorItem,
} from '../../src/index.js';

describe('error classes', () => {
  it('are exported as constructible classes (values, not only types)', () => {
    const classes = [
      AssociationError, BaseError, ConnectionAcquireTimeoutError, ConnectionError, DatabaseError, EagerLoadingError, EmptyResultError,
      ForeignKeyConstraintError, InvalidOptionError, UniqueConstraintError, UnknownAttributeError, ValidationError,
    ] as const;
    expectTypeOf(classes).items.toExtend<abstract new (...args: never[]) => BaseError>();
    expectTypeOf(ValidationErrorItem).toBeConstructibleWith({ message: 'm', type: 'Validation error', path: 'name', value: 1, validatorKey: 'len' });
  });

  it('all extend BaseError, which extends Error', () => {
    expectTypeOf<BaseError>().toExtend<Error>();
    expectTypeOf<ValidationError>().toExtend<BaseError>();
    expectTypeOf<UniqueConstraintError>().toExtend<ValidationError>();
    expectTypeOf<ForeignKeyConstraintError>().toExtend<DatabaseError>();
    expectTypeOf<DatabaseError>().toExtend<BaseError>();
    expectTypeOf<ConnectionError>().toExtend<BaseError>();
    expectTypeOf<ConnectionAcquireTimeoutError>().toExtend<ConnectionError>();
    expectTypeOf<EmptyResultError>().toExtend<BaseError>();
    expectTypeOf<EagerLoadingError>().toExtend<BaseError>();
    expectTypeOf<AssociationError>().toExtend<BaseError>();
    expectTypeOf<UnknownAttributeError>().toExtend<BaseError>();
    expectTypeOf<InvalidOptionError>().toExtend<BaseError>();
  });

  it('narrow with instanceof and expose the Sequelize fields', () => {
    const inspect = (err: unknown): void => {
      if (err instanceof UniqueConstraintError) {
        expectTypeOf(err.fields).toEqualTypeOf<Record<string, unknown>>();
        expectTypeOf(err.errors).toEqualTypeOf<ValidationErrorItem[]>();
        expectTypeOf(err.sql).toEqualTypeOf<string | undefined>();
      }
      if (err instanceof ValidationError) {
        expectTypeOf(err.errors[0]?.path).toEqualTypeOf<string | undefined>();
        expectTypeOf(err.errors[0]?.validatorKey).toEqualTypeOf<string | undefined>();
      }
      if (err instanceof DatabaseError) {
        expectTypeOf(err.sql).toEqualTypeOf<string | undefined>();
        expectTypeOf(err.parameters).toEqualTypeOf<readonly unknown[]>();
        expectTypeOf(err.parent).toEqualTypeOf<unknown>();
      }
      if (err instanceof UnknownAttributeError) {
        expectTypeOf(err.validAttributes).toEqualTypeOf<readonly string[]>();
      }
      if (err instanceof BaseError) expectTypeOf(err.name).toEqualTypeOf<string>();
    };
    expectTypeOf(inspect).toBeFunction();
  });
});
