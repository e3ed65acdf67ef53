/**
 * `json(path, value?)` (the export, `Sequelize.json` and `sequelize.json`) in where, attributes and
 * order on every dialect, relata against sequelize@6: the same rows. relata checks the path's
 * attribute against the model and binds every segment.
 */
import * as SequelizeLib from 'sequelize';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type AnyModel = any;
type Lib = Pick<typeof RelataLib, 'json' | 'where' | 'Op' | 'DataTypes'>;

const ROWS = [
  { name: 'a', meta: { city: 'Paris', tags: ['x', 'y'] } },
  { name: 'b', meta: { city: 'Rome', tags: ['y'] } },
  { name: 'c', meta: { city: 'Paris', tags: ['z'] } },
];

/** Each find, built from one library's json(); the last item is the result expected. */
const CASES: [string, (lib: Lib, db: { json: Lib['json'] }) => object, unknown][] = [
  ['where: json(path, value)', ({ json }) => ({ where: json('meta.city', 'Paris') }), ['a', 'c']],
  ['json() inside Op.and', ({ json, Op }) => ({ where: { [Op.and]: [json('meta.city', 'Paris'), { name: 'c' }] } }), ['c']],
  ['json() inside Op.or', ({ json, Op }) => ({ where: { [Op.or]: [json('meta.city', 'Rome'), { name: 'c' }] } }), ['b', 'c']],
  ['json(conditions)', ({ json }) => ({ where: json({ meta: { city: 'Paris' } }) }), ['a', 'c']],
  ['an array index in the path', ({ json }) => ({ where: json('meta.tags[0]', 'y') }), ['b']],
  ['where(json(path), value)', ({ json, where }) => ({ where: where(json('meta.city'), 'Rome') }), ['b']],
  ['sequelize.json on the connection', (_lib, db) => ({ where: db.json('meta.city', 'Rome') }), ['b']],
  ['order by json(path)', ({ json }) => ({ order: [[json('meta.city'), 'DESC'], ['name', 'DESC']] }), ['b', 'c', 'a']],
  [
    'a selected json(path)',
    ({ json }) => ({ attributes: ['name', [json('meta.city'), 'city']], order: [['name', 'ASC']], raw: true }),
    [
      { name: 'a', city: 'Paris' },
      { name: 'b', city: 'Rome' },
      { name: 'c', city: 'Paris' },
    ],
  ],
];

describeEachDialect('json() in where, attributes and order, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  let relataDb: AnyModel;
  const models = {} as Record<'relata' | 'sequelize', AnyModel>;

  beforeAll(async () => {
    relataDb = await connect();
    twin = await sequelizeTwin(dialect, url);
    const attributes = (types: typeof RelataLib.DataTypes) => ({ name: types.STRING, meta: types.JSON });
    models.relata = relataDb.define('JsonPlace', attributes(RelataLib.DataTypes), { tableName: 'json_places', timestamps: false });
    models.sequelize = twin.sequelize.define('JsonPlace', attributes(SequelizeLib.DataTypes as never) as never, { tableName: 'json_places', timestamps: false });
    for (const Place of Object.values(models)) {
      await Place.sync({ force: true });
      await Place.bulkCreate(ROWS);
    }
  });
  afterAll(async () => twin?.close());

  it.each(CASES)('%s', async (_label, options, expected) => {
    const run = async (Place: AnyModel, lib: Lib, db: { json: Lib['json'] }) => {
      const found = (await Place.findAll({ order: [['id', 'ASC']], ...options(lib, db) })) as AnyModel[];
      return found.map((row) => ('get' in row ? row.name : row));
    };
    const relata = await run(models.relata, RelataLib, relataDb);
    expect(relata).toEqual(await run(models.sequelize, SequelizeLib as unknown as Lib, twin.sequelize as never));
    expect(relata).toEqual(expected);
  });

  it('is Sequelize.json and sequelize.json', () => {
    expect(RelataLib.Relata.json).toBe(RelataLib.json);
    expect(relataDb.json('meta.city')).toBeInstanceOf(RelataLib.Utils.Json);
  });

  it('refuses a path whose attribute is not on the model, or that is not a path', async () => {
    await expect(models.relata.findAll({ where: RelataLib.json('nope.city', 'Paris') })).rejects.toThrow(RelataLib.UnknownAttributeError);
    await expect(models.relata.findAll({ where: RelataLib.json('nope.city', 'Paris') })).rejects.toThrow(/nope/);
    expect(() => RelataLib.json('meta..city', 'x').segments).toThrow(RelataLib.InvalidOptionError);
    await expect(models.relata.findAll({ where: RelataLib.json('meta."); DROP TABLE json_places; --', 'x') })).rejects.toThrow(RelataLib.InvalidOptionError);
    expect(await models.relata.count()).toBe(3);
  });
});
