/**
 * Sequelize 6's defaults, pinned by running each scenario on sequelize@6 and on relata (separate
 * namespaces of the same server, or two in-memory SQLite databases) and comparing what comes back:
 * written keys that are not attributes are dropped, bulkCreate validates only when asked,
 * min/max validators, references to a model class or null, keyType, group path arrays, a bare
 * col() in attributes, define() without attributes, bulkCreate of rows with no columns,
 * individualHooks on update/destroy/restore and on bulkCreate's validation, destroy({ limit }),
 * count with findAll's options, findOrBuild, findCreateFind, the sync hooks and link accessors
 * given write options.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DataTypes as SequelizeDataTypes, Sequelize as SequelizeLib, col as sequelizeCol } from 'sequelize';
import { DataTypes, col, type Relata } from '../../src/index.js';
import { catalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from '../support/global-setup.js';

type Library = 'relata' | 'sequelize';
// Both libraries' connections and models, driven through the same untyped calls.
type Db = any;
type M = any;

interface Kit {
  readonly db: Db;
  readonly T: typeof DataTypes;
  readonly col: (name: string) => unknown;
  readonly lib: Library;
}

const TIMESTAMPS = new Set(['createdAt', 'updatedAt', 'deletedAt']);

/** An instance's values without timestamps, keys sorted. */
function plain(instance: M): Record<string, unknown> {
  const values = instance.get({ plain: true }) as Record<string, unknown>;
  return Object.fromEntries(Object.keys(values).filter((k) => !TIMESTAMPS.has(k)).sort().map((k) => [k, values[k]]));
}

let counter = 0;
/** A model name unique to this file's run, shared by both libraries for one scenario. */
function fresh(base: string): string {
  counter++;
  return `${base}${counter}`;
}

describeEachDialect('Sequelize 6 defaults, compared with sequelize@6', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  let relata: Relata;
  let sequelize: SequelizeLib;
  let sequelizeSchema = '';

  beforeAll(async () => {
    relata = await connect();
    if (family === 'postgres') {
      sequelizeSchema = `${(new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '')}_sq`;
      await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${sequelizeSchema}"`));
    } else if (family === 'mariadb') {
      sequelizeSchema = `${new URL(url).pathname.slice(1)}_sq`;
      await withMysql((c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${sequelizeSchema}\``));
    }
    sequelize = sequelizeConnection({});
  });

  /** A sequelize@6 connection on its own namespace of this dialect's server. */
  function sequelizeConnection(options: Record<string, unknown>): SequelizeLib {
    if (family === 'sqlite') return new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false, ...options });
    if (family === 'postgres') {
      return new SequelizeLib(pgUrl(), { logging: false, dialectOptions: { options: `-c search_path=${sequelizeSchema}` }, define: { schema: sequelizeSchema }, ...options });
    }
    const sequelizeUrl = new URL(mysqlUrl());
    sequelizeUrl.pathname = `/${sequelizeSchema}`;
    return new SequelizeLib(sequelizeUrl.toString(), { dialect: 'mysql', logging: false, ...options });
  }

  afterAll(async () => {
    await sequelize?.close();
    if (family === 'postgres') await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${sequelizeSchema}" CASCADE`));
    if (family === 'mariadb') await withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${sequelizeSchema}\``));
  });

  /** Runs the scenario on sequelize@6, then on relata, and returns both results. */
  async function both<R>(scenario: (kit: Kit) => Promise<R>): Promise<Record<Library, R>> {
    const start = counter;
    const seq = await scenario({ db: sequelize, T: SequelizeDataTypes as unknown as typeof DataTypes, col: sequelizeCol, lib: 'sequelize' });
    counter = start;
    const rel = await scenario({ db: relata, T: DataTypes, col, lib: 'relata' });
    return { sequelize: seq, relata: rel };
  }

  async function same<R>(scenario: (kit: Kit) => Promise<R>): Promise<R> {
    const results = await both(scenario);
    expect(results.relata).toEqual(results.sequelize);
    return results.relata;
  }

  it('written keys that are not attributes are dropped on create, update, bulkCreate and upsert', async () => {
    const result = await same(async ({ db, T }) => {
      const User = db.define(fresh('Body'), { name: T.STRING, role: { type: T.STRING, defaultValue: 'user' } });
      await User.sync({ force: true });
      const created = await User.create({ name: 'ada', isAdmin: true, role: 'user' });
      const bulk = await User.bulkCreate([{ name: 'bob', junk: 1 }]);
      const onlyUnknown = await User.update({ zz: 1 }, { where: { id: 1 } });
      const mixed = await User.update({ name: 'ada2', zz: 1 }, { where: { id: 1 } });
      const rows = (await User.findAll({ order: [['id', 'ASC']] })).map(plain);
      return { created: plain(created), bulk: bulk.map(plain), onlyUnknown, mixed, rows };
    });
    expect(result.onlyUnknown).toEqual([0]);
    expect(result.rows).toEqual([{ id: 1, name: 'ada2', role: 'user' }, { id: 2, name: 'bob', role: 'user' }]);
  });

  it('bulkCreate validates only with validate: true; min/max validators and their messages', async () => {
    const result = await same(async ({ db, T }) => {
      const Score = db.define(fresh('Score'), {
        n: { type: T.INTEGER, validate: { min: 1, max: 10 } },
        m: { type: T.INTEGER, validate: { min: { args: 1, msg: 'm is too small' } } },
      });
      await Score.sync({ force: true });
      await Score.bulkCreate([{ n: 50, m: 0 }]);
      let validated = 'resolved';
      try {
        await Score.bulkCreate([{ n: 5, m: 5 }, { n: 50, m: 5 }], { validate: true });
      } catch {
        validated = 'rejected';
      }
      let single: unknown = 'created';
      try {
        await Score.create({ n: 11, m: 0 });
      } catch (error) {
        single = [(error as Error).name, (error as { errors: { message: string }[] }).errors.map((e) => e.message)];
      }
      return { count: await Score.count(), validated, single };
    });
    expect(result).toEqual({ count: 1, validated: 'rejected', single: ['SequelizeValidationError', ['Validation max on n failed', 'm is too small']] });
  });

  it('bulkCreate({ validate: true, individualHooks: true }) runs the validate hooks of each row', async () => {
    const calls = await same(async ({ db, T }) => {
      const Item = db.define(fresh('Item'), { name: T.STRING });
      const log: string[] = [];
      Item.addHook('beforeValidate', (i: M) => void log.push(`beforeValidate ${String(i.name)}`));
      Item.addHook('afterValidate', (i: M) => void log.push(`afterValidate ${String(i.name)}`));
      await Item.sync({ force: true });
      await Item.bulkCreate([{ name: 'a' }, { name: 'b' }], { validate: true });
      log.push('--');
      await Item.bulkCreate([{ name: 'c' }, { name: 'd' }], { validate: true, individualHooks: true });
      return log.sort();
    });
    expect(calls).toEqual(['--', 'afterValidate c', 'afterValidate d', 'beforeValidate c', 'beforeValidate d']);
  });

  it('references: { model: ModelClass }, references: null and keyType', async () => {
    const result = await same(async ({ db, T }) => {
      const Team = db.define(fresh('Team'), { name: T.STRING });
      const Player = db.define(fresh('Player'), {
        teamRef: { type: T.INTEGER, references: { model: Team, key: 'id' } },
        loose: { type: T.INTEGER, references: null },
      });
      Team.hasMany(Player, { foreignKey: 'teamId', keyType: T.INTEGER });
      await Team.sync({ force: true });
      await Player.sync({ force: true });
      const team = await Team.create({ name: 'red' });
      const player = await Player.create({ teamRef: team.id, loose: 7, teamId: team.id });
      let orphan = 'created';
      try {
        await Player.create({ teamRef: 999 });
      } catch (error) {
        orphan = (error as Error).name;
      }
      return { player: plain(player), orphan };
    });
    expect(result).toEqual({ player: { id: 1, loose: 7, teamId: 1, teamRef: 1 }, orphan: 'SequelizeForeignKeyConstraintError' });
  });

  it('group: [[col]], a bare col() in attributes, and count with findAll limit/offset/order', async () => {
    const result = await same(async ({ db, T, col: c }) => {
      const Tag = db.define(fresh('Tag'), { label: T.STRING });
      await Tag.sync({ force: true });
      await Tag.bulkCreate([{ label: 'a' }, { label: 'a' }, { label: 'b' }]);
      const grouped = await Tag.findAll({ attributes: ['label'], group: [['label']], order: [['label', 'ASC']], raw: true });
      const bare = await Tag.findAll({ attributes: [c('label')], order: [['id', 'ASC']], raw: true });
      const page = { where: {}, limit: 1, offset: 1, order: [['label', 'DESC']] };
      return { grouped, bare, count: await Tag.count(page), rows: (await Tag.findAll(page)).length };
    });
    expect(result).toEqual({ grouped: [{ label: 'a' }, { label: 'b' }], bare: [{ label: 'a' }, { label: 'a' }, { label: 'b' }], count: 3, rows: 1 });
  });

  it('define(name) without attributes, and bulkCreate([{}, {}]) on an id-only model', async () => {
    const result = await same(async ({ db }) => {
      const Bare = db.define(fresh('Bare'));
      const Counter = db.define(fresh('Tick'), {}, { timestamps: false });
      await Bare.sync({ force: true });
      await Counter.sync({ force: true });
      const bare = await Bare.create({});
      const ticks = await Counter.bulkCreate([{}, {}, {}]);
      return {
        bareKeys: Object.keys(bare.get({ plain: true })).sort(),
        ticks: ticks.length,
        rows: (await Counter.findAll({ order: [['id', 'ASC']] })).map(plain),
      };
    });
    expect(result).toEqual({ bareKeys: ['createdAt', 'id', 'updatedAt'], ticks: 3, rows: [{ id: 1 }, { id: 2 }, { id: 3 }] });
  });

  it('individualHooks on update, destroy and restore run the per-instance hooks', async () => {
    const result = await same(async ({ db, T }) => {
      const Note = db.define(fresh('Note'), { body: T.STRING, stamp: T.STRING }, { paranoid: true });
      const log: string[] = [];
      for (const hook of ['beforeUpdate', 'afterUpdate', 'beforeDestroy', 'afterDestroy', 'beforeRestore', 'afterRestore']) {
        Note.addHook(hook, (n: M) => void log.push(`${hook} ${String(n.id)}`));
      }
      Note.addHook('beforeUpdate', (n: M) => void n.set('stamp', `by hook ${String(n.id)}`));
      await Note.sync({ force: true });
      await Note.bulkCreate([{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
      const [updated, instances] = await Note.update({ body: 'x' }, { where: { id: [1, 2] }, individualHooks: true });
      const destroyed = await Note.destroy({ where: { id: 2 }, individualHooks: true });
      await Note.restore({ where: { id: 2 }, individualHooks: true });
      const rows = (await Note.findAll({ order: [['id', 'ASC']] })).map(plain);
      return { updated, instances: instances.map(plain), destroyed, log: log.sort(), rows };
    });
    // The hooks changed each row differently, so each row is saved on its own, with the updated
    // fields only: the stamps stay on the returned instances, unsaved.
    expect(result.instances.map((i: Record<string, unknown>) => i['stamp'])).toEqual(['by hook 1', 'by hook 2']);
    expect(result.rows).toEqual([
      { body: 'x', id: 1, stamp: null },
      { body: 'x', id: 2, stamp: null },
      { body: 'c', id: 3, stamp: null },
    ]);
    expect(result.log).toEqual(['afterDestroy 2', 'afterRestore 2', 'afterUpdate 1', 'afterUpdate 2', 'beforeDestroy 2', 'beforeRestore 2', 'beforeUpdate 1', 'beforeUpdate 2']);
  });

  it('individualHooks on update: hooks that change every row alike are written in the one UPDATE', async () => {
    const result = await same(async ({ db, T }) => {
      const Memo = db.define(fresh('Memo'), { body: T.STRING, stamp: T.STRING }, { timestamps: false });
      Memo.addHook('beforeUpdate', (m: M) => void m.set('stamp', 'reviewed'));
      await Memo.sync({ force: true });
      await Memo.bulkCreate([{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
      const [changed] = await Memo.update({ body: 'x' }, { where: { id: [1, 2] }, individualHooks: true });
      const [unchanged] = await Memo.update({ body: 'c' }, { where: { id: 3 }, individualHooks: true });
      return { changed, unchanged, rows: (await Memo.findAll({ order: [['id', 'ASC']] })).map(plain) };
    });
    expect(result.rows).toEqual([
      { body: 'x', id: 1, stamp: 'reviewed' },
      { body: 'x', id: 2, stamp: 'reviewed' },
      { body: 'c', id: 3, stamp: 'reviewed' },
    ]);
  });

  it('destroy({ limit }) deletes at most that many rows', async () => {
    const remaining = await same(async ({ db, T }) => {
      const Job = db.define(fresh('Job'), { state: T.STRING }, { timestamps: false });
      await Job.sync({ force: true });
      await Job.bulkCreate([{ state: 'done' }, { state: 'done' }, { state: 'done' }, { state: 'open' }]);
      const deleted = await Job.destroy({ where: { state: 'done' }, limit: 2 });
      return { deleted, left: await Job.count({ where: { state: 'done' } }), open: await Job.count({ where: { state: 'open' } }) };
    });
    expect(remaining).toEqual({ deleted: 2, left: 1, open: 1 });
  });

  it('findOrBuild and findCreateFind', async () => {
    const result = await same(async ({ db, T }) => {
      const City = db.define(fresh('City'), { name: T.STRING, country: T.STRING });
      await City.sync({ force: true });
      await City.create({ name: 'Paris', country: 'FR' });
      const [found, builtFound] = await City.findOrBuild({ where: { name: 'Paris' }, defaults: { country: 'XX' } });
      const [built, builtNew] = await City.findOrBuild({ where: { name: 'Lyon' }, defaults: { country: 'FR' } });
      const [created, createdNew] = await City.findCreateFind({ where: { name: 'Nice' }, defaults: { country: 'FR' } });
      const [again, createdAgain] = await City.findCreateFind({ where: { name: 'Nice' }, defaults: { country: 'XX' } });
      return {
        found: [plain(found), builtFound],
        built: [plain(built), builtNew, built.isNewRecord],
        created: [plain(created), createdNew],
        again: [plain(again), createdAgain],
        count: await City.count(),
      };
    });
    expect(result.built).toEqual([{ country: 'FR', id: null, name: 'Lyon' }, true, true]);
    expect(result.count).toBe(2);
  });

  it('sync runs each model’s beforeSync and afterSync hooks', async () => {
    const log = await same(async ({ db, T }) => {
      const Log: string[] = [];
      const Shelf = db.define(fresh('Shelf'), { name: T.STRING });
      Shelf.addHook('beforeSync', () => void Log.push('beforeSync'));
      Shelf.addHook('afterSync', () => void Log.push('afterSync'));
      await Shelf.sync({ force: true });
      await Shelf.sync();
      await Shelf.sync({ hooks: false });
      return Log;
    });
    expect(log).toEqual(['beforeSync', 'afterSync', 'beforeSync', 'afterSync']);
  });

  it('link accessors accept hooks, validate and silent', async () => {
    const result = await same(async ({ db, T }) => {
      const Owner = db.define(fresh('Owner'), { name: T.STRING });
      const Pet = db.define(fresh('Pet'), { name: T.STRING });
      Owner.hasMany(Pet, { as: 'pets', foreignKey: 'ownerId' });
      await Owner.sync({ force: true });
      await Pet.sync({ force: true });
      const owner = await Owner.create({ name: 'ada' });
      const [rex, tom] = await Pet.bulkCreate([{ name: 'rex' }, { name: 'tom' }]);
      await owner.addPet(rex, { hooks: false, validate: false, silent: true });
      await owner.setPets([rex, tom], { hooks: false });
      await owner.removePet(tom, { hooks: false });
      return (await Pet.findAll({ order: [['id', 'ASC']] })).map(plain);
    });
    expect(result).toEqual([{ id: 1, name: 'rex', ownerId: 1 }, { id: 2, name: 'tom', ownerId: null }]);
  });

  it('sync({ alter: true }) adds columns and indexes and changes columns of an existing table, keeping its rows', async () => {
    const result = await same(async ({ db, T }) => {
      const name = fresh('Profile');
      const V1 = db.define(name, { nick: { type: T.STRING, allowNull: false }, bio: T.STRING(50) }, { timestamps: false });
      await V1.sync({ force: true });
      await V1.create({ nick: 'ada', bio: 'first' });
      const V2 = db.define(
        name,
        { nick: { type: T.STRING, allowNull: true }, bio: T.TEXT, city: { type: T.STRING, defaultValue: 'Paris' } },
        { timestamps: false, indexes: [{ name: `${name.toLowerCase()}_city`, fields: ['city'] }] },
      );
      await V2.sync({ alter: true });
      await V2.create({ nick: null, bio: 'x'.repeat(300), city: 'Lyon' });
      const rows = (await V2.findAll({ order: [['id', 'ASC']] })).map(plain);
      return rows.map((r: Record<string, unknown>) => ({ ...r, bio: String(r['bio']).length }));
    });
    expect(result).toEqual([
      { bio: 5, city: 'Paris', id: 1, nick: 'ada' },
      { bio: 300, city: 'Lyon', id: 2, nick: null },
    ]);
  });

  it('timezone: dates are written in the session time zone on the servers, and read back as the same instant', async () => {
    if (family === 'sqlite') return;
    const zoned = { relata: await connect({ timezone: '+02:00' }), sequelize: sequelizeConnection({ timezone: '+02:00' }) };
    try {
      const read = async (lib: Library): Promise<unknown> => {
        const db: Db = zoned[lib];
        const T = lib === 'relata' ? DataTypes : (SequelizeDataTypes as unknown as typeof DataTypes);
        const Event = db.define('ZonedEvent', { at: T.DATE }, { timestamps: false });
        await Event.sync({ force: true });
        await Event.create({ at: new Date('2020-01-01T12:00:00Z') });
        const text = family === 'postgres' ? 'SELECT "at"::text AS t, now()::text LIKE \'%+02\' AS zoned FROM "ZonedEvents"' : 'SELECT CAST(`at` AS CHAR) AS t FROM `ZonedEvents`';
        const [raw] = await db.query(text, { type: 'SELECT' });
        return { raw, at: ((await Event.findOne()) as M).at.toISOString() };
      };
      const seq = await read('sequelize');
      const rel = await read('relata');
      expect(rel).toEqual(seq);
      expect(rel).toEqual(
        family === 'postgres'
          ? { raw: { t: '2020-01-01 14:00:00+02', zoned: true }, at: '2020-01-01T12:00:00.000Z' }
          : { raw: { t: '2020-01-01 14:00:00' }, at: '2020-01-01T12:00:00.000Z' },
      );
    } finally {
      await zoned.sequelize.close();
    }
  });
});
