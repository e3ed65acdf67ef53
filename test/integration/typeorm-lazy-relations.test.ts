/**
 * TypeORM's lazy relations (`lazy: true`, or a property typed `Promise<T>`) on TypeORM and on
 * relata/typeorm, with the results compared: the property is a promise of the related entities,
 * loaded on first access and kept; `relations` fills it without a query; assigning a value or a
 * promise sets it, and save() writes it. Where they differ: a lazy relation read in a loop over one
 * result set is one statement on relata (the batched lazy load), one per entity on TypeORM.
 */
import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { DecoratorError } from '../../src/index.js';
import * as RelataTypeorm from '../../src/typeorm/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TypeormApi, type TwinLib } from '../support/typeorm-twin.js';

/** What TypeScript emits for a property typed `Promise<…>` under emitDecoratorMetadata. */
const typedPromise = Reflect.metadata('design:type', Promise) as PropertyDecorator;

function define(L: TypeormApi) {
  @L.Entity('lz_author')
  class Author {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') name!: string;
    @L.OneToMany(() => Post, (post) => post.author, { lazy: true }) posts!: Promise<Post[]>;
  }
  @L.Entity('lz_tag')
  class Tag {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') label!: string;
  }
  @L.Entity('lz_post')
  class Post {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') title!: string;
    // Lazy by its type alone, as TypeORM reads `Promise<Author>` from the emitted design:type.
    @L.ManyToOne(() => Author, (author) => author.posts, { nullable: true }) @typedPromise author!: Promise<Author | null>;
    @L.ManyToMany(() => Tag, { lazy: true }) @L.JoinTable({ name: 'lz_post_tags' }) tags!: Promise<Tag[]>;
  }
  return { Author, Post, Tag };
}

const statements: Record<TwinLib, string[]> = { typeorm: [], relata: [] };
let current: TwinLib = 'typeorm';
const logger = { logQuery: (query: string) => statements[current].push(query), logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined };

describeEachDialect('relata/typeorm: lazy relations', (block) => {
  const twin = typeormTwin(block, define, { dataSource: { logging: ['query'], logger } });
  beforeEach(() => twin.clear());

  /** Three authors with posts (the last without), two tags on the first post. */
  async function seed(side: (typeof twin.sides)[TwinLib]): Promise<void> {
    const { dataSource, entities: { Author, Post, Tag } } = side;
    const authors = await dataSource.getRepository(Author).save([{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }]);
    const tags = await dataSource.getRepository(Tag).save([{ label: 'db' }, { label: 'orm' }]);
    const posts = dataSource.getRepository(Post);
    for (const [title, author] of [['a1', authors[0]], ['a2', authors[0]], ['b1', authors[1]], ['loose', null]] as const) {
      const post = posts.create({ title });
      post.author = Promise.resolve(author === null ? null : (author as InstanceType<typeof Author>));
      if (title === 'a1') post.tags = Promise.resolve(tags);
      await posts.save(post);
    }
  }

  const sortById = <T extends { id: number }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.id - b.id);

  it('a lazy one-to-many read in a loop gives each entity its own rows: one statement for the loop on relata, one per entity on TypeORM', async () => {
    const result = await twin.both(async (side) => {
      current = side.lib;
      await seed(side);
      const authors = await side.dataSource.getRepository(side.entities.Author).find({ order: { id: 'ASC' } });
      statements[side.lib].length = 0;
      const out: unknown[] = [];
      for (const author of authors) out.push({ name: author.name, posts: twin.plain(sortById(await author.posts)) });
      const loop = statements[side.lib].length;
      statements[side.lib].length = 0;
      // Read again: kept, no statement.
      const again = twin.plain(sortById(await authors[0]!.posts));
      return { out, again, loop, rereads: statements[side.lib].length };
    });
    const expected = [
      { name: 'ada', posts: [{ id: 1, title: 'a1' }, { id: 2, title: 'a2' }] },
      { name: 'bob', posts: [{ id: 3, title: 'b1' }] },
      { name: 'cy', posts: [] },
    ];
    expect(result.typeorm.out).toEqual(expected);
    expect(result.relata.out).toEqual(expected);
    expect(result.relata.again).toEqual(result.typeorm.again);
    expect({ typeorm: result.typeorm.loop, relata: result.relata.loop }).toEqual({ typeorm: 3, relata: 1 });
    expect({ typeorm: result.typeorm.rereads, relata: result.relata.rereads }).toEqual({ typeorm: 0, relata: 0 });
  });

  it('a write between two reads of the loop is seen by the later read, as when each entity loads on its own', async () => {
    const result = await twin.both(async (side) => {
      current = side.lib;
      await seed(side);
      const { dataSource, entities: { Author, Post } } = side;
      const authors = await dataSource.getRepository(Author).find({ order: { id: 'ASC' } });
      const first = (await authors[0]!.posts).length;
      const post = dataSource.getRepository(Post).create({ title: 'b2' });
      post.author = Promise.resolve(authors[1]!);
      await dataSource.getRepository(Post).save(post);
      return { first, second: (await authors[1]!.posts).map((one) => one.title).sort() };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ first: 2, second: ['b1', 'b2'] });
  });

  it('reads under Promise.all share one statement on relata; an entity not saved yet reads [] and null without one', async () => {
    const result = await twin.both(async (side) => {
      current = side.lib;
      await seed(side);
      const { dataSource, entities: { Author, Post } } = side;
      const authors = await dataSource.getRepository(Author).find({ order: { id: 'ASC' } });
      statements[side.lib].length = 0;
      const counts = await Promise.all(authors.map(async (author) => (await author.posts).length));
      const all = statements[side.lib].length;
      statements[side.lib].length = 0;
      const fresh = { posts: await new Author().posts, author: await dataSource.getRepository(Post).create({ title: 'new' }).author };
      return { counts, all, fresh, freshStatements: statements[side.lib].length };
    });
    expect(result.typeorm.counts).toEqual([2, 1, 0]);
    expect(result.relata.counts).toEqual([2, 1, 0]);
    expect({ typeorm: result.typeorm.all, relata: result.relata.all }).toEqual({ typeorm: 3, relata: 1 });
    // `new Author()` defines its declared fields as own properties (useDefineForClassFields), which hide the lazy accessor on both.
    expect(result.relata.fresh).toEqual(result.typeorm.fresh);
    expect(result.relata.fresh.author).toBeNull();
    expect(result.relata.freshStatements).toBe(0);
  });

  it('a many-to-one typed Promise<T> is lazy: the related entity, or null', async () => {
    const result = await twin.both(async (side) => {
      current = side.lib;
      await seed(side);
      const posts = await side.dataSource.getRepository(side.entities.Post).find({ order: { id: 'ASC' } });
      const out: unknown[] = [];
      for (const post of posts) out.push({ title: post.title, author: twin.plain(await post.author) });
      return { out, instance: (await posts[0]!.author) instanceof side.entities.Author };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.out).toEqual([
      { title: 'a1', author: { id: 1, name: 'ada' } },
      { title: 'a2', author: { id: 1, name: 'ada' } },
      { title: 'b1', author: { id: 2, name: 'bob' } },
      { title: 'loose', author: null },
    ]);
    expect(result.relata.instance).toBe(true);
  });

  it('a lazy many-to-many reads the junction rows', async () => {
    const result = await twin.both(async (side) => {
      current = side.lib;
      await seed(side);
      const posts = await side.dataSource.getRepository(side.entities.Post).find({ order: { id: 'ASC' } });
      return Promise.all(posts.map(async (post) => ({ title: post.title, tags: (await post.tags).map((tag) => tag.label).sort() })));
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual([{ title: 'a1', tags: ['db', 'orm'] }, { title: 'a2', tags: [] }, { title: 'b1', tags: [] }, { title: 'loose', tags: [] }]);
  });

  it('relations: loads a lazy relation with the find, and reading it runs no statement', async () => {
    const result = await twin.both(async (side) => {
      current = side.lib;
      await seed(side);
      const authors = await side.dataSource.getRepository(side.entities.Author).find({ relations: { posts: true }, order: { id: 'ASC', posts: { id: 'ASC' } } });
      statements[side.lib].length = 0;
      const out: unknown[] = [];
      for (const author of authors) out.push(twin.plain(await author.posts));
      return { out, statements: statements[side.lib].length };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ out: [[{ id: 1, title: 'a1' }, { id: 2, title: 'a2' }], [{ id: 3, title: 'b1' }], []], statements: 0 });
  });

  it('a value assigned to a lazy relation is what it resolves to, and save() writes it', async () => {
    const result = await twin.both(async (side) => {
      current = side.lib;
      const { dataSource, entities: { Author, Post } } = side;
      const ada = await dataSource.getRepository(Author).save({ name: 'ada' });
      const bob = await dataSource.getRepository(Author).save({ name: 'bob' });
      const post = await dataSource.getRepository(Post).save(dataSource.getRepository(Post).create({ title: 'moved' }));
      const loaded = (await dataSource.getRepository(Post).findOneByOrFail({ id: post.id }));
      const before = twin.plain(await loaded.author);
      loaded.author = Promise.resolve(ada);
      const assigned = (await loaded.author)?.name;
      await dataSource.getRepository(Post).save(loaded);
      const fresh = await dataSource.getRepository(Post).findOneByOrFail({ id: post.id });
      const afterFirst = (await fresh.author)?.name;
      // A plain value is taken too, as TypeORM takes it.
      (fresh as unknown as { author: unknown }).author = bob;
      await dataSource.getRepository(Post).save(fresh);
      const last = await dataSource.getRepository(Post).findOneOrFail({ where: { id: post.id }, relations: { author: true } });
      return { before, assigned, afterFirst, last: (await last.author)?.name };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ before: null, assigned: 'ada', afterFirst: 'ada', last: 'bob' });
  });
});

describeEachDialect('relata/typeorm: lazy relations, relata only', (block) => {
  it('a relation both lazy and eager is refused, naming the entity and property', async () => {
    const relata = await block.connect();
      @RelataTypeorm.Entity('lz_bad_parent')
      class Parent {
        @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
        @RelataTypeorm.OneToMany(() => Child, (child) => child.parent, { lazy: true, eager: true }) children!: Promise<Child[]>;
      }
      @RelataTypeorm.Entity('lz_bad_child')
      class Child {
        @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
        @RelataTypeorm.ManyToOne(() => Parent, (parent) => parent.children) parent!: Parent;
      }
      let error: unknown;
      try {
        relata.addModels([Parent, Child]);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DecoratorError);
      expect((error as Error).message).toMatch(/Parent\.children/);
      expect((error as Error).message).toMatch(/both lazy and eager/);
  });
});

function defineListened(L: TypeormApi) {
  @L.Entity('lz_shelf')
  class Shelf {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') name!: string;
    @L.OneToMany(() => Book, (book) => book.shelf, { lazy: true }) books!: Promise<Book[]>;
  }
  @L.Entity('lz_book')
  class Book {
    static loaded: string[] = [];
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') title!: string;
    @L.ManyToOne(() => Shelf, (shelf) => shelf.books) shelf!: Shelf;
    @L.AfterLoad() mark(): void {
      Book.loaded.push(this.title);
    }
  }
  return { Shelf, Book };
}

describeEachDialect('relata/typeorm: lazy relations and @AfterLoad', (block) => {
  const twin = typeormTwin(block, defineListened);
  beforeEach(() => twin.clear());

  it('the entities a lazy relation reads get their @AfterLoad() calls', async () => {
    const result = await twin.both(async ({ dataSource, entities: { Shelf, Book } }) => {
      const shelf = await dataSource.getRepository(Shelf).save({ name: 'top' });
      await dataSource.getRepository(Book).save([{ title: 'a', shelf }, { title: 'b', shelf }]);
      Book.loaded = [];
      const [found] = await dataSource.getRepository(Shelf).find();
      const titles = (await found!.books).map((book) => book.title).sort();
      return { titles, loaded: [...Book.loaded].sort() };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ titles: ['a', 'b'], loaded: ['a', 'b'] });
  });
});
