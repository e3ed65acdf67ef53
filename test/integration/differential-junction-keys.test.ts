/**
 * A junction table whose primary key is its two foreign keys (declared columns with
 * `primaryKey: true`, UUIDs, as sequelize-typescript junction models are written) syncs on every
 * dialect, and its foreign keys get Sequelize's ON DELETE / ON UPDATE rules. A primary key column
 * is never null, so the default rule is not SET NULL: MariaDB refuses SET NULL on a NOT NULL
 * column ("Foreign key constraint is incorrectly formed", errno 150).
 */
import { afterAll, expect, it } from 'vitest';
import * as S from 'sequelize';
import * as R from '../../src/index.js';
import { catalogDialect, columnCatalog, type CatalogQuery } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

interface Associable {
  belongsTo(target: unknown, options: object): unknown;
  hasMany(target: unknown, options: object): unknown;
  belongsToMany(target: unknown, options: object): unknown;
  create(values: object): Promise<{ get(key: string): unknown }>;
  count(options?: object): Promise<number>;
}
type Connection = {
  define(name: string, attributes: object, options: object): unknown;
  sync(options?: object): Promise<unknown>;
  query(sql: string, options: object): Promise<unknown>;
};

/** Each variant defines users, projects and their junction, and associates them in some order. */
const VARIANTS: Record<string, (db: Connection, T: typeof R.DataTypes, p: string) => { user: Associable; project: Associable; member: Associable }> = {
  'belongsTo on the junction first, then belongsToMany both ways': (db, T, p) => {
    const { user, project, member } = models(db, T, p);
    member.belongsTo(user, { as: 'user', foreignKey: 'userId' });
    member.belongsTo(project, { as: 'project', foreignKey: 'projectId' });
    user.belongsToMany(project, { as: 'projects', through: member, foreignKey: 'userId', otherKey: 'projectId' });
    project.belongsToMany(user, { as: 'members', through: member, foreignKey: 'projectId', otherKey: 'userId' });
    return { user, project, member };
  },
  'hasMany and belongsToMany on each side first, belongsTo on the junction last (sequelize-typescript order)': (db, T, p) => {
    const { user, project, member } = models(db, T, p);
    user.hasMany(member, { as: 'memberships', foreignKey: 'userId' });
    user.belongsToMany(project, { as: 'projects', through: member, foreignKey: 'userId', otherKey: 'projectId' });
    project.hasMany(member, { as: 'memberships', foreignKey: 'projectId' });
    project.belongsToMany(user, { as: 'members', through: member, foreignKey: 'projectId', otherKey: 'userId' });
    member.belongsTo(user, { as: 'user', foreignKey: 'userId' });
    member.belongsTo(project, { as: 'project', foreignKey: 'projectId' });
    return { user, project, member };
  },
};

function models(db: Connection, T: typeof R.DataTypes, p: string): { user: Associable; project: Associable; member: Associable } {
  const id = { type: T.UUID, primaryKey: true, defaultValue: T.UUIDV4 };
  return {
    user: db.define('User', { id, name: T.STRING }, { tableName: `${p}_users`, timestamps: false }) as Associable,
    project: db.define('Project', { id, name: T.STRING }, { tableName: `${p}_projects`, timestamps: false }) as Associable,
    member: db.define(
      'Membership',
      { userId: { type: T.UUID, primaryKey: true }, projectId: { type: T.UUID, primaryKey: true }, role: T.STRING },
      { tableName: `${p}_memberships`, timestamps: false },
    ) as Associable,
  };
}

function catalogQuery(db: Connection): CatalogQuery {
  return async (sql, replacements) => (await db.query(sql, { replacements, type: 'SELECT' })) as Record<string, unknown>[];
}

describeEachDialect('a junction keyed by its two foreign keys, against sequelize@6', ({ dialect, connect, url }) => {
  const twins: SequelizeTwin[] = [];
  afterAll(async () => {
    for (const twin of twins) await twin.close();
  });

  Object.entries(VARIANTS).forEach(([name, define], i) => {
    it(name, async () => {
      const prefix = `jk${i}`;
      const relata = await connect();
      const twin = await sequelizeTwin(dialect, url);
      twins.push(twin);
      const ours = define(relata as unknown as Connection, R.DataTypes, prefix);
      const theirs = define(twin.sequelize as unknown as Connection, S.DataTypes as unknown as typeof R.DataTypes, prefix);
      await twin.sequelize.sync({ force: true });
      await relata.sync({ force: true });

      const catalog = columnCatalog(catalogDialect(dialect));
      const ourSchema = dialect === 'postgres' ? new URL(url).searchParams.get('options')!.replace('-c search_path=', '') : new URL(url).pathname.slice(1);
      const theirKeys = await catalog.foreignKeys(catalogQuery(twin.sequelize as unknown as Connection), twin.namespace, `${prefix}_memberships`);
      const ourKeys = await catalog.foreignKeys(catalogQuery(relata as unknown as Connection), ourSchema, `${prefix}_memberships`);
      expect(ourKeys.map((k) => [k.column, k.refTable, k.onDelete, k.onUpdate])).toEqual(theirKeys.map((k) => [k.column, k.refTable, k.onDelete, k.onUpdate]));
      expect(ourKeys.map((k) => k.column)).toEqual(['projectId', 'userId']);
      expect(ourKeys.every((k) => k.onDelete !== 'SET NULL')).toBe(true);

      // The junction takes rows and refuses a second one for the same pair, on both.
      for (const { user, project, member } of [theirs, ours]) {
        const u = await user.create({ name: 'u' });
        const pr = await project.create({ name: 'p' });
        await member.create({ userId: u.get('id'), projectId: pr.get('id'), role: 'owner' });
        const error = await member.create({ userId: u.get('id'), projectId: pr.get('id'), role: 'again' }).catch((e: unknown) => e);
        expect((error as Error).name).toBe('SequelizeUniqueConstraintError');
        expect(await member.count()).toBe(1);
      }
    });
  });
});
