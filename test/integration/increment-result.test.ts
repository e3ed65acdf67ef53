/**
 * Static `increment`/`decrement` answer what sequelize@6 answers on each dialect: `[[rows, count]]`,
 * the updated rows by column on PostgreSQL and `undefined` in their place elsewhere.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sequelize as SequelizeLib } from 'sequelize';
import { DataTypes as SequelizeDataTypes } from 'sequelize';
import { DataTypes, type Relata } from '../../src/index.js';
import { catalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

// Both libraries' connections, driven through the same untyped calls.
type Db = any;

describeEachDialect('static increment/decrement results, compared with sequelize@6', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  let relata: Relata;
  let sequelize: SequelizeLib;
  let twin: SequelizeTwin;

  beforeAll(async () => {
    relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    sequelize = twin.sequelize;
  });

  afterAll(() => twin.close());

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
