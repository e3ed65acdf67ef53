/**
 * PostgreSQL's bulk INSERT of 20 rows or more: one array parameter per column
 * (`INSERT … SELECT * FROM unnest($1::type[], …)`) instead of one parameter per cell. It must store
 * exactly what VALUES stores (compared cell by cell with the same rows inserted below the
 * threshold, which keeps VALUES), fail as VALUES fails (too long, unique, atomic), keep VALUES
 * where unnest cannot carry a column, and follow schema changes. Other dialects keep VALUES.
 */
import { beforeEach, expect, it } from 'vitest';
import { DataTypes, DatabaseError, UniqueConstraintError, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

const ATTRIBUTES = {
  name: DataTypes.STRING(12),
  body: DataTypes.TEXT,
  count: DataTypes.INTEGER,
  big: DataTypes.BIGINT,
  price: DataTypes.DECIMAL(10, 2),
  ratio: DataTypes.DOUBLE,
  flag: DataTypes.BOOLEAN,
  at: DataTypes.DATE,
  day: DataTypes.DATEONLY,
  doc: DataTypes.JSON,
  docb: DataTypes.JSONB,
  uid: DataTypes.UUID,
  mood: DataTypes.ENUM('ok', 'meh'),
  bytes: DataTypes.BLOB,
  code: DataTypes.CHAR(3),
} as const;

const AWKWARD = ['', 'NULL', 'a,b', '{x}', 'say "hi"', 'back\\slash', "it's", 'tab\there', 'ünï ✓', ' pad ', 'null'];

/** 30 rows that exercise the array text format: quotes, braces, backslashes, NULL-looking strings, nulls. */
function rows(): Record<string, unknown>[] {
  return Array.from({ length: 30 }, (_, i) => ({
    name: AWKWARD[i % AWKWARD.length],
    body: i % 7 === 0 ? null : `line ${i}\nnext "${i}" \\ {${i}}`,
    count: i % 5 === 0 ? null : i * 3 - 40,
    big: i % 4 === 0 ? '9007199254740993' : String(-i),
    price: i + 0.125,
    ratio: i === 3 ? 1e-9 : i / 7,
    flag: i % 3 === 0 ? null : i % 2 === 0,
    at: new Date(Date.UTC(2024, 0, 1 + i, 12, 30, 15, 250)),
    day: `2024-02-${String((i % 28) + 1).padStart(2, '0')}`,
    doc: i % 2 === 0 ? { k: i, s: 'q"b\\' } : [1, 'two', { three: null }],
    docb: i % 6 === 0 ? null : { nested: { list: [i, i + 1] }, text: '{}' },
    uid: `0000000${i % 10}-0000-4000-8000-00000000000${i % 10}`,
    mood: i % 2 === 0 ? 'ok' : 'meh',
    bytes: i % 8 === 0 ? null : Buffer.from([0, i, 255, 92, 34]),
    code: i % 9 === 0 ? null : 'ab',
  }));
}

describeEachDialect('bulk INSERT of many rows through unnest', ({ dialect, connect }) => {
  const sql = captureSql();
  let db: Relata;
  let Many: ModelStatic<Model>;
  let Few: ModelStatic<Model>;

  beforeEach(async () => {
    db = await connect({ logging: sql.logging });
    await dropAllTables(db, dialect);
    // JSONB, UUID, ENUM… as PostgreSQL has them; the other dialects get the columns they all have.
    const attributes = dialect === 'postgres' ? ATTRIBUTES : { name: ATTRIBUTES.name, count: ATTRIBUTES.count };
    Many = db.define('Many', attributes, { timestamps: false });
    Few = db.define('Few', attributes, { timestamps: false });
    await db.sync({ force: true });
    sql.statements.length = 0;
  });

  const pg = it.skipIf(dialect !== 'postgres');
  const inserts = (): string[] => sql.statements.filter((s) => /^insert/i.test(s));

  it.skipIf(dialect === 'postgres')('keeps one multi-row VALUES on the other dialects', async () => {
    await Many.bulkCreate(Array.from({ length: 30 }, (_, i) => ({ name: `n${i}`, count: i })));
    expect(inserts()).toHaveLength(1);
    expect(inserts()[0]).toMatch(/^insert into [`"]Manies[`"] \([`"]name[`"], [`"]count[`"]\) values \(\?, \?\), \(\?, \?\)/i);
    expect(await Many.count()).toBe(30);
  });

  pg('stores every value exactly as VALUES does, and answers the ids in order', async () => {
    const created = await Many.bulkCreate(rows());
    // The same rows through VALUES: 10 rows per statement stay below the threshold.
    const values = rows();
    for (let start = 0; start < values.length; start += 10) await Few.bulkCreate(values.slice(start, start + 10));
    const [unnest, ...rest] = inserts();
    expect(unnest).toBe(
        'INSERT INTO "Manies" ("name", "body", "count", "big", "price", "ratio", "flag", "at", "day", "doc", "docb", "uid", "mood", "bytes", "code") ' +
          'SELECT * FROM unnest($1::"pg_catalog"."varchar"[], $2::"pg_catalog"."text"[], $3::"pg_catalog"."int4"[], $4::"pg_catalog"."int8"[], $5::"pg_catalog"."numeric"[], ' +
        '$6::"pg_catalog"."float8"[], $7::"pg_catalog"."bool"[], $8::"pg_catalog"."timestamptz"[], $9::"pg_catalog"."date"[], $10::"pg_catalog"."json"[], ' +
        '$11::"pg_catalog"."jsonb"[], $12::"pg_catalog"."uuid"[], $13::"pg_catalog"."varchar"[], $14::"pg_catalog"."bytea"[], $15::"pg_catalog"."bpchar"[]) RETURNING "id"',
    );
    expect(rest).toHaveLength(3);
    for (const statement of rest) expect(statement).toMatch(/ values \(/i);
    expect(created.map((m) => m.get('id'))).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const read = async (table: string): Promise<unknown[]> => {
      const [stored] = await db.query(`SELECT * FROM ${db.getQueryInterface().quoteIdentifier(table)} ORDER BY id`);
      return stored as unknown[];
    };
    const many = await read('Manies');
    expect(many).toEqual(await read('Fews'));
    expect(many).toHaveLength(30);
    // A few cells spelled out, so that both paths being wrong the same way fails too.
    const first = many[0] as Record<string, unknown>;
    const second = many[1] as Record<string, unknown>;
    expect(first['name']).toBe('');
    expect(second['name']).toBe('NULL');
    expect(second['body']).toBe('line 1\nnext "1" \\ {1}');
    expect(first['body']).toBeNull();
    expect(String(first['big'])).toBe('9007199254740993');
    expect(String(first['price'])).toMatch(/^0\.13$/);
    expect(JSON.parse(JSON.stringify(second['doc']))).toEqual(typeof second['doc'] === 'string' ? JSON.stringify([1, 'two', { three: null }]) : [1, 'two', { three: null }]);
  });

  pg('fails as VALUES fails: a value too long for its column, a duplicate key; nothing is written', async () => {
    const long = rows().map((row, i) => ({ ...row, name: i === 25 ? 'much too long for twelve' : 'fine' }));
    const tooLong = await Many.bulkCreate(long).catch((error: unknown) => error);
    const viaValues = await Few.bulkCreate(long.slice(20)).catch((error: unknown) => error);
    expect(tooLong).toBeInstanceOf(DatabaseError);
    expect((tooLong as Error).message).toBe((viaValues as Error).message);
    expect((tooLong as Error).message).toBe('value too long for type character varying(12)');
    // Not cut to twelve characters, as an explicit cast to varchar(12) would have done.
    expect(await Many.count()).toBe(0);

    const duplicate = rows().map((row, i) => ({ ...row, id: i === 29 ? 1 : i + 1 }));
    const failed = await Many.bulkCreate(duplicate).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(UniqueConstraintError);
    expect((failed as UniqueConstraintError).fields).toEqual({ id: '1' });
    expect(await Many.count()).toBe(0);
  });

  pg('keeps VALUES for an array column, for rows that differ in their columns, and below 20 rows', async () => {
    const Tagged = db.define('Tagged', { name: DataTypes.STRING, tags: DataTypes.ARRAY(DataTypes.STRING) }, { timestamps: false });
    await Tagged.sync({ force: true });
    sql.statements.length = 0;
    await Tagged.bulkCreate(Array.from({ length: 25 }, (_, i) => ({ name: `t${i}`, tags: ['a', `b${i}`] })));
    await Tagged.bulkCreate(Array.from({ length: 25 }, (_, i) => (i === 3 ? { name: `u${i}` } : { name: `u${i}`, tags: null })));
    await Tagged.bulkCreate(Array.from({ length: 19 }, (_, i) => ({ name: `v${i}` })));
    await Tagged.bulkCreate(Array.from({ length: 20 }, (_, i) => ({ name: `w${i}` })));
    const kinds = inserts().map((s) => (/ unnest\(/.test(s) ? 'unnest' : / values \(/i.test(s) ? 'values' : s));
    expect(kinds).toEqual(['values', 'values', 'values', 'unnest']);
    const [stored] = await db.query('SELECT tags FROM "Taggeds" WHERE name = \'t7\'');
    expect(stored).toEqual([{ tags: ['a', 'b7'] }]);
    expect(await Tagged.count()).toBe(25 + 25 + 19 + 20);
  });

  pg('casts to the column\'s own enum and domain types, as VALUES assigns them', async () => {
    await db.query('DROP TABLE IF EXISTS "Moods"; DROP TYPE IF EXISTS "mood kind"; DROP DOMAIN IF EXISTS short_code');
    await db.query('CREATE TYPE "mood kind" AS ENUM (\'ok\', \'meh\')');
    await db.query('CREATE DOMAIN short_code AS varchar(4) CHECK (VALUE <> \'bad\')');
    await db.query('CREATE TABLE "Moods" (id serial PRIMARY KEY, mood "mood kind", code short_code)');
    const Mood = db.define('Mood', { mood: DataTypes.ENUM('ok', 'meh'), code: DataTypes.STRING }, { timestamps: false });
    sql.statements.length = 0;
    await Mood.bulkCreate(Array.from({ length: 20 }, (_, i) => ({ mood: i % 2 ? 'ok' : 'meh', code: `c${i}` })));
    expect(inserts()[0]).toMatch(/unnest\(\$1::"[^"]+"\."mood kind"\[\], \$2::"[^"]+"\."short_code"\[\]\)/);
    const [stored] = await db.query('SELECT mood::text AS mood, code FROM "Moods" ORDER BY id LIMIT 2');
    expect(stored).toEqual([
      { mood: 'meh', code: 'c0' },
      { mood: 'ok', code: 'c1' },
    ]);
    // The domain's check and length hold as they hold for VALUES.
    const checked = await Mood.bulkCreate(Array.from({ length: 20 }, (_, i) => ({ mood: 'ok', code: i === 9 ? 'bad' : 'fine' }))).catch((error: unknown) => error);
    expect((checked as Error).message).toBe('value for domain short_code violates check constraint "short_code_check"');
    const long = await Mood.bulkCreate(Array.from({ length: 20 }, () => ({ mood: 'ok', code: 'toolong' }))).catch((error: unknown) => error);
    expect((long as Error).message).toBe('value too long for type character varying(4)');
    expect(await Mood.count()).toBe(20);
  });

  pg('follows a column type changed by relata, by raw SQL, and by another connection', async () => {
    const Note = db.define('Note', { size: DataTypes.INTEGER }, { timestamps: false });
    await Note.sync({ force: true });
    const many = (size: unknown): Record<string, unknown>[] => Array.from({ length: 20 }, () => ({ size }));
    await Note.bulkCreate(many(7));
    // sync({ alter }) through relata: the types are read again.
    const Wider = db.define('Note', { size: DataTypes.STRING }, { timestamps: false });
    await Wider.sync({ alter: true });
    sql.statements.length = 0;
    await Wider.bulkCreate(many('seven'));
    expect(inserts()[0]).toContain('$1::"pg_catalog"."varchar"[]');
    // Raw DDL through relata.query: read again too.
    await db.query('ALTER TABLE "Notes" ALTER COLUMN "size" TYPE bigint USING NULL');
    const Big = db.define('Note', { size: DataTypes.BIGINT }, { timestamps: false });
    sql.statements.length = 0;
    await Big.bulkCreate(many('9007199254740993'));
    expect(inserts()[0]).toContain('$1::"pg_catalog"."int8"[]');
    // Another connection changes the column: the first INSERT fails loudly (never stores a
    // converted value), and the types are read again for the next one.
    const other = await connect();
    await other.query('ALTER TABLE "Notes" ALTER COLUMN "size" TYPE text');
    const Text = db.define('Note', { size: DataTypes.TEXT }, { timestamps: false });
    const stale = await Text.bulkCreate(many('not a number')).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(DatabaseError);
    expect((stale as Error).message).toBe('invalid input syntax for type bigint: "not a number"');
    sql.statements.length = 0;
    await Text.bulkCreate(many('not a number'));
    expect(inserts()[0]).toContain('$1::"pg_catalog"."text"[]');
    const [counts] = await db.query('SELECT size, count(*)::int AS n FROM "Notes" GROUP BY size ORDER BY size');
    expect(counts).toEqual([
      { size: '9007199254740993', n: 20 },
      { size: 'not a number', n: 20 },
      // The first 40 rows, emptied by the ALTER … USING NULL above.
      { size: null, n: 40 },
    ]);
  });

  pg('reads the types inside the transaction, so a table created in it takes the unnest form', async () => {
    const Fresh = db.define('Fresh', { label: DataTypes.STRING }, { timestamps: false });
    await db.transaction(async (transaction) => {
      await Fresh.sync({ force: true, transaction } as never);
      sql.statements.length = 0;
      const made = await Fresh.bulkCreate(Array.from({ length: 20 }, (_, i) => ({ label: `f${i}` })), { transaction });
      expect(made.map((m) => m.get('id'))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
    expect(inserts()[0]).toContain('unnest($1::"pg_catalog"."varchar"[])');
    expect(await Fresh.count()).toBe(20);
  });

  pg('inserts into a model with a schema', async () => {
    await db.createSchema('unnest_archive', {});
    try {
      const Archived = db.define('Archived', { label: DataTypes.STRING }, { timestamps: false, schema: 'unnest_archive' });
      await Archived.sync({ force: true });
      sql.statements.length = 0;
      await Archived.bulkCreate(Array.from({ length: 20 }, (_, i) => ({ label: `a${i}` })));
      expect(inserts()[0]).toBe('INSERT INTO "unnest_archive"."Archiveds" ("label") SELECT * FROM unnest($1::"pg_catalog"."varchar"[]) RETURNING "id"');
      expect(await Archived.count()).toBe(20);
    } finally {
      await db.dropSchema('unnest_archive', {});
    }
  });
});
