import { beforeAll, expect, it } from 'vitest';
import { DataTypes, UnbatchedLazyLoadError, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

type Row = Model & Record<string, unknown> & { [accessor: string]: unknown };
type Accessor<T> = (options?: object) => Promise<T>;

function call<T>(instance: Row, name: string, options?: object): Promise<T> {
  return (instance[name] as Accessor<T>).call(instance, options);
}

describeEachDialect('lazy loading batches over the result set', ({ connect }) => {
  let relata: Relata;
  let User: ModelStatic<Model>;
  let Post: ModelStatic<Model>;
  let Group: ModelStatic<Model>;
  let Profile: ModelStatic<Model>;
  const sql = captureSql();

  beforeAll(async () => {
    relata = await connect({ logging: sql.logging });
    User = relata.define('LzUser', { name: DataTypes.STRING });
    Post = relata.define('LzPost', { title: DataTypes.STRING });
    Group = relata.define('LzGroup', { name: DataTypes.STRING });
    Profile = relata.define('LzProfile', { bio: DataTypes.STRING });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
    User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
    User.belongsToMany(Group, { through: 'LzMemberships', as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });
    await relata.sync({ force: true });
    const users = await User.bulkCreate(Array.from({ length: 100 }, (_, i) => ({ name: `u${i + 1}` })));
    await Post.bulkCreate(users.flatMap((u) => [1, 2, 3].map((n) => ({ title: `${u.get('name') as string}-p${n}`, userId: u.get('id') }))));
    await Profile.bulkCreate(users.filter((_, i) => i % 2 === 0).map((u) => ({ bio: `bio ${u.get('name') as string}`, userId: u.get('id') })));
    const groups = await Group.bulkCreate([{ name: 'g1' }, { name: 'g2' }]);
    for (const u of users.slice(0, 10)) await call(u as Row, 'addGroups', groups);
  });

  it('a for loop over 100 users calling getPosts() runs 2 queries, not 101', async () => {
    sql.statements.length = 0;
    const users = (await User.findAll({ order: [['id', 'ASC']] })) as Row[];
    const titles: string[][] = [];
    for (const user of users) titles.push((await call<Model[]>(user, 'getPosts')).map((p) => p.get('title') as string));
    expect(sql.statements).toHaveLength(2);
    expect(titles).toHaveLength(100);
    expect(titles[0]).toEqual(['u1-p1', 'u1-p2', 'u1-p3']);
    expect(titles[99]).toEqual(['u100-p1', 'u100-p2', 'u100-p3']);
  });

  it('Promise.all over accessors batches too, for to-one and belongsToMany', async () => {
    sql.statements.length = 0;
    const users = (await User.findAll({ order: [['id', 'ASC']], limit: 10 })) as Row[];
    const profiles = await Promise.all(users.map((u) => call<Model | null>(u, 'getProfile')));
    const groups = await Promise.all(users.map((u) => call<Model[]>(u, 'getGroups')));
    expect(sql.statements).toHaveLength(3);
    expect(profiles.map((p) => (p ? (p.get('bio') as string) : null))).toEqual(['bio u1', null, 'bio u3', null, 'bio u5', null, 'bio u7', null, 'bio u9', null]);
    expect(groups.map((g) => g.map((x) => x.get('name')))).toEqual(Array.from({ length: 10 }, () => ['g1', 'g2']));
  });

  it('belongsTo batches: posts → author', async () => {
    sql.statements.length = 0;
    const posts = (await Post.findAll({ where: { userId: [1, 2] }, order: [['id', 'ASC']] })) as Row[];
    const authors = [];
    for (const post of posts) authors.push(((await call<Model>(post, 'getAuthor')).get('name')));
    expect(sql.statements).toHaveLength(2);
    expect(authors).toEqual(['u1', 'u1', 'u1', 'u2', 'u2', 'u2']);
  });

  it('a write between reads is seen: the next instance loads alone', async () => {
    const users = (await User.findAll({ where: { id: [1, 2, 3] }, order: [['id', 'ASC']] })) as Row[];
    const [u1, u2] = users as [Row, Row];
    expect(await call<Model[]>(u1, 'getPosts')).toHaveLength(3);
    const created = (await call<Model>(u2, 'createPost', { title: 'fresh' })) as Model;
    sql.statements.length = 0;
    const posts = await call<Model[]>(u2, 'getPosts');
    expect(posts.map((p) => p.get('title'))).toContain('fresh');
    expect(sql.statements).toHaveLength(1);
    await created.destroy();
  });

  it('accessor options that change rows are not batched', async () => {
    const users = (await User.findAll({ where: { id: [1, 2] }, order: [['id', 'ASC']] })) as Row[];
    sql.statements.length = 0;
    const first = await call<Model[]>(users[0] as Row, 'getPosts', { where: { title: 'u1-p2' } });
    const second = await call<Model[]>(users[1] as Row, 'getPosts', { order: [['id', 'DESC']], limit: 1 });
    expect(first.map((p) => p.get('title'))).toEqual(['u1-p2']);
    expect(second.map((p) => p.get('title'))).toEqual(['u2-p3']);
    expect(sql.statements).toHaveLength(2);
  });
});

describeEachDialect('strict mode', ({ connect }) => {
  it('throws UnbatchedLazyLoadError naming the model and the association for a write-read loop', async () => {
    const relata = await connect({ strict: true });
    const User = relata.define('StUser', { name: DataTypes.STRING });
    const Post = relata.define('StPost', { title: DataTypes.STRING });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    await relata.sync({ force: true });
    await User.bulkCreate([{ name: 'a' }, { name: 'b' }]);
    const [a, b] = (await User.findAll({ order: [['id', 'ASC']] })) as [Row, Row];
    expect(await call<Model[]>(a, 'getPosts')).toEqual([]);
    await call(a, 'createPost', { title: 'x' });
    const error = await call(b, 'getPosts').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnbatchedLazyLoadError);
    expect((error as Error).message).toContain('StUser.posts');
    expect((error as Error).name).toBe('RelataUnbatchedLazyLoadError');
  });
});
