import { beforeAll, expect, it } from 'vitest';
import { DataTypes, EagerLoadingError, Op, UnknownAttributeError, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

const names = (rows: Model[]): unknown[] => rows.map((r) => r.get('name'));
const titles = (row: Model, as = 'posts'): unknown[] => (row.get(as) as Model[]).map((p) => p.get('title'));

describeEachDialect('include: correctness beyond Sequelize', ({ dialect, connect }) => {
  let relata: Relata;
  let User: ModelStatic<Model>;
  let Post: ModelStatic<Model>;
  let Comment: ModelStatic<Model>;
  let Profile: ModelStatic<Model>;
  let Group: ModelStatic<Model>;
  const sql = captureSql();

  beforeAll(async () => {
    relata = await connect({ logging: sql.logging });
    User = relata.define('IlUser', { name: DataTypes.STRING });
    Post = relata.define('IlPost', { title: DataTypes.STRING, published: DataTypes.BOOLEAN });
    Comment = relata.define('IlComment', { body: DataTypes.STRING });
    Profile = relata.define('IlProfile', { bio: DataTypes.STRING });
    Group = relata.define('IlGroup', { name: DataTypes.STRING });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId' });
    User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
    User.belongsToMany(Group, { through: 'IlMemberships', as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });
    await relata.sync({ force: true });
    await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }, { name: 'cid' }, { name: 'dee' }]);
    // ann: 3 posts (2 published); bob: 1 unpublished; cid: 2 published; dee: none
    await Post.bulkCreate([
      { title: 'zeta', published: true, userId: 1 }, { title: 'eta', published: true, userId: 1 }, { title: 'theta', published: false, userId: 1 },
      { title: 'alpha', published: false, userId: 2 },
      { title: 'beta', published: true, userId: 3 }, { title: 'gamma', published: true, userId: 3 },
    ]);
    await Comment.bulkCreate([{ body: 'c1', postId: 1 }, { body: 'c2', postId: 1 }, { body: 'c3', postId: 5 }]);
    await Profile.bulkCreate([{ bio: 'b-ann', userId: 1 }, { bio: 'b-cid', userId: 3 }]);
    await Group.bulkCreate([{ name: 'g1' }, { name: 'g2' }]);
    await relata.model('IlMemberships').bulkCreate([{ userId: 1, groupId: 1 }, { userId: 1, groupId: 2 }, { userId: 3, groupId: 2 }]);
  });

  it('limit counts root rows even with a filtered to-many include, and no root is duplicated', async () => {
    const users = await User.findAll({ include: [{ model: Post, as: 'posts', where: { published: true } }], order: [['id', 'ASC']], limit: 2 });
    expect(names(users)).toEqual(['ann', 'cid']);
    expect(titles(users[0] as Model)).toEqual(['zeta', 'eta']);
    expect(titles(users[1] as Model)).toEqual(['beta', 'gamma']);
  });

  it('offset skips root rows', async () => {
    const users = await User.findAll({ include: [{ model: Post, as: 'posts', where: { published: true } }], order: [['id', 'ASC']], limit: 5, offset: 1 });
    expect(names(users)).toEqual(['cid']);
  });

  it('findAndCountAll counts roots that match, agreeing with the rows', async () => {
    const { count, rows } = await User.findAndCountAll({ include: [{ model: Post, as: 'posts', where: { published: true } }], order: [['id', 'ASC']], limit: 1 });
    expect(count).toBe(2);
    expect(names(rows)).toEqual(['ann']);
    const all = await User.findAndCountAll({ include: ['posts'] });
    expect(all.count).toBe(4);
    expect(all.rows).toHaveLength(4);
  });

  it('required: false keeps every root and filters only the children', async () => {
    const users = await User.findAll({ include: [{ model: Post, as: 'posts', where: { published: true }, required: false }], order: [['id', 'ASC']] });
    expect(names(users)).toEqual(['ann', 'bob', 'cid', 'dee']);
    expect(users.map((u) => titles(u))).toEqual([['zeta', 'eta'], [], ['beta', 'gamma'], []]);
  });

  it('ordering by an included column works with limit and orders the children too', async () => {
    // dee has no posts; NULL sorts differently per dialect, so she is left out here.
    const users = await User.findAll({ where: { id: { [Op.ne]: 4 } }, include: [{ model: Post, as: 'posts' }], order: [[{ model: Post, as: 'posts' }, 'title', 'ASC']], limit: 2 });
    expect(names(users)).toEqual(['bob', 'cid']);
    expect(titles(users[1] as Model)).toEqual(['beta', 'gamma']);
    const desc = await User.findAll({ include: ['posts'], where: { id: [1, 3] }, order: [['posts', 'title', 'DESC']] });
    expect(names(desc)).toEqual(['ann', 'cid']);
    expect(titles(desc[0] as Model)).toEqual(['zeta', 'theta', 'eta']);
  });

  it("top-level where on an included column ('$posts.title$') filters roots without duplicating them", async () => {
    const users = await User.findAll({ where: { [Op.or]: [{ name: 'dee' }, { '$posts.title$': { [Op.in]: ['alpha', 'beta', 'gamma'] } }] }, include: ['posts'], order: [['id', 'ASC']] });
    expect(names(users)).toEqual(['bob', 'cid', 'dee']);
    expect(await User.count({ where: { '$posts.published$': false }, include: ['posts'] })).toBe(2);
  });

  it('nested includes load to any depth: to-one includes join, to-many includes aggregate to JSON (SQLite) or add one query each (PostgreSQL, MariaDB)', async () => {
    sql.statements.length = 0;
    const users = await User.findAll({
      include: [{ model: Post, as: 'posts', include: [{ model: Comment, as: 'comments' }] }, 'profile', 'groups'],
      order: [['id', 'ASC']],
    });
    if (dialect === 'postgres' || dialect === 'mariadb') {
      // Batched (PostgreSQL and MariaDB by default): users ⟕ profile, then posts, comments, groups (with their junction rows joined)
      expect(sql.statements).toHaveLength(4);
    } else {
      // one statement: posts (with comments nested inside) and groups are JSON arrays per user row
      expect(sql.statements).toHaveLength(1);
      expect(sql.statements[0]?.split('json_group_array')).toHaveLength(4);
    }
    expect(sql.statements[0]).toMatch(/left join ["`]IlProfiles["`] as ["`]profile["`]/);
    const ann = users[0] as Model;
    expect((ann.get('posts') as Model[]).map((p) => (p.get('comments') as Model[]).map((c) => c.get('body')))).toEqual([['c1', 'c2'], [], []]);
    expect((ann.get('profile') as Model).get('bio')).toBe('b-ann');
    expect((users[1] as Model).get('profile')).toBeNull();
    expect((ann.get('groups') as Model[]).map((g) => g.get('name'))).toEqual(['g1', 'g2']);
    const json = ann.toJSON() as { groups: { IlMemberships: { userId: number; groupId: number } }[] };
    expect(json.groups.map((g) => [g.IlMemberships.userId, g.IlMemberships.groupId])).toEqual([[1, 1], [1, 2]]);
  });

  it('a required nested include filters through every level', async () => {
    const users = await User.findAll({ include: [{ model: Post, as: 'posts', required: true, include: [{ model: Comment, as: 'comments', where: { body: 'c3' } }] }] });
    expect(names(users)).toEqual(['cid']);
    expect(titles(users[0] as Model)).toEqual(['beta']);
  });

  it('include: { all: true } loads every association', async () => {
    const [ann] = await User.findAll({ where: { id: 1 }, include: { all: true } });
    expect(Object.keys((ann as Model).dataValues).filter((k) => ['posts', 'profile', 'groups'].includes(k)).sort()).toEqual(['groups', 'posts', 'profile']);
  });

  it('unknown includes and include paths are typed errors that never reach SQL', async () => {
    sql.statements.length = 0;
    await expect(User.findAll({ include: ['nope'] })).rejects.toBeInstanceOf(EagerLoadingError);
    await expect(User.findAll({ include: ['nope'] })).rejects.toThrow('Associations of IlUser: posts, profile, groups');
    await expect(User.findAll({ where: { '$posts.nope$': 1 }, include: ['posts'] })).rejects.toBeInstanceOf(UnknownAttributeError);
    await expect(User.findAll({ where: { '$comments.body$': 1 }, include: ['posts'] })).rejects.toBeInstanceOf(UnknownAttributeError);
    expect(sql.statements).toHaveLength(0);
  });
});

describeEachDialect('include: a limit per parent', ({ connect }) => {
  it('limit/offset inside a to-many include apply to each parent, in one query', async () => {
    const sql = captureSql();
    const relata = await connect({ logging: sql.logging });
    const User = relata.define('PpUser', { name: DataTypes.STRING });
    const Post = relata.define('PpPost', { title: DataTypes.STRING });
    const Tag = relata.define('PpTag', { name: DataTypes.STRING });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    User.belongsToMany(Tag, { through: 'PpUserTags', as: 'tags', foreignKey: 'userId', otherKey: 'tagId' });
    await relata.sync({ force: true });
    await User.bulkCreate([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    await Post.bulkCreate(['a1', 'a2', 'a3', 'b1', 'b2', 'c1'].map((t) => ({ title: t, userId: { a: 1, b: 2, c: 3 }[t[0] as 'a' | 'b' | 'c'] })));
    await Tag.bulkCreate([{ name: 't1' }, { name: 't2' }, { name: 't3' }]);
    await relata.model('PpUserTags').bulkCreate([{ userId: 1, tagId: 1 }, { userId: 1, tagId: 2 }, { userId: 1, tagId: 3 }, { userId: 2, tagId: 3 }]);
    sql.statements.length = 0;
    const users = await User.findAll({
      include: [
        { model: Post, as: 'posts', separate: true, order: [['title', 'DESC']], limit: 2 },
        { model: Tag, as: 'tags', order: [['name', 'ASC']], limit: 1, offset: 1 },
      ],
      order: [['id', 'ASC']],
    });
    expect(sql.statements).toHaveLength(3);
    expect(users.map((u) => titles(u))).toEqual([['a3', 'a2'], ['b2', 'b1'], ['c1']]);
    expect(users.map((u) => (u.get('tags') as Model[]).map((t) => t.get('name')))).toEqual([['t2'], [], []]);
  });
});
