/**
 * `query(sql, { model, mapToModel })` and `col()`/`fn()` in update values, run on sequelize@6 and on
 * relata on every dialect and compared: a raw SELECT with a model answers instances of it (not new
 * records), `mapToModel` renames the columns to their attributes, `plain` answers one instance or
 * null, `raw: true` keeps plain rows; an update value `col('name')` copies another column.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Lib = 'relata' | 'sequelize';
interface Api {
  lib: Lib;
  db: RelataLib.Relata;
  L: typeof RelataLib;
}

describeEachDialect('raw query with a model, and col() in update values, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const apis = {} as Record<Lib, Api>;

  beforeAll(async () => {
    const relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    apis.relata = { lib: 'relata', db: relata, L: RelataLib };
    apis.sequelize = { lib: 'sequelize', db: twin.sequelize as never, L: SequelizeLib as never };
  });
  afterAll(async () => twin?.close());

  async function both<T>(scenario: (api: Api) => Promise<T>): Promise<Record<Lib, T>> {
    return { sequelize: await scenario(apis.sequelize), relata: await scenario(apis.relata) };
  }

  it('query({ model }) answers instances that are not new records; mapToModel renames the columns; plain answers one or null', async () => {
    const results = await both(async ({ db, L, lib }) => {
      const Person = db.define('RqPerson', { firstName: { type: L.DataTypes.STRING, field: 'first_name' }, age: L.DataTypes.INTEGER }, { timestamps: false });
      await Person.sync({ force: true });
      await Person.bulkCreate([{ firstName: 'ada', age: 36 }, { firstName: 'grace', age: 45 }]);
      const table = db.getQueryInterface().quoteIdentifier('RqPeople');
      const select = `SELECT * FROM ${table} ORDER BY id`;
      const mapped = await db.query(select, { model: Person, mapToModel: true });
      const unmapped = await db.query(select, { model: Person });
      const typed = await db.query(select, { model: Person, type: L.QueryTypes.SELECT, mapToModel: true });
      const one = await db.query(`${select} DESC`, { model: Person, plain: true, mapToModel: true });
      const none = await db.query(`SELECT * FROM ${table} WHERE id = 99`, { model: Person, plain: true });
      const raw = await db.query(select, { model: Person, raw: true, type: L.QueryTypes.SELECT });
      if (lib === 'relata') {
        expect(mapped[0]).toBeInstanceOf(Person);
        expect(one).toBeInstanceOf(Person);
      }
      return {
        mapped: mapped.map((p) => ({ isNewRecord: p.isNewRecord, values: p.get({ plain: true }), firstName: p.get('firstName') })),
        unmapped: unmapped.map((p) => p.get({ plain: true })),
        typed: typed.map((p) => p.get('firstName')),
        one: one?.get('firstName'),
        none,
        raw: raw.map((r) => ({ ...r })),
        rawIsInstance: raw[0] instanceof Person,
      };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({
      mapped: [
        { isNewRecord: false, values: { id: 1, firstName: 'ada', age: 36 }, firstName: 'ada' },
        { isNewRecord: false, values: { id: 2, firstName: 'grace', age: 45 }, firstName: 'grace' },
      ],
      unmapped: [
        { id: 1, first_name: 'ada', age: 36 },
        { id: 2, first_name: 'grace', age: 45 },
      ],
      typed: ['ada', 'grace'],
      one: 'grace',
      none: null,
      raw: [
        { id: 1, first_name: 'ada', age: 36 },
        { id: 2, first_name: 'grace', age: 45 },
      ],
      rawIsInstance: false,
    });
  });

  it('col() and fn() as update values are written as SQL, on the static and the instance update', async () => {
    const results = await both(async ({ db, L }) => {
      const Label = db.define('RqLabel', { name: L.DataTypes.STRING, alias: L.DataTypes.STRING }, { timestamps: false });
      await Label.sync({ force: true });
      await Label.bulkCreate([{ name: 'ada', alias: 'x' }, { name: 'grace', alias: 'y' }]);
      const [count] = await Label.update({ alias: L.col('name') }, { where: { id: 1 } });
      const grace = await Label.findByPk(2);
      await grace?.update({ alias: L.fn('upper', L.col('name')) });
      return { count, rows: await Label.findAll({ order: [['id', 'ASC']], raw: true }) };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({
      count: 1,
      rows: [
        { id: 1, name: 'ada', alias: 'ada' },
        { id: 2, name: 'grace', alias: 'GRACE' },
      ],
    });
  });
});
