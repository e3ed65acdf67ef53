import { DataTypes, type DataType as AnyDataType } from '../data-types/index.js';

/**
 * sequelize-typescript's name for `DataTypes` (the same object); as a type, what `type:` accepts.
 *
 * @example
 * @Column({ type: DataType.UUID, defaultValue: DataType.UUIDV4, primaryKey: true }) id!: string
 * @Column(DataType.TEXT) body!: string
 */
export const DataType: typeof DataTypes = DataTypes;
export type DataType = AnyDataType;
