import {
  AllowNull, AutoIncrement, BelongsTo, Column, DataTypes, Default, ForeignKey, Model, PrimaryKey, Table,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute,
} from 'relata';
import { Author } from './author.js';

@Table({ tableName: 'mode_books', timestamps: false })
export class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) id!: CreationOptional<number>;
  @AllowNull(false) @Column(DataTypes.STRING) title!: string;
  @Default('draft') @Column(DataTypes.STRING) status!: CreationOptional<string>;
  @ForeignKey(() => Author) @Column(DataTypes.INTEGER) authorId!: number;
  @BelongsTo(() => Author) author?: NonAttribute<Author>;
}
