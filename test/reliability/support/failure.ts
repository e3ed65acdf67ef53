import { expect } from 'vitest';

/** An error class, abstract ones included. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** Runs `fn` and returns its error, failing the test when it does not throw one of `type`. */
export async function failure(fn: () => unknown, type: ErrorClass): Promise<Error> {
  let thrown: unknown;
  try {
    await fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(type);
  return thrown as Error;
}
