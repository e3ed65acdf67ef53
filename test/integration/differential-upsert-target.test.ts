/**
 * The conflict target `upsert` picks without `conflictFields`, on sequelize@6 and on relata on every
 * dialect: a unique index declared in `indexes` or a unique attribute holding a written column, the
 * primary key when the key is written; and bulkCreate's `updateOnDuplicate` without
 * `conflictAttributes`: the unique indexes and the first unique attribute, else the primary key.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.js';
import { pairedLibraries, type Lib } from '../support/paired-libraries.js';

type AnyModel = any;
interface Db {
  define(name: string, attributes: object, options?: object): AnyModel;
}

describeEachDialect('upsert conflict targets, relata against sequelize@6', ({ dialect, connect, url }) => {
  const { dbs, types } = pairedLibraries<Db>({ dialect, connect, url });

  it('upserts on unique indexes, unique attributes and the primary key', async () => {
    const run = async (lib: Lib) => {
      const T = types[lib];
      const Indexed = dbs[lib].define('UtIndexed', { username: T.STRING, email: T.STRING, city: T.STRING }, {
        indexes: [{ unique: true, fields: ['username'] }, { unique: true, fields: ['email'] }],
      });
      // `unique` given as a name, as Sequelize's own tests write it: still a unique index.
      const Composite = dbs[lib].define('UtComposite', { a: T.STRING, b: T.STRING, city: T.STRING }, { indexes: [{ unique: 'ut_a_b', fields: ['a', 'b'] }] });
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

  it('bulkCreate updateOnDuplicate conflicts on a unique attribute or index, else the primary key', async () => {
    const run = async (lib: Lib) => {
      const T = types[lib];
      const User = dbs[lib].define('UtBulkUser', { uniqueName: { type: T.STRING, unique: true }, secretValue: { type: T.STRING, field: 'secret_value' } });
      const Tagged = dbs[lib].define('UtBulkTag', { label: T.STRING, note: T.STRING }, { indexes: [{ unique: true, fields: ['label'] }] });
      const Student = dbs[lib].define('UtBulkStudent', { no: { type: T.INTEGER, primaryKey: true }, name: T.STRING });
      for (const m of [User, Tagged, Student]) await m.sync({ force: true });
      const options = { fields: ['uniqueName', 'secretValue'], updateOnDuplicate: ['secretValue'] };
      await User.bulkCreate([{ uniqueName: 'Peter', secretValue: '42' }, { uniqueName: 'Paul', secretValue: '23' }], options);
      await User.bulkCreate([{ uniqueName: 'Peter', secretValue: '43' }, { uniqueName: 'Michael', secretValue: '26' }], options);
      await Tagged.bulkCreate([{ label: 'a', note: '1' }], { updateOnDuplicate: ['note'] });
      await Tagged.bulkCreate([{ label: 'a', note: '2' }, { label: 'b', note: '3' }], { updateOnDuplicate: ['note'] });
      await Student.bulkCreate([{ no: 1, name: 'Peter' }], { updateOnDuplicate: ['name'] });
      await Student.bulkCreate([{ no: 1, name: 'Peterson' }, { no: 2, name: 'Paul' }], { updateOnDuplicate: ['name'] });
      return {
        users: (await User.findAll({ order: [['id', 'ASC']] })).map((u: AnyModel) => [u.uniqueName, u.secretValue]),
        tags: (await Tagged.findAll({ order: [['label', 'ASC']] })).map((t: AnyModel) => [t.label, t.note]),
        students: (await Student.findAll({ order: [['no', 'ASC']] })).map((t: AnyModel) => [t.no, t.name]),
      };
    };
    const ours = await run('relata');
    expect(ours).toEqual({ users: [['Peter', '43'], ['Paul', '23'], ['Michael', '26']], tags: [['a', '2'], ['b', '3']], students: [[1, 'Peterson'], [2, 'Paul']] });
    expect(ours).toEqual(await run('sequelize'));
  });

  it('bulkCreate refuses an updateOnDuplicate that is not a non-empty array, with Sequelize\'s words', async () => {
    const run = async (lib: Lib) => {
      const Item = dbs[lib].define('UtBulkBad', { name: types[lib].STRING });
      await Item.sync({ force: true });
      const outcomes: string[] = [];
      for (const updateOnDuplicate of [true, []]) {
        const error = (await Item.bulkCreate([{ name: 'a' }], { updateOnDuplicate }).then(() => undefined, (e: unknown) => e)) as Error | undefined;
        outcomes.push(error?.message.includes('updateOnDuplicate option only supports non-empty array.') ? 'refused' : `not refused: ${String(error)}`);
      }
      return { outcomes, rows: await Item.count() };
    };
    const ours = await run('relata');
    expect(ours).toEqual({ outcomes: ['refused', 'refused'], rows: 0 });
    expect(ours).toEqual(await run('sequelize'));
  });
});
