/**
 * Repository.save() on relata/typeorm against TypeORM itself: the same entities, the same calls,
 * then the rows (read with plain SQL) and the returned objects compared, on every dialect.
 */
import 'reflect-metadata';
import { expect, it } from 'vitest';
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
});
