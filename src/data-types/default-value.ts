import { randomUUID } from 'node:crypto';
import type { DefaultValueMarker } from './abstract.js';
import { NOW, NowType } from './date.js';
import { UUIDV1, UUIDV4, UuidV1Type, UuidV4Type, uuidV1 } from './uuid.js';

/**
 * True for the default values relata computes at insert: `DataTypes.NOW`, `DataTypes.UUIDV4` and
 * `DataTypes.UUIDV1`, bare or called.
 *
 * @example
 * isDefaultMarker(DataTypes.NOW) // true
 * isDefaultMarker(DataTypes.UUIDV4()) // true
 * isDefaultMarker('now') // false
 */
export function isDefaultMarker(v: unknown): v is DefaultValueMarker {
  return (
    v === NOW ||
    v === UUIDV4 ||
    v === UUIDV1 ||
    v instanceof NowType ||
    v instanceof UuidV4Type ||
    v instanceof UuidV1Type
  );
}

/**
 * The value a marker stands for, computed now: a `Date` for NOW, a fresh UUID string for UUIDV4
 * (`crypto.randomUUID()`) and UUIDV1 (time-based, random node id).
 *
 * @example
 * generateDefault(DataTypes.NOW) // Date
 * generateDefault(DataTypes.UUIDV4) // '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed'
 */
export function generateDefault(marker: DefaultValueMarker): unknown {
  switch (marker.relataDefault) {
    case 'NOW':
      return new Date();
    case 'UUIDV4':
      return randomUUID();
    case 'UUIDV1':
      return uuidV1();
  }
}
