/**
 * Atomicity: a failure injected midway through a multi-statement write leaves the database exactly
 * as it was (same schema, same rows, checked with a checksum of every row):
 * - `setX` with many links (belongsToMany and hasMany), failing after its deletes ran;
 * - a cascade delete with `hooks: true` over two levels, failing at a grandchild;
 * - `create` and `bulkCreate` with `include`, failing at a nested level after the rows above it
 *   were inserted.
 * Failures come from hooks (the ORM) and from constraints (the database).
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AggregateError, DataTypes, DatabaseError, ForeignKeyConstraintError, ValidationError, type Model, type ModelStatic, type Relata,
} from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { snapshot } from './support/snapshot.js';

const LINKS = 120;

class InjectedFailure extends Error {}

/** Failures injected into writes that had already written, for the report. */
let injected = 0;

/** A hook that throws on its `n`-th call, to fail a write after it has already written. */
function failOnCall(n: number): { hook: () => void; calls: () => number } {
  let calls = 0;
  return {
    hook: () => {
      calls++;
      if (calls === n) throw new InjectedFailure(`injected failure at call ${n}`);
    },
    calls: () => calls,
  };
}

describeEachDialect('atomicity', ({ dialect, connect }) => {
  let db: Relata;
  let User: ModelStatic<Model>;
  let Group: ModelStatic<Model>;
  let Post: ModelStatic<Model>;
  let Comment: ModelStatic<Model>;
  let Junction: ModelStatic<Model>;
  let user: Model & Record<string, any>;
  let groups: Model[];
  let posts: Model[];

  afterAll(() => {
    console.info(`relata reliability [${dialect}] atomicity: ${injected} failures injected midway through multi-statement writes, database unchanged after each`);
    injected = 0;
  });

  /** Expects the write to fail and the database to be exactly as before; counts the injected failure. */
  const unchangedAfter = async (write: () => Promise<unknown>, error: abstract new (...args: never[]) => Error): Promise<void> => {
    const before = await snapshot(db, dialect);
    await expect(write()).rejects.toBeInstanceOf(error);
    expect(await snapshot(db, dialect)).toEqual(before);
    injected++;
  };

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
    User = db.define('User', { name: DataTypes.STRING });
    Group = db.define('Group', { name: DataTypes.STRING });
    Post = db.define('Post', { title: { type: DataTypes.STRING, allowNull: false } });
    Comment = db.define('Comment', { body: DataTypes.STRING });
    User.belongsToMany(Group, { through: 'UserGroups', as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId', onDelete: 'CASCADE', hooks: true });
    Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId', onDelete: 'CASCADE', hooks: true });
    Junction = db.model('UserGroups');
    await db.sync({ force: true });
    user = (await User.create({ name: 'ada' })) as Model & Record<string, any>;
    groups = (await Group.bulkCreate(Array.from({ length: 2 * LINKS }, (_, i) => ({ name: `g${i}` })))) as Model[];
    posts = (await Post.bulkCreate(Array.from({ length: 2 * LINKS }, (_, i) => ({ title: `p${i}`, userId: i < LINKS ? user.get('id') : null })))) as Model[];
    await Comment.bulkCreate(posts.slice(0, 20).flatMap((p, i) => [0, 1, 2].map((k) => ({ body: `c${i}.${k}`, postId: p.get('id') }))));
    await user['setGroups'](groups.slice(0, LINKS));
  });

  describe('setX with many links', () => {
    it(`belongsToMany: ${LINKS} links replaced, the insert failing (hook) after the deletes ran`, async () => {
      const failure = failOnCall(1);
      Junction.addHook('beforeBulkCreate', failure.hook);
      await unchangedAfter(() => user['setGroups'](groups.slice(LINKS / 2, LINKS + LINKS / 2)), InjectedFailure);
      expect(failure.calls()).toBe(1);
      expect(await user['countGroups']()).toBe(LINKS);
    });

    it(`belongsToMany: ${LINKS} links replaced, the insert failing (foreign key) after the deletes ran`, async () => {
      const keys = [...groups.slice(LINKS / 2, LINKS + LINKS / 2).map((g) => g.get('id')), 999_999];
      await unchangedAfter(() => user['setGroups'](keys), ForeignKeyConstraintError);
    });

    it(`hasMany: ${LINKS} links replaced, the second update failing (hook) after the first unlinked`, async () => {
      const failure = failOnCall(2);
      Post.addHook('beforeBulkUpdate', failure.hook);
      await unchangedAfter(() => user['setPosts'](posts.slice(LINKS / 2, LINKS + LINKS / 2)), InjectedFailure);
      expect(failure.calls()).toBe(2);
      expect(await user['countPosts']()).toBe(LINKS);
    });
  });

  it('a hooks: true cascade delete failing at a grandchild leaves parent, children and grandchildren', async () => {
    // Comments are destroyed one by one: fail at the 31st, after 30 comments and 10 posts went.
    const failure = failOnCall(31);
    Comment.addHook('beforeDestroy', failure.hook);
    await unchangedAfter(() => user.destroy(), InjectedFailure);
    expect(failure.calls()).toBe(31);
    Comment.removeHook('beforeDestroy', failure.hook);
    await user.destroy();
    expect([await User.count(), await Post.count({ where: { userId: user.get('id') } }), await Comment.count()]).toEqual([0, 0, 0]);
  });

  describe('create and bulkCreate with include', () => {
    const record = (i: number, title: string | null = `t${i}`) => ({
      name: `u${i}`,
      posts: [{ title: `a${i}` }, { title }],
      groups: [{ name: `ng${i}` }],
    });

    it('bulkCreate writes every level and links them', async () => {
      const created = (await User.bulkCreate([record(1), record(2)], { include: ['posts', 'groups'] })) as (Model & Record<string, any>)[];
      expect(created.map((u) => [u.get('name'), (u['posts'] as Model[]).map((p) => p.get('title')), (u['groups'] as Model[]).map((g) => g.get('name'))])).toEqual([
        ['u1', ['a1', 't1'], ['ng1']],
        ['u2', ['a2', 't2'], ['ng2']],
      ]);
      const again = (await User.findAll({ where: { name: ['u1', 'u2'] }, include: ['posts', 'groups'], order: [['name', 'ASC']] })) as (Model & Record<string, any>)[];
      expect(again.map((u) => [(u['posts'] as Model[]).map((p) => p.get('title')).sort(), (u['groups'] as Model[]).map((g) => g.get('name'))])).toEqual([
        [['a1', 't1'], ['ng1']],
        [['a2', 't2'], ['ng2']],
      ]);
    });

    it('bulkCreate failing at a nested level (validation) after the users were inserted writes nothing', async () => {
      const records = Array.from({ length: 20 }, (_, i) => record(i, i === 17 ? null : `t${i}`));
      // bulkCreate validates only with validate: true, and reports the failing rows as an AggregateError, as in Sequelize.
      await unchangedAfter(() => User.bulkCreate(records, { include: ['posts', 'groups'], validate: true }), AggregateError);
    });

    it('bulkCreate failing at a nested level (a NOT NULL column, without validate) after the users were inserted writes nothing', async () => {
      const records = Array.from({ length: 20 }, (_, i) => record(i, i === 17 ? null : `t${i}`));
      await unchangedAfter(() => User.bulkCreate(records, { include: ['posts', 'groups'] }), DatabaseError);
    });

    it('bulkCreate failing at the junction rows (hook) after users, posts and groups were inserted writes nothing', async () => {
      const failure = failOnCall(1);
      Junction.addHook('beforeBulkCreate', failure.hook);
      await unchangedAfter(() => User.bulkCreate([record(1), record(2)], { include: ['posts', 'groups'] }), InjectedFailure);
      expect(failure.calls()).toBe(1);
    });

    it('create failing at the second nested post writes neither the user nor the first post', async () => {
      await unchangedAfter(() => User.create(record(1, null), { include: ['posts', 'groups'] }), ValidationError);
    });
  });
});
