/**
 * hasOne options on every dialect: the key's name (Sequelize derives it from the alias), type and
 * nullability, sourceKey, `as`, onDelete/onUpdate from the catalog (CASCADE when the key is NOT
 * NULL), `constraints: false`, the index on the key, `scope`, underscored fields, several
 * associations to one model, both sides in either order. Key names are compared with sequelize@6.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Sequelize as Sequelize6, DataTypes as DataTypes6 } from 'sequelize';
import { DataTypes, Relata } from '../../src/index.js';
import { catalog, dropAllTables } from '../support/catalog.js';
import { constraints, tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('hasOne options', ({ dialect, connect }) => {
  const fk = constraints(dialect);
  const cat = catalog(dialect);
  let db: Relata;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
  });

  it('default key: <Source><Pk> on the target, nullable, SET NULL / CASCADE, indexed', async () => {
    const User = db.define('User', {});
    const Profile = db.define('Profile', { bio: DataTypes.STRING });
    const association = User.hasOne(Profile);
    await db.sync({ force: true });

    expect([association.associationType, association.as, association.foreignKey, association.sourceKey]).toEqual(['HasOne', 'Profile', 'UserId', 'id']);
    expect(association.accessors).toEqual({ get: 'getProfile', set: 'setProfile', create: 'createProfile' });
    expect(Profile.rawAttributes['UserId']?.type.key).toBe('INTEGER');
    expect(await cat.columns(db, 'Profiles')).toEqual(['id', 'bio', 'createdAt', 'updatedAt', 'UserId']);
    expect(await fk.nullableColumns(db, 'Profiles')).toEqual(['UserId', 'bio']);
    expect(await fk.foreignKeys(db, 'Profiles')).toEqual([{ column: 'UserId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    expect(await fk.leadingIndexColumns(db, 'Profiles')).toContain('UserId');

    // SET NULL at the database level: the profile outlives its user, unlinked
    const user = (await User.create({})) as any;
    await user.createProfile({ bio: 'b' });
    await user.destroy();
    expect(await tableRows(db, dialect, 'Profiles', ['bio', 'UserId'])).toEqual([{ bio: 'b', UserId: null }]);
  });

  it('as without foreignKey: Sequelize derives the key from the alias (as "profile" → profileId)', async () => {
    const User = db.define('User', {});
    const Profile = db.define('Profile', {});
    const association = User.hasOne(Profile, { as: 'profile' });
    expect([association.as, association.foreignKey]).toEqual(['profile', 'profileId']);
    expect(association.accessors).toEqual({ get: 'getProfile', set: 'setProfile', create: 'createProfile' });
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'Profiles')).map((f) => `${f.column}->${f.refTable}.${f.refColumn}`)).toEqual(['profileId->Users.id']);
  });

  it('foreignKey { name, allowNull: false }: NOT NULL, onDelete defaults to CASCADE', async () => {
    const User = db.define('User', {});
    const Passport = db.define('Passport', { number: DataTypes.STRING });
    User.hasOne(Passport, { foreignKey: { name: 'holderId', allowNull: false } });
    await db.sync({ force: true });
    expect(await fk.nullableColumns(db, 'Passports')).toEqual(['number']);
    expect(await fk.foreignKeys(db, 'Passports')).toEqual([{ column: 'holderId', refTable: 'Users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' }]);
    const user = (await User.create({})) as any;
    await user.createPassport({ number: 'X1' });
    await user.destroy();
    expect(await tableRows(db, dialect, 'Passports', ['number'])).toEqual([]);
  });

  it('sourceKey links by a unique non-primary attribute', async () => {
    const User = db.define('User', { handle: { type: DataTypes.STRING, unique: true } });
    const Settings = db.define('Settings', { theme: DataTypes.STRING }, { tableName: 'settings' });
    const association = User.hasOne(Settings, { sourceKey: 'handle', foreignKey: 'userHandle' });
    await db.sync({ force: true });
    expect(association.sourceKey).toBe('handle');
    expect(Settings.rawAttributes['userHandle']?.type.key).toBe('STRING');
    expect(await fk.foreignKeys(db, 'settings')).toEqual([{ column: 'userHandle', refTable: 'Users', refColumn: 'handle', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    const user = (await User.create({ handle: 'ada' })) as any;
    await user.createSetting({ theme: 'dark' });
    expect(await tableRows(db, dialect, 'settings', ['theme', 'userHandle'])).toEqual([{ theme: 'dark', userHandle: 'ada' }]);
    expect((await user.getSetting()).theme).toBe('dark');
  });

  it('onDelete / onUpdate as given, read back from the catalog', async () => {
    const User = db.define('User', {});
    const Profile = db.define('Profile', {});
    const Avatar = db.define('Avatar', {});
    User.hasOne(Profile, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });
    User.hasOne(Avatar, { onDelete: 'CASCADE', onUpdate: 'SET NULL' });
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'Profiles')).map((f) => [f.onDelete, f.onUpdate])).toEqual([['RESTRICT', 'NO ACTION']]);
    expect((await fk.foreignKeys(db, 'Avatars')).map((f) => [f.onDelete, f.onUpdate])).toEqual([['CASCADE', 'SET NULL']]);
  });

  it('constraints: false: the key column, no foreign key', async () => {
    const User = db.define('User', {});
    const Profile = db.define('Profile', {});
    User.hasOne(Profile, { constraints: false });
    await db.sync({ force: true });
    expect(await cat.columns(db, 'Profiles')).toContain('UserId');
    expect(await fk.foreignKeys(db, 'Profiles')).toEqual([]);
  });

  it('as: { singular, plural } names the accessors from the singular', async () => {
    const User = db.define('User', {});
    const Address = db.define('Address', {});
    const association = User.hasOne(Address, { as: { singular: 'home', plural: 'homes' }, foreignKey: 'residentId' });
    expect(association.as).toBe('home');
    expect(association.accessors).toEqual({ get: 'getHome', set: 'setHome', create: 'createHome' });
    await db.sync({ force: true });
    const user = (await User.create({})) as any;
    const home = await user.createHome({});
    expect((await user.getHome()).id).toBe(home.id);
    const loaded = (await User.findOne({ include: 'home' })) as any;
    expect(loaded.home.id).toBe(home.id);
  });

  it('scope: the association only sees targets with the scope values, and create writes them', async () => {
    const Post = db.define('Post', { title: DataTypes.STRING });
    const Comment = db.define('Comment', { body: DataTypes.STRING, commentable: DataTypes.STRING, commentableId: DataTypes.INTEGER });
    Post.hasOne(Comment, { as: 'pinned', foreignKey: 'commentableId', constraints: false, scope: { commentable: 'pinned-post' } });
    await db.sync({ force: true });
    const post = (await Post.create({ title: 'p' })) as any;
    // a comment with the same key but another commentable is not this association's
    await Comment.create({ body: 'other', commentable: 'image', commentableId: post.id });
    expect(await post.getPinned()).toBeNull();
    const pinned = await post.createPinned({ body: 'read me' });
    expect(pinned.commentable).toBe('pinned-post');
    expect(await tableRows(db, dialect, 'Comments', ['body', 'commentable', 'commentableId'], ['id'])).toEqual([
      { body: 'other', commentable: 'image', commentableId: post.id },
      { body: 'read me', commentable: 'pinned-post', commentableId: post.id },
    ]);
    expect((await post.getPinned()).body).toBe('read me');
    expect(((await Post.findOne({ include: 'pinned' })) as any).pinned.body).toBe('read me');
  });

  it('underscored: UserId stored in user_id', async () => {
    const User = db.define('User', {}, { underscored: true });
    const Profile = db.define('Profile', {}, { underscored: true });
    User.hasOne(Profile);
    await db.sync({ force: true });
    expect(Profile.rawAttributes['UserId']?.field).toBe('user_id');
    expect(await fk.foreignKeys(db, 'profiles')).toEqual([{ column: 'user_id', refTable: 'users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    expect(await fk.leadingIndexColumns(db, 'profiles')).toContain('user_id');
    const user = (await User.create({})) as any;
    await user.createProfile({});
    expect(await tableRows(db, dialect, 'profiles', ['user_id'])).toEqual([{ user_id: user.id }]);
  });

  it('two hasOne to the same model under different aliases', async () => {
    const User = db.define('User', {});
    const Image = db.define('Image', { url: DataTypes.STRING });
    User.hasOne(Image, { as: 'avatar', foreignKey: 'avatarOfId' });
    User.hasOne(Image, { as: 'banner', foreignKey: 'bannerOfId' });
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'Images')).map((f) => f.column)).toEqual(['avatarOfId', 'bannerOfId']);
    const user = (await User.create({})) as any;
    await user.createAvatar({ url: 'a.png' });
    await user.createBanner({ url: 'b.png' });
    const loaded = (await User.findOne({ include: ['avatar', 'banner'] })) as any;
    expect([loaded.avatar.url, loaded.banner.url]).toEqual(['a.png', 'b.png']);
  });

  it('self-association: User hasOne User as mentee', async () => {
    const User = db.define('User', { name: DataTypes.STRING });
    User.hasOne(User, { as: 'mentee', foreignKey: 'mentorId' });
    await db.sync({ force: true });
    expect(await fk.foreignKeys(db, 'Users')).toEqual([{ column: 'mentorId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    const mentor = (await User.create({ name: 'yoda' })) as any;
    await mentor.createMentee({ name: 'luke' });
    expect((await mentor.getMentee()).name).toBe('luke');
  });

  for (const order of ['hasOne first', 'belongsTo first'] as const) {
    it(`both sides declared (${order}): one key, one constraint`, async () => {
      const User = db.define('User', {});
      const Profile = db.define('Profile', {});
      if (order === 'hasOne first') {
        User.hasOne(Profile);
        Profile.belongsTo(User);
      } else {
        Profile.belongsTo(User);
        User.hasOne(Profile);
      }
      await db.sync({ force: true });
      expect(await cat.columns(db, 'Profiles')).toEqual(['id', 'createdAt', 'updatedAt', 'UserId']);
      expect(await fk.foreignKeys(db, 'Profiles')).toEqual([{ column: 'UserId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
      const user = (await User.create({})) as any;
      const profile = (await user.createProfile({})) as any;
      expect((await profile.getUser()).id).toBe(user.id);
    });
  }
});

describe('hasOne key names and defaults match sequelize@6', () => {
  const cases: Record<string, (User: any, Profile: any) => any> = {
    'no options': (U, P) => U.hasOne(P),
    'as string': (U, P) => U.hasOne(P, { as: 'profile' }),
    'plural alias': (U, P) => U.hasOne(P, { as: 'profiles' }),
    'foreignKey string': (U, P) => U.hasOne(P, { foreignKey: 'ownerId', as: 'profile' }),
    'foreignKey object': (U, P) => U.hasOne(P, { foreignKey: { name: 'ownerId', allowNull: false } }),
    'sourceKey': (U, P) => U.hasOne(P, { sourceKey: 'code' }),
    'explicit actions': (U, P) => U.hasOne(P, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
  };
  function shape(build: (User: any, Profile: any) => any, db: any, types: any): unknown {
    const User = db.define('User', { code: { type: types.STRING, unique: true } });
    const Profile = db.define('Profile', {});
    const a = build(User, Profile);
    const attr = Profile.rawAttributes[a.foreignKey];
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
