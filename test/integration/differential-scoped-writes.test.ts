/**
 * Bulk writes through a scope, on sequelize@6 and on relata on every dialect: `update`, `destroy`,
 * `increment` and `decrement` of a scoped or default-scoped model touch the rows its scope selects
 * (Sequelize merges the scope's where into theirs), and `unscoped()` touches the others. Also the
 * optimistic-locking version, which both increment and decrement raise by one, and static update
 * leaving out keys whose value is undefined.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { pairedLibraries, type Lib } from '../support/paired-libraries.js';

type AnyModel = any;
interface Db {
  define(name: string, attributes: object, options?: object): AnyModel;
}

describeEachDialect('bulk writes through a scope, relata against sequelize@6', ({ dialect, connect, url }) => {
  const { dbs, types } = pairedLibraries<Db>({ dialect, connect, url });

  it('update, destroy, increment and decrement keep to the scope', async () => {
    const run = async (lib: Lib) => {
      const T = types[lib];
      const Op = lib === 'relata' ? RelataLib.Op : SequelizeLib.Op;
      const User = dbs[lib].define(
        'SwUser',
        { name: T.STRING, score: T.INTEGER, active: T.BOOLEAN },
        { timestamps: false, defaultScope: { where: { active: true } }, scopes: { jeff: { where: { name: 'jeff' } } } },
      );
      await User.sync({ force: true });
      const rows = async () => (await User.unscoped().findAll({ order: [['id', 'ASC']] })).map((u: AnyModel) => [u.name, u.score, u.active]);
      await User.bulkCreate([
        { name: 'jeff', score: 1, active: true },
        { name: 'ann', score: 3, active: true },
        { name: 'bob', score: 5, active: false },
      ]);
      await User.scope('jeff').increment('score', {});
      await User.scope('jeff').decrement('score', { by: 3, where: { score: { [Op.gt]: 0 } } });
      const afterIncrement = await rows();
      await User.update({ score: 10 }, { where: {} });
      const afterDefaultUpdate = await rows();
      await User.unscoped().update({ score: 20 }, { where: { name: 'bob' } });
      await User.destroy({ where: { score: { [Op.gte]: 10 } } });
      const afterDestroy = await rows();
      return { afterIncrement, afterDefaultUpdate, afterDestroy };
    };
    const ours = await run('relata');
    expect(ours).toMatchObject({
      afterIncrement: [['jeff', -1, expect.anything()], ['ann', 3, expect.anything()], ['bob', 5, expect.anything()]],
      afterDefaultUpdate: [['jeff', 10, expect.anything()], ['ann', 10, expect.anything()], ['bob', 5, expect.anything()]],
      afterDestroy: [['bob', 20, expect.anything()]],
    });
    expect(ours).toEqual(await run('sequelize'));
  });

  it('increment and decrement both raise the version by one', async () => {
    const run = async (lib: Lib) => {
      const Account = dbs[lib].define('SwAccount', { number: types[lib].INTEGER }, { version: true, timestamps: false });
      await Account.sync({ force: true });
      const account = await Account.create({ number: 5 });
      await account.increment('number', { by: 2 });
      await account.decrement('number', { by: 1 });
      await Account.decrement('number', { where: { id: account.id } });
      const row = await Account.findByPk(account.id);
      return [row.number, row.version];
    };
    const ours = await run('relata');
    expect(ours).toEqual([5, 3]);
    expect(ours).toEqual(await run('sequelize'));
  });

  it('static update leaves out keys whose value is undefined', async () => {
    const run = async (lib: Lib) => {
      const Account = dbs[lib].define('SwOwned', { ownerId: { type: types[lib].INTEGER, allowNull: false }, name: types[lib].STRING }, { timestamps: false });
      await Account.sync({ force: true });
      const account = await Account.create({ ownerId: 2, name: 'a' });
      const result = await Account.update({ name: 'b', ownerId: undefined }, { where: { id: account.id } });
      const row = await Account.findByPk(account.id);
      return { count: result[0], row: [row.ownerId, row.name] };
    };
    const ours = await run('relata');
    expect(ours).toEqual({ count: 1, row: [2, 'b'] });
    expect(ours).toEqual(await run('sequelize'));
  });
});
