import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/invalid-option-error.js';
import { QueryTypes, type QueryType } from '../../src/query/query-types.js';
import { prepareRawQuery, type RawQueryValues } from '../../src/sql/raw-query.js';

const dollar = (i: number): string => `$${i + 1}`;
const question = (): string => '?';

function prepared(sql: string, options: RawQueryValues, placeholder: (i: number) => string = dollar): [string, unknown[]] {
  const result = prepareRawQuery(sql, options, placeholder);
  return [result.sql, result.parameters];
}

function failure(sql: string, options: RawQueryValues): InvalidOptionError {
  try {
    prepareRawQuery(sql, options, dollar);
  } catch (error) {
    if (error instanceof InvalidOptionError) return error;
    throw error;
  }
  throw new InvalidOptionError(`expected prepareRawQuery to throw for ${sql}`);
}

describe('prepareRawQuery: replacements as an array', () => {
  it('binds each ? in order', () => {
    expect(prepared('SELECT * FROM "Users" WHERE id = ? AND name = ?', { replacements: [1, 'ada'] })).toEqual([
      'SELECT * FROM "Users" WHERE id = $1 AND name = $2',
      [1, 'ada'],
    ]);
    expect(prepared('SELECT * FROM t WHERE a=? AND b IN (?,?)', { replacements: [1, 2, 3] }, question)).toEqual([
      'SELECT * FROM t WHERE a=? AND b IN (?,?)',
      [1, 2, 3],
    ]);
  });

  it('leaves ? inside literals, quoted identifiers and comments alone', () => {
    const sql = "SELECT '?', 'it''s ?', 'a\\'?', \"?\", `?` -- ?\n, ? /* ? */ , $$ ? $$, $q$ ? $q$ FROM t";
    expect(prepared(sql, { replacements: ['only'] })).toEqual([
      "SELECT '?', 'it''s ?', 'a\\'?', \"?\", `?` -- ?\n, $1 /* ? */ , $$ ? $$, $q$ ? $q$ FROM t",
      ['only'],
    ]);
  });

  it("leaves PostgreSQL's jsonb ?| and ?& operators alone, as Sequelize does", () => {
    expect(prepared("SELECT * FROM t WHERE tags ?| array['a'] AND tags ?& array['b'] AND id = ?", { replacements: [5] })).toEqual([
      "SELECT * FROM t WHERE tags ?| array['a'] AND tags ?& array['b'] AND id = $1",
      [5],
    ]);
  });

  it('an array value becomes a list, an inner array a group, an empty array NULL', () => {
    expect(prepared('SELECT * FROM t WHERE id IN (?) AND x = ?', { replacements: [[1, 2, 3], 'x'] })).toEqual([
      'SELECT * FROM t WHERE id IN ($1, $2, $3) AND x = $4',
      [1, 2, 3, 'x'],
    ]);
    expect(prepared('INSERT INTO t (a, b) VALUES ?', { replacements: [[[1, 'a'], [2, 'b']]] }, question)).toEqual([
      'INSERT INTO t (a, b) VALUES (?, ?), (?, ?)',
      [1, 'a', 2, 'b'],
    ]);
    expect(prepared('SELECT * FROM t WHERE id IN (?)', { replacements: [[]] })).toEqual(['SELECT * FROM t WHERE id IN (NULL)', []]);
  });

  it('null is bound, undefined is refused', () => {
    expect(prepared('SELECT ?', { replacements: [null] })).toEqual(['SELECT $1', [null]]);
    expect(failure('SELECT ?', { replacements: [undefined] }).message).toBe(
      'relata.query: replacements[0] must be a value (null for SQL NULL), got undefined',
    );
  });

  it('a count mismatch names both counts', () => {
    expect(failure('SELECT ?, ?', { replacements: [1] }).message).toBe(
      'relata.query: the SQL has 2 ? placeholders but 1 replacement was given',
    );
    expect(failure("SELECT ? -- ?\n", { replacements: [1, 2] }).message).toBe(
      'relata.query: the SQL has 1 ? placeholder but 2 replacements were given',
    );
  });
});

describe('prepareRawQuery: replacements as an object', () => {
  it('binds :name tokens, repeating a value used twice', () => {
    expect(prepared('SELECT * FROM t WHERE a = :a OR b = :a AND c IN (:ids)', { replacements: { a: 1, ids: [2, 3] } }, question)).toEqual([
      'SELECT * FROM t WHERE a = ? OR b = ? AND c IN (?, ?)',
      [1, 1, 2, 3],
    ]);
  });

  it('keeps :: casts and leaves :name inside literals, identifiers and comments alone', () => {
    const sql = "SELECT x::int, :a::text, ':a', \":a\", `:a` /* :a */ -- :a\nFROM t WHERE y = :a;";
    expect(prepared(sql, { replacements: { a: 'v' } })).toEqual([
      "SELECT x::int, $1::text, ':a', \":a\", `:a` /* :a */ -- :a\nFROM t WHERE y = $2;",
      ['v', 'v'],
    ]);
  });

  it('ignores ? when replacements are named, and MySQL := assignments', () => {
    expect(prepared('SELECT @n:=1, ? , :a', { replacements: { a: 2 } }, question)).toEqual(['SELECT @n:=1, ? , ?', [2]]);
  });

  it('a missing key lists the available ones', () => {
    expect(failure('SELECT :nmae', { replacements: { name: 'x', id: 1 } }).message).toBe(
      'relata.query: :nmae has no value in replacements. Available: name, id',
    );
    expect(failure('SELECT :a', { replacements: { a: undefined } })).toBeInstanceOf(InvalidOptionError);
    expect(failure('SELECT :toString', { replacements: {} }).message).toBe('relata.query: :toString has no value in replacements. Available: (none)');
  });
});

describe('prepareRawQuery: bind', () => {
  it('$1… bind by position, each occurrence gets its own placeholder', () => {
    expect(prepared('SELECT $1, $2, $1', { bind: ['a', 'b'] }, question)).toEqual(['SELECT ?, ?, ?', ['a', 'b', 'a']]);
    expect(prepared('SELECT $2, $1', { bind: ['a', 'b'] })).toEqual(['SELECT $1, $2', ['b', 'a']]);
  });

  it('$name binds by name; array values stay one parameter', () => {
    expect(prepared('SELECT * FROM t WHERE id = ANY($ids) AND n = $n', { bind: { ids: [1, 2], n: 'x' } })).toEqual([
      'SELECT * FROM t WHERE id = ANY($1) AND n = $2',
      [[1, 2], 'x'],
    ]);
  });

  it('leaves dollar-quoted bodies, literals, ? and :name alone', () => {
    const sql = "CREATE FUNCTION f() RETURNS int AS $$ SELECT $1 $$ LANGUAGE sql; SELECT $body$ $2 $body$, '$1', ?, :a, a$1, $1";
    expect(prepared(sql, { bind: ['v'] })).toEqual([
      "CREATE FUNCTION f() RETURNS int AS $$ SELECT $1 $$ LANGUAGE sql; SELECT $body$ $2 $body$, '$1', ?, :a, a$1, $1",
      ['v'],
    ]);
  });

  it('an unknown parameter names what exists', () => {
    expect(failure('SELECT $3', { bind: [1, 2] }).message).toBe('relata.query: $3 has no value in bind. Available: $1 to $2');
    expect(failure('SELECT $0', { bind: [1] }).message).toBe('relata.query: $0 has no value in bind. Available: $1');
    expect(failure('SELECT $name', { bind: [1] })).toBeInstanceOf(InvalidOptionError);
    expect(failure('SELECT $1', { bind: { a: 1 } }).message).toBe('relata.query: $1 has no value in bind. Available: a');
    expect(failure('SELECT $b', { bind: { a: 1 } }).message).toBe('relata.query: $b has no value in bind. Available: a');
  });
});

describe('prepareRawQuery: hostile values never reach the SQL text', () => {
  const hostile = ["O'Reilly", "'; DROP TABLE x; --", '?', ':name', '$1', '/*', "\\'", '$$'];

  it.each(hostile)('%j as a positional replacement', (value) => {
    expect(prepared('SELECT * FROM t WHERE a = ? AND b = ?', { replacements: [value, 'next'] }, question)).toEqual([
      'SELECT * FROM t WHERE a = ? AND b = ?',
      [value, 'next'],
    ]);
  });

  it.each(hostile)('%j as a named replacement and in a list', (value) => {
    expect(prepared('SELECT * FROM t WHERE a = :name AND b IN (:list)', { replacements: { name: value, list: [value, value] } })).toEqual([
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
      [value, value, value],
    ]);
  });

  it.each(hostile)('%j as a bind value', (value) => {
    expect(prepared('SELECT $1, $2', { bind: [value, 'next'] })).toEqual(['SELECT $1, $2', [value, 'next']]);
  });

  it('a literal that looks like an injection stays literal and consumes no replacement', () => {
    const sql = "SELECT * FROM t WHERE note = '''; DROP TABLE x; -- ?' AND id = ?";
    expect(prepared(sql, { replacements: [1] })).toEqual(["SELECT * FROM t WHERE note = '''; DROP TABLE x; -- ?' AND id = $1", [1]]);
  });
});

describe('prepareRawQuery: options', () => {
  it('without replacements or bind the SQL is returned untouched', () => {
    expect(prepared('SELECT ?, :a, $1', {})).toEqual(['SELECT ?, :a, $1', []]);
  });

  it('replacements and bind together are refused', () => {
    expect(failure('SELECT 1', { replacements: [], bind: [] }).message).toBe(
      'relata.query: the options must be replacements or bind, not both, got an object',
    );
  });

  it('a value that is neither an array nor a plain object is refused', () => {
    const notPlain = new Map([['a', 1]]) as unknown as Record<string, unknown>;
    expect(failure('SELECT :a', { replacements: notPlain }).message).toBe(
      'relata.query: replacements must be an array or a plain object, got an object',
    );
  });

  it.each([
    ["SELECT 'abc, ?", "string literal ' starting at offset 7"],
    ["SELECT 'C:\\' , ?", "string literal ' starting at offset 7"],
    ['SELECT "abc, ?', 'quoted identifier " starting at offset 7'],
    ['SELECT /* ?', 'block comment /* starting at offset 7'],
    ['SELECT $$ ?', 'dollar-quoted string $$ starting at offset 7'],
  ])('unterminated: %j', (sql, what) => {
    expect(failure(sql, { replacements: [1] }).message).toContain(`unterminated ${what}`);
  });
});

describe('QueryTypes', () => {
  it("has Sequelize's names and values and cannot be changed", () => {
    expect(QueryTypes).toEqual({
      SELECT: 'SELECT', INSERT: 'INSERT', UPDATE: 'UPDATE', BULKUPDATE: 'BULKUPDATE', BULKDELETE: 'BULKDELETE',
      DELETE: 'DELETE', UPSERT: 'UPSERT', VERSION: 'VERSION', SHOWTABLES: 'SHOWTABLES', SHOWINDEXES: 'SHOWINDEXES',
      DESCRIBE: 'DESCRIBE', RAW: 'RAW', FOREIGNKEYS: 'FOREIGNKEYS', SHOWCONSTRAINTS: 'SHOWCONSTRAINTS',
    });
    expect(Object.isFrozen(QueryTypes)).toBe(true);
    const type: QueryType = QueryTypes.RAW;
    expect(type).toBe('RAW');
  });
});
