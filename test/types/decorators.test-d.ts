/**
 * Decorated classes are typed without extra declarations: the decorated fields give create,
 * where and include their types (association fields holding models are never attributes), the
 * decorators check their arguments, and TypeORM-style entities get a typed model through asModel.
 */
import type { DynamicModule } from '@nestjs/common';
import { describe, expectTypeOf, it } from 'vitest';
import {
  AllowNull, AutoIncrement, BelongsTo, BelongsToMany, Column, DataTypes, Default, ForeignKey, HasMany, Model, PrimaryKey, Table,
  type CreationOptional, type InferAttributes, type InferCreationAttributes,
} from '../../src/index.js';
import { Column as EntityColumn, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn, asModel, type EntityStatic } from '../../src/decorators/typeorm/index.js';
import { InjectModel, RelataModule, getModelToken } from '../../src/nestjs/index.js';

@Table
class Author extends Model<InferAttributes<Author>, InferCreationAttributes<Author>> {
  @PrimaryKey @AutoIncrement @Column id!: CreationOptional<number>;
  @AllowNull(false) @Column name!: string;
  @Default('active') @Column status!: CreationOptional<string>;
  @HasMany(() => Book) books!: Book[];
  @BelongsToMany(() => Book, () => Favorite) favorites!: Book[];
}

@Table
class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  @PrimaryKey @AutoIncrement @Column id!: CreationOptional<number>;
  @Column(DataTypes.STRING(80)) title!: string;
  @ForeignKey(() => Author) @Column authorId!: number;
  @BelongsTo(() => Author, { onDelete: 'CASCADE' }) author?: Author;
}

@Table({ tableName: 'favorites', timestamps: false })
class Favorite extends Model<InferAttributes<Favorite>, InferCreationAttributes<Favorite>> {
  @ForeignKey(() => Author) @Column authorId!: number;
  @ForeignKey(() => Book) @Column bookId!: number;
}

@Entity()
class User {
  @PrimaryGeneratedColumn() id!: number;
  @EntityColumn() username!: string;
  @EntityColumn('int', { nullable: true }) age!: number | null;
  @OneToMany(() => Post, (post) => post.user) posts!: Post[];
}

@Entity()
class Post {
  @PrimaryGeneratedColumn() id!: number;
  @EntityColumn('varchar') title!: string;
  @ManyToOne(() => User, (user) => user.posts) user!: User;
}

describe('sequelize-typescript-style models', () => {
  it('types create from the decorated fields; association fields are not attributes', async () => {
    const author = await Author.create({ name: 'Ada' });
    expectTypeOf(author.name).toEqualTypeOf<string>();
    // @ts-expect-error name is required
    await Author.create({ status: 'x' });
    // @ts-expect-error no such attribute
    await Author.create({ name: 'Ada', nickname: 'A' });
    expectTypeOf<keyof InferAttributes<Author>>().toEqualTypeOf<'id' | 'name' | 'status'>();
    await Book.create({ title: 'Notes', authorId: author.id });
  });

  it('types where and include', async () => {
    await Author.findAll({ where: { name: 'Ada', status: 'active' } });
    // @ts-expect-error unknown attribute in where
    await Author.findAll({ where: { nickname: 'A' } });
    const authors = await Author.findAll({ include: ['books'] });
    expectTypeOf(authors[0]!.books[0]!.title).toEqualTypeOf<string>();
    const books = await Book.findAll({ include: ['author'] });
    const author: Author = books[0]!.author;
    expectTypeOf(author.name).toEqualTypeOf<string>();
    const plain = await Book.findAll();
    // @ts-expect-error author was not included, so it may be undefined
    const missing: Author = plain[0]!.author;
    void missing;
  });

  it('checks decorator arguments', () => {
    // @ts-expect-error a column type must be a data type or options
    Column(42);
    // @ts-expect-error the target must be a thunk returning a class
    BelongsTo(Author);
    // @ts-expect-error @Table options are model options
    Table({ tableName: 1 });
  });
});

describe('TypeORM-style entities', () => {
  it('asModel(Entity) gives the model API typed by the entity', async () => {
    const Users: EntityStatic<User> = asModel(User);
    const user = await Users.create({ username: 'ada' });
    expectTypeOf(user.username).toEqualTypeOf<string>();
    expectTypeOf(user.age).toEqualTypeOf<number | null>();
    await Users.findAll({ where: { username: 'ada', age: null } });
    // @ts-expect-error relations are not attributes
    await Users.findAll({ where: { posts: [] } });
    const users = await Users.findAll({ include: ['posts'] });
    expectTypeOf(users[0]!.posts[0]!.title).toEqualTypeOf<string>();
  });

  it('types the inverse side from the target', () => {
    // @ts-expect-error Post has no property `author`
    OneToMany(() => Post, (post) => post.author);
    OneToMany(() => Post, 'user');
  });
});

describe('relata/nestjs', () => {
  it('types the module and the injection helpers', () => {
    expectTypeOf(RelataModule.forRoot({ uri: 'sqlite::memory:', autoLoadModels: true })).toEqualTypeOf<DynamicModule>();
    expectTypeOf(RelataModule.forFeature([Author, User])).toEqualTypeOf<DynamicModule>();
    RelataModule.forRootAsync({ useFactory: () => ({ dialect: 'sqlite', storage: ':memory:' }) });
    expectTypeOf(getModelToken(Author)).toEqualTypeOf<string>();
    expectTypeOf(InjectModel(Author)).toEqualTypeOf<PropertyDecorator & ParameterDecorator>();
    // @ts-expect-error synchronize is a boolean
    RelataModule.forRoot({ synchronize: 'yes' });
  });
});
