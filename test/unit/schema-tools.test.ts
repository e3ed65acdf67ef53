/**
 * The pure parts of the schema tools: data types written back as migration source, SQLite's
 * CREATE TABLE reader, the catalogs' type and default spellings reduced for comparison, and the
 * model:generate attribute syntax.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, type AbstractDataType } from '../../src/index.js';
import { parseAttributes } from '../../src/cli/api/templates.js';
import { MysqlSchemaDialect } from '../../src/dialects/mysql/schema-dialect.js';
import { PostgresSchemaDialect } from '../../src/dialects/postgres/schema-dialect.js';
import { checkClauses, parseCreateTable, referencesClause, withoutReferences } from '../../src/dialects/sqlite/create-table-parser.js';
import { enumCheck } from '../../src/dialects/schema-dialect.js';
import { SqliteSchemaDialect } from '../../src/dialects/sqlite/schema-dialect.js';
import { migrationTimestamp } from '../../src/migrations/migration-files.js';
import { renderDataType } from '../../src/migrations/schema/render-data-type.js';
import { sequelizeNamespace } from '../../src/migrations/sequelize-namespace.js';

describe('renderDataType', () => {
  const cases: [AbstractDataType, string][] = [
    [DataTypes.STRING(), 'Sequelize.STRING'],
    [DataTypes.STRING(50), 'Sequelize.STRING(50)'],
    [DataTypes.STRING(64, true), 'Sequelize.STRING(64, true)'],
    [DataTypes.CHAR(2), 'Sequelize.CHAR(2)'],
    [DataTypes.TEXT('long'), "Sequelize.TEXT('long')"],
    [DataTypes.INTEGER(), 'Sequelize.INTEGER'],
    [DataTypes.INTEGER.UNSIGNED, 'Sequelize.INTEGER.UNSIGNED'],
    [DataTypes.INTEGER({ length: 11, zerofill: true }), 'Sequelize.INTEGER({ length: 11, zerofill: true })'],
    [DataTypes.BIGINT(), 'Sequelize.BIGINT'],
    [DataTypes.DECIMAL(10, 2), 'Sequelize.DECIMAL(10, 2)'],
    [DataTypes.DECIMAL({ precision: 8, scale: 3, unsigned: true }), 'Sequelize.DECIMAL({ precision: 8, scale: 3, unsigned: true })'],
    [DataTypes.FLOAT(11, 10), 'Sequelize.FLOAT(11, 10)'],
    [DataTypes.DOUBLE(), 'Sequelize.DOUBLE'],
    [DataTypes.DATE(6), 'Sequelize.DATE(6)'],
    [DataTypes.BOOLEAN(), 'Sequelize.BOOLEAN'],
    [DataTypes.UUID(), 'Sequelize.UUID'],
    [DataTypes.JSONB(), 'Sequelize.JSONB'],
    [DataTypes.ENUM('draft', "it's"), "Sequelize.ENUM('draft', 'it\\'s')"],
    [DataTypes.BLOB('medium'), "Sequelize.BLOB('medium')"],
  ];

  it.each(cases)('writes %s as %s, which evaluates back to the same type', (type, source) => {
    expect(renderDataType(type, () => 'X')).toBe(source);
    const evaluated = new Function('Sequelize', `return ${source}`)(sequelizeNamespace()) as AbstractDataType | (() => AbstractDataType);
    const instance = typeof evaluated === 'function' ? (evaluated as () => AbstractDataType)() : evaluated;
    expect([instance.key, instance.params]).toEqual([type.key, type.params]);
  });
});

describe('SQLite CREATE TABLE reader', () => {
  const sql = 'CREATE TABLE "Posts" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "title" VARCHAR(255) DEFAULT \'a, b\', "userId" INTEGER REFERENCES "Users" ("id") ON DELETE SET NULL ON UPDATE CASCADE, CONSTRAINT "posts_title_unique" UNIQUE ("title"), CHECK ("id" > 0), FOREIGN KEY ("id") REFERENCES "Other" ("x")) WITHOUT ROWID';

  it('splits columns and table constraints at top-level commas only, keeping their text and names', () => {
    const parsed = parseCreateTable(sql);
    expect(parsed.items.map((i) => (i.kind === 'column' ? `column ${i.name}` : `${i.type} ${i.name ?? '-'} (${i.columns.join(',')})`))).toEqual([
      'column id', 'column title', 'column userId', 'unique posts_title_unique (title)', 'check - ()', 'foreign - (id)',
    ]);
    expect(parsed.items[1]?.text).toBe('"title" VARCHAR(255) DEFAULT \'a, b\'');
    expect(parsed.tail).toBe(' WITHOUT ROWID');
  });

  it.each([
    ['"userId" INTEGER REFERENCES "Users" ("id") ON DELETE SET NULL ON UPDATE CASCADE', '"userId" INTEGER', 'REFERENCES "Users" ("id") ON DELETE SET NULL ON UPDATE CASCADE'],
    ['"a" INT NOT NULL REFERENCES t(id) ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED DEFAULT 3', '"a" INT NOT NULL DEFAULT 3', 'REFERENCES t(id) ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED'],
    ['"a" INT CONSTRAINT fk REFERENCES "t" ON UPDATE SET DEFAULT NOT NULL', '"a" INT NOT NULL', 'CONSTRAINT fk REFERENCES "t" ON UPDATE SET DEFAULT'],
    ['"a" INT NOT NULL', '"a" INT NOT NULL', undefined],
  ])('finds the REFERENCES clause of %s', (column, without, clause) => {
    expect(withoutReferences(column)).toBe(without);
    expect(referencesClause(column)).toBe(clause);
  });
});

describe('enum checks read back from the catalogs', () => {
  it('reads relata\'s CHECK (col IN (…)) and PostgreSQL\'s = ANY (ARRAY[…]) and single-value spellings', () => {
    expect(enumCheck(`CHECK ("kind" IN ('book', 'film'))`)).toEqual({ column: 'kind', values: ['book', 'film'] });
    expect(enumCheck("CHECK (((kind)::text = ANY ((ARRAY['book'::character varying, 'it''s'::character varying])::text[])))")).toEqual({ column: 'kind', values: ['book', "it's"] });
    expect(enumCheck("CHECK (((\"Kind Of\")::text = 'book'::text))")).toEqual({ column: 'Kind Of', values: ['book'] });
    expect(enumCheck('CHECK (`kind` in (\'a\'))')).toEqual({ column: 'kind', values: ['a'] });
  });

  it('leaves every other check alone', () => {
    expect(enumCheck('CHECK ("age" >= 0)')).toBeUndefined();
    expect(enumCheck(`CHECK ("kind" IN ('a', 'b') OR "other" IS NULL)`)).toBeUndefined();
    expect(enumCheck(`CHECK (lower("kind") IN ('a'))`)).toBeUndefined();
    expect(enumCheck('CHECK ("n" IN (1, 2))')).toBeUndefined();
  });

  it('finds the CHECK clauses of a SQLite column definition, with the name written before one', () => {
    expect(checkClauses(`"kind" TEXT DEFAULT 'book' CONSTRAINT "kind_ok" CHECK ("kind" IN ('book', 'film')) NOT NULL CHECK (length("kind") > 0)`)).toEqual([
      { name: 'kind_ok', text: `CHECK ("kind" IN ('book', 'film'))` },
      { name: undefined, text: 'CHECK (length("kind") > 0)' },
    ]);
  });
});

describe('catalog spellings reduced for comparison', () => {
  const pg = new PostgresSchemaDialect();
  const mysql = new MysqlSchemaDialect();
  const sqlite = new SqliteSchemaDialect();

  it.each([
    ['SERIAL', 'INTEGER'], ['VARCHAR(255)', 'CHARACTER VARYING(255)'], ['DECIMAL(10,2)', 'NUMERIC(10,2)'], ['FLOAT', 'DOUBLE PRECISION'],
    ['FLOAT(11)', 'REAL'], ['TIME', 'TIME WITHOUT TIME ZONE'], ['TIMESTAMP WITH TIME ZONE', 'TIMESTAMP WITH TIME ZONE'], ['CHAR(2)', 'CHARACTER(2)'],
  ])('postgres: %s and the catalog\'s %s are the same type', (ours, catalog) => {
    expect(pg.canonicalType(ours)).toBe(pg.canonicalType(catalog));
  });

  it.each([
    ['INTEGER', 'INT(11)'], ['INTEGER UNSIGNED', 'INT(10) UNSIGNED'], ['BIGINT', 'BIGINT(20)'], ['CHAR(36) BINARY', 'CHAR(36)'], ['REAL', 'DOUBLE'],
    ['DOUBLE PRECISION', 'DOUBLE'], ['DECIMAL', 'DECIMAL(10,0)'], ['JSON', 'LONGTEXT'], ["ENUM('a, b', 'c')", "ENUM('a, b','c')"], ['TINYINT(1)', 'TINYINT(1)'],
  ])('mysql: %s and the catalog\'s %s are the same type', (ours, catalog) => {
    expect(mysql.canonicalType(ours)).toBe(mysql.canonicalType(catalog));
  });

  it('tells different types apart', () => {
    expect(pg.canonicalType('VARCHAR(50)')).not.toBe(pg.canonicalType('CHARACTER VARYING(255)'));
    expect(mysql.canonicalType('TINYINT(1)')).not.toBe(mysql.canonicalType('TINYINT'));
    expect(sqlite.canonicalType('VARCHAR(50)')).not.toBe(sqlite.canonicalType('VARCHAR(255)'));
  });

  it.each<[string, PostgresSchemaDialect | MysqlSchemaDialect | SqliteSchemaDialect, string | null, string | null]>([
    ['postgres', pg, "'draft'::character varying", 'draft'],
    ['postgres', pg, "'-1'::integer", '-1'],
    ['postgres', pg, 'NULL::text', null],
    ['postgres', pg, "nextval('\"Users_id_seq\"'::regclass)", "nextval('\"Users_id_seq\"'::regclass)"],
    ['mysql', mysql, "'it''s'", "it's"],
    ['mysql', mysql, 'true', '1'],
    ['mysql', mysql, 'NULL', null],
    ['sqlite', sqlite, "'draft'", 'draft'],
    ['sqlite', sqlite, 'FALSE', 'false'],
  ])('%s default %s reads as %s', (_name, dialect, text, value) => {
    expect(dialect.canonicalDefault(text)).toBe(value);
  });
});

describe('model:generate --attributes', () => {
  it('reads name:type pairs and enums with their values', () => {
    expect(parseAttributes('firstName:string,age:integer,status:enum:{draft,published},at:date')).toEqual([
      { name: 'firstName', type: 'STRING' },
      { name: 'age', type: 'INTEGER' },
      { name: 'status', type: "ENUM('draft', 'published')" },
      { name: 'at', type: 'DATE' },
    ]);
  });

  it('rejects unknown types and empty lists with what would be valid', () => {
    expect(() => parseAttributes('name:strng')).toThrow(/"name:strng" is not name:type with a type among string, text/);
    expect(() => parseAttributes('')).toThrow(/--attributes needs at least one name:type/);
  });
});

it('migration file names start with the UTC time as sequelize-cli writes it', () => {
  expect(migrationTimestamp(new Date('2024-01-02T03:04:05Z'))).toBe('20240102030405');
});
