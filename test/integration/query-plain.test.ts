/**
 * `sequelize.query(sql, { plain: true })` without a type reads the statement as a SELECT and answers
 * its first row or null, as sequelize@6 does (`{ a: 1 }`, not `[[{ a: 1 }], meta]`).
 */
import { beforeAll, expect, expectTypeOf, it } from 'vitest';
import type { Relata } from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('query({ plain: true }) without a type', ({ connect }) => {
  let relata: Relata;
  beforeAll(async () => {
    relata = await connect();
  });

  it('answers the first row, or null when there is none', async () => {
    const first = await relata.query('SELECT 1 AS a', { plain: true });
    expectTypeOf(first).toEqualTypeOf<{ [key: string]: unknown } | null>();
    expect(first).toEqual({ a: 1 });
    expect(await relata.query('SELECT 1 AS a FROM (SELECT 1 AS x) t WHERE 1 = 2', { plain: true })).toBeNull();
    expect(await relata.query('SELECT 1 AS a', { plain: true, raw: true })).toEqual({ a: 1 });
    expect(await relata.query('SELECT 1 AS a')).toEqual([[{ a: 1 }], expect.anything()]);
  });
});
