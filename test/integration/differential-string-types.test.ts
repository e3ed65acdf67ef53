/**
 * Column types written as SQL text (`{ type: 'VARCHAR(20)' }`, `{ name: 'TEXT' }`,
 * sequelize-typescript's `@Column('VARCHAR(20)')`) on every dialect, relata against sequelize@6:
 * the same column types in the table, the same values read back (a binary column gives a Buffer).
 * A type text holding `;` or a comment is refused by relata (Sequelize would run it).
 */
import 'reflect-metadata';
import * as SequelizeLib from 'sequelize';
import { Column as StColumn, Model as StModel, Sequelize as StSequelize, Table as StTable } from 'sequelize-typescript';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as RelataLib from '../../src/index.js';
import { Column, Model, Table } from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type AnyModel = any;
interface Db {
  define(name: string, attributes: object, options?: object): AnyModel;
  getQueryInterface(): {
    describeTable(table: unknown): Promise<Record<string, { type: string }>>;
    addColumn(table: unknown, column: string, options: object): Promise<unknown>;
  };
}

describeEachDialect('column types written as SQL, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  let stTwin: SequelizeTwin;
  const dbs = {} as Record<'relata' | 'sequelize', Db>;
  // PostgreSQL has no BINARY type; its binary column is BYTEA.
  const binary = dialect === 'postgres' ? 'BYTEA' : 'BINARY(4)';

  beforeAll(async () => {
    dbs.relata = (await connect()) as never;
    twin = await sequelizeTwin(dialect, url);
    dbs.sequelize = twin.sequelize as never;
  });
  afterAll(async () => {
    await twin?.close();
    await stTwin?.close();
  });

  async function both<T>(scenario: (db: Db) => Promise<T>): Promise<{ relata: T; sequelize: T }> {
    return { sequelize: await scenario(dbs.sequelize), relata: await scenario(dbs.relata) };
  }

  /** The table as each connection names it: Sequelize's PostgreSQL twin lives in a schema of its own. */
  const tableOf = (db: Db, tableName: string, namespace = twin.namespace) => (db === dbs.relata || dialect !== 'postgres' ? tableName : { tableName, schema: namespace });
  const columnTypes = async (db: Db, tableName: string, namespace?: string) =>
    Object.fromEntries(Object.entries(await db.getQueryInterface().describeTable(tableOf(db, tableName, namespace))).map(([name, column]) => [name, column.type]));

  it('writes the text as the column type and reads values untransformed', async () => {
    const results = await both(async (db) => {
      const Doc = db.define(
        'StrDoc',
        { name: 'VARCHAR(20)', body: { type: 'TEXT' }, data: { type: binary }, rank: { type: 'INTEGER', allowNull: false } },
        { tableName: 'str_docs', timestamps: false },
      );
      await Doc.sync({ force: true });
      await Doc.create({ name: 'ada', body: 'long text', data: Buffer.from([1, 2, 3, 4]), rank: 7 });
      await Doc.bulkCreate([{ name: 'bob', body: null, data: null, rank: 8 }]);
      const first = await Doc.findOne({ where: { name: 'ada' } });
      const rows = (await Doc.findAll({ order: [['id', 'ASC']], raw: true })) as unknown;
      await first.update({ body: 'edited' });
      return {
        types: await columnTypes(db, 'str_docs'),
        instance: first.get({ plain: true }),
        isBuffer: Buffer.isBuffer(first.data),
        rows,
        edited: (await Doc.findByPk(first.id, { raw: true })).body,
      };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata.types).toMatchObject({ name: dialect === 'postgres' ? 'CHARACTER VARYING(20)' : 'VARCHAR(20)', body: 'TEXT' });
    expect(results.relata.isBuffer).toBe(true);
    expect(results.relata.rows).toEqual([
      { id: 1, name: 'ada', body: 'long text', data: Buffer.from([1, 2, 3, 4]), rank: 7 },
      { id: 2, name: 'bob', body: null, data: null, rank: 8 },
    ]);
    expect(results.relata.edited).toBe('edited');
  });

  it('sync({ alter: true }) keeps a column whose type is SQL text', async () => {
    const results = await both(async (db) => {
      const Code = db.define('StrCode', { code: 'VARCHAR(8)', note: { type: 'TEXT' } }, { tableName: 'str_codes', timestamps: false });
      await Code.sync({ force: true });
      await Code.create({ code: 'abc', note: 'n' });
      await Code.sync({ alter: true });
      await Code.sync({ alter: true });
      return { types: await columnTypes(db, 'str_codes'), rows: (await Code.findAll({ attributes: ['code', 'note'], raw: true })) as unknown };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata.rows).toEqual([{ code: 'abc', note: 'n' }]);
  });

  it('adds a column whose type is SQL text', async () => {
    const results = await both(async (db) => {
      const Tag = db.define('StrTag', { label: 'VARCHAR(10)' }, { tableName: 'str_tags', timestamps: false });
      await Tag.sync({ force: true });
      await db.getQueryInterface().addColumn(tableOf(db, 'str_tags'), 'code', { type: 'CHAR(2)' });
      return columnTypes(db, 'str_tags');
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata.code).toBe(dialect === 'postgres' ? 'CHARACTER(2)' : 'CHAR(2)');
  });

  it('@Column(text) declares the column as sequelize-typescript does', async () => {
    @Table({ tableName: 'str_notes', timestamps: false })
    class Note extends Model {
      @Column('VARCHAR(20)') declare title: string;
      @Column({ type: 'TEXT' }) declare body: string;
    }
    @StTable({ tableName: 'str_notes', timestamps: false })
    class StNote extends StModel {
      @StColumn('VARCHAR(20)') declare title: string;
      @StColumn({ type: 'TEXT' }) declare body: string;
    }
    stTwin = await sequelizeTwin(dialect, url, {}, StSequelize);
    (stTwin.sequelize as unknown as StSequelize).addModels([StNote]);
    const relata = dbs.relata as unknown as RelataLib.Relata;
    relata.addModels([Note]);
    const run = async (Cls: AnyModel, db: Db, namespace?: string) => {
      await Cls.sync({ force: true });
      await Cls.create({ title: 'hello', body: 'world' });
      return { types: await columnTypes(db, 'str_notes', namespace), rows: (await Cls.findAll({ attributes: ['title', 'body'], raw: true })) as unknown };
    };
    const sequelize = await run(StNote, stTwin.sequelize as never, stTwin.namespace);
    const result = await run(Note, dbs.relata);
    expect(result).toEqual(sequelize);
    expect(result.rows).toEqual([{ title: 'hello', body: 'world' }]);
  });

  it('refuses a type text holding a statement separator or a comment, naming model and attribute', () => {
    for (const type of ['TEXT; DROP TABLE x', 'TEXT -- c', 'TEXT /* c */']) {
      expect(() => dbs.relata.define('StrBad', { name: { type } })).toThrow(RelataLib.InvalidOptionError);
      expect(() => dbs.relata.define('StrBad', { name: type })).toThrow(/StrBad\.name: a type written as SQL/);
    }
  });
});
