/**
 * Bad input: wrong attribute types, unknown aliases, invalid options, models used before init and
 * association misuse each fail with a typed error whose message names the model, the attribute or
 * alias, what was wrong and what would be valid, before any SQL runs. Nothing is silently
 * ignored: each case also checks that the database did not change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AssociationError, DataTypes, EagerLoadingError, InvalidOptionError, Model, Relata, UnknownAttributeError, ValidationError, type ModelStatic,
} from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { failure } from './support/failure.js';
import { snapshot, type Snapshot } from './support/snapshot.js';



describeEachDialect('bad input', ({ dialect, connect }) => {
  let db: Relata;
  let User: ModelStatic<Model>;
  let Post: ModelStatic<Model>;
  let Group: ModelStatic<Model>;
  let Other: ModelStatic<Model>;
  let ada: Model & Record<string, any>;
  let post: Model & Record<string, any>;
  let before: Snapshot;

  beforeAll(async () => {
    db = await connect();
    User = db.define('User', {
      name: DataTypes.STRING,
      age: DataTypes.INTEGER,
      born: DataTypes.DATEONLY,
      active: DataTypes.BOOLEAN,
      kind: DataTypes.ENUM('a', 'b'),
    });
    Post = db.define('Post', { title: DataTypes.STRING });
    Group = db.define('Group', { name: DataTypes.STRING });
    Other = db.define('Other', { x: DataTypes.STRING });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
    User.belongsToMany(Group, { through: 'UserGroups', as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });
    User.hasOne(Other, { as: 'other', foreignKey: 'userId' });
    await db.sync({ force: true });
    ada = (await User.create({ name: 'ada' })) as Model & Record<string, any>;
    post = (await Post.create({ title: 'owned', userId: ada.get('id') })) as Model & Record<string, any>;
    before = await snapshot(db, dialect);
  });

  /** Every case below must leave the rows as they were. */
  const unchanged = async () => expect(await snapshot(db, dialect)).toEqual(before);

  it('wrong attribute types are ValidationErrors naming the value and the type', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ age: 'abc' }, '"abc" is not a valid integer'],
      [{ age: 1.5 }, '1.5 is not a valid integer'],
      [{ name: {} }, '{} is not a valid string'],
      [{ active: 'yes' }, '"yes" is not a valid boolean'],
      [{ born: 'not a date' }, '"not a date" is not a valid date (YYYY-MM-DD)'],
      [{ kind: 'c' }, '"c" is not a valid choice in ["a","b"]'],
    ];
    for (const [values, message] of cases) {
      const error = (await failure(() => User.create(values), ValidationError)) as ValidationError;
      expect(error.errors.map((e) => [e.path, e.message])).toEqual([[Object.keys(values)[0], message]]);
      await failure(() => User.update(values, { where: { id: ada.get('id') } }), ValidationError);
    }
    expect((await failure(() => User.findAll({ where: { age: 'abc' } }), InvalidOptionError)).message).toBe('User where: age is INTEGER; "abc" is not a valid integer');
    expect((await failure(() => User.findByPk('abc'), InvalidOptionError)).message).toBe('User where: id is INTEGER; "abc" is not a valid integer');
    await unchanged();
  });

  it('unknown attributes and aliases name the valid ones', async () => {
    // As in Sequelize, a written key that is not an attribute is dropped (with a warning): nothing
    // is left to write, so nothing is updated. Under strict: true it is an error naming the attributes.
    expect(await User.update({ nope: 1 } as never, { where: {} })).toEqual([0]);
    const strict = await connect({ strict: true });
    const StrictUser = strict.define('User', { name: DataTypes.STRING, age: DataTypes.INTEGER });
    expect((await failure(() => StrictUser.update({ nope: 1 } as never, { where: {} }), UnknownAttributeError)).message).toBe(
      'User has no attribute "nope" (in update values). Valid attributes: id, name, age, createdAt, updatedAt',
    );
    expect((await failure(() => User.findAll({ include: ['nope'] }), EagerLoadingError)).message).toBe('Association with alias "nope" does not exist on User. Associations of User: posts, groups, other');
    expect((await failure(() => User.findAll({ include: [{ model: Post, as: 'wrong' }] }), EagerLoadingError)).message).toBe(
      "Post is associated to User using an alias. You've included an alias (wrong), but it does not match the alias(es) defined in your association (posts).",
    );
    expect((await failure(() => Post.findAll({ include: [Group] }), EagerLoadingError)).message).toBe('Group is not associated to Post! Associations of Post: author');
    await failure(() => User.findAll({ where: { '$nope.x$': 1 } }), UnknownAttributeError);
    await failure(() => ada['getPosts']({ where: { nope: 1 } }), UnknownAttributeError);
    await failure(() => User.findAll({ group: ['nope'] }), UnknownAttributeError);
    await failure(() => User.increment('nope', { where: { id: 1 } }), UnknownAttributeError);
    await failure(() => User.create({ name: 'x', posts: [] } as never, { include: ['nope'] }), EagerLoadingError);
    await unchanged();
  });

  it('invalid options are InvalidOptionErrors that say what is valid', async () => {
    const cases: [() => unknown, string][] = [
      [() => User.findAll({ limit: -1 }), 'User.findAll: limit must be a non-negative integer, got number -1'],
      [() => User.findAll({ offset: '1; DROP TABLE Users' as never }), 'User.findAll: offset must be a non-negative integer, got "1; DROP TABLE Users"'],
      [() => User.findAll({ order: [['name', 'SIDEWAYS']] as never }), 'User order: the direction must be one of ASC, ASC NULLS FIRST, ASC NULLS LAST, DESC, DESC NULLS FIRST, DESC NULLS LAST, got "SIDEWAYS"'],
      [() => User.findAll({ attributes: 5 as never }), 'User.findAll: attributes must be an array or { include, exclude }, got number 5'],
      [() => User.findAll({ lock: 'EXCLUSIVE' as never }), 'User.findAll: lock must be true, one of UPDATE, SHARE, KEY SHARE, NO KEY UPDATE, or { level, of: Model }, got "EXCLUSIVE"'],
      [() => User.findAll({ where: 'x' as never }), 'User where: the where clause must be an object, an array, where() or literal(), got "x"'],
      [() => User.findAll({ where: { name: undefined } }), 'User where: WHERE parameter "name" has invalid "undefined" value (use null to match NULL)'],
      [() => User.findAll({ where: { name: {} } }), 'User where: "name" got an empty object; give a value, null, an array, or Op operators such as { [Op.gt]: 1 }'],
      [() => User.destroy({} as never), 'User.destroy: options.where must be a where clause (use where: {} or truncate: true to delete every row), got undefined'],
      [() => User.update({ name: 'x' }, {} as never), 'User.update: options.where must be a where clause (use where: {} to update every row), got undefined'],
      [() => User.findOrCreate({} as never), 'User.findOrCreate: where must be an object of attribute values, got undefined'],
      [() => User.bulkCreate({} as never), 'User.bulkCreate: records must be an array of objects, got an object'],
      [() => User.scope('nope'), 'User.scope(): the scope must be one of defaultScope, got "nope"'],
      [() => User.scope('toString'), 'User.scope(): the scope must be one of defaultScope, got "toString"'],
      [() => db.model('constructor'), 'relata.model(): the model name must be one of User, Post, Group, Other, UserGroups, got "constructor"'],
      [() => db.query('SELECT :a', { replacements: {} }), 'relata.query: :a has no value in replacements. Available: (none)'],
      [() => db.transaction({ retry: { max: 1.5 } }, async () => 1), 'relata.transaction(): retry.max must be a non-negative integer, got number 1.5'],
      [() => new Relata({ dialect: 'oracle' } as never), 'new Relata(): dialect must be one of sqlite, postgres, mysql, mariadb, mssql, got "oracle"'],
      [() => new Relata('sqlite::memory:', { pool: { max: 'x' } } as never), 'new Relata(): pool.max must be a positive integer (connections), got "x"'],
      [() => new Relata('sqlite::memory:', { pool: { acquire: -5 } }), 'new Relata(): pool.acquire must be a positive integer (milliseconds), got number -5'],
      [() => new Relata('sqlite::memory:', { pool: { min: 4, max: 2 } }), 'new Relata(): pool.min must be at most pool.max (2), got number 4'],
      [() => User.findAll({ attributes: [['name', ' leading space']] }), expect.stringContaining('User.findAll: an attribute alias must be a name of 1 to 63 bytes') as never],
    ];
    for (const [fn, message] of cases) expect((await failure(fn, InvalidOptionError)).message).toEqual(message);
    expect(new Relata('sqlite::memory:', { pool: { max: '3' } } as never).config.pool.max).toBe(3);
    await unchanged();
  });

  it('models used before init say how to initialize them', async () => {
    class Unready extends Model {}
    const message = 'Unready is used before it was initialized: call Unready.init(attributes, { sequelize }) or relata.define() first';
    for (const fn of [() => (Unready as any).findAll(), () => (Unready as any).create({}), () => (Unready as any).build({}), () => (Unready as any).count()]) {
      expect((await failure(fn, InvalidOptionError)).message).toBe(message);
    }
    expect((await failure(() => User.hasMany(Unready as never), AssociationError)).message).toBe(
      'User.hasMany called with something that is not a model (got uninitialized class Unready); pass a model created with define() or init()',
    );
    await unchanged();
  });

  describe('association misuse', () => {
    it('declaring: a target that is not a model, a missing through, a reused alias', async () => {
      expect((await failure(() => User.hasMany({} as never), AssociationError)).message).toBe(
        'User.hasMany called with something that is not a model (got object); pass a model created with define() or init()',
      );
      expect((await failure(() => User.belongsToMany(Group, {} as never), AssociationError)).message).toBe(
        'User.belongsToMany(Group, as Groups): the "through" option is required (a junction table name or model)',
      );
      expect((await failure(() => User.hasMany(Post, { as: 'posts' }), AssociationError)).message).toMatch(/^You have used the alias posts in two separate associations on User/);
    });

    it('targets of the wrong model, plain objects and keys of the wrong type', async () => {
      expect((await failure(() => ada['addPost'](ada), InvalidOptionError)).message).toBe('User.addPost: each item must be an instance of Post or its id, got an object');
      expect((await failure(() => ada['addPost']({ id: 1 }), InvalidOptionError)).message).toBe('User.addPost: each item must be an instance of Post or its id, got an object');
      expect((await failure(() => ada['addPost']('abc'), InvalidOptionError)).message).toBe('Post where: id is INTEGER; "abc" is not a valid integer');
      expect((await failure(() => post['setAuthor'](post), InvalidOptionError)).message).toBe('Post.setAuthor: each item must be an instance of User or its id, got an object');
      await unchanged();
    });

    it('a key that names no row is an AssociationError and links nothing', async () => {
      const spare = (await Post.create({ title: 'spare' })) as Model;
      const after = await snapshot(db, dialect);
      expect((await failure(() => ada['addPosts']([spare, 999_999]), AssociationError)).message).toBe('User.addPost: no Post with id 999999; nothing was linked');
      expect((await failure(() => ada['setPosts']([post, 999_998]), AssociationError)).message).toBe('User.setPosts: no Post with id 999998; nothing was linked');
      expect(await snapshot(db, dialect)).toEqual(after);
      await spare.destroy();
      await unchanged();
    });

    it('link accessors on an unsaved source, or with unsaved targets, say to save first and write nothing', async () => {
      const draft = User.build({ name: 'draft' }) as Model & Record<string, any>;
      const unsavedPost = Post.build({ title: 'draft' });
      const group = (await Group.create({ name: 'g' })) as Model;
      const after = await snapshot(db, dialect);
      const cases: [() => unknown, string][] = [
        // Before: UPDATE Posts SET userId = NULL WHERE id IN (…) unlinked the post from ada.
        [() => draft['addPost'](post), 'User.addPost: the User instance has no id because it is not saved yet; save it first'],
        [() => draft['setPosts']([post]), 'User.setPosts: the User instance has no id because it is not saved yet; save it first'],
        [() => draft['removePost'](post), 'User.removePost: the User instance has no id because it is not saved yet; save it first'],
        [() => draft['createPost']({ title: 'orphan' }), 'User.createPost: the User instance has no id because it is not saved yet; save it first'],
        [() => draft['addGroup'](group), 'User.addGroup: the User instance has no id because it is not saved yet; save it first'],
        [() => draft['setOther'](null), 'User.setOther: the User instance has no id because it is not saved yet; save it first'],
        // Before: the unsaved target's null key was dropped, and the call did nothing.
        [() => ada['addPost'](unsavedPost), 'User.addPost: the Post instance has no id because it is not saved yet; save it first (or pass the values to the create accessor)'],
        [() => ada['hasPost'](unsavedPost), 'User.hasPosts: the Post instance has no id because it is not saved yet; save it first (or pass the values to the create accessor)'],
        [() => ada['addGroup'](Group.build({ name: 'new' })), 'User.addGroup: the Group instance has no id because it is not saved yet; save it first (or pass the values to the create accessor)'],
        // Before: the foreign key was set to NULL, unlinking the post from its author.
        [() => post['setAuthor'](User.build({ name: 'new' })), 'Post.setAuthor: the User instance has no id because it is not saved yet; save it first (or pass the values to the create accessor)'],
      ];
      for (const [fn, message] of cases) expect((await failure(fn, AssociationError)).message).toBe(message);
      expect(await snapshot(db, dialect)).toEqual(after);
      expect(await ada['getPosts']()).toHaveLength(1);
      await group.destroy();
      await unchanged();
    });
  });
});
