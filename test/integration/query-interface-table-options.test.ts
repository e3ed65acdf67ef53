/**
 * `queryInterface.createTable(table, attributes, { engine, charset, collate })`: MySQL/MariaDB
 * create the table with that engine and default collation; the other databases leave the options
 * out, as Sequelize does. A value that is not a plain name is refused on every database.
 */
import { beforeAll, expect, it } from 'vitest';
import { DataTypes, InvalidOptionError, QueryTypes, type Relata } from '../../src/index.js';
import { catalogDialect, type CatalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';

/** What the catalog reports for the table, where the database keeps it. */
const STORAGE: Record<CatalogDialect, { ENGINE: string; TABLE_COLLATION: string } | null> = {
  sqlite: null,
  postgres: null,
  mariadb: { ENGINE: 'MyISAM', TABLE_COLLATION: 'latin1_general_ci' },
};

describeEachDialect('queryInterface.createTable storage options', ({ dialect, connect }) => {
  let relata: Relata;
  const expected = STORAGE[catalogDialect(dialect)];

  beforeAll(async () => {
    relata = await connect();
  });

  it('creates the table with its engine, charset and collation where the database has them', async () => {
    const qi = relata.getQueryInterface();
    await qi.createTable('to_people', { id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING }, { engine: 'MYISAM', charset: 'latin1', collate: 'latin1_general_ci' });
    expect(await qi.tableExists('to_people')).toBe(true);
    if (expected !== null) {
      const row = await relata.query<{ ENGINE: string; TABLE_COLLATION: string }>(
        'SELECT ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
        { replacements: ['to_people'], type: QueryTypes.SELECT, plain: true },
      );
      expect(row).toEqual(expected);
    }
  });

  it('refuses an engine that is not a plain name, before any SQL, on every database', async () => {
    const qi = relata.getQueryInterface();
    const attempt = qi.createTable('to_other', { id: { type: DataTypes.INTEGER, primaryKey: true } }, { engine: 'InnoDB; DROP TABLE to_people' });
    await expect(attempt).rejects.toThrow('createTable(to_other): engine must be a name of letters, digits and underscores');
    await expect(qi.createTable('to_other', {}, { collate: "x' --" })).rejects.toBeInstanceOf(InvalidOptionError);
    expect(await qi.tableExists('to_other')).toBe(false);
    expect(await qi.tableExists('to_people')).toBe(true);
  });
});
