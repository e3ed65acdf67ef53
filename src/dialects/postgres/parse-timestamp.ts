import { utcTime } from '../../data-types/utc-time.js';

/**
 * Reads a `timestamp with time zone` in PostgreSQL's text output (`2026-12-07 14:56:12.123456+00`,
 * offsets `+HH` or `+HH:MM`) into the same `Date` as pg's own parser, postgres-date, with index
 * arithmetic instead of its three regular expressions per value. Anything else (`infinity`, `BC`,
 * years below 100 or above 9999, offsets with seconds) goes to `fallback`, pg's parser.
 *
 * The milliseconds are the first three digits of the fraction: postgres-date's
 * `Math.trunc(1000 * parseFloat('.' + fraction))` gives the same for every fraction of 1 to 6
 * digits (test/unit/postgres-timestamp.test.ts checks all of them).
 * @internal
 */
export function parseTimestamptz(text: string, fallback: (text: string) => unknown): unknown {
  const n = text.length;
  // The shortest accepted form is `YYYY-MM-DD HH:MM:SS+HH` (22 characters).
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return fallback(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 100 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return fallback(text);
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    const count = i - start;
    if (count === 0) return fallback(text);
    // The first three digits, padded: `.5` is 500 ms, `.123456` is 123 ms.
    ms = digits(text, start, Math.min(count, 3)) * (count >= 3 ? 1 : count === 2 ? 10 : 100);
  }
  const sign = text.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return fallback(text);
  const rest = n - i - 1;
  let offset: number;
  if (rest === 2) offset = digits(text, i + 1, 2) * 60;
  else if (rest === 5 && text.charCodeAt(i + 3) === 58) offset = digits(text, i + 1, 2) * 60 + digits(text, i + 4, 2);
  else return fallback(text);
  if (offset < 0) return fallback(text);
  return new Date(utcTime(year, month, day, hour, minute, second, ms) - (sign === 45 ? -offset : offset) * 60_000);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number `count` decimal digits at `start` spell, or -1 when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}
