/**
 * `sequelize.query(sql, { model, mapToModel, fieldMap, nest, raw, plain })`, as Sequelize 6 code
 * writes it to read hand-written SQL into model instances, run on sequelize@6 and on relata on every
 * dialect and compared.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Lib = 'relata' | 'sequelize';
type AnyModel = any;
interface Row { get(key?: string): unknown; isNewRecord: boolean; changed(): unknown; save(): Promise<unknown>; set(key: string, value: unknown): void }
interface Api {
  lib: Lib;
  db: {
    define(name: string, attributes: object, options?: object): AnyModel;
    query(sql: string, options?: object): Promise<unknown>;
    getQueryInterface(): { quoteIdentifier(name: string): string };
  };
  DataTypes: typeof RelataLib.DataTypes;
  QueryTypes: typeof RelataLib.QueryTypes;
}

describeEachDialect('query() rows read into models, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const apis = {} as Record<Lib, Api>;
  const models = {} as Record<Lib, AnyModel>;

  beforeAll(async () => {
    const relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    apis.relata = { lib: 'relata', db: relata as never, DataTypes: RelataLib.DataTypes, QueryTypes: RelataLib.QueryTypes };
    apis.sequelize = { lib: 'sequelize', db: twin.sequelize as never, DataTypes: SequelizeLib.DataTypes as never, QueryTypes: SequelizeLib.QueryTypes as never };
    for (const api of Object.values(apis)) {
      const Person = api.db.define('RawPerson', { name: api.DataTypes.STRING, firstName: { type: api.DataTypes.STRING, field: 'first_name' } }, { timestamps: false });
      await Person.sync({ force: true });
      await Person.bulkCreate([{ name: 'ada', firstName: 'A' }, { name: 'bob', firstName: 'B' }]);
      models[api.lib] = Person;
    }
  });
  afterAll(async () => twin?.close());

  async function both<T>(scenario: (api: Api, Person: AnyModel, q: (name: string) => string) => Promise<T>): Promise<Record<Lib, T>> {
    const run = (api: Api) => scenario(api, models[api.lib], (name) => api.db.getQueryInterface().quoteIdentifier(name));
    return { sequelize: await run(apis.sequelize), relata: await run(apis.relata) };
  }

  const shape = (row: Row) => ({ values: row.get({ plain: true } as never), isNewRecord: row.isNewRecord, changed: row.changed() });

  it('model: rows become saved, unchanged instances keyed by column name; mapToModel renames to attributes', async () => {
    const results = await both(async ({ db }, Person, q) => {
      const sql = `SELECT ${q('id')}, ${q('name')}, ${q('first_name')} FROM ${q('RawPeople')} ORDER BY ${q('id')}`;
      const byColumn = (await db.query(sql, { model: Person })) as Row[];
      const mapped = (await db.query(sql, { model: Person, mapToModel: true })) as Row[];
      return {
        instances: byColumn.every((row) => row instanceof Person) && mapped.every((row) => row instanceof Person),
        byColumn: byColumn.map(shape),
        mapped: mapped.map(shape),
      };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata.instances).toBe(true);
    expect(results.relata.mapped[1]).toEqual({ values: { id: 2, name: 'bob', firstName: 'B' }, isNewRecord: false, changed: false });
    expect(results.relata.byColumn[0]?.values).toEqual({ id: 1, name: 'ada', first_name: 'A' });
  });

  it('an instance read by query() saves back by its primary key', async () => {
    const results = await both(async ({ db }, Person, q) => {
      const sql = `SELECT ${q('id')}, ${q('name')}, ${q('first_name')} FROM ${q('RawPeople')} WHERE ${q('id')} = ?`;
      const row = (await db.query(sql, { model: Person, mapToModel: true, plain: true, replacements: [2] })) as Row;
      row.set('name', 'bea');
      await row.save();
      const saved = await Person.findByPk(2);
      const none = await db.query(sql, { model: Person, plain: true, replacements: [99] });
      await Person.update({ name: 'bob' }, { where: { id: 2 } });
      return { name: saved.get('name'), firstName: saved.get('firstName'), none };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({ name: 'bea', firstName: 'B', none: null });
  });

  it('raw: true keeps plain rows; nest nests dotted keys; fieldMap renames columns', async () => {
    const results = await both(async ({ db, QueryTypes }, Person, q) => {
      const table = q('RawPeople');
      const raw = (await db.query(`SELECT ${q('id')}, ${q('first_name')} FROM ${table} ORDER BY ${q('id')}`, { model: Person, raw: true })) as object[];
      const nested = await db.query(`SELECT ${q('id')}, ${q('name')} AS ${q('who.name')} FROM ${table} ORDER BY ${q('id')}`, { nest: true, type: QueryTypes.SELECT });
      const nestedPlain = await db.query(`SELECT ${q('id')}, ${q('name')} AS ${q('who.name')} FROM ${table} ORDER BY ${q('id')}`, { nest: true, plain: true });
      const renamed = await db.query(`SELECT ${q('id')}, ${q('first_name')} FROM ${table} ORDER BY ${q('id')}`, { type: QueryTypes.SELECT, fieldMap: { first_name: 'initial' } });
      return { raw: raw.map((row) => ({ ...row, instance: row instanceof Person })), nested, nestedPlain, renamed };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata.nested).toEqual([{ id: 1, who: { name: 'ada' } }, { id: 2, who: { name: 'bob' } }]);
    expect(results.relata.renamed).toEqual([{ id: 1, initial: 'A' }, { id: 2, initial: 'B' }]);
    expect(results.relata.raw[0]).toEqual({ id: 1, first_name: 'A', instance: false });
  });
});

it('nest never writes through __proto__', async () => {
  const { nestDottedKeys } = await import('../../src/model/raw-query-rows.js');
  const nested = nestDottedKeys({ '__proto__.polluted': 1, 'a.b': 2 });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
  expect(Object.keys(nested)).toEqual(['__proto__', 'a']);
  expect(Object.getOwnPropertyDescriptor(nested, '__proto__')?.value).toEqual({ polluted: 1 });
});
