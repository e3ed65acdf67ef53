/**
 * Real driver errors through the translators: each block provokes the failures on its own tables
 * (`te_*_<random>`, created and dropped here; on the servers in database `test`) with the raw
 * driver, then checks the typed error. Server blocks skip when the server is unreachable, unless
 * CI=true, where they run and fail.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FailedQuery } from '../../src/dialects/adapter.js';
import { isMysqlSerializationFailure, translateMysqlError } from '../../src/dialects/mysql/translate-error.js';
import { isPostgresSerializationFailure, translatePostgresError } from '../../src/dialects/postgres/translate-error.js';
import { isSqliteSerializationFailure, translateSqliteError } from '../../src/dialects/sqlite/translate-error.js';
import type { BaseError } from '../../src/errors/base-error.js';
import { ConnectionError } from '../../src/errors/connection-error.js';
import { ConnectionRefusedError } from '../../src/errors/connection-refused-error.js';
import { TimeoutError } from '../../src/errors/query-timeout-error.js';
import { DatabaseError } from '../../src/errors/database-error.js';
import { ForeignKeyConstraintError } from '../../src/errors/foreign-key-constraint-error.js';
import { ConnectionAcquireTimeoutError } from '../../src/errors/timeout-error.js';
import { UniqueConstraintError } from '../../src/errors/unique-constraint-error.js';
import { mysqlConnectionOptions, mysqlUrl, pgUrl } from '../support/global-setup.js';

const suffix = randomBytes(4).toString('hex');
const users = `te_users_${suffix}`;
const parents = `te_parents_${suffix}`;

function available(dialect: 'postgres' | 'mariadb'): boolean {
  if (process.env['CI'] === 'true') return true;
  let dialects: readonly string[] | undefined;
  try {
    dialects = inject('relataDialects');
  } catch {
    dialects = (process.env['RELATA_TEST_DIALECTS'] ?? '').split(',');
  }
  return dialects.includes(dialect);
}

/** Runs `run`, which must fail, and translates what the driver threw. */
async function translated(
  translate: (error: unknown, query: FailedQuery | undefined) => BaseError,
  query: FailedQuery | undefined,
  run: () => unknown,
): Promise<{ error: BaseError; cause: unknown }> {
  try {
    await run();
  } catch (cause) {
    return { error: translate(cause, query), cause };
  }
  expect.fail(`expected ${query?.sql ?? 'the call'} to fail`);
}

function expectPassthrough(error: BaseError, cause: unknown, query: FailedQuery): void {
  const withSql = error as DatabaseError | UniqueConstraintError;
  expect(withSql.sql).toBe(query.sql);
  expect(withSql.parameters).toEqual(query.parameters);
  expect(error.cause).toBe(cause);
  expect(withSql.parent).toBe(cause);
  expect(withSql.original).toBe(cause);
}

describe('sqlite (better-sqlite3)', () => {
  let db: Database.Database;
  const dir = mkdtempSync(join(tmpdir(), 'relata-te-'));

  beforeAll(() => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(`CREATE TABLE "${parents}" ("id" INTEGER PRIMARY KEY);
      CREATE TABLE "${users}" ("id" INTEGER PRIMARY KEY, "email" TEXT UNIQUE, "name" TEXT NOT NULL,
        "parent_id" INTEGER REFERENCES "${parents}" ("id"));
      INSERT INTO "${parents}" VALUES (1);
      INSERT INTO "${users}" VALUES (1, 'a@b.c', 'ada', 1);`);
  });
  afterAll(() => {
    db.exec(`DROP TABLE "${users}"; DROP TABLE "${parents}";`);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (query: FailedQuery, conn?: Database.Database) => () => (conn ?? db).prepare(query.sql).run(...query.parameters);

  it('unique → UniqueConstraintError, the value read back from the parameters', async () => {
    const query = { sql: `INSERT INTO "${users}" ("id", "email", "name") VALUES (?, ?, ?)`, parameters: [2, 'a@b.c', "O'Reilly"] };
    const { error, cause } = await translated(translateSqliteError, query, run(query));
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect(error.name).toBe('SequelizeUniqueConstraintError');
    expect((error as UniqueConstraintError).fields).toEqual({ email: 'a@b.c' });
    expect((cause as { code: string }).code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expectPassthrough(error, cause, query);
  });

  it('unique through INSERT … SELECT → the column, value unknown', async () => {
    const query = { sql: `INSERT INTO "${users}" ("id", "email", "name") SELECT ?, "email", "name" FROM "${users}"`, parameters: [3] };
    const { error } = await translated(translateSqliteError, query, run(query));
    expect((error as UniqueConstraintError).fields).toEqual({ email: undefined });
  });

  it('primary key → UniqueConstraintError', async () => {
    const query = { sql: `INSERT INTO "${users}" ("id", "name") VALUES (?, ?)`, parameters: [1, 'x'] };
    const { error } = await translated(translateSqliteError, query, run(query));
    expect([error.constructor, (error as UniqueConstraintError).fields]).toEqual([UniqueConstraintError, { id: 1 }]);
  });

  it.each([
    ['child', `INSERT INTO "${users}" ("id", "name", "parent_id") VALUES (?, ?, ?)`, [5, 'x', 999]],
    ['parent', `DELETE FROM "${parents}" WHERE "id" = ?`, [1]],
  ])('foreign key (%s side) → ForeignKeyConstraintError', async (_side, sql, parameters) => {
    const query = { sql, parameters };
    const { error, cause } = await translated(translateSqliteError, query, run(query));
    expect(error.constructor).toBe(ForeignKeyConstraintError);
    expect(error.name).toBe('SequelizeForeignKeyConstraintError');
    expect(error.message).toBe('FOREIGN KEY constraint failed');
    expectPassthrough(error, cause, query);
  });

  it.each([
    ['not null', `INSERT INTO "${users}" ("id") VALUES (?)`, [6], `NOT NULL constraint failed: ${users}.name`],
    ['syntax', 'SELEC ?', [1], 'near "SELEC": syntax error'],
  ])('%s → DatabaseError', async (_what, sql, parameters, message) => {
    const query = { sql, parameters };
    const { error, cause } = await translated(translateSqliteError, query, run(query));
    expect([error.constructor, error.name, error.message]).toEqual([DatabaseError, 'SequelizeDatabaseError', message]);
    expectPassthrough(error, cause, query);
  });

  it('a closed database → ConnectionError', async () => {
    const closed = new Database(':memory:');
    closed.close();
    const { error, cause } = await translated(translateSqliteError, undefined, () => closed.prepare('SELECT 1'));
    expect([error.constructor, error.name, error.cause]).toEqual([ConnectionError, 'SequelizeConnectionError', cause]);
  });

  it('a locked database file → SQLITE_BUSY, a serialization failure', async () => {
    const file = join(dir, 'busy.db');
    const holder = new Database(file);
    const waiter = new Database(file, { timeout: 1 });
    try {
      holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
      const query = { sql: 'INSERT INTO t VALUES (?)', parameters: [2] };
      const { error, cause } = await translated(translateSqliteError, query, run(query, waiter));
      // Sequelize's name for SQLITE_BUSY; a DatabaseError subclass.
      expect([error.constructor, error.name, error instanceof DatabaseError]).toEqual([TimeoutError, 'SequelizeTimeoutError', true]);
      expect(isSqliteSerializationFailure(cause)).toBe(true);
    } finally {
      holder.close();
      waiter.close();
    }
  });
});

describe.skipIf(!available('postgres'))('postgres (pg)', () => {
  let client: pg.Client;
  const connect = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: pgUrl() });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };

  beforeAll(async () => {
    client = await connect();
    await client.query(`CREATE TABLE "${parents}" ("id" int PRIMARY KEY);
      CREATE TABLE "${users}" ("id" int PRIMARY KEY, "email" text UNIQUE, "name" text NOT NULL, "a" int, "b" text,
        "parent_id" int CONSTRAINT "${users}_parent_fk" REFERENCES "${parents}" ("id"), UNIQUE ("a", "b"));
      INSERT INTO "${parents}" VALUES (1);
      INSERT INTO "${users}" VALUES (1, 'a@b.c', 'ada', 1, 'x', 1);`);
  });
  afterAll(async () => {
    await client.query(`DROP TABLE IF EXISTS "${users}"; DROP TABLE IF EXISTS "${parents}";`);
    await client.end();
  });
  const run = (query: FailedQuery) => () => client.query(query.sql, [...query.parameters]);

  it.each([
    ['email', ['a@b.c', 1, 'y'], { email: 'a@b.c' }, `${users}_email_key`],
    ['composite (a, b)', ['new@b.c', 1, 'x'], { a: '1', b: 'x' }, `${users}_a_b_key`],
  ])('unique %s → UniqueConstraintError with fields and constraint', async (_what, values, fields, constraint) => {
    const query = { sql: `INSERT INTO "${users}" ("id", "name", "email", "a", "b") VALUES (2, 'n', $1, $2, $3)`, parameters: values };
    const { error, cause } = await translated(translatePostgresError, query, run(query));
    expect(error.constructor).toBe(UniqueConstraintError);
    expect(error.name).toBe('SequelizeUniqueConstraintError');
    expect([(error as UniqueConstraintError).fields, (error as UniqueConstraintError).constraint]).toEqual([fields, constraint]);
    expectPassthrough(error, cause, query);
  });

  it.each([
    ['child', `INSERT INTO "${users}" ("id", "name", "parent_id") VALUES ($1, 'n', $2)`, [5, 999], { reltype: 'child', table: users, fields: ['parent_id'] }],
    ['parent', `DELETE FROM "${parents}" WHERE "id" = $1`, [1], { reltype: 'parent', table: parents, fields: ['id'] }],
  ])('foreign key (%s side) → ForeignKeyConstraintError', async (_side, sql, parameters, expected) => {
    const query = { sql, parameters };
    const { error, cause } = await translated(translatePostgresError, query, run(query));
    const fk = error as ForeignKeyConstraintError;
    expect([fk.constructor, fk.name]).toEqual([ForeignKeyConstraintError, 'SequelizeForeignKeyConstraintError']);
    expect({ reltype: fk.reltype, table: fk.table, fields: fk.fields, index: fk.index }).toEqual({ ...expected, index: `${users}_parent_fk` });
    expectPassthrough(error, cause, query);
  });

  it.each([
    ['not null', `INSERT INTO "${users}" ("id") VALUES ($1)`, [6], `null value in column "name" of relation "${users}" violates not-null constraint`],
    ['syntax', 'SELEC $1', [1], 'syntax error at or near "SELEC"'],
  ])('%s → DatabaseError', async (_what, sql, parameters, message) => {
    const query = { sql, parameters };
    const { error, cause } = await translated(translatePostgresError, query, run(query));
    expect([error.constructor, error.name, error.message]).toEqual([DatabaseError, 'SequelizeDatabaseError', message]);
    expectPassthrough(error, cause, query);
  });

  it('connection refused → ConnectionRefusedError', async () => {
    const refused = new pg.Client({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'test' });
    const { error, cause } = await translated(translatePostgresError, undefined, () => refused.connect());
    expect([error.constructor, error.name, error.cause]).toEqual([ConnectionRefusedError, 'SequelizeConnectionRefusedError', cause]);
    expect((cause as { code: string }).code).toBe('ECONNREFUSED');
  });

  it('a terminated backend (57P01) → ConnectionError', async () => {
    const victim = await connect();
    const pid = ((await victim.query('SELECT pg_backend_pid() AS pid')).rows[0] as { pid: number }).pid;
    await client.query('SELECT pg_terminate_backend($1)', [pid]);
    const query = { sql: 'SELECT 1', parameters: [] };
    const { error } = await translated(translatePostgresError, query, () => victim.query(query.sql));
    expect(error.constructor).toBe(ConnectionError);
    await victim.end().catch(() => undefined);
  });

  it('pool acquire timeout → ConnectionAcquireTimeoutError', async () => {
    const pool = new pg.Pool({ connectionString: pgUrl(), max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    try {
      const { error } = await translated(translatePostgresError, undefined, () => pool.connect());
      expect([error.constructor, error.name]).toEqual([ConnectionAcquireTimeoutError, 'SequelizeConnectionAcquireTimeoutError']);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('a deadlock (40P01) is a serialization failure', async () => {
    const other = await connect();
    try {
      await client.query(`INSERT INTO "${parents}" VALUES (10), (11)`);
      await client.query('BEGIN');
      await other.query('BEGIN');
      await client.query(`UPDATE "${parents}" SET "id" = 10 WHERE "id" = 10`);
      await other.query(`UPDATE "${parents}" SET "id" = 11 WHERE "id" = 11`);
      const first = client.query(`UPDATE "${parents}" SET "id" = 11 WHERE "id" = 11`);
      const second = other.query(`UPDATE "${parents}" SET "id" = 10 WHERE "id" = 10`);
      const settled = await Promise.allSettled([first, second]);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(isPostgresSerializationFailure(failed?.reason)).toBe(true);
      expect(translatePostgresError(failed?.reason, undefined).constructor).toBe(DatabaseError);
    } finally {
      await client.query('ROLLBACK');
      await other.query('ROLLBACK');
      await other.end();
    }
  });
});

describe.skipIf(!available('mariadb'))('mysql / mariadb (mysql2)', () => {
  let conn: mysql.Connection;
  const options = (): mysql.ConnectionOptions => ({ ...mysqlConnectionOptions(mysqlUrl()), multipleStatements: true });

  beforeAll(async () => {
    conn = await mysql.createConnection(options());
    await conn.query(`CREATE TABLE \`${parents}\` (\`id\` int PRIMARY KEY) ENGINE=InnoDB;
      CREATE TABLE \`${users}\` (\`id\` int PRIMARY KEY, \`email\` varchar(50) UNIQUE, \`name\` text NOT NULL, \`a\` int,
        \`b\` varchar(20), \`parent_id\` int, UNIQUE KEY \`uq_ab\` (\`a\`, \`b\`),
        CONSTRAINT \`${users}_parent_fk\` FOREIGN KEY (\`parent_id\`) REFERENCES \`${parents}\` (\`id\`)) ENGINE=InnoDB;
      INSERT INTO \`${parents}\` VALUES (1);
      INSERT INTO \`${users}\` VALUES (1, 'a@b.c', 'ada', 1, 'x', 1);`);
  });
  afterAll(async () => {
    await conn.query(`DROP TABLE IF EXISTS \`${users}\`; DROP TABLE IF EXISTS \`${parents}\`;`);
    await conn.end();
  });
  const run = (query: FailedQuery) => () => conn.query(query.sql, [...query.parameters] as (string | number | null)[]);

  it.each([
    ['email', ['a@b.c', 1, 'y'], { email: 'a@b.c' }, 'email'],
    ['composite uq_ab', ['new@b.c', 1, 'x'], { uq_ab: '1-x' }, 'uq_ab'],
  ])('unique %s → UniqueConstraintError with {key: value}', async (_what, values, fields, constraint) => {
    const query = { sql: `INSERT INTO \`${users}\` (\`id\`, \`name\`, \`email\`, \`a\`, \`b\`) VALUES (2, 'n', ?, ?, ?)`, parameters: values };
    const { error, cause } = await translated(translateMysqlError, query, run(query));
    expect([error.constructor, error.name]).toEqual([UniqueConstraintError, 'SequelizeUniqueConstraintError']);
    expect([(error as UniqueConstraintError).fields, (error as UniqueConstraintError).constraint]).toEqual([fields, constraint]);
    expectPassthrough(error, cause, query);
  });

  it.each([
    ['child', `INSERT INTO \`${users}\` (\`id\`, \`name\`, \`parent_id\`) VALUES (?, 'n', ?)`, [5, 999]],
    ['parent', `DELETE FROM \`${parents}\` WHERE \`id\` = ?`, [1]],
  ])('foreign key (%s side) → ForeignKeyConstraintError', async (side, sql, parameters) => {
    const query = { sql, parameters };
    const { error, cause } = await translated(translateMysqlError, query, run(query));
    const fk = error as ForeignKeyConstraintError;
    expect([fk.constructor, fk.name]).toEqual([ForeignKeyConstraintError, 'SequelizeForeignKeyConstraintError']);
    expect({ reltype: fk.reltype, table: fk.table, fields: fk.fields, index: fk.index }).toEqual({
      reltype: side, table: parents, fields: ['parent_id'], index: `${users}_parent_fk`,
    });
    expectPassthrough(error, cause, query);
  });

  it.each([
    ['not null', `INSERT INTO \`${users}\` (\`id\`, \`name\`) VALUES (?, ?)`, [6, null], "Column 'name' cannot be null"],
    ['syntax', 'SELEC ?', [1], 'You have an error in your SQL syntax'],
  ])('%s → DatabaseError', async (_what, sql, parameters, message) => {
    const query = { sql, parameters };
    const { error, cause } = await translated(translateMysqlError, query, run(query));
    expect([error.constructor, error.name]).toEqual([DatabaseError, 'SequelizeDatabaseError']);
    expect(error.message).toContain(message);
    expectPassthrough(error, cause, query);
  });

  it.each([
    ['connection refused', { port: 1 }, ConnectionRefusedError, 'SequelizeConnectionRefusedError'],
    ['unknown database', { database: `te_nope_${suffix}` }, ConnectionError, 'SequelizeConnectionError'],
  ] as const)('%s → ConnectionError or its subclass', async (_what, override, kind, name) => {
    const { error, cause } = await translated(translateMysqlError, undefined, () => mysql.createConnection({ ...options(), ...override }));
    expect([error.constructor, error.name, error.cause]).toEqual([kind, name, cause]);
  });

  it('a killed connection → ConnectionError', async () => {
    const victim = await mysql.createConnection(options());
    victim.on('error', () => undefined);
    const [rows] = await victim.query<mysql.RowDataPacket[]>('SELECT CONNECTION_ID() AS id');
    await conn.query('KILL ?', [rows[0]?.['id']]);
    const { error } = await translated(translateMysqlError, undefined, () => victim.query('SELECT 1'));
    expect(error.constructor).toBe(ConnectionError);
    victim.destroy();
  });

  it('a pool with no free connection → ConnectionAcquireTimeoutError', async () => {
    const pool = mysql.createPool({ ...options(), connectionLimit: 1, waitForConnections: false });
    const held = await pool.getConnection();
    try {
      const { error } = await translated(translateMysqlError, undefined, () => pool.getConnection());
      expect([error.constructor, error.message]).toEqual([ConnectionAcquireTimeoutError, 'No connections available.']);
    } finally {
      held.release();
      await pool.end();
    }
  });

  it('a deadlock (1213) is a serialization failure', async () => {
    const other = await mysql.createConnection(options());
    try {
      await conn.query(`INSERT INTO \`${parents}\` VALUES (10), (11)`);
      await conn.query('START TRANSACTION');
      await other.query('START TRANSACTION');
      await conn.query(`UPDATE \`${parents}\` SET \`id\` = 10 WHERE \`id\` = 10`);
      await other.query(`UPDATE \`${parents}\` SET \`id\` = 11 WHERE \`id\` = 11`);
      const first = conn.query(`UPDATE \`${parents}\` SET \`id\` = 11 WHERE \`id\` = 11`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = other.query(`UPDATE \`${parents}\` SET \`id\` = 10 WHERE \`id\` = 10`);
      const settled = await Promise.allSettled([first, second]);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(isMysqlSerializationFailure(failed?.reason)).toBe(true);
      expect(translateMysqlError(failed?.reason, undefined).constructor).toBe(DatabaseError);
    } finally {
      await conn.query('ROLLBACK');
      await other.query('ROLLBACK');
      await other.end();
    }
  });
});
