/**
 * `queryInterface.upsert(table, insertValues, updateValues, where, { model })`,
 * `queryInterface.delete(instance, table, identifier)` and `bulkInsert(table, rows, options,
 * attributes)`, run on sequelize@6 and on relata on every dialect and compared by the rows they
 * leave: the conflict target is the model's unique key that holds an updated column, else its
 * primary key; on a conflict the updated columns take the inserted values; the typed columns of
 * bulkInsert are written by their type (a PostgreSQL array stays an array).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';
import { pairedLibraries, type LibraryApi } from '../support/paired-libraries.js';

type Api = LibraryApi;

describeEachDialect('queryInterface.upsert and delete, relata against sequelize@6', ({ dialect, connect, url }) => {
  const { apis, both } = pairedLibraries({ dialect, connect, url });

  it('upsert inserts, then updates the row its unique key or primary key conflicts with', async () => {
    const results = await both(async ({ db, L }) => {
      const Account = db.define('QiAccount', { code: { type: L.DataTypes.STRING, unique: true }, label: L.DataTypes.STRING, n: L.DataTypes.INTEGER }, { timestamps: false });
      await Account.sync({ force: true });
      const qi = db.getQueryInterface();
      const table = Account.getTableName() as string;
      await qi.upsert(table, { code: 'a', label: 'first', n: 1 }, { code: 'a', n: 1 }, {}, { model: Account });
      // Conflicts on code (the unique key holding an updated column): only n takes the new value.
      await qi.upsert(table, { code: 'a', label: 'second', n: 2 }, { code: 'a', n: 99 }, {}, { model: Account });
      await qi.upsert(table, { code: 'b', label: 'other', n: 3 }, { code: 'b', n: 3 }, {}, { model: Account });
      // Updating the primary key column: the primary key is the target, and code keeps its value.
      // (The ids a conflicting insert consumes differ by database; b's is read back.)
      const id = ((await Account.findOne({ where: { code: 'b' }, raw: true })) as unknown as { id: number }).id;
      await qi.upsert(table, { id, code: 'c', label: 'by id', n: 4 }, { id, label: 'by id' }, {}, { model: Account });
      const rows = (await Account.findAll({ order: [['id', 'ASC']], raw: true })) as unknown as { id: number }[];
      return rows.map(({ id: rowId, ...row }) => ({ ...row, isB: rowId === id }));
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual([
      { code: 'a', label: 'first', n: 2, isB: false },
      { code: 'b', label: 'by id', n: 3, isB: true },
    ]);
  });

  // Sequelize's own delete fails on MySQL/MariaDB after running the DELETE (its result handling reads the instance).
  const sequelizeDeleteThrows: Record<string, boolean> = { sqlite: false, 'sqlite-file': false, postgres: false, mariadb: true };

  it('delete removes the rows matching the identifier', async () => {
    const results = await both(async ({ db, L, lib }) => {
      const Pet = db.define('QiPet', { name: L.DataTypes.STRING, kind: L.DataTypes.STRING }, { timestamps: false });
      await Pet.sync({ force: true });
      await Pet.bulkCreate([{ name: 'rex', kind: 'dog' }, { name: 'tom', kind: 'cat' }, { name: 'fido', kind: 'dog' }]);
      // Sequelize reads the instance's class (it has no answer for null).
      const rex = await Pet.findByPk(1);
      const deleting = db.getQueryInterface().delete(rex, Pet.getTableName() as string, { kind: 'dog' });
      if (lib === 'sequelize' && sequelizeDeleteThrows[dialect]) await expect(deleting).rejects.toThrow(TypeError);
      else await deleting;
      return Pet.findAll({ order: [['id', 'ASC']], raw: true });
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual([{ id: 2, name: 'tom', kind: 'cat' }]);
  });

  /** Whether the database has array columns (the typed-array row is written there only). */
  const ARRAYS: Record<TestDialect, boolean> = { sqlite: false, 'sqlite-file': false, postgres: true, mariadb: false };

  it('bulkInsert writes the columns its attributes argument types by their type', async () => {
    const results = await both(async ({ db, L }) => {
      const columns = { name: L.DataTypes.STRING, meta: L.DataTypes.JSON, ...(ARRAYS[dialect] ? { tags: L.DataTypes.ARRAY(L.DataTypes.STRING) } : {}) };
      const Doc = db.define('QiDoc', columns, { timestamps: false });
      await Doc.sync({ force: true });
      const row = { name: 'a', meta: { size: 2, kinds: ['x'] }, ...(ARRAYS[dialect] ? { tags: ['red', 'blue'] } : {}) };
      await db.getQueryInterface().bulkInsert(Doc.getTableName() as string, [row], {}, { meta: { type: L.DataTypes.JSON(), field: 'meta' }, ...(ARRAYS[dialect] ? { tags: { type: L.DataTypes.ARRAY(L.DataTypes.STRING), field: 'tags' } } : {}) });
      return (await Doc.findAll({ attributes: { exclude: ['id'] } })).map((d) => d.get({ plain: true }));
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual([{ name: 'a', meta: { size: 2, kinds: ['x'] }, ...(ARRAYS[dialect] ? { tags: ['red', 'blue'] } : {}) }]);
  });

  it('relata: delete answers the count; upsert without a model or conflictFields, or naming an unknown column, is refused', async () => {
    const { db, L } = apis.relata;
    const Item = db.define('QiItem', { sku: { type: L.DataTypes.STRING, unique: true } }, { timestamps: false });
    await Item.sync({ force: true });
    const qi = db.getQueryInterface();
    await Item.bulkCreate([{ sku: 'x' }, { sku: 'y' }]);
    expect(await qi.delete(null, 'QiItems', { sku: 'x' })).toBe(1);
    await expect(qi.upsert('QiItems', { sku: 'z' }, { sku: 'z' }, {}, {})).rejects.toThrow(/queryInterface\.upsert\(QiItems\).*options\.model/);
    await expect(qi.upsert('QiItems', { sku: 'z', nope: 1 }, { sku: 'z' }, {}, { model: Item })).rejects.toThrow(/nope/);
    await qi.upsert('QiItems', { sku: 'y' }, { sku: 'y' }, {}, { conflictFields: ['sku'] });
    expect(await Item.count()).toBe(1);
  });
});
