/**
 * hasOne accessors on every dialect: getProfile (attributes, scope), setProfile with an instance,
 * a key or null (the previous profile is unlinked, its row kept), createProfile. setProfile is
 * atomic. Deleting the user cascades through the ORM with `hooks: true` (also when the default
 * action is CASCADE because the key is NOT NULL) and in the database without it.
 */
import { beforeEach, expect, it } from 'vitest';
import { AssociationError, DataTypes, ValidationError, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('hasOne accessors', ({ dialect, connect }) => {
  const log: string[] = [];
  let db: Relata;
  let User: any;
  let Profile: any;
  let ann: any;
  let bob: any;
  let p1: any;
  let p2: any;

  const profiles = async () => tableRows(db, dialect, 'Profiles', ['id', 'bio', 'UserId'], ['id']);

  beforeEach(async () => {
    db = await connect({ logging: (s: string) => void log.push(s) });
    await dropAllTables(db, dialect);
    User = db.define('User', { name: DataTypes.STRING });
    Profile = db.define('Profile', {
      bio: { type: DataTypes.STRING, validate: { len: [0, 10] } },
      visible: { type: DataTypes.BOOLEAN, defaultValue: true },
    }, {
      defaultScope: { where: { visible: true } },
      scopes: { short: { where: { bio: 'short' } } },
    });
    User.hasOne(Profile);
    await db.sync({ force: true });
    [ann, bob] = await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }]);
    [p1, p2] = await Profile.bulkCreate([{ bio: 'first', UserId: ann.id }, { bio: 'second' }]);
    log.length = 0;
  });

  it('getProfile returns the target or null; attributes and scope options', async () => {
    const profile = await ann.getProfile();
    expect(profile).toBeInstanceOf(Profile);
    expect([profile.id, profile.bio, profile.UserId]).toEqual([p1.id, 'first', ann.id]);
    expect(await bob.getProfile()).toBeNull();
    expect((await ann.getProfile({ attributes: ['bio'] })).get({ plain: true })).toEqual({ bio: 'first' });
    expect(await ann.getProfile({ scope: 'short' })).toBeNull();
    await p1.update({ visible: false });
    expect(await ann.getProfile()).toBeNull();
    expect((await ann.getProfile({ scope: false })).bio).toBe('first');
  });

  it('setProfile with an instance links it and unlinks the previous one (whose row stays)', async () => {
    const result = await ann.setProfile(p2);
    expect(result).toBe(p2);
    expect(p2.UserId).toBe(ann.id);
    expect(await profiles()).toEqual([{ id: p1.id, bio: 'first', UserId: null }, { id: p2.id, bio: 'second', UserId: ann.id }]);
    expect((await ann.getProfile()).id).toBe(p2.id);
  });

  it('setProfile with a key', async () => {
    const result = await bob.setProfile(p2.id);
    expect([result.id, result.UserId]).toEqual([p2.id, bob.id]);
    expect(await profiles()).toEqual([{ id: p1.id, bio: 'first', UserId: ann.id }, { id: p2.id, bio: 'second', UserId: bob.id }]);
  });

  it('setProfile(null) unlinks; the profile row stays', async () => {
    expect(await ann.setProfile(null)).toBeNull();
    expect(await profiles()).toEqual([{ id: p1.id, bio: 'first', UserId: null }, { id: p2.id, bio: 'second', UserId: null }]);
    expect(await ann.getProfile()).toBeNull();
  });

  it('setProfile of the current profile keeps it linked', async () => {
    await ann.setProfile(p1);
    expect(await profiles()).toEqual([{ id: p1.id, bio: 'first', UserId: ann.id }, { id: p2.id, bio: 'second', UserId: null }]);
  });

  it('setProfile unlinks a previous profile that the default scope hides (regression: it stayed linked)', async () => {
    await p1.update({ visible: false });
    await ann.setProfile(p2);
    expect(await profiles()).toEqual([{ id: p1.id, bio: 'first', UserId: null }, { id: p2.id, bio: 'second', UserId: ann.id }]);
  });

  it('setProfile runs in one transaction', async () => {
    await ann.setProfile(p2);
    const ids = new Set(log.map((l) => /^Executing \(([^)]+)\)/.exec(l)?.[1]));
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect([...ids]).toHaveLength(1);
    expect([...ids][0]).not.toBe('default');
  });

  it('atomic: setProfile whose second write fails leaves the previous profile linked', async () => {
    p2.bio = 'far too long for the validator';
    await expect(ann.setProfile(p2)).rejects.toBeInstanceOf(ValidationError);
    expect(await profiles()).toEqual([{ id: p1.id, bio: 'first', UserId: ann.id }, { id: p2.id, bio: 'second', UserId: null }]);
  });

  it('atomic: setProfile with a key that does not exist throws and leaves the previous profile linked', async () => {
    const error = await ann.setProfile(99999).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(AssociationError);
    expect(error.message).toBe('User.setProfile: no Profile with id 99999');
    expect(await profiles()).toEqual([{ id: p1.id, bio: 'first', UserId: ann.id }, { id: p2.id, bio: 'second', UserId: null }]);
  });

  it('createProfile inserts the target with the key', async () => {
    const made = await bob.createProfile({ bio: 'bobs' });
    expect(made).toBeInstanceOf(Profile);
    expect([made.UserId, made.isNewRecord]).toEqual([bob.id, false]);
    expect((await profiles()).at(-1)).toEqual({ id: made.id, bio: 'bobs', UserId: bob.id });
  });
});

describeEachDialect('hasOne delete cascades', ({ dialect, connect }) => {
  let db: Relata;
  const hooked: string[] = [];

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
    hooked.length = 0;
  });

  function define(options: Record<string, unknown>) {
    const User = db.define('User', { name: DataTypes.STRING });
    const Profile = db.define('Profile', { bio: DataTypes.STRING }, { hooks: { beforeDestroy: (p: any) => void hooked.push(p.bio) } });
    User.hasOne(Profile, options);
    return { User: User as any, Profile: Profile as any };
  }

  it('hooks: true with onDelete CASCADE destroys the profile through the ORM (its hook runs)', async () => {
    const { User } = define({ onDelete: 'CASCADE', hooks: true });
    await db.sync({ force: true });
    const ann = await User.create({ name: 'ann' });
    await ann.createProfile({ bio: 'ann' });
    const bob = await User.create({ name: 'bob' });
    await bob.createProfile({ bio: 'bob' });
    await ann.destroy();
    expect(hooked).toEqual(['ann']);
    expect(await tableRows(db, dialect, 'Profiles', ['bio'])).toEqual([{ bio: 'bob' }]);
  });

  it('hooks: true with a NOT NULL key (default action CASCADE) cascades through the ORM, as in Sequelize (regression: only an explicit onDelete did)', async () => {
    const { User } = define({ foreignKey: { name: 'userId', allowNull: false }, hooks: true });
    await db.sync({ force: true });
    const ann = await User.create({ name: 'ann' });
    await ann.createProfile({ bio: 'ann' });
    await ann.destroy();
    expect(hooked).toEqual(['ann']);
    expect(await tableRows(db, dialect, 'Profiles', ['bio'])).toEqual([]);
  });

  it('without hooks, the database cascades: the row goes, no hook runs', async () => {
    const { User } = define({ onDelete: 'CASCADE' });
    await db.sync({ force: true });
    const ann = await User.create({ name: 'ann' });
    await ann.createProfile({ bio: 'ann' });
    await ann.destroy();
    expect(hooked).toEqual([]);
    expect(await tableRows(db, dialect, 'Profiles', ['bio'])).toEqual([]);
  });

  it('hooks: true with the default SET NULL does not destroy anything: the profile is unlinked', async () => {
    const { User } = define({ hooks: true });
    await db.sync({ force: true });
    const ann = await User.create({ name: 'ann' });
    await ann.createProfile({ bio: 'ann' });
    await ann.destroy();
    expect(hooked).toEqual([]);
    expect(await tableRows(db, dialect, 'Profiles', ['bio', 'UserId'])).toEqual([{ bio: 'ann', UserId: null }]);
  });
});
