/**
 * Where clauses are typed per attribute and per operator: `Op` members are distinct `unique symbol`
 * types, so `{ [Op.gt]: value }` is checked against the attribute's type.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { Model, Op, col, fn, literal, where, type CreationOptional, type InferAttributes, type InferCreationAttributes, type WhereOptions } from '../../src/index.js';

class Person extends Model<InferAttributes<Person>, InferCreationAttributes<Person>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare age: number | null;
  declare born: Date;
}

type PersonWhere = WhereOptions<InferAttributes<Person>>;

describe('Op', () => {
  it('gives each operator its own symbol type', () => {
    expectTypeOf(Op.gt).toEqualTypeOf<typeof Op.gt>();
    expectTypeOf(Op.gt).not.toEqualTypeOf<typeof Op.lt>();
    expectTypeOf(Op.gt).toExtend<symbol>();
  });
});

describe('where operators', () => {
  it('accepts operator values of the attribute type', () => {
    const ok: PersonWhere = {
      id: { [Op.in]: [1, 2] },
      age: { [Op.gte]: 18, [Op.lt]: 65 },
      name: { [Op.like]: 'A%', [Op.notILike]: '%z' },
      born: { [Op.between]: [new Date(0), new Date()] },
      [Op.or]: [{ name: 'a' }, { age: null }, { age: { [Op.is]: null } }],
      [Op.not]: { id: 3 },
    };
    expectTypeOf(ok).toExtend<PersonWhere>();
  });

  it('rejects operator values of another type', () => {
    // @ts-expect-error age is a number
    const gt: PersonWhere = { age: { [Op.gt]: 'old' } };
    // @ts-expect-error in takes an array of ids
    const inList: PersonWhere = { id: { [Op.in]: ['a'] } };
    // @ts-expect-error between takes a pair
    const between: PersonWhere = { born: { [Op.between]: new Date() } };
    // @ts-expect-error like takes a string
    const like: PersonWhere = { name: { [Op.like]: 5 } };
    expectTypeOf([gt, inList, between, like]).toBeArray();
  });

  it('rejects unknown attributes, but not $nested.paths$', () => {
    // @ts-expect-error nope is not an attribute of Person
    const unknown: PersonWhere = { nope: 1 };
    const nested: PersonWhere = { '$friends.name$': 'x' };
    expectTypeOf([unknown, nested]).toBeArray();
  });

  it('accepts fn, col, literal and where() fragments', () => {
    const fragments: PersonWhere = { age: { [Op.gt]: col('id') }, name: fn('LOWER', col('name')) };
    expectTypeOf(fragments).toExtend<PersonWhere>();
    expectTypeOf(literal('1 = 1')).toExtend<PersonWhere>();
    expectTypeOf(where(fn('LOWER', col('name')), 'ada')).toExtend<PersonWhere>();
  });

  it('types findAll where through the model', () => {
    void Person.findAll({ where: { age: { [Op.gte]: 18 } } });
    // @ts-expect-error age is a number
    void Person.findAll({ where: { age: { [Op.gte]: 'x' } } });
  });
});
