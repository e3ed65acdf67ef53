// sequelize-typescript style. Author, Book and Genre import each other as values (the thunks
// need the classes), a real cycle between ESM files: the thunks run only at registration, and
// NonAttribute<…> keeps emitDecoratorMetadata from reading the classes while they are defined.
import {
  AutoIncrement, BeforeCreate, Column, DataTypes, HasMany, BelongsToMany, Model, PrimaryKey, Table,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute,
} from 'relata';
import { Book } from './book.js';
import { Genre } from './genre.js';

@Table({ tableName: 'mode_authors', timestamps: false })
export class Author extends Model<InferAttributes<Author>, InferCreationAttributes<Author>> {
  @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) id!: CreationOptional<number>;
  @Column(DataTypes.STRING) name!: string;
  @HasMany(() => Book) books?: NonAttribute<Book[]>;
  @BelongsToMany(() => Genre, 'mode_author_genres', 'authorId', 'genreId') genres?: NonAttribute<Genre[]>;

  @BeforeCreate static trimName(author: Author): void {
    author.name = author.name.trim();
  }
}
