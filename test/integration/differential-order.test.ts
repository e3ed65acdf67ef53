/**
 * `order` with literal(), fn() and col() on every dialect, relata against sequelize@6: the same
 * rows in the same order. `[col(), direction]` without its brackets fails on Sequelize (it reads
 * a column named ASC); relata sorts by it, as Sequelize sorts `[[col(), direction]]`.
 */
import * as SequelizeLib from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Fragments = Pick<typeof RelataLib, 'literal' | 'fn' | 'col'>;
type AnyModel = any;

const ROWS = [
  { name: 'b', age: 20 },
  { name: 'A', age: 10 },
  { name: 'c', age: 40 },
  { name: 'D', age: 30 },
];

/** Each order, built from one library's fragments; the last item is the row order expected. */
const CASES: [string, (f: Fragments) => unknown, string[]][] = [
  ['a literal alone', ({ literal }) => literal('age DESC'), ['c', 'D', 'b', 'A']],
  ['literals in a list', ({ literal }) => [literal('age DESC')], ['c', 'D', 'b', 'A']],
  ['a literal with a direction', ({ literal }) => [[literal('age'), 'DESC']], ['c', 'D', 'b', 'A']],
  ['fn alone', ({ fn, col }) => fn('lower', col('name')), ['A', 'b', 'c', 'D']],
  ['fn in a list', ({ fn, col }) => [fn('lower', col('name'))], ['A', 'b', 'c', 'D']],
  ['fn with a direction', ({ fn, col }) => [[fn('lower', col('name')), 'DESC']], ['D', 'c', 'b', 'A']],
  ['col alone', ({ col }) => col('age'), ['A', 'b', 'D', 'c']],
  ['col with a direction', ({ col }) => [[col('age'), 'DESC']], ['c', 'D', 'b', 'A']],
  ['expressions beside an attribute', ({ fn, col, literal }) => [[fn('lower', col('name')), 'ASC'], 'age', literal('id')], ['A', 'b', 'c', 'D']],
];

describeEachDialect('order by literal(), fn() and col(), relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  let relataUser: AnyModel;
  let sequelizeUser: AnyModel;

  beforeAll(async () => {
    const relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    const attributes = (types: typeof RelataLib.DataTypes) => ({ name: types.STRING, age: types.INTEGER });
    relataUser = relata.define('OrderedUser', attributes(RelataLib.DataTypes), { tableName: 'ordered_users', timestamps: false });
    sequelizeUser = twin.sequelize.define('OrderedUser', attributes(SequelizeLib.DataTypes as never) as never, { tableName: 'ordered_users', timestamps: false });
    for (const User of [relataUser, sequelizeUser]) {
      await User.sync({ force: true });
      await User.bulkCreate(ROWS);
    }
  });
  afterAll(async () => twin?.close());

  it.each(CASES)('%s', async (_label, order, expected) => {
    const names = async (User: AnyModel, fragments: Fragments) => (await User.findAll({ order: order(fragments) })).map((u: AnyModel) => u.name);
    const relata = await names(relataUser, RelataLib);
    expect(relata).toEqual(await names(sequelizeUser, SequelizeLib as unknown as Fragments));
    expect(relata).toEqual(expected);
  });

  it('sorts by [col(), direction] without brackets as Sequelize sorts [[col(), direction]]', async () => {
    const relata = (await relataUser.findAll({ order: [RelataLib.col('age'), 'DESC'] })).map((u: AnyModel) => u.name);
    const sequelize = (await sequelizeUser.findAll({ order: [[SequelizeLib.col('age'), 'DESC']] })).map((u: AnyModel) => u.name);
    expect(relata).toEqual(sequelize);
    expect(relata).toEqual(['c', 'D', 'b', 'A']);
    await expect(sequelizeUser.findAll({ order: [SequelizeLib.col('age'), 'DESC'] })).rejects.toThrow(/DESC/);
  });
});
