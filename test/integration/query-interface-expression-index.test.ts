/**
 * `queryInterface.addIndex` with `fn()` and `literal()` fields (an expression index), as Sequelize
 * writes them: the database evaluates the expression, so a unique index on `lower(name)` refuses a
 * second spelling of the same name. MariaDB has no expression indexes and answers with its own error.
 * And `using` (the index method) on addIndex and on a model's indexes, left out on SQLite as Sequelize does.
 */
import { beforeAll, expect, it } from 'vitest';
import { DatabaseError, DataTypes, InvalidOptionError, UniqueConstraintError, col, fn, literal, type Relata } from '../../src/index.js';
import { catalogDialect, type CatalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';

/** Whether the database builds an index on an expression. */
const EXPRESSION_INDEXES: Record<CatalogDialect, boolean> = { sqlite: true, postgres: true, mariadb: false };

describeEachDialect('queryInterface.addIndex with fn() and literal() fields', ({ dialect, connect }) => {
  let relata: Relata;
  const supported = EXPRESSION_INDEXES[catalogDialect(dialect)];

  beforeAll(async () => {
    relata = await connect();
    await relata.getQueryInterface().createTable('xi_people', { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING(50) });
  });

  it('a unique index on fn(lower, col(name)) refuses a second spelling; a literal() field is an index too', async () => {
    const qi = relata.getQueryInterface();
    // Both at once, settled together: the second may fail while the first is still awaited, and
    // must not be left a moment without a handler (an unhandled rejection fails the run).
    const [byFn, byLiteral] = await Promise.allSettled([
      qi.addIndex('xi_people', { name: 'xi_people_lower_name', unique: true, fields: [fn('lower', col('name'))] }),
      qi.addIndex('xi_people', { name: 'xi_people_upper_name', fields: [literal('upper(name)')] }),
    ]);
    if (!supported) {
      expect(byFn.status === 'rejected' && byFn.reason).toBeInstanceOf(DatabaseError);
      expect(byLiteral.status === 'rejected' && byLiteral.reason).toBeInstanceOf(DatabaseError);
      return;
    }
    for (const result of [byFn, byLiteral]) if (result.status === 'rejected') throw result.reason;
    const names = (await qi.showIndex('xi_people')).filter((i) => !i.primary).map((i) => i.name);
    expect(names.sort()).toEqual(['xi_people_lower_name', 'xi_people_upper_name']);
    await qi.bulkInsert('xi_people', [{ id: 1, name: 'ada' }]);
    await expect(qi.bulkInsert('xi_people', [{ id: 2, name: 'ADA' }])).rejects.toThrow(UniqueConstraintError);
  });

  it('using names the index method, on addIndex and on a model index; SQLite, which has none to choose, leaves it out', async () => {
    const qi = relata.getQueryInterface();
    await qi.addIndex('xi_people', { name: 'xi_people_name_btree', fields: ['name'], using: 'BTREE' });
    const Tagged = relata.define('XiTagged', { label: DataTypes.STRING(40) }, { timestamps: false, indexes: [{ name: 'xi_tagged_label', fields: ['label'], using: 'BTREE' }] });
    await Tagged.sync({ force: true });
    expect((await qi.showIndex('xi_people')).map((i) => i.name)).toContain('xi_people_name_btree');
    expect((await qi.showIndex(Tagged.getTableName())).filter((i) => !i.primary).map((i) => [i.name, i.columns])).toEqual([['xi_tagged_label', ['label']]]);
  });

  it('an expression field needs a name, and its columns must exist', async () => {
    const qi = relata.getQueryInterface();
    await expect(qi.addIndex('xi_people', { fields: [fn('lower', col('name'))] })).rejects.toThrow(
      'addIndex(xi_people): name must be an index name (an fn() or literal() field gives none to derive it from), got undefined',
    );
    await expect(qi.addIndex('xi_people', { fields: [fn('lower', col('name'))] })).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(qi.addIndex('xi_people', { name: 'xi_bad', fields: [fn('lower', col('nope'))] })).rejects.toThrow(/nope/);
  });

  it('concurrently is accepted (the index is built the same); an operator class or a field collate is refused before any SQL', async () => {
    const qi = relata.getQueryInterface();
    await qi.addIndex('xi_people', { name: 'xi_people_name_conc', fields: ['name'], concurrently: true });
    await expect(qi.addIndex('xi_people', { name: 'xi_people_name_op', fields: ['name'], operator: 'text_pattern_ops' })).rejects.toThrow(
      'addIndex(xi_people): the option "operator" is not supported (got "text_pattern_ops"): index operator classes are not emitted; create the index with relata.query()',
    );
    await expect(qi.addIndex('xi_people', { name: 'xi_people_name_coll', fields: [{ name: 'name', collate: 'C' }] })).rejects.toBeInstanceOf(InvalidOptionError);
    const Hinted = relata.define('XiHinted', { label: DataTypes.STRING(40) }, { timestamps: false, indexes: [{ fields: ['label'], operator: 'text_pattern_ops' }] });
    await expect(Hinted.sync({ force: true })).rejects.toThrow('XiHinted index: the option "operator" is not supported');
    const names = (await qi.showIndex('xi_people')).map((i) => i.name);
    expect(names).toContain('xi_people_name_conc');
    expect(names.filter((n) => n === 'xi_people_name_op' || n === 'xi_people_name_coll')).toEqual([]);
  });
});
