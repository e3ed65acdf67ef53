/**
 * The `getterMethods` / `setterMethods` model options on every dialect, relata against sequelize@6:
 * computed properties read as instance properties and through `get(key)`, listed first by
 * `get()`/`toJSON()` of built and created instances and left out of found ones, and setters run by
 * `set(key, value)`, property assignment, `build` and `create`.
 */
import * as SequelizeLib from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type AnyModel = any;
type Lib = 'relata' | 'sequelize';
interface Db {
  define(name: string, attributes: object, options?: object): AnyModel;
}

function definePerson(db: Db, types: typeof RelataLib.DataTypes): AnyModel {
  return db.define(
    'GsPerson',
    {
      first: types.STRING,
      last: types.STRING,
      nick: {
        type: types.STRING,
        get(this: AnyModel) {
          return `N:${this.getDataValue('nick')}`;
        },
      },
    },
    {
      tableName: 'gs_people',
      timestamps: false,
      getterMethods: {
        full(this: AnyModel) {
          return `${this.first} ${this.last}`;
        },
        initials(this: AnyModel) {
          return `${String(this.first)[0]}${String(this.last)[0]}`;
        },
      },
      setterMethods: {
        full(this: AnyModel, value: string) {
          const [first, last] = value.split(' ');
          this.setDataValue('first', first);
          this.setDataValue('last', last);
        },
      },
    },
  );
}

describeEachDialect('getterMethods and setterMethods, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const dbs = {} as Record<Lib, { db: Db; types: typeof RelataLib.DataTypes }>;

  beforeAll(async () => {
    dbs.relata = { db: (await connect()) as never, types: RelataLib.DataTypes };
    twin = await sequelizeTwin(dialect, url);
    dbs.sequelize = { db: twin.sequelize as never, types: SequelizeLib.DataTypes as never };
  });
  afterAll(async () => twin?.close());

  async function both<T>(scenario: (db: Db, types: typeof RelataLib.DataTypes) => Promise<T>): Promise<Record<Lib, T>> {
    return { sequelize: await scenario(dbs.sequelize.db, dbs.sequelize.types), relata: await scenario(dbs.relata.db, dbs.relata.types) };
  }

  it('lists computed properties first in get() and toJSON() of a built instance', async () => {
    const results = await both(async (db, types) => {
      const Person = definePerson(db, types);
      const ada = Person.build({ first: 'Ada', last: 'Lovelace', nick: 'a' });
      return {
        keys: Object.keys(ada.get()),
        json: JSON.stringify(ada.toJSON()),
        property: ada.full,
        byKey: ada.get('full'),
        raw: ada.get('full', { raw: true }) ?? null,
      };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({
      keys: ['full', 'initials', 'nick', 'id', 'first', 'last'],
      json: '{"full":"Ada Lovelace","initials":"AL","nick":"N:a","id":null,"first":"Ada","last":"Lovelace"}',
      property: 'Ada Lovelace',
      byKey: 'Ada Lovelace',
      raw: null,
    });
  });

  it('runs setters from set(), property assignment, build and create; a found instance lists no computed key', async () => {
    const results = await both(async (db, types) => {
      const Person = definePerson(db, types);
      await Person.sync({ force: true });
      const person = Person.build({ full: 'Grace Hopper', nick: 'g' });
      const built = [person.first, person.last];
      person.set('full', 'Linus Torvalds');
      const afterSet = [person.first, person.last, [...person.changed()].sort()];
      person.full = 'Ada Lovelace';
      const afterAssign = [person.first, person.last];
      person.set({ full: 'Alan Turing', nick: 't' });
      await person.save();
      const created = await Person.create({ full: 'Edsger Dijkstra', nick: 'e' });
      const found = await Person.findByPk(person.id);
      const narrow = await Person.findOne({ where: { id: created.id }, attributes: ['id', 'first'] });
      return {
        built,
        afterSet,
        afterAssign,
        saved: person.get({ plain: true }),
        created: created.toJSON(),
        found: { keys: Object.keys(found.get()), json: found.toJSON(), full: found.full },
        narrow: narrow.get(),
        rows: (await Person.findAll({ order: [['id', 'ASC']], raw: true })) as unknown,
      };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toMatchObject({
      built: ['Grace', 'Hopper'],
      afterSet: ['Linus', 'Torvalds', ['first', 'last', 'nick']],
      afterAssign: ['Ada', 'Lovelace'],
      saved: { full: 'Alan Turing', initials: 'AT', nick: 'N:t', id: 1, first: 'Alan', last: 'Turing' },
      created: { full: 'Edsger Dijkstra', initials: 'ED', nick: 'N:e', id: 2, first: 'Edsger', last: 'Dijkstra' },
      found: { keys: ['nick', 'id', 'first', 'last'], json: { nick: 'N:t', id: 1, first: 'Alan', last: 'Turing' }, full: 'Alan Turing' },
      narrow: { id: 2, first: 'Edsger' },
      rows: [
        { id: 1, first: 'Alan', last: 'Turing', nick: 't' },
        { id: 2, first: 'Edsger', last: 'Dijkstra', nick: 'e' },
      ],
    });
  });

  it('a getterMethods entry named like an attribute reads that attribute', async () => {
    const results = await both(async (db, types) => {
      const Item = db.define('GsItem', { label: types.STRING }, { timestamps: false, getterMethods: { label: () => 'computed' } });
      const item = Item.build({ label: 'stored' });
      return { values: item.get(), property: item.label, raw: item.getDataValue('label') };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({ values: { label: 'computed', id: null }, property: 'computed', raw: 'stored' });
  });

  it('refuses getterMethods that are not functions, naming the model', () => {
    expect(() => dbs.relata.db.define('GsBad', { a: RelataLib.DataTypes.STRING }, { getterMethods: { a: 'x' } })).toThrow(RelataLib.InvalidOptionError);
    expect(() => dbs.relata.db.define('GsBad', { a: RelataLib.DataTypes.STRING }, { setterMethods: [] })).toThrow(/GsBad/);
  });
});
