import { describe, expect, it } from 'vitest';
import { extendOptions } from '../../src/utils/extend-options.js';

describe('extendOptions: { ...options, ...extra } built key by key', () => {
  it('gives what the spread gives: own enumerable keys and symbols in order, extra last and winning, nothing inherited', () => {
    const op = Symbol('or');
    const proto = { inherited: 1 };
    const options = Object.assign(Object.create(proto) as Record<PropertyKey, unknown>, { where: { id: 1 }, include: ['posts'], limit: 5, [op]: [1, 2] });
    Object.defineProperty(options, 'hidden', { value: 1, enumerable: false });
    const out = extendOptions(options, { limit: 1, plain: true });
    expect(out).toStrictEqual({ ...options, limit: 1, plain: true });
    expect(Object.keys(out)).toEqual(['where', 'include', 'limit', 'plain']);
    expect((out as Record<symbol, unknown>)[op]).toEqual([1, 2]);
    expect('inherited' in out).toBe(false);
    expect('hidden' in out).toBe(false);
    expect(out.where).toBe(options['where']);
  });

  it('an own __proto__ key stays a plain property and sets no prototype, as in a spread', () => {
    const options = JSON.parse('{"__proto__": {"polluted": true}, "limit": 2}') as object;
    const out = extendOptions(options, { where: {} });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: true });
    expect(out).toStrictEqual({ ...options, where: {} });
  });
});
