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
    fields.push(`${JSON.stringify(keys[i])}: v${i} === null || v${i} === undefined ? null : ${types[i] === undefined ? `v${i}` : `t[${i}].fromDb(v${i})`}`);
  }
  const body = `return function read(s) {\n  const ${reads.join(',\n    ') || '_ = 0'};\n  return {\n    ${fields.join(',\n    ')}\n  };\n};`;
  try {
    // Generated from metadata only (see above).
    return new Function('t', body)(types) as ReadValues;
  } catch {
    // A runtime that forbids code generation (--disallow-code-generation-from-strings) reads generically.
    return generic(keys, types, slots);
  }
}

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

/** Reads a driver row by column name (the reader's keys are the row's column names). @internal */
export function byName(reader: RowReader, rows = 1): ReadValues {
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
