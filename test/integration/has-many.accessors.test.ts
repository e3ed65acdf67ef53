/**
 * hasMany accessors on every dialect, with instances and primary keys, single and in arrays:
 * getPosts (where, attributes, order, limit, scope), countPosts, hasPost(s), addPost(s),
 * removePost(s), setPosts, createPost. Sequelize semantics: set and remove null the foreign key
 * and keep the rows. Multi-statement accessors are atomic. Deleting a parent cascades through the
 * ORM with `hooks: true` (each child's destroy hooks run) and in the database without it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DataTypes, InvalidOptionError, Op, UniqueConstraintError, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('hasMany accessors', ({ dialect, connect }) => {
  const log: string[] = [];
  let db: Relata;
  let User: any;
  let Post: any;
  let ann: any;
  let bob: any;
  let posts: any[];

  /** [id, UserId] of every post, by id. */
  const links = async () => (await tableRows(db, dialect, 'Posts', ['id', 'UserId'])).map((r) => [r['id'], r['UserId']]);

  beforeEach(async () => {
    db = await connect({ logging: (s: string) => void log.push(s) });
    await dropAllTables(db, dialect);
    User = db.define('User', { name: DataTypes.STRING });
    Post = db.define('Post', {
      title: DataTypes.STRING,
      status: { type: DataTypes.STRING, defaultValue: 'draft' },
      hidden: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    }, {
      defaultScope: { where: { hidden: false } },
      scopes: { published: { where: { status: 'published' } } },
      indexes: [{ unique: true, fields: ['UserId', 'title'] }],
    });
    User.hasMany(Post);
    await db.sync({ force: true });
    [ann, bob] = await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }]);
    posts = await Post.bulkCreate([
      { title: 'p1', status: 'published', UserId: ann.id },
      { title: 'p2', status: 'draft', UserId: ann.id },
      { title: 'p3', status: 'published', UserId: ann.id },
      { title: 'p4', status: 'published', UserId: bob.id },
      { title: 'p5', status: 'draft', UserId: null },
      { title: 'p6', status: 'published', UserId: ann.id, hidden: true },
    ]);
    log.length = 0;
  });

  describe('getPosts', () => {
    it('returns the associated instances, through the default scope', async () => {
      const got = await ann.getPosts({ order: [['id', 'ASC']] });
      expect(got.map((p: any) => p.title)).toEqual(['p1', 'p2', 'p3']);
      expect(got.every((p: any) => p instanceof Post && p.UserId === ann.id)).toBe(true);
      expect(await (await User.create({ name: 'nobody' })).getPosts()).toEqual([]);
    });

    it('where, attributes, order and limit', async () => {
      const got = await ann.getPosts({ where: { status: 'published' }, attributes: ['id', 'title'], order: [['title', 'DESC']], limit: 1 });
      expect(got.map((p: any) => p.get({ plain: true }))).toEqual([{ id: posts[2].id, title: 'p3' }]);
      const ops = await ann.getPosts({ where: { title: { [Op.in]: ['p1', 'p2', 'p4'] } }, order: [['id', 'ASC']] });
      expect(ops.map((p: any) => p.title)).toEqual(['p1', 'p2']);
    });

    it('scope: a named scope of the target, or false to drop the default scope', async () => {
      expect((await ann.getPosts({ scope: 'published', order: [['id', 'ASC']] })).map((p: any) => p.title)).toEqual(['p1', 'p3', 'p6']);
      expect((await ann.getPosts({ scope: false, order: [['id', 'ASC']] })).map((p: any) => p.title)).toEqual(['p1', 'p2', 'p3', 'p6']);
    });
  });

  it('countPosts, with where and scope', async () => {
    expect(await ann.countPosts()).toBe(3);
    expect(await ann.countPosts({ where: { status: 'draft' } })).toBe(1);
    expect(await ann.countPosts({ scope: false })).toBe(4);
    expect(await bob.countPosts()).toBe(1);
  });

  it('hasPost / hasPosts with instances, keys and mixes', async () => {
    const [p1, p2, , p4, p5] = posts;
    expect(await ann.hasPost(p1)).toBe(true);
    expect(await ann.hasPost(p2.id)).toBe(true);
    expect(await ann.hasPost(p4)).toBe(false);
    expect(await ann.hasPosts([p1, p2.id])).toBe(true);
    expect(await ann.hasPosts([p1, p5])).toBe(false);
    expect(await ann.hasPosts([p1.id, 99999])).toBe(false);
    expect(await ann.hasPost(p1, { where: { status: 'draft' } })).toBe(false);
  });

  it('addPost / addPosts with an instance, a key, and arrays of both; other rows untouched', async () => {
    const [p1, , , p4, p5] = posts;
    const fresh = await Post.create({ title: 'p7' });
    const result = await bob.addPost(p5);
    expect(result).toBe(bob);
    expect(p5.UserId).toBe(bob.id);
    await bob.addPost(fresh.id);
    await bob.addPosts([p1, posts[1].id]);
    expect(await links()).toEqual([[p1.id, bob.id], [posts[1].id, bob.id], [posts[2].id, ann.id], [p4.id, bob.id], [p5.id, bob.id], [posts[5].id, ann.id], [fresh.id, bob.id]]);
    expect(await bob.countPosts()).toBe(5);
  });

  it('removePost / removePosts null the foreign key; the rows stay; other users\' posts are left alone', async () => {
    const [p1, p2, p3, p4] = posts;
    const result = await ann.removePost(p1);
    expect(result).toBe(ann);
    await ann.removePosts([p2.id, p4]); // p4 is bob's: not touched
    expect(await links()).toEqual([[p1.id, null], [p2.id, null], [p3.id, ann.id], [p4.id, bob.id], [posts[4].id, null], [posts[5].id, ann.id]]);
    expect(await Post.unscoped().count()).toBe(6);
  });

  it('setPosts replaces the set with instances and keys; set(null) and set([]) unlink all (regression: posts hidden by the default scope kept the key)', async () => {
    const [p1, p2, p3, p4, p5] = posts;
    const result = await ann.setPosts([p3, p5.id]);
    expect(result).toBe(ann);
    // p1, p2 and even the hidden p6 (outside the default scope) lose the key, as in Sequelize (unscoped)
    expect(await links()).toEqual([[p1.id, null], [p2.id, null], [p3.id, ann.id], [p4.id, bob.id], [p5.id, ann.id], [posts[5].id, null]]);
    await ann.setPosts(null);
    expect((await links()).filter(([, u]) => u === ann.id)).toEqual([]);
    await bob.setPosts([]);
    expect((await links()).map(([, u]) => u)).toEqual([null, null, null, null, null, null]);
    expect(await Post.unscoped().count()).toBe(6);
  });

  it('setPosts runs its statements in one transaction', async () => {
    await ann.setPosts([posts[0], posts[4]]);
    expect(log.length).toBeGreaterThanOrEqual(2);
    const ids = new Set(log.map((l) => /^Executing \(([^)]+)\)/.exec(l)?.[1]));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBe('default');
  });

  it('createPost writes the key and returns the new instance', async () => {
    const post = await bob.createPost({ title: 'new', status: 'published' });
    expect(post).toBeInstanceOf(Post);
    expect([post.title, post.UserId, post.isNewRecord]).toEqual(['new', bob.id, false]);
    expect((await tableRows(db, dialect, 'Posts', ['title', 'UserId', 'status'], ['id'])).at(-1)).toEqual({ title: 'new', UserId: bob.id, status: 'published' });
  });

  it('accessors refuse an instance of another model', async () => {
    await expect(ann.addPost(bob)).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(ann.hasPost({ id: 1 })).rejects.toBeInstanceOf(InvalidOptionError);
    expect((await links()).filter(([, u]) => u === ann.id)).toHaveLength(4);
  });

  it('atomic: setPosts whose second statement violates a unique key leaves the database unchanged', async () => {
    // ann keeps p1..p3; the new set links two posts titled "dup" to ann, which (UserId, title) forbids
    const [d1, d2] = await Post.bulkCreate([{ title: 'dup' }, { title: 'dup', UserId: bob.id }]);
    const before = await links();
    await expect(ann.setPosts([d1, d2])).rejects.toBeInstanceOf(UniqueConstraintError);
    expect(await links()).toEqual(before);
    expect(await ann.countPosts()).toBe(3);
  });
});

describeEachDialect('hasMany delete cascades', ({ dialect, connect }) => {
  let db: Relata;
  const destroyedHooks: string[] = [];

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
    destroyedHooks.length = 0;
  });

  function define(options: Record<string, unknown>, hook?: (title: string) => void) {
    const User = db.define('User', { name: DataTypes.STRING });
    const Post = db.define('Post', { title: DataTypes.STRING }, {
      hooks: { beforeDestroy: (post: any) => { destroyedHooks.push(post.title); hook?.(post.title); } },
    });
    User.hasMany(Post, options);
    return { User: User as any, Post: Post as any };
  }

  it('hooks: true with onDelete CASCADE destroys each child through the ORM, running its hooks', async () => {
    const { User, Post } = define({ onDelete: 'CASCADE', hooks: true });
    await db.sync({ force: true });
    const [ann, bob] = await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }]);
    await Post.bulkCreate([{ title: 'a1', UserId: ann.id }, { title: 'a2', UserId: ann.id }, { title: 'a3', UserId: ann.id }, { title: 'b1', UserId: bob.id }]);
    await ann.destroy();
    expect(destroyedHooks.sort()).toEqual(['a1', 'a2', 'a3']);
    expect(await tableRows(db, dialect, 'Posts', ['title', 'UserId'])).toEqual([{ title: 'b1', UserId: bob.id }]);
    expect(await tableRows(db, dialect, 'Users', ['name'])).toEqual([{ name: 'bob' }]);
  });

  it('without hooks, ON DELETE CASCADE removes the children in the database: no child hook runs', async () => {
    const { User, Post } = define({ onDelete: 'CASCADE' });
    await db.sync({ force: true });
    const [ann, bob] = await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }]);
    await Post.bulkCreate([{ title: 'a1', UserId: ann.id }, { title: 'a2', UserId: ann.id }, { title: 'b1', UserId: bob.id }]);
    await ann.destroy();
    expect(destroyedHooks).toEqual([]);
    expect(await tableRows(db, dialect, 'Posts', ['title'])).toEqual([{ title: 'b1' }]);
  });

  it('the default SET NULL keeps the children, unlinked, in the database', async () => {
    const { User, Post } = define({});
    await db.sync({ force: true });
    const ann = await User.create({ name: 'ann' });
    await Post.bulkCreate([{ title: 'a1', UserId: ann.id }, { title: 'a2', UserId: ann.id }]);
    await ann.destroy();
    expect(destroyedHooks).toEqual([]);
    expect(await tableRows(db, dialect, 'Posts', ['title', 'UserId'])).toEqual([{ title: 'a1', UserId: null }, { title: 'a2', UserId: null }]);
  });

  it('hooks: true cascades through several levels (grandchildren hooks run too)', async () => {
    const { User, Post } = define({ onDelete: 'CASCADE', hooks: true });
    const Comment = db.define('Comment', { body: DataTypes.STRING }, { hooks: { beforeDestroy: (c: any) => void destroyedHooks.push(`comment ${c.body}`) } });
    Post.hasMany(Comment, { onDelete: 'CASCADE', hooks: true });
    await db.sync({ force: true });
    const ann = await User.create({ name: 'ann' });
    const post = await ann.createPost({ title: 'a1' });
    await post.createComment({ body: 'c1' });
    await post.createComment({ body: 'c2' });
    await ann.destroy();
    expect(destroyedHooks.sort()).toEqual(['a1', 'comment c1', 'comment c2']);
    expect(await tableRows(db, dialect, 'Comments', ['body'])).toEqual([]);
  });

  it('atomic: a child hook failing midway leaves parent and every child in place (regression: earlier children were already deleted)', async () => {
    const { User, Post } = define({ onDelete: 'CASCADE', hooks: true }, (title) => {
      if (title === 'a2') throw new Error('a2 refuses');
    });
    await db.sync({ force: true });
    const ann = await User.create({ name: 'ann' });
    await Post.bulkCreate([{ title: 'a1', UserId: ann.id }, { title: 'a2', UserId: ann.id }, { title: 'a3', UserId: ann.id }]);
    await expect(ann.destroy()).rejects.toThrow('a2 refuses');
    expect(await tableRows(db, dialect, 'Posts', ['title', 'UserId'])).toEqual([{ title: 'a1', UserId: ann.id }, { title: 'a2', UserId: ann.id }, { title: 'a3', UserId: ann.id }]);
    expect(await tableRows(db, dialect, 'Users', ['name'])).toEqual([{ name: 'ann' }]);
  });
});
