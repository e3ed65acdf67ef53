/**
 * belongsToMany accessors on every dialect, with instances and keys, single and arrays:
 * getProjects (where, attributes, order, limit, scope, joinTableAttributes, through.where),
 * countProjects, hasProject(s), addProject(s) with `through` values, relata's per-link
 * `[{ target, through }]`, removeProject(s), setProjects, createProject (writes the junction row).
 * Writes are checked in the junction table; multi-statement accessors are atomic.
 */
import { beforeEach, expect, it } from 'vitest';
import { AggregateError, DataTypes, ForeignKeyConstraintError, Op, ValidationError, type Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('belongsToMany accessors', ({ dialect, connect }) => {
  const log: string[] = [];
  let db: Relata;
  let User: any;
  let Project: any;
  let Membership: any;
  let ann: any;
  let bob: any;
  let px: any;
  let py: any;
  let pz: any;

  /** The junction rows, as [UserId, ProjectId, role]. */
  const links = async () => (await tableRows(db, dialect, 'Memberships', ['UserId', 'ProjectId', 'role'])).map((r) => [r['UserId'], r['ProjectId'], r['role']]);

  beforeEach(async () => {
    db = await connect({ logging: (s: string) => void log.push(s) });
    await dropAllTables(db, dialect);
    User = db.define('User', { name: DataTypes.STRING });
    Project = db.define('Project', {
      name: DataTypes.STRING,
      archived: { type: DataTypes.BOOLEAN, defaultValue: false },
    }, {
      defaultScope: { where: { archived: false } },
      scopes: { named: { where: { name: { [Op.in]: ['x', 'z'] } } } },
    });
    Membership = db.define('Membership', {
      role: { type: DataTypes.STRING, defaultValue: 'member', validate: { isIn: [['member', 'lead', 'owner']] } },
    });
    User.belongsToMany(Project, { through: Membership });
    Project.belongsToMany(User, { through: Membership });
    await db.sync({ force: true });
    [ann, bob] = await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }]);
    [px, py, pz] = await Project.bulkCreate([{ name: 'x' }, { name: 'y' }, { name: 'z' }]);
    await Membership.bulkCreate([
      { UserId: ann.id, ProjectId: px.id, role: 'owner' },
      { UserId: ann.id, ProjectId: py.id },
      { UserId: bob.id, ProjectId: py.id, role: 'lead' },
    ]);
    log.length = 0;
  });

  it('getProjects returns the targets with their junction row', async () => {
    const got = await ann.getProjects({ order: [['id', 'ASC']] });
    expect(got.map((p: any) => p.name)).toEqual(['x', 'y']);
    expect(got[0]).toBeInstanceOf(Project);
    expect(got[0].Membership).toBeInstanceOf(Membership);
    expect(got.map((p: any) => [p.Membership.UserId, p.Membership.ProjectId, p.Membership.role])).toEqual([[ann.id, px.id, 'owner'], [ann.id, py.id, 'member']]);
    expect(await (await User.create({ name: 'nobody' })).getProjects()).toEqual([]);
  });

  it('getProjects with where, attributes, order and limit', async () => {
    const got = await ann.getProjects({ where: { name: { [Op.ne]: 'q' } }, attributes: ['id', 'name'], order: [['name', 'DESC']], limit: 1 });
    expect(got.map((p: any) => [p.id, p.name, p.archived])).toEqual([[py.id, 'y', undefined]]);
  });

  it('getProjects with joinTableAttributes and through.where', async () => {
    const got = await ann.getProjects({ joinTableAttributes: ['role'], order: [['id', 'ASC']] });
    expect(got.map((p: any) => p.Membership.get({ plain: true }))).toEqual([{ role: 'owner' }, { role: 'member' }]);
    const none = await ann.getProjects({ joinTableAttributes: [] });
    // Sequelize 6 leaves the junction object out when no junction attribute is asked for.
    expect(none.map((p: any) => p.Membership)).toEqual([undefined, undefined]);
    // As in Sequelize 6: `{ exclude }` leaves names out of all the junction's attributes; `{ include }` adds to all of them.
    const excluded = await ann.getProjects({ joinTableAttributes: { exclude: ['createdAt', 'updatedAt'] }, order: [['id', 'ASC']] });
    expect(excluded.map((p: any) => p.Membership.get({ plain: true }))).toEqual([
      { role: 'owner', UserId: ann.id, ProjectId: px.id },
      { role: 'member', UserId: ann.id, ProjectId: py.id },
    ]);
    const included = await ann.getProjects({ joinTableAttributes: { include: ['role'] }, order: [['id', 'ASC']] });
    expect(Object.keys(included[0].Membership.get({ plain: true })).sort()).toEqual(['ProjectId', 'UserId', 'createdAt', 'role', 'updatedAt']);
    const owners = await ann.getProjects({ through: { where: { role: 'owner' } } });
    expect(owners.map((p: any) => p.name)).toEqual(['x']);
  });

  it('getProjects with scope: a named scope, or false to see targets the default scope hides (regression: scope and the default scope were ignored)', async () => {
    expect((await ann.getProjects({ scope: 'named' })).map((p: any) => p.name)).toEqual(['x']);
    await py.update({ archived: true });
    expect((await ann.getProjects()).map((p: any) => p.name)).toEqual(['x']);
    expect((await ann.getProjects({ scope: false, order: [['id', 'ASC']] })).map((p: any) => p.name)).toEqual(['x', 'y']);
  });

  it('countProjects with where', async () => {
    expect(await ann.countProjects()).toBe(2);
    expect(await ann.countProjects({ where: { name: 'x' } })).toBe(1);
    expect(await py.countUsers()).toBe(2);
  });

  it('hasProject / hasProjects with instances, keys and mixes', async () => {
    expect(await ann.hasProject(px)).toBe(true);
    expect(await ann.hasProject(py.id)).toBe(true);
    expect(await ann.hasProject(pz)).toBe(false);
    expect(await ann.hasProjects([px, py.id])).toBe(true);
    expect(await ann.hasProjects([px.id, pz])).toBe(false);
    expect(await bob.hasProject(px)).toBe(false);
  });

  it('addProject / addProjects with an instance, a key and arrays write junction rows', async () => {
    const added = await bob.addProject(px);
    expect(Array.isArray(added) && added.map((row: any) => [row.get('UserId'), row.get('ProjectId')])).toEqual([[bob.id, px.id]]);
    await bob.addProject(pz.id);
    expect(await links()).toEqual([[ann.id, px.id, 'owner'], [ann.id, py.id, 'member'], [bob.id, px.id, 'member'], [bob.id, py.id, 'lead'], [bob.id, pz.id, 'member']]);
    const cid = await User.create({ name: 'cid' });
    await cid.addProjects([px, py.id, pz]);
    expect((await links()).filter(([u]) => u === cid.id)).toEqual([[cid.id, px.id, 'member'], [cid.id, py.id, 'member'], [cid.id, pz.id, 'member']]);
  });

  it('addProject(p, { through: { role } }) sets the junction values; on an existing link it updates them', async () => {
    await bob.addProject(px, { through: { role: 'lead' } });
    expect((await links()).filter(([u]) => u === bob.id)).toEqual([[bob.id, px.id, 'lead'], [bob.id, py.id, 'lead']]);
    await ann.addProject(py, { through: { role: 'owner' } });
    expect((await links()).filter(([u]) => u === ann.id)).toEqual([[ann.id, px.id, 'owner'], [ann.id, py.id, 'owner']]);
    // adding an existing link without values changes nothing
    await ann.addProjects([px, py]);
    expect((await links()).filter(([u]) => u === ann.id)).toEqual([[ann.id, px.id, 'owner'], [ann.id, py.id, 'owner']]);
  });

  it('per-link junction values: addProjects([{ target, through }]) and setProjects with them', async () => {
    const cid = await User.create({ name: 'cid' });
    await cid.addProjects([{ target: px, through: { role: 'owner' } }, { target: py.id, through: { role: 'lead' } }, pz]);
    expect((await links()).filter(([u]) => u === cid.id)).toEqual([[cid.id, px.id, 'owner'], [cid.id, py.id, 'lead'], [cid.id, pz.id, 'member']]);
    await cid.setProjects([{ target: px, through: { role: 'member' } }, { target: pz, through: { role: 'lead' } }]);
    expect((await links()).filter(([u]) => u === cid.id)).toEqual([[cid.id, px.id, 'member'], [cid.id, pz.id, 'lead']]);
  });

  it('removeProject / removeProjects delete junction rows only; the projects stay', async () => {
    expect(await ann.removeProject(px)).toBe(ann);
    expect(await links()).toEqual([[ann.id, py.id, 'member'], [bob.id, py.id, 'lead']]);
    await ann.removeProjects([py.id, pz]);
    expect(await links()).toEqual([[bob.id, py.id, 'lead']]);
    expect(await tableRows(db, dialect, 'Projects', ['name'])).toEqual([{ name: 'x' }, { name: 'y' }, { name: 'z' }]);
  });

  it('setProjects replaces the links (instances and keys); set(null) and set([]) remove them all', async () => {
    expect(await ann.setProjects([py, pz.id])).toBe(ann);
    // py keeps its junction row (and role); px's link goes; pz's is new
    expect(await links()).toEqual([[ann.id, py.id, 'member'], [ann.id, pz.id, 'member'], [bob.id, py.id, 'lead']]);
    await ann.setProjects([py], { through: { role: 'lead' } });
    expect(await links()).toEqual([[ann.id, py.id, 'lead'], [bob.id, py.id, 'lead']]);
    await ann.setProjects(null);
    await bob.setProjects([]);
    expect(await links()).toEqual([]);
    expect(await tableRows(db, dialect, 'Projects', ['name'])).toEqual([{ name: 'x' }, { name: 'y' }, { name: 'z' }]);
  });

  it('createProject inserts the project and its junction row, with through values', async () => {
    const made = await bob.createProject({ name: 'w' }, { through: { role: 'owner' } });
    expect(made).toBeInstanceOf(Project);
    expect([made.name, made.isNewRecord]).toEqual(['w', false]);
    expect((await links()).filter(([u]) => u === bob.id)).toEqual([[bob.id, py.id, 'lead'], [bob.id, made.id, 'owner']]);
    expect((await bob.getProjects({ where: { name: 'w' } }))[0].Membership.role).toBe('owner');
  });

  it('multi-statement accessors run in one transaction', async () => {
    await ann.setProjects([pz]);
    const ids = new Set(log.map((l) => /^Executing \(([^)]+)\)/.exec(l)?.[1]));
    expect(log.length).toBeGreaterThanOrEqual(3);
    expect([...ids]).toHaveLength(1);
    expect([...ids][0]).not.toBe('default');
  });

  it('atomic: setProjects whose insert violates a foreign key leaves the links unchanged', async () => {
    const before = await links();
    await expect(ann.setProjects([pz, 99999])).rejects.toBeInstanceOf(ForeignKeyConstraintError);
    expect(await links()).toEqual(before);
  });

  it('atomic: addProjects that updates one link, then fails to insert another, leaves the links unchanged', async () => {
    const before = await links();
    await expect(ann.addProjects([{ target: px, through: { role: 'lead' } }, { target: 99999, through: { role: 'lead' } }])).rejects.toBeInstanceOf(ForeignKeyConstraintError);
    expect(await links()).toEqual(before);
  });

  it('atomic: createProject whose junction row fails validation leaves no project behind', async () => {
    // The junction row is written by a validating bulkCreate, as in Sequelize: its failure is an AggregateError of the row's ValidationError.
    const failure = (await ann.createProject({ name: 'w' }, { through: { role: 'emperor' } }).catch((e: unknown) => e)) as AggregateError;
    expect(failure).toBeInstanceOf(AggregateError);
    expect((failure.errors[0] as unknown as { errors: unknown }).errors).toBeInstanceOf(ValidationError);
    expect(await tableRows(db, dialect, 'Projects', ['name'])).toEqual([{ name: 'x' }, { name: 'y' }, { name: 'z' }]);
    expect(await links()).toEqual([[ann.id, px.id, 'owner'], [ann.id, py.id, 'member'], [bob.id, py.id, 'lead']]);
  });

  it('deleting either side removes its junction rows in the database (ON DELETE CASCADE)', async () => {
    await py.destroy();
    expect(await links()).toEqual([[ann.id, px.id, 'owner']]);
    await ann.destroy();
    expect(await links()).toEqual([]);
    expect(await tableRows(db, dialect, 'Projects', ['name'])).toEqual([{ name: 'x' }, { name: 'z' }]);
  });
});
