import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { AbstractDataType } from './abstract.js';
import { defineDataType } from './factory.js';
import { normalizeDataType } from './normalize.js';
import type { DataType } from './normalize.js';

/** Options of VIRTUAL. */
export interface VirtualOptions {
  /** The type of the computed value (informational; never stored). */
  readonly returnType?: AbstractDataType | undefined;
  /** Attributes the getter reads, loaded along with it when `attributes` lists the virtual one. */
  readonly fields?: readonly string[] | undefined;
}

/**
 * An attribute with no column: its value comes from a getter (and may be set through a setter).
 *
 * @example
 * DataTypes.VIRTUAL(DataTypes.STRING, ['first', 'last']).fields // ['first', 'last']
 */
export class VirtualType extends AbstractDataType {
  readonly key: string = 'VIRTUAL';
  readonly returnType: AbstractDataType | undefined;
  readonly fields: readonly string[];

  constructor(options: VirtualOptions = {}) {
    super();
    this.returnType = options.returnType;
    this.fields = Object.freeze([...(options.fields ?? [])]);
  }

  override get isVirtual(): boolean {
    return true;
  }

  get params(): Readonly<Record<string, unknown>> {
    return this.returnType === undefined ? { fields: this.fields } : { returnType: this.returnType, fields: this.fields };
  }
}

/** The call form of VIRTUAL: `(returnType?, fields?)`. */
export type VirtualArgs = [returnType?: DataType, fields?: readonly string[]];

/**
 * A computed attribute, never stored.
 *
 * @example
 * fullName: {
 *   type: DataTypes.VIRTUAL(DataTypes.STRING, ['firstName', 'lastName']),
 *   get() { return `${this.firstName} ${this.lastName}`; },
 * }
 */
export const VIRTUAL = defineDataType('VIRTUAL', VirtualType, (...args: VirtualArgs) => {
  const [returnType, fields] = args;
  if (fields !== undefined && !(Array.isArray(fields) && fields.every((f) => typeof f === 'string'))) {
    throw InvalidOptionError.expected('DataTypes.VIRTUAL', 'fields', 'a list of attribute names', fields);
  }
  return new VirtualType({
    returnType: returnType === undefined ? undefined : normalizeDataType(returnType, 'DataTypes.VIRTUAL returnType'),
    fields,
  });
});
