/**
 * `lock: { level, of: Model }`, run on sequelize@6 and on relata on every dialect and compared: a
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

  it('relata: lock.of naming another model than the one queried is refused', async () => {
    const { db, L } = apis.relata;
    const A = db.define('LockA', { name: L.DataTypes.STRING });
    const B = db.define('LockB', { name: L.DataTypes.STRING });
    await expect(A.findAll({ lock: { level: 'UPDATE', of: B } })).rejects.toThrow('LockA.findAll: lock.of must be the model queried (LockA), got "LockB"');
  });
});
