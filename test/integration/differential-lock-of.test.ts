/**
 * Each lock level, and `lock: { level, of: Model }`, run on sequelize@6 and on relata on every
 * dialect and compared. Levels: the same lock clause as Sequelize writes (MariaDB: SHARE is
 * LOCK IN SHARE MODE, KEY SHARE and NO KEY UPDATE are FOR UPDATE), and a held lock seen from a
 * second transaction that skips locked rows. `of`: a
 * locked find with a joined to-one include (a LEFT JOIN) answers the same rows inside a transaction.
 * On PostgreSQL the lock takes the queried table only (`FOR UPDATE OF "…"`), which is what lets it
 * stand beside an outer join; the other databases lock as without `of`, as Sequelize does.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type * as RelataLib from '../../src/index.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';
import { pairedLibraries, type LibraryApi } from '../support/paired-libraries.js';

type Api = LibraryApi;

/** The lock clause relata writes for `{ level: UPDATE, of: LockMember }`, by dialect. */
const LOCK_CLAUSE: Record<TestDialect, RegExp | null> = {
  sqlite: null,
  'sqlite-file': null,
  postgres: /for update of "LockMember"$/i,
  mariadb: /for update$/i,
};

describeEachDialect('lock: { level, of }, relata against sequelize@6', ({ dialect, connect, url }) => {
  const { apis, both } = pairedLibraries({ dialect, connect, url });

  it('locks the rows of the model queried beside a LEFT JOINed include', async () => {
    const statements: string[] = [];
    const results = await both(async ({ db, L, lib }) => {
      const Team = db.define('LockTeam', { name: L.DataTypes.STRING }, { timestamps: false });
      const Member = db.define('LockMember', { name: L.DataTypes.STRING }, { timestamps: false });
      Member.belongsTo(Team, { as: 'team' });
      await Team.sync({ force: true });
      await Member.sync({ force: true });
      const red = await Team.create({ name: 'red' });
      await Member.bulkCreate([{ name: 'ada', teamId: red.get('id') }, { name: 'bob', teamId: null }]);
      const t = await db.transaction();
      try {
        const logging = lib === 'relata' ? (sql: string) => statements.push(sql) : false;
        const rows = await Member.findAll({ include: [{ model: Team, as: 'team' }], order: [['id', 'ASC']], lock: { level: t.LOCK.UPDATE, of: Member }, transaction: t, logging });
        return rows.map((m) => ({ name: m.get('name'), team: (m.get('team') as RelataLib.Model | null)?.get('name') ?? null }));
      } finally {
        await t.commit();
      }
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual([
      { name: 'ada', team: 'red' },
      { name: 'bob', team: null },
    ]);
    const select = statements.find((s) => /select/i.test(s)) ?? '';
    const clause = LOCK_CLAUSE[dialect];
    if (clause === null) expect(select).not.toMatch(/for update/i);
    else expect(select.replace(/;$/, '')).toMatch(clause);
  });

  const LEVELS = ['UPDATE', 'SHARE', 'KEY SHARE', 'NO KEY UPDATE'] as const;
  const rowLocks = dialect === 'postgres' || dialect === 'mariadb';

  it.runIf(rowLocks)('writes the lock clause of each level as sequelize@6 does', async () => {
    const clauses = await both(async ({ db, L }) => {
      const Slot = db.define('LockSlot', { name: L.DataTypes.STRING }, { timestamps: false });
      await Slot.sync({ force: true });
      await Slot.create({ name: 'a' });
      const out: string[] = [];
      for (const level of LEVELS) {
        const statements: string[] = [];
        const rows = await db.transaction(async (t) => Slot.findAll({ lock: level, transaction: t, logging: (sql: string) => statements.push(sql) }));
        expect(rows.map((row) => row.get('name'))).toEqual(['a']);
        const select = (statements.find((sql) => /select/i.test(sql)) ?? '').replace(/;$/, '');
        out.push((/(for (update|share|key share|no key update)|lock in share mode)$/i.exec(select)?.[0] ?? `none: ${select}`).toLowerCase());
      }
      return out;
    });
    expect(clauses.relata).toEqual(clauses.sequelize);
    expect(clauses.relata).toEqual(dialect === 'postgres' ? ['for update', 'for share', 'for key share', 'for no key update'] : ['for update', 'lock in share mode', 'for update', 'for update']);
  });

  it.runIf(rowLocks)('relata: a SHARE lock is held: another transaction skipping locked rows does not see the row', async () => {
    const { db, L } = apis.relata;
    const Seat = db.define('LockSeat', { name: L.DataTypes.STRING }, { timestamps: false });
    await Seat.sync({ force: true });
    await Seat.bulkCreate([{ name: 'a' }, { name: 'b' }]);
    const seen = await db.transaction(async (t) => {
      // By key: InnoDB locks every row a scan reads, so a lock by an unindexed column would take both.
      await Seat.findAll({ where: { id: 1 }, lock: t.LOCK.SHARE, transaction: t });
      return db.transaction({ transaction: null } as never, async (other) => Seat.findAll({ lock: other.LOCK.UPDATE, skipLocked: true, transaction: other, order: [['id', 'ASC']] }));
    });
    expect(seen.map((row) => row.get('name'))).toEqual(['b']);
  });

  it('relata: lock.of naming another model than the one queried is refused', async () => {
    const { db, L } = apis.relata;
    const A = db.define('LockA', { name: L.DataTypes.STRING });
    const B = db.define('LockB', { name: L.DataTypes.STRING });
    await expect(A.findAll({ lock: { level: 'UPDATE', of: B } })).rejects.toThrow('LockA.findAll: lock.of must be the model queried (LockA), got "LockB"');
  });
});
