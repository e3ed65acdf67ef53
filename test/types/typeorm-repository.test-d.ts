import { describe, expectTypeOf, it } from 'vitest';
import { Between, In, IsNull, Like, MoreThan, Not, type DataSource } from '../../src/typeorm/index.js';

class Tag {
  id!: number;
  label!: string;
}
class Post {
  id!: number;
  title!: string;
  author?: User;
  tags?: Tag[];
}
class User {
  id!: number;
  name!: string;
  age!: number | null;
  createdAt!: Date;
  posts?: Post[];
  profile?: Profile | null;
  greet(): string {
    return `hi ${this.name}`;
  }
}
class Profile {
  id!: number;
  bio!: string;
}
declare const dataSource: DataSource;
const users = dataSource.getRepository(User);

describe('Repository.find: relations present in the result type', () => {
  it('relations: { posts: true } makes posts present', async () => {
    const found = await users.find({ relations: { posts: true } });
    expectTypeOf(found[0]!.posts).toEqualTypeOf<Post[]>();
    const plain = await users.find();
    expectTypeOf(plain[0]!.posts).toEqualTypeOf<Post[] | undefined>();
    // @ts-expect-error posts was not loaded, so it may be undefined
    const missing: Post[] = plain[0]!.posts;
    void missing;
  });

  it('nested relations are present at every level; a to-one keeps null', async () => {
    const found = await users.find({ relations: { posts: { tags: true }, profile: true } });
    expectTypeOf(found[0]!.posts[0]!.tags).toEqualTypeOf<Tag[]>();
    expectTypeOf(found[0]!.profile).toEqualTypeOf<Profile | null>();
    // @ts-expect-error author was not loaded
    const author: User = found[0]!.posts[0]!.author;
    void author;
  });

  it('findOne returns the loaded type or null', async () => {
    const one = await users.findOne({ where: { id: 1 }, relations: { posts: true } });
    expectTypeOf<null>().toMatchTypeOf<typeof one>();
    if (one !== null) expectTypeOf(one.posts).toEqualTypeOf<Post[]>();
    const [page, total] = await users.findAndCount({ relations: { posts: true }, take: 10 });
    expectTypeOf(page[0]!.posts).toEqualTypeOf<Post[]>();
    expectTypeOf(total).toEqualTypeOf<number>();
  });

  it('keeps the entity methods when nothing narrows it', async () => {
    const found = await users.find({ where: { name: 'ada' } });
    expectTypeOf(found).toEqualTypeOf<User[]>();
    expectTypeOf(found[0]!.greet()).toEqualTypeOf<string>();
  });

  it('relations names are checked', () => {
    // @ts-expect-error postz is not a relation of User
    void users.find({ relations: { postz: true } });
    // @ts-expect-error name is a column, not a relation
    void users.find({ relations: { name: true } });
  });
});

describe('Repository.find: select narrows the fields', () => {
  it('select: { id, name } keeps only those', async () => {
    const found = await users.find({ select: { id: true, name: true } });
    expectTypeOf(found[0]!).toEqualTypeOf<{ id: number; name: string }>();
    // @ts-expect-error age was not selected
    void found[0]!.age;
  });

  it('select into a loaded relation narrows its elements', async () => {
    const found = await users.find({ select: { name: true, posts: { title: true } }, relations: { posts: true } });
    expectTypeOf(found[0]!.posts[0]!).toEqualTypeOf<{ title: string }>();
  });

  it('selecting into a relation not loaded leaves it out, as at runtime', async () => {
    const found = await users.find({ select: { name: true, posts: { title: true } } });
    expectTypeOf(found[0]!).toEqualTypeOf<{ name: string }>();
  });

  it('select names are checked', () => {
    // @ts-expect-error nme is not a property of User
    void users.find({ select: { nme: true } });
  });
});

describe('Repository.find: where keys and operator values are checked against the entity', () => {
  it('accepts values and operators of the property type', () => {
    void users.find({ where: { id: In([1, 2]), name: Like('a%'), age: MoreThan(18), createdAt: Between(new Date(0), new Date()) } });
    void users.find({ where: [{ age: IsNull() }, { name: Not('ada') }] });
    void users.find({ where: { posts: { title: Like('a%'), tags: { label: 'x' } } } });
    void users.findBy({ profile: { bio: 'x' } });
  });

  it('refuses unknown properties and mistyped values', () => {
    // @ts-expect-error nme is not a property of User
    void users.find({ where: { nme: 'x' } });
    // @ts-expect-error Like() compares strings; id is a number
    void users.find({ where: { id: Like(3) } });
    // @ts-expect-error Like('…') is an operator on strings; id is a number
    void users.find({ where: { id: Like('3') } });
    // @ts-expect-error MoreThan('x') compares strings; age is a number
    void users.find({ where: { age: MoreThan('x') } });
    // @ts-expect-error name is a string
    void users.findBy({ name: 3 });
    // @ts-expect-error titel is not a property of Post
    void users.find({ where: { posts: { titel: 'x' } } });
  });

  it('aggregates take column names only', () => {
    expectTypeOf(users.sum('age')).toEqualTypeOf<Promise<number | null>>();
    // @ts-expect-error posts is a relation, not a column
    void users.sum('posts');
  });
});

class Shelf {
  id!: number;
  name!: string;
  /** A lazy relation (`{ lazy: true }`): a promise of the related entities. */
  books!: Promise<Book[]>;
}
class Book {
  id!: number;
  title!: string;
  shelf!: Promise<Shelf | null>;
}

describe('lazy relations (properties typed Promise<T>)', () => {
  const shelves = dataSource.getRepository(Shelf);
  it('are relations in where, relations and order, checked against the related entity', async () => {
    const found = await shelves.find({ where: { books: { title: Like('a%') } }, relations: { books: true }, order: { books: { id: 'ASC' } } });
    expectTypeOf(found[0]!.books).toEqualTypeOf<Promise<Book[]>>();
    expectTypeOf(await found[0]!.books).toEqualTypeOf<Book[]>();
    // @ts-expect-error Book has no column "titel"
    await shelves.find({ where: { books: { titel: 'x' } } });
    // @ts-expect-error a relation is not a column to select with true in the array form
    await shelves.find({ select: ['books'] });
  });
});
