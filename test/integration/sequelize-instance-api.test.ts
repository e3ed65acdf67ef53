/**
 * Sequelize 6's connection and model API that is not about queries, run the same way on
 * sequelize@6 and on relata and compared: escape and quote outputs per dialect, connection hooks
 * and their order, `instance.sequelize`, `removeAttribute`, `describe`, schemas, `random()`, and the
 * ConnectionError subclasses a real server's refusal gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTypes as SequelizeDataTypes, Sequelize as SequelizeLib } from 'sequelize';
import type { Model} from '../../src/index.js';
import { DataTypes, Relata, type ModelStatic } from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { mysqlUrl, pgUrl } from '../support/global-setup.js';

type Family = 'sqlite' | 'postgres' | 'mysql';
const familyOf = (dialect: string): Family => (dialect.startsWith('sqlite') ? 'sqlite' : dialect === 'postgres' ? 'postgres' : 'mysql');

/** A Sequelize connection for escaping and quoting only: it never connects. */
function offlineSequelize(family: Family): SequelizeLib {
  if (family === 'sqlite') return new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false });
  return new SequelizeLib(family === 'postgres' ? pgUrl() : mysqlUrl(), { logging: false, dialect: family });
}

const ESCAPED: readonly unknown[] = [
  "it's",
  'back\\slash and "double" quotes',
  'line\nbreak\ttab',
  '',
  0,
  -12.5,
  true,
  false,
  null,
  undefined,
  new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)),
  [1, 'a', null],
];

describeEachDialect('Sequelize instance API', ({ dialect, connect }) => {
  const family = familyOf(dialect);
  let relata: Relata;
  let sequelize: SequelizeLib;

  beforeAll(async () => {
    relata = await connect();
    sequelize = offlineSequelize(family);
  });
  afterAll(async () => {
    await sequelize.close();
  });

  it('escapes every value as sequelize.escape() does', () => {
    const theirs = ESCAPED.map((v) => String(sequelize.escape(v as string)));
    const ours = ESCAPED.map((v) => relata.escape(v));
    expect(ours).toEqual(theirs);
    expect(relata.getQueryInterface().escape("o'k")).toBe(String(sequelize.escape("o'k")));
  });

  it('escapes strings so that the database reads back the very same text', async () => {
    const texts = ["it's", 'back\\slash', '"double"', 'line\nbreak', "\\'; SELECT 1; --"];
    for (const text of texts) {
      const [row] = (await relata.query(`SELECT ${relata.escape(text)} AS v`, { type: 'SELECT' })) as { v: string }[];
      expect(row?.v).toBe(text);
    }
  });

  it('quotes identifiers, dotted paths and tables as the query interface and generator of Sequelize do', () => {
    const qi = relata.getQueryInterface();
    const theirs = sequelize.getQueryInterface() as unknown as {
      quoteIdentifier(n: string): string;
      quoteIdentifiers(n: string): string;
      queryGenerator: { quoteTable(t: unknown, as?: string): string };
    };
    for (const name of ['users', 'User Name', 'createdAt']) expect(qi.quoteIdentifier(name)).toBe(theirs.quoteIdentifier(name));
    for (const path of ['id', 'author.id', 'author.posts.id']) expect(qi.quoteIdentifiers(path)).toBe(theirs.quoteIdentifiers(path));
    for (const table of ['users', { tableName: 'users', schema: 'app' }, { tableName: 'users', schema: 'app', delimiter: '_' }]) {
      expect(qi.quoteTable(table)).toBe(theirs.queryGenerator.quoteTable(table));
    }
    expect(qi.quoteTable('users', 'u')).toBe(theirs.queryGenerator.quoteTable('users', 'u'));
  });

  it('reports the server version as Sequelize does', async () => {
    const ours = await relata.databaseVersion();
    if (family === 'sqlite') {
      // Sequelize's SQLite runs on the sqlite3 package, whose bundled SQLite may be another release.
      expect(ours).toMatch(/^3\.\d+\.\d+$/);
    } else {
      const online = new SequelizeLib(family === 'postgres' ? pgUrl() : mysqlUrl(), { logging: false, dialect: family });
      const theirs = await online.databaseVersion();
      await online.close();
      expect(ours).toBe(theirs);
    }
  });

  it('exposes LOCK on transactions and on the Transaction class, as Sequelize does', async () => {
    const t = await relata.transaction();
    const ours = [(t as unknown as { LOCK: unknown }).LOCK, (Relata as unknown as { Transaction: { LOCK: unknown } }).Transaction.LOCK];
    await t.rollback();
    const sqliteSequelize = new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false });
    const theirsT = await sqliteSequelize.transaction();
    const theirs = [theirsT.LOCK, (SequelizeLib as unknown as { Transaction: { LOCK: unknown } }).Transaction.LOCK];
    await theirsT.rollback();
    await sqliteSequelize.close();
    expect(ours).toEqual(theirs);
    expect(ours[0]).toEqual({ UPDATE: 'UPDATE', SHARE: 'SHARE', KEY_SHARE: 'KEY SHARE', NO_KEY_UPDATE: 'NO KEY UPDATE' });
  });

  it('orders by random() with the dialect function Sequelize uses', async () => {
    expect(relata.random().fn).toBe((sequelize.random() as unknown as { fn: string }).fn);
    const Item = relata.define('RandomItem', { n: DataTypes.INTEGER }, { timestamps: false });
    await Item.sync();
    await Item.bulkCreate([{ n: 1 }, { n: 2 }, { n: 3 }]);
    const rows = await Item.findAll({ order: relata.random() });
    expect(rows.map((r) => r.get('n')).sort()).toEqual([1, 2, 3]);
  });

  it('runs connection hooks after the model hooks, for every model, as Sequelize does', async () => {
    const run = async (lib: typeof Relata | typeof SequelizeLib, db: Relata | SequelizeLib, log: string[]): Promise<void> => {
      db.addHook('beforeCreate', () => void log.push('connection'));
      db.addHook('afterDefine', (model: { name: string }) => void log.push(`afterDefine ${model.name}`));
      const attrs = { name: (lib === Relata ? DataTypes : SequelizeDataTypes).STRING };
      const Hooked = (db as Relata).define('HookedThing', attrs as never, { hooks: { beforeCreate: () => void log.push('model option') } });
      Hooked.addHook('beforeCreate', () => void log.push('model addHook'));
      await Hooked.sync({ force: true });
      await Hooked.create({ name: 'x' } as never);
      log.push(`hasHook ${Boolean(db.hasHook('beforeCreate'))} ${Boolean(db.hasHook('afterUpdate'))}`); // Sequelize answers undefined for none
      db.removeHook('beforeCreate', 'nope');
    };
    const sqliteSequelize = new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false, hooks: { beforeCreate: () => void theirs.push('connection option') } });
    const theirs: string[] = [];
    await run(SequelizeLib, sqliteSequelize, theirs);
    await sqliteSequelize.close();
    const hooked = await connect({ hooks: { beforeCreate: () => void ours.push('connection option') } });
    const ours: string[] = [];
    await run(Relata, hooked, ours);
    expect(ours).toEqual(theirs);
    expect(ours).toEqual(['afterDefine HookedThing', 'model option', 'model addHook', 'connection option', 'connection', 'hasHook true false']);
  });

  it('has the hook shorthands on the connection and hooks on the class, as Sequelize does', () => {
    const probe = (lib: typeof Relata | typeof SequelizeLib, db: Relata | SequelizeLib): unknown[] => {
      const fn = (): void => undefined;
      const shorthand = (db as unknown as Record<string, (f: () => void) => unknown>)['afterBulkSync'];
      const chained = shorthand?.call(db, fn) === db;
      const onClass = (lib as unknown as { addHook(h: string, f: () => void): unknown }).addHook('beforeInit', fn) === lib;
      const seen = [db.hasHook('afterBulkSync'), (lib as unknown as { hasHook(h: string): boolean }).hasHook('beforeInit')];
      (lib as unknown as { removeHook(h: string, f: () => void): unknown }).removeHook('beforeInit', fn);
      return [chained, onClass, ...seen, Boolean((lib as unknown as { hasHook(h: string): boolean }).hasHook('beforeInit'))];
    };
    expect(probe(Relata, relata)).toEqual(probe(SequelizeLib, sequelize));
    expect(probe(Relata, relata)).toEqual([true, true, true, true, false]);
  });

  it('gives instances and models their connection, removes attributes and describes the table as Sequelize does', async () => {
    const shape = async (lib: 'relata' | 'sequelize', db: Relata | SequelizeLib): Promise<unknown> => {
      const T = lib === 'relata' ? DataTypes : SequelizeDataTypes;
      const Log = (db as Relata).define('AuditLine', { message: T.STRING, level: T.INTEGER } as never, { timestamps: false }) as ModelStatic<Model>;
      Log.removeAttribute('id');
      await Log.sync({ force: true });
      const line = await Log.create({ message: 'hi', level: 1 } as never);
      const described = await Log.describe();
      return {
        instanceConnection: line.sequelize === db && Log.sequelize === db,
        attributes: Object.keys(Log.getAttributes()),
        columns: Object.keys(described).sort(),
        json: line.toJSON(),
      };
    };
    const sqliteSequelize = new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false });
    const theirs = await shape('sequelize', sqliteSequelize);
    await sqliteSequelize.close();
    expect(await shape('relata', relata)).toEqual(theirs);
    expect(theirs).toEqual({ instanceConnection: true, attributes: ['message', 'level'], columns: ['level', 'message'], json: { message: 'hi', level: 1 } });
  });

  it('lists, finds and removes models through modelManager, as Sequelize does', () => {
    const shape = (db: Relata | SequelizeLib, T: typeof DataTypes): unknown => {
      const A = (db as Relata).define('MmA', { name: T.STRING } as never);
      const B = (db as Relata).define('MmB', { name: T.STRING } as never);
      const manager = (db as unknown as { modelManager: { models: unknown[]; getModel(n: string): unknown; removeModel(m: unknown): void } }).modelManager;
      const before = { found: manager.getModel('MmB') === B, listed: manager.models.filter((m) => m === A || m === B).length };
      manager.removeModel(A);
      const afterRemove = Object.keys(db.models).filter((n) => n.startsWith('Mm'));
      // Sequelize's test support clears the registry by assigning the list.
      manager.models = [];
      return { ...before, afterRemove, gone: manager.getModel('MmA') === undefined, cleared: [manager.models.length, manager.getModel('MmB') === undefined] };
    };
    const sqliteSequelize = new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false });
    const theirs = shape(sqliteSequelize, SequelizeDataTypes as unknown as typeof DataTypes);
    expect(shape(relata, DataTypes)).toEqual(theirs);
    expect(theirs).toEqual({ found: true, listed: 2, afterRemove: ['MmB'], gone: true, cleared: [0, true] });
  });

  it.runIf(family === 'postgres')('reports an exclusion constraint violation as ExclusionConstraintError, as Sequelize does', async () => {
    const schema = ((await relata.query('SELECT current_schema() AS s', { type: 'SELECT', plain: true })) as { s: string }).s;
    await relata.query('CREATE TABLE "Bookings" (during int4range, EXCLUDE USING gist (during WITH &&))');
    await relata.query(`INSERT INTO "Bookings" VALUES ('[1,5)')`);
    const ours = (await relata.query(`INSERT INTO "Bookings" VALUES ('[3,8)')`).catch((e: unknown) => e)) as { name: string; constraint: string; fields: unknown };
    const online = new SequelizeLib(pgUrl(), { logging: false });
    const theirs = (await online.query(`INSERT INTO "${schema}"."Bookings" VALUES ('[3,8)')`).catch((e: unknown) => e)) as { name: string; constraint: string; fields: unknown };
    await online.close();
    expect([ours.name, ours.constraint]).toEqual([theirs.name, theirs.constraint]);
    expect(ours.name).toBe('SequelizeExclusionConstraintError');
    // Sequelize's detail parser stops at the first ')', cutting a range value short.
    expect([ours.fields, theirs.fields]).toEqual([{ during: '[3,8)' }, { during: '[3,8' }]);
  });

  it('creates, lists and drops schemas where the dialect has them, and does what Sequelize does where not', async () => {
    if (family === 'postgres') {
      const name = `${((await relata.query('SELECT current_schema() AS s', { type: 'SELECT', plain: true })) as { s: string }).s}_extra`;
      await relata.createSchema(name);
      await relata.createSchema(name); // IF NOT EXISTS
      expect(await relata.showAllSchemas()).toContain(name);
      expect(await sequelize.showAllSchemas({})).toContain(name);
      await relata.dropSchema(name);
      expect(await relata.showAllSchemas()).not.toContain(name);
    } else {
      const Kept = relata.define('SchemaProbe', { a: DataTypes.STRING });
      await Kept.sync();
      await relata.createSchema('ignored');
      expect(await relata.showAllSchemas()).toContain('SchemaProbes');
      await relata.dropSchema('SchemaProbes');
      expect(await relata.getQueryInterface().tableExists('SchemaProbes')).toBe(false);
    }
  });
});

describe('connection failures against the real servers, as sequelize@6 names them', () => {
  const failure = async (make: () => { authenticate(): Promise<unknown>; close(): Promise<unknown> }): Promise<string> => {
    const db = make();
    const name = await db.authenticate().then(
      () => 'connected',
      (e: Error) => e.name,
    );
    await db.close();
    return name;
  };
  const cases: [string, string, string][] = [
    // [url, relata, sequelize@6]
    ['postgres://postgres@127.0.0.1:1/test', 'SequelizeConnectionRefusedError', 'SequelizeConnectionRefusedError'],
    ['mysql://root@127.0.0.1:1/test', 'SequelizeConnectionRefusedError', 'SequelizeConnectionRefusedError'],
    ['mysql://root:wrong-password@127.0.0.1:3306/test', 'SequelizeAccessDeniedError', 'SequelizeAccessDeniedError'],
    ['mysql://no_such_user_here:x@127.0.0.1:3306/test', 'SequelizeAccessDeniedError', 'SequelizeAccessDeniedError'],
    // Sequelize's pg connection manager reports an unknown role as the plain ConnectionError;
    // relata names it AccessDeniedError (a subclass, so `instanceof ConnectionError` holds). See docs/differences.md.
    ['postgres://no_such_role_here:x@127.0.0.1:5432/test', 'SequelizeAccessDeniedError', 'SequelizeConnectionError'],
    ['postgres://postgres@no-such-host.invalid:5432/test', 'SequelizeHostNotFoundError', 'SequelizeHostNotFoundError'],
  ];
  for (const [url, ours, theirs] of cases) {
    it(`${url} → ${ours}`, async () => {
      expect(await failure(() => new Relata(url, { logging: false }))).toBe(ours);
      expect(await failure(() => new SequelizeLib(url, { logging: false }))).toBe(theirs);
    });
  }

  it('keeps the driver error as parent, original and cause', async () => {
    const db = new Relata('postgres://postgres@127.0.0.1:1/test', { logging: false });
    const error = (await db.authenticate().catch((e: unknown) => e)) as { parent: { code: string }; original: unknown; cause: unknown };
    await db.close();
    expect(error.parent.code).toBe('ECONNREFUSED');
    expect(error.original).toBe(error.parent);
    expect(error.cause).toBe(error.parent);
  });
});
