/**
 * bulkCreate's two paths answer the same instances: plain rows (no hook receives the instances,
 * no validation) are inserted from their values and become instances afterwards; with a bulk hook
 * every row is an instance from the start. And the ids of a multi-row INSERT on MariaDB, where the
 * driver reports only the first: consecutive only when the session allocates one block, else read
 * back with RETURNING.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DataTypes, fn, literal, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

const ATTRIBUTES = {
  title: { type: DataTypes.STRING, allowNull: false },
  status: { type: DataTypes.STRING, defaultValue: 'draft' },
  views: { type: DataTypes.INTEGER, defaultValue: 0 },
  body: DataTypes.TEXT,
} as const;

describeEachDialect('bulkCreate paths', ({ dialect, connect }) => {
  const sql = captureSql();
  let db: Relata;
  let Plain: ModelStatic<Model>;
  let Hooked: ModelStatic<Model>;

  beforeEach(async () => {
    db = await connect({ logging: sql.logging });
    await dropAllTables(db, dialect);
    Plain = db.define('Plain', ATTRIBUTES);
    Hooked = db.define('Hooked', ATTRIBUTES, { hooks: { afterBulkCreate: () => undefined } });
    await db.sync({ force: true });
    sql.statements.length = 0;
  });

  /** What a caller can see of an instance, timestamps as their presence. */
  function visible(instance: Model): unknown {
    const values = instance.get({ plain: true }) as Record<string, unknown>;
    const shown = Object.entries(values).map(([k, v]) => [k, v instanceof Date ? 'date' : v]);
    return { shown, isNewRecord: instance.isNewRecord, changed: instance.changed(), previous: instance.previous(), options: instance._options };
  }

  const rows = [{ title: 'a', body: 'x' }, { body: 'y', title: 'b', views: 3 }, { title: 'c', status: 'live', body: null }];

  it('plain rows and instance rows answer the same saved instances, with the same rows in the table', async () => {
    const plain = await Plain.bulkCreate(rows.map((r) => ({ ...r })));
    const hooked = await Hooked.bulkCreate(rows.map((r) => ({ ...r })));
    expect(plain.map(visible)).toEqual(hooked.map(visible));
    expect(plain.map((p) => p.get({ plain: true }))).toEqual([
      { id: 1, status: 'draft', views: 0, title: 'a', body: 'x', createdAt: expect.any(Date), updatedAt: expect.any(Date) },
      { id: 2, status: 'draft', views: 3, body: 'y', title: 'b', createdAt: expect.any(Date), updatedAt: expect.any(Date) },
      { id: 3, status: 'live', views: 0, title: 'c', body: null, createdAt: expect.any(Date), updatedAt: expect.any(Date) },
    ]);
    const read = (M: ModelStatic<Model>) => M.findAll({ attributes: ['id', 'title', 'status', 'views', 'body'], order: [['id', 'ASC']], raw: true, logging: false });
    expect(await read(Plain)).toEqual(await read(Hooked));
    expect(plain[0]?.get('createdAt')).toEqual(plain[0]?.get('updatedAt'));
  });

  it('plain rows with an fn() or literal() among their values insert them as SQL, in one statement', async () => {
    await Plain.bulkCreate([
      { title: fn('upper', 'a'), body: 'x' },
      { title: 'b', body: literal("'lit'") },
      { title: 'c', body: 'z' },
    ]);
    const inserts = sql.statements.filter((s) => /^insert/i.test(s));
    expect(inserts).toHaveLength(1);
    expect(inserts[0]).toMatch(/upper\(/i);
    expect(inserts[0]).toContain("'lit'");
    expect(await Plain.findAll({ attributes: ['id', 'title', 'body'], order: [['id', 'ASC']], raw: true, logging: false })).toEqual([
      { id: 1, title: 'A', body: 'x' },
      { id: 2, title: 'b', body: 'lit' },
      { id: 3, title: 'c', body: 'z' },
    ]);
  });

  it('an instance from plain rows tracks its changes and saves only what changed', async () => {
    const [post] = await Plain.bulkCreate([{ title: 'a' }]);
    post?.set('title', 'b');
    expect(post?.changed()).toEqual(['title']);
    expect(post?.previous('title')).toBe('a');
    sql.statements.length = 0;
    await post?.save();
    expect(sql.statements.filter((s) => /^update/i.test(s))).toHaveLength(1);
    expect(post?.changed()).toBe(false);
    expect(await Plain.findAll({ attributes: ['id', 'title'], raw: true, logging: false })).toEqual([{ id: 1, title: 'b' }]);
  });

  it('a hook, validate: true or a setter takes the instance path, with the same ids', async () => {
    const seen: number[] = [];
    Plain.addHook('beforeBulkCreate', (instances: Model[]) => void seen.push(instances.length));
    const hooked = await Plain.bulkCreate([{ title: 'a' }, { title: 'b' }]);
    const validated = await Hooked.bulkCreate([{ title: 'c' }], { validate: true });
    expect(seen).toEqual([2]);
    expect(hooked.map((p) => p.get('id'))).toEqual([1, 2]);
    expect(validated.map((p) => p.get('id'))).toEqual([1]);
  });

  if (dialect === 'sqlite' || dialect === 'sqlite-file') {
    describe('keys of a multi-row INSERT on SQLite', () => {
      const stored = async (): Promise<[unknown, unknown][]> =>
        ((await Plain.findAll({ attributes: ['id', 'title'], order: [['id', 'ASC']], raw: true, logging: false })) as { id: number; title: string }[]).map((r) => [r.id, r.title]);

      it('into a rowid key, the keys follow the last rowid (no RETURNING), past deleted ids as AUTOINCREMENT numbers them', async () => {
        await Plain.bulkCreate([{ title: 'a', body: '' }, { title: 'b', body: '' }, { title: 'c', body: '' }]);
        await Plain.destroy({ where: { title: 'c' } });
        sql.statements.length = 0;
        const posts = await Plain.bulkCreate([{ title: 'd', body: 'x' }, { title: 'e', body: null }]);
        // Every column but the key is written, so nothing else is read back.
        expect(sql.statements).toEqual([expect.stringMatching(/^insert into "Plains" \("title", "status", "views", "body", "createdAt", "updatedAt"\) values \(\?, \?, \?, \?, \?, \?\), \(\?, \?, \?, \?, \?, \?\)$/)]);
        expect(posts.map((p) => [p.get('id'), p.get('title')])).toEqual([[4, 'd'], [5, 'e']]);
        expect(await stored()).toEqual([[1, 'a'], [2, 'b'], [4, 'd'], [5, 'e']]);
      });

      it('with a trigger that inserts into the table, the keys are read back with RETURNING', async () => {
        await db.query(`CREATE TRIGGER "plains_echo" AFTER INSERT ON "Plains" WHEN NEW."title" = 'a' BEGIN INSERT INTO "Plains" ("title", "createdAt", "updatedAt") VALUES ('echo', NEW."createdAt", NEW."updatedAt"); END`);
        sql.statements.length = 0;
        const posts = await Plain.bulkCreate([{ title: 'a', body: '' }, { title: 'b', body: '' }]);
        expect(sql.statements.find((s) => /^insert/i.test(s))).toMatch(/ returning "id" as "id"$/);
        expect(await stored()).toEqual([[1, 'a'], [2, 'echo'], [3, 'b']]);
        expect(posts.map((p) => [p.get('id'), p.get('title')])).toEqual([[1, 'a'], [3, 'b']]);
      });

      it('with explicit keys among generated ones, the keys are read back with RETURNING', async () => {
        const posts = await Plain.bulkCreate([{ title: 'a' }, { id: 50, title: 'b' }, { title: 'c' }]);
        expect(posts.map((p) => [p.get('id'), p.get('title')])).toEqual([[1, 'a'], [50, 'b'], [51, 'c']]);
        expect(await stored()).toEqual([[1, 'a'], [50, 'b'], [51, 'c']]);
      });
    });
  }

  if (dialect === 'mariadb') {
    describe('ids of a multi-row INSERT on MariaDB', () => {
      it('with auto_increment_increment 1, ids follow insertId and the INSERT reads nothing back', async () => {
        await Plain.create({ title: 'first' });
        sql.statements.length = 0;
        const posts = await Plain.bulkCreate([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
        expect(posts.map((p) => p.get('id'))).toEqual([2, 3, 4]);
        const insert = sql.statements.find((s) => /^insert/i.test(s));
        expect(insert).not.toMatch(/returning/i);
      });

      it('with a session step of 3, the ids are read back with RETURNING and match the rows', async () => {
        const ids = await db.transaction(async (t) => {
          await db.query('SET SESSION auto_increment_increment = 3', { transaction: t });
          try {
            sql.statements.length = 0;
            const posts = await Plain.bulkCreate([{ title: 'a' }, { title: 'b' }, { title: 'c' }], { transaction: t });
            return posts.map((p) => [p.get('id'), p.get('title')]);
          } finally {
            await db.query('SET SESSION auto_increment_increment = 1', { transaction: t });
          }
        });
        expect(sql.statements.find((s) => /^insert/i.test(s))).toMatch(/ returning `id`$/);
        const stored = (await Plain.findAll({ attributes: ['id', 'title'], order: [['id', 'ASC']], raw: true, logging: false })) as { id: number; title: string }[];
        expect(ids).toEqual(stored.map((r) => [r.id, r.title]));
        expect(stored.map((r) => r.id)).not.toEqual([1, 2, 3]);
      });

      it('with explicit ids among generated ones, every instance has its stored id', async () => {
        const posts = await Plain.bulkCreate([{ title: 'a' }, { id: 50, title: 'b' }, { title: 'c' }]);
        const stored = (await Plain.findAll({ attributes: ['id', 'title'], order: [['id', 'ASC']], raw: true, logging: false })) as { id: number; title: string }[];
        expect(posts.map((p) => [p.get('id'), p.get('title')])).toEqual([[1, 'a'], [50, 'b'], [51, 'c']]);
        expect(stored.map((r) => [r.id, r.title])).toEqual([[1, 'a'], [50, 'b'], [51, 'c']]);
      });
    });
  }
});
