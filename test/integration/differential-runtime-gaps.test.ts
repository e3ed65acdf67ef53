/**
 * Runtime behaviour Sequelize code relies on, run on sequelize@6 and on relata on every dialect
 * and compared: the error for a malformed attribute definition, `query({ plain })` without a type,
 * `bulkCreate({ validate: true })` failures, `findCreateFind`/`findOrCreate` racing inside one
 * transaction, `sync()` of a belongsTo cycle whose two keys are both constrained, a findAll of no
 * columns, and what afterFind receives from findOne, findByPk and findAll.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { constraints } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Lib = 'relata' | 'sequelize';
type AnyModel = any;
interface Api {
  lib: Lib;
  db: {
    define(name: string, attributes: object, options?: object): AnyModel;
    sync(options?: object): Promise<unknown>;
    drop(options?: object): Promise<unknown>;
    query(sql: string, options?: object): Promise<unknown>;
    transaction(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
  };
  DataTypes: typeof RelataLib.DataTypes;
}

/** What an error looks like from outside: its name, message, and the fields Sequelize code reads. */
function errorShape(error: unknown): Record<string, unknown> {
  const e = error as { name: string; message: string; errors?: unknown; record?: { get(key: string): unknown } };
  const shape: Record<string, unknown> = e.name === undefined ? {} : { name: e.name };
  if (Array.isArray(e.errors)) shape.errors = e.errors.map(errorShape);
  else if (e.errors instanceof Error) shape.errors = errorShape(e.errors);
  else shape.message = e.message;
  if (e.record !== undefined) shape.record = e.record.get('username');
  return shape;
}

describeEachDialect('runtime gaps found by Sequelize 6 model and hooks suites, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const apis = {} as Record<Lib, Api>;

  beforeAll(async () => {
    const relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    apis.relata = { lib: 'relata', db: relata as never, DataTypes: RelataLib.DataTypes };
    apis.sequelize = { lib: 'sequelize', db: twin.sequelize as never, DataTypes: SequelizeLib.DataTypes as never };
  });
  afterAll(async () => twin?.close());

  async function both<T>(scenario: (api: Api) => Promise<T>): Promise<Record<Lib, T>> {
    return { sequelize: await scenario(apis.sequelize), relata: await scenario(apis.relata) };
  }

  it('an attribute entry that is an array of one is refused with Sequelize’s message', async () => {
    const results = await both(async ({ db, DataTypes, lib }) => {
      const User = db.define('GapAttrUser', { username: DataTypes.STRING }, { timestamps: false });
      await User.sync({ force: true });
      const error = await User.findOne({ attributes: ['id', ['username']] }).then(
        () => undefined,
        (e: Error) => e,
      );
      if (lib === 'relata') expect(error).toBeInstanceOf(RelataLib.InvalidOptionError);
      return error?.message;
    });
    expect(results.relata).toBe(results.sequelize);
    expect(results.relata).toBe(`["username"] is not a valid attribute definition. Please use the following format: ['attribute definition', 'alias']`);
  });

  it('literal(number) as a default value is the database’s default', async () => {
    const results = await both(async ({ db, DataTypes, lib }) => {
      const literal = lib === 'relata' ? RelataLib.literal : (SequelizeLib.literal as unknown as typeof RelataLib.literal);
      const Item = db.define('GapLiteralItem', { name: DataTypes.STRING, code: { type: DataTypes.INTEGER, defaultValue: literal(2020) } }, { timestamps: false });
      await Item.sync({ force: true });
      await Item.create({ name: 'a' });
      return (await Item.findOne({ raw: true })) as unknown;
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({ id: 1, name: 'a', code: 2020 });
  });

  it('fn() and cast() as written values are evaluated by the database, on create, update and bulkCreate', async () => {
    const results = await both(async ({ db, DataTypes, lib }) => {
      const L = (lib === 'relata' ? RelataLib : SequelizeLib) as typeof RelataLib;
      const Note = db.define('GapFnNote', { text: DataTypes.STRING, size: DataTypes.INTEGER }, { timestamps: false });
      await Note.sync({ force: true });
      const note = await Note.create({ text: L.fn('upper', 'ada $x'), size: L.cast('7', 'INTEGER') });
      await note.reload();
      const first = { ...note.get({ plain: true }) };
      await note.update({ text: L.fn('lower', 'GRACE') });
      await note.reload();
      await Note.bulkCreate([{ text: L.fn('upper', 'linus'), size: 1 }]);
      return { first, rows: (await Note.findAll({ order: [['id', 'ASC']], raw: true })) as unknown };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({
      first: { id: 1, text: 'ADA $X', size: 7 },
      rows: [
        { id: 1, text: 'grace', size: 7 },
        { id: 2, text: 'LINUS', size: 1 },
      ],
    });
  });

  it('the model option rejectOnEmpty is the finders’ default; a call’s own rejectOnEmpty wins', async () => {
    const results = await both(async ({ db, DataTypes, lib }) => {
      const Strict = db.define('GapStrict', { name: DataTypes.STRING }, { timestamps: false, rejectOnEmpty: true });
      await Strict.sync({ force: true });
      const outcome = (p: Promise<unknown>) =>
        p.then(
          (v) => ['resolved', Array.isArray(v) ? v.length : v],
          (e: Error) => ['rejected', e.name],
        );
      return {
        findAll: await outcome(Strict.findAll({ where: { name: 'none' } })),
        findOne: await outcome(Strict.findOne({ where: { name: 'none' } })),
        findByPk: await outcome(Strict.findByPk(42)),
        overridden: await outcome(Strict.findOne({ where: { name: 'none' }, rejectOnEmpty: false })),
        // An error class is instantiated, as Sequelize does.
        errorClass: await outcome(Strict.findAll({ where: { name: 'none' }, rejectOnEmpty: (lib === 'relata' ? RelataLib : SequelizeLib).ConnectionError })),
      };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({
      findAll: ['rejected', 'SequelizeEmptyResultError'],
      findOne: ['rejected', 'SequelizeEmptyResultError'],
      findByPk: ['rejected', 'SequelizeEmptyResultError'],
      overridden: ['resolved', null],
      errorClass: ['rejected', 'SequelizeConnectionError'],
    });
  });

  it('sum/max/min over no rows are null; DECIMAL aggregates are numbers', async () => {
    const results = await both(async ({ db, DataTypes }) => {
      const Order = db.define('GapOrder', { sequence: DataTypes.INTEGER, amount: DataTypes.DECIMAL(10, 2), kind: DataTypes.STRING }, { timestamps: false });
      await Order.sync({ force: true });
      await Order.bulkCreate([
        { sequence: 1, amount: '2.50', kind: 'a' },
        { sequence: 4, amount: '5.00', kind: 'a' },
      ]);
      const out: Record<string, unknown> = {};
      for (const fn of ['sum', 'max', 'min'] as const) {
        for (const attr of ['sequence', 'amount']) {
          out[`${fn} ${attr}`] = await Order[fn](attr, { where: { kind: 'a' } });
          out[`${fn} ${attr} none`] = await Order[fn](attr, { where: { kind: 'z' } });
        }
      }
      out.count = await Order.count({ where: { kind: 'z' } });
      return out;
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toMatchObject({ 'sum sequence': 5, 'max amount': 5, 'min amount': 2.5, 'sum amount none': null, 'max sequence none': null, count: 0 });
  });

  it('query(sql, { plain: true }) without a type gives the first row', async () => {
    const results = await both(async ({ db }) => ({
      first: await db.query('SELECT 7 AS n UNION ALL SELECT 8 AS n ORDER BY n', { plain: true }),
      none: await db.query('SELECT 7 AS n WHERE 1 = 0', { plain: true }),
    }));
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({ first: { n: 7 }, none: null });
  });

  it('bulkCreate({ validate: true }) rejects with an AggregateError of one BulkRecordError per failing row, inserting nothing', async () => {
    const results = await both(async ({ db, DataTypes, lib }) => {
      const User = db.define(
        'GapBulkUser',
        { username: { type: DataTypes.STRING, validate: { len: [3, 10] } }, rank: { type: DataTypes.INTEGER, allowNull: false } },
        { timestamps: false },
      );
      await User.sync({ force: true });
      const rows = [
        { username: 'ada', rank: 1 },
        { username: 'x', rank: 2 },
        { username: 'grace', rank: null },
        { username: 'linus', rank: 4 },
      ];
      const error = await User.bulkCreate(rows, { validate: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (lib === 'relata') {
        expect(error).toBeInstanceOf(RelataLib.AggregateError);
        expect((error as RelataLib.AggregateError).errors[0]).toBeInstanceOf(RelataLib.BulkRecordError);
      }
      const single = await User.create({ username: 'okay', rank: null }).then(
        () => undefined,
        (e: Error) => e.message,
      );
      return { error: errorShape(error), count: await User.count(), single, text: String(error) };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toMatchObject({
      single: 'notNull Violation: GapBulkUser.rank cannot be null',
      text: expect.stringContaining('notNull Violation: GapBulkUser.rank cannot be null'),
    });
    expect(results.relata).toMatchObject({
      count: 0,
      error: {
        name: 'AggregateError',
        errors: [
          { name: 'SequelizeBulkRecordError', record: 'x', errors: { name: 'SequelizeValidationError', errors: [{ message: 'Validation len on username failed' }] } },
          { name: 'SequelizeBulkRecordError', record: 'grace', errors: { name: 'SequelizeValidationError', errors: [{ message: 'GapBulkUser.rank cannot be null' }] } },
        ],
      },
    });
  });

  it('findCreateFind and findOrCreate racing inside one transaction: one creates, the others find it, the transaction commits', async () => {
    const results = await both(async ({ db, DataTypes }) => {
      const Tag = db.define('GapRaceTag', { name: { type: DataTypes.STRING, unique: true } }, { timestamps: false });
      await Tag.sync({ force: true });
      const t = await db.transaction();
      const ffc = await Promise.all([1, 2, 3].map(() => Tag.findCreateFind({ where: { name: 'winner' }, transaction: t })));
      const foc = await Promise.all([1, 2].map(() => Tag.findOrCreate({ where: { name: 'second' }, transaction: t })));
      await t.commit();
      // Ids compared among themselves: a failed INSERT uses up a sequence value on PostgreSQL and MariaDB.
      const rows = (await Tag.findAll({ order: [['id', 'ASC']], raw: true })) as { id: number; name: string }[];
      const summary = (pairs: [{ get(k: string): unknown }, boolean][]) => ({
        rows: pairs.map(([row]) => rows.findIndex((r) => r.id === row.get('id') && r.name === row.get('name'))),
        created: pairs.filter(([, created]) => created).length,
      });
      return { findCreateFind: summary(ffc), findOrCreate: summary(foc), names: rows.map((r) => r.name) };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({
      findCreateFind: { rows: [0, 0, 0], created: 1 },
      findOrCreate: { rows: [1, 1], created: 1 },
      names: ['winner', 'second'],
    });
  });

  it('a belongsTo cycle with both keys constrained syncs, force-syncs and drops; both links hold', async () => {
    const results = await both(async ({ db, DataTypes }) => {
      const Alpha = db.define('GapAlpha', { name: DataTypes.STRING }, { tableName: 'gap_alphas', timestamps: false });
      const Beta = db.define('GapBeta', { name: DataTypes.STRING }, { tableName: 'gap_betas', timestamps: false });
      Alpha.belongsTo(Beta, { as: 'beta', foreignKey: 'betaId' });
      Beta.belongsTo(Alpha, { as: 'alpha', foreignKey: 'alphaId' });
      const rounds = [];
      for (const force of [false, true]) {
        await db.sync({ force });
        const b = await Beta.create({ name: 'b' });
        const a = await Alpha.create({ name: 'a', betaId: b.get('id') });
        await b.update({ alphaId: a.get('id') });
        const rows = await Beta.findAll({ include: [{ association: 'alpha', include: [{ association: 'beta', attributes: ['id', 'name'] }] }] });
        rounds.push(rows.map((r: { get(o: object): unknown }) => r.get({ plain: true })));
      }
      return rounds;
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata[1]).toEqual([{ id: 1, name: 'b', alphaId: 1, alpha: { id: 1, name: 'a', betaId: 1, beta: { id: 1, name: 'b' } } }]);
    // relata keeps both constraints on every dialect (Sequelize 6 leaves none on PostgreSQL, where its
    // second CREATE TABLE IF NOT EXISTS is a no-op; see docs/differences.md).
    const relata = apis.relata.db as unknown as RelataLib.Relata;
    const keys = async (table: string) => (await constraints(dialect).foreignKeys(relata, table)).map((k) => [k.column, k.refTable, k.onDelete]);
    expect(await keys('gap_alphas')).toEqual([['betaId', 'gap_betas', 'SET NULL']]);
    expect(await keys('gap_betas')).toEqual([['alphaId', 'gap_alphas', 'SET NULL']]);
    // The cycle's constraints are live: a dangling key is refused.
    await expect(relata.models.GapAlpha!.create({ name: 'dangling', betaId: 99 })).rejects.toBeInstanceOf(RelataLib.ForeignKeyConstraintError);
    await relata.drop();
    await twin.sequelize.drop();
    expect(await constraints(dialect).foreignKeys(relata, 'gap_alphas')).toEqual([]);
  });

  it('findAll of no columns is Sequelize\'s QueryError, before any SQL', async () => {
    const results = await both(async ({ db, DataTypes }) => {
      const User = db.define('GapNoCols', { name: DataTypes.STRING }, { timestamps: false });
      await User.sync({ force: true });
      const error = (await User.findAll({ attributes: [] }).catch((e: unknown) => e)) as Error;
      return { name: error.name, message: error.message };
    });
    expect(results.relata.name).toBe('SequelizeQueryError');
    expect(results.relata.message).toMatch(/^Attempted a SELECT query for model 'GapNoCols' as [`"]GapNoCols[`"] without selecting any columns$/);
    expect(results.relata).toEqual(results.sequelize);
  });

  it('afterFind gets the instance (or null) from findOne and findByPk, the list from findAll, and may change it', async () => {
    const results = await both(async ({ db, DataTypes }) => {
      const User = db.define('GapAfterFind', { username: DataTypes.STRING, mood: DataTypes.STRING }, { timestamps: false });
      await User.sync({ force: true });
      await User.create({ username: 'adam', mood: 'happy' });
      const seen: string[] = [];
      User.afterFind((result: unknown) => {
        seen.push(result === null ? 'null' : Array.isArray(result) ? `list of ${result.length}` : 'instance');
        if (result !== null && !Array.isArray(result)) (result as { mood: string }).mood = 'sad';
      });
      const one = await User.findOne({ where: { username: 'adam' } });
      const byPk = await User.findByPk(one.id);
      const none = await User.findOne({ where: { username: 'eve' } });
      const all = await User.findAll();
      return { seen, moods: [one.mood, byPk.mood, none, all[0].mood] };
    });
    expect(results.relata).toEqual({ seen: ['instance', 'instance', 'null', 'list of 1'], moods: ['sad', 'sad', null, 'happy'] });
    expect(results.relata).toEqual(results.sequelize);
  });
});
