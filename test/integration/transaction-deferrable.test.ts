/**
 * `transaction({ deferrable })`, relata against sequelize@6: on PostgreSQL the transaction runs
 * `SET CONSTRAINTS … DEFERRED` right after BEGIN, so a row may reference one inserted later in the
 * same transaction (for a constraint declared DEFERRABLE); the other databases ignore it, as
 * Sequelize does, and check each statement at once. And `references: { deferrable }`, which
 * `sync()` writes into PostgreSQL's foreign key (the other databases ignore it, as Sequelize does).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import { DatabaseError, DataTypes, Deferrable, InvalidOptionError, type Relata } from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

interface Db {
  query(sql: string, options?: object): Promise<unknown>;
  transaction(options: object, fn: (transaction: unknown) => Promise<unknown>): Promise<unknown>;
}

type Defer = 'none' | 'all' | 'named';
const DEFERRABLES = {
  relata: { none: undefined, all: () => Deferrable.SET_DEFERRED(), named: () => Deferrable.SET_DEFERRED(['td_children_parent_fk']) },
  sequelize: {
    none: undefined,
    all: () => (SequelizeLib.Deferrable.SET_DEFERRED as unknown as () => unknown)(),
    named: () => (SequelizeLib.Deferrable.SET_DEFERRED as unknown as (names: string[]) => unknown)(['td_children_parent_fk']),
  },
};

async function createTables(db: Db, postgres: boolean): Promise<void> {
  await db.query('DROP TABLE IF EXISTS td_children');
  await db.query('DROP TABLE IF EXISTS td_parents');
  await db.query('CREATE TABLE td_parents (id INTEGER PRIMARY KEY)');
  await db.query(
    `CREATE TABLE td_children (id INTEGER PRIMARY KEY, parent_id INTEGER, CONSTRAINT td_children_parent_fk FOREIGN KEY (parent_id) REFERENCES td_parents (id)${postgres ? ' DEFERRABLE INITIALLY IMMEDIATE' : ''})`,
  );
}

/** Inserts a child before its parent in one transaction; the outcome and the rows left. */
async function childFirst(db: Db, id: number, deferrable: (() => unknown) | undefined): Promise<[string, unknown]> {
  let outcome = 'committed';
  try {
    await db.transaction(deferrable === undefined ? {} : { deferrable: deferrable() }, async (transaction) => {
      await db.query(`INSERT INTO td_children (id, parent_id) VALUES (${id}, ${id})`, { transaction });
      await db.query(`INSERT INTO td_parents (id) VALUES (${id})`, { transaction });
    });
  } catch {
    outcome = 'rolled back';
  }
  const rows = await db.query(`SELECT COUNT(*) AS n FROM td_children WHERE id = ${id}`, { type: 'SELECT', plain: true });
  return [outcome, Number((rows as { n: unknown }).n)];
}

describeEachDialect('transaction({ deferrable }), relata against sequelize@6', ({ dialect, connect, url }) => {
  let relata: Relata;
  let twin: SequelizeTwin;
  const postgres = dialect === 'postgres';

  beforeAll(async () => {
    relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    await createTables(relata as unknown as Db, postgres);
    await createTables(twin.sequelize as unknown as Db, postgres);
  });
  afterAll(async () => {
    await twin.close();
  });

  const cases: [Defer, number][] = [['none', 1], ['all', 2], ['named', 3]];
  for (const [defer, id] of cases) {
    it(`deferrable: ${defer}`, async () => {
      const ours = await childFirst(relata as unknown as Db, id, DEFERRABLES.relata[defer]);
      const theirs = await childFirst(twin.sequelize as unknown as Db, id, DEFERRABLES.sequelize[defer]);
      expect(ours).toEqual(theirs);
      expect(ours).toEqual(postgres && defer !== 'none' ? ['committed', 1] : ['rolled back', 0]);
    });
  }

  it('constraint names reach PostgreSQL quoted: an unknown one fails there and rolls back; the others ignore it', async () => {
    const run = relata.transaction({ deferrable: Deferrable.SET_DEFERRED(['td_missing"; DROP TABLE td_parents; --']) }, async () => 'ran');
    if (postgres) await expect(run).rejects.toThrow(DatabaseError);
    else await expect(run).resolves.toBe('ran');
    // The connection went back to the pool and td_parents is still there.
    expect(await relata.query('SELECT COUNT(*) AS n FROM td_parents', { type: 'SELECT', plain: true })).toBeTruthy();
  });

  it('a Deferrable that is not SET_DEFERRED/SET_IMMEDIATE is refused before BEGIN', async () => {
    await expect(relata.transaction({ deferrable: Deferrable.INITIALLY_DEFERRED() }, async () => 1)).rejects.toThrow(InvalidOptionError);
    await expect(relata.transaction({ deferrable: Deferrable.INITIALLY_DEFERRED() }, async () => 1)).rejects.toThrow(
      'relata.transaction: deferrable must be Deferrable.SET_DEFERRED(…) or Deferrable.SET_IMMEDIATE(…), got',
    );
  });

  it('references: { deferrable: INITIALLY_DEFERRED } lets a child go in before its parent on PostgreSQL, as in Sequelize', async () => {
    const outcomes: [string, unknown][] = [];
    for (const [db, L] of [[relata, { DataTypes, Deferrable }], [twin.sequelize, SequelizeLib]] as const) {
      const define = (db as unknown as { define(...args: unknown[]): { sync(o: object): Promise<unknown> } }).define.bind(db);
      define('TdrParent', {}, { timestamps: false, tableName: 'tdr_parents' });
      define('TdrChild', { parentId: { type: L.DataTypes.INTEGER, field: 'parent_id', references: { model: 'tdr_parents', key: 'id', deferrable: L.Deferrable.INITIALLY_DEFERRED } } }, { timestamps: false, tableName: 'tdr_children' });
      await (db as unknown as { sync(o: object): Promise<unknown> }).sync({ force: true });
      outcomes.push(await childFirstIn(db as unknown as Db));
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]).toEqual(postgres ? ['committed', 1] : ['rolled back', 0]);
  });

  it('queryInterface.addColumn writes references.deferrable too, as in Sequelize', async () => {
    const outcomes: [string, unknown][] = [];
    for (const [db, L] of [[relata, { DataTypes, Deferrable }], [twin.sequelize, SequelizeLib]] as const) {
      const qi = (db as unknown as { getQueryInterface(): { createTable(...a: unknown[]): Promise<void>; addColumn(...a: unknown[]): Promise<void>; dropTable(t: string): Promise<void> } }).getQueryInterface();
      await qi.dropTable('tdq_children');
      await qi.dropTable('tdq_parents');
      await qi.createTable('tdq_parents', { id: { type: L.DataTypes.INTEGER, primaryKey: true } });
      await qi.createTable('tdq_children', { id: { type: L.DataTypes.INTEGER, primaryKey: true } });
      // Sequelize's PostgreSQL addColumn names the table in `public` unless given its schema.
      const children = db !== relata && postgres ? { tableName: 'tdq_children', schema: twin.namespace } : 'tdq_children';
      await qi.addColumn(children, 'parent_id', { type: L.DataTypes.INTEGER, references: { model: 'tdq_parents', key: 'id', deferrable: L.Deferrable.INITIALLY_DEFERRED } });
      outcomes.push(await childFirstIn(db as unknown as Db, 'tdq'));
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    if (postgres) expect(outcomes[0]).toEqual(['committed', 1]);
  });

  it('references.deferrable takes only INITIALLY_DEFERRED, INITIALLY_IMMEDIATE or NOT (class or instance)', () => {
    expect(() => relata.define('TdrBad', { parentId: { type: DataTypes.INTEGER, references: { model: 'tdr_parents', deferrable: Deferrable.SET_DEFERRED() } } })).toThrow(
      'TdrBad.parentId references: deferrable must be Deferrable.INITIALLY_DEFERRED, Deferrable.INITIALLY_IMMEDIATE or Deferrable.NOT, got',
    );
    expect(() => relata.define('TdrGood', { parentId: { type: DataTypes.INTEGER, references: { model: 'tdr_parents', deferrable: new Deferrable.NOT() } } })).not.toThrow();
  });
});

/** Inserts a child before its parent (id 1) in one transaction; the outcome and the children left. */
async function childFirstIn(db: Db, prefix = 'tdr'): Promise<[string, unknown]> {
  let outcome = 'committed';
  try {
    await db.transaction({}, async (transaction) => {
      await db.query(`INSERT INTO ${prefix}_children (id, parent_id) VALUES (1, 1)`, { transaction });
      await db.query(`INSERT INTO ${prefix}_parents (id) VALUES (1)`, { transaction });
    });
  } catch {
    outcome = 'rolled back';
  }
  const row = await db.query(`SELECT COUNT(*) AS n FROM ${prefix}_children`, { type: 'SELECT', plain: true });
  return [outcome, Number((row as { n: unknown }).n)];
}
