import { describe, expect, it } from 'vitest';
import { utcTime } from '../../src/data-types/utc-time.js';

describe('utcTime: Date.UTC by arithmetic for the fields databases print', () => {
  it('equals Date.UTC on every day (past month ends too) of years 100 to 9999, at the day’s edges', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (let year = 100; year <= 9999; year += year < 2100 ? 1 : 7) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          if (utcTime(year, month, day, 0, 0, 0, 0) !== Date.UTC(year, month - 1, day, 0, 0, 0, 0)) wrong.push(`${year}-${month}-${day} 00:00`);
          if (utcTime(year, month, day, 23, 59, 59, 999) !== Date.UTC(year, month - 1, day, 23, 59, 59, 999)) wrong.push(`${year}-${month}-${day} 23:59:59.999`);
          checked++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(700_000);
  });

  it('hands other fields to Date.UTC: years below 100 (1900s there), months out of range, NaN', () => {
    expect(utcTime(99, 1, 1, 0, 0, 0, 0)).toBe(Date.UTC(99, 0, 1));
    expect(utcTime(2024, 13, 1, 0, 0, 0, 0)).toBe(Date.UTC(2025, 0, 1));
    expect(utcTime(2024, 1, 1, 24, 0, 0, 0)).toBe(Date.UTC(2024, 0, 2));
    expect(utcTime(2024, Number.NaN, 1, 0, 0, 0, 0)).toBeNaN();
  });
});
