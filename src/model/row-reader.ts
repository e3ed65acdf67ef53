/**
 * One row reader over the three places a find's values come from: a driver row by column name, a
 * JSON array by position (JSON includes), and the prefixed columns of a joined include
 * (`profile.id`). A reader used more than once, or over many rows, is specialised: a function
 * generated for its keys that reads each source slot and parses it with its data type, building
 * the values in one object literal (one hidden class, no per-row loop over the reader).
 */
import type { AbstractDataType } from '../data-types/abstract.js';
import type { RowReader } from '../query/plan-find.js';

/** Reads one source (a row, or a JSON array) into attribute values. @internal */
export type ReadValues = (source: Readonly<Record<string, unknown>> | readonly unknown[]) => Record<string, unknown>;

/** Where each key's value is read: a column name, or a position in a JSON array. */
type Slots = readonly (string | number)[];

interface Cached {
  /** The source slots the entry reads (a joined include's column names are compared by identity). */
  readonly columns: readonly string[] | undefined;
  uses: number;
  read: ReadValues | undefined;
}

const CACHE = new WeakMap<RowReader, Map<string, Cached>>();
/** A reader over this many rows is specialised on its first use. */
const ROWS_WORTH_COMPILING = 16;

/** The generic reader: the same values as the specialised one, without generating code. */
function generic(keys: readonly string[], types: readonly (AbstractDataType | undefined)[], slots: Slots): ReadValues {
  return (source) => {
    const values: Record<string, unknown> = {};
    const from = source as Record<string | number, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const raw = from[slots[i] as string | number];
      const type = types[i];
      values[keys[i] as string] = raw === null || raw === undefined ? null : type === undefined ? raw : type.fromDb(raw);
    }
    return values;
  };
}

/**
 * Generates the reader of these keys. Safe by construction: keys and column names come from model
 * metadata, and are written into the code only as JSON string literals (positions as integers);
 * the data types are passed in as arguments. A key the object literal would treat specially
 * (`__proto__`) keeps the generic reader.
 */
function specialise(keys: readonly string[], types: readonly (AbstractDataType | undefined)[], slots: Slots): ReadValues {
  if (keys.includes('__proto__') || keys.length > 500) return generic(keys, types, slots);
  const reads: string[] = [];
  const fields: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const slot = slots[i] as string | number;
    reads.push(`v${i} = s[${typeof slot === 'number' ? String(Math.trunc(slot)) : JSON.stringify(slot)}]`);
    fields.push(`${JSON.stringify(keys[i])}: ${converted(`v${i}`, i, types[i])}`);
  }
  const body = `return function read(s) {\n  const ${reads.join(',\n    ') || '_ = 0'};\n  return {\n    ${fields.join(',\n    ')}\n  };\n};`;
  return generate(body, types) ?? generic(keys, types, slots);
}

/**
 * The expression reading `v` (the value of key `i`) as the attribute's value: `null` for a missing
 * value, the value itself where the type's `fromDb` would return it unchanged, else `fromDb`'s result.
 */
function converted(v: string, i: number, type: AbstractDataType | undefined): string {
  const unchanged = type === undefined ? ['*'] : type.readsUnchanged;
  if (unchanged.includes('*')) return `${v} ?? null`;
  const call = `t[${i}].fromDb(${v})`;
  if (unchanged.length === 0) return `${v} === null || ${v} === undefined ? null : ${call}`;
  return `${v} === null || ${v} === undefined ? null : ${unchanged.map((k) => `typeof ${v} === ${JSON.stringify(k)}`).join(' || ')} ? ${v} : ${call}`;
}

/** Compiles a generated reader; undefined where the runtime forbids code generation. */
function generate<F>(body: string, types: readonly (AbstractDataType | undefined)[]): F | undefined {
  try {
    // Generated from metadata only (see specialise).
    return new Function('t', body)(types) as F;
  } catch {
    // A runtime that forbids code generation (--disallow-code-generation-from-strings) reads generically.
    return undefined;
  }
}

/**
 * A reader that converts a driver row in place and returns it, when the row is a plain object whose
 * own keys are exactly the reader's keys in order (drivers build every row of one result alike):
 * the row becomes the instance's values, with no second object per row. Undefined otherwise.
 */
function inPlace(reader: RowReader): ReadValues | undefined {
  const keys = reader.keys;
  if (keys.includes('__proto__') || keys.length > 500) return undefined;
  const steps: string[] = [];
  for (let k = 0; k < keys.length; k++) {
    const type = reader.types[k];
    if (type === undefined || type.readsUnchanged.includes('*')) continue;
    const name = JSON.stringify(keys[k]);
    steps.push(`v = s[${name}]; if (v !== null && v !== undefined) s[${name}] = ${converted('v', k, type).replace(/^v === null \|\| v === undefined \? null : /, '')};`);
  }
  if (steps.length === 0) return IDENTITY;
  return generate<ReadValues>(`return function readInPlace(s) {\n  let v;\n  ${steps.join('\n  ')}\n  return s;\n};`, reader.types);
}

/** Whether `row` is a plain object whose own keys are exactly `keys`, in order. */
function shapedAs(row: unknown, keys: readonly string[]): boolean {
  if (row === null || typeof row !== 'object' || Object.getPrototypeOf(row) !== Object.prototype) return false;
  let i = 0;
  for (const key in row) {
    if (keys[i] !== key) return false;
    i++;
  }
  return i === keys.length;
}

const IDENTITY: ReadValues = (source) => source as Record<string, unknown>;

function readerOf(reader: RowReader, key: string, slots: () => Slots, columns: readonly string[] | undefined, rows: number): ReadValues {
  let entries = CACHE.get(reader);
  if (entries === undefined) CACHE.set(reader, (entries = new Map()));
  let entry = entries.get(key);
  if (entry === undefined || entry.columns !== columns) entries.set(key, (entry = { columns, uses: 0, read: undefined }));
  if (entry.read !== undefined) return entry.read;
  entry.uses++;
  if (entry.uses > 1 || rows >= ROWS_WORTH_COMPILING) return (entry.read = specialise(reader.keys, reader.types, slots()));
  return generic(reader.keys, reader.types, slots());
}

/**
 * Reads a driver row by column name (the reader's keys are the row's column names). Given the first
 * of the rows it will read, the reader may convert each row in place and return it (see inPlace).
 * @internal
 */
export function byName(reader: RowReader, rows = 1, first?: unknown): ReadValues {
  if (rows >= ROWS_WORTH_COMPILING && shapedAs(first, reader.keys)) {
    let entries = CACHE.get(reader);
    if (entries === undefined) CACHE.set(reader, (entries = new Map()));
    let entry = entries.get('i');
    if (entry === undefined) entries.set('i', (entry = { columns: undefined, uses: 1, read: inPlace(reader) }));
    if (entry.read !== undefined) return entry.read;
  }
  return readerOf(reader, 'n', () => reader.keys, undefined, rows);
}

/** Reads `reader.keys.length` positions of a JSON array, from `start`. @internal */
export function byPosition(reader: RowReader, start: number, rows = 1): ReadValues {
  return readerOf(reader, `p${start}`, () => reader.keys.map((_, i) => start + i), undefined, rows);
}

/** Reads a joined include's prefixed columns (`columns[i]` holds `reader.keys[i]`). @internal */
export function byColumn(reader: RowReader, columns: readonly string[], rows = 1): ReadValues {
  return readerOf(reader, 'c', () => columns, columns, rows);
}
