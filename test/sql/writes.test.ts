/**
 * The INSERT, upsert, UPDATE and DELETE each dialect gets: rows read back with RETURNING
 * (postgres, sqlite) or OUTPUT inserted.* (mssql), or not at all (mysql: insertId); upserts as
 * ON CONFLICT (postgres, sqlite), ON DUPLICATE KEY UPDATE (mysql) or MERGE (mssql). Compiled only.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, InvalidOptionError, type Model, type ModelStatic } from '../../src/index.js';
import { compileOnly, deleteSql, insertSql, updateSql, type CompileDialect, type SqlAndParameters } from '../support/compile-sql.js';

function teamModel(dialect: CompileDialect): ModelStatic<Model> {
  return compileOnly(dialect).define('Team', { name: DataTypes.STRING, rank: DataTypes.INTEGER }, { timestamps: false });
}

describe('insert with the row read back', () => {
  it.each<[CompileDialect, SqlAndParameters]>([
    ['sqlite', {
      sql: 'insert into "Teams" ("name", "rank") values (?, ?) returning "id" as "id", "name" as "name", "rank" as "rank"',
      parameters: ['red', 1],
    }],
    ['postgres', {
      sql: 'insert into "Teams" ("name", "rank") values ($1, $2) returning "id" as "id", "name" as "name", "rank" as "rank"',
      parameters: ['red', 1],
    }],
    // No RETURNING: the generated id comes from the driver's insertId.
    ['mysql', { sql: 'insert into `Teams` (`name`, `rank`) values (?, ?)', parameters: ['red', 1] }],
    ['mssql', {
      sql: 'insert into "Teams" ("name", "rank") output "inserted"."id" as "id", "inserted"."name" as "name", "inserted"."rank" as "rank" values (@1, @2)',
      parameters: ['red', 1],
    }],
  ])('%s: one row', (dialect, expected) => {
    expect(insertSql(teamModel(dialect), [{ name: 'red', rank: 1 }])).toEqual(expected);
  });

  it.each<[CompileDialect, SqlAndParameters]>([
    ['sqlite', { sql: 'insert into "Teams" ("name", "rank") values (?, ?), (?, ?) returning "id" as "id", "name" as "name", "rank" as "rank"', parameters: ['red', 1, 'blue', null] }],
    ['postgres', { sql: 'insert into "Teams" ("name", "rank") values ($1, $2), ($3, $4) returning "id" as "id", "name" as "name", "rank" as "rank"', parameters: ['red', 1, 'blue', null] }],
    ['mysql', { sql: 'insert into `Teams` (`name`, `rank`) values (?, ?), (?, ?)', parameters: ['red', 1, 'blue', null] }],
    ['mssql', { sql: 'insert into "Teams" ("name", "rank") output "inserted"."id" as "id", "inserted"."name" as "name", "inserted"."rank" as "rank" values (@1, @2), (@3, @4)', parameters: ['red', 1, 'blue', null] }],
  ])('%s: several rows in one statement (bulkCreate)', (dialect, expected) => {
    expect(insertSql(teamModel(dialect), [{ name: 'red', rank: 1 }, { name: 'blue', rank: null }])).toEqual(expected);
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', 'insert into "Teams" default values returning "id" as "id", "name" as "name", "rank" as "rank"'],
    ['postgres', 'insert into "Teams" default values returning "id" as "id", "name" as "name", "rank" as "rank"'],
    // MySQL has no DEFAULT VALUES (regression: relata used to send it, a syntax error there).
    ['mysql', 'insert into `Teams` () values ()'],
    ['mssql', 'insert into "Teams" output "inserted"."id" as "id", "inserted"."name" as "name", "inserted"."rank" as "rank" default values'],
  ])('%s: a row with no values', (dialect, sql) => {
    expect(insertSql(teamModel(dialect), [{}])).toEqual({ sql, parameters: [] });
  });
});

describe('upsert', () => {
  const rows = [{ id: 1, name: 'red', rank: 2 }];
  const conflict = { kind: 'update', target: ['id'], update: ['name', 'rank'] } as const;

  it.each<[CompileDialect, SqlAndParameters]>([
    ['sqlite', {
      sql: 'insert into "Teams" ("id", "name", "rank") values (?, ?, ?) on conflict ("id") do update set "name" = "excluded"."name", "rank" = "excluded"."rank" returning "id" as "id", "name" as "name", "rank" as "rank"',
      parameters: [1, 'red', 2],
    }],
    ['postgres', {
      sql: 'insert into "Teams" ("id", "name", "rank") values ($1, $2, $3) on conflict ("id") do update set "name" = "excluded"."name", "rank" = "excluded"."rank" returning "id" as "id", "name" as "name", "rank" as "rank"',
      parameters: [1, 'red', 2],
    }],
    ['mysql', {
      sql: 'insert into `Teams` (`id`, `name`, `rank`) values (?, ?, ?) on duplicate key update `name` = VALUES(`name`), `rank` = VALUES(`rank`)',
      parameters: [1, 'red', 2],
    }],
    // T-SQL has no ON CONFLICT; Sequelize's MERGE … WITH (HOLDLOCK) form.
    ['mssql', {
      sql: 'MERGE INTO "Teams" WITH (HOLDLOCK) AS "Teams_target" USING (VALUES (@1, @2, @3)) AS "Teams_source" ("id", "name", "rank") ON "Teams_target"."id" = "Teams_source"."id" WHEN MATCHED THEN UPDATE SET "name" = "Teams_source"."name", "rank" = "Teams_source"."rank" WHEN NOT MATCHED THEN INSERT ("id", "name", "rank") VALUES ("Teams_source"."id", "Teams_source"."name", "Teams_source"."rank") OUTPUT "inserted"."id" AS "id", "inserted"."name" AS "name", "inserted"."rank" AS "rank";',
      parameters: [1, 'red', 2],
    }],
  ])('%s: insert or update on the conflict target', (dialect, expected) => {
    expect(insertSql(teamModel(dialect), rows, conflict)).toEqual(expected);
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', 'insert into "Teams" ("id", "name") values (?, ?) on conflict ("id") do nothing returning "id" as "id", "name" as "name", "rank" as "rank"'],
    ['postgres', 'insert into "Teams" ("id", "name") values ($1, $2) on conflict ("id") do nothing returning "id" as "id", "name" as "name", "rank" as "rank"'],
    // An empty ON DUPLICATE KEY UPDATE is a syntax error (regression); `id = id` changes nothing.
    ['mysql', 'insert into `Teams` (`id`, `name`) values (?, ?) on duplicate key update `id` = `id`'],
    ['mssql', 'MERGE INTO "Teams" WITH (HOLDLOCK) AS "Teams_target" USING (VALUES (@1, @2)) AS "Teams_source" ("id", "name") ON "Teams_target"."id" = "Teams_source"."id" WHEN NOT MATCHED THEN INSERT ("id", "name") VALUES ("Teams_source"."id", "Teams_source"."name") OUTPUT "inserted"."id" AS "id", "inserted"."name" AS "name", "inserted"."rank" AS "rank";'],
  ])('%s: nothing to update keeps the existing row', (dialect, sql) => {
    expect(insertSql(teamModel(dialect), [{ id: 1, name: 'red' }], { kind: 'update', target: ['id'], update: [] })).toEqual({ sql, parameters: [1, 'red'] });
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', 'insert into "Teams" ("id", "name") values (?, ?) on conflict do nothing returning "id" as "id", "name" as "name", "rank" as "rank"'],
    ['postgres', 'insert into "Teams" ("id", "name") values ($1, $2) on conflict do nothing returning "id" as "id", "name" as "name", "rank" as "rank"'],
    ['mysql', 'insert ignore into `Teams` (`id`, `name`) values (?, ?)'],
  ])('%s: ignoreDuplicates', (dialect, sql) => {
    expect(insertSql(teamModel(dialect), [{ id: 1, name: 'red' }], { kind: 'ignore' })).toEqual({ sql, parameters: [1, 'red'] });
  });

  it('mssql: ignoreDuplicates is refused, as Sequelize refuses it', () => {
    expect(() => insertSql(teamModel('mssql'), [{ id: 1, name: 'red' }], { kind: 'ignore' })).toThrow(InvalidOptionError);
    expect(() => insertSql(teamModel('mssql'), [{ id: 1, name: 'red' }], { kind: 'ignore' })).toThrow('ignoreDuplicates is not supported on mssql');
  });
});

describe('update and delete', () => {
  it.each<[CompileDialect, SqlAndParameters, SqlAndParameters]>([
    ['sqlite',
      { sql: 'update "Teams" set "name" = ? where ("rank" > ? AND "name" IS NOT NULL)', parameters: ['red', 3] },
      { sql: 'delete from "Teams" where "id" IN (?, ?)', parameters: [1, 2] }],
    ['postgres',
      { sql: 'update "Teams" set "name" = $1 where ("rank" > $2 AND "name" IS NOT NULL)', parameters: ['red', 3] },
      { sql: 'delete from "Teams" where "id" = ANY($1::int4[])', parameters: [[1, 2]] }],
    ['mysql',
      { sql: 'update `Teams` set `name` = ? where (`rank` > ? AND `name` IS NOT NULL)', parameters: ['red', 3] },
      { sql: 'delete from `Teams` where `id` IN (?, ?)', parameters: [1, 2] }],
    ['mssql',
      { sql: 'update "Teams" set "name" = @1 where ("rank" > @2 AND "name" IS NOT NULL)', parameters: ['red', 3] },
      { sql: 'delete from "Teams" where "id" IN (@1, @2)', parameters: [1, 2] }],
  ])('%s', async (dialect, update, del) => {
    const { Op } = await import('../../src/index.js');
    const Team = teamModel(dialect);
    expect(updateSql(Team, { name: 'red' }, { rank: { [Op.gt]: 3 }, name: { [Op.ne]: null } })).toEqual(update);
    expect(deleteSql(Team, { id: [1, 2] })).toEqual(del);
  });
});
