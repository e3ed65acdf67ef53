/**
 * Repository.save() on relata/typeorm against TypeORM itself: the same entities, the same calls,
 * then the rows (read with plain SQL) and the returned objects compared, on every dialect.
 */
import 'reflect-metadata';
import { describe, expect, it, vi } from 'vitest';
import * as RelataTypeorm from '../../src/typeorm/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { writesTwin, type Side } from '../support/typeorm-writes-twin.js';
import { defineEntities, view, type Entities, type PostShape, type UserShape } from './typeorm-writes-entities.js';

type S = Side<Entities>;

describeEachDialect('typeorm save, relata against typeorm', (block) => {
  const twin = writesTwin(block, defineEntities);
  const tables = async (side: S, ...names: string[]) => Object.fromEntries(await Promise.all(names.map(async (name) => [name, await twin.rows(side, name, name === 'post_tags_tag' ? 'postId,tagId' : 'id')] as const)));

  it('save(plain) inserts and returns the same object, with the generated id, defaults, dates and null in nullable columns', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const plain = { name: 'ada' };
      const saved = await users.save(plain);
      return { same: saved === plain, saved: view(saved), keys: Object.keys(saved).sort(), rows: await tables(side, 'user') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.same).toBe(true);
    expect(result.relata.saved).toEqual({ id: 1, name: 'ada', score: 0, bio: null, createdAt: 'date', updatedAt: 'date', deletedAt: null });
    expect(result.relata.rows['user']).toEqual([{ id: 1, name: 'ada', score: 0, bio: null, createdAt: 'date', updatedAt: 'date', deletedAt: null, profileId: null }]);
  });

  it('save(create(graph)) inserts the graph by cascade: one-to-one owner first, posts with the user key, tags and junction rows', async () => {
    const result = await twin.both(async (side) => {
      const { User } = side.entities;
      const users = side.dataSource.getRepository(User);
      const ada = users.create({ name: 'ada', profile: { handle: '@ada' }, posts: [{ title: 'Notes', tags: [{ label: 'math' }, { label: 'art' }] }, { title: 'Sketches', tags: [] }] });
      const before = { isUser: ada instanceof User, post: (ada.posts[0] as object).constructor.name, view: view(ada) };
      const saved = await users.save(ada);
      return { before, same: saved === ada, saved: view(saved), rows: await tables(side, 'user', 'profile', 'post', 'tag', 'post_tags_tag') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.before).toEqual({ isUser: true, post: 'Post', view: { name: 'ada', profile: { handle: '@ada' }, posts: [{ title: 'Notes', tags: [{ label: 'math' }, { label: 'art' }] }, { title: 'Sketches', tags: [] }] } });
    expect(result.relata.rows).toEqual({
      user: [{ id: 1, name: 'ada', score: 0, bio: null, createdAt: 'date', updatedAt: 'date', deletedAt: null, profileId: 1 }],
      profile: [{ id: 1, handle: '@ada' }],
      post: [{ id: 1, title: 'Notes', userId: 1 }, { id: 2, title: 'Sketches', userId: 1 }],
      tag: [{ id: 1, label: 'math' }, { id: 2, label: 'art' }],
      post_tags_tag: [{ postId: 1, tagId: 1 }, { postId: 1, tagId: 2 }],
    });
  });

  it('save() of an existing entity updates only the changed columns and the update date; unchanged, it writes nothing', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save([{ name: 'ada', bio: 'math' }, { name: 'bob' }]);
      const before = await tables(side, 'user');
      const [rowBefore] = await side.dataSource.query<{ updatedAt: unknown }[]>(side.lib === 'typeorm' && side.schema !== '' ? `SELECT "updatedAt" FROM "${side.schema}"."user" WHERE id = 1` : 'SELECT * FROM user WHERE id = 1'.replace('user', side.dataSource.options.type === 'mariadb' ? '`user`' : '"user"'));
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const partial = { id: 1, score: 7 };
      const saved = await users.save(partial);
      const unchanged = await users.save({ id: 2, name: 'bob' });
      const [rowAfter] = await side.dataSource.query<{ updatedAt: unknown }[]>(side.lib === 'typeorm' && side.schema !== '' ? `SELECT "updatedAt" FROM "${side.schema}"."user" WHERE id = 1` : 'SELECT * FROM user WHERE id = 1'.replace('user', side.dataSource.options.type === 'mariadb' ? '`user`' : '"user"'));
      return { before, saved: view(saved), same: saved === partial, unchanged: view(unchanged), rows: await tables(side, 'user'), touched: String(rowAfter?.updatedAt) !== String(rowBefore?.updatedAt) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.same).toBe(true);
    expect(result.relata.touched).toBe(true);
    expect(result.relata.rows['user']?.map((row) => [row['id'], row['name'], row['score'], row['bio']])).toEqual([[1, 'ada', 7, 'math'], [2, 'bob', 0, null]]);
  });

  it('save() with a given id that has no row inserts it with that id (TypeORM drops the id on PostgreSQL only)', async () => {
    const result = await twin.both(async (side) => {
      const tags = side.dataSource.getRepository(side.entities.Tag);
      const saved = await tags.save([{ id: 5, label: 'five' }, { label: 'next' }]);
      return { saved: view(saved), rows: await tables(side, 'tag') };
    });
    // The sequence of a PostgreSQL serial column does not move for a given id; MariaDB's and SQLite's counters do.
    const next = block.dialect === 'postgres' ? 1 : 6;
    expect(result.relata).toEqual({ saved: [{ id: 5, label: 'five' }, { id: next, label: 'next' }], rows: { tag: [{ id: 5, label: 'five' }, { id: next, label: 'next' }].sort((a, b) => a.id - b.id) } });
    if (block.dialect === 'postgres') expect(result.typeorm.saved).toEqual([{ id: 1, label: 'five' }, { id: 2, label: 'next' }]);
    else expect(result.typeorm).toEqual(result.relata);
  });

  it('many-to-many: the array given replaces the junction rows (added ones inserted, missing ones deleted), new tags inserted by cascade', async () => {
    const result = await twin.both(async (side) => {
      const posts = side.dataSource.getRepository(side.entities.Post);
      const post = await posts.save({ title: 'Notes', tags: [{ label: 'a' }, { label: 'b' }, { label: 'c' }] });
      const [, b, c] = post.tags;
      post.tags = [c as never, { label: 'd' } as never, b as never];
      await posts.save(post);
      const afterSwap = await tables(side, 'tag', 'post_tags_tag');
      await posts.save({ id: post.id, tags: [] });
      return { saved: view(post), afterSwap, after: await tables(side, 'post_tags_tag', 'tag') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.afterSwap['post_tags_tag']).toEqual([{ postId: 1, tagId: 2 }, { postId: 1, tagId: 3 }, { postId: 1, tagId: 4 }]);
    expect(result.relata.after['post_tags_tag']).toEqual([]);
    expect(result.relata.after['tag']?.map((row) => row['label'])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('many-to-many from the inverse side: the tag’s posts array is its set of junction rows (posts by id linked, no cascade)', async () => {
    const result = await twin.both(async (side) => {
      const { Post, Tag } = side.entities;
      await side.dataSource.getRepository(Post).save([{ title: 'p1', tags: [{ label: 'a' }] }, { title: 'p2' }, { title: 'p3' }]);
      const tags = side.dataSource.getRepository(Tag);
      await tags.save({ id: 1, posts: [{ id: 2 }, { id: 3, title: 'ignored' }] } as never);
      return await tables(side, 'post', 'post_tags_tag');
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata['post_tags_tag']).toEqual([{ postId: 2, tagId: 1 }, { postId: 3, tagId: 1 }]);
    expect(result.relata['post']?.map((row) => row['title'])).toEqual(['p1', 'p2', 'p3']);
  });

  it('one-to-many: a child left out of the array gets its key nulled (orphanedRowAction nullify, the default), one with orphanedRowAction delete is deleted', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const ada = await users.save({ name: 'ada', posts: [{ title: 'p1' }, { title: 'p2' }, { title: 'p3' }] });
      ada.posts = [ada.posts[2] as PostShape, { title: 'p4' } as PostShape];
      await users.save(ada);
      const articles = side.dataSource.getRepository(side.entities.Article);
      const article = await articles.save({ title: 'a', comments: [{ text: 'c1' }, { text: 'c2' }] });
      article.comments = [article.comments[1] as never];
      await articles.save(article);
      return { ada: view(ada), rows: await tables(side, 'post', 'comment') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.rows['post']).toEqual([{ id: 1, title: 'p1', userId: null }, { id: 2, title: 'p2', userId: null }, { id: 3, title: 'p3', userId: 1 }, { id: 4, title: 'p4', userId: 1 }]);
    expect(result.relata.rows['comment']).toEqual([{ id: 2, text: 'c2', articleId: 1, deletedAt: null }]);
  });

  it("orphanedRowAction 'soft-delete' sets the child's delete date (its key kept); 'disable' leaves the child as it was", async () => {
    const result = await twin.both(async (side) => {
      const shelves = side.dataSource.getRepository(side.entities.Shelf);
      const shelf = await shelves.save({ title: 's', books: [{ title: 'b1' }, { title: 'b2' }], crates: [{ title: 'c1' }, { title: 'c2' }] });
      shelf.books = [shelf.books[1] as never];
      shelf.crates = [shelf.crates[1] as never];
      await shelves.save(shelf);
      const rows = await tables(side, 'book', 'crate');
      return { books: rows['book']?.map((row) => [row['id'], row['shelfId'], row['deletedAt'] === null ? 'live' : 'deleted']), crates: rows['crate'] };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ books: [[1, 1, 'deleted'], [2, 1, 'live']], crates: [{ id: 1, title: 'c1', shelfId: 1 }, { id: 2, title: 'c2', shelfId: 1 }] });
  });

  it('without cascade, a related entity with an id is linked (join column set), not written; children by id are linked to their parent', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const posts = side.dataSource.getRepository(side.entities.Post);
      await users.save([{ name: 'ada' }, { name: 'bob' }]);
      const post = await posts.save({ title: 'Notes', user: { id: 2, name: 'renamed' } as UserShape });
      await posts.save({ title: 'Loose' });
      // User.posts cascades: the post by id moves to ada, and its title change is written.
      await users.save({ id: 1, posts: [{ id: 2, title: 'Loose, now ada' }] as PostShape[] });
      return { post: view(post), rows: await tables(side, 'user', 'post') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.rows['user']?.map((row) => row['name'])).toEqual(['ada', 'bob']);
    expect(result.relata.rows['post']).toEqual([{ id: 1, title: 'Notes', userId: 2 }, { id: 2, title: 'Loose, now ada', userId: 1 }]);
  });

  it('save([…]) is atomic: a row failing (NOT NULL) leaves none of the others, nor their cascaded rows', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const error = await users.save([{ name: 'ada', posts: [{ title: 'p' }] }, { name: null }] as never).catch((e: unknown) => e);
      return { failed: error instanceof Error, rows: await tables(side, 'user', 'post') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ failed: true, rows: { user: [], post: [] } });
  });

  it('inside manager.transaction(), save joins the transaction: a throw afterwards rolls every row back', async () => {
    const result = await twin.both(async (side) => {
      const { User } = side.entities;
      const error = await side.dataSource
        .transaction(async (manager) => {
          await manager.save(User, { name: 'ada', posts: [{ title: 'p' }] });
          await manager.getRepository(User).save({ name: 'bob' });
          const counted = await manager.query<{ n: unknown }[]>(side.dataSource.options.type === 'postgres' ? `SELECT count(*) AS n FROM ${side.schema === '' ? '' : `"${side.schema}".`}"user"` : 'SELECT count(*) AS n FROM user'.replace('user', side.dataSource.options.type === 'mariadb' ? '`user`' : '"user"'));
          expect(counted.map((row) => Number(row.n))).toEqual([2]);
          throw new Error('rollback');
        })
        .catch((e: unknown) => (e as Error).message);
      return { error, rows: await tables(side, 'user', 'post') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ error: 'rollback', rows: { user: [], post: [] } });
  });

  it('manager.save(entity) saves by the instance class; chunk splits the lookups, not the result', async () => {
    const result = await twin.both(async (side) => {
      const { Tag } = side.entities;
      const tags = side.dataSource.getRepository(Tag);
      const built = tags.create([{ label: 'a' }, { label: 'b' }, { label: 'c' }]);
      const saved = await side.dataSource.manager.save(built, { chunk: 2 });
      return { saved: view(saved), same: saved === built, rows: await tables(side, 'tag') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.saved).toEqual([{ id: 1, label: 'a' }, { id: 2, label: 'b' }, { id: 3, label: 'c' }]);
    // The array given is the array returned, as in TypeORM.
    expect(result.relata.same).toBe(true);
  });

  it('a loaded entity (preload) changed and saved: one UPDATE of the changed columns, the instance returned; relations given by id are linked', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      await users.save({ name: 'ada', posts: [{ title: 'p1' }] });
      await side.dataSource.getRepository(Post).save({ title: 'p2' });
      const loaded = (await users.preload({ id: 1 })) as UserShape;
      loaded.bio = 'math';
      loaded.posts = [{ id: 1 }, { id: 2 }] as PostShape[];
      const saved = await users.save(loaded);
      return { same: saved === loaded, saved: view(saved), rows: await tables(side, 'user', 'post') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.same).toBe(true);
    expect(result.relata.rows['user']?.map((row) => [row['name'], row['bio']])).toEqual([['ada', 'math']]);
    expect(result.relata.rows['post']).toEqual([{ id: 1, title: 'p1', userId: 1 }, { id: 2, title: 'p2', userId: 1 }]);
  });

  it('one-to-one: the owner cascades updates to its profile; from the inverse side a user by id is linked (its join column set) without cascade', async () => {
    const result = await twin.both(async (side) => {
      const { User, Profile } = side.entities;
      const users = side.dataSource.getRepository(User);
      const profiles = side.dataSource.getRepository(Profile);
      await users.save([{ name: 'ada', profile: { handle: '@ada' } }, { name: 'bob' }]);
      await users.save({ id: 1, profile: { id: 1, handle: '@ada.l' } } as never);
      const spare = await profiles.save({ handle: '@bob', user: { id: 2, name: 'ignored' } } as never);
      return { spare: view(spare), rows: await tables(side, 'user', 'profile') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.rows['profile']).toEqual([{ id: 1, handle: '@ada.l' }, { id: 2, handle: '@bob' }]);
    expect(result.relata.rows['user']?.map((row) => [row['id'], row['name'], row['profileId']])).toEqual([[1, 'ada', 1], [2, 'bob', 2]]);
  });

  it('one-to-one inverse side set to null: the owner loses its key (the profile stays)', async () => {
    const result = await twin.both(async (side) => {
      const { User, Profile } = side.entities;
      await side.dataSource.getRepository(User).save({ name: 'ada', profile: { handle: '@ada' } });
      await side.dataSource.getRepository(Profile).save({ id: 1, user: null } as never);
      return await tables(side, 'user', 'profile');
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata['user']?.map((row) => row['profileId'])).toEqual([null]);
    expect(result.relata['profile']).toEqual([{ id: 1, handle: '@ada' }]);
  });

  it('preload() loads the relations the plain object names and merges them by id', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save({ name: 'ada', posts: [{ title: 'p1' }, { title: 'p2' }] });
      const preloaded = (await users.preload({ id: 1, posts: [{ id: 2, title: 'P2' }] } as never)) as UserShape;
      const shape = view(preloaded);
      await users.save(preloaded);
      return { shape, rows: await tables(side, 'post') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.shape).toEqual({ id: 1, name: 'ada', score: 0, bio: null, createdAt: 'date', updatedAt: 'date', deletedAt: null, posts: [{ id: 2, title: 'P2' }] });
    expect(result.relata.rows['post']).toEqual([{ id: 1, title: 'p1', userId: null }, { id: 2, title: 'P2', userId: 1 }]);
  });

  it('remove() of a user cascades (cascade: true) to the posts it holds and their tags, before the user, and to its profile after it', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const ada = await users.save({ name: 'ada', profile: { handle: '@ada' }, posts: [{ title: 'p1', tags: [{ label: 't' }] }, { title: 'p2' }] });
      await users.save({ name: 'bob', posts: [{ title: 'p3' }] });
      const removed = await users.remove(ada);
      return { removed: view(removed), rows: await tables(side, 'user', 'profile', 'post', 'tag', 'post_tags_tag') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.removed).toEqual({ name: 'ada', score: 0, bio: null, createdAt: 'date', updatedAt: 'date', deletedAt: null, profile: { handle: '@ada' }, posts: [{ title: 'p1', tags: [{ label: 't' }] }, { title: 'p2' }] });
    // Post.tags cascades too: the tag goes with the post.
    expect(result.relata.rows).toEqual({ user: [expect.objectContaining({ id: 2, name: 'bob' })], profile: [], post: [{ id: 3, title: 'p3', userId: 2 }], tag: [], post_tags_tag: [] });
  });

  it('relata hooks of the entity run on save() (listeners: false skips them)', async () => {
    const { relata } = twin.sides;
    const { User } = relata.entities;
    const model = User as unknown as { addHook(name: string, fn: (instance: { get(key: string): unknown }) => void): void; removeHook(name: string, fn: unknown): void };
    const seen: unknown[] = [];
    const hook = (instance: { get(key: string): unknown }): void => void seen.push(instance.get('name'));
    model.addHook('beforeCreate', hook);
    try {
      const users = relata.dataSource.getRepository(User);
      await users.save({ name: 'hooked' });
      await users.save({ name: 'quiet' }, { listeners: false });
    } finally {
      model.removeHook('beforeCreate', hook);
    }
    expect(seen).toEqual(['hooked']);
  });
});

describe('typeorm save: the statements of a graph save (SQLite, in memory)', () => {
  it('user + profile + 2 posts + 2 tags: one transaction, one INSERT per table (the posts together, the tags together, both links together)', async () => {
    const entities = defineEntities(RelataTypeorm);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const dataSource = new RelataTypeorm.DataSource({ type: 'sqlite', database: ':memory:', entities: Object.values(entities), synchronize: true, logging: true });
    await dataSource.initialize();
    try {
      log.mockClear();
      const users = dataSource.getRepository(entities.User);
      await users.save({ name: 'ada', profile: { handle: '@ada' }, posts: [{ title: 'Notes', tags: [{ label: 'math' }, { label: 'art' }] }, { title: 'Sketches' }] });
      // Every statement ran in the save's transaction (one id), and none of them reads.
      const lines = log.mock.calls.map((call) => String(call[0]));
      expect(new Set(lines.map((line) => /^Executing \((t\d+)\)/.exec(line)?.[1])).size).toBe(1);
      const statements = lines.map((line) => line.replace(/^Executing \(t\d+\)/, 'Executing (t)').split(' ').slice(0, 5).join(' '));
      expect(statements).toEqual([
        'Executing (t): insert into "profile"',
        'Executing (t): insert into "user"',
        'Executing (t): insert into "post"',
        'Executing (t): insert into "tag"',
        'Executing (t): insert into "post_tags_tag"',
      ]);
      expect(lines[2]).toContain('values (?, ?), (?, ?)');
      expect(lines[3]).toContain('values (?), (?)');
    } finally {
      log.mockRestore();
      await dataSource.destroy();
    }
  });
});
