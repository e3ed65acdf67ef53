/**
 * The SELECT each dialect gets for findAll: where, order, limit/offset (OFFSET … FETCH on mssql),
 * and iLike (ILIKE on postgres, LOWER() LIKE LOWER() elsewhere). Compiled only, no database.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, InvalidOptionError, Op, UnknownAttributeError, col, fn, type Model, type ModelStatic } from '../../src/index.js';
import { compileOnly, findAllSql, type CompileDialect, type SqlAndParameters } from '../support/compile-sql.js';

function userModel(dialect: CompileDialect): ModelStatic<Model> {
  return compileOnly(dialect).define('User', { name: DataTypes.STRING, age: DataTypes.INTEGER, active: DataTypes.BOOLEAN });
}

const COLUMNS_DQ = '"User"."id" as "id", "User"."name" as "name", "User"."age" as "age", "User"."active" as "active", "User"."createdAt" as "createdAt", "User"."updatedAt" as "updatedAt"';
const COLUMNS_BT = '`User`.`id` as `id`, `User`.`name` as `name`, `User`.`age` as `age`, `User`.`active` as `active`, `User`.`createdAt` as `createdAt`, `User`.`updatedAt` as `updatedAt`';

describe('findAll with where, order, limit and offset', () => {
  const options = { where: { name: 'ada', age: { [Op.gte]: 18 } }, order: [['name', 'DESC'], ['id', 'ASC']] as const, limit: 10, offset: 20 };

  it.each<[CompileDialect, SqlAndParameters]>([
    ['sqlite', {
      sql: `select ${COLUMNS_DQ} from "Users" as "User" where ("User"."name" = ? AND "User"."age" >= ?) order by "User"."name" DESC, "User"."id" ASC limit 10 offset 20`,
      parameters: ['ada', 18],
    }],
    ['postgres', {
      sql: `select ${COLUMNS_DQ} from "Users" as "User" where ("User"."name" = $1 AND "User"."age" >= $2) order by "User"."name" DESC, "User"."id" ASC limit 10 offset 20`,
      parameters: ['ada', 18],
    }],
    ['mysql', {
      sql: `select ${COLUMNS_BT} from \`Users\` as \`User\` where (\`User\`.\`name\` = ? AND \`User\`.\`age\` >= ?) order by \`User\`.\`name\` DESC, \`User\`.\`id\` ASC limit 10 offset 20`,
      parameters: ['ada', 18],
    }],
    // T-SQL has no LIMIT: OFFSET … ROWS FETCH NEXT … ROWS ONLY, offset first.
    ['mssql', {
      sql: `select ${COLUMNS_DQ} from "Users" as "User" where ("User"."name" = @1 AND "User"."age" >= @2) order by "User"."name" DESC, "User"."id" ASC offset @3 rows fetch next @4 rows only`,
      parameters: ['ada', 18, 20, 10],
    }],
  ])('%s', (dialect, expected) => {
    expect(findAllSql(userModel(dialect), options)).toEqual(expected);
  });
});

describe('limit alone and offset alone', () => {
  it.each<[CompileDialect, SqlAndParameters, SqlAndParameters]>([
    ['sqlite',
      { sql: 'select "User"."id" as "id" from "Users" as "User" limit 5', parameters: [] },
      // SQLite and MySQL need a LIMIT before OFFSET: the largest 64-bit integer stands for "no limit".
      { sql: 'select "User"."id" as "id" from "Users" as "User" limit 9223372036854775807 offset 5', parameters: [] }],
    ['postgres',
      { sql: 'select "User"."id" as "id" from "Users" as "User" limit 5', parameters: [] },
      { sql: 'select "User"."id" as "id" from "Users" as "User" limit 9223372036854775807 offset 5', parameters: [] }],
    ['mysql',
      { sql: 'select `User`.`id` as `id` from `Users` as `User` limit 5', parameters: [] },
      { sql: 'select `User`.`id` as `id` from `Users` as `User` limit 9223372036854775807 offset 5', parameters: [] }],
    // OFFSET … FETCH needs an ORDER BY; without one, ORDER BY (SELECT NULL) keeps the server's order.
    ['mssql',
      { sql: 'select "User"."id" as "id" from "Users" as "User" order by (SELECT NULL) offset @1 rows fetch next @2 rows only', parameters: [0, 5] },
      { sql: 'select "User"."id" as "id" from "Users" as "User" order by (SELECT NULL) offset @1 rows', parameters: [5] }],
  ])('%s', (dialect, limitOnly, offsetOnly) => {
    const User = userModel(dialect);
    expect(findAllSql(User, { attributes: ['id'], limit: 5 })).toEqual(limitOnly);
    expect(findAllSql(User, { attributes: ['id'], offset: 5 })).toEqual(offsetOnly);
  });

  it.each(['sqlite', 'postgres', 'mysql', 'mssql'] as const)('%s: accepts integer strings as integers', (dialect) => {
    expect(findAllSql(userModel(dialect), { attributes: ['id'], limit: '3' as never }).parameters).toEqual(dialect === 'mssql' ? [0, 3] : []);
  });

  it.each([-1, 1.5, '1; DROP TABLE "Users"', '', Number.NaN])('rejects limit %j before any SQL', (limit) => {
    expect(() => findAllSql(userModel('postgres'), { limit: limit as never })).toThrow(InvalidOptionError);
  });
});

describe('iLike and notILike', () => {
  const where = { name: { [Op.iLike]: '%ad%' }, [Op.or]: [{ name: { [Op.notILike]: 'b%' } }, { active: true }] };

  it.each<[CompileDialect, SqlAndParameters]>([
    ['sqlite', {
      sql: 'select "User"."id" as "id" from "Users" as "User" where (LOWER("User"."name") LIKE LOWER(?) AND (LOWER("User"."name") NOT LIKE LOWER(?) OR "User"."active" = ?))',
      parameters: ['%ad%', 'b%', true],
    }],
    ['postgres', {
      sql: 'select "User"."id" as "id" from "Users" as "User" where ("User"."name" ILIKE $1 AND ("User"."name" NOT ILIKE $2 OR "User"."active" = $3))',
      parameters: ['%ad%', 'b%', true],
    }],
    ['mysql', {
      sql: 'select `User`.`id` as `id` from `Users` as `User` where (LOWER(`User`.`name`) LIKE LOWER(?) AND (LOWER(`User`.`name`) NOT LIKE LOWER(?) OR `User`.`active` = ?))',
      parameters: ['%ad%', 'b%', true],
    }],
    ['mssql', {
      sql: 'select "User"."id" as "id" from "Users" as "User" where (LOWER("User"."name") LIKE LOWER(@1) AND (LOWER("User"."name") NOT LIKE LOWER(@2) OR "User"."active" = @3))',
      parameters: ['%ad%', 'b%', true],
    }],
  ])('%s', (dialect, expected) => {
    expect(findAllSql(userModel(dialect), { attributes: ['id'], where })).toEqual(expected);
  });
});

describe('values and names', () => {
  it.each(['sqlite', 'postgres', 'mysql', 'mssql'] as const)('%s: an injection string in where stays one bound parameter', (dialect) => {
    const payload = `x'); DROP TABLE "Users"; --`;
    const compiled = findAllSql(userModel(dialect), { attributes: ['id'], where: { name: payload } });
    expect(compiled.parameters).toEqual([payload]);
    expect(compiled.sql).not.toContain('DROP');
  });

  it('rejects an unknown attribute in where, order, attributes and group before any SQL', () => {
    const User = userModel('postgres');
    for (const options of [{ where: { nmae: 'x' } }, { order: [['nmae', 'ASC']] }, { attributes: ['nmae'] }, { group: ['nmae'] }]) {
      expect(() => findAllSql(User, options as never)).toThrow(UnknownAttributeError);
    }
    expect(() => findAllSql(User, { where: { nmae: 'x' } } as never)).toThrow('User has no attribute "nmae" (in where). Valid attributes: id, name, age, active, createdAt, updatedAt');
  });

  it('treats a "$gt" string key as an (unknown) attribute name, never as an operator', () => {
    expect(() => findAllSql(userModel('postgres'), { where: { age: { $gt: 1 } } } as never)).toThrow(InvalidOptionError);
    expect(() => findAllSql(userModel('postgres'), { where: { $gt: 1 } } as never)).toThrow(UnknownAttributeError);
  });
});

describe('regression: an order name that is also a selection alias orders by the attribute', () => {
  it('sorts by the name column, not by the column aliased as name', () => {
    const { sql } = findAllSql(userModel('postgres'), { attributes: [['age', 'name']], order: ['name'] });
    expect(sql).toBe('select "User"."age" as "name" from "Users" as "User" order by "User"."name" ASC');
  });

  it('still orders by an aggregate alias that is not an attribute', () => {
    const { sql } = findAllSql(userModel('postgres'), { attributes: ['age', [fn('COUNT', col('id')), 'n']], group: ['age'], order: [['n', 'DESC']] });
    expect(sql).toBe('select "User"."age" as "age", COUNT("User"."id") as "n" from "Users" as "User" group by "User"."age" order by "n" DESC');
  });
});
