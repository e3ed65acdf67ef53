import { describe, expect, it } from 'vitest';
import validator from 'validator';
import * as types from '../../src/data-types/index.js';
import {
  AbstractDataType,
  DataTypes,
  formatSqliteDate,
  generateDefault,
  isDefaultMarker,
  normalizeDataType,
  StringType,
} from '../../src/data-types/index.js';
import type { DataType } from '../../src/data-types/index.js';
import { uuidV1 } from '../../src/data-types/uuid.js';
import { mssqlColumnType } from '../../src/dialects/mssql/column-types.js';
import { mysqlColumnType } from '../../src/dialects/mysql/column-types.js';
import { postgresColumnType } from '../../src/dialects/postgres/column-types.js';
import { sqliteColumnType } from '../../src/dialects/sqlite/column-types.js';
import { InvalidOptionError } from '../../src/errors/invalid-option-error.js';

const D = DataTypes;
const t = (input: unknown): AbstractDataType => normalizeDataType(input, 'T.x');
const flags = { unsigned: false, zerofill: false };

describe('usage forms', () => {
  it.each<[string, unknown, string, Record<string, unknown>]>([
    ['STRING', D.STRING, 'STRING', { length: 255, binary: false }],
    ['STRING(50)', D.STRING(50), 'STRING', { length: 50, binary: false }],
    ['new STRING(50)', new D.STRING(50), 'STRING', { length: 50, binary: false }],
    ['STRING({ length: 50 })', D.STRING({ length: 50 }), 'STRING', { length: 50, binary: false }],
    ['STRING(50).BINARY', D.STRING(50).BINARY, 'STRING', { length: 50, binary: true }],
    ['STRING.BINARY', D.STRING.BINARY, 'STRING', { length: 255, binary: true }],
    ['CHAR(10)', D.CHAR(10), 'CHAR', { length: 10, binary: false }],
    ['TEXT', D.TEXT, 'TEXT', {}],
    ["TEXT('long')", D.TEXT('long'), 'TEXT', { length: 'long' }],
    ['CITEXT', D.CITEXT, 'CITEXT', {}],
    ['INTEGER', D.INTEGER, 'INTEGER', flags],
    ['INTEGER.UNSIGNED', D.INTEGER.UNSIGNED, 'INTEGER', { unsigned: true, zerofill: false }],
    ['INTEGER(11).UNSIGNED.ZEROFILL', D.INTEGER(11).UNSIGNED.ZEROFILL, 'INTEGER', { length: 11, unsigned: true, zerofill: true }],
    ['BIGINT', D.BIGINT, 'BIGINT', flags],
    ['SMALLINT', D.SMALLINT, 'SMALLINT', flags],
    ['TINYINT', D.TINYINT, 'TINYINT', flags],
    ['MEDIUMINT', D.MEDIUMINT, 'MEDIUMINT', flags],
    ['FLOAT', D.FLOAT, 'FLOAT', flags],
    ['FLOAT(11, 10)', D.FLOAT(11, 10), 'FLOAT', { length: 11, decimals: 10, ...flags }],
    ['REAL', D.REAL, 'REAL', flags],
    ['DOUBLE', D.DOUBLE, 'DOUBLE', flags],
    ['DECIMAL', D.DECIMAL, 'DECIMAL', flags],
    ['DECIMAL(10, 2)', D.DECIMAL(10, 2), 'DECIMAL', { precision: 10, scale: 2, ...flags }],
    ['DECIMAL(10, 2).UNSIGNED', D.DECIMAL(10, 2).UNSIGNED, 'DECIMAL', { precision: 10, scale: 2, unsigned: true, zerofill: false }],
    ['DECIMAL({ precision, scale })', D.DECIMAL({ precision: 8, scale: 3 }), 'DECIMAL', { precision: 8, scale: 3, ...flags }],
    ['BOOLEAN', D.BOOLEAN, 'BOOLEAN', {}],
    ['DATE', D.DATE, 'DATE', {}],
    ['DATE(6)', D.DATE(6), 'DATE', { precision: 6 }],
    ['DATEONLY', D.DATEONLY, 'DATEONLY', {}],
    ['TIME', D.TIME, 'TIME', {}],
    ['UUID', D.UUID, 'UUID', {}],
    ['UUIDV4', D.UUIDV4, 'UUIDV4', {}],
    ['UUIDV1', D.UUIDV1, 'UUIDV1', {}],
    ['NOW', D.NOW, 'NOW', {}],
    ['JSON', D.JSON, 'JSON', {}],
    ['JSONB', D.JSONB, 'JSONB', {}],
    ["ENUM('a', 'b')", D.ENUM('a', 'b'), 'ENUM', { values: ['a', 'b'] }],
    ["ENUM(['a', 'b'])", D.ENUM(['a', 'b']), 'ENUM', { values: ['a', 'b'] }],
    ["ENUM({ values: ['a', 'b'] })", D.ENUM({ values: ['a', 'b'] }), 'ENUM', { values: ['a', 'b'] }],
    ['BLOB', D.BLOB, 'BLOB', {}],
    ["BLOB('long')", D.BLOB('long'), 'BLOB', { length: 'long' }],
    ['VIRTUAL', D.VIRTUAL, 'VIRTUAL', { fields: [] }],
  ])('%s normalizes to %s', (_label, input, key, params) => {
    const type = t(input);
    expect(type).toBeInstanceOf(AbstractDataType);
    expect(type.key).toBe(key);
    expect(type.params).toEqual(params);
    expect(type.isVirtual).toBe(key === 'VIRTUAL');
  });

  it('VIRTUAL(STRING, fields) keeps the return type and the fields', () => {
    const type = D.VIRTUAL(D.STRING, ['a', 'b']);
    expect(type.isVirtual).toBe(true);
    expect(type.returnType?.key).toBe('STRING');
    expect(type.returnType?.params).toEqual({ length: 255, binary: false });
    expect(type.fields).toEqual(['a', 'b']);
  });

  it('instanceof works against the exports, as in Sequelize', () => {
    expect(D.STRING(50)).toBeInstanceOf(D.STRING);
    expect(new D.STRING(50)).toBeInstanceOf(StringType);
    expect(D.CHAR(2)).toBeInstanceOf(D.STRING);
    expect(D.STRING(2)).not.toBeInstanceOf(D.CHAR);
    expect(D.INTEGER.UNSIGNED).toBeInstanceOf(D.INTEGER);
    expect(D.STRING.key).toBe('STRING');
    expect(D.DECIMAL.name).toBe('DECIMAL');
  });

  it('the modifier getters return new instances', () => {
    const base = D.STRING(50);
    const binary = base.BINARY;
    expect(binary).not.toBe(base);
    expect([base.binary, binary.binary]).toEqual([false, true]);
    const int = D.INTEGER(11);
    expect(int.UNSIGNED.unsigned).toBe(true);
    expect(int.unsigned).toBe(false);
  });

  it('every type is also exported individually, identical to the DataTypes member', () => {
    const names = Object.keys(D);
    expect(names).toHaveLength(32);
    for (const name of names) expect(types[name as keyof typeof types]).toBe(D[name as keyof typeof D]);
  });

  it('accepts the DataType forms at the type level', () => {
    const accepted: DataType[] = [D.STRING, D.STRING(5), D.INTEGER.UNSIGNED, D.VIRTUAL, D.ENUM('a')];
    expect(accepted.map((x) => t(x).key)).toEqual(['STRING', 'STRING', 'INTEGER', 'VIRTUAL', 'ENUM']);
  });

  it("normalizes a user's own AbstractDataType subclass, bare or instantiated", () => {
    class Point extends AbstractDataType {
      readonly key = 'POINT';
      get params() {
        return { srid: 4326 };
      }
    }
    expect(t(Point).params).toEqual({ srid: 4326 });
    const instance = new Point();
    expect(t(instance)).toBe(instance);
  });
});

describe('normalizeDataType and argument errors', () => {
  it.each<[string, () => unknown, string]>([
    ['a string holding a statement separator', () => normalizeDataType('TEXT; DROP TABLE x', 'User.name'), `User.name: a type written as SQL must be one column type such as 'VARCHAR(20)', without ';' or comments, got "TEXT; DROP TABLE x"`],
    ['a string holding a comment', () => normalizeDataType('TEXT -- x', 'User.name'), `User.name: a type written as SQL must be one column type such as 'VARCHAR(20)', without ';' or comments, got "TEXT -- x"`],
    ['an object', () => normalizeDataType({ length: 5 }, 'User.name'), `User.name: type must be a data type such as DataTypes.STRING, DataTypes.INTEGER(11) or 'VARCHAR(20)', got {"length":5}`],
    ['undefined', () => normalizeDataType(undefined, 'User.name'), `User.name: type must be a data type such as DataTypes.STRING, DataTypes.INTEGER(11) or 'VARCHAR(20)', got undefined`],
    ['a plain class', () => normalizeDataType(class Foo {}, 'User.name'), `User.name: type must be a data type such as DataTypes.STRING, DataTypes.INTEGER(11) or 'VARCHAR(20)', got function Foo`],
    ['a bare ENUM', () => normalizeDataType(D.ENUM, 'User.status'), 'User.status: DataTypes.ENUM: values must be a non-empty list of strings, got an array'],
    ['a negative length', () => D.STRING(-1), 'DataTypes.STRING: length must be an integer >= 1, got number -1'],
    ['a fractional length', () => D.CHAR({ length: 1.5 }), 'DataTypes.CHAR: length must be an integer >= 1, got number 1.5'],
    ['an unknown TEXT size', () => D.TEXT('huge' as 'long'), "DataTypes.TEXT: length must be 'tiny', 'medium' or 'long', got \"huge\""],
    ['a string precision', () => D.DECIMAL('10' as unknown as number), 'DataTypes.DECIMAL: precision must be an integer >= 1, got "10"'],
    ['duplicate ENUM values', () => D.ENUM('a', 'a'), 'DataTypes.ENUM: values must be a list of distinct strings, got an array'],
    ['non-string VIRTUAL fields', () => D.VIRTUAL(D.STRING, [1] as unknown as string[]), 'DataTypes.VIRTUAL: fields must be a list of attribute names, got an array'],
  ])('rejects %s', (_label, run, message) => {
    expect(run).toThrow(InvalidOptionError);
    expect(run).toThrow(message);
  });
});

const circular: Record<string, unknown> = {};
circular['self'] = circular;
describe('validate', () => {
  it.each<[string, AbstractDataType, unknown, string | undefined]>([
    ['INTEGER int', D.INTEGER(), 5, undefined],
    ['INTEGER int string', D.INTEGER(), '-42', undefined],
    ['INTEGER word', D.INTEGER(), 'abc', '"abc" is not a valid integer'],
    ['INTEGER fraction', D.INTEGER(), 1.5, '1.5 is not a valid integer'],
    ['INTEGER boolean', D.INTEGER(), true, 'true is not a valid integer'],
    ['SMALLINT word', D.SMALLINT(), 'x', '"x" is not a valid smallint'],
    ['BIGINT bigint', D.BIGINT(), 9007199254740993n, undefined],
    ['BIGINT int string', D.BIGINT(), '9007199254740993', undefined],
    ['BIGINT number', D.BIGINT(), 12, undefined],
    ['BIGINT fraction string', D.BIGINT(), '1.5', '"1.5" is not a valid bigint'],
    ['FLOAT number', D.FLOAT(), 1.5, undefined],
    ['FLOAT numeric string', D.FLOAT(), '1e3', undefined],
    ['FLOAT word', D.FLOAT(), 'abc', '"abc" is not a valid float'],
    ['FLOAT NaN', D.FLOAT(), Number.NaN, 'NaN is not a valid float'],
    ['DOUBLE word', D.DOUBLE(), 'x', '"x" is not a valid double'],
    ['DECIMAL string', D.DECIMAL(10, 2), '10.25', undefined],
    ['DECIMAL number', D.DECIMAL(), 3, undefined],
    ['DECIMAL word', D.DECIMAL(), 'ten', '"ten" is not a valid decimal'],
    ['STRING string', D.STRING(), 'a', undefined],
    ['STRING number', D.STRING(), 5, undefined],
    ['STRING boolean', D.STRING(), true, 'true is not a valid string'],
    ['STRING object', D.STRING(), { a: 1 }, '{"a":1} is not a valid string'],
    ['STRING array', D.STRING(), ['a'], '["a"] is not a valid string'],
    ['STRING bigint', D.STRING(), 10n, '10n is not a valid string'],
    ['STRING buffer', D.STRING(), Buffer.from([1]), '{"type":"Buffer","data":[1]} is not a valid string'],
    ['STRING.BINARY buffer', D.STRING.BINARY, Buffer.from([1]), undefined],
    ['TEXT number', D.TEXT(), 5, '5 is not a valid string'],
    ...(([true, false, 0, 1, 't', 'f', 'true', 'false', '0', '1'] as const).map(
      (v): [string, AbstractDataType, unknown, undefined] => [`BOOLEAN ${JSON.stringify(v)}`, D.BOOLEAN(), v, undefined],
    )),
    ['BOOLEAN yes', D.BOOLEAN(), 'yes', '"yes" is not a valid boolean'],
    ['BOOLEAN 2', D.BOOLEAN(), 2, '2 is not a valid boolean'],
    ['DATE Date', D.DATE(), new Date(), undefined],
    ['DATE ISO string', D.DATE(), '2024-01-02T03:04:05Z', undefined],
    ['DATE ms', D.DATE(), 1_700_000_000_000, undefined],
    ['DATE word', D.DATE(), 'abc', '"abc" is not a valid date'],
    ['DATE invalid Date', D.DATE(), new Date(Number.NaN), 'Invalid Date is not a valid date'],
    ['DATEONLY string', D.DATEONLY(), '2024-01-02', undefined],
    ['DATEONLY Date', D.DATEONLY(), new Date(), undefined],
    ['DATEONLY Feb 30', D.DATEONLY(), '2024-02-30', '"2024-02-30" is not a valid date (YYYY-MM-DD)'],
    ['DATEONLY word', D.DATEONLY(), 'tomorrow', '"tomorrow" is not a valid date (YYYY-MM-DD)'],
    ['TIME string', D.TIME(), '13:45:00', undefined],
    ['TIME word', D.TIME(), 'noon', '"noon" is not a valid time (HH:MM:SS)'],
    ['UUID v4', D.UUID(), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', undefined],
    ['UUID v1', D.UUID(), '6ba7b810-9dad-11d1-80b4-00c04fd430c8', undefined],
    ['UUID word', D.UUID(), 'nope', '"nope" is not a valid uuid'],
    ['UUID number', D.UUID(), 123, '123 is not a valid uuid'],
    ['ENUM member', D.ENUM('a', 'b'), 'a', undefined],
    ['ENUM non-member', D.ENUM('a', 'b'), 'c', '"c" is not a valid choice in ["a","b"]'],
    ['JSON object', D.JSON(), { a: [1] }, undefined],
    ['JSON string', D.JSON(), 'x', undefined],
    ['JSON circular', D.JSON(), circular, 'an object is not a valid JSON value'],
    ['JSON bigint', D.JSONB(), 10n, '10n is not a valid JSON value'],
    ['BLOB buffer', D.BLOB(), Buffer.from('x'), undefined],
    ['BLOB Uint8Array', D.BLOB(), new Uint8Array([1]), undefined],
    ['BLOB string', D.BLOB(), 'x', undefined],
    ['BLOB number', D.BLOB(), 5, '5 is not a valid blob'],
  ])('%s', (_label, type, value, expected) => {
    expect(type.validate(value)).toBe(expected);
  });
});

describe('toDb / fromDb', () => {
  it.each<[string, AbstractDataType, 'toDb' | 'fromDb', unknown, unknown]>([
    ['BOOLEAN 1', D.BOOLEAN(), 'fromDb', 1, true],
    ['BOOLEAN 0', D.BOOLEAN(), 'fromDb', 0, false],
    ["BOOLEAN '1'", D.BOOLEAN(), 'fromDb', '1', true],
    ["BOOLEAN '0'", D.BOOLEAN(), 'fromDb', '0', false],
    ["BOOLEAN 't'", D.BOOLEAN(), 'fromDb', 't', true],
    ["BOOLEAN 'f'", D.BOOLEAN(), 'fromDb', 'f', false],
    ['BOOLEAN true', D.BOOLEAN(), 'fromDb', true, true],
    ['BOOLEAN BIT(1) buffer', D.BOOLEAN(), 'fromDb', Buffer.from([1]), true],
    ["BOOLEAN 'true'", D.BOOLEAN(), 'toDb', 'true', true],
    ["BOOLEAN 'f'", D.BOOLEAN(), 'toDb', 'f', false],
    ['BOOLEAN 0', D.BOOLEAN(), 'toDb', 0, false],
    ['DATE sqlite text', D.DATE(), 'fromDb', '2024-01-02 03:04:05.678 +00:00', new Date('2024-01-02T03:04:05.678Z')],
    ['DATE text without zone is UTC', D.DATE(), 'fromDb', '2024-01-02 03:04:05', new Date('2024-01-02T03:04:05.000Z')],
    ['DATE offset', D.DATE(), 'fromDb', '2024-01-02T03:04:05.678+02:00', new Date('2024-01-02T01:04:05.678Z')],
    ['DATE pg text with micros', D.DATE(), 'fromDb', '2024-01-02 03:04:05.123456+00', new Date('2024-01-02T03:04:05.123Z')],
    ['DATE ms', D.DATE(), 'fromDb', 0, new Date(0)],
    ['DATE zero date', D.DATE(), 'fromDb', '0000-00-00 00:00:00', new Date(Number.NaN)],
    ['DATE ISO string', D.DATE(), 'toDb', '2024-01-02T03:04:05Z', new Date('2024-01-02T03:04:05Z')],
    ['DATE ms', D.DATE(), 'toDb', 86_400_000, new Date('1970-01-02T00:00:00Z')],
    ['DATEONLY Date (UTC parts)', D.DATEONLY(), 'fromDb', new Date('2024-01-02T00:00:00Z'), '2024-01-02'],
    ['DATEONLY datetime text', D.DATEONLY(), 'fromDb', '2024-01-02 00:00:00', '2024-01-02'],
    ['DATEONLY local Date', D.DATEONLY(), 'toDb', new Date(2024, 0, 2, 23, 30), '2024-01-02'],
    ['DATEONLY ISO string', D.DATEONLY(), 'toDb', '2024-01-02T10:00:00Z', '2024-01-02'],
    ['TIME Date (tedious)', D.TIME(), 'fromDb', new Date('1970-01-01T13:45:30Z'), '13:45:30'],
    ['TIME string', D.TIME(), 'fromDb', '13:45:30', '13:45:30'],
    ['INTEGER string', D.INTEGER(), 'fromDb', '42', 42],
    ['INTEGER bigint', D.INTEGER(), 'fromDb', 7n, 7],
    ['INTEGER string', D.INTEGER(), 'toDb', '42', 42],
    ['SMALLINT string', D.SMALLINT(), 'fromDb', '-3', -3],
    ['BIGINT pg string', D.BIGINT(), 'fromDb', '9007199254740993', '9007199254740993'],
    ['BIGINT number', D.BIGINT(), 'fromDb', 12, 12],
    ['BIGINT unsafe bigint', D.BIGINT(), 'fromDb', 9007199254740993n, '9007199254740993'],
    ['BIGINT safe bigint', D.BIGINT(), 'fromDb', 5n, 5],
    ['DECIMAL string', D.DECIMAL(10, 2), 'fromDb', '10.50', '10.50'],
    ['DECIMAL number', D.DECIMAL(10, 2), 'fromDb', 1.5, '1.5'],
    ['FLOAT string', D.FLOAT(), 'fromDb', '1.5', 1.5],
    ['DOUBLE string', D.DOUBLE(), 'fromDb', '2.25', 2.25],
    ['REAL string', D.REAL(), 'fromDb', '-0.5', -0.5],
    ['FLOAT string', D.FLOAT(), 'toDb', '1.5', 1.5],
    ['JSON object', D.JSON(), 'toDb', { a: 1 }, '{"a":1}'],
    ['JSON string', D.JSON(), 'toDb', 'x', '"x"'],
    ['JSONB array', D.JSONB(), 'toDb', [1, 2], '[1,2]'],
    ['JSON text', D.JSON(), 'fromDb', '{"a":1}', { a: 1 }],
    ['JSON unparsable text', D.JSON(), 'fromDb', 'not json', 'not json'],
    ['JSONB parsed object', D.JSONB(), 'fromDb', { a: 1 }, { a: 1 }],
    ['UUID', D.UUID(), 'fromDb', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'],
    ['STRING number', D.STRING(), 'toDb', 5, '5'],
    ['BLOB Uint8Array', D.BLOB(), 'fromDb', new Uint8Array([1, 2]), Buffer.from([1, 2])],
    ['BLOB string', D.BLOB(), 'toDb', 'ab', Buffer.from('ab')],
  ])('%s %s', (_label, type, direction, input, expected) => {
    expect(type[direction](input)).toEqual(expected);
  });

  it('BLOB.fromDb returns a Buffer over the same bytes', () => {
    const out = D.BLOB().fromDb(new Uint8Array([7, 8]));
    expect(Buffer.isBuffer(out)).toBe(true);
    expect([...(out as Buffer)]).toEqual([7, 8]);
  });

  it('DATE.toDb and fromDb keep a Date instance as it is', () => {
    const d = new Date('2024-05-06T07:08:09.010Z');
    expect(D.DATE().toDb(d)).toBe(d);
    expect(D.DATE().fromDb(d)).toBe(d);
  });

  it('DATE.fromDb reads ISO 8601 with a zone (PostgreSQL timestamps inside JSON) exactly as Date does, milliseconds truncated', () => {
    const cases: [string, string][] = [
      ['2024-01-02T03:04:05+00:00', '2024-01-02T03:04:05.000Z'],
      ['2024-01-02T03:04:05.5+00:00', '2024-01-02T03:04:05.500Z'],
      ['2024-01-02T03:04:05.67+00:00', '2024-01-02T03:04:05.670Z'],
      ['2024-01-02T03:04:05.678912+00:00', '2024-01-02T03:04:05.678Z'],
      ['2024-01-02T03:04:05.999999+05:30', '2024-01-01T21:34:05.999Z'],
      ['2024-01-02T23:59:59.001-08:00', '2024-01-03T07:59:59.001Z'],
      ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
      ['1969-12-31T23:59:59.9+00:00', '1969-12-31T23:59:59.900Z'],
    ];
    for (const [text, iso] of cases) expect([text, (D.DATE().fromDb(text) as Date).toISOString()]).toEqual([text, iso]);
    // The same text read twice gives two Dates: changing one leaves the other alone.
    const first = D.DATE().fromDb('2024-01-02 03:04:05.678 +00:00') as Date;
    const second = D.DATE().fromDb('2024-01-02 03:04:05.678 +00:00') as Date;
    first.setUTCFullYear(2000);
    expect([first === second, second.toISOString()]).toEqual([false, '2024-01-02T03:04:05.678Z']);
    // Forms the fast reader does not take still parse through the general one.
    expect((D.DATE().fromDb('2024-01-02 03:04:05+02') as Date).toISOString()).toBe('2024-01-02T01:04:05.000Z');
    expect((D.DATE().fromDb('2024-01-02T03:04:05.+00:00') as Date).getTime()).toBeNaN();
  });

  it('formatSqliteDate writes UTC in Sequelize format and rejects an invalid Date', () => {
    expect(formatSqliteDate(new Date('2024-01-02T03:04:05.678Z'))).toBe('2024-01-02 03:04:05.678 +00:00');
    expect(formatSqliteDate(new Date(0))).toBe('1970-01-01 00:00:00.000 +00:00');
    expect(() => formatSqliteDate(new Date(Number.NaN))).toThrow(InvalidOptionError);
  });
});

describe('default-value markers', () => {
  it.each<[string, unknown, boolean]>([
    ['NOW', D.NOW, true],
    ['NOW()', D.NOW(), true],
    ['UUIDV4', D.UUIDV4, true],
    ['new UUIDV1()', new D.UUIDV1(), true],
    ['DATE', D.DATE, false],
    ["'NOW'", 'NOW', false],
    ['look-alike object', { relataDefault: 'NOW' }, false],
  ])('isDefaultMarker(%s) is %s', (_label, value, expected) => {
    expect(isDefaultMarker(value)).toBe(expected);
  });

  it('NOW generates the current Date', () => {
    const before = Date.now();
    const value = generateDefault(D.NOW);
    expect(value).toBeInstanceOf(Date);
    expect((value as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect((value as Date).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('UUIDV4 generates distinct version 4 uuids', () => {
    const [a, b] = [generateDefault(D.UUIDV4), generateDefault(D.UUIDV4())];
    expect(validator.isUUID(String(a), 4)).toBe(true);
    expect(a).not.toBe(b);
  });

  it('UUIDV1 generates RFC 4122 version 1 uuids that encode the time', () => {
    const value = String(generateDefault(D.UUIDV1));
    expect(value).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(validator.isUUID(value, 1)).toBe(true);
    const at = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    const hex = uuidV1(at).replace(/-/g, '');
    const ticks = BigInt(`0x${hex.slice(13, 16)}${hex.slice(8, 12)}${hex.slice(0, 8)}`);
    expect(Number(ticks / 10_000n - 12_219_292_800_000n)).toBe(at);
    // the random node id has the multicast bit set
    expect(Number.parseInt(hex.slice(20, 22), 16) & 1).toBe(1);
  });

  it('UUIDV1 stays unique within one millisecond and when the clock goes back', () => {
    const at = Date.UTC(2030, 0, 1);
    const ids = new Set([...Array.from({ length: 10_050 }, () => uuidV1(at)), uuidV1(at - 1), uuidV1(at - 1)]);
    expect(ids.size).toBe(10_052);
  });
});

const ddl = (type: AbstractDataType): string[] => [sqliteColumnType, postgresColumnType, mysqlColumnType, mssqlColumnType].map((f) => f(type));
describe('column types (sqlite, postgres, mysql, mssql)', () => {
  it.each<[string, AbstractDataType, string, string, string, string]>([
    ['STRING', t(D.STRING), 'VARCHAR(255)', 'VARCHAR(255)', 'VARCHAR(255)', 'NVARCHAR(255)'],
    ['STRING(50)', D.STRING(50), 'VARCHAR(50)', 'VARCHAR(50)', 'VARCHAR(50)', 'NVARCHAR(50)'],
    ['STRING.BINARY', D.STRING.BINARY, 'VARCHAR BINARY(255)', 'BYTEA', 'VARCHAR(255) BINARY', 'BINARY(255)'],
    ['CHAR', D.CHAR(), 'CHAR(255)', 'CHAR(255)', 'CHAR(255)', 'CHAR(255)'],
    ['CHAR(10).BINARY', D.CHAR(10).BINARY, 'CHAR BINARY(10)', 'BYTEA', 'CHAR(10) BINARY', 'BINARY(10)'],
    ['TEXT', D.TEXT(), 'TEXT', 'TEXT', 'TEXT', 'NVARCHAR(MAX)'],
    ["TEXT('tiny')", D.TEXT('tiny'), 'TEXT', 'TEXT', 'TINYTEXT', 'NVARCHAR(256)'],
    ["TEXT('long')", D.TEXT('long'), 'TEXT', 'TEXT', 'LONGTEXT', 'NVARCHAR(MAX)'],
    ['CITEXT', D.CITEXT(), 'TEXT COLLATE NOCASE', 'CITEXT', 'TEXT', 'NVARCHAR(MAX)'],
    ['INTEGER', D.INTEGER(), 'INTEGER', 'INTEGER', 'INTEGER', 'INTEGER'],
    ['INTEGER(11)', D.INTEGER(11), 'INTEGER(11)', 'INTEGER', 'INTEGER(11)', 'INTEGER'],
    ['INTEGER.UNSIGNED', D.INTEGER.UNSIGNED, 'INTEGER', 'INTEGER', 'INTEGER UNSIGNED', 'INTEGER'],
    ['INTEGER.UNSIGNED.ZEROFILL', D.INTEGER.UNSIGNED.ZEROFILL, 'INTEGER', 'INTEGER', 'INTEGER UNSIGNED ZEROFILL', 'INTEGER'],
    ['BIGINT.UNSIGNED', D.BIGINT.UNSIGNED, 'BIGINT', 'BIGINT', 'BIGINT UNSIGNED', 'BIGINT'],
    ['SMALLINT', D.SMALLINT(), 'SMALLINT', 'SMALLINT', 'SMALLINT', 'SMALLINT'],
    ['TINYINT', D.TINYINT(), 'TINYINT', 'SMALLINT', 'TINYINT', 'TINYINT'],
    ['MEDIUMINT', D.MEDIUMINT(), 'MEDIUMINT', 'INTEGER', 'MEDIUMINT', 'INTEGER'],
    ['FLOAT', D.FLOAT(), 'FLOAT', 'FLOAT', 'FLOAT', 'FLOAT'],
    ['FLOAT(11)', D.FLOAT(11), 'FLOAT(11)', 'FLOAT(11)', 'FLOAT(11)', 'FLOAT(11)'],
    ['FLOAT(11, 10)', D.FLOAT(11, 10), 'FLOAT(11,10)', 'FLOAT', 'FLOAT(11,10)', 'FLOAT'],
    ['REAL(11, 10)', D.REAL(11, 10), 'REAL(11,10)', 'REAL', 'REAL(11,10)', 'REAL'],
    ['DOUBLE', D.DOUBLE(), 'DOUBLE PRECISION', 'DOUBLE PRECISION', 'DOUBLE PRECISION', 'DOUBLE PRECISION'],
    ['DOUBLE(11, 10)', D.DOUBLE(11, 10), 'DOUBLE PRECISION(11,10)', 'DOUBLE PRECISION', 'DOUBLE PRECISION(11,10)', 'DOUBLE PRECISION'],
    ['DECIMAL', D.DECIMAL(), 'DECIMAL', 'DECIMAL', 'DECIMAL', 'DECIMAL'],
    ['DECIMAL(10, 2)', D.DECIMAL(10, 2), 'DECIMAL(10,2)', 'DECIMAL(10,2)', 'DECIMAL(10,2)', 'DECIMAL(10,2)'],
    ['DECIMAL(10, 2).UNSIGNED', D.DECIMAL(10, 2).UNSIGNED, 'DECIMAL(10,2)', 'DECIMAL(10,2)', 'DECIMAL(10,2) UNSIGNED', 'DECIMAL(10,2)'],
    ['BOOLEAN', D.BOOLEAN(), 'TINYINT(1)', 'BOOLEAN', 'TINYINT(1)', 'BIT'],
    ['DATE', D.DATE(), 'DATETIME', 'TIMESTAMP WITH TIME ZONE', 'DATETIME', 'DATETIMEOFFSET'],
    ['DATE(6)', D.DATE(6), 'DATETIME', 'TIMESTAMP WITH TIME ZONE', 'DATETIME(6)', 'DATETIMEOFFSET'],
    ['DATEONLY', D.DATEONLY(), 'DATE', 'DATE', 'DATE', 'DATE'],
    ['TIME', D.TIME(), 'TIME', 'TIME', 'TIME', 'TIME'],
    ['UUID', D.UUID(), 'UUID', 'UUID', 'CHAR(36) BINARY', 'CHAR(36)'],
    ['JSON', D.JSON(), 'JSON', 'JSON', 'JSON', 'NVARCHAR(MAX)'],
    ['JSONB', D.JSONB(), 'JSON', 'JSONB', 'JSON', 'NVARCHAR(MAX)'],
    ["ENUM('a', \"b'c\")", D.ENUM('a', "b'c"), 'TEXT', 'VARCHAR(255)', "ENUM('a', 'b''c')", 'NVARCHAR(255)'],
    ['ENUM with a backslash', D.ENUM('x\\'), 'TEXT', 'VARCHAR(255)', "ENUM('x\\\\')", 'NVARCHAR(255)'],
    ['BLOB', D.BLOB(), 'BLOB', 'BYTEA', 'BLOB', 'VARBINARY(MAX)'],
    ["BLOB('tiny')", D.BLOB('tiny'), 'TINYBLOB', 'BYTEA', 'TINYBLOB', 'VARBINARY(256)'],
    ["BLOB('medium')", D.BLOB('medium'), 'MEDIUMBLOB', 'BYTEA', 'MEDIUMBLOB', 'VARBINARY(MAX)'],
    ["BLOB('long')", D.BLOB('long'), 'LONGBLOB', 'BYTEA', 'LONGBLOB', 'VARBINARY(MAX)'],
  ])('%s', (_label, type, sqlite, postgres, mysql, mssql) => {
    expect(ddl(type)).toEqual([sqlite, postgres, mysql, mssql]);
  });

  it.each<[string, AbstractDataType, string]>([
    ['VIRTUAL', D.VIRTUAL(), 'VIRTUAL attributes have no column, so they have no column type on sqlite'],
    ['NOW', D.NOW(), 'DataTypes.NOW is a default-value marker, not a column type: use type: DataTypes.DATE with defaultValue: DataTypes.NOW'],
    ['UUIDV4', D.UUIDV4(), 'DataTypes.UUIDV4 is a default-value marker, not a column type: use type: DataTypes.UUID with defaultValue: DataTypes.UUIDV4'],
    [
      'an unknown type',
      new (class extends AbstractDataType {
        readonly key = 'POINT';
        get params() {
          return {};
        }
      })(),
      'data type POINT has no column type on sqlite',
    ],
  ])('%s has no column type', (_label, type, message) => {
    expect(() => sqliteColumnType(type)).toThrow(InvalidOptionError);
    expect(() => sqliteColumnType(type)).toThrow(message);
  });
});

describe('the type functions as strings', () => {
  it('String(DataTypes.X) is the key, as on sequelize@6, so objects can be keyed by type', async () => {
    const { DataTypes: Theirs } = await import('sequelize');
    const keys = ['STRING', 'CHAR', 'TEXT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL', 'BOOLEAN', 'DATE', 'DATEONLY', 'UUID', 'JSON', 'BLOB', 'ENUM'] as const;
    const ours = keys.map((k) => String(D[k]));
    expect(ours).toEqual(keys.map((k) => String(Theirs[k])));
    expect(ours).toEqual(keys.map((k) => (k === 'JSON' ? 'JSONTYPE' : k)));
    const byType: Record<string, number> = {};
    for (const [i, type] of [D.INTEGER, D.BIGINT, D.STRING].entries()) byType[type as unknown as string] = i;
    expect(byType).toEqual({ INTEGER: 0, BIGINT: 1, STRING: 2 });
  });
});
