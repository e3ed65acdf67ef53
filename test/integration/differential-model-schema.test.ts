/**
 * Models in another schema (`schema` option, `Model.schema()`), run on sequelize@6 and on relata
 * and compared: where the tables land (a PostgreSQL schema; on SQLite and the `mysql` dialect a
 * table named `schema.table`, or `schema_table` with that delimiter), and that finders, writes,
 * association accessors and includes use them.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Lib = 'relata' | 'sequelize';
type AnyModel = any;
interface Db {
  define(name: string, attributes: object, options?: object): AnyModel;
  query(sql: string, options?: object): Promise<unknown>;
  getDialect(): string;
}

describeEachDialect('models in another schema, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const dbs = {} as Record<Lib, Db>;
  const types = { relata: RelataLib.DataTypes, sequelize: SequelizeLib.DataTypes as unknown as typeof RelataLib.DataTypes };
  const pg = dialect === 'postgres';
  /** The other schema, one per library, named after this block's namespace on the servers. */
  const schemaOf = {} as Record<Lib, string>;

  beforeAll(async () => {
    dbs.relata = (await connect()) as unknown as Db;
    twin = await sequelizeTwin(dialect, url);
    dbs.sequelize = twin.sequelize as unknown as Db;
    const base = dialect === 'postgres' ? (new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '') : dialect === 'mariadb' ? new URL(url).pathname.slice(1) : 'archive';
    schemaOf.relata = pg ? `${base}_arc` : 'archive';
    schemaOf.sequelize = pg ? `${base}_sq_arc` : 'archive';
    if (pg) for (const lib of ['relata', 'sequelize'] as const) await dbs[lib].query(`CREATE SCHEMA IF NOT EXISTS "${schemaOf[lib]}"`);
  });
  afterAll(async () => {
    if (pg) for (const lib of ['relata', 'sequelize'] as const) await dbs[lib]?.query(`DROP SCHEMA IF EXISTS "${schemaOf[lib]}" CASCADE`);
    await twin?.close();
  });

  async function tablesIn(db: Db, schema: string): Promise<string[]> {
    const named = `(name LIKE '${schema}.%' OR name LIKE '${schema}!_%' ESCAPE '!')`;
    const sql = pg
      ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '${schema}'`
      : dialect === 'mariadb'
        ? `SELECT name FROM (SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()) t WHERE ${named}`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND ${named}`;
    const rows = (await db.query(sql, { type: 'SELECT' })) as { name?: string; NAME?: string; TABLE_NAME?: string }[];
    return rows.map((r) => String(r.name ?? r.NAME ?? r.TABLE_NAME)).sort();
  }

  it('creates, writes, reads and joins the tables in the schema', async () => {
    const run = async (lib: Lib) => {
      const db = dbs[lib];
      const T = types[lib];
      const schema = schemaOf[lib];
      const User = db.define('SchUser', { name: T.STRING }, { timestamps: false }).schema(schema);
      const Task = db.define('SchTask', { title: T.STRING }, { timestamps: false }).schema(schema);
      const Project = db.define('SchProject', { title: T.STRING }, { timestamps: false, schema, schemaDelimiter: '_' });
      const Member = db.define('SchMember', { role: T.STRING }, { timestamps: false }).schema(schema, '_');
      Task.belongsTo(User);
      User.hasMany(Task);
      User.belongsToMany(Project, { through: Member });
      Project.belongsToMany(User, { through: Member });
      await User.sync({ force: true });
      await Task.sync({ force: true });
      await Project.sync({ force: true });
      await Member.sync({ force: true });
      const ada = await User.create({ name: 'ada' });
      const task = await Task.create({ title: 'write' });
      await task.setSchUser(ada);
      const owner = await task.getSchUser();
      const project = await Project.create({ title: 'engine' });
      await ada.addSchProject(project, { through: { role: 'lead' } });
      const projects = await ada.getSchProjects();
      const users = await User.findAll({ include: [Task, Project], order: [['id', 'ASC']] });
      await Task.update({ title: 'wrote' }, { where: { id: task.id } });
      await Task.destroy({ where: { title: 'nothing' } });
      return {
        tables: await tablesIn(db, schema),
        owner: owner.name,
        projects: projects.map((p: AnyModel) => [p.title, p.SchMember.role]),
        users: users.map((u: AnyModel) => [u.name, u.SchTasks.map((t: AnyModel) => t.title), u.SchProjects.map((p: AnyModel) => p.title)]),
        count: await Task.count({ where: { title: 'wrote' } }),
      };
    };
    const ours = await run('relata');
    const theirs = await run('sequelize');
    const names = (schema: string) =>
      pg ? ['SchMembers', 'SchProjects', 'SchTasks', 'SchUsers'] : [`${schema}.SchTasks`, `${schema}.SchUsers`, `${schema}_SchMembers`, `${schema}_SchProjects`];
    expect(ours).toEqual({ tables: names(schemaOf.relata), owner: 'ada', projects: [['engine', 'lead']], users: [['ada', ['write'], ['engine']]], count: 1 });
    expect({ ...theirs, tables: names(schemaOf.relata) }).toEqual(ours);
    expect(theirs.tables).toEqual(names(schemaOf.sequelize));
  });

  it.runIf(dialect === 'mariadb')('on the mariadb dialect a schema is a database (createSchema, showAllSchemas, dropSchema, `schema`.`table`), as in Sequelize\'s mariadb dialect', async () => {
    const db = await connect({ dialect: 'mariadb' });
    const database = `${new URL(url).pathname.slice(1)}_mdb`;
    await db.createSchema(database);
    try {
      expect(await db.showAllSchemas()).toContain(database);
      const Owner = db.define('MdbOwner', { name: RelataLib.DataTypes.STRING }, { timestamps: false }).schema(database);
      const Pet = db.define('MdbPet', { name: RelataLib.DataTypes.STRING }, { timestamps: false, schema: database });
      Pet.belongsTo(Owner);
      await Owner.sync({ force: true });
      await Pet.sync({ force: true });
      const owner = await Owner.create({ name: 'ada' });
      await Pet.create({ name: 'rex', MdbOwnerId: owner.get('id') });
      const pets = await Pet.findAll({ include: [Owner] });
      const tables = (await db.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '${database}' ORDER BY 1`, { type: 'SELECT' })) as { name: string }[];
      expect(tables.map((t) => t.name)).toEqual(['MdbOwners', 'MdbPets']);
      expect(pets.map((p) => [p.get('name'), (p.get('MdbOwner') as RelataLib.Model).get('name')])).toEqual([['rex', 'ada']]);
      await db.dropSchema(database);
      expect(await db.showAllSchemas()).not.toContain(database);
    } finally {
      await db.query(`DROP DATABASE IF EXISTS \`${database}\``);
    }
  });

  it('the connection\'s schema option is the default schema of the models defined while it is set', async () => {
    const run = async (lib: Lib) => {
      const db = dbs[lib] as Db & { options: { schema?: string | null | undefined } };
      const T = types[lib];
      const before = db.options.schema;
      db.options.schema = schemaOf[lib];
      const InSchema = db.define('SchDefault', { name: T.STRING }, { timestamps: false });
      db.options.schema = null;
      const Plain = db.define('SchPlain', { name: T.STRING }, { timestamps: false });
      db.options.schema = before;
      await InSchema.sync({ force: true });
      await Plain.sync({ force: true });
      await InSchema.create({ name: 'a' });
      const tables = (await tablesIn(db, schemaOf[lib])).filter((t) => t.includes('SchDefault'));
      return { schemas: [InSchema._schema, Plain._schema ?? null], tables, rows: await InSchema.count() };
    };
    const ours = await run('relata');
    const theirs = await run('sequelize');
    const table = (schema: string) => (pg ? ['SchDefaults'] : [`${schema}.SchDefaults`]);
    expect(ours).toEqual({ schemas: [schemaOf.relata, null], tables: table(schemaOf.relata), rows: 1 });
    // On PostgreSQL the Sequelize twin's models take its `define.schema`, which wins over the connection's.
    if (!pg) expect(theirs).toEqual({ schemas: [schemaOf.sequelize, null], tables: table(schemaOf.sequelize), rows: 1 });
  });
});
