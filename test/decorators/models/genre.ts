import {
  AutoIncrement, BelongsToMany, Column, DataTypes, Model, PrimaryKey, Table,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute,
} from 'relata';
import { Author } from './author.js';

@Table({ tableName: 'mode_genres', timestamps: false })
export class Genre extends Model<InferAttributes<Genre>, InferCreationAttributes<Genre>> {
  @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) id!: CreationOptional<number>;
  @Column(DataTypes.STRING) label!: string;
  @BelongsToMany(() => Author, 'mode_author_genres', 'genreId', 'authorId') authors?: NonAttribute<Author[]>;
}
