/**
 * Association mistakes surface as typed errors naming the models and the alias, on every dialect:
 * a target that is not a model, an alias colliding with an attribute, a duplicate alias, a
 * through model lacking its keys, a key type that does not match the referenced key. Including a
 * model that is not associated is an EagerLoadingError listing the valid aliases, before any SQL.
 */
import { beforeEach, expect, it } from 'vitest';
import { AssociationError, BaseError, DataTypes, EagerLoadingError, Model, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

/** Runs `fn`, expecting it to throw; returns the error. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}

describeEachDialect('association errors', ({ dialect, connect }) => {
  const sql = captureSql();
  let db: Relata;

  beforeEach(async () => {
    db = await connect({ logging: sql.logging });
    await dropAllTables(db, dialect);
    sql.statements.length = 0;
  });

  for (const kind of ['hasOne', 'belongsTo', 'hasMany', 'belongsToMany'] as const) {
    it(`${kind} with a target that is not a model names the source, the method and the alias`, () => {
      const User = db.define('User', {});
      class NotInitialized extends Model {}
      const options = kind === 'belongsToMany' ? { through: 'X', as: 'things' } : { as: 'things' };
      const targets: [unknown, string][] = [[{}, 'got object'], [undefined, 'got undefined'], [null, 'got null'], ['User', 'got string'], [NotInitialized, 'uninitialized class NotInitialized']];
      for (const [target, got] of targets) {
        const error = thrown(() => (User as any)[kind](target, options));
        expect(error).toBeInstanceOf(AssociationError);
        expect(error).toBeInstanceOf(BaseError);
        expect(error.name).toBe('SequelizeAssociationError');
        expect(error.message).toContain(`User.${kind} (as "things") called with something that is not a model`);
        expect(error.message).toContain(got);
      }
      expect(User.associations).toEqual({});
    });
  }

  it('an alias colliding with an attribute names the attribute, the source and the target', () => {
    const User = db.define('User', { posts: DataTypes.STRING, Profile: DataTypes.STRING });
    const Post = db.define('Post', {});
    const Profile = db.define('Profile', {});
    const explicit = thrown(() => User.hasMany(Post, { as: 'posts' }));
    expect(explicit).toBeInstanceOf(AssociationError);
    expect(explicit.message).toBe(`Naming collision between attribute 'posts' and association 'posts' on model User. To remedy this, change either foreignKey or as in your association definition`);
    // the default alias collides too (hasOne's alias is the target's singular name)
    const implicit = thrown(() => User.hasOne(Profile));
    expect(implicit).toBeInstanceOf(AssociationError);
    expect(implicit.message).toContain(`attribute 'Profile' and association 'Profile' on model User`);
    expect(Object.keys(User.associations)).toEqual([]);
  });

  it('a duplicate alias names the alias, the source and both targets', () => {
    const User = db.define('User', {});
    const Post = db.define('Post', {});
    const Group = db.define('Group', {});
    User.hasMany(Post, { as: 'items' });
    for (const declare of [() => User.hasMany(Group, { as: 'items' }), () => User.belongsToMany(Group, { through: 'UG', as: 'items' }), () => User.hasOne(Group, { as: 'items' })]) {
      const error = thrown(declare);
      expect(error).toBeInstanceOf(AssociationError);
      expect(error.message).toMatch(/^You have used the alias items in two separate associations on User \(to Post and to Group\)/);
    }
    // the same default alias twice (no "as"): Sequelize keeps the second; strict refuses it
    const Tag = db.define('Tag', {});
    const first = User.hasMany(Tag);
    const second = User.hasMany(Tag, { foreignKey: 'ownerId' });
    expect(User.associations['Tags']).toBe(second);
    expect(first).not.toBe(second);
    expect(Object.keys(User.associations)).toEqual(['items', 'Tags']);
    expect((User.associations['items'] as any).target).toBe(Post);
  });

  it('under strict: the same default alias twice is a duplicate', async () => {
    const strictDb = await connect({ strict: true });
    const User = strictDb.define('User', {});
    const Tag = strictDb.define('Tag', {});
    User.hasMany(Tag);
    const again = thrown(() => User.hasMany(Tag));
    expect(again).toBeInstanceOf(AssociationError);
    expect(again.message).toContain('alias Tags in two separate associations on User (to Tag and to Tag)');
    expect(Object.keys(User.associations)).toEqual(['Tags']);
  });

  it('under strict: a through model lacking its keys names the association, the junction model, the key and what it has', async () => {
    const strictDb = await connect({ strict: true });
    const User = strictDb.define('User', {});
    const Project = strictDb.define('Project', {});
    const Assignment = strictDb.define('Assignment', {
      uid: { type: DataTypes.INTEGER, primaryKey: true },
      pid: { type: DataTypes.INTEGER, primaryKey: true },
    }, { timestamps: false });
    const error = thrown(() => User.belongsToMany(Project, { through: Assignment, foreignKey: 'userId', otherKey: 'pid', as: 'work' }));
    expect(error).toBeInstanceOf(AssociationError);
    expect(error.message).toBe('User.belongsToMany(Project, as work): the through model Assignment lacks the key "userId"; it has uid, pid');
    const other = thrown(() => User.belongsToMany(Project, { through: { model: Assignment }, foreignKey: 'uid', otherKey: 'projectId' }));
    expect(other.message).toBe('User.belongsToMany(Project, as Projects): the through model Assignment lacks the key "projectId"; it has uid, pid');
    expect(User.associations).toEqual({});
  });

  it('belongsToMany without through', () => {
    const User = db.define('User', {});
    const Project = db.define('Project', {});
    const error = thrown(() => (User as any).belongsToMany(Project, { as: 'projects' }));
    expect(error).toBeInstanceOf(AssociationError);
    expect(error.message).toContain('User.belongsToMany(Project, as projects): the "through" option is required');
  });

  it('under strict: a key declared STRING on the model that references an INTEGER primary key', async () => {
    const strictDb = await connect({ strict: true });
    const User = strictDb.define('User', {});
    const Post = strictDb.define('Post', { userId: DataTypes.STRING });
    for (const declare of [() => User.hasMany(Post, { foreignKey: 'userId', as: 'posts' }), () => Post.belongsTo(User, { foreignKey: 'userId', as: 'author' })]) {
      const error = thrown(declare);
      expect(error).toBeInstanceOf(AssociationError);
      expect(error.message).toMatch(/^(User\.hasMany\(Post, as posts\)|Post\.belongsTo\(User, as author\)): foreign key Post\.userId is STRING but references User\.id of type INTEGER; declare it with a matching type$/);
    }
    expect([User.associations, Post.associations]).toEqual([{}, {}]);
  });

  it('under strict: a key given as foreignKey { name, type: STRING } that references an INTEGER primary key (regression: the option\'s type was not checked)', async () => {
    const strictDb = await connect({ strict: true });
    const User = strictDb.define('User', {});
    const Post = strictDb.define('Post', {});
    const error = thrown(() => Post.belongsTo(User, { foreignKey: { name: 'userId', type: DataTypes.STRING }, as: 'author' }));
    expect(error).toBeInstanceOf(AssociationError);
    expect(error.message).toBe('Post.belongsTo(User, as author): foreign key Post.userId is STRING but references User.id of type INTEGER; declare it with a matching type');
    expect(Post.rawAttributes['userId']).toBeUndefined();
    // a compatible integer type is fine
    const ok = Post.belongsTo(User, { foreignKey: { name: 'ownerId', type: DataTypes.BIGINT }, as: 'owner' });
    expect(Post.rawAttributes['ownerId']?.type.key).toBe('BIGINT');
    expect(ok.foreignKey).toBe('ownerId');
  });

  it('under strict: a junction key declared with the wrong type', async () => {
    const strictDb = await connect({ strict: true });
    const User = strictDb.define('User', {});
    const Project = strictDb.define('Project', {});
    const Member = strictDb.define('Member', { UserId: DataTypes.STRING });
    const error = thrown(() => User.belongsToMany(Project, { through: Member }));
    expect(error).toBeInstanceOf(AssociationError);
    expect(error.message).toBe('User.belongsToMany(Project, as Projects): foreign key Member.UserId is STRING but references User.id of type INTEGER; declare it with a matching type');
  });

  it('including a model that is not associated is an EagerLoadingError listing the valid aliases, before any SQL', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', {});
    const Profile = db.define('Profile', {});
    const Group = db.define('Group', {});
    User.hasMany(Post, { as: 'posts' });
    User.hasOne(Profile, { as: 'profile' });
    await db.sync({ force: true });
    sql.statements.length = 0;

    const notAssociated = await User.findAll({ include: Group }).catch((e: unknown) => e as Error);
    expect(notAssociated).toBeInstanceOf(EagerLoadingError);
    expect((notAssociated as Error).name).toBe('SequelizeEagerLoadingError');
    expect((notAssociated as Error).message).toBe('Group is not associated to User! Associations of User: posts, profile');

    const wrongAlias = await User.findAll({ include: { model: Post, as: 'articles' } }).catch((e: unknown) => e as Error);
    expect(wrongAlias).toBeInstanceOf(EagerLoadingError);
    expect((wrongAlias as Error).message).toBe(
      "Post is associated to User using an alias. You've included an alias (articles), but it does not match the alias(es) defined in your association (posts).",
    );

    const unknownString = await User.findOne({ include: 'groups' }).catch((e: unknown) => e as Error);
    expect(unknownString).toBeInstanceOf(EagerLoadingError);
    expect((unknownString as Error).message).toBe('Association with alias "groups" does not exist on User. Associations of User: posts, profile');

    const none = await Group.findAll({ include: User }).catch((e: unknown) => e as Error);
    expect((none as Error).message).toBe('User is not associated to Group! Group has no associations');

    const nested = await User.findAll({ include: { model: Post, as: 'posts', include: [Group] } }).catch((e: unknown) => e as Error);
    expect(nested).toBeInstanceOf(EagerLoadingError);
    expect((nested as Error).message).toBe('Group is not associated to Post! Post has no associations');

    // Neither a model, an association nor an object: Sequelize's message.
    for (const include of [1, true, [1]]) {
      const unexpected = await User.findAll({ include } as never).catch((e: unknown) => e as Error);
      expect(unexpected).toBeInstanceOf(EagerLoadingError);
      expect((unexpected as Error).message).toBe('Include unexpected. Element has to be either a Model, an Association or an object.');
    }
    expect(sql.statements).toEqual([]);
  });

  it('a model associated twice must be included by alias', async () => {
    const User = db.define('User', {});
    const Message = db.define('Message', {});
    Message.belongsTo(User, { as: 'sender' });
    Message.belongsTo(User, { as: 'recipient' });
    await db.sync({ force: true });
    const error = await Message.findAll({ include: User }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(EagerLoadingError);
    expect((error as Error).message).toBe(
      "User is associated to Message multiple times. To identify the correct association, you must use the 'as' keyword to specify the alias of the association you want to include.",
    );
  });
});
