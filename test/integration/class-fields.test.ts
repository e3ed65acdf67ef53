/**
 * User model classes that declare their attributes as class fields must not lose data, whether
 * they use `declare name: string` (no runtime field) or `name!: string` (a real field under
 * useDefineForClassFields, which tsconfig.json sets and this file is compiled with).
 */
import { beforeEach, expect, it } from 'vitest';
import { DataTypes, Model, QueryTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Relata } from '../../src/index.js';
import { dropAllTables, quote } from '../support/catalog.js';
import { describeEachDialect } from '../support/dialects.js';

class DeclaredUser extends Model<InferAttributes<DeclaredUser>, InferCreationAttributes<DeclaredUser>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare age: number | null;
}

class FieldUser extends Model<InferAttributes<FieldUser>, InferCreationAttributes<FieldUser>> {
  id!: CreationOptional<number>;
  name!: string;
  age!: number | null;
  /** Not an attribute: an ordinary class field must keep working as one. */
  nickname: NonAttribute<string> = 'none';
}

type UserClass = typeof DeclaredUser | typeof FieldUser;

const styles: readonly { title: string; User: UserClass; table: string }[] = [
  { title: 'declare name: string', User: DeclaredUser, table: 'DeclaredUsers' },
  { title: 'name!: string (a real class field)', User: FieldUser, table: 'FieldUsers' },
];

it('this file is compiled with define semantics for class fields', () => {
  class Probe {
    name!: string;
  }
  expect(Object.keys(new Probe())).toEqual(['name']);
});

describeEachDialect('class fields on models', ({ dialect, connect }) => {
  let db: Relata;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
    for (const { User } of styles) {
      User.init(
        { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, name: DataTypes.STRING, age: DataTypes.INTEGER },
        { sequelize: db, timestamps: false },
      );
    }
    await db.sync();
  });

  async function tableRows(table: string): Promise<unknown[]> {
    const q = quote[dialect];
    return (await db.query(`SELECT ${q('id')}, ${q('name')}, ${q('age')} FROM ${q(table)} ORDER BY ${q('id')}`, { type: QueryTypes.SELECT })) as unknown[];
  }

  for (const { title, User, table } of styles) {
    it(`${title}: create() stores the values and the instance reads them`, async () => {
      const user = await User.create({ name: 'ada', age: 36 });
      expect([user.id, user.name, user.age]).toEqual([1, 'ada', 36]);
      expect(user.get('name')).toBe('ada');
      expect(user.get({ plain: true })).toEqual({ id: 1, name: 'ada', age: 36 });
      expect(await tableRows(table)).toEqual([{ id: 1, name: 'ada', age: 36 }]);
    });

    it(`${title}: findAll()/findByPk() instances expose the row through the fields`, async () => {
      await User.bulkCreate([{ name: 'ada', age: 36 }, { name: 'bob', age: null }]);
      const users = await User.findAll({ order: [['id', 'ASC']] });
      expect(users.map((u) => [u.id, u.name, u.age])).toEqual([[1, 'ada', 36], [2, 'bob', null]]);
      const bob = await User.findByPk(2);
      expect(bob?.name).toBe('bob');
      expect(JSON.parse(JSON.stringify(bob))).toEqual({ id: 2, name: 'bob', age: null });
    });

    it(`${title}: build() + field assignment + save() inserts the assigned values`, async () => {
      const user = User.build({ name: 'draft', age: 1 });
      expect([user.name, user.age]).toEqual(['draft', 1]);
      user.name = 'grace';
      user.age = 45;
      expect(user.changed()).toEqual(expect.arrayContaining(['name', 'age']));
      await user.save();
      expect(user.id).toBe(1);
      expect(await tableRows(table)).toEqual([{ id: 1, name: 'grace', age: 45 }]);
    });

    it(`${title}: new User(values) keeps the constructor values`, async () => {
      const user = new User({ name: 'linus', age: 54 });
      expect([user.name, user.age, user.isNewRecord]).toEqual(['linus', 54, true]);
      expect(user.get('name', { raw: true })).toBe('linus');
      await user.save();
      expect(await tableRows(table)).toEqual([{ id: 1, name: 'linus', age: 54 }]);
      user.name = 'torvalds';
      await user.save();
      expect(await tableRows(table)).toEqual([{ id: 1, name: 'torvalds', age: 54 }]);
    });

    it(`${title}: set() and field writes on a loaded instance are saved`, async () => {
      await User.create({ name: 'ada', age: 36 });
      const user = (await User.findByPk(1)) as InstanceType<UserClass>;
      user.set('name', 'countess');
      user.age = 37;
      expect([user.name, user.get('age')]).toEqual(['countess', 37]);
      expect(user.changed()).toEqual(['name', 'age']);
      expect(user.previous('name')).toBe('ada');
      await user.save();
      expect(await tableRows(table)).toEqual([{ id: 1, name: 'countess', age: 37 }]);
      await user.update({ age: 38 });
      await user.reload();
      expect([user.name, user.age]).toEqual(['countess', 38]);
    });
  }

  it('a non-attribute class field stays an ordinary own property', async () => {
    const built = new FieldUser({ name: 'x', age: 1 });
    expect(built.nickname).toBe('none');
    built.nickname = 'changed';
    expect(built.nickname).toBe('changed');
    expect(built.get({ plain: true })).toEqual({ id: null, name: 'x', age: 1 });
    await built.save();
    expect(await tableRows('FieldUsers')).toEqual([{ id: 1, name: 'x', age: 1 }]);
  });

  it('rows from findAll, build and create run the field initializers, and attribute fields hide nothing', async () => {
    await FieldUser.create({ name: 'ada', age: 36 });
    const loaded = [
      ...(await FieldUser.findAll()),
      FieldUser.build({ name: 'bob', age: 2 }),
      await FieldUser.create({ name: 'cy', age: 3 }),
      (await FieldUser.findByPk(1)) as FieldUser,
    ];
    expect(loaded.map((u) => [u.nickname, u.name, u.age])).toEqual([
      ['none', 'ada', 36],
      ['none', 'bob', 2],
      ['none', 'cy', 3],
      ['none', 'ada', 36],
    ]);
    // Only the non-attribute field is an own property; attributes stay behind the prototype accessors.
    expect(loaded.map((u) => Object.keys(u).filter((k) => !['dataValues', '_previousDataValues', '_changed', 'isNewRecord', '_options'].includes(k)))).toEqual([
      ['nickname'],
      ['nickname'],
      ['nickname'],
      ['nickname'],
    ]);
    loaded[0]!.name = 'ada2';
    expect(loaded[0]!.changed()).toEqual(['name']);
  });

  it('a model constructor that reads its values argument works on loaded rows', async () => {
    class Tagged extends Model {
      declare name: string;
      readonly label: string;
      constructor(values?: { name?: string }, options?: object) {
        super(values, options);
        this.label = `tag:${values?.name ?? '-'}`;
      }
    }
    Tagged.init({ name: DataTypes.STRING }, { sequelize: db, timestamps: false });
    await Tagged.sync();
    await Tagged.create({ name: 'a' });
    const [row] = await Tagged.findAll();
    expect([row?.name, row?.label]).toEqual(['a', 'tag:a']);
  });
});
