/**
 * The migration runner on real files in a temporary folder: sequelize-cli CommonJS files (the
 * seeds' create-user-groups migration verbatim), ESM and TypeScript, recorded in a SequelizeMeta
 * table sequelize-cli can share; failures name the file and are not recorded.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequelize as SequelizeLib, DataTypes as SequelizeDataTypes } from 'sequelize';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, Migrator, QueryTypes, type MigrationEvent, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { catalogDialect, type CatalogDialect } from '../support/column-catalog.js';
import { constraints, countRows, quoteId, tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

/** The seeds' migrations/create-user-groups.js, exactly as /work/shared/seeds/001_*.txt writes it. */
function seedUserGroupsMigration(): string {
  const dir = '/work/shared/seeds';
  const file = readdirSync(dir).find((f) => f.startsWith('001_'));
  if (!file) throw new Error('seed 001 not found');
  const text = readFileSync(join(dir, file), 'utf8');
  const match = /Join Table: UserGroups[^\n]*\n```javascript\n([\s\S]*?)```/.exec(text);
  if (!match?.[1]) throw new Error('the UserGroups migration is not in seed 001');
  return match[1];
}

const CREATE_USERS_AND_GROUPS = `'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    for (const table of ['Users', 'Groups']) {
      await queryInterface.createTable(table, {
        id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
        name: { type: Sequelize.STRING },
        createdAt: { allowNull: false, type: Sequelize.DATE },
        updatedAt: { allowNull: false, type: Sequelize.DATE },
      });
    }
  },
  async down(queryInterface) {
    await queryInterface.dropTable('Groups');
    await queryInterface.dropTable('Users');
  },
};
`;

const ADD_NICKNAME_ESM = `export async function up(queryInterface, Sequelize) {
  await queryInterface.addColumn('Users', 'nickname', { type: Sequelize.STRING(20) });
  await queryInterface.addIndex('Users', ['nickname']);
}
export async function down(queryInterface) {
  await queryInterface.removeColumn('Users', 'nickname');
}
`;

const WIDEN_NICKNAME_TS = `import type { MigrationModule } from '${join(process.cwd(), 'src/index.js')}';

const migration: MigrationModule = {
  async up(queryInterface, Sequelize) {
    await queryInterface.changeColumn('Users', 'nickname', { type: Sequelize.STRING(80), allowNull: true });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.changeColumn('Users', 'nickname', { type: Sequelize.STRING(20), allowNull: true });
  },
};
export default migration;
`;

const FILES = [
  '20240101000000-create-users-and-groups.js',
  '20240102000000-create-user-groups.js',
  '20240103000000-add-nickname.mjs',
  '20240104000000-widen-nickname.ts',
] as const;

/** The nickname column's length as the catalog reports it, after each step. */
const NICKNAME_TYPE: Record<CatalogDialect, (length: number) => string> = {
  sqlite: (n) => `VARCHAR(${n})`,
  postgres: (n) => `CHARACTER VARYING(${n})`,
  mariadb: (n) => `VARCHAR(${n})`,
};

/** Whether statements of a migration that failed halfway stay applied (DDL is not transactional on MariaDB). */
const PARTIAL_DDL_KEPT: Record<CatalogDialect, boolean> = { sqlite: false, postgres: false, mariadb: true };

/** The dialect name sequelize@6 uses for each family. */
const SEQUELIZE_DIALECT: Record<CatalogDialect, 'sqlite' | 'postgres' | 'mysql'> = { sqlite: 'sqlite', postgres: 'postgres', mysql: 'mysql', mariadb: 'mysql' } as never;

/** The CREATE TABLE sequelize-cli's storage (umzug's SequelizeStorage model) runs, from sequelize@6's own generator. */
function sequelizeCliMetaTable(family: CatalogDialect): string {
  const sequelize = new SequelizeLib({ dialect: SEQUELIZE_DIALECT[family], logging: false, storage: ':memory:' });
  const model = sequelize.define(
    'SequelizeMeta',
    { name: { type: SequelizeDataTypes.STRING, allowNull: false, unique: true, primaryKey: true, autoIncrement: false } },
    { tableName: 'SequelizeMeta', timestamps: false },
  );
  const generator = (sequelize.getQueryInterface() as unknown as { queryGenerator: { attributesToSQL(a: unknown, o: unknown): unknown; createTableQuery(t: string, a: unknown, o: unknown): string } }).queryGenerator;
  return generator.createTableQuery('SequelizeMeta', generator.attributesToSQL(model.getAttributes(), { table: 'SequelizeMeta', context: 'createTable' }), {});
}

describeEachDialect('migrations', ({ dialect, connect }) => {
  const family = catalogDialect(dialect);
  let db: Relata;
  let dir: string;
  const events: MigrationEvent[] = [];
  const migrator = (path = dir) => new Migrator(db, { path, onEvent: (e) => events.push(e) });
  const meta = async () => ((await db.query(`SELECT name FROM ${quoteId(dialect, 'SequelizeMeta')} ORDER BY name`, { type: QueryTypes.SELECT })) as { name: string }[]).map((r) => r.name);
  const nicknameType = async () => (await db.getQueryInterface().describeTable('Users'))['nickname']?.type;

  beforeAll(async () => {
    db = await connect();
    dir = mkdtempSync(join(tmpdir(), 'relata-migrations-'));
    writeFileSync(join(dir, FILES[0]), CREATE_USERS_AND_GROUPS);
    writeFileSync(join(dir, FILES[1]), seedUserGroupsMigration());
    writeFileSync(join(dir, FILES[2]), ADD_NICKNAME_ESM);
    writeFileSync(join(dir, FILES[3]), WIDEN_NICKNAME_TS);
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    writeFileSync(join(dir, 'types.d.ts'), 'export {};');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    events.length = 0;
    await dropAllTables(db, dialect);
  });

  it('runs CommonJS (the seed migration verbatim), ESM and TypeScript files in name order and records each in SequelizeMeta', async () => {
    expect(await migrator().pending()).toEqual(FILES);
    expect(await migrator().up()).toEqual(FILES);
    expect(await meta()).toEqual(FILES);
    expect(events.map((e) => `${e.event} ${e.name}`)).toEqual(FILES.flatMap((f) => [`migrating ${f}`, `migrated ${f}`]));
    expect(events.filter((e) => e.event === 'migrated').every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0)).toBe(true);
    expect(await constraints(dialect).foreignKeys(db, 'UserGroups')).toEqual([
      { column: 'groupId', refTable: 'Groups', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      { column: 'userId', refTable: 'Users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    ]);
    expect(await nicknameType()).toBe(NICKNAME_TYPE[family](80));
    expect((await migrator().status()).map((s) => [s.name, s.executed])).toEqual(FILES.map((f) => [f, true]));
  });

  it('the seed migration writes foreign keys that cascade at the database level', async () => {
    await migrator().up();
    const now = new Date('2024-01-01T00:00:00Z');
    const qi = db.getQueryInterface();
    await qi.bulkInsert('Users', [{ name: 'Ada', createdAt: now, updatedAt: now }, { name: 'Alan', createdAt: now, updatedAt: now }]);
    await qi.bulkInsert('Groups', [{ name: 'Mathematicians', createdAt: now, updatedAt: now }]);
    await qi.bulkInsert('UserGroups', [{ userId: 1, groupId: 1, createdAt: now, updatedAt: now }, { userId: 2, groupId: 1, createdAt: now, updatedAt: now }]);
    await db.query(`DELETE FROM ${quoteId(dialect, 'Users')} WHERE ${quoteId(dialect, 'id')} = 1`);
    expect(await tableRows(db, dialect, 'UserGroups', ['userId', 'groupId'])).toEqual([{ userId: 2, groupId: 1 }]);
    await db.query(`DELETE FROM ${quoteId(dialect, 'Groups')}`);
    expect(await countRows(db, dialect, 'UserGroups')).toBe(0);
  });

  it('undoes the last migration, then all of them, and applies them again', async () => {
    await migrator().up();
    expect(await migrator().down()).toEqual([FILES[3]]);
    expect(await nicknameType()).toBe(NICKNAME_TYPE[family](20));
    expect(await meta()).toEqual(FILES.slice(0, 3));
    expect(await migrator().pending()).toEqual([FILES[3]]);
    expect(await migrator().down({ to: 0 })).toEqual(FILES.slice(0, 3).reverse());
    expect(await db.getQueryInterface().showAllTables()).toEqual(['SequelizeMeta']);
    expect(await meta()).toEqual([]);
    expect(await migrator().up({ to: '20240102000000-create-user-groups' })).toEqual(FILES.slice(0, 2));
    expect(await migrator().up()).toEqual(FILES.slice(2));
    expect(await nicknameType()).toBe(NICKNAME_TYPE[family](80));
    expect(await migrator().down({ migrations: ['20240103000000-add-nickname'] })).toEqual([FILES[2]]);
    expect(await meta()).toEqual([FILES[0], FILES[1], FILES[3]]);
  });

  it('changing a column of a parent table in a migration deletes no child rows', async () => {
    await migrator().up({ to: FILES[1] });
    const now = new Date();
    const qi = db.getQueryInterface();
    await qi.bulkInsert('Users', [{ name: 'Ada', createdAt: now, updatedAt: now }]);
    await qi.bulkInsert('Groups', [{ name: 'G', createdAt: now, updatedAt: now }]);
    await qi.bulkInsert('UserGroups', [{ userId: 1, groupId: 1, createdAt: now, updatedAt: now }]);
    const extra = mkdtempSync(join(tmpdir(), 'relata-migrations-'));
    try {
      writeFileSync(join(extra, '20240201000000-widen-name.js'), `module.exports = {
        async up(queryInterface, Sequelize) { await queryInterface.changeColumn('Users', 'name', { type: Sequelize.STRING(500), allowNull: false }); },
        async down() {},
      };`);
      await new Migrator(db, { path: extra }).up();
      expect(await countRows(db, dialect, 'UserGroups')).toBe(1);
      expect((await db.getQueryInterface().describeTable('Users'))['name']?.allowNull).toBe(false);
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
  });

  it('a failing migration is not recorded, its error names the file, and where DDL is transactional nothing of it stays', async () => {
    const failing = mkdtempSync(join(tmpdir(), 'relata-migrations-'));
    try {
      writeFileSync(join(failing, '20240101000000-create-users-and-groups.js'), CREATE_USERS_AND_GROUPS);
      writeFileSync(join(failing, '20240102000000-broken.js'), `module.exports = {
        async up(queryInterface, Sequelize) {
          await queryInterface.createTable('Halfway', { id: { type: Sequelize.INTEGER, primaryKey: true } });
          await queryInterface.addColumn('NoSuchTable', 'x', { type: Sequelize.INTEGER });
        },
        async down() {},
      };`);
      const error = await new Migrator(db, { path: failing }).up().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migration).toBe('20240102000000-broken.js');
      expect((error as MigrationError).message).toMatch(/^Migration 20240102000000-broken\.js failed \(up\): /);
      expect(await meta()).toEqual(['20240101000000-create-users-and-groups.js']);
      expect((await db.getQueryInterface().showAllTables()).includes('Halfway')).toBe(PARTIAL_DDL_KEPT[family]);
    } finally {
      rmSync(failing, { recursive: true, force: true });
    }
  });

  it('a file without up() fails with a clear error', async () => {
    const odd = mkdtempSync(join(tmpdir(), 'relata-migrations-'));
    try {
      writeFileSync(join(odd, '20240101000000-empty.js'), 'module.exports = { async down() {} };');
      await expect(new Migrator(db, { path: odd }).up()).rejects.toThrow(/exports no up\(\) function/);
    } finally {
      rmSync(odd, { recursive: true, force: true });
    }
  });

  it('takes over the history of a sequelize-cli project: its SequelizeMeta table and rows', async () => {
    // sequelize-cli ran the first file: its history table (created by sequelize@6's own DDL) has the
    // row, and the tables exist (created here through another history table).
    await db.query(sequelizeCliMetaTable(family));
    await db.query(`INSERT INTO ${quoteId(dialect, 'SequelizeMeta')} (name) VALUES (?)`, { replacements: [FILES[0]] });
    const first = mkdtempSync(join(tmpdir(), 'relata-migrations-'));
    try {
      writeFileSync(join(first, FILES[0]), CREATE_USERS_AND_GROUPS);
      await new Migrator(db, { path: first, tableName: 'OtherMeta' }).up();
    } finally {
      rmSync(first, { recursive: true, force: true });
    }
    expect(await migrator().pending()).toEqual(FILES.slice(1));
    expect(await migrator().up()).toEqual(FILES.slice(1));
    expect(await meta()).toEqual(FILES);
    expect(await migrator().down({ to: FILES[1] })).toEqual(FILES.slice(1).reverse());
    expect(await meta()).toEqual([FILES[0]]);
  });

  it('seeders run every file each time and are reverted newest first (no history by default)', async () => {
    await migrator().up({ to: FILES[0] });
    const seeders = mkdtempSync(join(tmpdir(), 'relata-seeders-'));
    try {
      writeFileSync(join(seeders, '20240101000000-users.js'), `module.exports = {
        async up(queryInterface) { await queryInterface.bulkInsert('Users', [{ name: 'Ada', createdAt: new Date(), updatedAt: new Date() }, { name: 'Alan', createdAt: new Date(), updatedAt: new Date() }]); },
        async down(queryInterface) { await queryInterface.bulkDelete('Users', null, {}); },
      };`);
      writeFileSync(join(seeders, '20240102000000-groups.js'), `module.exports = {
        async up(queryInterface) { await queryInterface.bulkInsert('Groups', [{ name: 'G', createdAt: new Date(), updatedAt: new Date() }]); },
        async down(queryInterface) { await queryInterface.bulkDelete('Groups', { name: 'G' }); },
      };`);
      const seeder = new Migrator(db, { path: seeders, kind: 'seeder' });
      expect(await seeder.up()).toEqual(['20240101000000-users.js', '20240102000000-groups.js']);
      expect(await seeder.pending()).toEqual(['20240101000000-users.js', '20240102000000-groups.js']);
      expect(await tableRows(db, dialect, 'Users', ['name'], ['id'])).toEqual([{ name: 'Ada' }, { name: 'Alan' }]);
      expect(await seeder.down()).toEqual(['20240102000000-groups.js', '20240101000000-users.js']);
      expect([await countRows(db, dialect, 'Users'), await countRows(db, dialect, 'Groups')]).toEqual([0, 0]);
      expect(await db.getQueryInterface().tableExists('SequelizeData')).toBe(false);
    } finally {
      rmSync(seeders, { recursive: true, force: true });
    }
  });

  it('an unknown migration name is a clear error', async () => {
    await expect(migrator().up({ to: 'nope' })).rejects.toThrow(/No migration named nope/);
  });
});

describe('migrations on SQLite run with foreign keys checked before commit', () => {
  it('a migration that leaves rows pointing at missing parents is rolled back', async () => {
    const { Relata } = await import('../../src/index.js');
    const db = new Relata('sqlite::memory:', { logging: false });
    const dir = mkdtempSync(join(tmpdir(), 'relata-migrations-'));
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '20240101000000-create-users-and-groups.js'), CREATE_USERS_AND_GROUPS);
      writeFileSync(join(dir, '20240102000000-create-user-groups.js'), seedUserGroupsMigration());
      writeFileSync(join(dir, '20240103000000-orphan.js'), `module.exports = {
        async up(queryInterface) { await queryInterface.bulkInsert('UserGroups', [{ userId: 7, groupId: 7, createdAt: new Date(), updatedAt: new Date() }]); },
        async down() {},
      };`);
      await expect(new Migrator(db, { path: dir }).up()).rejects.toThrow(/20240103000000-orphan\.js failed \(up\): Foreign key check failed after the schema change: 1 row of UserGroups references missing (Users|Groups) rows/);
      expect(await countRows(db, 'sqlite', 'UserGroups')).toBe(0);
      expect(await db.query('PRAGMA foreign_keys', { type: QueryTypes.SELECT })).toEqual([{ foreign_keys: 1 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await db.close();
    }
  });
});
