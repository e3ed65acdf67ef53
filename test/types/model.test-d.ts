/**
 * A model file typed the Sequelize 6 way must compile unchanged and keep its types: creation
 * attributes, finder results, where keys, instance getters, and the helper types.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  Model,
  Relata,
  type Attributes,
  type CreationAttributes,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelStatic,
  type NonAttribute,
} from '../../src/index.js';

class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare email: string | null;
  /** An association: not an attribute. */
  declare projects?: NonAttribute<Project[]>;

  /** A method: not an attribute. */
  greet(): string {
    return `hi ${this.name}`;
  }
}

class Project extends Model<InferAttributes<Project>, InferCreationAttributes<Project>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare ownerId: ForeignKey<number>;
}

/** The pre-Infer style: attribute interfaces passed explicitly. */
interface LegacyAttributes {
  id: number;
  title: string;
}
class Legacy extends Model<LegacyAttributes, Omit<LegacyAttributes, 'id'>> {}

/** No generics at all: every attribute name is accepted. */
class Untyped extends Model {}

declare const user: User;

describe('InferAttributes / InferCreationAttributes', () => {
  it('keeps declared fields and leaves out methods, NonAttribute fields and Model members', () => {
    expectTypeOf<keyof Attributes<User>>().toEqualTypeOf<'id' | 'name' | 'email'>();
    expectTypeOf<Attributes<User>['name']>().toEqualTypeOf<string>();
    expectTypeOf<Attributes<User>['email']>().toEqualTypeOf<string | null>();
  });

  it('makes CreationOptional and nullable attributes optional at creation, and keeps required ones required', () => {
    expectTypeOf<keyof CreationAttributes<User>>().toEqualTypeOf<'id' | 'name' | 'email'>();
    expectTypeOf<{ name: string }>().toExtend<CreationAttributes<User>>();
    expectTypeOf<{ name: string; email: null; id: number }>().toExtend<CreationAttributes<User>>();
    expectTypeOf<{ email: string }>().not.toExtend<CreationAttributes<User>>();
  });

  it('makes ForeignKey attributes optional at creation', () => {
    expectTypeOf<{ title: string }>().toExtend<CreationAttributes<Project>>();
    expectTypeOf<keyof Attributes<Project>>().toEqualTypeOf<'id' | 'title' | 'ownerId'>();
  });

  it('honours the omit option', () => {
    expectTypeOf<keyof InferAttributes<User, { omit: 'email' }>>().toEqualTypeOf<'id' | 'name'>();
  });
});

describe('static finders and writers on a typed model', () => {
  it('create accepts the creation attributes and rejects a missing required one or an unknown one', () => {
    expectTypeOf(User.create({ name: 'a' })).toEqualTypeOf<Promise<User>>();
    // @ts-expect-error name is required
    void User.create({});
    // @ts-expect-error nope is not an attribute
    void User.create({ name: 'a', nope: 1 });
    // @ts-expect-error name is a string
    void User.create({ name: 1 });
  });

  it('returns instances of the class', () => {
    expectTypeOf(User.findAll()).toEqualTypeOf<Promise<User[]>>();
    expectTypeOf(User.findOne({ where: { name: 'a' } })).toEqualTypeOf<Promise<User | null>>();
    expectTypeOf(User.findByPk(1)).toEqualTypeOf<Promise<User | null>>();
    expectTypeOf(User.findOrCreate({ where: { name: 'a' }, defaults: { email: null } })).toEqualTypeOf<Promise<[User, boolean]>>();
    expectTypeOf(User.findAndCountAll({ limit: 1 })).toEqualTypeOf<Promise<{ rows: User[]; count: number }>>();
    expectTypeOf(User.count()).toEqualTypeOf<Promise<number>>();
    expectTypeOf(User.bulkCreate([{ name: 'a' }, { name: 'b' }])).toEqualTypeOf<Promise<User[]>>();
    // As in Sequelize: the affected count, and the rows only with `returning`.
    expectTypeOf(User.update({ name: 'b' }, { where: { id: 1 } })).toEqualTypeOf<Promise<[affectedCount: number]>>();
    expectTypeOf(User.update({ name: 'b' }, { where: { id: 1 }, returning: true })).toEqualTypeOf<Promise<[affectedCount: number, affectedRows: User[]]>>();
    expectTypeOf(User.update({ name: 'b' }, { where: { id: 1 }, returning: ['name'] })).toEqualTypeOf<Promise<[affectedCount: number, affectedRows: User[]]>>();
    // @ts-expect-error returning names an attribute
    void User.update({ name: 'b' }, { where: { id: 1 }, returning: ['nope'] });
    expectTypeOf(User.destroy({ where: { id: 1 } })).toEqualTypeOf<Promise<number>>();
    expectTypeOf(User.upsert({ name: 'a' })).toEqualTypeOf<Promise<[User, boolean | null]>>();
    expectTypeOf(User.build({ name: 'a' })).toEqualTypeOf<User>();
  });

  it('returns attribute objects for raw: true', () => {
    expectTypeOf(User.findAll({ raw: true })).toEqualTypeOf<Promise<Attributes<User>[]>>();
  });

  it('types max and min by the attribute', () => {
    expectTypeOf(User.max('id')).toEqualTypeOf<Promise<Attributes<User>['id'] | null>>();
    expectTypeOf(User.max('id')).toExtend<Promise<number | null>>();
    expectTypeOf(User.min('name')).toEqualTypeOf<Promise<string | null>>();
    // @ts-expect-error not an attribute
    void User.max('nope');
  });

  it('checks where keys, attributes and order against the attributes', () => {
    void User.findAll({ where: { name: 'a', email: null, id: [1, 2] }, attributes: ['id', 'name'], order: [['name', 'DESC']] });
    // @ts-expect-error nope is not an attribute
    void User.findAll({ where: { nope: 1 } });
    // @ts-expect-error nope is not an attribute
    void User.findAll({ attributes: ['nope'] });
    // @ts-expect-error nope is not an attribute
    void User.update({ nope: 1 }, { where: { id: 1 } });
    // @ts-expect-error id is a number
    void User.findAll({ where: { id: 'one' } });
    // $nested.path$ keys reach included models and are not checked here.
    void User.findAll({ where: { '$projects.title$': 'x' } });
  });

  it('requires where on update', () => {
    // @ts-expect-error where is required
    void User.update({ name: 'b' }, {});
  });
});

describe('instances of a typed model', () => {
  it('reads attributes with their types', () => {
    expectTypeOf(user.name).toEqualTypeOf<string>();
    expectTypeOf(user.get('name')).toEqualTypeOf<string>();
    expectTypeOf(user.get('email')).toEqualTypeOf<string | null>();
    expectTypeOf(user.getDataValue('email')).toEqualTypeOf<string | null>();
    expectTypeOf(user.get({ plain: true })).toEqualTypeOf<InferAttributes<User>>();
    expectTypeOf(user.greet()).toEqualTypeOf<string>();
  });

  it('sets attributes with their types', () => {
    expectTypeOf(user.set('name', 'b')).toEqualTypeOf<User>();
    expectTypeOf(user.set({ name: 'b', email: null })).toEqualTypeOf<User>();
    // set(key, value) also has an untyped `set(string, unknown)` overload (unlike Sequelize), so a
    // wrong value type is not caught there; the object form checks it.
    // @ts-expect-error name is a string
    user.set({ name: 1 });
  });

  it('returns itself from save, update, reload, increment', () => {
    expectTypeOf(user.save()).toEqualTypeOf<Promise<User>>();
    expectTypeOf(user.update({ name: 'c' })).toEqualTypeOf<Promise<User>>();
    expectTypeOf(user.reload()).toEqualTypeOf<Promise<User>>();
    expectTypeOf(user.increment('id')).toEqualTypeOf<Promise<User>>();
    expectTypeOf(user.destroy()).toEqualTypeOf<Promise<void>>();
  });

  it('types changed() and previous()', () => {
    expectTypeOf(user.changed()).toEqualTypeOf<string[] | false>();
    expectTypeOf(user.changed('name')).toEqualTypeOf<boolean>();
    expectTypeOf(user.previous('name')).toEqualTypeOf<string | undefined>();
  });
});

describe('ModelStatic', () => {
  it('describes the class of a typed model', () => {
    expectTypeOf(User).toExtend<ModelStatic<User>>();
    const cls: ModelStatic<User> = User;
    expectTypeOf(cls.findAll()).toEqualTypeOf<Promise<User[]>>();
  });

  it('accepts every model class as ModelStatic<Model>, typed or not', () => {
    expectTypeOf(User).toExtend<ModelStatic<Model>>();
    expectTypeOf(Project).toExtend<ModelStatic<Model>>();
    expectTypeOf(Legacy).toExtend<ModelStatic<Model>>();
    expectTypeOf(Untyped).toExtend<ModelStatic<Model>>();
    expectTypeOf<User>().toExtend<Model>();
  });

  it('lets a generic helper keep the model type', () => {
    const first = <M extends Model>(model: ModelStatic<M>): Promise<M | null> => model.findOne();
    expectTypeOf(first(User)).toEqualTypeOf<Promise<User | null>>();
  });
});

describe('models typed with attribute interfaces, or not at all', () => {
  it('types the interface form', () => {
    expectTypeOf(Legacy.create({ title: 't' })).toEqualTypeOf<Promise<Legacy>>();
    expectTypeOf(new Legacy().get('title')).toEqualTypeOf<string>();
    // @ts-expect-error title is required
    void Legacy.create({});
  });

  it('accepts any attribute name on an untyped model, with unknown values', () => {
    void Untyped.findAll({ where: { anything: 1 }, order: [['x', 'DESC']], attributes: ['a'] });
    void Untyped.create({ anything: 1 });
    void Untyped.update({ anything: 2 }, { where: { other: 3 } });
    expectTypeOf(new Untyped().get('x')).toEqualTypeOf<unknown>();
    expectTypeOf(Untyped.findAll()).toEqualTypeOf<Promise<Untyped[]>>();
  });
});

describe('init', () => {
  it('returns the class', () => {
    const relata = new Relata('sqlite::memory:');
    expectTypeOf(Project.init({ title: { type: 'x' as never } }, { sequelize: relata })).toEqualTypeOf<typeof Project>();
  });
});

describe('connection options', () => {
  it("includeStrategy takes 'auto', 'json' or 'batched' only", () => {
    new Relata('sqlite::memory:', { includeStrategy: 'batched' });
    new Relata('sqlite::memory:', { includeStrategy: 'json' });
    // @ts-expect-error not a strategy
    new Relata('sqlite::memory:', { includeStrategy: 'join' });
  });
});
