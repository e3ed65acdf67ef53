/**
 * Model definition and sync on every dialect: table and column names, timestamps, paranoid,
 * field mapping, indexes and unique constraints, default values, sync/force, dependency order, drop.
 * Every check reads what the database really holds (catalog or rows).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { beforeEach, expect, it } from 'vitest';
import { DataTypes, Model, QueryTypes, UniqueConstraintError, type Relata } from '../../src/index.js';
import { catalog, dropAllTables, quote } from '../support/catalog.js';
import { captureSql, describeEachDialect, type TestDialect } from '../support/dialects.js';

/**
 * A same-named table outside the block's namespace: another schema (PostgreSQL) or database
 * (MariaDB). SQLite has one namespace per connection.
 */
const elsewhere: Record<TestDialect, { create: (ns: string) => string[]; drop: (ns: string) => string } | undefined> = {
  sqlite: undefined,
  'sqlite-file': undefined,
  postgres: {
    create: (ns) => [`CREATE SCHEMA "${ns}"`, `CREATE TABLE "${ns}"."Widgets" ("id" INTEGER PRIMARY KEY)`],
    drop: (ns) => `DROP SCHEMA "${ns}" CASCADE`,
  },
  mariadb: {
    create: (ns) => [`CREATE DATABASE \`${ns}\``, `CREATE TABLE \`${ns}\`.\`Widgets\` (\`id\` INTEGER PRIMARY KEY)`],
    drop: (ns) => `DROP DATABASE \`${ns}\``,
  },
};

/** Sequelize 6's own index naming (untyped in its .d.ts), for the differential check. */
const sequelizeUtils = createRequire(import.meta.url)('sequelize/lib/utils') as { nameIndex(index: object, table: string): { name: string } };

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Stored DATE resolution in ms: MariaDB's DATETIME (Sequelize's DATE there) keeps whole seconds. */
const dateResolution: Record<TestDialect, number> = { sqlite: 1, 'sqlite-file': 1, postgres: 1, mariadb: 1000 };

/** The index that backs a named composite unique constraint: SQLite keeps no constraint names. */
const compositeUniqueIndex: Record<TestDialect, string> = {
  sqlite: 'sqlite_autoindex_Skus_1',
  'sqlite-file': 'sqlite_autoindex_Skus_1',
  postgres: 'org_code',
  mariadb: 'org_code',
};

/** Which columns a composite unique violation reports, and with which values, per dialect. */
const compositeUniqueFields: Record<TestDialect, Record<string, unknown>> = {
  sqlite: { org: 'acme', code: 'A1' },
  'sqlite-file': { org: 'acme', code: 'A1' },
  postgres: { org: 'acme', code: 'A1' },
  mariadb: { org: 'acme', code: 'A1' },
};

describeEachDialect('define and sync', ({ dialect, connect }) => {
  const cat = catalog(dialect);
  let db: Relata;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
  });

  async function rows(table: string, orderBy = 'id'): Promise<Record<string, unknown>[]> {
    const q = quote[dialect];
    return (await db.query(`SELECT * FROM ${q(table)} ORDER BY ${q(orderBy)}`, { type: QueryTypes.SELECT })) as Record<string, unknown>[];
  }

  it('define() and init() build equivalent models with the same table and columns', async () => {
    const Defined = db.define('Author', { name: DataTypes.STRING });
    class Writer extends Model {}
    Writer.init({ name: DataTypes.STRING }, { sequelize: db });
    await db.sync({ force: true });

    expect(Defined.tableName).toBe('Authors');
    expect(Writer.tableName).toBe('Writers');
    expect(db.models['Author']).toBe(Defined);
    expect(db.models['Writer']).toBe(Writer);
    expect(await cat.columns(db, 'Authors')).toEqual(['id', 'name', 'createdAt', 'updatedAt']);
    expect(await cat.columns(db, 'Writers')).toEqual(['id', 'name', 'createdAt', 'updatedAt']);

    const a = await Defined.create({ name: 'ada' });
    const w = await Writer.create({ name: 'bob' });
    expect([a.get('id'), a.get('name')]).toEqual([1, 'ada']);
    expect([w.get('id'), w.get('name')]).toEqual([1, 'bob']);
    expect(w).toBeInstanceOf(Writer);
    expect(await rows('Writers')).toMatchObject([{ id: 1, name: 'bob' }]);
  });

  it('pluralizes table names exactly as Sequelize (User, Category, Person)', async () => {
    const names = ['User', 'Category', 'Person', 'Status'].map((n) => db.define(n, { label: DataTypes.STRING }).tableName);
    expect(names).toEqual(['Users', 'Categories', 'People', 'Statuses']);
    await db.sync();
    expect(await cat.tables(db)).toEqual(['Categories', 'People', 'Statuses', 'Users']);
  });

  it('freezeTableName and tableName override the plural', async () => {
    const Frozen = db.define('Person', { name: DataTypes.STRING }, { freezeTableName: true });
    const Custom = db.define('Category', { name: DataTypes.STRING }, { tableName: 'cats' });
    await db.sync();
    expect([Frozen.tableName, Custom.tableName]).toEqual(['Person', 'cats']);
    expect(await cat.tables(db)).toEqual(['Person', 'cats']);
    await Custom.create({ name: 'tabby' });
    expect(await rows('cats')).toMatchObject([{ id: 1, name: 'tabby' }]);
  });

  it('underscored snake-cases the table, the columns and the timestamps but keeps attribute names', async () => {
    const UserProfile = db.define('UserProfile', { firstName: DataTypes.STRING, homeTown: DataTypes.STRING }, { underscored: true });
    await db.sync();
    expect(UserProfile.tableName).toBe('user_profiles');
    expect(await cat.columns(db, 'user_profiles')).toEqual(['id', 'first_name', 'home_town', 'created_at', 'updated_at']);
    const p = await UserProfile.create({ firstName: 'Ada', homeTown: 'London' });
    expect(p.get({ plain: true })).toMatchObject({ id: 1, firstName: 'Ada', homeTown: 'London' });
    expect(p.get('createdAt')).toBeInstanceOf(Date);
    const found = await UserProfile.findOne({ where: { firstName: 'Ada' } });
    expect(found?.get('homeTown')).toBe('London');
    expect(await rows('user_profiles')).toMatchObject([{ id: 1, first_name: 'Ada', home_town: 'London' }]);
  });

  it('timestamps: on by default, off with timestamps:false, renamed or disabled one by one', async () => {
    const On = db.define('On', { n: DataTypes.INTEGER });
    const Off = db.define('Off', { n: DataTypes.INTEGER }, { timestamps: false });
    const Renamed = db.define('Renamed', { n: DataTypes.INTEGER }, { createdAt: 'made', updatedAt: false });
    await db.sync();
    expect(await cat.columns(db, 'Ons')).toEqual(['id', 'n', 'createdAt', 'updatedAt']);
    expect(await cat.columns(db, 'Offs')).toEqual(['id', 'n']);
    expect(await cat.columns(db, 'Renameds')).toEqual(['id', 'n', 'made']);

    const before = Date.now() - 2000;
    const on = await On.create({ n: 1 });
    const created = on.get('createdAt') as Date;
    expect(created.getTime()).toBeGreaterThanOrEqual(before);
    expect(created.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
    expect((on.get('updatedAt') as Date).getTime()).toBe(created.getTime());
    const off = await Off.create({ n: 2 });
    expect(Object.keys(off.get({ plain: true })).sort()).toEqual(['id', 'n']);
    const renamed = await Renamed.create({ n: 3 });
    expect(renamed.get('made')).toBeInstanceOf(Date);
    expect(renamed.get('updatedAt')).toBeUndefined();
    const [row] = await rows('Renameds');
    expect(row?.['made']).not.toBeNull();
  });

  it('paranoid adds a nullable deletedAt column that destroy fills', async () => {
    const Doc = db.define('Doc', { title: DataTypes.STRING }, { paranoid: true });
    await db.sync();
    expect(await cat.columns(db, 'Docs')).toEqual(['id', 'title', 'createdAt', 'updatedAt', 'deletedAt']);
    const doc = await Doc.create({ title: 'a' });
    expect((await Doc.findByPk(1))?.get('deletedAt')).toBeNull();
    await doc.destroy();
    const [row] = await rows('Docs');
    expect(row?.['deletedAt']).not.toBeNull();
    expect(await Doc.count()).toBe(0);
  });

  it('adds an auto-increment integer id primary key by default', async () => {
    const Tag = db.define('Tag', { name: DataTypes.STRING }, { timestamps: false });
    await db.sync();
    expect(Tag.primaryKeyAttribute).toBe('id');
    expect(Tag.rawAttributes['id']).toMatchObject({ primaryKey: true, autoIncrement: true, allowNull: false });
    const tags = [await Tag.create({ name: 'a' }), await Tag.create({ name: 'b' }), await Tag.create({ name: 'c' })];
    expect(tags.map((t) => t.get('id'))).toEqual([1, 2, 3]);
    expect(await rows('Tags')).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }]);
  });

  it('a declared primary key replaces the default id', async () => {
    const Country = db.define('Country', { code: { type: DataTypes.STRING(2), primaryKey: true }, name: DataTypes.STRING }, { timestamps: false });
    await db.sync();
    expect(await cat.columns(db, 'Countries')).toEqual(['code', 'name']);
    await Country.create({ code: 'fr', name: 'France' });
    expect((await Country.findByPk('fr'))?.get('name')).toBe('France');
  });

  it('field maps an attribute to a differently named column in writes and reads', async () => {
    const Member = db.define('Member', { firstName: { type: DataTypes.STRING, field: 'given_name' } }, { timestamps: false });
    await db.sync();
    expect(await cat.columns(db, 'Members')).toEqual(['id', 'given_name']);
    await Member.create({ firstName: 'Grace' });
    await Member.update({ firstName: 'Grace H.' }, { where: { firstName: 'Grace' } });
    expect(await rows('Members')).toEqual([{ id: 1, given_name: 'Grace H.' }]);
    const found = await Member.findAll({ where: { firstName: 'Grace H.' }, order: [['firstName', 'ASC']] });
    expect(found.map((m) => m.get({ plain: true }))).toEqual([{ id: 1, firstName: 'Grace H.' }]);
  });

  it('regression: unique: true makes a constraint whose violation names the column (MariaDB reported the key name)', async () => {
    const Account = db.define('Account', { email: { type: DataTypes.STRING, unique: true } }, { timestamps: false });
    await db.sync();
    await Account.create({ email: 'a@b.c' });
    const error = await Account.create({ email: 'a@b.c' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect((error as UniqueConstraintError).name).toBe('SequelizeUniqueConstraintError');
    expect((error as UniqueConstraintError).fields).toEqual({ email: 'a@b.c' });
    expect(await Account.count()).toBe(1);
  });

  it('regression: a composite unique violation names each column with its value (MariaDB reported the key name)', async () => {
    const Sku = db.define(
      'Sku',
      { org: { type: DataTypes.STRING, unique: 'org_code' }, code: { type: DataTypes.STRING, unique: 'org_code' } },
      { timestamps: false },
    );
    await db.sync();
    expect(await cat.indexes(db, 'Skus')).toContain(compositeUniqueIndex[dialect]);
    await Sku.bulkCreate([{ org: 'acme', code: 'A1' }, { org: 'acme', code: 'A2' }, { org: 'other', code: 'A1' }]);
    const error = await Sku.create({ org: 'acme', code: 'A1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect((error as UniqueConstraintError).fields).toEqual(compositeUniqueFields[dialect]);
    expect(await Sku.count()).toBe(3);
  });

  it('indexes option creates named plain and unique indexes', async () => {
    const Item = db.define('Item', { name: DataTypes.STRING, sku: DataTypes.STRING, shelf: DataTypes.INTEGER }, {
      timestamps: false,
      indexes: [{ fields: ['name'] }, { name: 'items_sku_shelf', unique: true, fields: ['sku', 'shelf'] }],
    });
    await db.sync();
    expect(await cat.indexes(db, 'Items')).toEqual(expect.arrayContaining(['items_name', 'items_sku_shelf']));
    await Item.create({ name: 'x', sku: 'S', shelf: 1 });
    await Item.create({ name: 'x', sku: 'S', shelf: 2 });
    const error = await Item.create({ name: 'y', sku: 'S', shelf: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect(await Item.count()).toBe(2);
  });

  it('regression: default index names are Sequelize\'s (table + fields as written, underscored, no _unique suffix)', async () => {
    const indexes = [{ fields: ['shelfNo'] }, { unique: true, fields: ['sku', 'shelfNo'] }];
    const Bin = db.define('StockBin', { sku: DataTypes.STRING, shelfNo: DataTypes.INTEGER }, { timestamps: false, indexes });
    await db.sync();
    const expected = indexes.map((index) => sequelizeUtils.nameIndex({ ...index }, 'StockBins').name);
    expect(expected).toEqual(['stock_bins_shelf_no', 'stock_bins_sku_shelf_no']);
    expect(await cat.indexes(db, 'StockBins')).toEqual(expect.arrayContaining(expected));
    await Bin.create({ sku: 'a', shelfNo: 1 });
    await expect(Bin.create({ sku: 'a', shelfNo: 1 })).rejects.toBeInstanceOf(UniqueConstraintError);
  });

  it('defaultValue: plain values (also as a DDL default), functions, NOW and UUIDV4', async () => {
    let calls = 0;
    const Ticket = db.define('Ticket', {
      ref: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
      status: { type: DataTypes.STRING, defaultValue: 'open' },
      priority: { type: DataTypes.INTEGER, defaultValue: 3 },
      seq: { type: DataTypes.INTEGER, defaultValue: () => ++calls * 10 },
      openedAt: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
    }, { timestamps: false });
    await db.sync();
    const before = Date.now() - 2000;
    const a = await Ticket.create({});
    const b = await Ticket.create({ status: 'closed' });
    expect(a.get({ plain: true })).toMatchObject({ id: 1, status: 'open', priority: 3, seq: 10 });
    expect(b.get({ plain: true })).toMatchObject({ id: 2, status: 'closed', priority: 3, seq: 20 });
    expect(a.get('ref')).toMatch(UUID_V4);
    expect(b.get('ref')).toMatch(UUID_V4);
    expect(a.get('ref')).not.toBe(b.get('ref'));
    const opened = (a.get('openedAt') as Date).getTime();
    expect(opened).toBeGreaterThanOrEqual(before);
    expect(opened).toBeLessThanOrEqual(Date.now() + 2000);

    const reread = await Ticket.findByPk(1);
    expect(reread?.get('ref')).toBe(a.get('ref'));
    const resolution = dateResolution[dialect];
    expect((reread?.get('openedAt') as Date).getTime()).toBe(Math.floor(opened / resolution) * resolution);

    // A raw INSERT that omits the columns gets the DDL defaults for plain values.
    const q = quote[dialect];
    await db.query(`INSERT INTO ${q('Tickets')} (${q('seq')}) VALUES (?)`, { replacements: [99] });
    expect((await Ticket.findOne({ where: { seq: 99 } }))?.get({ plain: true })).toMatchObject({ status: 'open', priority: 3, ref: null });
  });

  it('sync({ force: true }) drops and recreates the tables; plain sync keeps existing rows', async () => {
    const Note = db.define('Note', { body: DataTypes.STRING }, { timestamps: false });
    await db.sync();
    await Note.bulkCreate([{ body: 'a' }, { body: 'b' }]);
    await db.sync();
    expect(await Note.count()).toBe(2);
    await db.sync({ force: true });
    expect(await Note.count()).toBe(0);
    const fresh = await Note.create({ body: 'c' });
    expect(fresh.get('id')).toBe(1);
    await Note.sync({ force: true });
    expect(await Note.count()).toBe(0);
  });

  it('creates referenced tables first and drops them last, whatever the definition order', async () => {
    const sql = captureSql();
    db = await connect({ logging: sql.logging });
    const Comment = db.define('Comment', {
      postId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Posts', key: 'id' }, onDelete: 'CASCADE' },
      body: DataTypes.STRING,
    }, { timestamps: false });
    const Post = db.define('Post', {
      blogId: { type: DataTypes.INTEGER, references: { model: 'Blogs', key: 'id' } },
      title: DataTypes.STRING,
    }, { timestamps: false });
    const Blog = db.define('Blog', { name: DataTypes.STRING }, { timestamps: false });
    await db.sync({ force: true });

    const creates = sql.statements.filter((s) => /^create table/i.test(s)).map((s) => /(?:"|`)(\w+)(?:"|`)/.exec(s)?.[1]);
    expect(creates).toEqual(['Blogs', 'Posts', 'Comments']);
    const blog = await Blog.create({ name: 'b' });
    const post = await Post.create({ blogId: blog.get('id'), title: 't' });
    await Comment.create({ postId: post.get('id'), body: 'c' });
    await post.destroy();
    expect(await Comment.count()).toBe(0);

    sql.statements.length = 0;
    await db.drop();
    const drops = sql.statements.filter((s) => /^drop table/i.test(s)).map((s) => /(?:"|`)(\w+)(?:"|`)/.exec(s)?.[1]);
    expect(drops).toEqual(['Comments', 'Posts', 'Blogs']);
    expect(await cat.tables(db)).toEqual([]);
  });

  it.skipIf(elsewhere[dialect] === undefined)('regression: sync() creates a table that exists only in another schema/database', async () => {
    const other = `rt_other_${randomBytes(4).toString('hex')}`;
    const { create, drop } = elsewhere[dialect] as NonNullable<(typeof elsewhere)[TestDialect]>;
    for (const statement of create(other)) await db.query(statement);
    try {
      const Widget = db.define('Widget', { label: DataTypes.STRING }, { timestamps: false });
      await db.sync();
      expect(await cat.tables(db)).toEqual(['Widgets']);
      await Widget.create({ label: 'here' });
      expect((await Widget.findAll({ raw: true })) as unknown[]).toEqual([{ id: 1, label: 'here' }]);
    } finally {
      await db.query(drop(other));
    }
  });

  it('Model.drop() removes only that table', async () => {
    const Keep = db.define('Keep', { n: DataTypes.INTEGER }, { timestamps: false });
    const Gone = db.define('Gone', { n: DataTypes.INTEGER }, { timestamps: false });
    await db.sync();
    await Keep.create({ n: 1 });
    await Gone.drop();
    expect(await cat.tables(db)).toEqual(['Keeps']);
    expect(await Keep.count()).toBe(1);
  });
});
