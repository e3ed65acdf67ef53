/**
 * Entities declared as TypeORM `EntitySchema`s (no decorators), on TypeORM and on relata/typeorm
 * with the same schemas and calls: columns with their roles (generated key, dates, version),
 * relations naming their targets by name, a join column and a join table, indices and uniques;
 * repositories taken by schema and by name; finds with relations, cascaded saves, the errors.
 */
import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { DecoratorError, InvalidOptionError } from '../../src/index.js';
import * as RelataTypeorm from '../../src/typeorm/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TypeormApi } from '../support/typeorm-twin.js';

interface Author {
  id: number;
  name: string;
  createdAt: Date;
  version: number;
  posts: Post[];
}
interface Post {
  id: number;
  title: string;
  author: Author | null;
  tags: Tag[];
}
interface Tag {
  id: number;
  label: string;
}

function define(L: TypeormApi) {
  const AuthorSchema = new L.EntitySchema<Author>({
    name: 'EsAuthor',
    tableName: 'es_author',
    columns: {
      id: { type: Number, primary: true, generated: true },
      name: { type: String, length: 40 },
      createdAt: { createDate: true },
      version: { type: Number, version: true },
    },
    relations: { posts: { type: 'one-to-many', target: 'EsPost', inverseSide: 'author', cascade: true } },
    uniques: [{ name: 'uq_es_author_name', columns: ['name'] }],
  });
  const PostSchema = new L.EntitySchema<Post>({
    name: 'EsPost',
    tableName: 'es_post',
    columns: { id: { type: Number, primary: true, generated: true }, title: { type: String, length: 40 } },
    relations: {
      author: { type: 'many-to-one', target: 'EsAuthor', inverseSide: 'posts', joinColumn: { name: 'authorId' }, nullable: true },
      tags: { type: 'many-to-many', target: 'EsTag', joinTable: { name: 'es_post_tags' }, cascade: true },
    },
    indices: [{ columns: ['title'] }],
  });
  const TagSchema = new L.EntitySchema<Tag>({
    name: 'EsTag',
    tableName: 'es_tag',
    columns: { id: { type: Number, primary: true, generated: true }, label: { type: String, length: 20 } },
  });
  return { AuthorSchema, PostSchema, TagSchema };
}

describeEachDialect('relata/typeorm: EntitySchema', (block) => {
  const twin = typeormTwin(block, define);
  beforeEach(() => twin.clear());

  it('saves a graph through cascades and finds it with relations, by schema and by name', async () => {
    const result = await twin.both(async ({ dataSource, entities: { AuthorSchema, PostSchema } }) => {
      const authors = dataSource.getRepository(AuthorSchema);
      await authors.save({ name: 'ada', posts: [{ title: 'one', tags: [{ label: 'db' }, { label: 'orm' }] }, { title: 'two', tags: [] }] });
      await authors.save({ name: 'bob', posts: [] });
      const found = await authors.find({ relations: { posts: { tags: true } }, order: { id: 'ASC', posts: { id: 'ASC', tags: { id: 'ASC' } } } });
      const byName = await dataSource.getRepository<Post>('EsPost').find({ relations: { author: true }, order: { id: 'ASC' } });
      const counted = await dataSource.manager.countBy(PostSchema, { author: { name: 'ada' } });
      return {
        found: found.map((author) => ({ id: author.id, name: author.name, version: author.version, stamped: author.createdAt instanceof Date, posts: twin.plain(author.posts) })),
        byName: byName.map((post) => ({ id: post.id, title: post.title, author: post.author === null ? null : { id: post.author.id, name: post.author.name } })),
        counted,
      };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({
      found: [
        { id: 1, name: 'ada', version: 1, stamped: true, posts: [{ id: 1, title: 'one', tags: [{ id: 1, label: 'db' }, { id: 2, label: 'orm' }] }, { id: 2, title: 'two', tags: [] }] },
        { id: 2, name: 'bob', version: 1, stamped: true, posts: [] },
      ],
      byName: [
        { id: 1, title: 'one', author: { id: 1, name: 'ada' } },
        { id: 2, title: 'two', author: { id: 1, name: 'ada' } },
      ],
      counted: 2,
    });
  });

  it('the uniques refuse a duplicate; an update counts the version up', async () => {
    const result = await twin.both(async ({ dataSource, entities: { AuthorSchema } }) => {
      const authors = dataSource.getRepository(AuthorSchema);
      const ada = await authors.save({ name: 'ada' });
      const duplicate = await authors.save({ name: 'ada' }).then(() => 'saved', () => 'refused');
      ada.name = 'ada l.';
      await authors.save(ada);
      return { duplicate, version: (await authors.findOneByOrFail({ id: ada.id })).version };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ duplicate: 'refused', version: 2 });
  });
});

describeEachDialect('relata/typeorm: EntitySchema errors', (block) => {
  it('a schema without a name, a relation to an entity not listed, an untyped column', async () => {
    expect(() => new RelataTypeorm.EntitySchema({ name: '', columns: {} })).toThrow(InvalidOptionError);
    const Lonely = new RelataTypeorm.EntitySchema<{ id: number; friend: unknown }>({
      name: 'EsLonely',
      columns: { id: { type: Number, primary: true, generated: true } },
      relations: { friend: { type: 'many-to-one', target: 'EsFriend' } },
    });
    const options = { type: 'better-sqlite3', database: ':memory:', entities: [Lonely] } as const;
    const lonely = new RelataTypeorm.DataSource(options);
    await expect(lonely.initialize()).rejects.toThrow(DecoratorError);
    await expect(new RelataTypeorm.DataSource({ ...options, entities: [Lonely] }).initialize()).rejects.toThrow(/EsLonely\.friend \(EntitySchema relation\): no entity named "EsFriend" is listed in this DataSource's entities \(listed: EsLonely\)/);
    const Untyped = new RelataTypeorm.EntitySchema<{ id: number; note: string }>({ name: 'EsUntyped', columns: { id: { type: Number, primary: true, generated: true }, note: {} } });
    await expect(new RelataTypeorm.DataSource({ ...options, entities: [Untyped] }).initialize()).rejects.toThrow(/EsUntyped\.note/);
    void block;
  });
});
