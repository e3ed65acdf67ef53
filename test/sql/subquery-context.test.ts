/**
 * Subqueries (`IN (SELECT …)`, `EXISTS`) compile through the compile context of the statement that
 * holds them: the same connection and dialect, whatever was compiled before and on which connection.
 * Compiled only.
 */
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/index.js';
import type { Expr } from '../../src/query/expression.js';
import type { SelectPlan } from '../../src/query/select-plan.js';
import { compileExpr } from '../../src/sql/compile-expression.js';
import { compileSelect } from '../../src/sql/select.js';
import { compileDelete, compileUpdate } from '../../src/sql/writes.js';
import { compileOnly } from '../support/compile-sql.js';

const firstMember: SelectPlan = {
  table: 'Members',
  alias: 'Member',
  selections: [{ expr: { kind: 'column', table: 'Member', column: 'teamId' }, as: 'teamId' }],
  where: { kind: 'const', value: true },
  group: [],
  having: undefined,
  order: [{ expr: { kind: 'column', table: 'Member', column: 'id' }, direction: 'ASC', nulls: undefined }],
  limit: 1,
  offset: undefined,
  lock: undefined,
  skipLocked: false,
  distinct: false,
};

const teamOfFirstMember: Expr = {
  kind: 'in',
  negated: false,
  left: { kind: 'column', table: undefined, column: 'id' },
  right: { kind: 'subquery', plan: firstMember },
};

describe('subqueries compile on the connection of the statement holding them', () => {
  it('mssql: a DELETE compiled after a PostgreSQL SELECT pages its subquery with OFFSET … FETCH', () => {
    const postgres = compileOnly('postgres');
    const mssql = compileOnly('mssql');
    expect(compileSelect(postgres, firstMember).sql).toBe('select "Member"."teamId" as "teamId" from "Members" as "Member" order by "Member"."id" ASC limit 1');
    expect(compileDelete(mssql, 'Teams', teamOfFirstMember).sql).toBe(
      'delete from "Teams" where "id" IN ((select "Member"."teamId" as "teamId" from "Members" as "Member" order by "Member"."id" ASC offset @1 rows fetch next @2 rows only))',
    );
  });

  it('sqlite: an UPDATE with an EXISTS subquery compiles with no SELECT compiled before', () => {
    const sqlite = compileOnly('sqlite');
    const compiled = compileUpdate(sqlite, 'Teams', { rank: 1 }, { kind: 'exists', negated: false, plan: firstMember }, []);
    expect({ sql: compiled.sql, parameters: [...compiled.parameters] }).toEqual({
      sql: 'update "Teams" set "rank" = ? where EXISTS (select "Member"."teamId" as "teamId" from "Members" as "Member" order by "Member"."id" ASC limit 1)',
      parameters: [1],
    });
  });

  it('an expression compiled with only the dialect capabilities refuses a subquery', () => {
    const sqlite = compileOnly('sqlite');
    expect(() => compileExpr(teamOfFirstMember, sqlite.adapter.capabilities)).toThrow(InvalidOptionError);
  });
});
