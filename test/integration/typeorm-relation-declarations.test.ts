/**
 * Relation declarations TypeORM accepts, run on TypeORM and relata/typeorm with the results
 * compared: a many-to-many whose inverse only the owning side names; eager many-to-many entities
 * reached through a lazy relation (no junction row on them); eager relations in a cycle. Then the
 * declarations relata refuses with a clear error: a relation to a composite primary key without
 * a referenced column, an embedded column.
 */
import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { DecoratorError, UnsupportedError } from '../../src/index.js';
import * as RelataTypeorm from '../../src/typeorm/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TypeormApi } from '../support/typeorm-twin.js';

function define(L: TypeormApi) {
  @L.Entity('rd_author')
  class Author {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') name!: string;
    // The owning side names the inverse; Book.authors names none.
    @L.ManyToMany(() => Book, (book) => book.authors) @L.JoinTable({ name: 'rd_author_books' }) books!: Book[];
  }
  @L.Entity('rd_book')
  class Book {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') title!: string;
    @L.ManyToMany(() => Author) authors!: Author[];
  }
  @L.Entity('rd_category')
  class Category {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') name!: string;
  }
  @L.Entity('rd_post')
  class Post {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') title!: string;
    @L.ManyToMany(() => Category, { eager: true }) @L.JoinTable({ name: 'rd_post_categories' }) categories!: Category[];
  }
  @L.Entity('rd_comment')
  class Comment {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') text!: string;
    @L.ManyToOne(() => Post, { lazy: true }) post!: Promise<Post>;
  }
  return { Author, Book, Category, Post, Comment };
}

describeEachDialect('relata/typeorm: relation declarations TypeORM accepts', (block) => {
  const twin = typeormTwin(block, define);
  beforeEach(() => twin.clear());

  it('a many-to-many side that names no inverse is the one the owning side names', async () => {
    const result = await twin.both(async ({ dataSource, entities: { Author, Book } }) => {
      const books = await dataSource.getRepository(Book).save([{ title: 'b1' }, { title: 'b2' }]);
      await dataSource.getRepository(Author).save({ name: 'ada', books });
      const authors = await dataSource.getRepository(Author).find({ relations: { books: true }, order: { id: 'ASC', books: { id: 'ASC' } } });
      return authors.map((author) => ({ name: author.name, books: author.books.map((book) => book.title) }));
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual([{ name: 'ada', books: ['b1', 'b2'] }]);
    // Loading from the side that names no inverse: relata reads the junction from there too (TypeORM 1.1 fails on it).
    const { dataSource, entities: { Book } } = twin.sides.relata;
    const fromBooks = await dataSource.getRepository(Book).find({ relations: { authors: true }, order: { id: 'ASC' } });
    expect(fromBooks.map((book) => ({ title: book.title, authors: book.authors.map((author) => author.name) }))).toEqual([{ title: 'b1', authors: ['ada'] }, { title: 'b2', authors: ['ada'] }]);
  });

  it('eager many-to-many entities reached through a lazy relation carry no junction row', async () => {
    const result = await twin.both(async ({ dataSource, entities: { Category, Post, Comment } }) => {
      const categories = await dataSource.getRepository(Category).save([{ name: 'db' }, { name: 'orm' }]);
      const post = await dataSource.getRepository(Post).save({ title: 'p', categories });
      const comment = dataSource.getRepository(Comment).create({ text: 'c' });
      comment.post = Promise.resolve(post);
      await dataSource.getRepository(Comment).save(comment);
      const [found] = await dataSource.getRepository(Comment).find();
      const loaded = await found!.post;
      return { title: loaded.title, categories: twin.plain([...loaded.categories].sort((a, b) => a.id - b.id)) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ title: 'p', categories: [{ id: 1, name: 'db' }, { id: 2, name: 'orm' }] });
  });
});

describeEachDialect('relata/typeorm: relation declarations relata refuses', (block) => {
  it('a relation to a composite primary key names the column it references, or is refused at registration', async () => {
    const relata = await block.connect();
    @RelataTypeorm.Entity('rd_kind')
    class Kind {
      @RelataTypeorm.PrimaryColumn('varchar') name!: string;
      @RelataTypeorm.PrimaryColumn('varchar') type!: string;
    }
    @RelataTypeorm.Entity('rd_item')
    class Item {
      @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
      @RelataTypeorm.ManyToOne(() => Kind) kind!: Kind;
    }
    expect(() => relata.addModels([Kind, Item])).toThrow(DecoratorError);
    expect(() => relata.addModels([Kind, Item])).toThrow(
      "Item.kind (@ManyToOne(() => Kind)): Kind's primary key has several columns (name, type), and a relation to it references one: name it with @JoinColumn({ referencedColumnName }) (or the join table's joinColumn), or give Kind a one-column key",
    );
  });

  it('an embedded column is an UnsupportedError naming the property', () => {
    class Name {
      first!: string;
    }
    const declare = () => {
      @RelataTypeorm.Entity('rd_person')
      class Person {
        @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
        @RelataTypeorm.Column(() => Name) name!: Name;
      }
      return Person;
    };
    expect(declare).toThrow(UnsupportedError);
    expect(declare).toThrow(/@Column\(\(\) => Name\) on Person\.name/);
  });
});

function defineCycle(L: TypeormApi) {
  @L.Entity('rd_publisher')
  class Publisher {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.OneToMany(() => Magazine, (magazine) => magazine.publisher, { eager: true }) magazines!: Magazine[];
  }
  @L.Entity('rd_magazine')
  class Magazine {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.ManyToOne(() => Publisher, (publisher) => publisher.magazines) publisher!: Publisher;
    @L.OneToMany(() => Journalist, (journalist) => journalist.magazine, { eager: true }) journalists!: Journalist[];
  }
  @L.Entity('rd_journalist')
  class Journalist {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.ManyToOne(() => Magazine, (magazine) => magazine.journalists) magazine!: Magazine;
    @L.ManyToOne(() => Publisher, { eager: true }) employer!: Publisher;
  }
  return { Publisher, Magazine, Journalist };
}

describeEachDialect('relata/typeorm: eager relations in a cycle', (block) => {
  const twin = typeormTwin(block, defineCycle);
  beforeEach(() => twin.clear());

  it('load, each relation of the cycle once on a path (TypeORM overflows its stack with joins)', async () => {
    const seed = async ({ dataSource, entities: { Publisher, Magazine, Journalist } }: (typeof twin.sides)['relata']) => {
      const publisher = await dataSource.getRepository(Publisher).save({});
      const magazine = await dataSource.getRepository(Magazine).save({ publisher });
      await dataSource.getRepository(Journalist).save({ magazine, employer: publisher });
    };
    const result = await twin.both(async (side) => {
      await seed(side);
      return twin.plain(await side.dataSource.getRepository(side.entities.Publisher).find({ relationLoadStrategy: 'query' }));
    });
    const { dataSource, entities: { Publisher } } = twin.sides.relata;
    const joined = twin.plain(await dataSource.getRepository(Publisher).find({ relationLoadStrategy: 'join' }));
    const expected = [{ id: 1, magazines: [{ id: 1, journalists: [{ id: 1 }] }] }];
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual(expected);
    expect(joined).toEqual(expected);
  });
});
