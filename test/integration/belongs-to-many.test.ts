/**
 * belongsToMany options on every dialect: `through` as a table name (a junction model with a
 * composite primary key on the two keys) and as `{ model, unique, scope }` with extra attributes,
 * foreignKey/otherKey, sourceKey/targetKey, `as`, onDelete/onUpdate from the catalog,
 * `constraints: false`, an index on each key, a target `scope`, the self-association User follows
 * User through Follows, two aliases between the same models, both sides in either order and
 * underscored junctions. Junction definitions are compared with sequelize@6.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Sequelize as Sequelize6, DataTypes as DataTypes6 } from 'sequelize';
import { DataTypes, Relata, UniqueConstraintError } from '../../src/index.js';
import { catalog, dropAllTables } from '../support/catalog.js';
import { constraints, tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('belongsToMany options', ({ dialect, connect }) => {
  const fk = constraints(dialect);
  const cat = catalog(dialect);
  let db: Relata;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
  });

  it('through a table name: a junction model with the two keys as composite primary key, CASCADE both ways, each key indexed', async () => {
    const User = db.define('User', {});
    const Project = db.define('Project', {});
    const association = User.belongsToMany(Project, { through: 'UserProjects' });
    Project.belongsToMany(User, { through: 'UserProjects' });
    await db.sync({ force: true });

    expect([association.associationType, association.as, association.foreignKey, association.otherKey, association.sourceKey, association.targetKey])
      .toEqual(['BelongsToMany', 'Projects', 'UserId', 'ProjectId', 'id', 'id']);
    expect(association.through.model).toBe(db.models['UserProjects']);
    expect((Project.associations['Users'] as any).through.model).toBe(db.models['UserProjects']);
    expect(db.models['UserProjects']?.primaryKeyAttributes).toEqual(['UserId', 'ProjectId']);
    expect(await cat.columns(db, 'UserProjects')).toEqual(['createdAt', 'updatedAt', 'UserId', 'ProjectId']);
    expect(await fk.primaryKey(db, 'UserProjects')).toEqual(['UserId', 'ProjectId']);
    expect(await fk.nullableColumns(db, 'UserProjects')).toEqual([]);
    expect(await fk.foreignKeys(db, 'UserProjects')).toEqual([
      { column: 'ProjectId', refTable: 'Projects', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      { column: 'UserId', refTable: 'Users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    ]);
    expect(await fk.leadingIndexColumns(db, 'UserProjects')).toEqual(['ProjectId', 'UserId']);

    // the composite key refuses a duplicate link; CASCADE removes links with either side
    const [u1, u2] = (await User.bulkCreate([{}, {}])) as any[];
    const [p1, p2] = (await Project.bulkCreate([{}, {}])) as any[];
    const Junction = db.models['UserProjects'] as any;
    await Junction.bulkCreate([{ UserId: u1.id, ProjectId: p1.id }, { UserId: u1.id, ProjectId: p2.id }, { UserId: u2.id, ProjectId: p1.id }]);
    await expect(Junction.create({ UserId: u1.id, ProjectId: p1.id })).rejects.toBeInstanceOf(UniqueConstraintError);
    await p1.destroy();
    expect(await tableRows(db, dialect, 'UserProjects', ['UserId', 'ProjectId'])).toEqual([{ UserId: u1.id, ProjectId: p2.id }]);
    await u1.destroy();
    expect(await tableRows(db, dialect, 'UserProjects', ['UserId', 'ProjectId'])).toEqual([]);
  });

  it('timestamps: false on the association makes a junction without createdAt/updatedAt', async () => {
    const Post = db.define('Post', {});
    const Tag = db.define('Tag', {});
    Post.belongsToMany(Tag, { through: 'PostTags', timestamps: false });
    await db.sync({ force: true });
    expect(await cat.columns(db, 'PostTags')).toEqual(['PostId', 'TagId']);
    const post = (await Post.create({})) as any;
    await post.addTag((await Tag.create({})) as any);
    expect(await tableRows(db, dialect, 'PostTags', ['PostId', 'TagId'])).toEqual([{ PostId: post.id, TagId: 1 }]);
  });

  it('foreignKey / otherKey as strings and as attribute objects', async () => {
    const User = db.define('User', {});
    const Group = db.define('Group', {});
    const association = User.belongsToMany(Group, { through: 'Memberships', foreignKey: { name: 'memberId' }, otherKey: 'clubId', as: 'clubs' });
    await db.sync({ force: true });
    expect([association.foreignKey, association.otherKey, association.as]).toEqual(['memberId', 'clubId', 'clubs']);
    expect(await fk.primaryKey(db, 'Memberships')).toEqual(['memberId', 'clubId']);
    expect((await fk.foreignKeys(db, 'Memberships')).map((f) => `${f.column}->${f.refTable}`)).toEqual(['clubId->Groups', 'memberId->Users']);
  });

  it('sourceKey / targetKey link by unique non-primary attributes, with their types', async () => {
    const Post = db.define('Post', { slug: { type: DataTypes.STRING, unique: true } });
    const Tag = db.define('Tag', { code: { type: DataTypes.STRING, unique: true } });
    const association = Post.belongsToMany(Tag, { through: 'PostTags', sourceKey: 'slug', targetKey: 'code', foreignKey: 'postSlug', otherKey: 'tagCode' });
    await db.sync({ force: true });
    expect([association.sourceKey, association.targetKey]).toEqual(['slug', 'code']);
    expect(db.models['PostTags']?.rawAttributes['postSlug']?.type.key).toBe('STRING');
    expect(await fk.foreignKeys(db, 'PostTags')).toEqual([
      { column: 'postSlug', refTable: 'Posts', refColumn: 'slug', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      { column: 'tagCode', refTable: 'Tags', refColumn: 'code', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    ]);
    const post = (await Post.create({ slug: 'hello' })) as any;
    await Tag.bulkCreate([{ code: 'js' }, { code: 'db' }]);
    await post.addTags(['js', 'db']);
    expect(await tableRows(db, dialect, 'PostTags', ['postSlug', 'tagCode'])).toEqual([{ postSlug: 'hello', tagCode: 'db' }, { postSlug: 'hello', tagCode: 'js' }]);
    expect((await post.getTags({ order: [['code', 'ASC']] })).map((t: any) => t.code)).toEqual(['db', 'js']);
    expect(((await Post.findOne({ include: Tag })) as any).Tags).toHaveLength(2);
  });

  it('onDelete / onUpdate apply to both junction keys, read back from the catalog (regression: the otherKey ignored them and stayed CASCADE)', async () => {
    const User = db.define('User', {});
    const Project = db.define('Project', {});
    User.belongsToMany(Project, { through: 'UserProjects', onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'UserProjects')).map((f) => [f.column, f.onDelete, f.onUpdate])).toEqual([
      ['ProjectId', 'RESTRICT', 'NO ACTION'], ['UserId', 'RESTRICT', 'NO ACTION'],
    ]);
  });

  it('constraints: false: junction keys with no foreign keys, still the composite primary key', async () => {
    const User = db.define('User', {});
    const Project = db.define('Project', {});
    User.belongsToMany(Project, { through: 'UserProjects', constraints: false });
    await db.sync({ force: true });
    expect(await fk.foreignKeys(db, 'UserProjects')).toEqual([]);
    expect(await fk.primaryKey(db, 'UserProjects')).toEqual(['UserId', 'ProjectId']);
  });

  it('through { model } with extra attributes: the model\'s own id is replaced by the key pair', async () => {
    const User = db.define('User', {});
    const Project = db.define('Project', { name: DataTypes.STRING });
    const UserProject = db.define('UserProject', { role: { type: DataTypes.STRING, defaultValue: 'member' } });
    const association = User.belongsToMany(Project, { through: UserProject });
    Project.belongsToMany(User, { through: UserProject });
    await db.sync({ force: true });
    expect(association.through.model).toBe(UserProject);
    expect(UserProject.primaryKeyAttributes).toEqual(['UserId', 'ProjectId']);
    expect(await cat.columns(db, 'UserProjects')).toEqual(['role', 'createdAt', 'updatedAt', 'UserId', 'ProjectId']);
    expect(await fk.primaryKey(db, 'UserProjects')).toEqual(['UserId', 'ProjectId']);
    const user = (await User.create({})) as any;
    const project = (await Project.create({ name: 'x' })) as any;
    await user.addProject(project, { through: { role: 'owner' } });
    await user.addProject((await Project.create({ name: 'y' })) as any);
    expect(await tableRows(db, dialect, 'UserProjects', ['UserId', 'ProjectId', 'role'])).toEqual([
      { UserId: user.id, ProjectId: project.id, role: 'owner' }, { UserId: user.id, ProjectId: project.id + 1, role: 'member' },
    ]);
    const [first] = await user.getProjects({ order: [['id', 'ASC']] });
    expect(first.UserProject.role).toBe('owner');
  });

  it('through { model, unique }: a junction with its own id gets a unique key pair unless unique: false', async () => {
    const User = db.define('User', {});
    const Project = db.define('Project', {});
    const Vote = db.define('Vote', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, weight: DataTypes.INTEGER });
    const Visit = db.define('Visit', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, at: DataTypes.STRING });
    User.belongsToMany(Project, { through: { model: Vote }, as: 'voted' });
    User.belongsToMany(Project, { through: { model: Visit, unique: false }, as: 'visited' });
    await db.sync({ force: true });
    expect(Vote.primaryKeyAttributes).toEqual(['id']);
    expect(Visit.primaryKeyAttributes).toEqual(['id']);
    expect(await fk.primaryKey(db, 'Votes')).toEqual(['id']);
    const user = (await User.create({})) as any;
    const project = (await Project.create({})) as any;
    await Vote.create({ UserId: user.id, ProjectId: project.id, weight: 1 });
    await expect(Vote.create({ UserId: user.id, ProjectId: project.id, weight: 2 })).rejects.toBeInstanceOf(UniqueConstraintError);
    await Visit.create({ UserId: user.id, ProjectId: project.id, at: 'mon' });
    await Visit.create({ UserId: user.id, ProjectId: project.id, at: 'tue' });
    expect(await tableRows(db, dialect, 'Votes', ['UserId', 'ProjectId', 'weight'])).toEqual([{ UserId: user.id, ProjectId: project.id, weight: 1 }]);
    expect(await tableRows(db, dialect, 'Visits', ['at'])).toEqual([{ at: 'mon' }, { at: 'tue' }]);
    expect((await fk.foreignKeys(db, 'Visits')).map((f) => f.column)).toEqual(['ProjectId', 'UserId']);
    expect(await fk.leadingIndexColumns(db, 'Visits')).toEqual(expect.arrayContaining(['ProjectId', 'UserId']));
  });

  it('through { model, scope }: polymorphic tags; add writes the scope, get filters by it', async () => {
    const Post = db.define('Post', {});
    const Image = db.define('Image', {});
    const Tag = db.define('Tag', { name: DataTypes.STRING });
    const ItemTag = db.define('ItemTag', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      taggable: DataTypes.STRING,
      taggableId: DataTypes.INTEGER,
      tagId: DataTypes.INTEGER,
    });
    Post.belongsToMany(Tag, { through: { model: ItemTag, unique: false, scope: { taggable: 'post' } }, foreignKey: 'taggableId', otherKey: 'tagId', constraints: false });
    Image.belongsToMany(Tag, { through: { model: ItemTag, unique: false, scope: { taggable: 'image' } }, foreignKey: 'taggableId', otherKey: 'tagId', constraints: false });
    Tag.belongsToMany(Post, { through: { model: ItemTag, unique: false, scope: { taggable: 'post' } }, foreignKey: 'tagId', otherKey: 'taggableId', constraints: false });
    await db.sync({ force: true });
    const post = (await Post.create({})) as any;
    const image = (await Image.create({})) as any;
    const [red, blue] = (await Tag.bulkCreate([{ name: 'red' }, { name: 'blue' }])) as any[];
    expect(post.id).toBe(image.id);
    await post.addTag(red);
    await image.addTags([red, blue]);
    expect(await tableRows(db, dialect, 'ItemTags', ['taggable', 'taggableId', 'tagId'], ['id'])).toEqual([
      { taggable: 'post', taggableId: post.id, tagId: red.id },
      { taggable: 'image', taggableId: image.id, tagId: red.id },
      { taggable: 'image', taggableId: image.id, tagId: blue.id },
    ]);
    expect((await post.getTags()).map((t: any) => t.name)).toEqual(['red']);
    expect(await image.countTags()).toBe(2);
    expect((await red.getPosts()).map((p: any) => p.id)).toEqual([post.id]);
    await post.setTags([blue]);
    expect(await tableRows(db, dialect, 'ItemTags', ['taggable', 'tagId'], ['id'])).toEqual([
      { taggable: 'image', tagId: red.id }, { taggable: 'image', tagId: blue.id }, { taggable: 'post', tagId: blue.id },
    ]);
    expect(((await Image.findByPk(image.id, { include: Tag })) as any).Tags.map((t: any) => t.name).sort()).toEqual(['blue', 'red']);
    expect(await fk.foreignKeys(db, 'ItemTags')).toEqual([]);
  });

  it('scope on the target: only targets with the scope values are associated', async () => {
    const User = db.define('User', {});
    const Project = db.define('Project', { status: DataTypes.STRING });
    User.belongsToMany(Project, { through: 'UserProjects', as: 'projects' });
    User.belongsToMany(Project, { through: 'UserProjects', as: 'activeProjects', scope: { status: 'active' } });
    await db.sync({ force: true });
    const user = (await User.create({})) as any;
    await user.addProjects((await Project.bulkCreate([{ status: 'active' }, { status: 'archived' }, { status: 'active' }])) as any[]);
    expect(await user.countProjects()).toBe(3);
    expect(await user.countActiveProjects()).toBe(2);
    expect((await user.getActiveProjects()).map((p: any) => p.status)).toEqual(['active', 'active']);
    const loaded = (await User.findByPk(user.id, { include: ['activeProjects'] })) as any;
    expect(loaded.activeProjects).toHaveLength(2);
    const created = await user.createActiveProject({});
    expect(created.status).toBe('active');
    expect(await tableRows(db, dialect, 'Projects', ['status'], ['id'])).toEqual([{ status: 'active' }, { status: 'archived' }, { status: 'active' }, { status: 'active' }]);
  });

  it('self-association: User follows User through Follows as followers/following', async () => {
    const User = db.define('User', { name: DataTypes.STRING });
    const followers = User.belongsToMany(User, { through: 'Follows', as: 'followers', foreignKey: 'followingId', otherKey: 'followerId' });
    const following = User.belongsToMany(User, { through: 'Follows', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });
    await db.sync({ force: true });
    expect(followers.isSelfAssociation && following.isSelfAssociation).toBe(true);
    expect(followers.through.model).toBe(following.through.model);
    expect(await cat.columns(db, 'Follows')).toEqual(['createdAt', 'updatedAt', 'followingId', 'followerId']);
    expect(await fk.foreignKeys(db, 'Follows')).toEqual([
      { column: 'followerId', refTable: 'Users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      { column: 'followingId', refTable: 'Users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    ]);
    expect(await fk.leadingIndexColumns(db, 'Follows')).toEqual(['followerId', 'followingId']);
    const [ann, bob, cid] = (await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }, { name: 'cid' }])) as any[];
    await ann.addFollowers([bob, cid]); // bob and cid follow ann
    await bob.addFollowing(cid); // bob follows cid
    expect(await tableRows(db, dialect, 'Follows', ['followerId', 'followingId'])).toEqual([
      { followerId: bob.id, followingId: ann.id }, { followerId: bob.id, followingId: cid.id }, { followerId: cid.id, followingId: ann.id },
    ]);
    expect((await ann.getFollowers({ order: [['name', 'ASC']] })).map((u: any) => u.name)).toEqual(['bob', 'cid']);
    expect((await bob.getFollowing({ order: [['name', 'ASC']] })).map((u: any) => u.name)).toEqual(['ann', 'cid']);
    expect([await cid.countFollowers(), await cid.countFollowing()]).toEqual([1, 1]);
    const loaded = (await User.findByPk(bob.id, { include: ['followers', 'following'] })) as any;
    expect([loaded.followers.length, loaded.following.length]).toEqual([0, 2]);
  });

  it('self-association without keys: the alias names the other key (friends → friendId)', async () => {
    const User = db.define('User', {});
    const association = User.belongsToMany(User, { through: 'Friendships', as: 'friends' });
    await db.sync({ force: true });
    expect([association.foreignKey, association.otherKey]).toEqual(['UserId', 'friendId']);
    expect(await fk.primaryKey(db, 'Friendships')).toEqual(['UserId', 'friendId']);
  });

  it('two associations between the same models under different aliases and junctions', async () => {
    const User = db.define('User', {});
    const Project = db.define('Project', { name: DataTypes.STRING });
    User.belongsToMany(Project, { through: 'Ownerships', as: 'ownedProjects' });
    User.belongsToMany(Project, { through: 'Watches', as: 'watchedProjects' });
    await db.sync({ force: true });
    const user = (await User.create({})) as any;
    const [a, b] = (await Project.bulkCreate([{ name: 'a' }, { name: 'b' }])) as any[];
    await user.addOwnedProject(a);
    await user.addWatchedProjects([a, b]);
    expect(await tableRows(db, dialect, 'Ownerships', ['UserId', 'ProjectId'])).toEqual([{ UserId: user.id, ProjectId: a.id }]);
    expect(await tableRows(db, dialect, 'Watches', ['UserId', 'ProjectId'])).toEqual([{ UserId: user.id, ProjectId: a.id }, { UserId: user.id, ProjectId: b.id }]);
    const loaded = (await User.findByPk(user.id, { include: ['ownedProjects', 'watchedProjects'] })) as any;
    expect([loaded.ownedProjects.map((p: any) => p.name), loaded.watchedProjects.map((p: any) => p.name).sort()]).toEqual([['a'], ['a', 'b']]);
  });

  for (const order of ['User side first', 'Group side first'] as const) {
    it(`both sides with custom keys (${order}): one junction, one PK, both directions`, async () => {
      const User = db.define('User', { name: DataTypes.STRING });
      const Group = db.define('Group', { name: DataTypes.STRING });
      const userSide = () => User.belongsToMany(Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' });
      const groupSide = () => Group.belongsToMany(User, { through: 'UserGroups', foreignKey: 'groupId', otherKey: 'userId', as: 'members' });
      if (order === 'User side first') {
        userSide();
        groupSide();
      } else {
        groupSide();
        userSide();
      }
      await db.sync({ force: true });
      expect((await fk.primaryKey(db, 'UserGroups')).sort()).toEqual(['groupId', 'userId']);
      expect((await fk.foreignKeys(db, 'UserGroups')).map((f) => `${f.column}->${f.refTable}`)).toEqual(['groupId->Groups', 'userId->Users']);
      const user = (await User.create({ name: 'u' })) as any;
      const group = (await Group.create({ name: 'g' })) as any;
      await user.addGroup(group);
      expect((await group.getMembers()).map((m: any) => m.name)).toEqual(['u']);
    });
  }

  it('underscored models: the junction keys are stored as user_id / group_id, with created_at (regression: the junction did not inherit underscored)', async () => {
    const User = db.define('User', {}, { underscored: true });
    const Group = db.define('Group', {}, { underscored: true });
    User.belongsToMany(Group, { through: 'user_groups' });
    Group.belongsToMany(User, { through: 'user_groups' });
    await db.sync({ force: true });
    const Junction = db.models['user_groups'];
    expect([Junction?.rawAttributes['UserId']?.field, Junction?.rawAttributes['GroupId']?.field]).toEqual(['user_id', 'group_id']);
    expect(await cat.columns(db, 'user_groups')).toEqual(['created_at', 'updated_at', 'user_id', 'group_id']);
    expect(await fk.foreignKeys(db, 'user_groups')).toEqual([
      { column: 'group_id', refTable: 'groups', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      { column: 'user_id', refTable: 'users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    ]);
    const user = (await User.create({})) as any;
    await user.addGroup((await Group.create({})) as any);
    expect(await tableRows(db, dialect, 'user_groups', ['user_id', 'group_id'])).toEqual([{ user_id: user.id, group_id: 1 }]);
    expect(((await User.findByPk(user.id, { include: Group })) as any).Groups).toHaveLength(1);
  });
});

describe('junction definitions match sequelize@6', () => {
  const cases: Record<string, (db: any, T: any) => void> = {
    'through a string': (db) => {
      db.define('User', {}).belongsToMany(db.define('Project', {}), { through: 'UserProjects' });
    },
    'custom keys and alias': (db) => {
      db.define('User', {}).belongsToMany(db.define('Group', {}), { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' });
    },
    'explicit actions on both keys': (db) => {
      db.define('User', {}).belongsToMany(db.define('Project', {}), { through: 'UserProjects', onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });
    },
    'constraints: false': (db) => {
      db.define('User', {}).belongsToMany(db.define('Project', {}), { through: 'UserProjects', constraints: false });
    },
    'underscored source': (db) => {
      const User = db.define('User', {}, { underscored: true });
      const Group = db.define('Group', {}, { underscored: true });
      User.belongsToMany(Group, { through: 'user_groups' });
      Group.belongsToMany(User, { through: 'user_groups' });
    },
    'self-association': (db) => {
      const User = db.define('User', {});
      User.belongsToMany(User, { through: 'Follows', as: 'followers', foreignKey: 'followingId', otherKey: 'followerId' });
      User.belongsToMany(User, { through: 'Follows', as: 'following', foreignKey: 'followerId', otherKey: 'followingId' });
    },
    'through model with extra attributes': (db, T) => {
      const UP = db.define('UserProject', { role: T.STRING });
      db.define('User', {}).belongsToMany(db.define('Project', {}), { through: UP });
    },
    'through model, unique: false, constraints: false': (db, T) => {
      const UP = db.define('UserProject', { role: T.STRING });
      db.define('User', {}).belongsToMany(db.define('Project', {}), { through: { model: UP, unique: false }, constraints: false });
    },
  };
  async function junctionShape(build: (db: any, T: any) => void, db: any, T: any): Promise<unknown> {
    build(db, T);
    await db.sync({ force: true });
    const out: Record<string, unknown> = {};
    for (const [name, model] of Object.entries<any>(db.models)) {
      const table = model.tableName ?? model.getTableName();
      out[name] = {
        table,
        columns: await db.query(`SELECT name, type, pk, "notnull" FROM pragma_table_info('${table}') ORDER BY cid`, { type: 'SELECT' }),
        fks: await db.query(`SELECT "from", "table", "to", on_delete, on_update FROM pragma_foreign_key_list('${table}') ORDER BY "from"`, { type: 'SELECT' }),
        associations: Object.fromEntries(Object.entries<any>(model.associations).map(([as, a]) => [as, [a.foreignKey, a.otherKey, a.accessors]])),
      };
    }
    await db.close();
    return out;
  }
  for (const [name, build] of Object.entries(cases)) {
    it(name, async () => {
      const ours = await junctionShape(build, new Relata('sqlite::memory:', { logging: false }), DataTypes);
      const theirs = await junctionShape(build, new Sequelize6('sqlite::memory:', { logging: false }), DataTypes6);
      expect(normalizeTypes(ours)).toEqual(normalizeTypes(theirs));
    });
  }
});

/** Column types compared by family: the two libraries spell DATETIME/VARCHAR slightly differently on SQLite. */
function normalizeTypes(shape: unknown): unknown {
  return JSON.parse(JSON.stringify(shape), (key, value) => (key === 'type' && typeof value === 'string' ? value.replace(/\(.*\)$/, '').replace(/ WITH TIME ZONE$/, '') : value));
}
