/**
 * Typed errors from real databases: unique and foreign key violations, database errors carrying
 * their SQL, parameters and driver cause, connection failures; and `err.name` as Sequelize 6
 * spells it (compared with the installed sequelize@6 classes).
 */
import * as sequelize from 'sequelize';
import { beforeEach, describe, expect, it } from 'vitest';
import * as relata from '../../src/index.js';
import {
  ConnectionError, DataTypes, DatabaseError, ForeignKeyConstraintError, QueryTypes, Relata, UniqueConstraintError, type Model, type ModelStatic,
} from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';

/** What each database reports about a foreign key violation (SQLite names neither side nor columns). */
const foreignKeyDetails: Record<TestDialect, { child: object; parent: object }> = {
  sqlite: { child: { reltype: undefined, fields: undefined }, parent: { reltype: undefined, fields: undefined } },
  'sqlite-file': { child: { reltype: undefined, fields: undefined }, parent: { reltype: undefined, fields: undefined } },
  postgres: { child: { reltype: 'child', fields: ['ownerId'] }, parent: { reltype: 'parent', fields: ['id'] } },
  mariadb: { child: { reltype: 'child', fields: ['ownerId'], table: 'Owners' }, parent: { reltype: 'parent', fields: ['ownerId'], table: 'Owners' } },
};

/** The driver's own code for "no such table", kept on `cause`. */
const missingTableCode: Record<TestDialect, { key: 'code' | 'errno'; value: string | number }> = {
  sqlite: { key: 'code', value: 'SQLITE_ERROR' },
  'sqlite-file': { key: 'code', value: 'SQLITE_ERROR' },
  postgres: { key: 'code', value: '42P01' },
  mariadb: { key: 'errno', value: 1146 },
};

/** A URL that cannot be reached: nothing listens on port 1; SQLite cannot open a file in a missing directory. */
const unreachableUrl: Record<TestDialect, string> = {
  sqlite: 'sqlite:/nonexistent-relata-dir/none/test.db',
  'sqlite-file': 'sqlite:/nonexistent-relata-dir/none/test.db',
  postgres: 'postgres://postgres@127.0.0.1:1/test',
  mariadb: 'mariadb://root@127.0.0.1:1/test',
};

/** The SQL text a failed raw query reports: `?` rewritten to the dialect's placeholder. */
const missingTableSql: Record<TestDialect, string> = {
  sqlite: 'SELECT * FROM no_such_table WHERE id = ? AND name = ?',
  'sqlite-file': 'SELECT * FROM no_such_table WHERE id = ? AND name = ?',
  postgres: 'SELECT * FROM no_such_table WHERE id = $1 AND name = $2',
  mariadb: 'SELECT * FROM no_such_table WHERE id = ? AND name = ?',
};

describeEachDialect('errors', ({ dialect, connect }) => {
  let db: Relata;
  let Owner: ModelStatic<Model>;
  let Pet: ModelStatic<Model>;
  let Account: ModelStatic<Model>;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
    Owner = db.define('Owner', { name: DataTypes.STRING }, { timestamps: false });
    Pet = db.define('Pet', {
      name: DataTypes.STRING,
      ownerId: { type: DataTypes.INTEGER, references: { model: 'Owners', key: 'id' }, onDelete: 'RESTRICT' },
    }, { timestamps: false });
    Account = db.define('Account', {
      email: { type: DataTypes.STRING, unique: true },
      handle: { type: DataTypes.STRING, allowNull: false },
    }, { timestamps: false });
    await db.sync({ force: true });
  });

  async function caught(run: () => Promise<unknown>): Promise<Error> {
    const error = await run().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }

  it('UniqueConstraintError names the column and the value, on insert and on update', async () => {
    await Account.bulkCreate([{ email: 'a@b.c', handle: 'a' }, { email: 'x@y.z', handle: 'x' }]);
    const onInsert = await caught(() => Account.create({ email: 'a@b.c', handle: 'dup' }));
    expect(onInsert).toBeInstanceOf(UniqueConstraintError);
    expect(onInsert.name).toBe('SequelizeUniqueConstraintError');
    expect((onInsert as UniqueConstraintError).fields).toEqual({ email: 'a@b.c' });
    expect((onInsert as UniqueConstraintError).errors.map((e) => [e.path, e.value, e.validatorKey])).toEqual([['email', 'a@b.c', 'not_unique']]);

    const onUpdate = await caught(() => Account.update({ email: 'a@b.c' }, { where: { handle: 'x' } }));
    expect(onUpdate).toBeInstanceOf(UniqueConstraintError);
    expect((onUpdate as UniqueConstraintError).fields).toEqual({ email: 'a@b.c' });
    expect(await Account.count({ where: { email: 'a@b.c' } })).toBe(1);
  });

  it('ForeignKeyConstraintError for a child whose parent is missing', async () => {
    const error = await caught(() => Pet.create({ name: 'rex', ownerId: 42 }));
    expect(error).toBeInstanceOf(ForeignKeyConstraintError);
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error.name).toBe('SequelizeForeignKeyConstraintError');
    expect(error).toMatchObject(foreignKeyDetails[dialect].child);
    expect(await Pet.count()).toBe(0);
  });

  it('regression: deleting a parent under ON DELETE RESTRICT is a ForeignKeyConstraintError (SQLite reports it as a trigger failure)', async () => {
    const owner = await Owner.create({ name: 'ann' });
    await Pet.create({ name: 'rex', ownerId: owner.get('id') });
    const error = await caught(() => owner.destroy());
    expect(error).toBeInstanceOf(ForeignKeyConstraintError);
    expect(error).toMatchObject(foreignKeyDetails[dialect].parent);
    expect(await Owner.count()).toBe(1);
    expect(await Pet.count()).toBe(1);
  });

  it('DatabaseError carries the SQL, the parameters and the driver error', async () => {
    const error = await caught(() => db.query('SELECT * FROM no_such_table WHERE id = ? AND name = ?', { replacements: [7, 'x'], type: QueryTypes.SELECT }));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error.name).toBe('SequelizeDatabaseError');
    const database = error as DatabaseError;
    expect(database.sql).toBe(missingTableSql[dialect]);
    expect(database.parameters).toEqual([7, 'x']);
    expect(database.cause).toBeInstanceOf(Error);
    expect(database.parent).toBe(database.cause);
    expect(database.original).toBe(database.cause);
    const { key, value } = missingTableCode[dialect];
    expect((database.cause as unknown as Record<string, unknown>)[key]).toBe(value);
    expect(database.message).toBe((database.cause as Error).message);
  });

  it('a NOT NULL violation the database catches (validation off) is a DatabaseError with the INSERT', async () => {
    const error = await caught(() => Account.create({ email: 'n@u.ll' }, { validate: false }));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).not.toBeInstanceOf(UniqueConstraintError);
    expect((error as DatabaseError).sql).toMatch(/^insert into [`"]Accounts[`"]/);
    expect((error as DatabaseError).parameters).toContain('n@u.ll');
    expect(await Account.count()).toBe(0);
  });

  it('ConnectionError for a server that cannot be reached', async () => {
    const unreachable = new Relata(unreachableUrl[dialect], { logging: false, pool: { acquire: 5000 } });
    try {
      const error = await caught(() => unreachable.authenticate());
      expect(error).toBeInstanceOf(ConnectionError);
      // Nothing listens on port 1: Sequelize's ConnectionRefusedError; SQLite's missing directory: the plain ConnectionError.
      expect(error.name).toBe(dialect.startsWith('sqlite') ? 'SequelizeConnectionError' : 'SequelizeConnectionRefusedError');
      expect(error.cause).toBeInstanceOf(Error);
    } finally {
      await unreachable.close().catch(() => undefined);
    }
  });
});

describe('error names equal Sequelize 6 names', () => {
  const make: Record<string, (C: new (...args: never[]) => Error) => Error> = {
    BaseError: (C) => new (C as new (m: string) => Error)('x'),
    ValidationError: (C) => new (C as new (m: string, e: unknown[]) => Error)('x', []),
    UniqueConstraintError: (C) => new (C as new (o: object) => Error)({}),
    ForeignKeyConstraintError: (C) => new (C as new (o: object) => Error)({}),
    DatabaseError: (C) => new (C as new (e: Error) => Error)(new Error('x')),
    ConnectionError: (C) => new (C as new (e: Error) => Error)(new Error('x')),
    ConnectionAcquireTimeoutError: (C) => new (C as new (e: Error) => Error)(new Error('x')),
    EmptyResultError: (C) => new (C as new (m: string) => Error)('x'),
    EagerLoadingError: (C) => new (C as new (m: string) => Error)('x'),
    AssociationError: (C) => new (C as new (m: string) => Error)('x'),
  };
  const relataExports = relata as unknown as Record<string, new (...args: never[]) => Error>;
  const sequelizeExports = sequelize as unknown as Record<string, new (...args: never[]) => Error>;

  for (const [name, build] of Object.entries(make)) {
    it(name, () => {
      const ours = build(relataExports[name] as new (...args: never[]) => Error);
      const theirs = build(sequelizeExports[name] as new (...args: never[]) => Error);
      expect(ours.name).toBe(theirs.name);
      expect(ours.name).toMatch(/^Sequelize/);
    });
  }
});
