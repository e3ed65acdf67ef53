/**
 * belongsTo accessors on every dialect: getUser (attributes, scope), setUser with an instance, a
 * key or null (clears), `save: false`, createUser. Each write is checked in the database; createUser
 * (two statements) is atomic.
 */
import { beforeEach, expect, it } from 'vitest';
import { DataTypes, InvalidOptionError, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('belongsTo accessors', ({ dialect, connect }) => {
  const log: string[] = [];
  let db: Relata;
  let User: any;
  let Post: any;
  let ann: any;
  let bob: any;
  let post: any;
  let failSave = false;

  const posts = async () => tableRows(db, dialect, 'Posts', ['id', 'title', 'authorId'], ['id']);

  beforeEach(async () => {
    db = await connect({ logging: (s: string) => void log.push(s) });
    await dropAllTables(db, dialect);
    failSave = false;
    User = db.define('User', { name: DataTypes.STRING, active: { type: DataTypes.BOOLEAN, defaultValue: true } }, {
      defaultScope: { where: { active: true } },
      scopes: { named: { where: { name: 'ann' } } },
    });
    Post = db.define('Post', { title: DataTypes.STRING }, {
      hooks: { beforeSave: () => { if (failSave) throw new Error('post refuses to save'); } },
    });
    Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
    await db.sync({ force: true });
    [ann, bob] = await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }]);
    post = await Post.create({ title: 'hello', authorId: ann.id });
    log.length = 0;
  });

  it('getAuthor returns the target, or null when the key is null', async () => {
    const author = await post.getAuthor();
    expect(author).toBeInstanceOf(User);
    expect([author.id, author.name]).toEqual([ann.id, 'ann']);
    const orphan = await Post.create({ title: 'orphan' });
    expect(await orphan.getAuthor()).toBeNull();
    // no query at all for a null key
    expect(log.filter((l) => l.includes('from "Users"') || l.includes('from `Users`'))).toHaveLength(1);
  });

  it('getAuthor with attributes and scope options', async () => {
    expect((await post.getAuthor({ attributes: ['name'] })).get({ plain: true })).toEqual({ name: 'ann' });
    expect((await post.getAuthor({ scope: 'named' })).name).toBe('ann');
    await ann.update({ active: false });
    // the default scope hides an inactive author; scope: false shows it
    expect(await post.getAuthor()).toBeNull();
    expect((await post.getAuthor({ scope: false })).name).toBe('ann');
  });

  it('setAuthor with an instance or a key updates the row and returns the source, as Sequelize 6 (regression: it resolved to undefined)', async () => {
    const result = await post.setAuthor(bob);
    expect(result).toBe(post);
    expect(post.authorId).toBe(bob.id);
    expect(await posts()).toEqual([{ id: post.id, title: 'hello', authorId: bob.id }]);
    await post.setAuthor(ann.id);
    expect(await posts()).toEqual([{ id: post.id, title: 'hello', authorId: ann.id }]);
  });

  it('setAuthor(null) clears the key in the database; the target row stays', async () => {
    await post.setAuthor(null);
    expect(post.authorId).toBeNull();
    expect(await posts()).toEqual([{ id: post.id, title: 'hello', authorId: null }]);
    expect(await tableRows(db, dialect, 'Users', ['name'])).toEqual([{ name: 'ann' }, { name: 'bob' }]);
  });

  it('setAuthor saves only the key; other unsaved changes stay pending (regression: save({ fields }) wrote every changed attribute after hooks)', async () => {
    post.title = 'edited';
    await post.setAuthor(bob);
    expect(await posts()).toEqual([{ id: post.id, title: 'hello', authorId: bob.id }]);
    expect(post.changed()).toEqual(['title']);
  });

  it('setAuthor(x, { save: false }) changes the instance only, until save()', async () => {
    const result = await post.setAuthor(bob, { save: false });
    expect(result).toBeUndefined();
    expect(post.authorId).toBe(bob.id);
    expect(await posts()).toEqual([{ id: post.id, title: 'hello', authorId: ann.id }]);
    await post.save();
    expect(await posts()).toEqual([{ id: post.id, title: 'hello', authorId: bob.id }]);
  });

  it('setAuthor refuses an instance of another model', async () => {
    const other = await Post.create({ title: 'x' });
    await expect(post.setAuthor(other)).rejects.toBeInstanceOf(InvalidOptionError);
    expect((await posts())[0]).toEqual({ id: post.id, title: 'hello', authorId: ann.id });
  });

  it('createAuthor inserts the target and points the key at it', async () => {
    const author = await post.createAuthor({ name: 'cid' });
    expect(author).toBeInstanceOf(User);
    expect([author.name, author.isNewRecord, post.authorId]).toEqual(['cid', false, author.id]);
    expect(await tableRows(db, dialect, 'Users', ['id', 'name'])).toEqual([{ id: ann.id, name: 'ann' }, { id: bob.id, name: 'bob' }, { id: author.id, name: 'cid' }]);
    expect(await posts()).toEqual([{ id: post.id, title: 'hello', authorId: author.id }]);
  });

  it('atomic: createAuthor whose key update fails leaves no new user behind (regression: the insert was kept)', async () => {
    failSave = true;
    await expect(post.createAuthor({ name: 'cid' })).rejects.toThrow('post refuses to save');
    expect(await tableRows(db, dialect, 'Users', ['name'])).toEqual([{ name: 'ann' }, { name: 'bob' }]);
    expect(await posts()).toEqual([{ id: post.id, title: 'hello', authorId: ann.id }]);
  });

  it('a belongsTo without alias: getUser / setUser / createUser on the default key', async () => {
    const Comment = db.define('Comment', { body: DataTypes.STRING });
    Comment.belongsTo(User);
    await Comment.sync();
    const comment = (await Comment.create({ body: 'c' })) as any;
    await comment.setUser(bob);
    expect(await tableRows(db, dialect, 'Comments', ['body', 'UserId'])).toEqual([{ body: 'c', UserId: bob.id }]);
    expect((await comment.getUser()).name).toBe('bob');
    const made = await comment.createUser({ name: 'dan' });
    expect(await tableRows(db, dialect, 'Comments', ['body', 'UserId'])).toEqual([{ body: 'c', UserId: made.id }]);
  });
});
