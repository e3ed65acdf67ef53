import { randomBytes } from 'node:crypto';
import validator from 'validator';
import { AbstractDataType } from './abstract.js';
import type { DefaultValueMarker } from './abstract.js';
import { defineDataType, withStatics } from './factory.js';

/**
 * A UUID column: `UUID` on SQLite and PostgreSQL, `CHAR(36) BINARY` on MySQL, `CHAR(36)` on MSSQL.
 * Values are strings.
 *
 * @example
 * DataTypes.UUID().validate('nope') // '"nope" is not a valid uuid'
 */
export class UuidType extends AbstractDataType {
  readonly key: string = 'UUID';

  get params(): Readonly<Record<string, unknown>> {
    return {};
  }

  override validate(value: unknown): string | undefined {
    return typeof value === 'string' && validator.isUUID(value) ? undefined : this.invalid(value, 'uuid');
  }
}

/**
 * The `DataTypes.UUIDV4` default-value marker: a random (version 4) UUID per insert.
 *
 * @example
 * { id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true } }
 */
export class UuidV4Type extends UuidType implements DefaultValueMarker {
  override readonly key: string = 'UUIDV4';
  readonly relataDefault = 'UUIDV4' as const;

  override validate(value: unknown): string | undefined {
    return typeof value === 'string' && validator.isUUID(value, 4) ? undefined : this.invalid(value, 'uuidv4');
  }
}

/**
 * The `DataTypes.UUIDV1` default-value marker: a time-based (version 1) UUID per insert.
 *
 * @example
 * { id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV1, primaryKey: true } }
 */
export class UuidV1Type extends UuidType implements DefaultValueMarker {
  override readonly key: string = 'UUIDV1';
  readonly relataDefault = 'UUIDV1' as const;
}

// Milliseconds between the Gregorian reform (1582-10-15), where v1 timestamps start, and the Unix epoch.
const GREGORIAN_OFFSET_MS = 12_219_292_800_000n;

interface V1State {
  readonly node: Buffer;
  clockSeq: number;
  lastMs: number;
  lastTicks: number;
}

let v1State: V1State | undefined;

function initialV1State(): V1State {
  const random = randomBytes(8);
  // RFC 4122 §4.5: a random node id has the multicast bit set so it never collides with a MAC.
  const node = Buffer.from(random.subarray(0, 6));
  node[0] = (node[0] ?? 0) | 0x01;
  return { node, clockSeq: random.readUInt16BE(6) & 0x3fff, lastMs: -Infinity, lastTicks: 0 };
}

/**
 * A version 1 (time-based) UUID, RFC 4122 §4.2: 60-bit timestamp in 100-ns ticks, a 14-bit clock
 * sequence and a random node id (no MAC address is read). Successive calls in the same millisecond
 * advance the sub-millisecond tick; a clock that moves backwards bumps the clock sequence.
 *
 * @example
 * uuidV1() // e.g. '6ba7b810-9dad-11d1-80b4-00c04fd430c8'
 * @internal
 */
export function uuidV1(now: number = Date.now()): string {
  const state = (v1State ??= initialV1State());
  let ticks = 0;
  if (now < state.lastMs) {
    state.clockSeq = (state.clockSeq + 1) & 0x3fff;
  } else if (now === state.lastMs) {
    ticks = state.lastTicks + 1;
    if (ticks >= 10_000) {
      // More than 10,000 ids in one millisecond: a new clock sequence keeps them unique.
      state.clockSeq = (state.clockSeq + 1) & 0x3fff;
      ticks = 0;
    }
  }
  state.lastMs = now;
  state.lastTicks = ticks;

  const timestamp = (BigInt(now) + GREGORIAN_OFFSET_MS) * 10_000n + BigInt(ticks);
  const bytes = Buffer.alloc(16);
  bytes.writeUInt32BE(Number(timestamp & 0xffff_ffffn), 0);
  bytes.writeUInt16BE(Number((timestamp >> 32n) & 0xffffn), 4);
  bytes.writeUInt16BE(Number((timestamp >> 48n) & 0x0fffn) | 0x1000, 6);
  bytes.writeUInt16BE(state.clockSeq | 0x8000, 8);
  state.node.copy(bytes, 10);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A UUID attribute (a string).
 *
 * @example
 * { id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true } }
 */
export const UUID = defineDataType('UUID', UuidType, () => new UuidType());

const UUIDV4_BASE = defineDataType('UUIDV4', UuidV4Type, () => new UuidV4Type());

/**
 * A random UUID computed by relata at insert (`crypto.randomUUID()`); usable bare or called.
 *
 * @example
 * { id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 } }
 */
export const UUIDV4 = withStatics<typeof UUIDV4_BASE, { relataDefault: 'UUIDV4' }>(UUIDV4_BASE, {
  relataDefault: () => 'UUIDV4',
});

const UUIDV1_BASE = defineDataType('UUIDV1', UuidV1Type, () => new UuidV1Type());

/**
 * A time-based UUID computed by relata at insert; usable bare or called.
 *
 * @example
 * { id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV1 } }
 */
export const UUIDV1 = withStatics<typeof UUIDV1_BASE, { relataDefault: 'UUIDV1' }>(UUIDV1_BASE, {
  relataDefault: () => 'UUIDV1',
});
