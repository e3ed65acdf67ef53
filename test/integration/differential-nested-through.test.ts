/**
 * Includes nested under a belongsToMany target, on sequelize@6 and on relata on every dialect:
 * `include: [{ as: 'Users', include: [Projects] }]` where the to-many levels load in batches (MariaDB)
 * or as JSON, and `group.getUsers({ include })`, whose targets come from the junction query.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.js';
import { pairedLibraries, type Lib } from '../support/paired-libraries.js';

type AnyModel = any;
interface Db {
  define(name: string, attributes: object, options?: object): AnyModel;
  sync(options?: object): Promise<unknown>;
}

describeEachDialect('includes nested under a belongsToMany target, relata against sequelize@6', ({ dialect, connect, url }) => {
  const { dbs, types } = pairedLibraries<Db>({ dialect, connect, url });

  it('loads the nested level in a find and in the getter, with field-mapped junction keys', async () => {
    const run = async (lib: Lib) => {
      const db = dbs[lib];
      const T = types[lib];
      const User = db.define('NtUser', { name: T.STRING }, { timestamps: false });
      const Project = db.define('NtProject', { name: T.STRING }, { timestamps: false });
      const Group = db.define('NtGroup', { name: T.STRING }, { timestamps: false });
      const key = (name: string, field: string) => ({ name, field });
      User.belongsToMany(Project, { through: 'nt_user_projects', as: 'Projects', foreignKey: key('userId', 'user_id'), otherKey: key('projectId', 'project_id'), timestamps: false });
      Project.belongsToMany(User, { through: 'nt_user_projects', as: 'Users', foreignKey: key('projectId', 'project_id'), otherKey: key('userId', 'user_id'), timestamps: false });
      Group.belongsToMany(User, { through: 'nt_group_users', as: 'Users', foreignKey: key('groupId', 'group_id'), otherKey: key('userId', 'user_id'), timestamps: false });
      User.belongsToMany(Group, { through: 'nt_group_users', as: 'Groups', foreignKey: key('userId', 'user_id'), otherKey: key('groupId', 'group_id'), timestamps: false });
      await db.sync({ force: true });
      const group = await Group.create({ name: 'g' });
      const [matt, ben] = [await User.create({ name: 'matt' }), await User.create({ name: 'ben' })];
      const [p1, p2] = [await Project.create({ name: 'p1' }), await Project.create({ name: 'p2' })];
      await matt.addProjects([p1, p2]);
      await ben.addProject(p2);
      await group.addUsers([matt, ben]);
      const shape = (users: AnyModel[]) =>
        users.map((u) => [u.name, u.Projects.map((p: AnyModel) => p.name).sort()]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      const groups = await Group.findAll({ include: [{ model: User, as: 'Users', include: [{ model: Project, as: 'Projects' }] }] });
      const viaGetter = await group.getUsers({ include: [{ model: Project, as: 'Projects' }] });
      return { find: groups.map((g: AnyModel) => shape(g.Users)), getter: shape(viaGetter) };
    };
    const ours = await run('relata');
    expect(ours).toEqual({ find: [[['ben', ['p2']], ['matt', ['p1', 'p2']]]], getter: [['ben', ['p2']], ['matt', ['p1', 'p2']]] });
    expect(ours).toEqual(await run('sequelize'));
  });
});
