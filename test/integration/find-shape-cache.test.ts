import { beforeAll, expect, it } from 'vitest';
import { DataTypes, InvalidOptionError, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

// Finds of one simple shape reuse their planned SQL; only the values change. These tests pin that
// the reuse never returns stale or wrong results.
describeEachDialect('find: planned SQL reused per option shape', ({ connect }) => {
  let relata: Relata;
  let User: ModelStatic<Model>;
  let Profile: ModelStatic<Model>;
  const sql = captureSql();

  beforeAll(async () => {
    relata = await connect({ logging: sql.logging });
    User = relata.define('FsUser', { name: DataTypes.STRING, age: DataTypes.INTEGER, active: DataTypes.BOOLEAN });
    Profile = relata.define('FsProfile', { bio: DataTypes.STRING });
    User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
    await relata.sync({ force: true });
    await User.bulkCreate([
      { name: 'ada', age: 36, active: true },
      { name: 'alan', age: 41, active: false },
      { name: 'grace', age: 85, active: true },
    ]);
    await Profile.bulkCreate([{ bio: 'engine', userId: 1 }, { bio: 'hopper', userId: 3 }]);
  });

  it('a findByPk loop gets each row, with the same SQL text every time', async () => {
    sql.statements.length = 0;
    const found = [];
    for (const id of [3, 1, 2, 99]) {
      const user = await User.findByPk(id, { include: [{ model: Profile, as: 'profile' }] });
      found.push(user === null ? null : [user.get('name'), (user.get('profile') as Model | null)?.get('bio') ?? null]);
    }
    expect(found).toEqual([['grace', 'hopper'], ['ada', 'engine'], ['alan', null], null]);
    expect(new Set(sql.statements).size).toBe(1);
  });

  it('each call binds its own values, booleans and strings converted by the attribute type', async () => {
    const names = async (where: Record<string, unknown>) => (await User.findAll({ where, order: [['id', 'ASC']] })).map((u) => u.get('name'));
    expect(await names({ active: true })).toEqual(['ada', 'grace']);
    expect(await names({ active: false })).toEqual(['alan']);
    expect(await names({ active: true, age: 85 })).toEqual(['grace']);
    expect(await names({ age: 36, active: true })).toEqual(['ada']);
    expect(await names({ age: '41' })).toEqual(['alan']);
  });

  it('a value the type refuses is still a typed error on a warm shape, before any SQL', async () => {
    await User.findByPk(1);
    sql.statements.length = 0;
    await expect(User.findByPk('1; DELETE FROM "FsUsers"')).rejects.toBeInstanceOf(InvalidOptionError);
    await expect(User.findAll({ where: { age: 'forty' } })).rejects.toThrow('age is INTEGER');
    expect(sql.statements).toEqual([]);
    expect(await User.count()).toBe(3);
  });

  it('a beforeFind hook that rewrites where is honoured on a warm shape', async () => {
    await User.findAll({ where: { name: 'ada' } });
    const hook = (options: { where?: Record<string, unknown> }) => {
      if (options.where?.['name'] === 'ada') options.where = { name: 'grace' };
    };
    User.addHook('beforeFind', 'swap', hook);
    try {
      expect((await User.findAll({ where: { name: 'ada' } })).map((u) => u.get('name'))).toEqual(['grace']);
    } finally {
      User.removeHook('beforeFind', 'swap');
    }
    expect((await User.findAll({ where: { name: 'ada' } })).map((u) => u.get('name'))).toEqual(['ada']);
  });

  it('a scope or association added after a shape was cached changes what that shape selects', async () => {
    const Extra = relata.define('FsExtra', { note: DataTypes.STRING });
    await Extra.sync({ force: true });
    await Extra.create({ note: 'n1' });
    const before = (await Extra.findAll({ where: { note: 'n1' } }))[0] as Model;
    expect(Object.keys(before.dataValues).sort()).toEqual(['createdAt', 'id', 'note', 'updatedAt']);
    Extra.belongsTo(User, { as: 'owner', foreignKey: 'ownerId' });
    await Extra.sync({ force: true });
    await Extra.create({ note: 'n1' });
    const after = (await Extra.findAll({ where: { note: 'n1' } }))[0] as Model;
    expect(Object.keys(after.dataValues).sort()).toEqual(['createdAt', 'id', 'note', 'ownerId', 'updatedAt']);
    Extra.addScope('defaultScope', { attributes: ['id'] }, { override: true });
    const scoped = (await Extra.findAll({ where: { note: 'n1' } }))[0] as Model;
    expect(Object.keys(scoped.dataValues)).toEqual(['id']);
  });
});

describeEachDialect('instances loaded together keep their own change tracking', ({ connect }) => {
  it('changing one loaded instance marks only that one, and its save writes only it', async () => {
    const relata = await connect();
    const Item = relata.define('CtItem', { name: DataTypes.STRING, qty: DataTypes.INTEGER });
    await relata.sync({ force: true });
    await Item.bulkCreate([{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }, { name: 'c', qty: 3 }]);
    const [a, b, c] = await Item.findAll({ order: [['id', 'ASC']] });
    expect([a?.changed(), b?.changed(), c?.changed()]).toEqual([false, false, false]);
    b?.set('qty', 20);
    a?.set('name', 'aa');
    expect([a?.changed(), b?.changed(), c?.changed()]).toEqual([['name'], ['qty'], false]);
    await b?.save();
    expect(b?.changed()).toBe(false);
    expect((await Item.findAll({ order: [['id', 'ASC']] })).map((i) => i.get('qty'))).toEqual([1, 20, 3]);
  });

  it("a JSON value mutated in place is saved after changed(key, true), as Sequelize documents", async () => {
    const relata = await connect();
    const Doc = relata.define('CtDoc', { data: DataTypes.JSON, title: DataTypes.STRING });
    await relata.sync({ force: true });
    await Doc.create({ data: { tags: ['a'] }, title: 't' });
    const doc = (await Doc.findByPk(1)) as Model & { data: { tags: string[] } };
    doc.data.tags.push('b');
    expect(doc.changed()).toBe(false);
    doc.changed('data', true);
    expect([doc.changed(), doc.changed('data')]).toEqual([['data'], true]);
    await doc.save();
    expect(doc.changed()).toBe(false);
    expect(((await Doc.findByPk(1)) as Model).get('data')).toEqual({ tags: ['a', 'b'] });
    // changed(key, false) takes the mark back; a forced key with fields outside it stays pending.
    doc.changed('title', true);
    doc.changed('title', false);
    expect(doc.changed()).toBe(false);
    doc.changed('title', true);
    doc.changed('data', true);
    await doc.save({ fields: ['data'] as never[] });
    expect(doc.changed()).toEqual(['title']);
  });
});
