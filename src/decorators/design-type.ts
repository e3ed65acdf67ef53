// Shared by 'relata' and 'relata/typeorm' (separate bundles): no core imports here.

/** The DataTypes member a `design:type` maps to. @internal */
export type InferredTypeKey = 'STRING' | 'INTEGER' | 'BIGINT' | 'BOOLEAN' | 'DATE' | 'BLOB';

const BY_DESIGN_TYPE = new Map<unknown, InferredTypeKey>([
  [String, 'STRING'],
  [Number, 'INTEGER'],
  [BigInt, 'BIGINT'],
  [Boolean, 'BOOLEAN'],
  [Date, 'DATE'],
  [Buffer, 'BLOB'],
  [Uint8Array, 'BLOB'],
]);

/**
 * The data type a TypeScript property type implies, as sequelize-typescript and TypeORM infer it
 * (`string` → STRING, `number` → INTEGER, `Date` → DATE …); undefined for anything else
 * (`Object`, unions, interfaces), which then needs an explicit type.
 * @internal
 */
export function inferredTypeKey(designType: unknown): InferredTypeKey | undefined {
  return BY_DESIGN_TYPE.get(designType);
}
