/**
 * Static `increment`/`decrement` answer what sequelize@6 answers on each dialect: `[[rows, count]]`,
 * the updated rows by column on PostgreSQL and `undefined` in their place elsewhere.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DataTypes as SequelizeDataTypes, Sequelize as SequelizeLib } from 'sequelize';
import { DataTypes, type Relata } from '../../src/index.js';
import { catalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from '../support/global-setup.js';

// Both libraries' connections, driven through the same untyped calls.
type Db = any;

describeEachDialect('static increment/decrement results, compared with sequelize@6', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  let relata: Relata;
  let sequelize: SequelizeLib;
  let sequelizeSchema = '';

  beforeAll(async () => {
    relata = await connect();
    if (family === 'postgres') {
      sequelizeSchema = `${(new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '')}_sq`;
      await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${sequelizeSchema}"`));
      sequelize = new SequelizeLib(pgUrl(), { logging: false, dialectOptions: { options: `-c search_path=${sequelizeSchema}` }, define: { schema: sequelizeSchema } });
    } else if (family === 'mariadb') {
      sequelizeSchema = `${new URL(url).pathname.slice(1)}_sq`;
      await withMysql((c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${sequelizeSchema}\``));
      const sequelizeUrl = new URL(mysqlUrl());
      sequelizeUrl.pathname = `/${sequelizeSchema}`;
      sequelize = new SequelizeLib(sequelizeUrl.toString(), { dialect: 'mysql', logging: false });
    } else {
      sequelize = new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false });
    }
  });

  afterAll(async () => {
    await sequelize.close();
    if (family === 'postgres') await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${sequelizeSchema}" CASCADE`));
    if (family === 'mariadb') await withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${sequelizeSchema}\``));
  });

  async function scenario(db: Db, T: typeof DataTypes): Promise<unknown[]> {
    const Counter = db.define('Counter', { hits: T.INTEGER, pageName: T.STRING }, { underscored: true, timestamps: false });
    await Counter.sync({ force: true });
    await Counter.bulkCreate([{ hits: 1, pageName: 'a' }, { hits: 5, pageName: 'b' }]);
    return [
      await Counter.increment('hits', { where: {} }),
      await Counter.decrement({ hits: 2 }, { where: { id: 2 } }),
      await Counter.increment(['hits'], { by: 3, where: { id: 99 } }),
    ];
  }

  it('answers [[rows | undefined, count]] as sequelize@6 does', async () => {
    const seq = await scenario(sequelize, SequelizeDataTypes as unknown as typeof DataTypes);
    const rel = await scenario(relata, DataTypes);
    expect(rel).toEqual(seq);
    expect(rel).toEqual(
      family === 'postgres'
        ? [
            [[{ id: 1, hits: 2, page_name: 'a' }, { id: 2, hits: 6, page_name: 'b' }], 2],
            [[{ id: 2, hits: 4, page_name: 'b' }], 1],
            [[], 0],
          ].map((entry) => [entry])
        : [[[undefined, 2]], [[undefined, 1]], [[undefined, 0]]],
    );
  });
});
