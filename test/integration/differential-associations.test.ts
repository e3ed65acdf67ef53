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
  readonly Op: Loose;
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
  let relataSchema = '';

  beforeAll(async () => {
    if (family === 'postgres') {
      relataSchema = (new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '');
      sequelizeSchema = `${relataSchema}_sq`;
      await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${sequelizeSchema}"`));
      sequelizeOptions = async () => [pgUrl(), { dialectOptions: { options: `-c search_path=${sequelizeSchema}` } }];
    } else if (family === 'mariadb') {
      relataSchema = new URL(url).pathname.slice(1);
      sequelizeSchema = `${relataSchema}_sq`;
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

  /** Empties both namespaces between scenarios (the scenarios reuse table names with other keys). */
  async function reset(): Promise<void> {
    if (family === 'postgres') {
      for (const schema of [relataSchema, sequelizeSchema]) {
        await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`));
      }
    } else if (family === 'mariadb') {
      await withMysql(async (c) => {
        const [tables] = await c.query('SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN (?, ?)', [relataSchema, sequelizeSchema]);
        await c.query('SET FOREIGN_KEY_CHECKS = 0');
        for (const { s, t } of tables as { s: string; t: string }[]) await c.query(`DROP TABLE \`${s}\`.\`${t}\``);
      });
    } else if (dialect === 'sqlite-file') {
      const db = await connect();
      await db.getQueryInterface().dropAllTables();
    }
  }

  async function open(name: Lib['name'], options: Record<string, unknown>): Promise<Lib> {
    if (name === 'relata') {
      const db: Relata = await connect(options);
      const R = await import('../../src/index.js');
      return { name, db, T: DataTypes, fn: R.fn, col: R.col, where: R.where, Op: R.Op };
    }
    const [u, base] = await sequelizeOptions();
    const all = { logging: false, ...base, ...options };
    const db = u === undefined ? new SequelizeLib(all) : new SequelizeLib(u, all);
    return { name, db, T: SequelizeDataTypes, fn: SequelizeLib.fn, col: SequelizeLib.col, where: SequelizeLib.where, Op: (SequelizeLib as unknown as { Op: unknown }).Op };
  }

  /** Runs the scenario on both libraries (fresh connections, tables dropped after) and returns both outcomes. */
  async function both<R>(scenario: Scenario<R>, options: Record<string, unknown> = {}): Promise<{ relata: unknown; sequelize: unknown }> {
    const results: Record<string, unknown> = {};
    for (const name of ['sequelize', 'relata'] as const) {
      const lib = await open(name, options);
      try {
        results[name] = await outcome(() => scenario(lib));
      } finally {
        if (name === 'sequelize') await lib.db.close();
        await reset();
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

  it('the reverse side keeps the first side uniqueKey on a junction with its own id (Sequelize 6 renames it)', async () => {
    const r = await both(async (lib) => {
      const { db, T } = lib;
      const User = db.define('User', { name: T.STRING }, { timestamps: false });
      const Project = db.define('Project', { title: T.STRING }, { timestamps: false });
      const Membership = db.define('Membership', { id: { type: T.INTEGER, primaryKey: true, autoIncrement: true }, role: T.STRING }, { timestamps: false });
      User.belongsToMany(Project, { through: Membership, uniqueKey: 'member_project' });
      Project.belongsToMany(User, { through: Membership });
      await db.sync({ force: true });
      const u = await User.create({ name: 'ann' });
      const p = await Project.create({ title: 'p1' });
      await u.addProject(p, { through: { role: 'lead' } });
      const twice = await Membership.create({ UserId: u.id, ProjectId: p.id }).then(() => 'inserted', (e: Error) => e.name);
      const a = Membership.getAttributes();
      return { unique: [a.UserId.unique, a.ProjectId.unique], columns: await columnsOf(lib, 'Memberships'), twice };
    });
    const common = { columns: ['ProjectId', 'UserId', 'id', 'role'], twice: 'SequelizeUniqueConstraintError' };
    expect(r.relata).toEqual({ ok: { unique: ['member_project', 'member_project'], ...common } });
    expect(r.sequelize).toEqual({ ok: { unique: ['Memberships_ProjectId_UserId_unique', 'Memberships_ProjectId_UserId_unique'], ...common } });
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

  // ---------- 2. through values ----------

  function membership({ db, T }: Lib, throughOptions: Record<string, unknown> = {}) {
    const User = db.define('User', { name: T.STRING }, { timestamps: false });
    const Project = db.define('Project', { title: T.STRING }, { timestamps: false });
    const UserProjects = db.define('UserProjects', { status: T.STRING }, { timestamps: false, ...throughOptions });
    User.belongsToMany(Project, { through: UserProjects });
    Project.belongsToMany(User, { through: UserProjects });
    return { User, Project, UserProjects };
  }

  const junctionRows = (UserProjects: Loose) =>
    UserProjects.findAll({ attributes: ['UserId', 'ProjectId', 'status'], order: [['UserId', 'ASC'], ['ProjectId', 'ASC']], raw: true });

  it('through values set on the target instance are written by add and set', async () => {
    await same(async (lib) => {
      const { User, Project, UserProjects } = membership(lib);
      await lib.db.sync({ force: true });
      const [ann, bob] = [await User.create({ name: 'ann' }), await User.create({ name: 'bob' })];
      const [p1, p2] = [await Project.create({ title: 'p1' }), await Project.create({ title: 'p2' })];
      p1.UserProjects = { status: 'active' };
      await ann.addProject(p1);
      p2.UserProjects = { status: 'invited' };
      await bob.setProjects([p1, p2]);
      // An explicit through option wins over the instance's values.
      p1.UserProjects = { status: 'ignored' };
      await ann.addProject(p1, { through: { status: 'owner' } });
      return junctionRows(UserProjects);
    });
  });

  it('through values nested in create with a belongsToMany include', async () => {
    await same(async (lib) => {
      const { User, Project, UserProjects } = membership(lib);
      await lib.db.sync({ force: true });
      const user = await User.create({ name: 'ann', Projects: [{ title: 'p1', UserProjects: { status: 'lead' } }, { title: 'p2' }] }, { include: [Project] });
      // Sequelize also shows the unsaved junction's primary keys as null (build() nulls every primary
      // key; relata only an auto-increment one): compare the values given.
      const projects = user.Projects.map((p: Loose) => ({ ...p.get({ plain: true }), UserProjects: p.UserProjects?.get('status') }));
      return { projects, rows: await junctionRows(UserProjects) };
    });
  });

  it('through.paranoid: false on the getter and on has sees soft-deleted links', async () => {
    await same(async (lib) => {
      const { User, Project, UserProjects } = membership(lib, { timestamps: true, paranoid: true });
      await lib.db.sync({ force: true });
      const ann = await User.create({ name: 'ann' });
      const [p1, p2] = [await Project.create({ title: 'p1' }), await Project.create({ title: 'p2' })];
      await ann.addProjects([p1, p2]);
      await ann.removeProject(p1);
      return {
        visible: (await ann.getProjects({ joinTableAttributes: [], order: [['id', 'ASC']] })).map((p: Loose) => p.title),
        all: (await ann.getProjects({ through: { paranoid: false }, joinTableAttributes: [], order: [['id', 'ASC']] })).map((p: Loose) => p.title),
        has: await ann.hasProject(p1),
        hasAll: await ann.hasProject(p1, { through: { paranoid: false } }),
        rows: await UserProjects.count({ paranoid: false }),
      };
    });
  });

  it('include through.as names the junction object', async () => {
    await same(async (lib) => {
      const { User, Project } = membership(lib);
      await lib.db.sync({ force: true });
      await User.create({ name: 'ann', Projects: [{ title: 'p1', UserProjects: { status: 'lead' } }] }, { include: [Project] });
      const users = await User.findAll({ include: [{ model: Project, through: { as: 'membership', attributes: ['status'] } }] });
      return users.map((u: Loose) => u.toJSON());
    });
  });

  it('through.attributes: [] and joinTableAttributes: [] leave the junction object out', async () => {
    await same(async (lib) => {
      const { User, Project } = membership(lib);
      await lib.db.sync({ force: true });
      const ann = await User.create({ name: 'ann', Projects: [{ title: 'p1', UserProjects: { status: 'lead' } }] }, { include: [Project] });
      const included = await User.findAll({ include: [{ model: Project, through: { attributes: [] } }] });
      const lazy = await ann.getProjects({ joinTableAttributes: [] });
      const lazyThrough = await ann.getProjects({ through: { attributes: [] } });
      return { included: included.map((u: Loose) => u.toJSON()), lazy: lazy.map((p: Loose) => p.toJSON()), lazyThrough: lazyThrough.map((p: Loose) => p.toJSON()) };
    });
  });

  it('through.where on a non-required include filters the children, never the parents', async () => {
    await same(async (lib) => {
      const { User, Project } = membership(lib);
      await lib.db.sync({ force: true });
      await User.create({ name: 'ann', Projects: [{ title: 'p1', UserProjects: { status: 'lead' } }, { title: 'p2', UserProjects: { status: 'member' } }] }, { include: [Project] });
      await User.create({ name: 'bob', Projects: [{ title: 'p3', UserProjects: { status: 'member' } }] }, { include: [Project] });
      await User.create({ name: 'cid' });
      const users = await User.findAll({
        include: [{ model: Project, required: false, through: { where: { status: 'lead' }, attributes: ['status'] } }],
        order: [['id', 'ASC']],
      });
      const required = await User.findAll({ include: [{ model: Project, through: { where: { status: 'lead' }, attributes: [] } }], order: [['id', 'ASC']] });
      return { users: users.map((u: Loose) => u.toJSON()), required: required.map((u: Loose) => u.toJSON()) };
    });
  });

  // ---------- 3. include forms ----------

  function tasks({ db, T }: Lib) {
    const User = db.define('User', { name: T.STRING }, { timestamps: false });
    const Task = db.define('Task', { title: T.STRING, note: T.STRING }, { timestamps: false });
    Task.belongsTo(User);
    Task.belongsTo(User, { as: 'reviewer' });
    User.hasMany(Task);
    return { User, Task };
  }

  it('include by association object, and by a model associated several times with one unaliased association', async () => {
    await same(async (lib) => {
      const { User, Task } = tasks(lib);
      await lib.db.sync({ force: true });
      const ann = await User.create({ name: 'ann' });
      const bob = await User.create({ name: 'bob' });
      await Task.create({ title: 't', UserId: ann.id, reviewerId: bob.id });
      const byObject = await Task.findAll({ include: [Task.associations.User, Task.associations.reviewer] });
      const byModel = await Task.findAll({ include: [User] });
      const byModelObject = await Task.findAll({ include: [{ model: User }] });
      return [byObject, byModel, byModelObject].map((rows) => rows.map((r: Loose) => r.toJSON()));
    });
  });

  it('include errors carry Sequelize EagerLoadingError name and message', async () => {
    await same(async (lib) => {
      const { db } = lib;
      const A = db.define('A', {}, { timestamps: false });
      const B = db.define('B', {}, { timestamps: false });
      const C = db.define('C', {}, { timestamps: false });
      A.belongsTo(B, { as: 'b' });
      A.hasMany(C, { as: 'first' });
      A.hasMany(C, { as: 'second' });
      await db.sync({ force: true });
      const errors: unknown[] = [];
      for (const include of [[B], [{ model: B }], [{ model: B, as: 'nope' }], [C], [{ model: C, as: 'third' }]]) {
        errors.push(await A.findAll({ include }).then(() => 'resolved', (e: Error) => ({ name: e.name, message: e.message })));
      }
      return errors;
    });
  });

  it('include all nested ends on a cyclic graph, as Sequelize expands it', async () => {
    await same(async (lib) => {
      const { db, T } = lib;
      const { User, Task } = tasks(lib);
      const Comment = db.define('Comment', { body: T.STRING }, { timestamps: false });
      Task.hasMany(Comment);
      Comment.belongsTo(Task);
      Comment.belongsTo(User, { as: 'author' });
      User.hasMany(Comment, { as: 'comments', foreignKey: 'authorId' });
      await db.sync({ force: true });
      const ann = await User.create({ name: 'ann' });
      const task = await Task.create({ title: 't', UserId: ann.id, reviewerId: ann.id });
      await Comment.create({ body: 'c', TaskId: task.id, authorId: ann.id });
      const users = await User.findAll({ include: [{ all: true, nested: true }] });
      const comments = await Comment.findAll({ include: [{ all: true, nested: true }] });
      const tasksWithUser = await Task.findAll({ include: [{ model: User, attributes: ['name'] }, { all: true }] });
      return { users: users.map((u: Loose) => u.toJSON()), comments: comments.map((c: Loose) => c.toJSON()), tasks: tasksWithUser.map((t: Loose) => t.toJSON()) };
    });
  });

  it('include all by association type, and an invalid type', async () => {
    await same(async (lib) => {
      const { User, Task } = tasks(lib);
      await lib.db.sync({ force: true });
      const ann = await User.create({ name: 'ann' });
      await Task.create({ title: 't', UserId: ann.id, reviewerId: ann.id });
      const one = await Task.findAll({ include: [{ all: 'One' }] });
      const many = await User.findAll({ include: [{ all: ['HasMany'] }] });
      const belongs = await User.findAll({ include: [{ all: 'BelongsTo' }] });
      const invalid = await User.findAll({ include: [{ all: 'Sideways' }] }).then(() => 'resolved', (e: Error) => ({ name: e.name, message: e.message }));
      return { one: one.map((t: Loose) => t.toJSON()), many: many.map((u: Loose) => u.toJSON()), belongs: belongs.map((u: Loose) => u.toJSON()), invalid };
    });
  });

  it('include attributes return exactly those attributes', async () => {
    await same(async (lib) => {
      const { User, Task } = tasks(lib);
      await lib.db.sync({ force: true });
      const ann = await User.create({ name: 'ann' });
      await Task.create({ title: 't', note: 'n', UserId: ann.id });
      const toOne = await Task.findAll({ attributes: ['title'], include: [{ model: User, attributes: ['name'] }] });
      const toMany = await User.findAll({ attributes: ['name'], include: [{ model: Task, attributes: ['note'] }] });
      const toManyWithKey = await User.findAll({ attributes: ['id'], include: [{ model: Task, attributes: ['title', 'UserId'] }] });
      return [toOne, toMany, toManyWithKey].map((rows) => rows.map((r: Loose) => r.toJSON()));
    });
  });

  it('createX with fields still writes the foreign key', async () => {
    await same(async (lib) => {
      const { User, Task } = tasks(lib);
      await lib.db.sync({ force: true });
      const ann = await User.create({ name: 'ann' });
      const task = await ann.createTask({ title: 't', note: 'n' }, { fields: ['title'] });
      // (relata's instance also shows the unwritten attributes as null; Sequelize's leaves them out.)
      return { task: { title: task.title, UserId: task.UserId }, rows: await Task.findAll({ raw: true }) };
    });
  });

  // ---------- 4. include on and right ----------

  function ownership({ db, T }: Lib) {
    const User = db.define('User', { name: T.STRING, code: T.STRING }, { timestamps: false });
    const Task = db.define('Task', { title: T.STRING, ownerCode: T.STRING }, { timestamps: false });
    Task.belongsTo(User);
    return { User, Task };
  }

  async function seedOwnership(User: Loose, Task: Loose): Promise<void> {
    const ann = await User.create({ name: 'ann', code: 'A' });
    const bob = await User.create({ name: 'bob', code: 'B' });
    await User.create({ name: 'cid', code: 'C' });
    await Task.create({ title: 't1', ownerCode: 'B', UserId: ann.id });
    await Task.create({ title: 't2', ownerCode: 'A', UserId: bob.id });
    await Task.create({ title: 't3', ownerCode: 'Z', UserId: null });
  }

  it('include on joins by the given condition instead of the keys', async () => {
    await same(async (lib) => {
      const { User, Task } = ownership(lib);
      await lib.db.sync({ force: true });
      await seedOwnership(User, Task);
      const byWhere = await Task.findAll({
        include: [{ model: User, on: { code: lib.where(lib.col('Task.ownerCode'), '=', lib.col('User.code')) } }],
        order: [['id', 'ASC']],
      });
      const byCol = await Task.findAll({ include: [{ model: User, on: { code: { [lib.Op.col]: 'Task.ownerCode' } }, required: true }], order: [['id', 'ASC']] });
      return [byWhere, byCol].map((rows) => rows.map((r: Loose) => r.toJSON()));
    });
  });

  it('a hasMany include with on loads the children that match the condition', async () => {
    await same(async (lib) => {
      const { User, Task } = ownership(lib);
      User.hasMany(Task, { as: 'owned' });
      await lib.db.sync({ force: true });
      await seedOwnership(User, Task);
      const on = { ownerCode: lib.where(lib.col('User.code'), '=', lib.col('owned.ownerCode')) };
      const users = await User.findAll({ include: [{ model: Task, as: 'owned', on, attributes: ['title'] }], order: [['id', 'ASC']] });
      const required = await User.findAll({ include: [{ model: Task, as: 'owned', on, required: true, where: { title: 't2' } }], order: [['id', 'ASC']] });
      return { users: users.map((u: Loose) => u.toJSON()), required: required.map((u: Loose) => u.toJSON()) };
    });
  });

  it('include right: true is a RIGHT OUTER JOIN (on SQLite, Sequelize 6 keeps it LEFT)', async () => {
    const r = await both(async (lib) => {
      const { User, Task } = ownership(lib);
      await lib.db.sync({ force: true });
      await seedOwnership(User, Task);
      const rows = await Task.findAll({ include: [{ model: User, right: true, attributes: ['name'] }], attributes: ['title'] });
      const required = await Task.findAll({ include: [{ model: User, right: true, required: true, attributes: ['name'] }], attributes: ['title'] });
      const sort = (list: Loose[]) => list.map((x: Loose) => x.toJSON()).sort((a: Loose, b: Loose) => `${a.title}${a.User?.name}`.localeCompare(`${b.title}${b.User?.name}`));
      return { rows: sort(rows), required: sort(required) };
    });
    const right = [{ title: null, User: { name: 'cid' } }, { title: 't1', User: { name: 'ann' } }, { title: 't2', User: { name: 'bob' } }];
    const left = [{ title: 't1', User: { name: 'ann' } }, { title: 't2', User: { name: 'bob' } }, { title: 't3', User: null }];
    expect(r.relata).toEqual({ ok: { rows: right, required: left.slice(0, 2) } });
    expect(r.sequelize).toEqual({ ok: { rows: family === 'sqlite' ? left : right, required: left.slice(0, 2) } });
  });

  // ---------- definitions Sequelize 6 accepts ----------
  it('a custom through model gains the custom keys each side names (id_user / id_group)', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('User', { id_user: { type: T.INTEGER, primaryKey: true, autoIncrement: true } }, { tableName: 'tbl_user' });
      const Group = db.define('Group', { id_group: { type: T.INTEGER, primaryKey: true, autoIncrement: true } }, { tableName: 'tbl_group' });
      const UserHasGroup = db.define('User_has_Group', {}, { tableName: 'tbl_user_has_group', timestamps: false });
      User.belongsToMany(Group, { as: 'groups', through: UserHasGroup, foreignKey: 'id_user' });
      Group.belongsToMany(User, { as: 'users', through: UserHasGroup, foreignKey: 'id_group' });
      await db.sync({ force: true });
      const [user, group] = [await User.create(), await Group.create()];
      await user.addGroup(group);
      const groups = await (await User.findOne({ where: {} })).getGroups({ joinTableAttributes: [] });
      return { keys: Object.keys(UserHasGroup.rawAttributes).sort(), groups: groups.map((g: Loose) => g.id_group), users: (await group.getUsers({ joinTableAttributes: [] })).map((u: Loose) => u.id_user) };
    });
    expect(r).toEqual({ ok: { keys: ['id_group', 'id_user'], groups: [1], users: [1] } });
  });

  it('the same default alias twice: the second association replaces the first, the accessors stay the first\'s', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('User', { name: T.STRING }, { timestamps: false });
      const Task = db.define('Task', { title: T.STRING }, { timestamps: false });
      const A = db.define('TaskA', {}, { timestamps: false });
      const B = db.define('TaskB', {}, { timestamps: false });
      const first = User.belongsToMany(Task, { through: A });
      const second = User.belongsToMany(Task, { through: B });
      await db.sync({ force: true });
      const user = await User.create({ name: 'u' });
      const task = await Task.create({ title: 't' });
      await user.addTask(task);
      return {
        registered: User.associations.Tasks === second, distinct: first !== second,
        rowsA: (await A.findAll({ raw: true })).length, rowsB: (await B.findAll({ raw: true })).length,
      };
    });
    expect(r).toEqual({ ok: { registered: true, distinct: true, rowsA: 1, rowsB: 0 } });
  });

  it('a self-association whose foreignKey equals its otherKey is accepted, with one junction column', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('User', { name: T.STRING }, { timestamps: false });
      const Follow = db.define('Follow', {}, { timestamps: false });
      User.belongsToMany(User, { through: Follow, as: 'User' });
      User.belongsToMany(User, { through: Follow, as: 'Fan' });
      await db.sync({ force: true });
      const [a, b] = [await User.create({ name: 'a' }), await User.create({ name: 'b' })];
      await a.addFan(b);
      return { keys: Object.keys(Follow.rawAttributes).sort(), rows: (await Follow.findAll({ raw: true })).length };
    });
    expect(r).toMatchObject({ ok: { rows: 1 } });
  });

  it('keyType STRING on an INTEGER key is taken as declared (constraints: false)', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('UserXYZ', { username: T.STRING }, { timestamps: false });
      const Task = db.define('TaskXYZ', { title: T.STRING }, { timestamps: false });
      Task.belongsTo(User, { foreignKey: 'userId', keyType: T.STRING, constraints: false });
      await db.sync({ force: true });
      return Task.rawAttributes.userId.type.key;
    });
    expect(r).toEqual({ ok: 'STRING' });
  });

  it('a foreignKey named like the alias is a naming collision, with Sequelize\'s message', async () => {
    // Sequelize throws a plain Error; relata's is an AssociationError with the same message.
    const r = (await both(async ({ db }) => {
      const User = db.define('user', {});
      const Task = db.define('task', {});
      Task.belongsTo(User, { foreignKey: 'user', as: 'user' });
    })) as { relata: { error: string; message: string }; sequelize: { error: string; message: string } };
    expect(r.relata.message).toBe(r.sequelize.message);
    expect([r.relata.error, r.relata.message]).toEqual(['SequelizeAssociationError', "Naming collision between attribute 'user' and association 'user' on model task. To remedy this, change either foreignKey or as in your association definition"]);
  });

  // ---------- accessor results ----------
  it('addAssociation resolves to the created junction rows, then to undefined when nothing changes', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('User', {}, { timestamps: false });
      const Task = db.define('Task', {}, { timestamps: false });
      const UserTask = db.define('UserTask', { status: T.STRING }, { timestamps: false });
      User.belongsToMany(Task, { through: UserTask });
      Task.belongsToMany(User, { through: UserTask });
      await db.sync({ force: true });
      const [user, task, other] = [await User.create(), await Task.create(), await Task.create()];
      const created = await user.addTasks([task, other]);
      const again = await user.addTask(task);
      return { created: created.map((row: Loose) => [row instanceof UserTask, row.get('UserId'), row.get('TaskId')]), again: again ?? null };
    });
    expect(r).toEqual({ ok: { created: [[true, 1, 1], [true, 1, 2]], again: null } });
  });

  it('association.get([instances]) loads for several sources in one object keyed by key', async () => {
    const r = await same(async ({ db }) => {
      const User = db.define('User', {}, { timestamps: false });
      const Task = db.define('Task', {}, { timestamps: false });
      const toUser = Task.belongsTo(User, { as: 'user' });
      const toTasks = User.hasMany(Task, { as: 'tasks', foreignKey: 'userId' });
      const toTask = User.hasOne(Task, { as: 'task', foreignKey: 'userId' });
      await db.sync({ force: true });
      const [u1, u2] = [await User.create(), await User.create()];
      const tasks = [await Task.create({ userId: u1.id }), await Task.create({ userId: u2.id }), await Task.create({ userId: null })];
      const byFk = await toUser.get(tasks);
      const many = await toTasks.get([u1, u2]);
      const one = await toTask.get([u1, u2]);
      return {
        belongsTo: Object.keys(byFk).sort().map((k) => [k, byFk[k]?.id ?? null]),
        hasMany: Object.keys(many).sort().map((k) => [k, many[k].map((t: Loose) => t.id)]),
        hasOne: Object.keys(one).sort().map((k) => [k, one[k]?.id ?? null]),
      };
    });
    expect(r).toEqual({ ok: { belongsTo: [['1', 1], ['2', 2], ['null', null]], hasMany: [['1', [1]], ['2', [2]]], hasOne: [['1', 1], ['2', 2]] } });
  });

  it('belongsToMany pairs by sourceKey: each side references the other\'s non-primary key (sourceKey only, custom foreignKey)', async () => {
    for (const keys of [{}, { user: { foreignKey: 'userId2' }, group: { foreignKey: 'groupId2' } }] as { user?: object; group?: object }[]) {
      const r = await same(async ({ db, T }) => {
        const User = db.define('User', {
          id: { type: T.INTEGER, primaryKey: true, autoIncrement: true, field: 'user_id' },
          userSecondId: { type: T.INTEGER, allowNull: false, unique: true, field: 'user_second_id' },
        }, { tableName: 'tbl_user', timestamps: false });
        const Group = db.define('Group', {
          id: { type: T.INTEGER, primaryKey: true, autoIncrement: true, field: 'group_id' },
          groupSecondId: { type: T.INTEGER, allowNull: false, unique: true, field: 'group_second_id' },
        }, { tableName: 'tbl_group', timestamps: false });
        const toGroups = User.belongsToMany(Group, { through: 'usergroups', timestamps: false, sourceKey: 'userSecondId', ...keys.user });
        const toUsers = Group.belongsToMany(User, { through: 'usergroups', timestamps: false, sourceKey: 'groupSecondId', ...keys.group });
        await db.sync({ force: true });
        const [u1, u2] = [await User.create({ userSecondId: 101 }), await User.create({ userSecondId: 102 })];
        const [g1, g2] = [await Group.create({ groupSecondId: 201 }), await Group.create({ groupSecondId: 202 })];
        await u1.addGroup(g1);
        await u2.addGroup(g2);
        await g2.addUser(u1);
        const junction = db.model('usergroups');
        const rows = (await junction.findAll({ raw: true })).map((row: Loose) => Object.keys(row).sort().map((k) => row[k])).sort();
        const users = await User.findAll({ include: [Group], order: [['id', 'ASC']] });
        return {
          keys: [toGroups.foreignKey, toGroups.otherKey, toGroups.targetKey, toUsers.foreignKey, toUsers.otherKey, toUsers.targetKey],
          rows, included: users.map((u: Loose) => [u.userSecondId, u.Groups.map((g: Loose) => g.groupSecondId).sort()]),
          got: (await g2.getUsers({ joinTableAttributes: [] })).map((u: Loose) => u.userSecondId).sort(),
        };
      });
      expect((r as { ok: { rows: unknown[] } }).ok.rows).toHaveLength(3);
    }
  });

  it('include as { singular } finds the aliased belongsTo', async () => {
    const r = await same(async ({ db, T }) => {
      const Individual = db.define('individual', { name: T.STRING }, { timestamps: false });
      const Hat = db.define('hat', { name: T.STRING }, { timestamps: false });
      Individual.belongsTo(Hat, { as: 'personwearinghat' });
      await db.sync({ force: true });
      const hat = await Hat.create({ name: 'Baz' });
      await Individual.create({ name: 'Foo', personwearinghatId: hat.id });
      const found = await Individual.findOne({ include: [{ model: Hat, as: { singular: 'personwearinghat' } }] });
      return [found.name, found.personwearinghat.name];
    });
    expect(r).toEqual({ ok: ['Foo', 'Baz'] });
  });

  it('association identifier / identifierField / foreignIdentifier / foreignIdentifierField', async () => {
    const r = await same(async ({ db, T }) => {
      const Person = db.define('Person', { name: T.STRING }, { timestamps: false });
      const Pet = db.define('Pet', { name: T.STRING }, { timestamps: false });
      Person.belongsToMany(Person, { as: 'Parents', through: 'Family', foreignKey: 'ChildId', otherKey: 'PersonId', timestamps: false });
      Person.belongsToMany(Person, { as: 'Childs', through: 'Family', foreignKey: 'PersonId', otherKey: 'ChildId', timestamps: false });
      Pet.belongsTo(Person, { as: 'owner', foreignKey: { name: 'ownerId', field: 'owner_id' } });
      Person.hasMany(Pet, { as: 'pets', foreignKey: { name: 'ownerId', field: 'owner_id' } });
      return Object.values({ ...Person.associations, ...Pet.associations }).map((a: Loose) => [a.as, a.identifier ?? null, a.identifierField, a.foreignIdentifier ?? null, a.foreignIdentifierField ?? null]);
    });
    expect(r).toEqual({ ok: [['Parents', 'ChildId', 'ChildId', 'PersonId', 'PersonId'], ['Childs', 'PersonId', 'PersonId', 'ChildId', 'ChildId'], ['pets', null, 'owner_id', null, null], ['owner', 'ownerId', 'owner_id', null, null]] });
  });

  it('an instance reads its model\'s rawAttributes, foreign keys included', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('User', { username: T.STRING }, { timestamps: false });
      const Task = db.define('Task', { title: T.STRING }, { timestamps: false });
      User.hasMany(Task);
      await db.sync({ force: true });
      const task = await Task.create({ title: 't' });
      return { same: Object.keys(task.rawAttributes).join() === Object.keys(Task.rawAttributes).join(), keys: Object.keys(task.rawAttributes).sort(), every: Object.keys(task.rawAttributes).every((k) => k in task) };
    });
    expect(r).toEqual({ ok: { same: true, keys: ['UserId', 'id', 'title'], every: true } });
  });

  it('include through: { as } puts the junction row under that name, readable as a property', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('User', {}, { timestamps: false });
      const Project = db.define('Project', {}, { timestamps: false });
      const UserProjects = db.define('UserProjects', { status: T.STRING, data: T.INTEGER }, { timestamps: false });
      User.belongsToMany(Project, { through: UserProjects });
      Project.belongsToMany(User, { through: UserProjects });
      await db.sync({ force: true });
      const [user, project] = [await User.create(), await Project.create()];
      await user.addProject(project, { through: { status: 'active', data: 42 } });
      const users = await User.findAll({ include: [{ model: Project, through: { as: 'myProject' } }] });
      const got = users[0].Projects[0];
      return [got.UserProjects ?? null, got.status ?? null, got.myProject.status, got.myProject.data];
    });
    expect(r).toEqual({ ok: [null, null, 'active', 42] });
  });

  it('the reverse side\'s uniqueKey names the junction pair\'s unique constraint', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('User', {}, { timestamps: false });
      const Task = db.define('Task', {}, { timestamps: false });
      const Link = db.define('user_task_link', { id_user: T.INTEGER, id_task: T.INTEGER }, { timestamps: false });
      User.belongsToMany(Task, { as: 'MyTasks', through: Link, foreignKey: 'id_user' });
      Task.belongsToMany(User, { as: 'MyUsers', through: Link, foreignKey: 'id_task', uniqueKey: 'custom_user_task_unique' });
      await db.sync({ force: true });
      const [user, task] = [await User.create(), await Task.create()];
      await user.addMyTask(task);
      const again = await Link.create({ id_user: user.id, id_task: task.id }).then(() => 'created', (e: Error) => e.name);
      return [Link.rawAttributes.id_user.unique, Link.rawAttributes.id_task.unique, again];
    });
    expect(r).toEqual({ ok: ['custom_user_task_unique', 'custom_user_task_unique', 'SequelizeUniqueConstraintError'] });
  });

  it('countX grouped by the target\'s primaryKeyField with a filtering self include', async () => {
    const r = await same(async ({ db, T, col }) => {
      const User = db.define('User', { username: T.STRING }, { timestamps: false });
      const Task = db.define('Task', { title: T.STRING, active: T.BOOLEAN }, { timestamps: false });
      User.hasMany(Task);
      const subtasks = Task.hasMany(Task, { as: 'subtasks' });
      await db.sync({ force: true });
      const user = await User.create({ username: 'John' });
      const task = await Task.create({ title: 'Get rich', active: true, UserId: user.id });
      await task.createSubtask({ title: 'Make a startup', active: false });
      await task.createSubtask({ title: 'Engage rock stars', active: true });
      const counted = await user.countTasks({
        attributes: [Task.primaryKeyField, 'title'],
        include: [{ attributes: [], association: subtasks, where: { active: true } }],
        group: col(`${Task.name}.${Task.primaryKeyField}`),
      });
      return [Task.primaryKeyField, counted];
    });
    expect(r).toEqual({ ok: ['id', 1] });
  });

  // MariaDB has no FOR NO KEY UPDATE: relata's source-row lock (FOR UPDATE) still deadlocks with the
  // junction inserts' foreign-key locks there (Sequelize takes no lock); left as a known difference.
  it.skipIf(family === 'mariadb')('concurrent adds on a self-association whose links reference each other do not deadlock', async () => {
    const r = await same(async ({ db, T }) => {
      const User = db.define('User', { name: T.STRING(100) }, { timestamps: false });
      const Follow = db.define('Follow', {}, { timestamps: false });
      User.belongsToMany(User, { through: Follow, as: 'Followed', foreignKey: 'followerId', otherKey: 'followedId' });
      User.belongsToMany(User, { through: Follow, as: 'Fan', foreignKey: 'followedId', otherKey: 'followerId' });
      await db.sync({ force: true });
      const users = [await User.create({ name: 'a' }), await User.create({ name: 'b' }), await User.create({ name: 'c' })];
      for (let round = 0; round < 3; round++) {
        await Promise.all([users[0].addFan(users[1]), users[1].addFollowed(users[2]), users[2].addFan(users[0])]);
      }
      return (await Follow.findAll({ raw: true })).map((f: Loose) => [f.followerId, f.followedId]).sort();
    });
    expect(r).toEqual({ ok: [[1, 3], [2, 1], [2, 3]] });
  });

  it('hasMany get([instances], { limit, order }) limits each source', async () => {
    const r = await both(async ({ db, T }) => {
      const User = db.define('User', {}, { timestamps: false });
      const Task = db.define('Task', { title: T.STRING }, { timestamps: false });
      const tasks = User.hasMany(Task, { as: 'tasks' });
      await db.sync({ force: true });
      const [u1, u2] = [await User.create(), await User.create()];
      for (const title of ['b', 'd', 'c', 'a']) await Task.create({ title, UserId: u1.id });
      for (const title of ['a', 'c', 'b']) await Task.create({ title, UserId: u2.id });
      const result = await tasks.get([u1, u2], { limit: 2, order: [['title', 'ASC']] });
      return Object.keys(result).sort().map((k) => [k, result[k].map((t: Loose) => t.title)]);
    });
    const expected = { ok: [['1', ['a', 'b']], ['2', ['a', 'b']]] };
    expect(r.relata).toEqual(expected);
    // Sequelize 6 has no groupedLimit on SQLite and applies the limit to all sources together there.
    if (family !== 'sqlite') expect(r.sequelize).toEqual(expected);
    else expect(r.sequelize).not.toEqual(expected);
  });

  it('order [Model, attribute] names the association to that model (Tags for belongsToMany(Tag))', async () => {
    const r = await same(async ({ db, T }) => {
      const Product = db.define('Product', { title: T.STRING }, { timestamps: false });
      const Tag = db.define('Tag', { name: T.STRING }, { timestamps: false });
      const ProductTag = db.define('ProductTag', { priority: T.INTEGER }, { timestamps: false });
      Product.belongsToMany(Tag, { through: ProductTag });
      Tag.belongsToMany(Product, { through: ProductTag });
      await db.sync({ force: true });
      const [p1, p2] = [await Product.create({ title: 'p1' }), await Product.create({ title: 'p2' })];
      const [t1, t2] = [await Tag.create({ name: 't1' }), await Tag.create({ name: 't2' })];
      await p1.addTag(t2, { through: { priority: 2 } });
      await p1.addTag(t1, { through: { priority: 1 } });
      await p2.addTag(t2, { through: { priority: 3 } });
      const products = await Product.findAll({ include: [{ model: Tag }], order: [['id', 'ASC'], [Tag, 'id', 'DESC']] });
      return products.map((p: Loose) => [p.title, p.Tags.map((t: Loose) => [t.name, t.ProductTag.priority])]);
    });
    expect(r).toEqual({ ok: [['p1', [['t2', 2], ['t1', 1]]], ['p2', [['t2', 3]]]] });
  });
});
