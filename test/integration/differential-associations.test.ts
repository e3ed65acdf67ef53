/**
 * Differential tests of association and include semantics: each scenario defines the same models
 * on relata and on sequelize@6 (each in its own namespace of the same server), makes the same
 * calls, and compares what comes back — rows, keys, junction columns, error names and messages.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DataTypes as SequelizeDataTypes, Sequelize as SequelizeLib } from 'sequelize';
import { DataTypes, type Relata } from '../../src/index.js';
import { catalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from '../support/global-setup.js';

/** The surface both libraries share, loosely typed: the scenarios are plain Sequelize user code. */
type Loose = any;
interface Lib {
  readonly name: 'relata' | 'sequelize';
  readonly db: Loose;
  readonly T: Loose;
  readonly fn: Loose;
  readonly col: Loose;
  readonly where: Loose;
}
type Scenario<R> = (lib: Lib) => Promise<R>;

/** Plain JSON of whatever a scenario returns (instances through toJSON, dates as ISO text). */
function plain(value: unknown): unknown {
  // Timestamps differ by the milliseconds between the two runs: compare that they are dates.
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v) ? '<date>' : v)) as unknown;
}

/** The error's name and message, or the value: errors are compared like results. */
async function outcome<R>(run: () => Promise<R>): Promise<unknown> {
  try {
    return { ok: plain(await run()) };
  } catch (error) {
    const e = error as Error;
    return { error: e.name, message: e.message };
  }
}

describeEachDialect('associations and includes, relata against sequelize@6', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  let sequelizeOptions: () => Promise<[string | undefined, Record<string, unknown>]>;
  let sequelizeSchema = '';

  beforeAll(async () => {
    if (family === 'postgres') {
      sequelizeSchema = `${(new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '')}_sq`;
      await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${sequelizeSchema}"`));
      sequelizeOptions = async () => [pgUrl(), { dialectOptions: { options: `-c search_path=${sequelizeSchema}` } }];
    } else if (family === 'mariadb') {
      sequelizeSchema = `${new URL(url).pathname.slice(1)}_sq`;
      await withMysql((c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${sequelizeSchema}\``));
      const u = new URL(mysqlUrl());
      u.pathname = `/${sequelizeSchema}`;
      sequelizeOptions = async () => [u.toString(), { dialect: 'mysql' }];
    } else {
      sequelizeOptions = async () => [undefined, { dialect: 'sqlite', storage: ':memory:' }];
    }
  });

  afterAll(async () => {
    if (family === 'postgres') await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${sequelizeSchema}" CASCADE`));
    if (family === 'mariadb') await withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${sequelizeSchema}\``));
  });

  /** Junction (or any) table columns, sorted, as the catalog lists them. */
  async function columnsOf(lib: Lib, table: string): Promise<string[]> {
    // Sequelize's describeTable on PostgreSQL looks in "public" unless told the schema.
    const name = lib.name === 'sequelize' && family === 'postgres' ? { tableName: table, schema: sequelizeSchema } : table;
    const described = (await lib.db.getQueryInterface().describeTable(name)) as Record<string, unknown>;
    return Object.keys(described).sort();
  }

  async function open(name: Lib['name'], options: Record<string, unknown>): Promise<Lib> {
    if (name === 'relata') {
      const db: Relata = await connect(options);
      const R = await import('../../src/index.js');
      return { name, db, T: DataTypes, fn: R.fn, col: R.col, where: R.where };
    }
    const [u, base] = await sequelizeOptions();
    const all = { logging: false, ...base, ...options };
    const db = u === undefined ? new SequelizeLib(all) : new SequelizeLib(u, all);
    return { name, db, T: SequelizeDataTypes, fn: SequelizeLib.fn, col: SequelizeLib.col, where: SequelizeLib.where };
  }

  /** Runs the scenario on both libraries (fresh connections, tables dropped after) and returns both outcomes. */
  async function both<R>(scenario: Scenario<R>, options: Record<string, unknown> = {}): Promise<{ relata: unknown; sequelize: unknown }> {
    const results: Record<string, unknown> = {};
    for (const name of ['sequelize', 'relata'] as const) {
      const lib = await open(name, options);
      try {
        results[name] = await outcome(() => scenario(lib));
      } finally {
        await lib.db.drop({ cascade: true }).catch(() => undefined);
        if (name === 'sequelize') await lib.db.close();
      }
    }
    return { relata: results['relata'], sequelize: results['sequelize'] };
  }

  async function same<R>(scenario: Scenario<R>, options: Record<string, unknown> = {}): Promise<unknown> {
    const r = await both(scenario, options);
    expect(r.relata).toEqual(r.sequelize);
    return r.sequelize;
  }

  // ---------- 1. belongsToMany pairs with its reverse ----------

  function userProjects({ db, T }: Lib, through: unknown = 'UserProjects', reverse: Record<string, unknown> = {}) {
    const User = db.define('User', { name: T.STRING }, { timestamps: false });
    const Project = db.define('Project', { title: T.STRING }, { timestamps: false });
    User.belongsToMany(Project, { through });
    Project.belongsToMany(User, { through, ...reverse });
    return { User, Project };
  }

  it('both sides of a belongsToMany share the junction key columns', async () => {
    const result = await same(async (lib) => {
      const { User, Project } = userProjects(lib);
      await lib.db.sync({ force: true });
      const u = await User.create({ name: 'ann' });
      const p = await Project.create({ title: 'p1' });
      await p.addUser(u);
      const users = await p.getUsers({ joinTableAttributes: ['UserId', 'ProjectId'] });
      const projects = await u.getProjects();
      return {
        columns: await columnsOf(lib, 'UserProjects'),
        keys: [User.associations.Projects.foreignKey, User.associations.Projects.otherKey, Project.associations.Users.foreignKey, Project.associations.Users.otherKey],
        users: users.map((x: Loose) => x.toJSON()),
        projects: projects.map((x: Loose) => x.toJSON()),
      };
    });
    expect((result as { ok: { columns: string[] } }).ok.columns).toEqual(['ProjectId', 'UserId', 'createdAt', 'updatedAt']);
  });

  it('the reverse side takes its otherKey from the first side foreignKey', async () => {
    const result = await same(async (lib) => {
      const { db, T } = lib;
      const User = db.define('User', { name: T.STRING }, { timestamps: false });
      const Project = db.define('Project', { title: T.STRING }, { timestamps: false });
      User.belongsToMany(Project, { through: 'UserProjects', foreignKey: 'memberId', onDelete: 'RESTRICT' });
      Project.belongsToMany(User, { through: 'UserProjects', onDelete: 'NO ACTION' });
      await db.sync({ force: true });
      const u = await User.create({ name: 'ann' });
      const p = await Project.create({ title: 'p1' });
      await p.addUser(u);
      const attributes = db.models.UserProjects.getAttributes();
      return {
        columns: await columnsOf(lib, 'UserProjects'),
        keys: [User.associations.Projects.foreignKey, User.associations.Projects.otherKey, Project.associations.Users.foreignKey, Project.associations.Users.otherKey],
        onDelete: [attributes.memberId.onDelete, attributes.ProjectId.onDelete],
        projects: (await u.getProjects({ joinTableAttributes: ['memberId', 'ProjectId'] })).map((x: Loose) => x.toJSON()),
      };
    });
    expect((result as { ok: { columns: string[] } }).ok.columns).toEqual(['ProjectId', 'createdAt', 'memberId', 'updatedAt']);
  });

  it('the reverse side takes its foreignKey from the first side otherKey (Sequelize 6 loses the column)', async () => {
    const r = await both(async (lib) => {
      const { db, T } = lib;
      const User = db.define('User', { name: T.STRING }, { timestamps: false });
      const Project = db.define('Project', { title: T.STRING }, { timestamps: false });
      User.belongsToMany(Project, { through: 'UserProjects', foreignKey: 'memberId', otherKey: 'workId' });
      Project.belongsToMany(User, { through: 'UserProjects' });
      await db.sync({ force: true });
      const u = await User.create({ name: 'ann' });
      const p = await Project.create({ title: 'p1' });
      await p.addUser(u);
      return {
        columns: await columnsOf(lib, 'UserProjects'),
        keys: [Project.associations.Users.foreignKey, Project.associations.Users.otherKey],
        projects: (await u.getProjects({ joinTableAttributes: [] })).map((x: Loose) => x.toJSON()),
      };
    });
    // Sequelize 6 keeps the default ProjectId on the reverse side and drops workId, then queries it.
    expect(r.sequelize).toMatchObject({ error: 'SequelizeDatabaseError' });
    expect(r.relata).toEqual({ ok: { columns: ['createdAt', 'memberId', 'updatedAt', 'workId'], keys: ['workId', 'memberId'], projects: [{ id: 1, title: 'p1' }] } });
  });

  it('a junction made from a through name does not inherit define.paranoid', async () => {
    await same(
      async (lib) => {
        const { User, Project } = userProjects(lib);
        await lib.db.sync({ force: true });
        const u = await User.create({ name: 'ann' });
        const p = await Project.create({ title: 'p1' });
        await u.addProject(p);
        await u.removeProject(p);
        const junction = lib.db.models.UserProjects;
        return { paranoid: junction.options.paranoid === true, columns: await columnsOf(lib, 'UserProjects'), left: await junction.count() };
      },
      { define: { paranoid: true, timestamps: true } },
    );
  });
});
