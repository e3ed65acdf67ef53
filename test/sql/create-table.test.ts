/**
 * The CREATE TABLE / CREATE INDEX statements `sync()` runs on each dialect: every data type,
 * auto-increment keys, references with ON DELETE / ON UPDATE (and the index each foreign key gets),
 * named unique constraints (composite ones too) and declared indexes. Compiled only.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, type Model, type ModelStatic } from '../../src/index.js';
import { compileOnly, createTableSql, type CompileDialect } from '../support/compile-sql.js';

function everything(dialect: CompileDialect): ModelStatic<Model> {
  return compileOnly(dialect).define(
    'Everything',
    {
      uuid: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
      string: DataTypes.STRING,
      string50: DataTypes.STRING(50),
      char: DataTypes.CHAR(10),
      text: DataTypes.TEXT,
      integer: DataTypes.INTEGER,
      bigint: DataTypes.BIGINT,
      smallint: DataTypes.SMALLINT,
      tinyint: DataTypes.TINYINT,
      mediumint: DataTypes.MEDIUMINT,
      float: DataTypes.FLOAT,
      real: DataTypes.REAL,
      double: DataTypes.DOUBLE,
      decimal: DataTypes.DECIMAL(10, 2),
      boolean: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      date: DataTypes.DATE,
      dateonly: DataTypes.DATEONLY,
      time: DataTypes.TIME,
      json: DataTypes.JSON,
      jsonb: DataTypes.JSONB,
      enum: DataTypes.ENUM('draft', 'published'),
      blob: DataTypes.BLOB,
      // No column: VIRTUAL attributes never reach the DDL.
      virtual: { type: DataTypes.VIRTUAL, get: () => 1 },
    },
    { timestamps: false },
  );
}

describe('CREATE TABLE with every data type', () => {
  it.each<[CompileDialect, string]>([
    ['sqlite',
      'create table if not exists "Everythings" ("id" INTEGER primary key autoincrement, "uuid" UUID, "string" VARCHAR(255), "string50" VARCHAR(50), ' +
      '"char" CHAR(10), "text" TEXT, "integer" INTEGER, "bigint" BIGINT, "smallint" SMALLINT, "tinyint" TINYINT, "mediumint" MEDIUMINT, ' +
      '"float" FLOAT, "real" REAL, "double" DOUBLE PRECISION, "decimal" DECIMAL(10,2), "boolean" TINYINT(1) default false not null, ' +
      '"date" DATETIME, "dateonly" DATE, "time" TIME, "json" JSON, "jsonb" JSON, "enum" TEXT check ("enum" IN (\'draft\', \'published\')), "blob" BLOB)'],
    ['postgres',
      'create table if not exists "Everythings" ("id" SERIAL primary key, "uuid" UUID, "string" VARCHAR(255), "string50" VARCHAR(50), ' +
      '"char" CHAR(10), "text" TEXT, "integer" INTEGER, "bigint" BIGINT, "smallint" SMALLINT, "tinyint" SMALLINT, "mediumint" INTEGER, ' +
      '"float" FLOAT, "real" REAL, "double" DOUBLE PRECISION, "decimal" DECIMAL(10,2), "boolean" BOOLEAN default false not null, ' +
      '"date" TIMESTAMP WITH TIME ZONE, "dateonly" DATE, "time" TIME, "json" JSON, "jsonb" JSONB, ' +
      '"enum" VARCHAR(255) check ("enum" IN (\'draft\', \'published\')), "blob" BYTEA)'],
    ['mysql',
      'create table if not exists `Everythings` (`id` INTEGER primary key auto_increment, `uuid` CHAR(36) BINARY, `string` VARCHAR(255), `string50` VARCHAR(50), ' +
      '`char` CHAR(10), `text` TEXT, `integer` INTEGER, `bigint` BIGINT, `smallint` SMALLINT, `tinyint` TINYINT, `mediumint` MEDIUMINT, ' +
      '`float` FLOAT, `real` REAL, `double` DOUBLE PRECISION, `decimal` DECIMAL(10,2), `boolean` TINYINT(1) default false not null, ' +
      "`date` DATETIME, `dateonly` DATE, `time` TIME, `json` JSON, `jsonb` JSON, `enum` ENUM('draft', 'published'), `blob` BLOB)"],
    // No IF NOT EXISTS and no TRUE/FALSE in T-SQL (regressions: both used to be emitted).
    ['mssql',
      'create table "Everythings" ("id" INTEGER identity primary key, "uuid" CHAR(36), "string" NVARCHAR(255), "string50" NVARCHAR(50), ' +
      '"char" CHAR(10), "text" NVARCHAR(MAX), "integer" INTEGER, "bigint" BIGINT, "smallint" SMALLINT, "tinyint" TINYINT, "mediumint" INTEGER, ' +
      '"float" FLOAT, "real" REAL, "double" DOUBLE PRECISION, "decimal" DECIMAL(10,2), "boolean" BIT default 0 not null, ' +
      '"date" DATETIMEOFFSET, "dateonly" DATE, "time" TIME, "json" NVARCHAR(MAX), "jsonb" NVARCHAR(MAX), ' +
      '"enum" NVARCHAR(255) check ("enum" IN (\'draft\', \'published\')), "blob" VARBINARY(MAX))'],
  ])('%s', (dialect, sql) => {
    expect(createTableSql(everything(dialect))).toEqual([{ sql, parameters: [] }]);
  });
});

describe('auto-increment primary keys and DDL defaults', () => {
  it.each<[CompileDialect, string, string]>([
    // SQLite allows AUTOINCREMENT on INTEGER PRIMARY KEY only: a BIGINT key becomes INTEGER, as in
    // Sequelize (regression: relata wrote BIGINT … AUTOINCREMENT, which SQLite rejects).
    ['sqlite',
      'create table if not exists "Counters" ("id" INTEGER primary key autoincrement, "n" INTEGER default 0, "on" TINYINT(1) default true, "label" VARCHAR(255) default \'it\'\'s\')',
      'create table if not exists "Smalls" ("id" INTEGER primary key autoincrement)'],
    ['postgres',
      'create table if not exists "Counters" ("id" BIGSERIAL primary key, "n" INTEGER default 0, "on" BOOLEAN default true, "label" VARCHAR(255) default \'it\'\'s\')',
      'create table if not exists "Smalls" ("id" SERIAL primary key)'],
    ['mysql',
      "create table if not exists `Counters` (`id` BIGINT primary key auto_increment, `n` INTEGER default 0, `on` TINYINT(1) default true, `label` VARCHAR(255) default 'it''s')",
      'create table if not exists `Smalls` (`id` INTEGER primary key auto_increment)'],
    ['mssql',
      'create table "Counters" ("id" BIGINT identity primary key, "n" INTEGER default 0, "on" BIT default 1, "label" NVARCHAR(255) default \'it\'\'s\')',
      'create table "Smalls" ("id" INTEGER identity primary key)'],
  ])('%s', (dialect, counters, smalls) => {
    const relata = compileOnly(dialect);
    const Counter = relata.define(
      'Counter',
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        n: { type: DataTypes.INTEGER, defaultValue: 0 },
        on: { type: DataTypes.BOOLEAN, defaultValue: true },
        label: { type: DataTypes.STRING, defaultValue: "it's" },
        // Generated by relata at insert time, so no DDL default.
        stamp: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
      },
      { timestamps: false },
    );
    const Small = relata.define('Small', {}, { timestamps: false });
    const [statement] = createTableSql(Counter);
    expect(statement?.sql.replace(/, ["`]stamp["`] [A-Z ]+\)$/, ')')).toBe(counters);
    expect(createTableSql(Small)).toEqual([{ sql: smalls, parameters: [] }]);
  });
});

describe('references with ON DELETE / ON UPDATE', () => {
  function members(dialect: CompileDialect): ModelStatic<Model> {
    const relata = compileOnly(dialect);
    relata.define('Team', { name: DataTypes.STRING }, { timestamps: false });
    return relata.define(
      'Member',
      {
        teamId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Teams', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
        mentorId: { type: DataTypes.INTEGER, references: 'Members', onDelete: 'SET NULL' },
      },
      { timestamps: false },
    );
  }

  it.each<[CompileDialect, string[]]>([
    ['sqlite', [
      'create table if not exists "Members" ("id" INTEGER primary key autoincrement, "teamId" INTEGER not null references "Teams" ("id") on delete cascade on update cascade, "mentorId" INTEGER references "Members" ("id") on delete set null)',
      'create index if not exists "members_teamid" on "Members" ("teamId")',
      'create index if not exists "members_mentorid" on "Members" ("mentorId")',
    ]],
    ['postgres', [
      'create table if not exists "Members" ("id" SERIAL primary key, "teamId" INTEGER not null references "Teams" ("id") on delete cascade on update cascade, "mentorId" INTEGER references "Members" ("id") on delete set null)',
      'create index if not exists "members_teamid" on "Members" ("teamId")',
      'create index if not exists "members_mentorid" on "Members" ("mentorId")',
    ]],
    // MySQL (8.x and earlier) parses a column-level REFERENCES and ignores it: table-level FOREIGN KEY
    // constraints, named like PostgreSQL's. InnoDB indexes them itself, so no CREATE INDEX.
    ['mysql', [
      'create table if not exists `Members` (`id` INTEGER primary key auto_increment, `teamId` INTEGER not null, `mentorId` INTEGER, ' +
      'constraint `Members_teamId_fkey` foreign key (`teamId`) references `Teams` (`id`) on delete cascade on update cascade, ' +
      'constraint `Members_mentorId_fkey` foreign key (`mentorId`) references `Members` (`id`) on delete set null)',
    ]],
    ['mssql', [
      'create table "Members" ("id" INTEGER identity primary key, "teamId" INTEGER not null references "Teams" ("id") on delete cascade on update cascade, "mentorId" INTEGER references "Members" ("id") on delete set null)',
      'create index "members_teamid" on "Members" ("teamId")',
      'create index "members_mentorid" on "Members" ("mentorId")',
    ]],
  ])('%s', (dialect, statements) => {
    expect(createTableSql(members(dialect))).toEqual(statements.map((sql) => ({ sql, parameters: [] })));
  });
});

describe('unique constraints and indexes', () => {
  function memberships(dialect: CompileDialect): ModelStatic<Model> {
    return compileOnly(dialect).define(
      'Membership',
      {
        teamId: { type: DataTypes.INTEGER, unique: 'team_user' },
        userId: { type: DataTypes.INTEGER, unique: 'team_user' },
        code: { type: DataTypes.STRING, unique: true },
        note: DataTypes.STRING,
      },
      { timestamps: false, indexes: [{ fields: ['note'] }, { name: 'membership_code_note', unique: true, fields: ['code', 'note'] }] },
    );
  }

  it.each<[CompileDialect, string[]]>([
    ['sqlite', [
      'create table if not exists "Memberships" ("id" INTEGER primary key autoincrement, "teamId" INTEGER, "userId" INTEGER, "code" VARCHAR(255), "note" VARCHAR(255), ' +
      'constraint "team_user" unique ("teamId", "userId"), constraint "Memberships_code_unique" unique ("code"))',
      'create index "memberships_note" on "Memberships" ("note")',
      'create unique index "membership_code_note" on "Memberships" ("code", "note")',
    ]],
    ['postgres', [
      'create table if not exists "Memberships" ("id" SERIAL primary key, "teamId" INTEGER, "userId" INTEGER, "code" VARCHAR(255), "note" VARCHAR(255), ' +
      'constraint "team_user" unique ("teamId", "userId"), constraint "Memberships_code_unique" unique ("code"))',
      'create index "memberships_note" on "Memberships" ("note")',
      'create unique index "membership_code_note" on "Memberships" ("code", "note")',
    ]],
    ['mysql', [
      'create table if not exists `Memberships` (`id` INTEGER primary key auto_increment, `teamId` INTEGER, `userId` INTEGER, `code` VARCHAR(255), `note` VARCHAR(255), ' +
      'constraint `team_user` unique (`teamId`, `userId`), constraint `Memberships_code_unique` unique (`code`))',
      'create index `memberships_note` on `Memberships` (`note`)',
      'create unique index `membership_code_note` on `Memberships` (`code`, `note`)',
    ]],
    ['mssql', [
      'create table "Memberships" ("id" INTEGER identity primary key, "teamId" INTEGER, "userId" INTEGER, "code" NVARCHAR(255), "note" NVARCHAR(255), ' +
      'constraint "team_user" unique ("teamId", "userId"), constraint "Memberships_code_unique" unique ("code"))',
      'create index "memberships_note" on "Memberships" ("note")',
      'create unique index "membership_code_note" on "Memberships" ("code", "note")',
    ]],
  ])('%s', (dialect, statements) => {
    expect(createTableSql(memberships(dialect))).toEqual(statements.map((sql) => ({ sql, parameters: [] })));
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', 'create table if not exists "Grants" ("userId" INTEGER not null, "roleId" INTEGER not null, constraint "Grants_pkey" primary key ("userId", "roleId"))'],
    ['postgres', 'create table if not exists "Grants" ("userId" INTEGER not null, "roleId" INTEGER not null, constraint "Grants_pkey" primary key ("userId", "roleId"))'],
    ['mysql', 'create table if not exists `Grants` (`userId` INTEGER not null, `roleId` INTEGER not null, constraint `Grants_pkey` primary key (`userId`, `roleId`))'],
    ['mssql', 'create table "Grants" ("userId" INTEGER not null, "roleId" INTEGER not null, constraint "Grants_pkey" primary key ("userId", "roleId"))'],
  ])('%s: a composite primary key', (dialect, sql) => {
    const Grant = compileOnly(dialect).define(
      'Grant',
      { userId: { type: DataTypes.INTEGER, primaryKey: true }, roleId: { type: DataTypes.INTEGER, primaryKey: true } },
      { timestamps: false },
    );
    expect(createTableSql(Grant)).toEqual([{ sql, parameters: [] }]);
  });
});
