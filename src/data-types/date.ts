import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { AbstractDataType, readsUnchanged } from './abstract.js';
import { utcTime } from './utc-time.js';
import type { DefaultValueMarker } from './abstract.js';
import { defineDataType, isOptionsObject, optionalInteger, withStatics } from './factory.js';

/** Options of DATE, as Sequelize names them. */
export interface DateOptions {
  /** Fractional-second digits (`DATETIME(6)` on MySQL). */
  readonly length?: number | undefined;
}

// `2024-01-02 03:04:05.678 +00:00` (SQLite, as Sequelize writes it), `2024-01-02 03:04:05` (no zone:
// UTC, Sequelize's default timezone), `2024-01-02T03:04:05.678+00` (PostgreSQL text).
const SQL_DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const TIME_OF_DAY = /^-?\d{1,3}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The decimal number written in text[from, to), or NaN when a character there is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

// The format relata itself writes on SQLite ('2024-01-02 03:04:05.678 +00:00'), read without a regex:
// hydrating timestamps is on the hot path of every SQLite read.
function parseCanonicalUtc(text: string): Date | undefined {
  if (text.length !== 30 || text.charCodeAt(10) !== 32 || !text.endsWith(' +00:00')) return undefined;
  const ms = utcTime(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10), digitsAt(text, 11, 13), digitsAt(text, 14, 16), digitsAt(text, 17, 19), digitsAt(text, 20, 23));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

// ISO 8601 with a zone, as PostgreSQL writes timestamptz in JSON ('2024-01-02T03:04:05.678912+00:00',
// '…05Z', '…05-05:30'): the form to-many includes aggregated to JSON read back, once per row.
function parseIsoWithZone(text: string): Date | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(10) !== 84 /* T */ || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    const start = ++i;
    while (i < length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === start) return undefined;
    // Milliseconds, truncated as the drivers do: '5' is 500, '678912' is 678.
    const end = Math.min(i, start + 3);
    ms = digitsAt(text, start, end) * (end - start === 1 ? 100 : end - start === 2 ? 10 : 1);
  }
  let offset = 0;
  const sign = text.charCodeAt(i);
  if (sign === 90 /* Z */ && i + 1 === length) offset = 0;
  else if ((sign === 43 || sign === 45) && i + 6 === length && text.charCodeAt(i + 3) === 58) {
    offset = (digitsAt(text, i + 1, i + 3) * 60 + digitsAt(text, i + 4, i + 6)) * (sign === 45 ? -1 : 1);
  } else return undefined;
  const time = utcTime(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10), digitsAt(text, 11, 13), digitsAt(text, 14, 16), digitsAt(text, 17, 19), ms) - offset * 60_000;
  return Number.isNaN(time) ? undefined : new Date(time);
}

// The last timestamp text read and its time: rows written together (bulkCreate, one transaction)
// share their timestamps, so a result set repeats the same text many times in a row.
let lastText = '';
let lastTime = 0;

function parseDateString(text: string): Date | undefined {
  if (text === lastText) return new Date(lastTime);
  const fast = parseCanonicalUtc(text) ?? parseIsoWithZone(text);
  if (fast !== undefined) {
    lastText = text;
    lastTime = fast.getTime();
    return fast;
  }
  const m = SQL_DATETIME.exec(text.trim());
  let date: Date;
  if (m) {
    const [, day, time, fraction, zone] = m;
    const millis = (fraction ?? '').slice(0, 3).padEnd(3, '0');
    const offset = zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : normalizeOffset(zone);
    date = new Date(`${day}T${time?.length === 5 ? `${time}:00` : time}.${millis}${offset}`);
  } else {
    date = new Date(text);
  }
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function normalizeOffset(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4).padEnd(2, '0')}`;
}

/** The Date a value stands for, or `undefined` when it stands for none. */
function parseDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value) : undefined;
  if (typeof value === 'bigint') return parseDate(Number(value));
  if (typeof value === 'string') return parseDateString(value);
  return undefined;
}

/**
 * Formats a Date the way Sequelize stores it in SQLite: `YYYY-MM-DD HH:MM:SS.SSS +00:00`, in UTC.
 * Throws `InvalidOptionError` for an invalid Date.
 *
 * @example
 * formatSqliteDate(new Date('2024-01-02T03:04:05.678Z')) // '2024-01-02 03:04:05.678 +00:00'
 */
export function formatSqliteDate(d: Date): string {
  if (Number.isNaN(d.getTime())) throw InvalidOptionError.expected('formatSqliteDate', 'date', 'a valid Date', 'Invalid Date');
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} +00:00`;
}

/**
 * A timestamp: `DATETIME` on SQLite and MySQL, `TIMESTAMP WITH TIME ZONE` on PostgreSQL,
 * `DATETIMEOFFSET` on MSSQL. Values are JS Dates; the dialect writes its own wire format.
 *
 * @example
 * DataTypes.DATE().fromDb('2024-01-02 03:04:05.678 +00:00') // Date 2024-01-02T03:04:05.678Z
 */
export class DateType extends AbstractDataType {
  readonly key: string = 'DATE';
  /** Fractional-second digits, when given. */
  readonly precision: number | undefined;

  constructor(options: DateOptions = {}) {
    super();
    this.precision = options.length;
  }

  get params(): Readonly<Record<string, unknown>> {
    return this.precision === undefined ? {} : { precision: this.precision };
  }

  override validate(value: unknown): string | undefined {
    return parseDate(value) === undefined ? this.invalid(value, 'date') : undefined;
  }

  override toDb(value: unknown): unknown {
    return parseDate(value) ?? value;
  }

  override fromDb(value: unknown): unknown {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
      // An unreadable stored date (MySQL's zero date) reads as an Invalid Date, as in Sequelize.
      return parseDate(value) ?? new Date(Number.NaN);
    }
    return value;
  }
}

function validDateOnly(text: string): boolean {
  const m = DATE_ONLY.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * A calendar date without time (`DATE`). Values are `'YYYY-MM-DD'` strings on the JS side.
 *
 * @example
 * DataTypes.DATEONLY().fromDb(new Date('2024-01-02T00:00:00Z')) // '2024-01-02'
 */
export class DateOnlyType extends AbstractDataType {
  readonly key: string = 'DATEONLY';

  get params(): Readonly<Record<string, unknown>> {
    return {};
  }

  override validate(value: unknown): string | undefined {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return undefined;
    if (typeof value === 'string' && validDateOnly(value)) return undefined;
    return this.invalid(value, 'date (YYYY-MM-DD)');
  }

  override toDb(value: unknown): unknown {
    // Sequelize formats a Date in local time here (moment(date).format('YYYY-MM-DD')).
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      return `${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
    }
    return typeof value === 'string' && validDateOnly(value) ? value.slice(0, 10) : value;
  }

  override fromDb(value: unknown): unknown {
    const d = typeof value === 'number' ? new Date(value) : value;
    if (d instanceof Date && !Number.isNaN(d.getTime())) {
      return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    }
    return typeof value === 'string' ? value.slice(0, 10) : value;
  }
}

/**
 * A time of day (`TIME`). Values are `'HH:MM:SS'` strings on the JS side.
 *
 * @example
 * DataTypes.TIME().fromDb(new Date('1970-01-01T13:45:00Z')) // '13:45:00'
 */
export class TimeType extends AbstractDataType {
  readonly key: string = 'TIME';

  get params(): Readonly<Record<string, unknown>> {
    return {};
  }

  override validate(value: unknown): string | undefined {
    return typeof value === 'string' && TIME_OF_DAY.test(value) ? undefined : this.invalid(value, 'time (HH:MM:SS)');
  }

  override fromDb(value: unknown): unknown {
    // tedious returns TIME as a Date on 1970-01-01 UTC.
    if (value instanceof Date && !Number.isNaN(value.getTime())) {
      const ms = value.getUTCMilliseconds();
      const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
      return ms === 0 ? time : `${time}.${pad(ms, 3)}`;
    }
    return value;
  }
}

/**
 * The `DataTypes.NOW` default-value marker: `defaultValue: DataTypes.NOW` fills the current time at
 * insert. Used as a type it behaves as DATE, but has no column type of its own.
 *
 * @example
 * { createdOn: { type: DataTypes.DATE, defaultValue: DataTypes.NOW } }
 */
export class NowType extends DateType implements DefaultValueMarker {
  override readonly key: string = 'NOW';
  readonly relataDefault = 'NOW' as const;
}

/** The call forms of DATE: `(precision?)` or `({ length })`. */
export type DateArgs = [length?: number] | [options: DateOptions];

/**
 * A timestamp attribute; `DATE(6)` keeps microseconds on MySQL.
 *
 * @example
 * { publishedAt: DataTypes.DATE }
 * { loggedAt: DataTypes.DATE(6) } // DATETIME(6) on MySQL
 */
export const DATE = defineDataType('DATE', DateType, (...args: DateArgs) => {
  const [first] = args;
  const length = isOptionsObject(first) ? first['length'] : first;
  return new DateType({ length: optionalInteger('DataTypes.DATE', 'length', length, 0) });
});

/**
 * A date-only attribute (`'YYYY-MM-DD'`).
 *
 * @example
 * { birthday: DataTypes.DATEONLY }
 */
export const DATEONLY = defineDataType('DATEONLY', DateOnlyType, () => new DateOnlyType());

/**
 * A time-of-day attribute (`'HH:MM:SS'`).
 *
 * @example
 * { opensAt: DataTypes.TIME }
 */
export const TIME = defineDataType('TIME', TimeType, () => new TimeType());

const NOW_BASE = defineDataType('NOW', NowType, () => new NowType());

/**
 * The current time, computed by relata at insert; usable bare or called.
 *
 * @example
 * { createdOn: { type: DataTypes.DATE, defaultValue: DataTypes.NOW } }
 */
export const NOW = withStatics<typeof NOW_BASE, { relataDefault: 'NOW' }>(NOW_BASE, { relataDefault: () => 'NOW' });

// What each fromDb above returns unchanged (see AbstractDataType.readsUnchanged): DATE keeps the
// driver's Date (any object), TIME its strings.
readsUnchanged(DateType.prototype.fromDb, ['object']);
readsUnchanged(TimeType.prototype.fromDb, ['string', 'number']);
