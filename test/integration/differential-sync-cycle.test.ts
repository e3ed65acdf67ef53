/**
 * `sync()` with a belongsTo cycle broken by `constraints: false`: the table whose key has a
 * constraint is created after the table it references, on sequelize@6 and on relata alike, and
 * `sync({ force: true })` drops and recreates both again.
 */
import { afterAll, expect, it } from 'vitest';
import * as S from 'sequelize';
import * as R from '../../src/index.js';
import { constraints } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

interface Associable {
  belongsTo(target: unknown, options: object): unknown;
  hasMany(target: unknown, options: object): unknown;
  hasOne(target: unknown, options: object): unknown;
  create(values: object): Promise<{ get(key: string): unknown; update(values: object): Promise<unknown> }>;
  findAll(options: object): Promise<{ get(options: { plain: true }): Record<string, unknown> }[]>;
}
type Connection = { define(name: string, attributes: object, options: object): unknown; sync(options?: object): Promise<unknown> };

/** Each variant defines the two models and their associations, in some order. */
const VARIANTS: Record<string, (db: Connection, T: typeof R.DataTypes, prefix: string) => { alpha: Associable; beta: Associable }> = {
  'A.belongsTo(B), then B.belongsTo(A, { constraints: false })': (db, T, p) => {
    const alpha = db.define('Alpha', { name: T.STRING }, { tableName: `${p}_alphas` }) as Associable;
    const beta = db.define('Beta', { name: T.STRING }, { tableName: `${p}_betas` }) as Associable;
    alpha.belongsTo(beta, { as: 'beta', foreignKey: 'betaId' });
    beta.belongsTo(alpha, { as: 'alpha', foreignKey: 'alphaId', constraints: false });
    return { alpha, beta };
  },
  'the unconstrained side defined and associated first': (db, T, p) => {
    const beta = db.define('Beta', { name: T.STRING }, { tableName: `${p}_betas` }) as Associable;
    const alpha = db.define('Alpha', { name: T.STRING }, { tableName: `${p}_alphas` }) as Associable;
    beta.belongsTo(alpha, { as: 'alpha', foreignKey: 'alphaId', constraints: false });
    alpha.belongsTo(beta, { as: 'beta', foreignKey: 'betaId' });
    return { alpha, beta };
  },
  'with the reverse hasMany and an unconstrained hasOne': (db, T, p) => {
    const beta = db.define('Beta', { name: T.STRING }, { tableName: `${p}_betas` }) as Associable;
    const alpha = db.define('Alpha', { name: T.STRING }, { tableName: `${p}_alphas` }) as Associable;
    alpha.belongsTo(beta, { as: 'beta', foreignKey: 'betaId' });
    beta.hasMany(alpha, { as: 'alphas', foreignKey: 'betaId' });
    beta.belongsTo(alpha, { as: 'alpha', foreignKey: 'alphaId', constraints: false });
    alpha.hasOne(beta, { as: 'owned', foreignKey: 'alphaId', constraints: false });
    return { alpha, beta };
  },
};

/** The tables in the order the logged statements create them. */
function createdTables(statements: readonly string[], prefix: string): string[] {
  return statements.flatMap((s) => {
    const m = new RegExp(`create table (?:if not exists )?["\`]?(?:[\\w]+["\`]?\\.["\`]?)?(${prefix}_\\w+)`, 'i').exec(s);
    return m ? [m[1] as string] : [];
  });
}

describeEachDialect('sync orders a belongsTo cycle broken by constraints: false, against sequelize@6', ({ dialect, connect, url }) => {
  const twins: SequelizeTwin[] = [];
  afterAll(async () => {
    for (const twin of twins) await twin.close();
  });

  Object.entries(VARIANTS).forEach(([name, define], i) => {
    it(name, async () => {
      const prefix = `cy${i}`;
      const relataSql: string[] = [];
      const sequelizeSql: string[] = [];
      const relata = await connect({ logging: (sql: string) => relataSql.push(sql) });
      const twin = await sequelizeTwin(dialect, url, { logging: (sql: string) => sequelizeSql.push(sql) });
      twins.push(twin);
      const ours = define(relata as unknown as Connection, R.DataTypes, prefix);
      const theirs = define(twin.sequelize as unknown as Connection, S.DataTypes as unknown as typeof R.DataTypes, prefix);

      for (const force of [false, true]) {
        relataSql.length = 0;
        sequelizeSql.length = 0;
        await twin.sequelize.sync({ force });
        await relata.sync({ force });
        // Referenced first: the betas table (no constraint on alphaId), then alphas (betaId references betas).
        expect(createdTables(sequelizeSql, prefix)).toEqual([`${prefix}_betas`, `${prefix}_alphas`]);
        expect(createdTables(relataSql, prefix)).toEqual(createdTables(sequelizeSql, prefix));
      }
      expect((await constraints(dialect).foreignKeys(relata, `${prefix}_alphas`)).map((k) => [k.column, k.refTable])).toEqual([['betaId', `${prefix}_betas`]]);
      expect(await constraints(dialect).foreignKeys(relata, `${prefix}_betas`)).toEqual([]);

      // Both links hold, the cycle closed by the unconstrained key.
      const results = [];
      for (const { alpha, beta } of [theirs, ours]) {
        const b = await beta.create({ name: 'b' });
        const a = await alpha.create({ name: 'a', betaId: b.get('id') });
        await b.update({ alphaId: a.get('id') });
        const rows = await beta.findAll({ include: [{ association: 'alpha', include: [{ association: 'beta', attributes: ['id', 'name'] }], attributes: ['id', 'name', 'betaId'] }], attributes: ['id', 'name', 'alphaId'] });
        results.push(rows.map((r) => r.get({ plain: true })));
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[1]).toEqual([{ id: 1, name: 'b', alphaId: 1, alpha: { id: 1, name: 'a', betaId: 1, beta: { id: 1, name: 'b' } } }]);
    });
  });
});
