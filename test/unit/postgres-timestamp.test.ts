import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseTimestamptz } from '../../src/dialects/postgres/parse-timestamp.js';

// pg's own parser of timestamptz text (postgres-date): the oracle.
const pgParse = pg.types.getTypeParser(1184, 'text') as (text: string) => unknown;
const time = (v: unknown): unknown => (v instanceof Date ? v.getTime() : v);
const fallbacks: string[] = [];
const ours = (text: string): unknown =>
  parseTimestamptz(text, (t) => {
    fallbacks.push(t);
    return pgParse(t);
  });

describe("timestamptz text read as pg's parser reads it, faster", () => {
  it('every fraction of 1 to 6 digits gives the same milliseconds as postgres-date', () => {
    let checked = 0;
    for (const digits of [1, 2, 3, 4, 5, 6]) {
      const step = digits <= 4 ? 1 : digits === 5 ? 7 : 97;
      for (let f = 0; f < 10 ** digits; f += step) {
        const text = `2026-12-07 14:56:12.${String(f).padStart(digits, '0')}+00`;
        expect(time(ours(text)), text).toBe(time(pgParse(text)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20_000);
    expect(fallbacks).toEqual([]);
  });

  it('offsets with hours or hours and minutes, either sign, and dates across years and leap days', () => {
    const texts = [
      '2024-02-29 23:59:59+00',
      '2024-02-29 23:59:59.999+05:30',
      '1999-12-31 23:59:59.5-03',
      '2000-01-01 00:00:00-12',
      '1970-01-01 00:00:00+00',
      '1969-12-31 23:59:59.999999+14',
      '0100-03-01 12:00:00+00',
      '9999-12-31 23:59:59.999+00',
      '2026-06-15 08:30:00.1-09:30',
    ];
    for (const text of texts) expect(time(ours(text)), text).toBe(time(pgParse(text)));
    expect(fallbacks).toEqual([]);
    expect((ours('2024-02-29 23:59:59.999+05:30') as Date).toISOString()).toBe('2024-02-29T18:29:59.999Z');
  });

  it('hands every other form to pg: infinity, BC, years below 100 or past 9999, offsets with seconds', () => {
    const texts = ['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '0099-01-01 00:00:00+00', '12345-01-01 00:00:00+00', '1850-01-01 00:00:00+00:53:28', '2026-12-07'];
    for (const text of texts) expect(time(ours(text)), text).toStrictEqual(time(pgParse(text)));
    expect(fallbacks).toEqual(texts);
  });
});
