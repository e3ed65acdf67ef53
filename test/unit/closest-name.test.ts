import { describe, expect, it } from 'vitest';
import { closestName } from '../../src/utils/closest-name.js';

describe('closestName', () => {
  it('suggests the closest name for a typo, a swap or a case difference', () => {
    expect(closestName('wher', ['where', 'attributes', 'limit'])).toBe('where');
    expect(closestName('nmae', ['id', 'name', 'age'])).toBe('name');
    expect(closestName('Limit', ['where', 'limit'])).toBe('limit');
    expect(closestName('orderBy', ['where', 'order'])).toBe('order');
  });

  it('suggests nothing when no name is close enough to be a misspelling', () => {
    expect(closestName('sort', ['where', 'order', 'limit'])).toBeUndefined();
    expect(closestName('nope', ['id', 'name', 'age'])).toBeUndefined();
    expect(closestName('x', ['id'])).toBeUndefined();
    expect(closestName('where', [])).toBeUndefined();
  });
});
