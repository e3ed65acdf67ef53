/**
 * SQLite with a transaction open: what a read and a write outside it do, on relata and on
 * sequelize@6, in memory and on a file. (The server dialects run the same checks: their pools
 * give each side its own connection.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Lib = 'relata' | 'sequelize';
interface Db {
  define(name: string, attributes: object, options?: object): Counter;
  transaction(): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
}
interface Counter {
  sync(options?: object): Promise<unknown>;
  create(values: object, options?: object): Promise<unknown>;
  count(options?: object): Promise<number>;
  findAll(options?: object): Promise<{ name: string }[]>;
}

const timeout = (ms: number) => new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms));

describeEachDialect('a transaction open beside other queries, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const dbs = {} as Record<Lib, Db>;
  const types = { relata: RelataLib.DataTypes, sequelize: SequelizeLib.DataTypes };

  beforeAll(async () => {
    dbs.relata = (await connect({ pool: { max: 5, acquire: 3000 } })) as unknown as Db;
    twin = await sequelizeTwin(dialect, url);
    dbs.sequelize = twin.sequelize as unknown as Db;
  });
  afterAll(async () => twin?.close());

  async function both<T>(scenario: (db: Db, lib: Lib) => Promise<T>): Promise<Record<Lib, T>> {
    return { relata: await scenario(dbs.relata, 'relata'), sequelize: await scenario(dbs.sequelize, 'sequelize') };
  }

  /** In memory both libraries share one connection, so a read outside sees the open transaction's rows. */
  const OUTSIDE_READ: Record<typeof dialect, number> = { sqlite: 2, 'sqlite-file': 1, postgres: 1, mariadb: 1 };

  describe('a read outside an open transaction', () => {
    it('answers at once, with committed rows only except in memory', async () => {
      const results = await both(async (db, lib) => {
        const Note = db.define('Note', { name: types[lib].STRING }, { timestamps: false });
        await Note.sync({ force: true });
        await Note.create({ name: 'committed' });
        const t = await db.transaction();
        await Note.create({ name: 'inside' }, { transaction: t });
        const started = Date.now();
        const outside = await Promise.race([Note.count({ transaction: null }), timeout(1500)]);
        const fast = Date.now() - started < 1000;
        await t.commit();
        const afterCommit = await Note.count({ transaction: null });
        return { outside, fast, afterCommit };
      });
      expect(results.relata).toEqual({ outside: OUTSIDE_READ[dialect], fast: true, afterCommit: 2 });
      expect(results.relata).toEqual(results.sequelize);
    });
  });

  describe('a transaction that has run no statement yet', () => {
    it('holds nothing: writes awaited beside transaction() do not wait for it, as BEGIN DEFERRED', async () => {
      const results = await both(async (db, lib) => {
        const Tag = db.define('Tag', { name: types[lib].STRING }, { timestamps: false });
        await Tag.sync({ force: true });
        const started = Date.now();
        const settled = await Promise.race([
          Promise.all([Tag.create({ name: 'a' }), Tag.create({ name: 'b' }), db.transaction()]),
          timeout(1500),
        ]);
        if (settled === 'waiting') return { settled };
        const t = settled[2];
        await Tag.create({ name: 'inside' }, { transaction: t });
        const inside = await Tag.count({ transaction: t });
        await t.rollback();
        return { settled: 'settled', fast: Date.now() - started < 1000, inside, after: await Tag.count({ transaction: null }) };
      });
      expect(results.relata).toEqual({ settled: 'settled', fast: true, inside: 3, after: 2 });
      // In memory Sequelize's one connection runs the creates inside the open transaction (docs/differences.md).
      if (dialect === 'sqlite') expect(results.sequelize).toEqual({ settled: 'settled', fast: true, inside: 3, after: 0 });
      else expect(results.relata).toEqual(results.sequelize);
    });
  });

  describe('a write outside an open transaction', () => {
    it('on a file, waits for the transaction to end, then is written', async () => {
      if (dialect === 'sqlite') return; // in memory Sequelize runs it inside the open transaction (docs/differences.md)
      const results = await both(async (db, lib) => {
        const Memo = db.define('Memo', { name: types[lib].STRING }, { timestamps: false });
        await Memo.sync({ force: true });
        const t = await db.transaction();
        await Memo.create({ name: 'inside' }, { transaction: t });
        const write = Memo.create({ name: 'outside' }, { transaction: null }).then(() => 'written');
        const early = await Promise.race([write, timeout(300)]);
        await t.rollback();
        const late = await write;
        const rows = (await Memo.findAll({ transaction: null })).map((r) => r.name);
        return { early: dialect === 'sqlite-file' ? early : 'n/a', late, rows };
      });
      expect(results.relata).toEqual({ early: dialect === 'sqlite-file' ? 'waiting' : 'n/a', late: 'written', rows: ['outside'] });
      expect(results.relata).toEqual(results.sequelize);
    });
  });
});
