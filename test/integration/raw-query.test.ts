/**
 * Raw queries (replacements, bind, QueryTypes, plain) and bad input on every dialect:
 * - injection strings travel through every option that takes user data and always arrive as
 *   bound values: the table survives and its rows change only where the operation writes;
 * - unknown attributes in where/order/attributes/group throw UnknownAttributeError listing the
 *   valid ones, and no statement is sent (the connection is strict: true, so unknown keys in
 *   written values are errors too rather than dropped with a warning).
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DataTypes, InvalidOptionError, Op, QueryTypes, UnknownAttributeError, col, fn, where, type Model, type ModelStatic, type Relata,
} from '../../src/index.js';
import { catalog, dropAllTables, quote } from '../support/catalog.js';
import { captureSql, describeEachDialect, type TestDialect } from '../support/dialects.js';

const PROBES = [
  `'; DROP TABLE "Victims"; --`,
  '`; DROP TABLE `Victims`; --',
  `" OR 1=1 --`,
  `\\'; DELETE FROM Victims; --`,
  `%' OR '1'='1`,
  `1; DELETE FROM "Victims"`,
  `') OR ('a'='a`,
] as const;

const SEED = ['alice', 'bob', 'carol'];

/**
 * `findByPk(probe)` on the INTEGER key, as id, null or error name. Left to the databases, the
 * outcomes differ (SQLite never matches, PostgreSQL refuses the cast, MariaDB reads the leading
 * digits, so '1; DELETE …' would be key 1, as in Sequelize). relata checks the value against the
 * key's type first, so every dialect refuses it the same way, before any SQL.
 */
const findByPkOutcome: Record<TestDialect, (probe: string) => number | null | string> = {
  sqlite: () => 'RelataInvalidOptionError',
  'sqlite-file': () => 'RelataInvalidOptionError',
  postgres: () => 'RelataInvalidOptionError',
  mariadb: () => 'RelataInvalidOptionError',
};

/** The attributes an UnknownAttributeError for Victim lists. */
const VALID = ['id', 'name', 'score'];

describeEachDialect('raw queries and bad input', ({ dialect, connect }) => {
  const sql = captureSql();
  const Q = quote[dialect];
  let db: Relata;
  let Victim: ModelStatic<Model>;

  beforeAll(async () => {
    db = await connect({ logging: sql.logging, strict: true });
    await dropAllTables(db, dialect);
    Victim = db.define('Victim', { name: DataTypes.STRING, score: DataTypes.INTEGER }, { timestamps: false });
  });

  beforeEach(async () => {
    await db.sync({ force: true });
    await Victim.bulkCreate(SEED.map((name, i) => ({ name, score: (i + 1) * 10 })));
    sql.statements.length = 0;
  });

  /** Table present, and its rows (ids and names in id order). */
  async function checksum(): Promise<{ exists: boolean; count: number; rows: string[] }> {
    const exists = (await catalog(dialect).tables(db)).includes('Victims');
    const rows = (await db.query(`SELECT ${Q('id')}, ${Q('name')} FROM ${Q('Victims')} ORDER BY ${Q('id')}`, { type: QueryTypes.SELECT })) as { id: number; name: string }[];
    return { exists, count: rows.length, rows: rows.map((r) => `${r.id}:${r.name}`) };
  }
  const untouched = { exists: true, count: 3, rows: ['1:alice', '2:bob', '3:carol'] };

  describe('relata.query', () => {
    it('replacements as an array and as an object (arrays expand to lists)', async () => {
      const byArray = await db.query(`SELECT ${Q('name')} FROM ${Q('Victims')} WHERE ${Q('id')} > ? AND ${Q('name')} <> ? ORDER BY ${Q('id')}`, { replacements: [1, 'carol'], type: QueryTypes.SELECT });
      expect(byArray).toEqual([{ name: 'bob' }]);
      const byName = await db.query(`SELECT ${Q('id')} FROM ${Q('Victims')} WHERE ${Q('name')} IN (:names) OR ${Q('id')} = :id ORDER BY ${Q('id')}`, { replacements: { names: ['alice', 'carol'], id: 2 }, type: QueryTypes.SELECT });
      expect(byName).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    });

    it('bind as an array ($1) and as an object ($name)', async () => {
      const byIndex = await db.query(`SELECT ${Q('name')} FROM ${Q('Victims')} WHERE ${Q('score')} >= $1 AND ${Q('score')} < $2 ORDER BY ${Q('id')}`, { bind: [20, 40], type: QueryTypes.SELECT });
      expect(byIndex).toEqual([{ name: 'bob' }, { name: 'carol' }]);
      const byName = await db.query(`SELECT ${Q('score')} FROM ${Q('Victims')} WHERE ${Q('name')} = $who`, { bind: { who: 'alice' }, type: QueryTypes.SELECT });
      expect(byName).toEqual([{ score: 10 }]);
    });

    it('QueryTypes.SELECT gives rows, plain gives the first row or null, no type gives [rows, metadata]', async () => {
      const select = `SELECT ${Q('id')} FROM ${Q('Victims')} WHERE ${Q('id')} <= ? ORDER BY ${Q('id')}`;
      expect(await db.query(select, { replacements: [2], type: QueryTypes.SELECT })).toEqual([{ id: 1 }, { id: 2 }]);
      expect(await db.query(select, { replacements: [2], type: QueryTypes.SELECT, plain: true })).toEqual({ id: 1 });
      expect(await db.query(select, { replacements: [0], type: QueryTypes.SELECT, plain: true })).toBeNull();
      const [rows] = (await db.query(select, { replacements: [1] })) as [unknown[], unknown];
      expect(rows).toEqual([{ id: 1 }]);
      const deleted = await db.query(`DELETE FROM ${Q('Victims')} WHERE ${Q('id')} = ?`, { replacements: [3], type: QueryTypes.DELETE });
      expect(deleted).toBe(1);
      expect((await checksum()).rows).toEqual(['1:alice', '2:bob']);
    });
  });

  describe('injection strings are values, never SQL', () => {
    for (const probe of PROBES) {
      describe(JSON.stringify(probe), () => {
        it('in where values (eq, like, in, startsWith, where())', async () => {
          expect(await Victim.findAll({ where: { name: probe } })).toEqual([]);
          expect(await Victim.findAll({ where: { name: { [Op.like]: probe } } })).toEqual([]);
          expect(await Victim.findAll({ where: { name: { [Op.in]: [probe, 'nobody'] } } })).toEqual([]);
          expect(await Victim.findAll({ where: { name: { [Op.startsWith]: probe } } })).toEqual([]);
          expect(await Victim.findAll({ where: { [Op.or]: [{ name: probe }, { name: { [Op.substring]: probe } }] } })).toEqual([]);
          expect(await Victim.findAll({ where: where(fn('LOWER', col('name')), probe) })).toEqual([]);
          expect(await Victim.count({ where: { name: { [Op.ne]: probe } } })).toBe(3);
          expect(await checksum()).toEqual(untouched);
        });

        it('in findByPk', async () => {
          const found = await Victim.findByPk(probe).then((v) => v?.get('id') ?? null, (e: unknown) => (e as Error).name);
          expect(found).toBe(findByPkOutcome[dialect](probe));
          expect(await checksum()).toEqual(untouched);
        });

        it('in create and update values, stored verbatim', async () => {
          const created = await Victim.create({ name: probe, score: 1 });
          expect(created.get('id')).toBe(4);
          expect(await checksum()).toEqual({ exists: true, count: 4, rows: [...untouched.rows, `4:${probe}`] });
          expect((await Victim.findOne({ where: { name: probe } }))?.get('id')).toBe(4);

          expect(await Victim.update({ name: probe }, { where: { id: 2 } })).toEqual([1]);
          expect(await checksum()).toEqual({ exists: true, count: 4, rows: ['1:alice', `2:${probe}`, '3:carol', `4:${probe}`] });
          const bulk = await Victim.bulkCreate([{ name: probe }, { name: `${probe}${probe}` }]);
          expect(bulk.map((v) => v.get('id'))).toEqual([5, 6]);
          expect((await checksum()).rows.slice(4)).toEqual([`5:${probe}`, `6:${probe}${probe}`]);
        });

        it('in replacements and bind', async () => {
          const select = `SELECT ${Q('id')} FROM ${Q('Victims')} WHERE ${Q('name')} = `;
          expect(await db.query(`${select}?`, { replacements: [probe], type: QueryTypes.SELECT })).toEqual([]);
          expect(await db.query(`${select}:name`, { replacements: { name: probe }, type: QueryTypes.SELECT })).toEqual([]);
          expect(await db.query(`${select}$1`, { bind: [probe], type: QueryTypes.SELECT })).toEqual([]);
          expect(await db.query(`${select}$name`, { bind: { name: probe }, type: QueryTypes.SELECT })).toEqual([]);
          expect(await checksum()).toEqual(untouched);
        });
      });
    }

    it('limit and offset refuse non-integers before any SQL', async () => {
      const execute = vi.spyOn(db, 'execute');
      await expect(Victim.findAll({ limit: '1; DROP TABLE Victims' as never })).rejects.toBeInstanceOf(InvalidOptionError);
      await expect(Victim.findAll({ offset: "0' OR '1'='1" as never })).rejects.toBeInstanceOf(InvalidOptionError);
      expect(execute).not.toHaveBeenCalled();
      execute.mockRestore();
      expect(await checksum()).toEqual(untouched);
    });
  });

  describe('unknown attributes never reach SQL', () => {
    const cases: [string, () => Promise<unknown>][] = [
      ['where', () => Victim.findAll({ where: { nmae: 'x' } as never })],
      ['where, a string operator key', () => Victim.findAll({ where: { $or: [{ name: 'x' }] } as never })],
      ['where, an injected key', () => Victim.findAll({ where: { 'name" = name; DROP TABLE "Victims"; --': 1 } as never })],
      ['order', () => Victim.findAll({ order: [['nmae', 'ASC']] })],
      ['order, a bare string', () => Victim.findAll({ order: ['score; DROP TABLE Victims'] as never })],
      ['attributes', () => Victim.findAll({ attributes: ['id', 'nmae'] as never })],
      ['attributes.exclude', () => Victim.findAll({ attributes: { exclude: ['nmae'] } as never })],
      ['attributes, col()', () => Victim.findAll({ attributes: [[col('secret'), 's']] })],
      ['group', () => Victim.findAll({ attributes: ['name'], group: ['nmae'] })],
      ['count where', () => Victim.count({ where: { nmae: 1 } as never })],
      ['update where', () => Victim.update({ score: 1 }, { where: { nmae: 'x' } as never })],
      ['update values', () => Victim.update({ nmae: 'x' } as never, { where: { id: 1 } })],
      ['destroy where', () => Victim.destroy({ where: { nmae: 'x' } as never })],
    ];

    for (const [clause, run] of cases) {
      it(`${clause}: UnknownAttributeError naming the model and the valid attributes`, async () => {
        const execute = vi.spyOn(db, 'execute');
        const error = await run().catch((e: unknown) => e);
        expect(execute).not.toHaveBeenCalled();
        execute.mockRestore();
        expect(sql.statements).toHaveLength(0);
        expect(error).toBeInstanceOf(UnknownAttributeError);
        const unknown = error as UnknownAttributeError;
        expect(unknown.model).toBe('Victim');
        expect(unknown.validAttributes).toEqual(VALID);
        expect(unknown.message).toContain(`Valid attributes: ${VALID.join(', ')}`);
        expect(unknown.message).toContain(JSON.stringify(unknown.attribute));
        expect(await checksum()).toEqual(untouched);
      });
    }
  });
});
