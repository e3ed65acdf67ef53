/**
 * The conflict target `upsert` picks without `conflictFields`, on sequelize@6 and on relata on every
 * dialect: a unique index declared in `indexes` or a unique attribute holding a written column, the
 * primary key when the key is written.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Lib = 'relata' | 'sequelize';
type AnyModel = any;
interface Db {
  define(name: string, attributes: object, options?: object): AnyModel;
}

describeEachDialect('upsert conflict targets, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const dbs = {} as Record<Lib, Db>;
  const types = { relata: RelataLib.DataTypes, sequelize: SequelizeLib.DataTypes as unknown as typeof RelataLib.DataTypes };

  beforeAll(async () => {
    dbs.relata = (await connect()) as unknown as Db;
    twin = await sequelizeTwin(dialect, url);
    dbs.sequelize = twin.sequelize as unknown as Db;
  });
  afterAll(async () => twin?.close());

  it('upserts on unique indexes, unique attributes and the primary key', async () => {
    const run = async (lib: Lib) => {
      const T = types[lib];
      const Indexed = dbs[lib].define('UtIndexed', { username: T.STRING, email: T.STRING, city: T.STRING }, {
        indexes: [{ unique: true, fields: ['username'] }, { unique: true, fields: ['email'] }],
      });
      const Composite = dbs[lib].define('UtComposite', { a: T.STRING, b: T.STRING, city: T.STRING }, { indexes: [{ unique: true, fields: ['a', 'b'] }] });
      const Attr = dbs[lib].define('UtAttr', { code: { type: T.STRING, unique: true }, city: T.STRING });
      for (const m of [Indexed, Composite, Attr]) await m.sync({ force: true });
      await Indexed.upsert({ username: 'u1', email: 'e1', city: 'City' });
      await Indexed.upsert({ username: 'u1', email: 'e1', city: 'New City' });
      await Composite.upsert({ a: 'x', b: 'y', city: 'City' });
      await Composite.upsert({ a: 'x', b: 'y', city: 'New City' });
      await Attr.upsert({ code: 'c', city: 'City' });
      await Attr.upsert({ code: 'c', city: 'New City' });
      const first = (await Attr.findOne({ where: { code: 'c' } })) as AnyModel;
      await Attr.upsert({ id: first.id, code: 'c', city: 'By Key' });
      const rows = async (m: AnyModel) => (await m.findAll()).map((r: AnyModel) => r.city);
      return { indexed: await rows(Indexed), composite: await rows(Composite), attr: await rows(Attr) };
    };
    const ours = await run('relata');
    expect(ours).toEqual({ indexed: ['New City'], composite: ['New City'], attr: ['By Key'] });
    expect(ours).toEqual(await run('sequelize'));
  });
});
