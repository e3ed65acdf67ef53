import { beforeAll, expect, it } from 'vitest';
import { DataTypes, InvalidOptionError, Model, Op, type ModelStatic, type Relata } from '../../src/index.js';
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

describeEachDialect('find: operator, null and IN shapes reuse their SQL', ({ dialect, connect }) => {
  let relata: Relata;
  let Item: ModelStatic<Model>;
  const sql = captureSql();
  const ids = async (where: Record<string | symbol, unknown>) => (await Item.findAll({ where, order: [['id', 'ASC']] })).map((i) => i.get('id'));

  beforeAll(async () => {
    relata = await connect({ logging: sql.logging });
    Item = relata.define('FsItem', { code: DataTypes.STRING, rank: DataTypes.INTEGER, ref: DataTypes.UUID });
    await relata.sync({ force: true });
    await Item.bulkCreate([
      { code: "o'neil, {x}", rank: 1, ref: '6f1c1f8e-1b2c-4c3d-9e4f-a5b6c7d8e9f0' },
      { code: 'b', rank: 2, ref: null },
      { code: null, rank: 3, ref: '00000000-0000-4000-8000-000000000001' },
    ]);
  });

  it('comparison operators and null bind per call, one SQL text per shape', async () => {
    sql.statements.length = 0;
    expect(await ids({ rank: { [Op.gt]: 1 } })).toEqual([2, 3]);
    expect(await ids({ rank: { [Op.gt]: 2 } })).toEqual([3]);
    expect(await ids({ rank: { [Op.lte]: 2 }, code: { [Op.ne]: 'b' } })).toEqual([1]);
    expect(await ids({ rank: { [Op.lte]: 3 }, code: { [Op.ne]: 'zz' } })).toEqual([1, 2]);
    expect(await ids({ code: null })).toEqual([3]);
    expect(await ids({ ref: null, rank: { [Op.eq]: 2 } })).toEqual([2]);
    expect(sql.statements).toHaveLength(6);
    expect(new Set(sql.statements).size).toBe(4);
    expect(sql.statements[4]).toMatch(/IS NULL/);
  });

  it('IN lists: the values of each call, strings with quotes and commas, uuids, NOT IN', async () => {
    sql.statements.length = 0;
    expect(await ids({ id: [3, 1] })).toEqual([1, 3]);
    expect(await ids({ id: [2, 99] })).toEqual([2]);
    expect(await ids({ id: [1, 2, 3] })).toEqual([1, 2, 3]);
    expect(await ids({ code: { [Op.in]: ["o'neil, {x}", 'zz'] } })).toEqual([1]);
    expect(await ids({ ref: { [Op.in]: ['00000000-0000-4000-8000-000000000001'] } })).toEqual([3]);
    expect(await ids({ rank: { [Op.notIn]: [1, 3] } })).toEqual([2]);
    expect(await ids({ id: [] })).toEqual([]);
    if (dialect === 'postgres') {
      // One array parameter: the three id lists share one statement whatever their length.
      expect(sql.statements[0]).toContain('"FsItem"."id" = ANY($1::int4[])');
      expect(sql.statements[2]).toBe(sql.statements[0]);
      expect(sql.statements[3]).toContain('"FsItem"."code" = ANY($1::text[])');
      expect(sql.statements[4]).toContain('"FsItem"."ref" = ANY($1::uuid[])');
      expect(sql.statements[5]).toContain('"FsItem"."rank" <> ALL($1::int4[])');
    } else {
      expect(sql.statements[1]).toBe(sql.statements[0]);
      expect(sql.statements[2]).not.toBe(sql.statements[0]);
      expect(sql.statements[5]).toContain('NOT IN');
    }
  });

  it('a batched include loads by one array parameter on PostgreSQL', async () => {
    const Owner = relata.define('FsOwner', { name: DataTypes.STRING });
    const Pet = relata.define('FsPet', { name: DataTypes.STRING });
    Owner.hasMany(Pet, { as: 'pets', foreignKey: 'ownerId' });
    await Owner.sync({ force: true });
    await Pet.sync({ force: true });
    await Owner.bulkCreate([{ name: 'a' }, { name: 'b' }]);
    await Pet.bulkCreate([{ name: 'p1', ownerId: 2 }, { name: 'p2', ownerId: 1 }, { name: 'p3', ownerId: 2 }]);
    sql.statements.length = 0;
    const owners = await Owner.findAll({ order: [['id', 'ASC']], include: [{ model: Pet, as: 'pets', separate: true }] });
    expect(owners.map((o) => [o.get('name'), (o.get('pets') as Model[]).map((p) => p.get('name')).sort()])).toEqual([['a', ['p2']], ['b', ['p1', 'p3']]]);
    expect(sql.statements).toHaveLength(2);
    if (dialect === 'postgres') expect(sql.statements[1]).toContain('"FsPet"."ownerId" = ANY($1::int4[])');
    else expect(sql.statements[1]).toMatch(/IN \(\?, \?\)/);
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

describeEachDialect('raw: true with includes gives plain values, getters applied where a model has them', ({ connect }) => {
  let relata: Relata;
  let Owner: ModelStatic<Model>;
  let Pet: ModelStatic<Model>;
  let Tag: ModelStatic<Model>;

  beforeAll(async () => {
    relata = await connect();
    Owner = relata.define('FrOwner', { name: DataTypes.STRING });
    Pet = relata.define('FrPet', { name: DataTypes.STRING });
    Tag = relata.define('FrTag', { label: { type: DataTypes.STRING, get(this: Model) { return `#${String((this.dataValues as Record<string, unknown>)['label'])}`; } } });
    Owner.hasMany(Pet, { as: 'pets', foreignKey: 'ownerId' });
    Owner.hasOne(Tag, { as: 'tag', foreignKey: 'ownerId' });
    await relata.sync({ force: true });
    await Owner.bulkCreate([{ name: 'a' }, { name: 'b' }]);
    await Pet.bulkCreate([{ name: 'p1', ownerId: 1 }, { name: 'p2', ownerId: 1 }]);
    await Tag.bulkCreate([{ label: 'x', ownerId: 2 }]);
  });

  it('nested plain objects, no instances; a getter of an included model still applies', async () => {
    const rows = (await Owner.findAll({ raw: true, order: [['id', 'ASC']], attributes: ['id', 'name'], include: [{ model: Pet, as: 'pets', attributes: ['name'] }, { model: Tag, as: 'tag', attributes: ['label'] }] })) as unknown as Record<string, unknown>[];
    const pets = (r: Record<string, unknown>) => (r['pets'] as Record<string, unknown>[]).map((p) => p['name']).sort();
    expect(rows.map((r) => [r['id'], r['name'], pets(r), r['tag'] === null ? null : (r['tag'] as Record<string, unknown>)['label']])).toEqual([
      [1, 'a', ['p1', 'p2'], null],
      [2, 'b', [], '#x'],
    ]);
    expect(rows.every((r) => !(r instanceof Model) && Object.getPrototypeOf(r) === Object.prototype)).toBe(true);
    expect(Object.keys(rows[0] as object)).toEqual(['id', 'name', 'tag', 'pets']);
    expect(Object.keys(((rows[0] as Record<string, unknown[]>)['pets'] as Record<string, unknown>[])[0] as object)).toEqual(['name']);
  });
});
