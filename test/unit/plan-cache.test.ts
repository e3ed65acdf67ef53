import { describe, expect, it } from 'vitest';
import { DataTypes, Op, Relata } from '../../src/index.js';
import { normalizeIncludes, type IncludableModel } from '../../src/query/include/normalize.js';
import { requiredFilter } from '../../src/query/include/required-filter.js';
import { and } from '../../src/query/expression.js';
import { planFind } from '../../src/query/plan-find.js';
import type { FindOptions } from '../../src/query/query-options.js';
import type { SelectPlan } from '../../src/query/select-plan.js';
import { buildSelect, compileSelect } from '../../src/sql/select.js';
import { ColumnExpr, compileInsert } from '../../src/sql/writes.js';
import { sql } from 'kysely';

// No connection is opened: compiling is pure.
const relata = new Relata('postgres://nobody@127.0.0.1:1/none');
const User = relata.define('CacheUser', { name: DataTypes.STRING, age: DataTypes.INTEGER });
const Post = relata.define('CachePost', { title: DataTypes.STRING });
User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });

function plan(options: FindOptions, required = false): SelectPlan {
  const p = planFind(User.definition, options).select;
  if (!required) return p;
  const includes = normalizeIncludes(User as unknown as IncludableModel, [{ model: Post, as: 'posts', where: { title: options.where ? 'x' : 'y' } }]);
  return { ...p, where: and([p.where, requiredFilter(User.definition, 'CacheUser', includes)]) };
}

const direct = (p: SelectPlan) => {
  const compiled = buildSelect(relata, p).compile();
  return { sql: compiled.sql, parameters: compiled.parameters };
};
const cached = (p: SelectPlan) => {
  const compiled = compileSelect(relata, p);
  return { sql: compiled.sql, parameters: compiled.parameters };
};

describe('PlanCache: repeated query shapes reuse their SQL', () => {
  it('gives exactly what Kysely compiles, for the first and every later plan of a shape', () => {
    const shapes: FindOptions[][] = [
      [{ where: { name: 'a', age: { [Op.gte]: 1 } }, order: [['name', 'DESC']], limit: 3 }, { where: { name: 'b', age: { [Op.gte]: 99 } }, order: [['name', 'DESC']], limit: 3 }],
      [{ where: { age: { [Op.between]: [1, 5] }, [Op.or]: [{ name: 'x' }, { name: { [Op.like]: 'y%' } }] } }, { where: { age: { [Op.between]: [7, 9] }, [Op.or]: [{ name: 'p' }, { name: { [Op.like]: 'q%' } }] } }],
      [{ where: { id: [1, 2, 3] } }, { where: { id: [4, 5, 6] } }],
    ];
    for (const [first, second] of shapes) {
      expect(cached(plan(first as FindOptions))).toEqual(direct(plan(first as FindOptions)));
      expect(cached(plan(second as FindOptions))).toEqual(direct(plan(second as FindOptions)));
    }
  });

  it('keeps values in the order Kysely binds them, through EXISTS subqueries', () => {
    const a = plan({ where: { name: 'n1' } }, true);
    const b = plan({ where: { name: 'n2' } }, true);
    expect(cached(a)).toEqual(direct(a));
    const second = cached(b);
    expect(second).toEqual(direct(b));
    expect(second.parameters).toEqual(['n2', 'x']);
  });

  it('tells shapes apart by limit; on PostgreSQL an IN list of any length is one array parameter of one SQL', () => {
    const three = cached(plan({ where: { id: [1, 2, 3] }, limit: 5 }));
    const two = cached(plan({ where: { id: [1, 2] }, limit: 5 }));
    const otherLimit = cached(plan({ where: { id: [1, 2] }, limit: 6 }));
    expect(three.sql).toBe('select "CacheUser"."id" as "id", "CacheUser"."name" as "name", "CacheUser"."age" as "age", "CacheUser"."createdAt" as "createdAt", "CacheUser"."updatedAt" as "updatedAt" from "CacheUsers" as "CacheUser" where "CacheUser"."id" = ANY($1::int4[]) limit 5');
    expect(three.parameters).toEqual([[1, 2, 3]]);
    expect(two.sql).toBe(three.sql);
    expect(two.parameters).toEqual([[1, 2]]);
    expect(two).toEqual(direct(plan({ where: { id: [1, 2] }, limit: 5 })));
    expect(otherLimit.sql).toMatch(/= ANY\(\$1::int4\[\]\) limit 6$/);
    // NOT IN is `<> ALL`; a list of strings binds as text[]; an empty list stays a constant.
    expect(cached(plan({ where: { id: { [Op.notIn]: [4, 5] } } })).sql).toContain('where "CacheUser"."id" <> ALL($1::int4[])');
    expect(cached(plan({ where: { name: ['a', 'b'] } })).sql).toContain('where "CacheUser"."name" = ANY($1::text[])');
    expect(cached(plan({ where: { id: [] } })).sql).toContain('where 1 = 0');
  });

  it('does not cache a shape whose parameters are not all plan values (per-parent limits), and stays correct', () => {
    const p = (offset: number): SelectPlan => ({ ...plan({ order: [['id', 'ASC']] }), partition: { by: [{ kind: 'column', table: 'CacheUser', column: 'age' }], limit: 2, offset } });
    expect(cached(p(1))).toEqual(direct(p(1)));
    expect(cached(p(4))).toEqual(direct(p(4)));
    expect(cached(p(4)).parameters).toEqual([4, 6]);
  });
});

describe('compileInsert: INSERT text cached per shape', () => {
  const rowsOf = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => ({ name: `n${i + offset}`, age: i + offset, createdAt: new Date(0) }));

  it('gives exactly what Kysely compiles, values laid out per call', () => {
    const fresh = new Relata('postgres://nobody@127.0.0.1:1/none');
    for (const rows of [rowsOf(3), rowsOf(3, 10), rowsOf(1)]) {
      const viaCache = compileInsert(fresh, 'CacheUsers', rows, ['id']);
      const direct = fresh.kysely.insertInto('CacheUsers' as never).values(rows as never).returning(sql.id('id').as('id') as never).compile();
      expect([viaCache.sql, viaCache.parameters]).toEqual([direct.sql, direct.parameters]);
    }
    expect(fresh.planCache.statementStats.entries).toBe(2);
  });

  it('rows with other columns, expressions or undefined are compiled directly, not cached', () => {
    const fresh = new Relata('postgres://nobody@127.0.0.1:1/none');
    compileInsert(fresh, 'CacheUsers', [{ name: 'a', age: 1 }, { name: 'b', size: 2 }], []);
    compileInsert(fresh, 'CacheUsers', [{ name: 'a', age: undefined }], []);
    const expr = compileInsert(fresh, 'CacheUsers', [{ name: 'a', age: new ColumnExpr({ kind: 'literal', sql: '1 + 1' }) }], []);
    expect(expr.sql).toBe('insert into "CacheUsers" ("name", "age") values ($1, 1 + 1)');
    expect(fresh.planCache.statementStats.entries).toBe(0);
  });

  it('keeps the cached text under its bound however many row counts are inserted', () => {
    const fresh = new Relata('postgres://nobody@127.0.0.1:1/none');
    for (let n = 1; n <= 400; n += 7) compileInsert(fresh, 'CacheUsers', rowsOf(n), ['id']);
    expect(fresh.planCache.statementStats.entries).toBe(58);
    // Ten inserts of 20,000+ rows: about 0.5 MB of text each, more than the bound together.
    for (let n = 20_000; n < 30_000; n += 1000) compileInsert(fresh, 'CacheUsers', rowsOf(n), ['id']);
    const { entries, chars } = fresh.planCache.statementStats;
    expect(chars).toBeLessThanOrEqual(4_000_000);
    expect(chars).toBeGreaterThan(2_000_000);
    expect(entries).toBeLessThan(10);
  });
});
