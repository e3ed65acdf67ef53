import { beforeAll, expect, it } from 'vitest';
import { col, DataTypes, fn, Model, type FindOptions, type ModelStatic, type Relata } from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

type Row = Record<string, unknown>;

/** Instances constructed so far (every model below counts its own construction). */
let built = 0;
/** A model class that counts the instances built of it (a class field makes relata run the constructor). */
function counted(): typeof Model {
  return class extends Model {
    counted = true;
    constructor(values?: Record<string, unknown>, options?: Record<string, unknown>) {
      super(values as never, options as never);
      built++;
    }
  } as unknown as typeof Model;
}

/**
 * `raw: true` finds with includes return what the instances' `get({ plain: true })` returns (nested
 * plain objects), and build no instance on the way when no model has a getter: joined to-one, JSON
 * to-many, batched to-many (a BLOB target), junction rows, nested levels.
 */
describeEachDialect('raw: true rows with includes, without instances', ({ connect }) => {
  let relata: Relata;
  let User: ModelStatic<Model>;
  let Profile: ModelStatic<Model>;
  let Post: ModelStatic<Model>;
  let Comment: ModelStatic<Model>;
  let File: ModelStatic<Model>;
  let Group: ModelStatic<Model>;
  let Badge: ModelStatic<Model>;
  let Tag: ModelStatic<Model>;
  const sql = captureSql();

  beforeAll(async () => {
    relata = await connect({ logging: sql.logging });
    const init = (name: string, attributes: Record<string, unknown>, options: Record<string, unknown> = {}): ModelStatic<Model> => {
      const model = counted() as unknown as ModelStatic<Model> & { init(a: unknown, o: unknown): void };
      Object.defineProperty(model, 'name', { value: name });
      model.init(attributes, { sequelize: relata, timestamps: false, ...options });
      return model;
    };
    User = init('RrUser', { name: DataTypes.STRING, active: DataTypes.BOOLEAN, born: DataTypes.DATE });
    Profile = init('RrProfile', { bio: DataTypes.STRING, meta: DataTypes.JSON });
    Post = init('RrPost', { title: DataTypes.STRING });
    Comment = init('RrComment', { body: DataTypes.STRING });
    File = init('RrFile', { label: DataTypes.STRING, data: DataTypes.BLOB });
    Group = init('RrGroup', { name: DataTypes.STRING });
    Badge = init('RrBadge', { name: DataTypes.STRING, icon: DataTypes.BLOB });
    Tag = init('RrTag', { name: DataTypes.STRING }, { getterMethods: { shout(this: Model) { return `${String((this as unknown as { getDataValue(k: string): unknown }).getDataValue('name'))}!`; } } });
    const Member = init('RrMember', { role: DataTypes.STRING });
    const Award = init('RrAward', {});
    User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
    Profile.belongsTo(User, { as: 'owner', foreignKey: 'userId' });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId' });
    Post.hasMany(Tag, { as: 'tags', foreignKey: 'postId' });
    User.hasMany(File, { as: 'files', foreignKey: 'userId' });
    User.belongsToMany(Group, { through: Member, as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });
    Group.belongsToMany(User, { through: Member, as: 'members', foreignKey: 'groupId', otherKey: 'userId' });
    User.belongsToMany(Badge, { through: Award, as: 'badges', foreignKey: 'userId', otherKey: 'badgeId' });
    await relata.sync({ force: true });
    await User.bulkCreate([
      { id: 1, name: 'ann', active: true, born: new Date('2000-01-02T03:04:05.000Z') },
      { id: 2, name: 'bob', active: false, born: null },
      { id: 3, name: 'cid', active: true, born: new Date('2001-02-03T04:05:06.000Z') },
    ]);
    await Profile.bulkCreate([{ id: 1, bio: 'b-ann', meta: { x: 1 }, userId: 1 }, { id: 2, bio: 'b-cid', meta: null, userId: 3 }]);
    await Post.bulkCreate([{ id: 1, title: 'p1', userId: 1 }, { id: 2, title: 'p2', userId: 1 }, { id: 3, title: 'p3', userId: 2 }]);
    await Comment.bulkCreate([{ id: 1, body: 'c1', postId: 1 }, { id: 2, body: 'c2', postId: 1 }, { id: 3, body: 'c3', postId: 3 }]);
    await Tag.bulkCreate([{ id: 1, name: 'x', postId: 1 }]);
    await File.bulkCreate([{ id: 1, label: 'f1', data: Buffer.from('ab'), userId: 1 }, { id: 2, label: 'f2', data: null, userId: 1 }, { id: 3, label: 'f3', data: Buffer.from('c'), userId: 3 }]);
    await Group.bulkCreate([{ id: 1, name: 'g1' }, { id: 2, name: 'g2' }]);
    await Member.bulkCreate([{ userId: 1, groupId: 1, role: 'r1' }, { userId: 1, groupId: 2, role: 'r2' }, { userId: 3, groupId: 2, role: 'r3' }]);
    await Badge.bulkCreate([{ id: 1, name: 'gold', icon: Buffer.from([1]) }]);
    await Award.bulkCreate([{ userId: 1, badgeId: 1 }, { userId: 3, badgeId: 1 }]);
  });

  /** The same find with raw: true and as instances' get({ plain: true }), and the instances the raw one built. */
  async function both(model: ModelStatic<Model>, options: FindOptions): Promise<{ raw: Row[]; plain: Row[]; rawBuilt: number; statements: number }> {
    const plain = (await model.findAll(options)).map((i) => i.get({ plain: true }) as Row);
    built = 0;
    sql.statements.length = 0;
    const raw = (await model.findAll({ ...options, raw: true })) as unknown as Row[];
    return { raw, plain, rawBuilt: built, statements: sql.statements.length };
  }

  const byId: FindOptions['order'] = [['id', 'ASC']];

  it('a joined to-one and JSON or batched to-many includes: nested plain rows, no instance', async () => {
    const { raw, plain, rawBuilt } = await both(User, { include: [{ model: Profile, as: 'profile' }, { model: Post, as: 'posts' }, { model: Group, as: 'groups' }], order: byId });
    expect(rawBuilt).toBe(0);
    expect(raw).toEqual(plain);
    const posts = (raw[0]?.['posts'] as Row[]).sort((a, b) => Number(a['id']) - Number(b['id']));
    const groups = (raw[0]?.['groups'] as Row[]).sort((a, b) => Number(a['id']) - Number(b['id']));
    expect({ ...raw[0], posts, groups }).toEqual({
      id: 1, name: 'ann', active: true, born: new Date('2000-01-02T03:04:05.000Z'),
      profile: { id: 1, bio: 'b-ann', meta: { x: 1 }, userId: 1 },
      posts: [{ id: 1, title: 'p1', userId: 1 }, { id: 2, title: 'p2', userId: 1 }],
      groups: [{ id: 1, name: 'g1', RrMember: { role: 'r1', userId: 1, groupId: 1 } }, { id: 2, name: 'g2', RrMember: { role: 'r2', userId: 1, groupId: 2 } }],
    });
    expect(raw[1]).toEqual({ id: 2, name: 'bob', active: false, born: null, profile: null, posts: [{ id: 3, title: 'p3', userId: 2 }], groups: [] });
    for (const row of raw) expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('nested includes and include attributes: the attributes asked for, the keys read to stitch left out', async () => {
    const { raw, plain, rawBuilt } = await both(User, { attributes: ['name'], include: [{ model: Post, as: 'posts', attributes: ['title'], include: [{ model: Comment, as: 'comments', attributes: ['body'] }] }], order: byId });
    expect(rawBuilt).toBe(0);
    expect(raw).toEqual(plain);
    const sorted = raw.map((u) => ({ ...u, posts: (u['posts'] as Row[]).map((p): Row => ({ ...p, comments: (p['comments'] as Row[]).map((c) => c['body']).sort() })).sort((a, b) => String(a['title']).localeCompare(String(b['title']))) }));
    expect(sorted).toEqual([
      { name: 'ann', posts: [{ title: 'p1', comments: ['c1', 'c2'] }, { title: 'p2', comments: [] }] },
      { name: 'bob', posts: [{ title: 'p3', comments: ['c3'] }] },
      { name: 'cid', posts: [] },
    ]);
  });

  it('batched loads (BLOB targets, plain and through a junction) fill plain rows', async () => {
    const { raw, plain, rawBuilt, statements } = await both(User, { include: [{ model: File, as: 'files' }, { model: Badge, as: 'badges', through: { attributes: [] } }], order: byId });
    expect(rawBuilt).toBe(0);
    // The users, then one query for the files and one for the badges with their junction.
    expect(statements).toBe(3);
    expect(raw).toEqual(plain);
    expect(raw.map((u) => [u['id'], (u['files'] as Row[]).map((f) => [f['label'], f['data']]).sort(), u['badges']])).toEqual([
      [1, [['f1', Buffer.from('ab')], ['f2', null]], [{ id: 1, name: 'gold', icon: Buffer.from([1]) }]],
      [2, [], []],
      [3, [['f3', Buffer.from('c')]], [{ id: 1, name: 'gold', icon: Buffer.from([1]) }]],
    ]);
  });

  it('a batched load below a joined to-one include, and parents sharing a key each get their own rows', async () => {
    const owners = await both(Profile, { include: [{ model: User, as: 'owner', include: [{ model: File, as: 'files' }] }], order: byId });
    expect(owners.rawBuilt).toBe(0);
    expect(owners.raw).toEqual(owners.plain);
    expect(owners.raw.map((p) => [p['bio'], ((p['owner'] as Row)['files'] as Row[]).map((f) => f['label']).sort()])).toEqual([['b-ann', ['f1', 'f2']], ['b-cid', ['f3']]]);
    // ann is a member of both groups: her files load once, and each group's row of her has its own copy.
    const groups = await both(Group, { include: [{ model: User, as: 'members', include: [{ model: File, as: 'files' }] }], order: byId });
    expect(groups.rawBuilt).toBe(0);
    expect(groups.raw).toEqual(groups.plain);
    const annIn = groups.raw.map((g) => (g['members'] as Row[]).find((m) => m['id'] === 1) as Row);
    expect(annIn.map((a) => (a['files'] as Row[]).map((f) => f['label']).sort())).toEqual([['f1', 'f2'], ['f1', 'f2']]);
    expect(annIn[0]).not.toBe(annIn[1]);
    expect(annIn[0]?.['files']).not.toBe(annIn[1]?.['files']);
    expect((annIn[0]?.['files'] as Row[])[0]).not.toBe((annIn[1]?.['files'] as Row[])[0]);
  });

  it('to-many includes joined for order expressions, beside a batched one: each post and group once under its user', async () => {
    // posts and groups are both joined (the order names their columns): a user's row repeats per
    // (post, group) pair, and each repeat finds its post and group already attached. files (BLOB) are batched.
    const { raw, plain, rawBuilt } = await both(User, {
      include: [{ model: Post, as: 'posts' }, { model: Group, as: 'groups' }, { model: File, as: 'files' }],
      order: [['id', 'ASC'], [fn('lower', col('posts.title')), 'ASC'], [fn('lower', col('groups.name')), 'ASC']],
    });
    expect(rawBuilt).toBe(0);
    expect(raw).toEqual(plain);
    const shape = raw.map((u) => [u['name'], (u['posts'] as Row[]).map((p) => p['title']), (u['groups'] as Row[]).map((g) => g['name']), (u['files'] as Row[]).map((f) => f['label']).sort()]);
    expect(shape).toEqual([
      ['ann', ['p1', 'p2'], ['g1', 'g2'], ['f1', 'f2']],
      ['bob', ['p3'], [], []],
      ['cid', [], ['g2'], ['f3']],
    ]);
  });

  it('joined to-many includes that leave their keys out: each child once, as instances and as raw rows', async () => {
    // The keys are read to tell the children apart, then dropped (attributes lists neither id):
    // a repeated row must still find the child it already attached.
    const { raw, plain, rawBuilt } = await both(User, {
      include: [{ model: Post, as: 'posts', attributes: ['title'] }, { model: Group, as: 'groups', attributes: ['name'] }, { model: File, as: 'files', attributes: ['label'] }],
      order: [['id', 'ASC'], [fn('lower', col('posts.title')), 'ASC'], [fn('lower', col('groups.name')), 'ASC']],
    });
    expect(rawBuilt).toBe(0);
    const shape = (rows: Row[]) => rows.map((u) => [u['name'], u['posts'], (u['groups'] as Row[]).map((g) => g['name']), (u['files'] as Row[]).map((f) => f['label']).sort()]);
    const expected = [
      ['ann', [{ title: 'p1' }, { title: 'p2' }], ['g1', 'g2'], ['f1', 'f2']],
      ['bob', [{ title: 'p3' }], [], []],
      ['cid', [], ['g2'], ['f3']],
    ];
    expect(shape(plain)).toEqual(expected);
    expect(shape(raw)).toEqual(expected);
  });

  it('findOne with raw: true returns one plain row', async () => {
    built = 0;
    const one = (await User.findOne({ where: { id: 3 }, include: [{ model: Profile, as: 'profile' }, { model: File, as: 'files' }], raw: true })) as unknown as Row;
    expect(built).toBe(0);
    expect(one).toEqual({ id: 3, name: 'cid', active: true, born: new Date('2001-02-03T04:05:06.000Z'), profile: { id: 2, bio: 'b-cid', meta: null, userId: 3 }, files: [{ id: 3, label: 'f3', data: Buffer.from('c'), userId: 3 }] });
  });

  it('a model with a getter still goes through instances, as before: the same rows as get({ plain: true })', async () => {
    const { raw, plain, rawBuilt } = await both(User, { include: [{ model: Post, as: 'posts', include: [{ model: Tag, as: 'tags' }] }], order: byId });
    expect(rawBuilt).toBeGreaterThan(0);
    expect(raw).toEqual(plain);
    const p1 = (raw[0]?.['posts'] as Row[]).find((p) => p['id'] === 1);
    expect(p1?.['tags']).toEqual(plain[0] && ((plain[0]['posts'] as Row[]).find((p) => p['id'] === 1) as Row)['tags']);
    expect(Object.getPrototypeOf(raw[0])).toBe(Object.prototype);
  });

  it('a separate include still loads through the target\'s findAll, as before', async () => {
    const { raw, plain, rawBuilt, statements } = await both(User, { include: [{ model: Post, as: 'posts', separate: true }], order: byId });
    expect(statements).toBe(2);
    expect(rawBuilt).toBeGreaterThan(0);
    expect(raw).toEqual(plain);
    expect(raw.map((u) => (u['posts'] as Row[]).map((p) => p['title']).sort())).toEqual([['p1', 'p2'], ['p3'], []]);
  });
});
