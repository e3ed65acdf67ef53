/**
 * Holes the reliability suite found, one test each, named after what broke. (Concurrency, atomicity
 * and connection holes are pinned in their own files: concurrency.test.ts, atomicity.test.ts,
 * connection-faults.test.ts.)
 */
import { beforeAll, expect, it } from 'vitest';
import { DataTypes, EagerLoadingError, InvalidOptionError, QueryTypes, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { quoteId } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('reliability regressions', ({ dialect, connect }) => {
  let db: Relata;
  let User: ModelStatic<Model>;
  let Post: ModelStatic<Model>;
  let ada: Model & Record<string, any>;

  beforeAll(async () => {
    db = await connect();
    User = db.define('User', { email: DataTypes.STRING, password: DataTypes.STRING, role: DataTypes.STRING });
    Post = db.define('Post', { title: DataTypes.STRING });
    const Org = db.define('Org', { name: DataTypes.STRING });
    const Tag = db.define('Tag', { name: DataTypes.STRING });
    const Membership = db.define('Membership', { role: DataTypes.STRING });
    User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
    User.belongsTo(Org, { as: 'org', foreignKey: 'orgId' });
    Post.belongsToMany(Tag, { through: Membership, as: 'tags', foreignKey: 'postId', otherKey: 'tagId' });
    await db.sync({ force: true });
    ada = (await User.create({ email: 'ada@x.io', password: 'secret', role: 'user' })) as Model & Record<string, any>;
    await User.create({ email: 'bob@x.io', password: 'hunter2', role: 'admin' });
    await Post.create({ title: 'hello', userId: ada.get('id') });
  });

  it('an empty object as a where value ({ password: {} } from a JSON body) no longer matches every row', async () => {
    const body = JSON.parse('{"email": "bob@x.io", "password": {}}') as Record<string, unknown>;
    const empty = /got an empty object; give a value, null, an array, or Op operators/;
    await expect(User.findOne({ where: { email: body['email'], password: body['password'] } })).rejects.toThrow(empty);
    await expect(User.findByPk({})).rejects.toThrow(empty);
    await expect(User.findAll({ include: [{ association: 'posts', where: { title: {} } }] })).rejects.toThrow(empty);
    await expect(ada['getPosts']({ where: { title: {} } })).rejects.toThrow(empty);
    await expect(User.count({ where: { password: {} } })).rejects.toBeInstanceOf(InvalidOptionError);
  });

  it('include by a prototype property name (constructor, __proto__, toString) is an EagerLoadingError, not a TypeError', async () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      await expect(User.findAll({ include: [name] })).rejects.toThrow(new EagerLoadingError(`Association with alias "${name}" does not exist on User. Associations of User: posts, org`));
      await expect(User.findAll({ include: [{ association: name }] })).rejects.toBeInstanceOf(EagerLoadingError);
      await expect(User.findAll({ include: [{ model: Post, as: name }] })).rejects.toBeInstanceOf(EagerLoadingError);
    }
  });

  it('a "__proto__" key in create values no longer swaps the prototype and writes the attributes it carries', async () => {
    const body = JSON.parse('{"email": "eve@x.io", "__proto__": {"role": "admin"}}') as Record<string, unknown>;
    await expect(User.create(body)).rejects.toThrow('User.set(): each key must be an attribute or include name, not "__proto__" (drop it from the input), got "__proto__"');
    await expect(User.bulkCreate([body])).rejects.toBeInstanceOf(InvalidOptionError);
    expect(() => ada.set(body)).toThrow(InvalidOptionError);
    expect(await User.count({ where: { email: 'eve@x.io' } })).toBe(0);
    expect(ada.get('role')).toBe('user');
  });

  it('an attribute alias the database would rename (63+ bytes, surrounding spaces, control characters, lone surrogates, __proto__) is refused instead of read back as null', async () => {
    for (const alias of ['a'.repeat(64), ' email', 'email ', 'e\nmail', 'e\u0000mail', 'e\uD800mail', '__proto__', '']) {
      await expect(User.findAll({ attributes: ['id', ['email', alias]], raw: true })).rejects.toThrow(/an attribute alias must be a name of 1 to 63 bytes of valid text/);
    }
    const fine = 'é'.repeat(31);
    expect((await User.findAll({ attributes: [['email', fine]], order: [['id', 'ASC']], raw: true })).map((r) => r[fine])).toEqual(['ada@x.io', 'bob@x.io']);
  });

  it('relata.model() and Model.scope() no longer resolve Object.prototype members (model("constructor") returned Object)', () => {
    expect(() => db.model('constructor')).toThrow(InvalidOptionError);
    expect(() => db.model('__proto__')).toThrow(InvalidOptionError);
    expect(() => User.scope('toString')).toThrow(InvalidOptionError);
    expect(() => User.scope({ method: ['constructor'] })).toThrow(InvalidOptionError);
  });

  it('create and bulkCreate with include write the associated rows (the include was silently ignored)', async () => {
    const values = {
      email: 'cy@x.io',
      org: { name: 'acme' },
      posts: [{ title: 'one', tags: [{ name: 'red', Membership: { role: 'owner' } }] }, { title: 'two' }],
    };
    const include = ['org', { association: 'posts', include: ['tags'] }];
    const created = (await User.create(values as never, { include })) as Model & Record<string, any>;
    const [bulk] = (await User.bulkCreate([{ ...values, email: 'di@x.io' }] as never, { include })) as (Model & Record<string, any>)[];
    for (const user of [created, bulk as Model & Record<string, any>]) {
      expect((user['posts'] as Model[]).map((p) => [p.get('title'), p.get('userId')])).toEqual([['one', user.get('id')], ['two', user.get('id')]]);
      const q = (name: string) => quoteId(dialect, name);
      const rows = (await db.query(
        `SELECT o.${q('name')} AS org, p.${q('title')} AS post, t.${q('name')} AS tag, m.${q('role')} AS role FROM ${q('Users')} u ` +
          `JOIN ${q('Orgs')} o ON o.${q('id')} = u.${q('orgId')} JOIN ${q('Posts')} p ON p.${q('userId')} = u.${q('id')} ` +
          `LEFT JOIN ${q('Memberships')} m ON m.${q('postId')} = p.${q('id')} LEFT JOIN ${q('Tags')} t ON t.${q('id')} = m.${q('tagId')} ` +
          `WHERE u.${q('id')} = ? ORDER BY p.${q('id')}`,
        { replacements: [user.get('id')], type: QueryTypes.SELECT },
      )) as Record<string, unknown>[];
      expect(rows).toEqual([
        { org: 'acme', post: 'one', tag: 'red', role: 'owner' },
        { org: 'acme', post: 'two', tag: null, role: null },
      ]);
    }
  });
});
