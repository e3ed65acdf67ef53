/**
 * hasMany options on every dialect: key name and type, `foreignKey` as string or attribute
 * (CASCADE when NOT NULL), sourceKey, `as` string and { singular, plural }, onDelete/onUpdate from
 * the catalog, `constraints: false`, the index on the key, a polymorphic `scope` (Comment on Post
 * and Image), underscored fields, self-association, two aliases to one model, both sides in either
 * order. Key names and defaults are compared with sequelize@6.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Sequelize as Sequelize6, DataTypes as DataTypes6 } from 'sequelize';
import { DataTypes, Relata, UniqueConstraintError } from '../../src/index.js';
import { catalog, dropAllTables } from '../support/catalog.js';
import { constraints, tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('hasMany options', ({ dialect, connect }) => {
  const fk = constraints(dialect);
  const cat = catalog(dialect);
  let db: Relata;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
  });

  it('default: <Source><Pk> on the target, plural alias and accessors, SET NULL / CASCADE, indexed', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', { title: DataTypes.STRING });
    const association = User.hasMany(Post);
    await db.sync({ force: true });

    expect([association.associationType, association.as, association.foreignKey, association.sourceKey]).toEqual(['HasMany', 'Posts', 'UserId', 'id']);
    expect(association.accessors).toEqual({
      get: 'getPosts', set: 'setPosts', addMultiple: 'addPosts', add: 'addPost', create: 'createPost',
      remove: 'removePost', removeMultiple: 'removePosts', hasSingle: 'hasPost', hasAll: 'hasPosts', count: 'countPosts',
    });
    expect(User.associations['Posts']).toBe(association);
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'UserId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    expect(await fk.nullableColumns(db, 'Posts')).toEqual(['UserId', 'title']);
    expect(await fk.leadingIndexColumns(db, 'Posts')).toContain('UserId');

    // SET NULL in the database: deleting the user keeps the posts, unlinked
    const user = (await User.create({})) as any;
    await user.createPost({ title: 'a' });
    await user.createPost({ title: 'b' });
    await user.destroy();
    expect(await tableRows(db, dialect, 'Posts', ['title', 'UserId'])).toEqual([{ title: 'a', UserId: null }, { title: 'b', UserId: null }]);
  });

  it('a model index may name the foreign key the association adds (regression: define() rejected it as an unknown field)', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', { slot: DataTypes.INTEGER }, { indexes: [{ unique: true, fields: ['UserId', 'slot'], name: 'posts_user_slot' }] });
    User.hasMany(Post);
    await db.sync({ force: true });
    expect(await cat.indexes(db, 'Posts')).toContain('posts_user_slot');
    const user = (await User.create({})) as any;
    await user.createPost({ slot: 1 });
    await expect(user.createPost({ slot: 1 })).rejects.toBeInstanceOf(UniqueConstraintError);
    expect(await tableRows(db, dialect, 'Posts', ['UserId', 'slot'])).toEqual([{ UserId: user.id, slot: 1 }]);
    // a field that never appears is still an error naming the model and the valid names, before any SQL reaches the database
    const Bad = db.define('Bad', {}, { indexes: [{ fields: ['nope'] }] });
    await expect(Bad.sync()).rejects.toThrow('Bad index: each field must be one of id, createdAt, updatedAt, got "nope"');
  });

  it('foreignKey as a string; the alias does not change the key name', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', {});
    const association = User.hasMany(Post, { as: 'articles', foreignKey: 'authorId' });
    const plain = User.hasMany(Post, { as: 'drafts' });
    expect([association.foreignKey, plain.foreignKey]).toEqual(['authorId', 'UserId']);
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'Posts')).map((f) => f.column)).toEqual(['UserId', 'authorId']);
  });

  it('foreignKey { name, allowNull: false }: NOT NULL and ON DELETE CASCADE', async () => {
    const User = db.define('User', {});
    const Task = db.define('Task', { title: DataTypes.STRING });
    User.hasMany(Task, { foreignKey: { name: 'ownerId', allowNull: false } });
    await db.sync({ force: true });
    expect(await fk.nullableColumns(db, 'Tasks')).toEqual(['title']);
    expect(await fk.foreignKeys(db, 'Tasks')).toEqual([{ column: 'ownerId', refTable: 'Users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' }]);
    const [ann, bob] = (await User.bulkCreate([{}, {}])) as any[];
    await Task.bulkCreate([{ title: 'a1', ownerId: ann.id }, { title: 'a2', ownerId: ann.id }, { title: 'b1', ownerId: bob.id }]);
    await ann.destroy();
    expect(await tableRows(db, dialect, 'Tasks', ['title', 'ownerId'])).toEqual([{ title: 'b1', ownerId: bob.id }]);
  });

  it('sourceKey: the key references a unique source attribute, with its type', async () => {
    const User = db.define('User', { email: { type: DataTypes.STRING, unique: true } });
    const Post = db.define('Post', { title: DataTypes.STRING });
    const association = User.hasMany(Post, { sourceKey: 'email', foreignKey: 'authorEmail' });
    await db.sync({ force: true });
    expect(association.sourceKey).toBe('email');
    expect(Post.rawAttributes['authorEmail']?.type.key).toBe('STRING');
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'authorEmail', refTable: 'Users', refColumn: 'email', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    const user = (await User.create({ email: 'a@x.io' })) as any;
    await user.createPost({ title: 't1' });
    await Post.create({ title: 'loose' });
    expect(await tableRows(db, dialect, 'Posts', ['title', 'authorEmail'])).toEqual([{ title: 'loose', authorEmail: null }, { title: 't1', authorEmail: 'a@x.io' }]);
    expect((await user.getPosts()).map((p: any) => p.title)).toEqual(['t1']);
    expect(((await User.findOne({ include: Post })) as any).Posts.map((p: any) => p.title)).toEqual(['t1']);
  });

  it('onDelete / onUpdate as given, read back from the catalog', async () => {
    const User = db.define('User', {});
    const A = db.define('A', {});
    const B = db.define('B', {});
    User.hasMany(A, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' });
    User.hasMany(B, { onDelete: 'NO ACTION', onUpdate: 'NO ACTION' });
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'As')).map((f) => [f.onDelete, f.onUpdate])).toEqual([['RESTRICT', 'RESTRICT']]);
    expect((await fk.foreignKeys(db, 'Bs')).map((f) => [f.onDelete, f.onUpdate])).toEqual([['NO ACTION', 'NO ACTION']]);
  });

  it('constraints: false: the key column without a foreign key', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', {});
    User.hasMany(Post, { constraints: false, onDelete: 'CASCADE' });
    await db.sync({ force: true });
    expect(await cat.columns(db, 'Posts')).toContain('UserId');
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([]);
    const user = (await User.create({})) as any;
    await user.createPost({});
    // no constraint, no hooks: deleting the user leaves the post pointing at nothing
    await user.destroy();
    expect(await tableRows(db, dialect, 'Posts', ['UserId'])).toEqual([{ UserId: user.id }]);
  });

  it('as: { singular, plural } drives every accessor name', async () => {
    const Person = db.define('Person', {});
    const association = Person.hasMany(Person, { as: { singular: 'child', plural: 'children' }, foreignKey: 'parentId' });
    expect(association.as).toBe('children');
    expect(association.accessors).toEqual({
      get: 'getChildren', set: 'setChildren', addMultiple: 'addChildren', add: 'addChild', create: 'createChild',
      remove: 'removeChild', removeMultiple: 'removeChildren', hasSingle: 'hasChild', hasAll: 'hasChildren', count: 'countChildren',
    });
    await db.sync({ force: true });
    const parent = (await Person.create({})) as any;
    await parent.createChild({});
    await parent.createChild({});
    expect(await parent.countChildren()).toBe(2);
    expect(((await Person.findByPk(parent.id, { include: 'children' })) as any).children).toHaveLength(2);
    expect(await tableRows(db, dialect, 'People', ['id', 'parentId'])).toEqual([
      { id: parent.id, parentId: null }, { id: parent.id + 1, parentId: parent.id }, { id: parent.id + 2, parentId: parent.id },
    ]);
  });

  it('as: a string alias is singularized for the single-item accessors', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', {});
    const association = User.hasMany(Post, { as: 'stories' });
    expect(association.accessors).toEqual({
      get: 'getStories', set: 'setStories', addMultiple: 'addStories', add: 'addStory', create: 'createStory',
      remove: 'removeStory', removeMultiple: 'removeStories', hasSingle: 'hasStory', hasAll: 'hasStories', count: 'countStories',
    });
  });

  describe('polymorphic scope: Comment with commentable/commentableId on Post and Image', () => {
    async function setup() {
      const Post = db.define('Post', { title: DataTypes.STRING });
      const Image = db.define('Image', { url: DataTypes.STRING });
      const Comment = db.define('Comment', { body: DataTypes.STRING, commentable: DataTypes.STRING, commentableId: DataTypes.INTEGER });
      Post.hasMany(Comment, { foreignKey: 'commentableId', constraints: false, scope: { commentable: 'post' } });
      Image.hasMany(Comment, { foreignKey: 'commentableId', constraints: false, scope: { commentable: 'image' } });
      Comment.belongsTo(Post, { foreignKey: 'commentableId', constraints: false, as: 'post' });
      Comment.belongsTo(Image, { foreignKey: 'commentableId', constraints: false, as: 'image' });
      await db.sync({ force: true });
      const post = (await Post.create({ title: 'p' })) as any;
      const image = (await Image.create({ url: 'i.png' })) as any;
      return { Post, Image, Comment, post, image };
    }

    it('create writes the scope value; get and count see only their own type (same ids on both)', async () => {
      const { Comment, post, image } = await setup();
      expect(post.id).toBe(image.id);
      await post.createComment({ body: 'on post' });
      await image.createComment({ body: 'on image 1' });
      await image.createComment({ body: 'on image 2' });
      expect(await tableRows(db, dialect, 'Comments', ['body', 'commentable', 'commentableId'], ['id'])).toEqual([
        { body: 'on post', commentable: 'post', commentableId: post.id },
        { body: 'on image 1', commentable: 'image', commentableId: image.id },
        { body: 'on image 2', commentable: 'image', commentableId: image.id },
      ]);
      expect((await post.getComments()).map((c: any) => c.body)).toEqual(['on post']);
      expect(await post.countComments()).toBe(1);
      expect(await image.countComments()).toBe(2);
      expect(await Comment.count()).toBe(3);
      expect(await fk.foreignKeys(db, 'Comments')).toEqual([]);
    });

    it('include filters by the scope; add sets the scope value on the target', async () => {
      const { Post, Image, Comment, post, image } = await setup();
      const loose = (await Comment.create({ body: 'loose' })) as any;
      await image.addComment(loose);
      expect(await tableRows(db, dialect, 'Comments', ['body', 'commentable', 'commentableId'])).toEqual([{ body: 'loose', commentable: 'image', commentableId: image.id }]);
      expect(await image.hasComment(loose)).toBe(true);
      expect(await post.hasComment(loose)).toBe(false);
      const p = (await Post.findByPk(post.id, { include: Comment })) as any;
      const i = (await Image.findByPk(image.id, { include: Comment })) as any;
      expect([p.Comments.length, i.Comments.map((c: any) => c.body)]).toEqual([0, ['loose']]);
    });

    it('setComments replaces only this type\'s comments', async () => {
      const { Comment, post, image } = await setup();
      await post.createComment({ body: 'p1' });
      await image.createComment({ body: 'i1' });
      const fresh = (await Comment.create({ body: 'p2' })) as any;
      await post.setComments([fresh]);
      expect(await tableRows(db, dialect, 'Comments', ['body', 'commentable', 'commentableId'], ['body'])).toEqual([
        { body: 'i1', commentable: 'image', commentableId: image.id },
        { body: 'p1', commentable: 'post', commentableId: null },
        { body: 'p2', commentable: 'post', commentableId: post.id },
      ]);
    });
  });

  it('underscored: UserId stored in user_id, with its FK and index', async () => {
    const User = db.define('User', {}, { underscored: true });
    const Post = db.define('Post', { title: DataTypes.STRING }, { underscored: true });
    User.hasMany(Post);
    await db.sync({ force: true });
    expect(Post.rawAttributes['UserId']?.field).toBe('user_id');
    expect(await cat.columns(db, 'posts')).toEqual(['id', 'title', 'created_at', 'updated_at', 'user_id']);
    expect(await fk.foreignKeys(db, 'posts')).toEqual([{ column: 'user_id', refTable: 'users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    expect(await fk.leadingIndexColumns(db, 'posts')).toContain('user_id');
    const user = (await User.create({})) as any;
    await user.createPost({ title: 'x' });
    expect((await user.getPosts()).map((p: any) => p.UserId)).toEqual([user.id]);
  });

  it('self-association: Employee hasMany Employee as reports, belongsTo as manager', async () => {
    const Employee = db.define('Employee', { name: DataTypes.STRING });
    Employee.hasMany(Employee, { as: 'reports', foreignKey: 'managerId' });
    Employee.belongsTo(Employee, { as: 'manager', foreignKey: 'managerId' });
    await db.sync({ force: true });
    expect(await fk.foreignKeys(db, 'Employees')).toEqual([{ column: 'managerId', refTable: 'Employees', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    const boss = (await Employee.create({ name: 'boss' })) as any;
    await boss.createReport({ name: 'a' });
    await boss.createReport({ name: 'b' });
    const loaded = (await Employee.findOne({ where: { name: 'boss' }, include: 'reports' })) as any;
    expect(loaded.reports.map((r: any) => r.name).sort()).toEqual(['a', 'b']);
    const a = (await Employee.findOne({ where: { name: 'a' }, include: 'manager' })) as any;
    expect(a.manager.name).toBe('boss');
  });

  it('two hasMany to the same model under different aliases and keys', async () => {
    const User = db.define('User', {});
    const Message = db.define('Message', { body: DataTypes.STRING });
    User.hasMany(Message, { as: 'sent', foreignKey: 'senderId' });
    User.hasMany(Message, { as: 'received', foreignKey: 'recipientId' });
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'Messages')).map((f) => f.column)).toEqual(['recipientId', 'senderId']);
    const [ann, bob] = (await User.bulkCreate([{}, {}])) as any[];
    await Message.create({ body: 'hi bob', senderId: ann.id, recipientId: bob.id });
    await Message.create({ body: 'hi ann', senderId: bob.id, recipientId: ann.id });
    const loaded = (await User.findByPk(ann.id, { include: ['sent', 'received'] })) as any;
    expect([loaded.sent.map((m: any) => m.body), loaded.received.map((m: any) => m.body)]).toEqual([['hi bob'], ['hi ann']]);
  });

  for (const order of ['hasMany first', 'belongsTo first'] as const) {
    it(`both sides with a custom key (${order}): one column, one constraint`, async () => {
      const User = db.define('User', {});
      const Post = db.define('Post', {});
      if (order === 'hasMany first') {
        User.hasMany(Post, { foreignKey: 'authorId', as: 'articles' });
        Post.belongsTo(User, { foreignKey: 'authorId', as: 'author' });
      } else {
        Post.belongsTo(User, { foreignKey: 'authorId', as: 'author' });
        User.hasMany(Post, { foreignKey: 'authorId', as: 'articles' });
      }
      await db.sync({ force: true });
      expect(await cat.columns(db, 'Posts')).toEqual(['id', 'createdAt', 'updatedAt', 'authorId']);
      expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'authorId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
      const user = (await User.create({})) as any;
      const post = (await user.createArticle({})) as any;
      expect((await post.getAuthor()).id).toBe(user.id);
    });
  }
});

describe('hasMany key names and defaults match sequelize@6', () => {
  const cases: Record<string, (User: any, Post: any) => any> = {
    'no options': (U, P) => U.hasMany(P),
    'as string': (U, P) => U.hasMany(P, { as: 'articles' }),
    'as object': (U, P) => U.hasMany(P, { as: { singular: 'story', plural: 'stories' } }),
    'foreignKey string': (U, P) => U.hasMany(P, { foreignKey: 'authorId' }),
    'foreignKey object': (U, P) => U.hasMany(P, { foreignKey: { name: 'authorId', allowNull: false } }),
    'sourceKey': (U, P) => U.hasMany(P, { sourceKey: 'code', foreignKey: 'userCode' }),
    'explicit actions': (U, P) => U.hasMany(P, { onDelete: 'RESTRICT', onUpdate: 'SET NULL' }),
    'self': (U) => U.hasMany(U, { as: 'reports', foreignKey: 'managerId' }),
  };
  function shape(build: (User: any, Post: any) => any, db: any, types: any): unknown {
    const User = db.define('User', { code: { type: types.STRING, unique: true } });
    const Post = db.define('Post', {});
    const a = build(User, Post);
    const attr = a.target.rawAttributes[a.foreignKey];
    return { as: a.as, foreignKey: a.foreignKey, accessors: a.accessors, allowNull: attr.allowNull, onDelete: attr.onDelete, onUpdate: attr.onUpdate, references: attr.references, type: attr.type.key };
  }
  for (const [name, build] of Object.entries(cases)) {
    it(name, async () => {
      const ours = new Relata('sqlite::memory:', { logging: false });
      const theirs = new Sequelize6('sqlite::memory:', { logging: false });
      expect(shape(build, ours, DataTypes)).toEqual(shape(build, theirs, DataTypes6));
      await ours.close();
      await theirs.close();
    });
  }
});
