/**
 * `order` with literal(), fn() and col(), alone, in a list and with a direction: the ORDER BY each
 * dialect gets. As in Sequelize 6, an expression given without a direction gets none (a literal
 * may carry its own), and one given with a direction gets that one.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, col, fn, literal, type FindOptions, type Model, type ModelStatic } from '../../src/index.js';
import { compileOnly, findAllSql, type CompileDialect } from '../support/compile-sql.js';

function userModel(dialect: CompileDialect): ModelStatic<Model> {
  return compileOnly(dialect).define('User', { name: DataTypes.STRING, age: DataTypes.INTEGER }, { timestamps: false });
}

/** The identifier quote of each dialect. */
const QUOTES: [CompileDialect, string][] = [['sqlite', '"'], ['postgres', '"'], ['mysql', '`'], ['mssql', '"']];

/** Each `order` with the ORDER BY it compiles to; `Q` stands for the dialect's identifier quote. */
const CASES: [string, () => NonNullable<FindOptions['order']>, string][] = [
  ['a literal alone', () => literal('age DESC'), 'age DESC'],
  ['a literal in a list', () => [literal('age DESC'), literal('name')], 'age DESC, name'],
  ['a literal with a direction', () => [[literal('age'), 'DESC']], 'age DESC'],
  ['fn alone', () => fn('lower', col('name')), 'lower(QUserQ.QnameQ)'],
  ['fn in a list', () => [fn('lower', col('name'))], 'lower(QUserQ.QnameQ)'],
  ['fn with a direction', () => [[fn('lower', col('name')), 'DESC']], 'lower(QUserQ.QnameQ) DESC'],
  ['fn with a direction and nulls', () => [[fn('lower', col('name')), 'DESC NULLS LAST']], 'lower(QUserQ.QnameQ) DESC NULLS LAST'],
  ['col alone', () => col('age'), 'QUserQ.QageQ'],
  ['col with a direction, without brackets', () => [col('name'), 'ASC'], 'QUserQ.QnameQ ASC'],
  ['col with a direction', () => [[col('name'), 'desc']], 'QUserQ.QnameQ DESC'],
  ['expressions beside attributes', () => [[col('age')], ['name', 'DESC'], literal('id')], 'QUserQ.QageQ, QUserQ.QnameQ DESC, id'],
];

describe('order by literal(), fn() and col()', () => {
  describe.each(QUOTES)('%s', (dialect, quote) => {
    it.each(CASES)('%s', (_label, order, expected) => {
      const { sql, parameters } = findAllSql(userModel(dialect), { attributes: ['id'], order: order() });
      expect(sql).toBe(`select ${'QUserQ.QidQ as QidQ'.replaceAll('Q', quote)} from ${'QUsersQ as QUserQ'.replaceAll('Q', quote)} order by ${expected.replaceAll('Q', quote)}`);
      expect(parameters).toEqual([]);
    });
  });

  it('reads [col(), direction] as one entry only when the model has no attribute of that name', () => {
    const Sorted = compileOnly('postgres').define('Sorted', { name: DataTypes.STRING, ASC: DataTypes.INTEGER }, { timestamps: false });
    expect(findAllSql(Sorted, { attributes: ['id'], order: [col('name'), 'ASC'] as never }).sql).toBe(
      'select "Sorted"."id" as "id" from "Sorteds" as "Sorted" order by "Sorted"."name", "Sorted"."ASC" ASC',
    );
  });
});
