/**
 * Driver error translation without a database. The fixtures copy the fields the real drivers were
 * seen to produce (pg 8 on PostgreSQL, mysql2 3 on MariaDB 10.11, better-sqlite3 12); tedious's
 * shapes follow its source and SQL Server's documented messages. test/integration provokes the
 * real errors.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isMssqlSerializationFailure, translateMssqlError } from '../../src/dialects/mssql/translate-error.js';
import { isMysqlSerializationFailure, translateMysqlError } from '../../src/dialects/mysql/translate-error.js';
import { isPostgresSerializationFailure, translatePostgresError } from '../../src/dialects/postgres/translate-error.js';
import { isSqliteSerializationFailure, translateSqliteError } from '../../src/dialects/sqlite/translate-error.js';
import type { FailedQuery } from '../../src/dialects/adapter.js';
import { BaseError } from '../../src/errors/base-error.js';
import { AccessDeniedError } from '../../src/errors/access-denied-error.js';
import { ConnectionError } from '../../src/errors/connection-error.js';
import { ConnectionRefusedError } from '../../src/errors/connection-refused-error.js';
import { ConnectionTimedOutError } from '../../src/errors/connection-timed-out-error.js';
import { ExclusionConstraintError } from '../../src/errors/exclusion-constraint-error.js';
import { HostNotFoundError } from '../../src/errors/host-not-found-error.js';
import { HostNotReachableError } from '../../src/errors/host-not-reachable-error.js';
import { InvalidConnectionError } from '../../src/errors/invalid-connection-error.js';
import { TimeoutError } from '../../src/errors/query-timeout-error.js';
import { DatabaseError } from '../../src/errors/database-error.js';
import { ForeignKeyConstraintError } from '../../src/errors/foreign-key-constraint-error.js';
import { ConnectionAcquireTimeoutError } from '../../src/errors/timeout-error.js';
import { UniqueConstraintError } from '../../src/errors/unique-constraint-error.js';

const query: FailedQuery = { sql: 'INSERT INTO "users" ("email") VALUES ($1)', parameters: ['a@b.c'] };

function driverError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

function pgError(message: string, fields: Partial<pg.DatabaseError>): pg.DatabaseError {
  return Object.assign(new pg.DatabaseError(message, 100, 'error'), { severity: 'ERROR' }, fields);
}

/** tedious defines its own classes named ConnectionError / RequestError / (tarn's) TimeoutError. */
const tedious = {
  ConnectionError: class ConnectionError extends Error {},
  RequestError: class RequestError extends Error {},
  TimeoutError: class TimeoutError extends Error {},
};

const translators = [
  ['sqlite', translateSqliteError],
  ['postgres', translatePostgresError],
  ['mysql', translateMysqlError],
  ['mssql', translateMssqlError],
] as const;

describe.each(translators)('%s: what every translator shares', (_dialect, translate) => {
  it('returns a relata error unchanged', () => {
    const err = new UniqueConstraintError({ fields: { a: 1 } });
    expect(translate(err, query)).toBe(err);
  });

  it.each([
    ['ECONNREFUSED', ConnectionRefusedError, 'SequelizeConnectionRefusedError'],
    ['ENOTFOUND', HostNotFoundError, 'SequelizeHostNotFoundError'],
    ['EAI_AGAIN', HostNotFoundError, 'SequelizeHostNotFoundError'],
    ['ETIMEDOUT', ConnectionTimedOutError, 'SequelizeConnectionTimedOutError'],
    ['EHOSTUNREACH', HostNotReachableError, 'SequelizeHostNotReachableError'],
    ['EINVAL', InvalidConnectionError, 'SequelizeInvalidConnectionError'],
    ['ECONNRESET', ConnectionError, 'SequelizeConnectionError'],
    ['EPIPE', ConnectionError, 'SequelizeConnectionError'],
  ] as const)('socket error %s → %o, named %s as in Sequelize', (code, kind, name) => {
    const cause = driverError(`connect ${code} 127.0.0.1:1`, { code, errno: -111, syscall: 'connect' });
    const err = translate(cause, query);
    expect(err.constructor).toBe(kind);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.name).toBe(name);
    expect(err.message).toBe(`connect ${code} 127.0.0.1:1`);
    expect(err.cause).toBe(cause);
    expect((err as ConnectionError).parent).toBe(cause);
    expect((err as ConnectionError).original).toBe(cause);
  });

  it('an AggregateError of socket errors (Node 20 autoSelectFamily) → ConnectionError', () => {
    const cause = new AggregateError([driverError('connect ECONNREFUSED ::1:1', { code: 'ECONNREFUSED' })], 'connect failed');
    expect(translate(cause, query).constructor).toBe(ConnectionRefusedError);
    const mixed = new AggregateError([driverError('a', { code: 'ECONNREFUSED' }), driverError('b', { code: 'ETIMEDOUT' })], 'connect failed');
    expect(translate(mixed, query).constructor).toBe(ConnectionError);
  });

  it("Kysely's destroyed driver → ConnectionError", () => {
    expect(translate(new Error('driver has already been destroyed'), query).constructor).toBe(ConnectionError);
  });

  it('an unknown error → DatabaseError with the message, SQL and parameters', () => {
    const cause = new Error('something odd');
    const err = translate(cause, query) as DatabaseError;
    expect(err.constructor).toBe(DatabaseError);
    expect(err.name).toBe('SequelizeDatabaseError');
    expect([err.message, err.sql, err.parameters, err.cause, err.parent]).toEqual(['something odd', query.sql, ['a@b.c'], cause, cause]);
  });

  it('a thrown non-Error → DatabaseError; no query → sql undefined, parameters []', () => {
    const err = translate('boom', undefined) as DatabaseError;
    expect([err.constructor, err.message, err.sql, err.parameters, err.cause]).toEqual([DatabaseError, 'boom', undefined, [], 'boom']);
  });
});

describe('postgres', () => {
  it('23505 → UniqueConstraintError with fields from detail and the constraint', () => {
    const cause = pgError('duplicate key value violates unique constraint "users_email_key"', {
      code: '23505', detail: 'Key (email)=(a@b.c) already exists.', constraint: 'users_email_key', table: 'users',
    });
    const err = translatePostgresError(cause, query) as UniqueConstraintError;
    expect(err).toBeInstanceOf(UniqueConstraintError);
    expect(err.name).toBe('SequelizeUniqueConstraintError');
    expect(err.message).toBe('Validation error');
    expect(err.fields).toEqual({ email: 'a@b.c' });
    expect(err.constraint).toBe('users_email_key');
    expect([err.sql, err.parameters, err.cause, err.parent, err.original]).toEqual([query.sql, ['a@b.c'], cause, cause, cause]);
    expect(err.errors.map((e) => [e.path, e.value, e.type, e.validatorKey])).toEqual([['email', 'a@b.c', 'unique violation', 'not_unique']]);
  });

  it.each([
    ['Key (a, b)=(1, x) already exists.', { a: '1', b: 'x' }],
    ['Key ("firstName", "Last ""N""")=(Ada, Lovelace) already exists.', { firstName: 'Ada', 'Last "N"': 'Lovelace' }],
    ['Key (note)=(a, b, c) already exists.', { note: 'a, b, c' }],
    // Two columns, three comma-separated parts: which comma separates them is unknowable.
    ['Key (a, b)=(1, q, r) already exists.', { a: undefined, b: undefined }],
    ['Key (lower(email::text))=(a@b.c) already exists.', { 'lower(email::text)': 'a@b.c' }],
  ])('detail %j → fields %j', (detail, fields) => {
    const err = translatePostgresError(pgError('duplicate key', { code: '23505', detail }), query) as UniqueConstraintError;
    expect(err.fields).toEqual(fields);
  });

  it('23505 without a detail → UniqueConstraintError with no fields', () => {
    const err = translatePostgresError(pgError('duplicate key', { code: '23505', constraint: 'c' }), query) as UniqueConstraintError;
    expect([err.constructor, err.fields, err.constraint]).toEqual([UniqueConstraintError, {}, 'c']);
  });

  it.each([
    [
      'insert or update on table "posts" violates foreign key constraint "posts_user_fk"',
      'Key (user_id)=(99) is not present in table "users".',
      { reltype: 'child', table: 'posts', fields: ['user_id'], index: 'posts_user_fk' },
    ],
    [
      'update or delete on table "users" violates foreign key constraint "posts_user_fk" on table "posts"',
      'Key (id)=(1) is still referenced from table "posts".',
      { reltype: 'parent', table: 'users', fields: ['id'], index: 'posts_user_fk' },
    ],
  ])('23503 %s → ForeignKeyConstraintError', (message, detail, expected) => {
    const cause = pgError(message, { code: '23503', detail, constraint: 'posts_user_fk' });
    const err = translatePostgresError(cause, query) as ForeignKeyConstraintError;
    expect(err.constructor).toBe(ForeignKeyConstraintError);
    expect(err.name).toBe('SequelizeForeignKeyConstraintError');
    expect({ reltype: err.reltype, table: err.table, fields: err.fields, index: err.index }).toEqual(expected);
    expect([err.message, err.sql, err.parameters, err.cause]).toEqual([message, query.sql, query.parameters, cause]);
  });

  it.each([
    ['23502', 'null value in column "nn" of relation "t" violates not-null constraint'],
    ['23514', 'new row for relation "t" violates check constraint "t_c_check"'],
    ['42601', 'syntax error at or near "selec"'],
    ['57014', 'canceling statement due to statement timeout'],
    ['40001', 'could not serialize access due to concurrent update'],
  ])('%s → DatabaseError', (code, message) => {
    const err = translatePostgresError(pgError(message, { code }), query);
    expect([err.constructor, err.message]).toEqual([DatabaseError, message]);
  });

  it.each([
    ['57P01', 'FATAL', 'terminating connection due to administrator command'],
    ['57P02', 'FATAL', 'terminating connection because of crash of another server process'],
    ['57P03', 'FATAL', 'the database system is starting up'],
    ['3D000', 'FATAL', 'database "nope" does not exist'],
    ['53300', 'FATAL', 'sorry, too many clients already'],
    ['08006', 'ERROR', 'connection failure'],
    ['XX000', 'PANIC', 'could not write to file'],
  ])('%s (%s) → ConnectionError', (code, severity, message) => {
    const cause = pgError(message, { code, severity });
    const err = translatePostgresError(cause, query);
    expect([err.constructor, err.message, err.cause]).toEqual([ConnectionError, message, cause]);
  });

  it.each([
    ['28P01', 'password authentication failed for user "x"'],
    ['28000', 'role "nouser" does not exist'],
  ])('%s → AccessDeniedError', (code, message) => {
    const cause = pgError(message, { code, severity: 'FATAL' });
    const err = translatePostgresError(cause, query);
    expect([err.constructor, err.name, err.message, err.cause]).toEqual([AccessDeniedError, 'SequelizeAccessDeniedError', message, cause]);
  });

  it('23P01 → ExclusionConstraintError with fields, constraint and table, as Sequelize reads them', () => {
    const cause = pgError('conflicting key value violates exclusion constraint "no_overlap"', {
      code: '23P01', constraint: 'no_overlap', table: 'bookings', detail: 'Key (room)=(1) conflicts with existing key (room)=(1).',
    });
    const err = translatePostgresError(cause, query) as ExclusionConstraintError;
    expect([err.constructor, err.name, err.message, err.constraint, err.table, err.fields, err.cause, err.sql]).toEqual([
      ExclusionConstraintError, 'SequelizeExclusionConstraintError', 'Exclusion constraint error', 'no_overlap', 'bookings', { room: '1' }, cause, query.sql,
    ]);
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
    'Cannot use a pool after calling end on the pool',
  ])("pg's own %j → ConnectionError", (message) => {
    expect(translatePostgresError(new Error(message), query).constructor).toBe(ConnectionError);
  });

  it('pg-pool acquire timeout → ConnectionAcquireTimeoutError', () => {
    const err = translatePostgresError(new Error('timeout exceeded when trying to connect'), query);
    expect(err.constructor).toBe(ConnectionAcquireTimeoutError);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.name).toBe('SequelizeConnectionAcquireTimeoutError');
  });

  it('serialization failures: 40001 and 40P01 only', () => {
    expect(isPostgresSerializationFailure(pgError('x', { code: '40001' }))).toBe(true);
    expect(isPostgresSerializationFailure(pgError('x', { code: '40P01' }))).toBe(true);
    expect(isPostgresSerializationFailure(pgError('x', { code: '23505' }))).toBe(false);
    expect(isPostgresSerializationFailure('40001')).toBe(false);
  });
});

describe('mysql / mariadb', () => {
  const mysqlError = (errno: number, code: string, message: string, extra: Record<string, unknown> = {}): Error =>
    driverError(message, { errno, code, sqlState: '23000', sqlMessage: message, sql: 'interpolated', ...extra });

  it.each([
    ["Duplicate entry 'a@b.c' for key 'email'", { email: 'a@b.c' }, 'email'], // MariaDB
    ["Duplicate entry 'a@b.c' for key 'users.email'", { email: 'a@b.c' }, 'email'], // MySQL 8
    ["Duplicate entry '1-q-r's' for key 'uq_ab'", { uq_ab: "1-q-r's" }, 'uq_ab'],
    ["Duplicate entry '1' for key 'PRIMARY'", { PRIMARY: '1' }, 'PRIMARY'],
  ])('1062 %s → UniqueConstraintError', (message, fields, constraint) => {
    const cause = mysqlError(1062, 'ER_DUP_ENTRY', message);
    const err = translateMysqlError(cause, query) as UniqueConstraintError;
    expect(err.constructor).toBe(UniqueConstraintError);
    expect([err.fields, err.constraint, err.sql, err.parameters, err.cause]).toEqual([fields, constraint, query.sql, query.parameters, cause]);
  });

  it.each([
    [1452, 'ER_NO_REFERENCED_ROW_2', 'Cannot add or update a child row', 'child'],
    [1451, 'ER_ROW_IS_REFERENCED_2', 'Cannot delete or update a parent row', 'parent'],
  ])('%i → ForeignKeyConstraintError %s', (errno, code, start, reltype) => {
    const message = `${start}: a foreign key constraint fails (\`test\`.\`posts\`, CONSTRAINT \`posts_fk\` FOREIGN KEY (\`user_id\`, \`org\`) REFERENCES \`users\` (\`id\`, \`org\`))`;
    const err = translateMysqlError(mysqlError(errno, code, message), query) as ForeignKeyConstraintError;
    expect(err.constructor).toBe(ForeignKeyConstraintError);
    expect({ reltype: err.reltype, table: err.table, fields: err.fields, index: err.index }).toEqual({
      reltype, table: 'users', fields: ['user_id', 'org'], index: 'posts_fk',
    });
  });

  it('1216/1217 without details → ForeignKeyConstraintError with only the side', () => {
    const child = translateMysqlError(mysqlError(1216, 'ER_NO_REFERENCED_ROW', 'Cannot add or update a child row: a foreign key constraint fails'), query);
    const parent = translateMysqlError(mysqlError(1217, 'ER_ROW_IS_REFERENCED', 'Cannot delete or update a parent row: a foreign key constraint fails'), query);
    expect([(child as ForeignKeyConstraintError).reltype, (child as ForeignKeyConstraintError).table]).toEqual(['child', undefined]);
    expect((parent as ForeignKeyConstraintError).reltype).toBe('parent');
  });

  it('trusts errno, not code: MariaDB CHECK 4025 arrives named ER_INNODB_AUTOEXTEND_SIZE_OUT_OF_RANGE', () => {
    const err = translateMysqlError(mysqlError(4025, 'ER_INNODB_AUTOEXTEND_SIZE_OUT_OF_RANGE', 'CONSTRAINT `t.c` failed for `test`.`t`'), query);
    expect([err.constructor, err.message]).toEqual([DatabaseError, 'CONSTRAINT `t.c` failed for `test`.`t`']);
  });

  it.each([
    [1048, 'ER_BAD_NULL_ERROR', "Column 'nn' cannot be null"],
    [1364, 'ER_NO_DEFAULT_FOR_FIELD', "Field 'nn' doesn't have a default value"],
    [1064, 'ER_PARSE_ERROR', 'You have an error in your SQL syntax'],
    [1213, 'ER_LOCK_DEADLOCK', 'Deadlock found when trying to get lock; try restarting transaction'],
  ])('%i %s → DatabaseError', (errno, code, message) => {
    expect(translateMysqlError(mysqlError(errno, code, message), query).constructor).toBe(DatabaseError);
  });

  it.each([
    [1049, 'ER_BAD_DB_ERROR'],
    [1040, 'ER_CON_COUNT_ERROR'], [1053, 'ER_SERVER_SHUTDOWN'], [1927, 'ER_CONNECTION_KILLED'],
  ])('%i %s → ConnectionError', (errno, code) => {
    expect(translateMysqlError(mysqlError(errno, code, 'refused'), query).constructor).toBe(ConnectionError);
  });

  it.each([[1045, 'ER_ACCESS_DENIED_ERROR'], [1698, 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR']])('%i %s → AccessDeniedError', (errno, code) => {
    const err = translateMysqlError(mysqlError(errno, code, 'Access denied'), query);
    expect([err.constructor, err.name]).toEqual([AccessDeniedError, 'SequelizeAccessDeniedError']);
  });

  it.each([
    [{ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }, 'Connection lost: The server closed the connection.'],
    [{ fatal: true }, "Can't add new command when connection is in closed state"],
    [{}, "Can't add new command when connection is in closed state"],
    [{}, 'Pool is closed.'],
  ])('client error %j %s → ConnectionError', (fields, message) => {
    expect(translateMysqlError(driverError(message, fields), query).constructor).toBe(ConnectionError);
  });

  it.each(['No connections available.', 'Queue limit reached.'])('pool refusal %j → ConnectionAcquireTimeoutError', (message) => {
    expect(translateMysqlError(new Error(message), query).constructor).toBe(ConnectionAcquireTimeoutError);
  });

  it('serialization failures: 1213 deadlock and 1205 lock wait timeout', () => {
    expect(isMysqlSerializationFailure(mysqlError(1213, 'ER_LOCK_DEADLOCK', 'x'))).toBe(true);
    expect(isMysqlSerializationFailure(mysqlError(1205, 'ER_LOCK_WAIT_TIMEOUT', 'x'))).toBe(true);
    expect(isMysqlSerializationFailure(mysqlError(1062, 'ER_DUP_ENTRY', 'x'))).toBe(false);
  });
});

describe('sqlite', () => {
  const sqliteError = (code: string, message: string): Error => Object.assign(new Error(message), { name: 'SqliteError', code });
  const unique = (message: string, q: FailedQuery | undefined): UniqueConstraintError =>
    translateSqliteError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', message), q) as UniqueConstraintError;

  it.each([
    ['INSERT INTO "users" ("name", "email") VALUES (?, ?)', ['ada', 'a@b.c'], { email: 'a@b.c' }],
    ['insert into "main"."Users" ("Email", "name") values (?, ?) returning *', ['a@b.c', 'ada'], { email: 'a@b.c' }],
    ['UPDATE "users" SET "email" = ?, "name" = ? WHERE "id" = ?', ['a@b.c', 'ada', 1], { email: 'a@b.c' }],
    ['update `users` set `email` = ?', ['a@b.c'], { email: 'a@b.c' }],
    // Shapes where parameter i is not certainly column i: the value stays unknown.
    ['INSERT INTO "users" ("name", "email") VALUES (?, ?), (?, ?)', ['a', 'x', 'b', 'y'], { email: undefined }],
    ['INSERT INTO "users" ("name", "email") VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "email" = ?', ['a', 'x', 'y'], { email: undefined }],
    ['INSERT INTO "users" ("name", "email") SELECT ?, ?', ['a', 'x'], { email: undefined }],
    ['INSERT INTO "users" ("name", "email") VALUES (?, lower(?))', ['a', 'X'], { email: undefined }],
    ['UPDATE "users" SET "email" = lower(?) WHERE "id" = ?', ['X', 1], { email: undefined }],
    ['INSERT INTO "other" ("email") VALUES (?)', ['a@b.c'], { email: undefined }],
  ])('%s → fields %j', (sql, parameters, fields) => {
    const err = unique('UNIQUE constraint failed: users.email', { sql, parameters });
    expect(err.constructor).toBe(UniqueConstraintError);
    expect(err.fields).toEqual(fields);
    expect([err.sql, err.parameters]).toEqual([sql, parameters]);
  });

  it('composite and primary keys name every column', () => {
    expect(unique('UNIQUE constraint failed: t.a, t.b', undefined).fields).toEqual({ a: undefined, b: undefined });
    const pk = translateSqliteError(sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY', 'UNIQUE constraint failed: t.id'), {
      sql: 'insert into "t" ("id") values (?)', parameters: [7],
    }) as UniqueConstraintError;
    expect([pk.constructor, pk.fields]).toEqual([UniqueConstraintError, { id: 7 }]);
  });

  it('an expression index is reported by name', () => {
    const err = unique("UNIQUE constraint failed: index 'users_lower_email'", undefined);
    expect([err.fields, err.constraint]).toEqual([{}, 'users_lower_email']);
  });

  it('SQLITE_CONSTRAINT_FOREIGNKEY → ForeignKeyConstraintError without table or side', () => {
    const cause = sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed');
    const err = translateSqliteError(cause, query) as ForeignKeyConstraintError;
    expect(err.constructor).toBe(ForeignKeyConstraintError);
    expect([err.message, err.reltype, err.table, err.fields, err.index, err.sql, err.cause]).toEqual([
      'FOREIGN KEY constraint failed', undefined, undefined, undefined, undefined, query.sql, cause,
    ]);
  });

  it.each([
    ['SQLITE_CONSTRAINT_NOTNULL', 'NOT NULL constraint failed: t.nn'],
    ['SQLITE_CONSTRAINT_CHECK', 'CHECK constraint failed: c > 0'],
    ['SQLITE_ERROR', 'near "selec": syntax error'],
  ])('%s → DatabaseError', (code, message) => {
    expect(translateSqliteError(sqliteError(code, message), query).constructor).toBe(DatabaseError);
  });

  it.each(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT'])('%s → TimeoutError (a DatabaseError), as Sequelize names it', (code) => {
    const cause = sqliteError(code, 'database is locked');
    const err = translateSqliteError(cause, query) as TimeoutError;
    expect([err.constructor, err.name, err.message, err.sql, err.cause]).toEqual([TimeoutError, 'SequelizeTimeoutError', 'database is locked', query.sql, cause]);
    expect(err).toBeInstanceOf(DatabaseError);
  });

  it.each([
    [sqliteError('SQLITE_CANTOPEN', 'unable to open database file')],
    [new TypeError('The database connection is not open')],
    [new TypeError('Cannot open database because the directory does not exist')],
  ])('%s → ConnectionError', (cause) => {
    expect(translateSqliteError(cause, query).constructor).toBe(ConnectionError);
  });

  it('a TypeError from a bad argument stays a DatabaseError', () => {
    expect(translateSqliteError(new TypeError('Too many parameter values were provided'), query).constructor).toBe(DatabaseError);
  });

  it('serialization failures: SQLITE_BUSY and its extended codes', () => {
    expect(isSqliteSerializationFailure(sqliteError('SQLITE_BUSY', 'database is locked'))).toBe(true);
    expect(isSqliteSerializationFailure(sqliteError('SQLITE_BUSY_SNAPSHOT', 'x'))).toBe(true);
    expect(isSqliteSerializationFailure(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'x'))).toBe(false);
  });
});

describe('mssql (tedious)', () => {
  const request = (number: number, message: string): Error => Object.assign(new tedious.RequestError(message), { code: 'EREQUEST', number, state: 1, class: 14 });

  it.each([
    [2627, "Violation of UNIQUE KEY constraint 'UQ_users_email'. Cannot insert duplicate key in object 'dbo.users'. The duplicate key value is (a@b.c).", 'UQ_users_email', 'a@b.c'],
    [2627, "Violation of PRIMARY KEY constraint 'PK_t'. Cannot insert duplicate key in object 'dbo.t'. The duplicate key value is (1, x).", 'PK_t', '1, x'],
    [2601, "Cannot insert duplicate key row in object 'dbo.users' with unique index 'IX_users_email'. The duplicate key value is (a@b.c).", 'IX_users_email', 'a@b.c'],
  ])('%i → UniqueConstraintError', (number, message, constraint, value) => {
    const err = translateMssqlError(request(number, message), query) as UniqueConstraintError;
    expect(err.constructor).toBe(UniqueConstraintError);
    expect([err.fields, err.constraint, err.sql]).toEqual([{ [constraint]: value }, constraint, query.sql]);
  });

  it.each([
    ['The INSERT statement conflicted with the FOREIGN KEY constraint "FK_posts_users". The conflict occurred in database "test", table "dbo.users", column \'id\'.', 'child', 'dbo.users', ['id']],
    ['The DELETE statement conflicted with the REFERENCE constraint "FK_posts_users". The conflict occurred in database "test", table "dbo.posts", column \'user_id\'.', 'parent', 'dbo.posts', ['user_id']],
  ])('547 %s → ForeignKeyConstraintError', (message, reltype, table, fields) => {
    const err = translateMssqlError(request(547, message), query) as ForeignKeyConstraintError;
    expect(err.constructor).toBe(ForeignKeyConstraintError);
    expect({ reltype: err.reltype, table: err.table, fields: err.fields, index: err.index }).toEqual({ reltype, table, fields, index: 'FK_posts_users' });
  });

  it('547 on a CHECK constraint and 515 NOT NULL → DatabaseError', () => {
    const check = request(547, 'The INSERT statement conflicted with the CHECK constraint "CK_t_c". The conflict occurred in database "test", table "dbo.t", column \'c\'.');
    expect(translateMssqlError(check, query).constructor).toBe(DatabaseError);
    expect(translateMssqlError(request(515, "Cannot insert the value NULL into column 'nn'"), query).constructor).toBe(DatabaseError);
  });

  it.each([
    [Object.assign(new tedious.ConnectionError('Failed to connect to db:1433 - connect ECONNREFUSED'), { code: 'ESOCKET' })],
    [Object.assign(new tedious.ConnectionError("Login failed for user 'sa'."), { code: 'ELOGIN' })],
    [Object.assign(new tedious.ConnectionError('Failed to connect to db:1433 in 15000ms'), { code: 'ETIMEOUT' })],
    [Object.assign(new tedious.RequestError('Connection closed before request completed.'), { code: 'ECLOSE' })],
    [request(4060, 'Cannot open database "nope" requested by the login.')],
  ])('%s → ConnectionError', (cause) => {
    expect(translateMssqlError(cause, query).constructor).toBe(ConnectionError);
  });

  it('a request timeout (RequestError ETIMEOUT) stays a DatabaseError', () => {
    const cause = Object.assign(new tedious.RequestError('Timeout: Request failed to complete in 15000ms'), { code: 'ETIMEOUT' });
    expect(translateMssqlError(cause, query).constructor).toBe(DatabaseError);
  });

  it("tarn's acquire TimeoutError → ConnectionAcquireTimeoutError", () => {
    const err = translateMssqlError(new tedious.TimeoutError('operation timed out for an unknown reason'), query);
    expect(err.constructor).toBe(ConnectionAcquireTimeoutError);
  });

  it('serialization failures: 1205 deadlock victim and 3960 snapshot conflict', () => {
    expect(isMssqlSerializationFailure(request(1205, 'deadlocked'))).toBe(true);
    expect(isMssqlSerializationFailure(request(3960, 'Snapshot isolation transaction aborted'))).toBe(true);
    expect(isMssqlSerializationFailure(request(2627, 'x'))).toBe(false);
  });
});

it('every translated error is a BaseError', () => {
  for (const [, translate] of translators) expect(translate(new Error('x'), undefined)).toBeInstanceOf(BaseError);
});
