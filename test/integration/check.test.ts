/**
 * relata check against real databases: every association compared with the catalog (foreign key,
 * actions, index, junction key pair) and orphaned rows counted per association.
 */
import { beforeEach, expect, it } from 'vitest';
import { DataTypes, checkSchema, formatCheckReport, type CheckFinding, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { catalogDialect, type CatalogDialect } from '../support/column-catalog.js';
import { defineDemoModels } from '../support/demo-models.js';
import { describeEachDialect } from '../support/dialects.js';

const brief = (findings: readonly CheckFinding[]) => findings.filter((f) => f.status !== 'ok').map((f) => `${f.association} ${f.check} ${f.status}`);

/** Drift a junction table created by the seeds' migration shows: no unique pair, and no index on its keys where the database adds none. */
const SEED_JUNCTION_DRIFT: Record<CatalogDialect, string[]> = {
  sqlite: [
    'User.groups (belongsToMany) index drift', 'User.groups (belongsToMany) index drift', 'User.groups (belongsToMany) unique pair drift',
    'Group.members (belongsToMany) index drift', 'Group.members (belongsToMany) index drift', 'Group.members (belongsToMany) unique pair drift',
  ],
  postgres: [
    'User.groups (belongsToMany) index drift', 'User.groups (belongsToMany) index drift', 'User.groups (belongsToMany) unique pair drift',
    'Group.members (belongsToMany) index drift', 'Group.members (belongsToMany) index drift', 'Group.members (belongsToMany) unique pair drift',
  ],
  mariadb: ['User.groups (belongsToMany) unique pair drift', 'Group.members (belongsToMany) unique pair drift'],
};

describeEachDialect('relata check', ({ dialect, connect }) => {
  const family = catalogDialect(dialect);
  let db: Relata;

  // A connection per test: each test defines its own models.
  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
  });

  it('finds no drift on the schema sync() creates for the demo models, and says so', async () => {
    defineDemoModels(db);
    await db.sync();
    const report = await checkSchema(db);
    expect(report.associations).toBe(8);
    expect(report.drift).toBe(0);
    expect(brief(report.findings)).toEqual([]);
    expect(report.findings.filter((f) => f.association === 'Post.user (belongsTo)').map((f) => [f.check, f.status])).toEqual([
      ['foreign key', 'ok'], ['actions', 'ok'], ['index', 'ok'], ['orphans', 'ok'],
    ]);
    const text = formatCheckReport(report);
    expect(text.split('\n')[0]).toMatch(/^Association\s+Check\s+Status\s+Detail$/);
    expect(text).toContain(`8 associations checked on ${db.getDialect()}: no drift.`);
  });

  it('flags the seed migration\'s junction table: no unique key pair, and no index on its keys where the database adds none', async () => {
    const qi = db.getQueryInterface();
    for (const table of ['Users', 'Groups']) {
      await qi.createTable(table, { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, name: DataTypes.STRING, createdAt: DataTypes.DATE, updatedAt: DataTypes.DATE });
    }
    await qi.createTable('UserGroups', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: DataTypes.INTEGER },
      userId: { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'CASCADE' },
      groupId: { type: DataTypes.INTEGER, references: { model: 'Groups', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'CASCADE' },
      createdAt: { allowNull: false, type: DataTypes.DATE },
      updatedAt: { allowNull: false, type: DataTypes.DATE },
    });
    const User = db.define('User', { name: DataTypes.STRING });
    const Group = db.define('Group', { name: DataTypes.STRING });
    User.belongsToMany(Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' });
    Group.belongsToMany(User, { through: 'UserGroups', foreignKey: 'groupId', otherKey: 'userId', as: 'members' });
    const report = await checkSchema(db);
    expect(brief(report.findings)).toEqual(SEED_JUNCTION_DRIFT[family]);
    expect(report.findings.find((f) => f.check === 'unique pair')?.detail).toBe('UserGroups (userId, groupId): no PRIMARY KEY or UNIQUE on the pair, so the same link can be stored twice');
    expect(formatCheckReport(report)).toContain(`2 associations checked on ${db.getDialect()}: ${SEED_JUNCTION_DRIFT[family].length} problems.`);
  });

  it('reports a missing foreign key, mismatched actions and orphaned rows, counted per association', async () => {
    const qi = db.getQueryInterface();
    await qi.createTable('Users', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } });
    await qi.createTable('Posts', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, userId: DataTypes.INTEGER });
    await qi.createTable('Profiles', {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    });
    await qi.addIndex('Profiles', ['userId']);
    await qi.bulkInsert('Users', [{ id: 1 }]);
    await qi.bulkInsert('Posts', [{ userId: 1 }, { userId: 98 }, { userId: 99 }, { userId: null }]);
    const User = db.define('User', {}, { timestamps: false });
    const Post = db.define('Post', {}, { timestamps: false });
    const Profile = db.define('Profile', {}, { timestamps: false });
    User.hasMany(Post, { foreignKey: 'userId', as: 'posts' });
    Post.belongsTo(User, { foreignKey: 'userId', as: 'author' });
    User.hasOne(Profile, { foreignKey: 'userId', as: 'profile' });

    const report = await checkSchema(db);
    expect(brief(report.findings)).toEqual([
      'User.posts (hasMany) foreign key drift', 'User.posts (hasMany) index drift', 'User.posts (hasMany) orphans drift',
      'User.profile (hasOne) actions drift',
      'Post.author (belongsTo) foreign key drift', 'Post.author (belongsTo) index drift', 'Post.author (belongsTo) orphans drift',
    ]);
    const orphans = report.findings.filter((f) => f.check === 'orphans' && f.status === 'drift');
    expect(orphans.map((f) => [f.association, f.count, f.detail])).toEqual([
      ['User.posts (hasMany)', 2, 'Posts.userId: 2 rows of Posts reference a missing Users row'],
      ['Post.author (belongsTo)', 2, 'Posts.userId: 2 rows of Posts reference a missing Users row'],
    ]);
    expect(report.findings.find((f) => f.check === 'foreign key' && f.status === 'drift')?.detail).toBe('no FOREIGN KEY on Posts.userId (the models expect → Users.id)');
    expect(report.findings.find((f) => f.check === 'actions')?.detail).toBe('Profiles.userId: ON DELETE CASCADE ON UPDATE CASCADE, the models expect ON DELETE SET NULL ON UPDATE CASCADE');
    expect(report.drift).toBe(7);
  });

  it('skips the foreign key and orphan checks of associations declared with constraints: false', async () => {
    const qi = db.getQueryInterface();
    await qi.createTable('Users', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } });
    await qi.createTable('Comments', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, commentableId: DataTypes.INTEGER });
    await qi.addIndex('Comments', ['commentableId']);
    await qi.bulkInsert('Comments', [{ commentableId: 42 }]);
    const User = db.define('User', {}, { timestamps: false });
    const Comment = db.define('Comment', {}, { timestamps: false });
    User.hasMany(Comment, { foreignKey: 'commentableId', constraints: false, as: 'comments' });
    const report = await checkSchema(db);
    expect(report.findings.map((f) => [f.check, f.status])).toEqual([['foreign key', 'skipped'], ['index', 'ok'], ['orphans', 'skipped']]);
    expect(report.drift).toBe(0);
  });
});
