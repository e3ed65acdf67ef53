/**
 * `queryInterface.dropTrigger(table, name)` on every database: a trigger that bumps a counter on
 * insert runs, then, once dropped, no longer does. (Sequelize implements it on PostgreSQL only.)
 */
import { beforeAll, expect, it } from 'vitest';
import { DatabaseError, DataTypes, QueryTypes, type Relata } from '../../src/index.js';
import { catalogDialect, type CatalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';

/** The statements that create the trigger `tr_bump` on `tr_rows`, by database. */
const CREATE_TRIGGER: Record<CatalogDialect, readonly string[]> = {
  sqlite: ['CREATE TRIGGER "tr_bump" AFTER INSERT ON "tr_rows" BEGIN UPDATE "tr_rows" SET "n" = "n" + 1 WHERE "id" = NEW."id"; END'],
  postgres: [
    'CREATE FUNCTION tr_bump_fn() RETURNS trigger AS $body$ BEGIN NEW.n = NEW.n + 1; RETURN NEW; END $body$ LANGUAGE plpgsql',
    'CREATE TRIGGER "tr_bump" BEFORE INSERT ON "tr_rows" FOR EACH ROW EXECUTE FUNCTION tr_bump_fn()',
  ],
  mariadb: ['CREATE TRIGGER `tr_bump` BEFORE INSERT ON `tr_rows` FOR EACH ROW SET NEW.n = NEW.n + 1'],
};

describeEachDialect('queryInterface.dropTrigger', ({ dialect, connect }) => {
  let relata: Relata;

  beforeAll(async () => {
    relata = await connect();
  });

  it('drops the trigger: inserts are no longer changed by it', async () => {
    const qi = relata.getQueryInterface();
    await qi.createTable('tr_rows', { id: { type: DataTypes.INTEGER, primaryKey: true }, n: DataTypes.INTEGER });
    for (const statement of CREATE_TRIGGER[catalogDialect(dialect)]) await relata.query(statement);
    await qi.bulkInsert('tr_rows', [{ id: 1, n: 0 }]);
    await qi.dropTrigger({ tableName: 'tr_rows' }, 'tr_bump');
    await qi.bulkInsert('tr_rows', [{ id: 2, n: 0 }]);
    const rows = await relata.query('SELECT id, n FROM tr_rows ORDER BY id', { type: QueryTypes.SELECT });
    expect(rows).toEqual([
      { id: 1, n: 1 },
      { id: 2, n: 0 },
    ]);
    // Dropped for good: a second drop is the database's error.
    await expect(qi.dropTrigger('tr_rows', 'tr_bump')).rejects.toBeInstanceOf(DatabaseError);
  });
});
