/**
 * Writes on every dialect: create, bulkCreate, update, save, change tracking, destroy and
 * paranoid, upsert, increment/decrement, truncate, reload, plain values, build, validation.
 * Each test checks what the database holds afterwards, read with a separate query.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AggregateError, BulkRecordError, DataTypes, literal, Op, QueryTypes, ValidationError, type Model, type ModelStatic, type Relata, type ValidationErrorItem } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { captureSql, describeEachDialect, type TestDialect } from '../support/dialects.js';

/** The one UPDATE that save() sends after `name` changed: the changed column, updatedAt, the key. */
const saveNameSql: Record<TestDialect, string> = {
  sqlite: 'update "Users" set "name" = ?, "updatedAt" = ? where "id" = ?',
  'sqlite-file': 'update "Users" set "name" = ?, "updatedAt" = ? where "id" = ?',
  postgres: 'update "Users" set "name" = $1, "updatedAt" = $2 where "id" = $3',
  mariadb: 'update `Users` set `name` = ?, `updatedAt` = ? where `id` = ?',
};

/**
 * The in-memory value after `instance.increment('age', { by: 2 })` from 30: dialects with
 * RETURNING refresh the instance, MariaDB leaves it for reload() (as Sequelize documents).
 */
const ageAfterInstanceIncrement: Record<TestDialect, number> = { sqlite: 32, 'sqlite-file': 32, postgres: 32, mariadb: 30 };

/** DECIMAL(10,2) read back as text: SQLite keeps the number it stored, the servers the declared scale. */
const storedDecimal: Record<TestDialect, string> = { sqlite: '12.5', 'sqlite-file': '12.5', postgres: '12.50', mariadb: '12.50' };

/** SQL that reads row 1's DATE as UTC text, whatever the session time zone. */
const utcText: Record<TestDialect, string> & { expected: Record<TestDialect, string> } = {
  sqlite: 'SELECT "at" AS "at" FROM "Samples" WHERE "id" = 1',
  'sqlite-file': 'SELECT "at" AS "at" FROM "Samples" WHERE "id" = 1',
  postgres: `SELECT to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS "at" FROM "Samples" WHERE "id" = 1`,
  mariadb: 'SELECT CAST(`at` AS CHAR) AS `at` FROM `Samples` WHERE `id` = 1',
  expected: { sqlite: '2024-03-10 12:34:56.000 +00:00', 'sqlite-file': '2024-03-10 12:34:56.000 +00:00', postgres: '2024-03-10 12:34:56', mariadb: '2024-03-10 12:34:56' },
};

const EMAIL = { type: DataTypes.STRING, unique: true, validate: { isEmail: true } } as const;

describeEachDialect('writes', ({ dialect, connect }) => {
  const sql = captureSql();
  let db: Relata;
  let User: ModelStatic<Model>;
  let Doc: ModelStatic<Model>;

  beforeEach(async () => {
    db = await connect({ logging: sql.logging });
    await dropAllTables(db, dialect);
    User = db.define('User', {
      name: { type: DataTypes.STRING, allowNull: false },
      email: EMAIL,
      age: DataTypes.INTEGER,
      bio: { type: DataTypes.STRING, validate: { len: [2, 10] } },
    });
    Doc = db.define('Doc', { title: DataTypes.STRING }, { paranoid: true });
    await db.sync({ force: true });
    sql.statements.length = 0;
  });

  async function table(attributes: string[] = ['id', 'name', 'age']): Promise<Record<string, unknown>[]> {
    return (await User.findAll({ attributes, order: [['id', 'ASC']], raw: true, logging: false })) as Record<string, unknown>[];
  }

  describe('create and bulkCreate', () => {
    it('create inserts one row and returns the saved instance with its id and timestamps', async () => {
      const user = await User.create({ name: 'ada', email: 'ada@x.io', age: 36 });
      expect(user.isNewRecord).toBe(false);
      expect(user.get({ plain: true })).toMatchObject({ id: 1, name: 'ada', email: 'ada@x.io', age: 36 });
      expect(user.get('createdAt')).toBeInstanceOf(Date);
      expect(await table(['id', 'name', 'email', 'age'])).toEqual([{ id: 1, name: 'ada', email: 'ada@x.io', age: 36 }]);
    });

    it('bulkCreate assigns every id on every dialect, matching the rows', async () => {
      await User.create({ name: 'first' });
      const users = await User.bulkCreate([{ name: 'a', age: 1 }, { name: 'b', age: 2 }, { name: 'c', age: 3 }]);
      expect(users.map((u) => [u.get('id'), u.get('name'), u.isNewRecord])).toEqual([[2, 'a', false], [3, 'b', false], [4, 'c', false]]);
      expect(await table()).toEqual([{ id: 1, name: 'first', age: null }, { id: 2, name: 'a', age: 1 }, { id: 3, name: 'b', age: 2 }, { id: 4, name: 'c', age: 3 }]);
    });

    it('bulkCreate with validate rejects the whole batch before inserting anything', async () => {
      const error = await User.bulkCreate([{ name: 'ok', email: 'ok@x.io' }, { name: 'bad', email: 'not-an-email' }], { validate: true }).catch((e: unknown) => e);
      // As in Sequelize: an AggregateError with one BulkRecordError per failing row, wrapping its ValidationError.
      expect(error).toBeInstanceOf(AggregateError);
      const failures = (error as AggregateError).errors as BulkRecordError[];
      expect(failures.map((f) => [f instanceof BulkRecordError, (f.record as { get(k: string): unknown }).get('name')])).toEqual([[true, 'bad']]);
      const inner = failures[0]?.errors as ValidationError;
      expect(inner).toBeInstanceOf(ValidationError);
      expect(inner.errors.map((e) => [e.path, e.value, e.validatorKey])).toEqual([['email', 'not-an-email', 'isEmail']]);
      expect(await User.count()).toBe(0);
    });

    it('bulkCreate with ignoreDuplicates skips rows that collide and inserts the rest', async () => {
      await User.create({ name: 'ada', email: 'ada@x.io' });
      await User.bulkCreate([{ name: 'dup', email: 'ada@x.io' }, { name: 'new', email: 'new@x.io' }], { ignoreDuplicates: true });
      expect(await table(['name', 'email'])).toEqual([{ name: 'ada', email: 'ada@x.io' }, { name: 'new', email: 'new@x.io' }]);
    });

    it('bulkCreate with updateOnDuplicate updates only the listed attributes of colliding rows', async () => {
      await User.bulkCreate([{ name: 'ada', age: 1 }, { name: 'bob', age: 2 }]);
      // The rows collide on the key; without conflictAttributes Sequelize (and relata) would target the unique email.
      await User.bulkCreate([{ id: 1, name: 'ADA', age: 10 }, { id: 3, name: 'cy', age: 3 }], { updateOnDuplicate: ['name'], conflictAttributes: ['id'] });
      expect(await table()).toEqual([{ id: 1, name: 'ADA', age: 1 }, { id: 2, name: 'bob', age: 2 }, { id: 3, name: 'cy', age: 3 }]);
    });
  });

  describe('update and save', () => {
    beforeEach(async () => {
      await User.bulkCreate([{ name: 'ada', age: 36 }, { name: 'bob', age: 20 }, { name: 'cy', age: 41 }], { logging: false });
      sql.statements.length = 0;
    });

    it('static update returns [affectedCount] and changes only matching rows', async () => {
      expect(await User.update({ name: 'senior' }, { where: { age: { [Op.gt]: 30 } } })).toEqual([2]);
      expect(await User.update({ age: 20 }, { where: { name: 'bob' } })).toEqual([1]);
      expect(await User.update({ age: 1 }, { where: { name: 'nobody' } })).toEqual([0]);
      expect(await table()).toEqual([{ id: 1, name: 'senior', age: 36 }, { id: 2, name: 'bob', age: 20 }, { id: 3, name: 'senior', age: 41 }]);
    });

    it('instance update() sets and saves', async () => {
      const bob = (await User.findByPk(2)) as Model;
      await bob.update({ age: 21 });
      expect(bob.get('age')).toBe(21);
      expect(await table()).toEqual([{ id: 1, name: 'ada', age: 36 }, { id: 2, name: 'bob', age: 21 }, { id: 3, name: 'cy', age: 41 }]);
    });

    it('save() sends only the changed attributes (and updatedAt)', async () => {
      const ada = (await User.findByPk(1, { logging: false })) as Model;
      ada.set('name', 'Ada L.');
      ada.set('age', 36);
      await ada.save();
      expect(sql.statements).toEqual([saveNameSql[dialect]]);
      expect(await table()).toEqual([{ id: 1, name: 'Ada L.', age: 36 }, { id: 2, name: 'bob', age: 20 }, { id: 3, name: 'cy', age: 41 }]);
      sql.statements.length = 0;
      await ada.save();
      expect(sql.statements).toEqual([]);
    });

    it('changed() and previous() track unsaved changes until save', async () => {
      const ada = (await User.findByPk(1)) as Model;
      expect(ada.changed()).toBe(false);
      ada.set('name', 'Ada');
      ada.set('age', 37);
      expect(ada.changed()).toEqual(['name', 'age']);
      expect(ada.changed('name')).toBe(true);
      expect(ada.changed('email')).toBe(false);
      expect(ada.previous('name')).toBe('ada');
      expect(ada.previous()).toEqual({ name: 'ada', age: 36 });
      // As in Sequelize, a value set back stays changed until saved.
      ada.set('age', 36);
      expect(ada.changed()).toEqual(['name', 'age']);
      expect(ada.changed('age')).toBe(true);
      await ada.save();
      expect(ada.changed()).toBe(false);
      expect(ada.previous('name')).toBe('Ada');
    });

    it('increment and decrement, static and on an instance', async () => {
      const [[rows, count]] = await User.increment('age', { by: 5, where: { name: ['ada', 'cy'] } });
      expect([rows?.length, count]).toEqual([dialect === 'postgres' ? 2 : undefined, 2]);
      await User.decrement({ age: 3 }, { where: { id: 2 } });
      expect(await table()).toEqual([{ id: 1, name: 'ada', age: 41 }, { id: 2, name: 'bob', age: 17 }, { id: 3, name: 'cy', age: 46 }]);
      const bob = (await User.findByPk(2)) as Model;
      await bob.update({ age: 30 });
      await bob.increment('age', { by: 2 });
      expect(bob.get('age')).toBe(ageAfterInstanceIncrement[dialect]);
      await bob.reload();
      expect(bob.get('age')).toBe(32);
      await bob.decrement('age');
      expect((await User.findByPk(2))?.get('age')).toBe(31);
    });

    it('reload() replaces the values with the row', async () => {
      const ada = (await User.findByPk(1)) as Model;
      await User.update({ name: 'changed elsewhere', age: 99 }, { where: { id: 1 } });
      ada.set('name', 'local edit');
      await ada.reload();
      expect([ada.get('name'), ada.get('age'), ada.changed()]).toEqual(['changed elsewhere', 99, false]);
    });
  });

  describe('destroy, paranoid, truncate', () => {
    it('static destroy returns the count; instance destroy removes its row', async () => {
      await User.bulkCreate([{ name: 'a', age: 1 }, { name: 'b', age: 2 }, { name: 'c', age: 3 }]);
      expect(await User.destroy({ where: { age: { [Op.lte]: 2 } } })).toBe(2);
      expect(await table()).toEqual([{ id: 3, name: 'c', age: 3 }]);
      const c = (await User.findByPk(3)) as Model;
      await c.destroy();
      expect(await User.count()).toBe(0);
    });

    it('paranoid destroy soft-deletes; force deletes; restore brings rows back', async () => {
      await Doc.bulkCreate([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
      expect(await Doc.destroy({ where: { title: ['a', 'b'] } })).toBe(2);
      expect((await Doc.findAll({ order: [['id', 'ASC']] })).map((d) => d.get('title'))).toEqual(['c']);
      const soft = (await Doc.findAll({ paranoid: false, order: [['id', 'ASC']], raw: true })) as Record<string, unknown>[];
      expect(soft.map((d) => [d['title'], d['deletedAt'] instanceof Date])).toEqual([['a', true], ['b', true], ['c', false]]);

      await Doc.restore({ where: { title: 'a' } });
      expect((await Doc.findAll({ order: [['id', 'ASC']] })).map((d) => d.get('title'))).toEqual(['a', 'c']);

      const c = (await Doc.findOne({ where: { title: 'c' } })) as Model;
      await c.destroy();
      expect(c.get('deletedAt')).toBeInstanceOf(Date);
      await c.restore();
      expect(c.get('deletedAt')).toBeNull();
      expect(await Doc.count()).toBe(2);

      await Doc.destroy({ where: { title: 'b' }, force: true });
      const a = (await Doc.findOne({ where: { title: 'a' } })) as Model;
      await a.destroy({ force: true });
      expect((await Doc.findAll({ paranoid: false })).map((d) => d.get('title'))).toEqual(['c']);
    });

    it('truncate empties the table', async () => {
      await User.bulkCreate([{ name: 'a' }, { name: 'b' }]);
      await User.truncate();
      expect(await User.count()).toBe(0);
      await User.bulkCreate([{ name: 'c' }]);
      await User.destroy({ truncate: true });
      expect(await User.count()).toBe(0);
    });
  });

  describe('upsert', () => {
    it('inserts a new row, then updates it by primary key or by unique key', async () => {
      const [inserted] = await User.upsert({ name: 'ada', email: 'ada@x.io', age: 1 });
      expect(inserted.get({ plain: true })).toMatchObject({ id: 1, name: 'ada', email: 'ada@x.io', age: 1 });
      expect(await table(['id', 'name', 'email', 'age'])).toEqual([{ id: 1, name: 'ada', email: 'ada@x.io', age: 1 }]);

      await User.upsert({ id: 1, name: 'Ada', email: 'ada@x.io', age: 2 });
      expect(await table(['id', 'name', 'email', 'age'])).toEqual([{ id: 1, name: 'Ada', email: 'ada@x.io', age: 2 }]);

      await User.create({ name: 'bob', email: 'bob@x.io' });
      const [byEmail] = await User.upsert({ name: 'ADA', email: 'ada@x.io', age: 3 });
      expect([byEmail.get('id'), byEmail.get('name')]).toEqual([1, 'ADA']);
      expect(await table(['id', 'name', 'email', 'age'])).toEqual([
        { id: 1, name: 'ADA', email: 'ada@x.io', age: 3 },
        { id: 2, name: 'bob', email: 'bob@x.io', age: null },
      ]);
    });
  });

  describe('instances', () => {
    it('build() makes an unsaved instance; save() inserts it', async () => {
      const user = User.build({ name: 'draft', age: 5 });
      expect([user.isNewRecord, user.get('id'), user.get('name')]).toEqual([true, null, 'draft']);
      expect(await User.count()).toBe(0);
      await user.save();
      expect([user.isNewRecord, user.get('id')]).toEqual([false, 1]);
      expect(await table()).toEqual([{ id: 1, name: 'draft', age: 5 }]);
    });

    it('get({ plain }) and toJSON give plain values', async () => {
      await User.create({ name: 'ada', email: 'ada@x.io', age: 36, bio: 'math' });
      const ada = (await User.findByPk(1)) as Model;
      const plain = ada.get({ plain: true }) as Record<string, unknown>;
      expect(Object.keys(plain)).toEqual(['id', 'name', 'email', 'age', 'bio', 'createdAt', 'updatedAt']);
      expect(plain).toMatchObject({ id: 1, name: 'ada', email: 'ada@x.io', age: 36, bio: 'math' });
      expect(plain['createdAt']).toBeInstanceOf(Date);
      const json = ada.toJSON();
      expect(json).toEqual(plain);
      expect(JSON.parse(JSON.stringify(ada))).toEqual({ ...plain, createdAt: (plain['createdAt'] as Date).toISOString(), updatedAt: (plain['updatedAt'] as Date).toISOString() });
    });
  });

  describe('values round-trip', () => {
    it('JSON (parsed on MariaDB too), BOOLEAN, DATE stored as UTC, DATEONLY, DECIMAL', async () => {
      const Sample = db.define('Sample', {
        doc: DataTypes.JSON, flag: DataTypes.BOOLEAN, at: DataTypes.DATE, day: DataTypes.DATEONLY, amount: DataTypes.DECIMAL(10, 2),
      }, { timestamps: false });
      await Sample.sync();
      const at = new Date('2024-03-10T12:34:56.000Z');
      await Sample.create({ doc: { a: [1, 'x'], n: null }, flag: true, at, day: '2024-02-29', amount: '12.50' });
      await Sample.create({ doc: [], flag: false, at: null, day: null, amount: null });
      const [first, second] = await Sample.findAll({ order: [['id', 'ASC']] });
      expect(first?.get({ plain: true })).toEqual({ id: 1, doc: { a: [1, 'x'], n: null }, flag: true, at, day: '2024-02-29', amount: storedDecimal[dialect] });
      expect(second?.get({ plain: true })).toEqual({ id: 2, doc: [], flag: false, at: null, day: null, amount: null });
      expect(await db.query(utcText[dialect], { type: QueryTypes.SELECT, plain: true })).toEqual({ at: utcText.expected[dialect] });
      expect((await Sample.findAll({ where: { flag: true, at: { [Op.gte]: new Date('2024-03-10T12:00:00Z') } } })).map((r) => r.get('id'))).toEqual([1]);
    });
  });

  describe('validation', () => {
    async function failure(values: Record<string, unknown>): Promise<ValidationErrorItem[]> {
      const error = await User.create(values).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).name).toBe('SequelizeValidationError');
      expect(await User.count()).toBe(0);
      return (error as ValidationError).errors;
    }
    const summary = (items: ValidationErrorItem[]): unknown[] => items.map((e) => ({ path: e.path, value: e.value, validatorKey: e.validatorKey }));

    it('allowNull: false rejects a missing value', async () => {
      const items = await failure({ age: 3 });
      expect(summary(items)).toEqual([{ path: 'name', value: undefined, validatorKey: 'is_null' }]);
      expect(items[0]?.type).toBe('notNull Violation');
      expect(items[0]?.message).toBe('User.name cannot be null');
      expect(summary(await failure({ name: null }))).toEqual([{ path: 'name', value: null, validatorKey: 'is_null' }]);
    });

    it('isEmail and len report each failing attribute', async () => {
      const items = await failure({ name: 'ada', email: 'nope', bio: 'x' });
      expect(summary(items)).toEqual([
        { path: 'email', value: 'nope', validatorKey: 'isEmail' },
        { path: 'bio', value: 'x', validatorKey: 'len' },
      ]);
      expect(summary(await failure({ name: 'ada', bio: 'far too long a bio' }))).toEqual([{ path: 'bio', value: 'far too long a bio', validatorKey: 'len' }]);
    });

    it('custom validators run with the instance and report their message', async () => {
      const Event = db.define('Event', {
        starts: DataTypes.INTEGER,
        code: { type: DataTypes.STRING, validate: { startsWithEv(value: string) { if (!value.startsWith('EV')) throw new Error(`code ${value} must start with EV`); } } },
      }, { timestamps: false });
      await Event.sync();
      const error = await Event.create({ starts: 1, code: 'XX1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors.map((e) => [e.path, e.value, e.validatorKey, e.message])).toEqual([['code', 'XX1', 'startsWithEv', 'code XX1 must start with EV']]);
      expect((await Event.create({ starts: 1, code: 'EV1' })).get('code')).toBe('EV1');
      expect(await Event.count()).toBe(1);
    });

    it('values of the wrong type are rejected before SQL: "abc" for an INTEGER', async () => {
      const items = await failure({ name: 'ada', age: 'abc' });
      expect(summary(items)).toEqual([{ path: 'age', value: 'abc', validatorKey: 'INTEGER' }]);
      expect(sql.statements.filter((s) => /^insert/i.test(s))).toEqual([]);
      const updateError = await User.update({ age: 'abc' as never }, { where: {} }).catch((e: unknown) => e);
      expect(updateError).toBeInstanceOf(ValidationError);
    });

    it('an instance save validates only what changed, and validate() checks on demand', async () => {
      const user = await User.create({ name: 'ada', email: 'ada@x.io' });
      user.set('email', 'broken');
      await expect(user.validate()).rejects.toBeInstanceOf(ValidationError);
      await expect(user.save()).rejects.toBeInstanceOf(ValidationError);
      expect(await table(['email'])).toEqual([{ email: 'ada@x.io' }]);
    });
  });
});

describeEachDialect('create with literal() values', ({ connect }) => {
  it('writes a literal() value as SQL, in create and bulkCreate', async () => {
    const relata = await connect();
    const Tag = relata.define('LitTag', { label: DataTypes.STRING, n: DataTypes.INTEGER });
    await relata.sync({ force: true });
    const one = await Tag.create({ label: literal("UPPER('abc')") as never, n: 1 });
    await Tag.bulkCreate([
      { label: literal("LOWER('XYZ')") as never, n: 2 },
      { label: 'plain', n: 3 },
    ]);
    const rows = await Tag.findAll({ order: [['n', 'ASC']] });
    expect(rows.map((r) => [r.get('label'), r.get('n')])).toEqual([['ABC', 1], ['xyz', 2], ['plain', 3]]);
    expect(one.get('id')).toBe(1);
  });
});
