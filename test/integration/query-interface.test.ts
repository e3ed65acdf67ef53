/**
 * queryInterface against the real databases: every DDL method leaves the catalog as expected,
 * keeps the rows, and the foreign keys it writes act in the database (not only in relata).
 */
import { Sequelize as SequelizeLib, DataTypes as SequelizeDataTypes, QueryTypes as SequelizeQueryTypes } from 'sequelize';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BaseError, DataTypes, MigrationError, Op, QueryTypes, literal, Relata, UniqueConstraintError, UnknownAttributeError, type QueryInterface } from '../../src/index.js';
import { catalog, dropAllTables } from '../support/catalog.js';
import { catalogDialect, columnCatalog, type CatalogDialect, type CatalogQuery } from '../support/column-catalog.js';
import { constraints, countRows, quoteId, tableRows } from '../support/constraints.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';
import { namespaceOf } from '../support/schema-snapshot.js';

/** How each database spells the types of the Users table in describeTable. */
const DESCRIBED_TYPES: Record<CatalogDialect, Record<string, string>> = {
  sqlite: { id: 'INTEGER', email: 'VARCHAR(100)', active: 'TINYINT(1)', createdAt: 'DATETIME' },
  postgres: { id: 'INTEGER', email: 'CHARACTER VARYING(100)', active: 'BOOLEAN', createdAt: 'TIMESTAMP WITH TIME ZONE' },
  mariadb: { id: 'INT(11)', email: 'VARCHAR(100)', active: 'TINYINT(1)', createdAt: 'DATETIME' },
};

/** A boolean default `true`, as describeTable reports it. */
const TRUE_DEFAULT: Record<CatalogDialect, string> = { sqlite: 'true', postgres: 'true', mariadb: '1' };

/** The catalog's spelling of a column default `'member'`. */
const MEMBER_DEFAULT: Record<CatalogDialect, string> = { sqlite: "'member'", postgres: "'member'::character varying", mariadb: "'member'" };

/** ON UPDATE when a reference gives none: InnoDB reports RESTRICT, the others NO ACTION. */
const NO_ACTION: Record<CatalogDialect, string> = { sqlite: 'NO ACTION', postgres: 'NO ACTION', mariadb: 'RESTRICT' };

/** The type `changeColumn(…, STRING(50))` leaves in the catalog. */
const VARCHAR_50: Record<CatalogDialect, string> = { sqlite: 'VARCHAR(50)', postgres: 'character varying(50)', mariadb: 'varchar(50)' };

/** The catalog's spelling of `VARCHAR(10)`, lower-cased. */
const VARCHAR_10: Record<CatalogDialect, string> = { sqlite: 'varchar(10)', postgres: 'character varying(10)', mariadb: 'varchar(10)' };

/** The name each catalog gives the unique constraint `Users_email_unique` (SQLite keeps it only in the CREATE text). */
const EMAIL_UNIQUE: Record<CatalogDialect, string> = { sqlite: 'sqlite_autoindex_Users_1', postgres: 'Users_email_unique', mariadb: 'Users_email_unique' };

async function createSchema(qi: QueryInterface): Promise<void> {
  await qi.createTable('Users', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    email: { type: DataTypes.STRING(100), allowNull: false, unique: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.createTable('Groups', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
    name: DataTypes.STRING,
  });
  await qi.createTable('Memberships', {
    userId: { type: DataTypes.INTEGER, primaryKey: true, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    groupId: { type: DataTypes.INTEGER, primaryKey: true, references: { model: 'Groups', key: 'id' }, onDelete: 'CASCADE' },
    role: { type: DataTypes.STRING, defaultValue: 'member' },
  });
}

async function seedRows(qi: QueryInterface): Promise<void> {
  const now = new Date('2024-01-01T00:00:00Z');
  await qi.bulkInsert('Users', [
    { email: 'ada@example.com', createdAt: now, updatedAt: now },
    { email: 'alan@example.com', active: false, createdAt: now, updatedAt: now },
  ]);
  await qi.bulkInsert('Groups', [{ name: 'Mathematicians' }, { name: 'Codebreakers' }]);
  await qi.bulkInsert('Memberships', [{ userId: 1, groupId: 1 }, { userId: 2, groupId: 1, role: 'admin' }, { userId: 2, groupId: 2 }]);
}

describeEachDialect('queryInterface', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  const columnsOf = columnCatalog(family);
  let db: Relata;
  let qi: QueryInterface;
  let run: CatalogQuery;
  const schema = (): string => namespaceOf(dialect, url);
  const cols = async (table: string) => columnsOf.columns(run, schema(), table);
  const col = async (table: string, name: string) => (await cols(table)).find((c) => c.name === name);

  beforeAll(async () => {
    db = await connect();
    qi = db.getQueryInterface();
    run = async (sql, replacements) => (await db.query(sql, { replacements: [...replacements], type: QueryTypes.SELECT })) as Record<string, unknown>[];
  });

  beforeEach(async () => {
    await dropAllTables(db, dialect);
    await createSchema(qi);
    await seedRows(qi);
  });

  it('is one object per connection, reachable as relata.getQueryInterface(), with the connection as .sequelize', () => {
    expect(db.getQueryInterface()).toBe(qi);
    expect(qi.sequelize).toBe(db);
  });

  describe('createTable', () => {
    it('writes composite primary keys, references with their actions, unique constraints and defaults', async () => {
      expect(await constraints(dialect).primaryKey(db, 'Memberships')).toEqual(['userId', 'groupId']);
      expect(await constraints(dialect).foreignKeys(db, 'Memberships')).toEqual([
        { column: 'groupId', refTable: 'Groups', refColumn: 'id', onDelete: 'CASCADE', onUpdate: NO_ACTION[family] },
        { column: 'userId', refTable: 'Users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      ]);
      expect((await columnsOf.uniques(run, schema(), 'Users')).map((u) => [u.name, u.columns])).toEqual([[EMAIL_UNIQUE[family], ['email']]]);
      expect((await col('Memberships', 'role'))?.default).toBe(MEMBER_DEFAULT[family]);
      expect(await tableRows(db, dialect, 'Memberships', ['userId', 'groupId', 'role'])).toEqual([
        { userId: 1, groupId: 1, role: 'member' },
        { userId: 2, groupId: 1, role: 'admin' },
        { userId: 2, groupId: 2, role: 'member' },
      ]);
    });

    it('writes foreign keys the database enforces: deleting a user cascades to its memberships', async () => {
      await db.query(`DELETE FROM ${quoteId(dialect, 'Users')} WHERE ${quoteId(dialect, 'id')} = 2`);
      expect(await tableRows(db, dialect, 'Memberships', ['userId', 'groupId'])).toEqual([{ userId: 1, groupId: 1 }]);
    });

    it('writes unique constraints the database enforces', async () => {
      const now = new Date();
      await expect(qi.bulkInsert('Users', [{ email: 'ada@example.com', createdAt: now, updatedAt: now }])).rejects.toBeInstanceOf(UniqueConstraintError);
    });

    it('accepts a type given as SQL text and defaults given as literal()', async () => {
      await qi.createTable('Notes', {
        body: { type: 'TEXT' },
        label: { type: 'VARCHAR(10)', defaultValue: literal("'none'") },
        writtenAt: { type: DataTypes.DATE, allowNull: false, defaultValue: literal('CURRENT_TIMESTAMP') },
      });
      expect((await cols('Notes')).map((c) => [c.name, c.nullable])).toEqual([['body', true], ['label', true], ['writtenAt', false]]);
      expect((await col('Notes', 'label'))?.type.toLowerCase()).toBe(VARCHAR_10[family]);
      await qi.bulkInsert('Notes', [{ body: 'x' }]);
      const [row] = (await db.query(`SELECT ${quoteId(dialect, 'label')} AS label, ${quoteId(dialect, 'writtenAt')} AS at FROM ${quoteId(dialect, 'Notes')}`, { type: QueryTypes.SELECT })) as { label: string; at: unknown }[];
      expect(row?.label).toBe('none');
      expect(row?.at).not.toBeNull();
    });
  });

  it('describeTable reports types as the database spells them, keys, nullability and defaults', async () => {
    const described = await qi.describeTable('Users');
    expect(Object.keys(described)).toEqual(['id', 'email', 'active', 'createdAt', 'updatedAt']);
    expect(Object.fromEntries(Object.entries(described).slice(0, 4).map(([k, v]) => [k, v.type]))).toEqual(DESCRIBED_TYPES[family]);
    expect(described['id']).toMatchObject({ allowNull: false, primaryKey: true, autoIncrement: true, defaultValue: null });
    expect(described['email']).toMatchObject({ allowNull: false, primaryKey: false, autoIncrement: false, defaultValue: null });
    expect(described['active']?.defaultValue).toBe(TRUE_DEFAULT[family]);
    await expect(qi.describeTable('Nope')).rejects.toThrow(/No description found for table "Nope"/);
  });

  it('showAllTables, tableExists and renameTable: the references follow the renamed table', async () => {
    expect(await qi.showAllTables()).toEqual(['Groups', 'Memberships', 'Users']);
    await qi.renameTable('Groups', 'Teams');
    expect(await qi.tableExists('Teams')).toBe(true);
    expect(await qi.tableExists('Groups')).toBe(false);
    expect((await constraints(dialect).foreignKeys(db, 'Memberships')).map((k) => k.refTable)).toEqual(['Teams', 'Users']);
    expect(await countRows(db, dialect, 'Memberships')).toBe(3);
  });

  describe('columns', () => {
    it('addColumn adds nullable columns, columns with a default, and references', async () => {
      await qi.addColumn('Users', 'nickname', { type: DataTypes.STRING(20) });
      await qi.addColumn('Users', 'score', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
      await qi.addColumn('Memberships', 'invitedBy', { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'SET NULL', onUpdate: 'CASCADE' });
      expect(await tableRows(db, dialect, 'Users', ['id', 'nickname', 'score'])).toEqual([{ id: 1, nickname: null, score: 0 }, { id: 2, nickname: null, score: 0 }]);
      expect((await constraints(dialect).foreignKeys(db, 'Memberships')).find((k) => k.column === 'invitedBy')).toEqual({
        column: 'invitedBy', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE',
      });
      await qi.bulkUpdate('Memberships', { invitedBy: 1 }, { userId: 2 });
      await db.query(`DELETE FROM ${quoteId(dialect, 'Users')} WHERE ${quoteId(dialect, 'id')} = 1`);
      expect(await tableRows(db, dialect, 'Memberships', ['userId', 'groupId', 'invitedBy'])).toEqual([{ userId: 2, groupId: 1, invitedBy: null }, { userId: 2, groupId: 2, invitedBy: null }]);
    });

    it('addColumn with unique: true adds a unique constraint', async () => {
      await qi.addColumn('Groups', 'slug', { type: DataTypes.STRING(40), unique: true });
      expect((await qi.showIndex('Groups')).filter((i) => !i.primary).map((i) => [i.name, i.columns, i.unique])).toEqual([['Groups_slug_unique', ['slug'], true]]);
      await qi.bulkUpdate('Groups', { slug: 'x' }, { id: 1 });
      await expect(qi.bulkUpdate('Groups', { slug: 'x' }, { id: 2 })).rejects.toBeInstanceOf(UniqueConstraintError);
    });

    it('changeColumn changes type, nullability and default and keeps the rows', async () => {
      await qi.addColumn('Users', 'nickname', { type: DataTypes.STRING(20) });
      await qi.bulkUpdate('Users', { nickname: 'ada' }, { id: 1 });
      await qi.bulkUpdate('Users', { nickname: 'alan' }, { id: 2 });
      await qi.changeColumn('Users', 'nickname', { type: DataTypes.STRING(50), allowNull: false, defaultValue: 'anon' });
      expect(await col('Users', 'nickname')).toMatchObject({ type: VARCHAR_50[family], nullable: false });
      expect((await qi.describeTable('Users'))['nickname']?.defaultValue).toBe('anon');
      expect(await tableRows(db, dialect, 'Users', ['id', 'nickname'])).toEqual([{ id: 1, nickname: 'ada' }, { id: 2, nickname: 'alan' }]);
    });

    it('changeColumn on a table others reference with ON DELETE CASCADE deletes no child row and keeps the foreign keys', async () => {
      await qi.changeColumn('Users', 'email', { type: DataTypes.STRING(200), allowNull: false });
      expect(await countRows(db, dialect, 'Memberships')).toBe(3);
      expect(await constraints(dialect).foreignKeys(db, 'Memberships')).toHaveLength(2);
      await db.query(`DELETE FROM ${quoteId(dialect, 'Users')} WHERE ${quoteId(dialect, 'id')} = 2`);
      expect(await countRows(db, dialect, 'Memberships')).toBe(1);
    });

    it('changeColumn of a foreign key column keeps its constraint', async () => {
      await qi.changeColumn('Memberships', 'role', { type: DataTypes.STRING(30), allowNull: true });
      await qi.changeColumn('Memberships', 'groupId', { type: DataTypes.INTEGER, allowNull: false });
      expect((await constraints(dialect).foreignKeys(db, 'Memberships')).map((k) => [k.column, k.onDelete])).toEqual([['groupId', 'CASCADE'], ['userId', 'CASCADE']]);
    });

    it('renameColumn renames, and indexes and references follow', async () => {
      await qi.addIndex('Memberships', ['role']);
      await qi.renameColumn('Memberships', 'role', 'kind');
      expect((await cols('Memberships')).map((c) => c.name)).toEqual(['userId', 'groupId', 'kind']);
      expect((await qi.showIndex('Memberships')).find((i) => i.name === 'memberships_role')?.columns).toEqual(['kind']);
      expect(await tableRows(db, dialect, 'Memberships', ['userId', 'groupId', 'kind'])).toHaveLength(3);
    });

    it('removeColumn drops a referencing column with its foreign key and keeps the other rows', async () => {
      await qi.addColumn('Memberships', 'invitedBy', { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' } });
      await qi.removeColumn('Memberships', 'invitedBy');
      await qi.removeColumn('Users', 'active');
      expect((await cols('Memberships')).map((c) => c.name)).toEqual(['userId', 'groupId', 'role']);
      expect((await cols('Users')).map((c) => c.name)).toEqual(['id', 'email', 'createdAt', 'updatedAt']);
      expect((await constraints(dialect).foreignKeys(db, 'Memberships')).map((k) => k.column)).toEqual(['groupId', 'userId']);
      expect(await countRows(db, dialect, 'Memberships')).toBe(3);
    });
  });

  describe('indexes', () => {
    it('addIndex names indexes as Sequelize does, or as given; removeIndex by name or fields', async () => {
      await qi.addIndex('Memberships', ['role']);
      await qi.addIndex('Users', { fields: ['active', 'email'], unique: true, name: 'users_active_email' });
      const names = async (table: string) => (await catalog(dialect).indexes(db, table));
      expect(await names('Memberships')).toContain('memberships_role');
      expect(await names('Users')).toContain('users_active_email');
      expect((await qi.showIndex('Users')).find((i) => i.name === 'users_active_email')).toMatchObject({ columns: ['active', 'email'], unique: true, primary: false });
      await qi.removeIndex('Memberships', ['role']);
      await qi.removeIndex('Users', 'users_active_email');
      expect(await names('Memberships')).not.toContain('memberships_role');
      expect(await names('Users')).not.toContain('users_active_email');
    });
  });

  describe('constraints', () => {
    it('addConstraint adds a foreign key with actions, under Sequelize\'s default name, and removeConstraint drops it', async () => {
      await qi.createTable('Posts', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, userId: DataTypes.INTEGER });
      await qi.bulkInsert('Posts', [{ userId: 1 }, { userId: 2 }]);
      await qi.addConstraint('Posts', { type: 'foreign key', fields: ['userId'], references: { table: 'Users', field: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' });
      expect(await qi.getForeignKeyReferencesForTable('Posts')).toEqual([
        { constraintName: 'Posts_userId_Users_fk', tableName: 'Posts', columnName: 'userId', referencedTableName: 'Users', referencedColumnName: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      ]);
      await db.query(`DELETE FROM ${quoteId(dialect, 'Users')} WHERE ${quoteId(dialect, 'id')} = 1`);
      expect(await tableRows(db, dialect, 'Posts', ['id', 'userId'])).toEqual([{ id: 2, userId: 2 }]);
      await qi.removeConstraint('Posts', 'Posts_userId_Users_fk');
      expect(await qi.getForeignKeyReferencesForTable('Posts')).toEqual([]);
    });

    it('addConstraint refuses a foreign key that rows already violate, and leaves the table as it was', async () => {
      await qi.createTable('Posts', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, userId: DataTypes.INTEGER });
      await qi.bulkInsert('Posts', [{ userId: 1 }, { userId: 99 }]);
      await expect(qi.addConstraint('Posts', { type: 'foreign key', fields: ['userId'], references: { table: 'Users', field: 'id' } })).rejects.toBeInstanceOf(BaseError);
      expect(await qi.getForeignKeyReferencesForTable('Posts')).toEqual([]);
      expect(await countRows(db, dialect, 'Posts')).toBe(2);
    });

    it('addConstraint adds CHECK (values written as literals) and UNIQUE; removeConstraint drops them', async () => {
      await qi.addColumn('Users', 'age', { type: DataTypes.INTEGER });
      await qi.addConstraint('Users', { type: 'check', fields: ['age'], where: { age: { [Op.gte]: 0 } } });
      await expect(qi.bulkUpdate('Users', { age: -1 }, { id: 1 })).rejects.toBeInstanceOf(BaseError);
      await qi.removeConstraint('Users', 'Users_age_ck');
      expect(await qi.bulkUpdate('Users', { age: -1 }, { id: 1 })).toBe(1);
      await qi.addConstraint('Groups', { type: 'unique', fields: ['name'], name: 'groups_name_unique' });
      expect((await qi.showIndex('Groups')).find((i) => i.name === 'groups_name_unique')).toMatchObject({ unique: true, columns: ['name'] });
      await expect(qi.bulkInsert('Groups', [{ name: 'Mathematicians' }])).rejects.toBeInstanceOf(UniqueConstraintError);
      await qi.removeConstraint('Groups', 'groups_name_unique');
      expect(await qi.bulkInsert('Groups', [{ name: 'Mathematicians' }])).toBe(1);
    });

    it('addConstraint adds a primary key', async () => {
      await qi.createTable('Tags', { code: { type: DataTypes.STRING(10), allowNull: false }, label: DataTypes.STRING });
      await qi.addConstraint('Tags', { type: 'primary key', fields: ['code'], name: 'tags_pkey' });
      expect(await constraints(dialect).primaryKey(db, 'Tags')).toEqual(['code']);
    });
  });

  describe('bulk writes', () => {
    it('bulkInsert, bulkUpdate and bulkDelete return the rows they touched', async () => {
      expect(await qi.bulkInsert('Groups', [{ name: 'a' }, { name: 'b' }, { name: 'c' }])).toBe(3);
      expect(await qi.bulkUpdate('Memberships', { role: 'owner' }, { role: 'member' })).toBe(2);
      expect(await qi.bulkDelete('Groups', { name: { [Op.in]: ['a', 'b'] } })).toBe(2);
      expect(await tableRows(db, dialect, 'Groups', ['name'], ['id'])).toEqual([{ name: 'Mathematicians' }, { name: 'Codebreakers' }, { name: 'c' }]);
      expect(await tableRows(db, dialect, 'Memberships', ['role'], ['userId', 'groupId'])).toEqual([{ role: 'owner' }, { role: 'admin' }, { role: 'owner' }]);
      expect(await qi.bulkDelete('Memberships', {})).toBe(3);
      expect(await countRows(db, dialect, 'Memberships')).toBe(0);
    });

    it('check where keys against the table columns before any SQL', async () => {
      await expect(qi.bulkDelete('Groups', { nmae: 'a' })).rejects.toBeInstanceOf(UnknownAttributeError);
      await expect(qi.bulkUpdate('Groups', { nmae: 'a' }, { id: 1 })).rejects.toBeInstanceOf(UnknownAttributeError);
      expect(await countRows(db, dialect, 'Groups')).toBe(2);
    });
  });

  it('getForeignKeysForTables names each table\'s constraints', async () => {
    expect(await qi.getForeignKeysForTables(['Memberships', 'Users'])).toEqual({ Memberships: ['Memberships_groupId_fkey', 'Memberships_userId_fkey'], Users: [] });
  });

  it('dropTable and dropAllTables drop referencing tables first, keeping `skip`', async () => {
    await qi.dropTable('Memberships');
    expect(await qi.showAllTables()).toEqual(['Groups', 'Users']);
    await createSchema(qi);
    await qi.dropAllTables({ skip: ['Groups'] });
    expect(await qi.showAllTables()).toEqual(['Groups']);
  });
});

/** What only SQLite does: rebuilding tables for what its ALTER TABLE cannot change. */
describe('queryInterface table rebuilds [sqlite]', () => {
  const dialect: TestDialect = 'sqlite';
  let db: Relata;
  let qi: QueryInterface;

  beforeEach(async () => {
    db = new Relata('sqlite::memory:', { logging: false });
    qi = db.getQueryInterface();
    await createSchema(qi);
    await seedRows(qi);
  });

  it('keeps the AUTOINCREMENT counter, the indexes, the triggers, named constraints and CHECKs', async () => {
    await db.query('CREATE TRIGGER users_touch AFTER UPDATE ON "Users" BEGIN SELECT 1; END');
    await qi.addIndex('Users', ['createdAt']);
    await qi.addConstraint('Users', { type: 'check', fields: ['email'], where: { email: { [Op.like]: '%@%' } }, name: 'users_email_at' });
    await qi.bulkInsert('Users', [{ email: 'x@y', createdAt: new Date(), updatedAt: new Date() }]);
    await qi.bulkDelete('Users', { id: 3 });
    await qi.changeColumn('Users', 'email', { type: DataTypes.STRING(255), allowNull: false });
    const master = (await db.query("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'Users' ORDER BY name", { type: QueryTypes.SELECT })) as { type: string; name: string; sql: string | null }[];
    expect(master.map((m) => [m.type, m.name])).toEqual([
      ['table', 'Users'], ['index', 'sqlite_autoindex_Users_1'], ['index', 'users_created_at'], ['trigger', 'users_touch'],
    ]);
    expect(master[0]?.sql).toContain('CONSTRAINT "users_email_at" CHECK ("email" LIKE \'%@%\')');
    expect(master[0]?.sql).toContain('constraint "Users_email_unique" unique ("email")');
    await qi.bulkInsert('Users', [{ email: 'new@example.com', createdAt: new Date(), updatedAt: new Date() }]);
    expect(await tableRows(db, dialect, 'Users', ['id', 'email'])).toEqual([
      { id: 1, email: 'ada@example.com' }, { id: 2, email: 'alan@example.com' }, { id: 4, email: 'new@example.com' },
    ]);
  });

  it('changeColumn on a referenced table keeps the child rows and their actions, where sequelize@6 deletes them and drops the actions', async () => {
    const scenario = async (query: (sql: string) => Promise<unknown>, select: (sql: string) => Promise<unknown>, change: (table: string, column: string, type: unknown) => Promise<unknown>, types: { INTEGER: unknown; STRING: (n: number) => unknown }) => {
      await query('CREATE TABLE "Parents" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" VARCHAR(255))');
      await query('CREATE TABLE "Children" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "parentId" INTEGER REFERENCES "Parents" ("id") ON DELETE CASCADE)');
      await query('INSERT INTO "Parents" ("name") VALUES (\'a\'), (\'b\')');
      await query('INSERT INTO "Children" ("parentId") VALUES (1), (2)');
      await change('Parents', 'name', { type: types.STRING(10) });
      await change('Children', 'parentId', { type: types.INTEGER, allowNull: true });
      const children = (await select('SELECT COUNT(*) AS n FROM "Children"')) as { n: number }[];
      const actions = (await select("SELECT on_delete FROM pragma_foreign_key_list('Children')")) as { on_delete: string }[];
      return { children: children[0]?.n, onDelete: actions.map((a) => a.on_delete) };
    };
    const fresh = new Relata('sqlite::memory:', { logging: false });
    const ours = await scenario(
      (sql) => fresh.query(sql),
      (sql) => fresh.query(sql, { type: QueryTypes.SELECT }),
      (table, column, type) => fresh.getQueryInterface().changeColumn(table, column, type),
      { INTEGER: DataTypes.INTEGER, STRING: (n) => DataTypes.STRING(n) },
    );
    await fresh.close();
    const sequelize = new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false });
    const theirs = await scenario(
      (sql) => sequelize.query(sql),
      (sql) => sequelize.query(sql, { type: SequelizeQueryTypes.SELECT }),
      (table, column, type) => sequelize.getQueryInterface().changeColumn(table, column, type as never),
      { INTEGER: SequelizeDataTypes.INTEGER, STRING: (n) => SequelizeDataTypes.STRING(n) },
    );
    await sequelize.close();
    expect(ours).toEqual({ children: 2, onDelete: ['CASCADE'] });
    expect(theirs).toEqual({ children: 0, onDelete: ['NO ACTION'] });
  });

  it('refuses to rebuild inside a transaction that enforces foreign keys, and changes nothing', async () => {
    await expect(db.transaction(() => qi.changeColumn('Users', 'email', { type: DataTypes.STRING(10) }))).rejects.toBeInstanceOf(MigrationError);
    expect((await qi.describeTable('Users'))['email']?.type).toBe('VARCHAR(100)');
  });

  it('rolls the rebuild back when rows would violate a foreign key, and enforcement is back on afterwards', async () => {
    await db.query('PRAGMA foreign_keys = OFF');
    await db.query('INSERT INTO "Memberships" ("userId", "groupId") VALUES (42, 1)');
    await db.query('PRAGMA foreign_keys = ON');
    await expect(qi.changeColumn('Memberships', 'role', { type: DataTypes.STRING(10) })).rejects.toThrow(/1 row of Memberships references missing Users rows/);
    expect((await qi.describeTable('Memberships'))['role']?.type).toBe('VARCHAR(255)');
    expect(await db.query('PRAGMA foreign_keys', { type: QueryTypes.SELECT })).toEqual([{ foreign_keys: 1 }]);
  });
});
