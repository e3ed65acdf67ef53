/**
 * `queryInterface.select(model, table, options)` and `insert(instance, table, values)` behave as sequelize@6's do: the same rows for
 * the same where/attributes/order/limit, on every dialect; instances with a model.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sequelize as SequelizeLib } from 'sequelize';
import { DataTypes as SequelizeDataTypes, Op as SequelizeOp } from 'sequelize';
import { DataTypes, InvalidOptionError, Model, Op, type Relata } from '../../src/index.js';
import { catalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

// Both libraries' connections, driven through the same untyped calls.
type Db = any;

describeEachDialect('queryInterface.select, compared with sequelize@6', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  let relata: Relata;
  let sequelize: SequelizeLib;
  let twin: SequelizeTwin;

  beforeAll(async () => {
    relata = await connect();
    twin = await sequelizeTwin(dialect, url, { define: {} });
    sequelize = twin.sequelize;
  });

  afterAll(() => twin.close());

  async function scenario(db: Db, T: typeof DataTypes, O: typeof Op): Promise<unknown> {
    const qi = db.getQueryInterface();
    await qi.createTable('people', { id: { type: T.INTEGER, primaryKey: true, autoIncrement: true }, name: T.STRING, age: T.INTEGER });
    await qi.bulkInsert('people', [{ name: 'ada', age: 36 }, { name: 'bob', age: 17 }, { name: 'cy', age: 41 }]);
    return {
      all: await qi.select(null, 'people', {}),
      where: await qi.select(null, 'people', { where: { age: { [O.gte]: 18 } }, order: [['id', 'DESC']] }),
      picked: await qi.select(null, { tableName: 'people' }, { attributes: ['name'], order: [['age', 'ASC']], limit: 2 }),
      none: await qi.select(null, 'people', { where: { name: 'nobody' } }),
    };
  }

  it('reads the same rows as sequelize@6', async () => {
    const seq = await scenario(sequelize, SequelizeDataTypes as unknown as typeof DataTypes, SequelizeOp as unknown as typeof Op);
    const rel = await scenario(relata, DataTypes, Op);
    expect(rel).toEqual(seq);
    expect(rel).toEqual({
      all: [{ id: 1, name: 'ada', age: 36 }, { id: 2, name: 'bob', age: 17 }, { id: 3, name: 'cy', age: 41 }],
      where: [{ id: 3, name: 'cy', age: 41 }, { id: 1, name: 'ada', age: 36 }],
      picked: [{ name: 'bob' }, { name: 'ada' }],
      none: [],
    });
  });

  it('insert answers as sequelize@6 does: [insertId, 1], or [[], 1] on PostgreSQL', async () => {
    async function inserts(db: Db, T: typeof DataTypes): Promise<unknown> {
      const qi = db.getQueryInterface();
      await qi.createTable('pets', { id: { type: T.INTEGER, primaryKey: true, autoIncrement: true }, name: T.STRING });
      const first = await qi.insert(null, 'pets', { name: 'rex' }, {});
      const second = await qi.insert(null, { tableName: 'pets' }, { name: 'tom' }, {});
      return { first, second, rows: await qi.select(null, 'pets', { order: [['id', 'ASC']] }) };
    }
    const seq = await inserts(sequelize, SequelizeDataTypes as unknown as typeof DataTypes);
    const rel = await inserts(relata, DataTypes);
    expect(rel).toEqual(seq);
    expect(rel).toEqual({
      first: family === 'postgres' ? [[], 1] : [1, 1],
      second: family === 'postgres' ? [[], 1] : [2, 1],
      rows: [{ id: 1, name: 'rex' }, { id: 2, name: 'tom' }],
    });
  });

  it('builds instances of a model, and refuses a schema it cannot read', async () => {
    class Person extends Model {}
    Person.init({ name: DataTypes.STRING, age: DataTypes.INTEGER }, { sequelize: relata, tableName: 'people', timestamps: false });
    const people = await relata.getQueryInterface().select(Person, 'people', { where: { id: 2 } });
    expect(people.map((p) => [p instanceof Person, p.isNewRecord, p.get('name')])).toEqual([[true, false, 'bob']]);
    await expect(relata.getQueryInterface().select(null, { tableName: 'people', schema: 'elsewhere' })).rejects.toThrow(InvalidOptionError);
  });

  it('the DDL and bulk methods take { tableName } for a table, and refuse a schema naming the method', async () => {
    const qi = relata.getQueryInterface();
    // As in Sequelize, a unique key with customIndex: false is not created.
    await qi.createTable(
      { tableName: 'qi_named' },
      { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING },
      { uniqueKeys: { qi_named_name_uk: { fields: ['name'], customIndex: true }, qi_named_skipped: { fields: ['name', 'id'], customIndex: false } } },
    );
    const uniques = (await qi.showIndex('qi_named')).filter((i) => i.unique && !i.primary).map((i) => i.columns);
    expect(uniques).toEqual([['name']]);
    await qi.addColumn({ tableName: 'qi_named', schema: '' }, 'nick', DataTypes.STRING);
    await qi.bulkInsert({ tableName: 'qi_named', as: 'n', name: 'x' }, [{ id: 1, name: 'ada', nick: 'a' }, { id: 2, name: 'bob', nick: 'b' }]);
    expect(await qi.bulkUpdate({ tableName: 'qi_named', delimiter: '.' }, { nick: 'z' }, { id: 2 })).toBe(1);
    expect(await qi.bulkDelete({ tableName: 'qi_named' }, { id: 1 })).toBe(1);
    expect(Object.keys(await qi.describeTable({ tableName: 'qi_named' }))).toEqual(['id', 'name', 'nick']);
    await qi.renameTable({ tableName: 'qi_named' }, { tableName: 'qi_renamed' });
    expect(await qi.select(null, 'qi_renamed')).toEqual([{ id: 2, name: 'bob', nick: 'z' }]);
    await expect(qi.removeColumn({ tableName: 'qi_renamed', schema: 'elsewhere' }, 'nick')).rejects.toThrow(
      'queryInterface.removeColumn: the option "schema"',
    );
    await expect(qi.dropTable({ tableName: 'qi_renamed', schema: 'elsewhere' })).rejects.toThrow(InvalidOptionError);
    await qi.dropTable({ tableName: 'qi_renamed' });
    expect(await qi.tableExists('qi_renamed')).toBe(false);
  });
});
