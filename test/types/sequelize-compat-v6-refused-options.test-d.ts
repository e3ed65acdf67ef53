/**
 * Options Sequelize 6's type tests pass: transaction `deferrable` (callable `Deferrable.*`), and
 * those relata types but refuses at run time (searchPath, per-query retry, indexHints, index
 * operator/collate, ignoreDuplicates on findOrCreate); the typed shapes of `getAttributes()`,
 * `previous()`, `toJSON()`, `new Sequelize()`, `ModelStatic` and `joinTableAttributes`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  DataTypes, Deferrable, IndexHints, Model, Sequelize,
  type BelongsToManyGetAssociationsMixin, type CreationOptional, type ModelStatic, type InferAttributes, type InferCreationAttributes, type QueryInterface, type RawAttribute,
} from '../../src/index.js';

class Member extends Model<InferAttributes<Member>, InferCreationAttributes<Member>> {
  declare id: CreationOptional<number>;
  declare name: string;
}
class Loose extends Model {}

describe('Sequelize 6 options relata types and refuses', () => {
  it('types searchPath, retry, indexHints, deferrable and ignoreDuplicates', () => {
    const sequelize = new Sequelize({ dialect: 'postgres', retry: { max: 3, match: ['SQLITE_BUSY', /deadlock/] } });
    void new Sequelize({ dialect: 'postgres', dialectModule: {} });
    void Member.bulkCreate([{ name: 'a' }], { searchPath: 'public' });
    void Member.upsert({ name: 'a' }, { searchPath: 'public' });
    void Member.findAll({ indexHints: [{ type: IndexHints.FORCE, values: ['members_name'] }] });
    void Member.findOrCreate({ where: { name: 'a' }, ignoreDuplicates: true });
    void sequelize.query('SELECT 1', { retry: { max: 2 } });
    void sequelize.transaction({ deferrable: new Deferrable.SET_DEFERRED(['members_fk']) });
    // As in Sequelize, the Deferrable classes are callable without new.
    expectTypeOf(Deferrable.SET_DEFERRED(['members_fk']).constraints).toEqualTypeOf<readonly string[] | undefined>();
    expectTypeOf(Deferrable.INITIALLY_DEFERRED().toSql()).toBeString();
    Member.init({ id: { type: DataTypes.INTEGER, primaryKey: true, references: { model: 'teams', key: 'id', deferrable: Deferrable.INITIALLY_DEFERRED } }, name: DataTypes.STRING }, { sequelize });
    // @ts-expect-error an index hint kind is USE, FORCE or IGNORE
    void Member.findAll({ indexHints: [{ type: 'PREFER', values: ['members_name'] }] });
  });

  it('types index operator, concurrently and field collate', () => {
    const qi = undefined as unknown as QueryInterface;
    void qi.addIndex('members', { name: 'm', fields: [{ name: 'name', order: 'ASC', collate: 'C', length: 4 }], concurrently: true });
    Member.init({ id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING }, {
      sequelize: new Sequelize('sqlite::memory:'),
      indexes: [{ fields: ['name'], using: 'gin', operator: 'jsonb_path_ops', concurrently: true }],
    });
  });
});

describe('Sequelize 6 type shapes', () => {
  it('joinTableAttributes takes a list or { include, exclude }', () => {
    const getMembers = undefined as unknown as BelongsToManyGetAssociationsMixin<Member>;
    void getMembers({ joinTableAttributes: { include: ['role'] } });
    void getMembers({ joinTableAttributes: { exclude: ['createdAt'] } });
    void getMembers({ joinTableAttributes: ['role'] });
  });

  it('ModelStatic accepts a model class typed with its own constructor, as Sequelize writes one', () => {
    type LooseStatic = typeof Model & { new (values?: keyof never, options?: object): Member };
    const Static = Member as unknown as LooseStatic;
    expectTypeOf(Static).toMatchTypeOf<ModelStatic<Member>>();
    expectTypeOf(Static.getAttributes()).toHaveProperty('name');
  });

  it('getAttributes() is keyed by the attributes', () => {
    expectTypeOf(Member.getAttributes()).toHaveProperty('name').toEqualTypeOf<RawAttribute>();
    expectTypeOf(Member.getAttributes()).not.toHaveProperty('other');
    expectTypeOf(Loose.getAttributes()).toEqualTypeOf<{ readonly [x: string]: RawAttribute }>();
  });

  it('previous() takes attribute names only on a typed model', () => {
    const member = Member.build({ name: 'a' });
    expectTypeOf(member.previous('name')).toEqualTypeOf<string | undefined>();
    // @ts-expect-error not an attribute of Member
    member.previous('other');
    expectTypeOf(Loose.build().previous('anything')).toEqualTypeOf<unknown>();
  });

  it('toJSON() is the attributes type; toJSON<Shape>() names one with includes', () => {
    expectTypeOf(Member.build({ name: 'a' }).toJSON()).toEqualTypeOf<InferAttributes<Member>>();
    expectTypeOf(Member.build({ name: 'a' }).toJSON<{ name: string; posts: object[] }>().posts).toEqualTypeOf<object[]>();
    expectTypeOf(Loose.build().toJSON()).toEqualTypeOf<Record<string, unknown>>();
  });

  it('new Sequelize() without arguments type-checks (it throws for the missing dialect, as Sequelize does)', () => {
    expectTypeOf(Sequelize).toBeConstructibleWith();
  });
});
