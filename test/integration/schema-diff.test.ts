/**
 * migration:generate --from-models on every database: the generated migration builds exactly
 * what sync() builds, running the diff again right after finds nothing, an unchanged foreign key
 * is never dropped and re-added, and down takes the database back.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { DataTypes, Migrator, UniqueConstraintError, diffSchema, generateMigration, type Relata, type SchemaOperation } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { catalogDialect, type CatalogDialect } from '../support/column-catalog.js';
import { constraints, countRows } from '../support/constraints.js';
import { DEMO_TABLES, defineDemoModels } from '../support/demo-models.js';
import { describeEachDialect } from '../support/dialects.js';
import { schemaSnapshot, type TableSnapshot } from '../support/schema-snapshot.js';

/** The indexes a fresh diff adds after creating the tables: declared ones, and foreign key indexes where the database adds none. */
const NEW_INDEXES: Record<CatalogDialect, string[]> = {
  sqlite: ['Profiles.profiles_userid', 'Posts.posts_userid', 'Catalogs.catalogs_label', 'Catalogs.catalog_kind_day', 'UserGroups.usergroups_groupid', 'StudentCourses.studentcourses_courseid'],
  postgres: ['Profiles.profiles_userid', 'Posts.posts_userid', 'Catalogs.catalogs_label', 'Catalogs.catalog_kind_day', 'UserGroups.usergroups_groupid', 'StudentCourses.studentcourses_courseid'],
  mariadb: ['Catalogs.catalogs_label', 'Catalogs.catalog_kind_day'],
};

const SEED_USERS_AND_GROUPS = `module.exports = {
  async up(queryInterface, Sequelize) {
    for (const table of ['Users', 'Groups']) {
      await queryInterface.createTable(table, {
        id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
        name: { type: Sequelize.STRING },
        createdAt: { allowNull: false, type: Sequelize.DATE },
        updatedAt: { allowNull: false, type: Sequelize.DATE },
      });
    }
    await queryInterface.createTable('UserGroups', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      userId: { type: Sequelize.INTEGER, references: { model: 'Users', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'CASCADE' },
      groupId: { type: Sequelize.INTEGER, references: { model: 'Groups', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'CASCADE' },
      createdAt: { allowNull: false, type: Sequelize.DATE },
      updatedAt: { allowNull: false, type: Sequelize.DATE },
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('UserGroups');
    await queryInterface.dropTable('Groups');
    await queryInterface.dropTable('Users');
  },
};
`;

const describeOp = (op: SchemaOperation): string => {
  switch (op.kind) {
    case 'createTable':
      return `createTable ${op.table.name}`;
    case 'addColumn':
    case 'changeColumn':
      return `${op.kind} ${op.table}.${op.column.attribute.field}`;
    case 'removeColumn':
      return `removeColumn ${op.table}.${op.column.name}`;
    case 'addPrimaryKey':
      return `addPrimaryKey ${op.table} (${op.columns.join(', ')})`;
    case 'addForeignKey':
      return `addForeignKey ${op.table}.${op.key.column}`;
    case 'removeForeignKey':
      return `removeForeignKey ${op.table}.${op.key.columns.join(',')}`;
    case 'addUnique':
      return `addUnique ${op.table}.${op.unique.name}`;
    case 'addIndex':
      return `addIndex ${op.table}.${op.index.name}`;
    case 'removeUnique':
    case 'removeIndex':
      return `${op.kind} ${op.table}.${op.index.name}`;
  }
};

/** The snapshot with each table's columns sorted by name (a column re-added by down comes last). */
function unordered(snapshot: Record<string, TableSnapshot>): Record<string, TableSnapshot> {
  return Object.fromEntries(Object.entries(snapshot).map(([t, s]) => [t, { ...s, columns: [...s.columns].sort((a, b) => a.name.localeCompare(b.name)) }]));
}

describeEachDialect('schema diff (migration:generate --from-models)', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  const q = (name: string) => (family === 'mariadb' ? `\`${name}\`` : `"${name}"`);
  let db: Relata;
  let dir: string;
  const migrationFiles = () => readdirSync(dir).filter((f) => f.endsWith('.js')).sort();

  beforeAll(async () => {
    db = await connect();
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relata-diff-'));
    await dropAllTables(db, dialect);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The demo models on a connection that only holds them (never queried). */
  async function models(variant: Parameters<typeof defineDemoModels>[1] = {}): Promise<Relata> {
    const holder = await connect();
    defineDemoModels(holder, variant);
    return holder;
  }
  const definitionsOf = (holder: Relata) => Object.values(holder.models).map((m) => m.definition);

  it('on an empty database writes a migration that builds exactly what sync() builds, and a second run finds no changes', async () => {
    const holder = await models();
    const { diff, path } = await generateMigration(db, { directory: dir, definitions: definitionsOf(holder), now: new Date('2024-05-01T10:00:00Z') });
    expect(path).toBe(join(dir, '20240501100000-from-models.js'));
    expect(diff.operations.filter((o) => o.kind === 'createTable').map(describeOp)).toEqual([
      'createTable Users', 'createTable Profiles', 'createTable Posts', 'createTable Groups', 'createTable Students', 'createTable Courses', 'createTable Catalogs', 'createTable UserGroups', 'createTable StudentCourses',
    ]);
    expect(diff.operations.filter((o) => o.kind === 'addIndex').map((o) => describeOp(o).replace('addIndex ', ''))).toEqual(NEW_INDEXES[family]);
    expect(diff.operations.every((o) => o.kind === 'createTable' || o.kind === 'addIndex')).toBe(true);
    const source = readFileSync(path as string, 'utf8');
    expect(source).toContain("await queryInterface.createTable('UserGroups', {");
    expect(source).toContain("references: { model: 'Users', key: 'id' },");
    expect(source).toContain("type: Sequelize.ENUM('book', 'film'),");
    expect(source).toContain("type: Sequelize.DECIMAL(10, 2),");
    expect(source).toContain("unique: 'catalog_shelf_slot',");

    expect(await new Migrator(db, { path: dir }).up()).toEqual(['20240501100000-from-models.js']);
    const migrated = await schemaSnapshot(db, dialect, url);
    expect(Object.keys(migrated)).toEqual(DEMO_TABLES);

    const again = await generateMigration(db, { directory: dir, definitions: definitionsOf(holder) });
    expect(again.path).toBeUndefined();
    expect(again.diff.operations).toEqual([]);
    expect(migrationFiles()).toEqual(['20240501100000-from-models.js']);

    await dropAllTables(db, dialect);
    defineDemoModels(db);
    await db.sync();
    expect(await schemaSnapshot(db, dialect, url)).toEqual(migrated);
  });

  it('its down migration drops what up created', async () => {
    const holder = await models();
    await generateMigration(db, { directory: dir, definitions: definitionsOf(holder) });
    const migrator = new Migrator(db, { path: dir });
    await migrator.up();
    await migrator.down();
    expect(await db.getQueryInterface().showAllTables()).toEqual(['SequelizeMeta']);
  });

  it('changes only the foreign key whose action changed, and never drops and re-adds the unchanged ones', async () => {
    defineDemoModels(db);
    await db.sync();
    await db.getQueryInterface().bulkInsert('Users', [{ name: 'Ada', createdAt: new Date(), updatedAt: new Date() }]);
    await db.getQueryInterface().bulkInsert('Posts', [{ title: 'x', status: 'draft', userId: 1, createdAt: new Date(), updatedAt: new Date() }]);
    const holder = await models({ postOnDelete: 'CASCADE' });
    const diff = await diffSchema(db, definitionsOf(holder));
    expect(diff.operations.map(describeOp)).toEqual(['removeForeignKey Posts.userId', 'addForeignKey Posts.userId']);
    await generateMigration(db, { directory: dir, definitions: definitionsOf(holder) });
    await new Migrator(db, { path: dir }).up();
    expect((await constraints(dialect).foreignKeys(db, 'Posts')).map((k) => [k.column, k.onDelete, k.onUpdate])).toEqual([['userId', 'CASCADE', 'CASCADE']]);
    expect((await diffSchema(db, definitionsOf(holder))).operations).toEqual([]);
    expect(await countRows(db, dialect, 'Posts')).toBe(1);
    await db.getQueryInterface().bulkDelete('Users', {});
    expect(await countRows(db, dialect, 'Posts')).toBe(0);
  });

  it('adds, changes and removes columns, and down restores the previous schema', async () => {
    defineDemoModels(db);
    await db.sync();
    const before = await schemaSnapshot(db, dialect, url);
    await db.getQueryInterface().bulkInsert('Users', [{ name: 'Ada', createdAt: new Date(), updatedAt: new Date() }]);
    await db.getQueryInterface().bulkInsert('Posts', [{ title: 'kept', content: 'body', status: 'draft', userId: 1, createdAt: new Date(), updatedAt: new Date() }]);
    const v2 = await models({ postTitle: { type: DataTypes.STRING(500), allowNull: false }, postAttributes: { views: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 } } });
    v2.model('Post').definition.removeAttribute('content');
    const diff = await diffSchema(db, definitionsOf(v2));
    expect(diff.operations.map(describeOp)).toEqual(['addColumn Posts.views', 'changeColumn Posts.title', 'removeColumn Posts.content']);
    await generateMigration(db, { directory: dir, definitions: definitionsOf(v2) });
    const migrator = new Migrator(db, { path: dir });
    await migrator.up();
    expect((await diffSchema(db, definitionsOf(v2))).operations).toEqual([]);
    const [post] = (await db.getQueryInterface().sequelize.query('SELECT * FROM ' + (family === 'mariadb' ? '`Posts`' : '"Posts"'), { type: 'SELECT' })) as Record<string, unknown>[];
    expect([post?.['title'], post?.['views'], 'content' in (post ?? {})]).toEqual(['kept', 0, false]);
    await migrator.down();
    expect(unordered(await schemaSnapshot(db, dialect, url))).toEqual(unordered(before));
  });

  it('from the seeds\' migrations: keys the junction table by its pair instead of its own id, keeps the links, is then stable, and down restores the id', async () => {
    writeFileSync(join(dir, '20240101000000-seed-tables.js'), SEED_USERS_AND_GROUPS);
    await new Migrator(db, { path: dir }).up();
    const qi = db.getQueryInterface();
    const now = new Date();
    await qi.bulkInsert('Users', [{ name: 'Ada', createdAt: now, updatedAt: now }, { name: 'Alan', createdAt: now, updatedAt: now }]);
    await qi.bulkInsert('Groups', [{ name: 'Mathematicians', createdAt: now, updatedAt: now }]);
    await qi.bulkInsert('UserGroups', [{ userId: 1, groupId: 1, createdAt: now, updatedAt: now }, { userId: 2, groupId: 1, createdAt: now, updatedAt: now }]);
    const before = await schemaSnapshot(db, dialect, url);
    const holder = await connect();
    const User = holder.define('User', { name: DataTypes.STRING });
    const Group = holder.define('Group', { name: DataTypes.STRING });
    User.belongsToMany(Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' });
    Group.belongsToMany(User, { through: 'UserGroups', foreignKey: 'groupId', otherKey: 'userId', as: 'members' });
    const diff = await diffSchema(db, definitionsOf(holder));
    expect(diff.warnings).toEqual([]);
    const indexOps = family === 'mariadb' ? [] : ['addIndex UserGroups.usergroups_groupid'];
    expect(diff.operations.map(describeOp)).toEqual([
      'changeColumn UserGroups.userId', 'changeColumn UserGroups.groupId', 'removeColumn UserGroups.id', 'addPrimaryKey UserGroups (userId, groupId)', ...indexOps,
    ]);
    const { path } = await generateMigration(db, { directory: dir, definitions: definitionsOf(holder), name: 'models' });
    const source = readFileSync(path as string, 'utf8');
    expect(source).toContain("await queryInterface.addConstraint('UserGroups', { type: 'primary key', name: 'UserGroups_pkey', fields: ['userId', 'groupId'] });");
    expect(source).toContain(`${family === 'mariadb' ? "await queryInterface.addIndex('UserGroups', ['userId']);\n    " : ''}await queryInterface.removeConstraint('UserGroups', 'UserGroups_pkey');`);
    expect(source).toMatch(/await queryInterface\.addColumn\('UserGroups', 'id', \{\n\s+type: Sequelize\.INTEGER,\n\s+primaryKey: true,\n\s+autoIncrement: true,\n\s+allowNull: false,\n\s+\}\);/);
    const migrator = new Migrator(db, { path: dir });
    await migrator.up();
    const after = await diffSchema(db, definitionsOf(holder));
    expect([after.operations, after.warnings]).toEqual([[], []]);
    expect((await qi.showIndex('UserGroups')).filter((i) => i.primary).map((i) => i.columns)).toEqual([['userId', 'groupId']]);
    expect(Object.keys(await qi.describeTable('UserGroups')).sort()).toEqual(['createdAt', 'groupId', 'updatedAt', 'userId']);
    const pairs = async () => (await qi.sequelize.query(`SELECT ${q('userId')}, ${q('groupId')} FROM ${q('UserGroups')} ORDER BY 1, 2`, { type: 'SELECT' })) as Record<string, unknown>[];
    expect(await pairs()).toEqual([{ userId: 1, groupId: 1 }, { userId: 2, groupId: 1 }]);
    // The pair is the key now: the same link cannot be stored twice.
    await expect(qi.bulkInsert('UserGroups', [{ userId: 1, groupId: 1, createdAt: now, updatedAt: now }])).rejects.toThrow(UniqueConstraintError);

    await migrator.down();
    expect((await qi.showIndex('UserGroups')).filter((i) => i.primary).map((i) => i.columns)).toEqual([['id']]);
    expect(await pairs()).toEqual([{ userId: 1, groupId: 1 }, { userId: 2, groupId: 1 }]);
    const restored = await schemaSnapshot(db, dialect, url);
    expect(restored['UserGroups']?.columns.map((c) => c.name).sort()).toEqual(before['UserGroups']?.columns.map((c) => c.name).sort());
    expect(restored['UserGroups']?.columns.find((c) => c.name === 'id')).toEqual(before['UserGroups']?.columns.find((c) => c.name === 'id'));
    await migrator.up();
    expect((await diffSchema(db, definitionsOf(holder))).operations).toEqual([]);
  });

  it('reports a primary key change whose columns stay, with the calls to write, and leaves it alone', async () => {
    const qi = db.getQueryInterface();
    await qi.createTable('Tags', { id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false }, name: { type: DataTypes.STRING, allowNull: false } });
    const holder = await connect();
    holder.define('Tag', { id: { type: DataTypes.INTEGER, primaryKey: true }, name: { type: DataTypes.STRING, primaryKey: true } }, { timestamps: false });
    const diff = await diffSchema(db, definitionsOf(holder));
    const drop = { sqlite: 'rebuild the table without the key (createTable a copy, copy the rows, drop, renameTable)', postgres: "removeConstraint('Tags', 'Tags_pkey')", mariadb: "removeConstraint('Tags', 'PRIMARY')" }[family];
    expect(diff.warnings).toEqual([
      `Tags: the primary key is (id) in the database but (id, name) in the models; not generated, since (id) stays: ${drop}, then addConstraint('Tags', { type: 'primary key', fields: ['id', 'name'] }) in a migration of your own`,
    ]);
    expect(diff.operations).toEqual([]);
  });
  it('adds and removes enum values: the CHECK (SQLite, PostgreSQL) or the ENUM type (MariaDB) follows, down restores them, and a value still in use stops the removal', async () => {
    const qi = db.getQueryInterface();
    await qi.createTable('Items', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, kind: { type: DataTypes.ENUM('book', 'film'), allowNull: false, defaultValue: 'book' } });
    await qi.bulkInsert('Items', [{ kind: 'book' }, { kind: 'film' }]);
    const holder = async (...values: string[]) => {
      const h = await connect();
      h.define('Item', { kind: { type: DataTypes.ENUM(...values), allowNull: false, defaultValue: 'book' } }, { timestamps: false });
      return definitionsOf(h);
    };
    const [v1, v2, v3] = [await holder('book', 'film'), await holder('book', 'film', 'song'), await holder('book')];
    const kinds = async () => ((await qi.sequelize.query(`SELECT ${q('kind')} FROM ${q('Items')} ORDER BY ${q('id')}`, { type: 'SELECT' })) as Record<string, unknown>[]).map((r) => r['kind']);
    const insertKind = (kind: string) => qi.bulkInsert('Items', [{ kind }]).then(() => 'stored', () => 'refused');
    expect((await diffSchema(db, v1)).operations).toEqual([]);

    const added = await diffSchema(db, v2);
    expect(added.operations.map((o) => (o.kind === 'changeColumn' ? `${describeOp(o)}: ${o.changes.join('; ')}` : describeOp(o)))).toEqual([
      family === 'mariadb' ? "changeColumn Items.kind: type ENUM('book','film') → ENUM('book', 'film', 'song')" : 'changeColumn Items.kind: values book, film → book, film, song',
    ]);
    const { path } = await generateMigration(db, { directory: dir, definitions: v2, name: 'add-song' });
    const source = readFileSync(path as string, 'utf8');
    expect(source).toContain("type: Sequelize.ENUM('book', 'film', 'song'),");
    if (family !== 'mariadb') expect(source).toContain("await queryInterface.changeColumn('Items', 'kind', {\n      type: Sequelize.ENUM('book', 'film'),");
    const migrator = new Migrator(db, { path: dir });
    await migrator.up();
    expect((await diffSchema(db, v2)).operations).toEqual([]);
    expect([await insertKind('song'), await insertKind('poem')]).toEqual(['stored', 'refused']);
    expect(await kinds()).toEqual(['book', 'film', 'song']);

    await qi.bulkDelete('Items', { kind: 'song' });
    await migrator.down();
    expect((await diffSchema(db, v1)).operations).toEqual([]);
    expect(await insertKind('song')).toBe('refused');
    rmSync(path as string);

    // 'film' is still stored: the migration that removes it fails, and (where DDL is transactional) changes nothing.
    const removal = await generateMigration(db, { directory: dir, definitions: v3, name: 'drop-film' });
    expect(removal.diff.operations.map((o) => (o.kind === 'changeColumn' ? o.changes.join('; ') : o.kind))).toEqual([
      family === 'mariadb' ? "type ENUM('book','film') → ENUM('book')" : 'values book, film → book',
    ]);
    await expect(new Migrator(db, { path: dir }).up()).rejects.toThrow(/Migration \d{14}-drop-film\.js failed \(up\)/);
    expect((await diffSchema(db, v1)).operations).toEqual([]);
    expect(await kinds()).toEqual(['book', 'film']);
    await qi.bulkDelete('Items', { kind: 'film' });
    await new Migrator(db, { path: dir }).up();
    expect((await diffSchema(db, v3)).operations).toEqual([]);
    expect(await insertKind('film')).toBe('refused');
  });
});
