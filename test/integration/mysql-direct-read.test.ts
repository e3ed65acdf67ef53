/**
 * On MySQL/MariaDB a SELECT outside any transaction runs straight on mysql2's pool
 * (`adapter.readNow`), not through Kysely's executor. It must behave as the Kysely path: the
 * connection's session statements (sql_mode without NO_BACKSLASH_ESCAPES, the time zone) run
 * before anything else on a connection it opens, `pool.acquire` bounds the wait for a
 * connection, and driver errors are translated.
 */
import { afterEach, expect, it } from 'vitest';
import {
  ConnectionAcquireTimeoutError, DatabaseError, DataTypes, literal, QueryTypes, UniqueConstraintError, type Model, type ModelStatic, type Relata, type Transaction,
} from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';

interface Probe {
  name: string;
  zone: string;
  connection: number;
  stored: string;
}

describeEachDialect('reads outside a transaction on mysql2', ({ dialect, connect }) => {
  const mysql = dialect === 'mariadb';
  const open: Transaction[] = [];

  afterEach(async () => {
    for (const t of open.splice(0)) await t.rollback();
  });

  /** Counts the reads that take the direct path. */
  const countDirect = (db: Relata): { calls: number } => {
    const counter = { calls: 0 };
    const adapter = db.adapter;
    const direct = adapter.readNow?.bind(adapter);
    expect(direct).toBeDefined();
    adapter.readNow = (sql, parameters) => {
      const run = direct?.(sql, parameters);
      if (run !== undefined) counter.calls++;
      return run;
    };
    return counter;
  };

  const define = (db: Relata): ModelStatic<Model> =>
    db.define('Stamp', { name: DataTypes.STRING, at: DataTypes.DATE }, { timestamps: false });

  /** The session time zone, the connection id and `at` as the session prints it, read by a model SELECT. */
  const probe = (Stamp: ModelStatic<Model>, name: string): Promise<Probe[]> =>
    Stamp.findAll({
      attributes: [
        'name',
        [literal('@@SESSION.time_zone'), 'zone'],
        [literal('CONNECTION_ID()'), 'connection'],
        [literal('CAST(`at` AS CHAR)'), 'stored'],
      ],
      where: { name },
      raw: true,
    }) as unknown as Promise<Probe[]>;

  const connectionOf = async (db: Relata, t: Transaction): Promise<number> =>
    ((await db.query('SELECT CONNECTION_ID() AS id', { type: QueryTypes.SELECT, plain: true, transaction: t })) as { id: number }).id;

  it.runIf(mysql)('a connection the direct read opens runs the session statements first: time zone, and backslashes stay escapes', async () => {
    const db = await connect({ timezone: '+05:30', pool: { max: 2 } });
    const Stamp = define(db);
    await db.sync({ force: true });
    const at = new Date('2026-01-02T03:04:05.000Z');
    await Stamp.bulkCreate([
      { name: 'a\\b', at },
      { name: "\\' OR 1=1 -- ", at },
      { name: 'plain', at },
    ]);
    const direct = countDirect(db);
    // The pool's first connection is held, so the reads below open a second one themselves.
    const t = await db.transaction();
    open.push(t);
    const held = await connectionOf(db, t);
    // The transaction's connection (Kysely's driver) had the same session statements.
    expect(await db.query('SELECT @@SESSION.time_zone AS zone', { type: QueryTypes.SELECT, plain: true, transaction: t })).toEqual({ zone: '+05:30' });

    const [row] = await probe(Stamp, 'a\\b');
    expect(row).toEqual({ name: 'a\\b', zone: '+05:30', connection: expect.any(Number), stored: '2026-01-02 08:34:05' });
    expect(row?.connection).not.toBe(held);
    expect(await Stamp.findAll({ where: { name: "\\' OR 1=1 -- " }, attributes: ['name', 'at'], raw: true })).toEqual([{ name: "\\' OR 1=1 -- ", at }]);
    const modes = (await Stamp.findAll({ attributes: [[literal('@@SESSION.sql_mode'), 'mode']], limit: 1, raw: true })) as unknown as { mode: string }[];
    expect(modes[0]?.mode.split(',')).not.toContain('NO_BACKSLASH_ESCAPES');
    expect(direct.calls).toBe(3);
  });

  it.runIf(mysql)('waits at most pool.acquire for a connection, then fails with ConnectionAcquireTimeoutError, and gives back the late one', async () => {
    const db = await connect({ pool: { max: 1, acquire: 300 } });
    const Stamp = define(db);
    await db.sync({ force: true });
    await Stamp.create({ name: 'one', at: new Date('2026-01-02T03:04:05.000Z') });
    const direct = countDirect(db);
    const t = await db.transaction();
    open.push(t);
    await Stamp.count({ transaction: t });

    const started = Date.now();
    const failure = await Stamp.findAll().then(
      () => undefined,
      (error: unknown) => error,
    );
    const waited = Date.now() - started;
    expect(failure).toBeInstanceOf(ConnectionAcquireTimeoutError);
    expect((failure as Error).message).toMatch(/^No database connection became available within 300 ms \(pool\.acquire\): all 1 \(pool\.max\) were in use/);
    expect(waited).toBeGreaterThanOrEqual(280);
    expect(waited).toBeLessThan(2_000);
    expect(direct.calls).toBe(1);

    await open.splice(0)[0]?.rollback();
    // The request that gave up got the connection when the transaction ended and handed it back.
    expect(await Promise.all([Stamp.count(), db.transaction(async () => Stamp.count())])).toEqual([1, 1]);
    expect((await Stamp.findAll({ attributes: ['name'], raw: true }))).toEqual([{ name: 'one' }]);
  });

  it.runIf(mysql)('a killed idle connection is replaced, with its session statements, and a driver error is translated with its SQL', async () => {
    const db = await connect({ timezone: '-03:00', pool: { max: 1 } });
    const admin = await connect();
    const Stamp = define(db);
    await db.sync({ force: true });
    await Stamp.create({ name: 'one', at: new Date('2026-01-02T03:04:05.000Z') });
    const direct = countDirect(db);
    const [before] = await probe(Stamp, 'one');
    expect(before).toMatchObject({ zone: '-03:00', stored: '2026-01-02 00:04:05' });
    await admin.query(`KILL ${Number(before?.connection)}`);
    // mysql2 drops the connection from its pool once it sees the socket close.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [after] = await probe(Stamp, 'one');
    expect(after).toMatchObject({ zone: '-03:00', stored: '2026-01-02 00:04:05' });
    expect(after?.connection).not.toBe(before?.connection);

    const Missing = db.define('Missing', { name: DataTypes.STRING });
    const failure = await Missing.findAll({ where: { name: 'x' } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).sql).toBe(
      'select `Missing`.`id` as `id`, `Missing`.`name` as `name`, `Missing`.`createdAt` as `createdAt`, `Missing`.`updatedAt` as `updatedAt` from `Missings` as `Missing` where `Missing`.`name` = ?',
    );
    expect((failure as DatabaseError).parameters).toEqual(['x']);
    expect(direct.calls).toBe(3);
  });

  it.runIf(mysql)('a Date bound for many rows is written as mysql2 writes it, in the pool time zone, and errors report the Date', async () => {
    const db = await connect({ timezone: '+05:30' });
    const Stamp = db.define('Stamp', { name: { type: DataTypes.STRING, unique: true }, at: DataTypes.DATE(3) }, { timestamps: true });
    await db.sync({ force: true });
    const shared = new Date('2026-01-02T20:04:05.123Z');
    await Stamp.bulkCreate([
      { name: 'a', at: shared },
      { name: 'b', at: shared },
      { name: 'c', at: new Date('1999-12-31T18:30:00.007Z') },
    ]);
    // The same object, changed in place, is formatted again.
    shared.setUTCFullYear(2027);
    await Stamp.create({ name: 'd', at: shared });
    const rows = (await Stamp.findAll({ attributes: ['name', 'at', [literal('CAST(`at` AS CHAR)'), 'local']], order: [['name', 'ASC']], raw: true })) as unknown as {
      name: string;
      at: Date;
      local: string;
    }[];
    expect(rows).toEqual([
      { name: 'a', at: new Date('2026-01-02T20:04:05.123Z'), local: '2026-01-03 01:34:05.123' },
      { name: 'b', at: new Date('2026-01-02T20:04:05.123Z'), local: '2026-01-03 01:34:05.123' },
      { name: 'c', at: new Date('1999-12-31T18:30:00.007Z'), local: '2000-01-01 00:00:00.007' },
      { name: 'd', at: new Date('2027-01-02T20:04:05.123Z'), local: '2027-01-03 01:34:05.123' },
    ]);
    expect(await Stamp.count({ where: { at: new Date('2026-01-02T20:04:05.123Z') } })).toBe(2);

    const failure = await Stamp.create({ name: 'a', at: new Date('2026-05-06T07:08:09.010Z') }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UniqueConstraintError);
    const parameters = (failure as UniqueConstraintError).parameters as unknown[];
    expect(parameters.slice(0, 2)).toEqual(['a', new Date('2026-05-06T07:08:09.010Z')]);
    expect(parameters[2]).toBeInstanceOf(Date);
  });

  it.runIf(mysql)('after close() a read fails as before, without reaching the pool', async () => {
    const db = await connect();
    const Stamp = define(db);
    await db.sync({ force: true });
    const direct = countDirect(db);
    expect(await Stamp.count()).toBe(0);
    await db.close();
    await expect(Stamp.findAll()).rejects.toThrow();
    expect(direct.calls).toBe(1);
  });
});
