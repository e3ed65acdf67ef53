import {
  AutoIncrement, BelongsToMany, Column, DataTypes, Index, IsLowercase, Length, Model, PrimaryKey, Table, Validator,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute,
} from 'relata';
import { Author } from './author.js';

@Table({ tableName: 'mode_genres', timestamps: false })
export class Genre extends Model<InferAttributes<Genre>, InferCreationAttributes<Genre>> {
  @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) id!: CreationOptional<number>;
  @Index({ name: 'mode_genres_label', unique: true }) @IsLowercase @Length({ max: 20 }) @Column(DataTypes.STRING) label!: string;
  @BelongsToMany(() => Author, 'mode_author_genres', 'genreId', 'authorId') authors?: NonAttribute<Author[]>;

  @Validator notReserved(): void {
    if (this.label === 'none') throw new Error('reserved label');
  }
}
