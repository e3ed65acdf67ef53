/**
 * The class-level names Sequelize 6 code reaches through the class (`Sequelize.fn`,
 * `Sequelize.STRING`, `Sequelize.Op`, `Sequelize.beforeSave(fn)`…) are typed on relata's class,
 * and the connection's hook shorthands on its instances.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { ValidationError} from '../../src/index.js';
import {
  DataTypes, Model, Op, QueryTypes, Relata, Sequelize, type Config, type IncrementResult, type Utils,
} from '../../src/index.js';
import type { Col, Fn, Literal, Where } from '../../src/query/fragments.js';

class Pet extends Model {
  declare name: string;
}

describe('class statics', () => {
  it('types the fragment builders and and/or', () => {
    expectTypeOf(Relata.fn('max', Relata.col('age'))).toEqualTypeOf<Fn>();
    expectTypeOf(Sequelize.col('age')).toEqualTypeOf<Col>();
    expectTypeOf(Sequelize.literal('1-2')).toEqualTypeOf<Literal>();
    expectTypeOf(Sequelize.where(Sequelize.col('a'), Op.is, null)).toEqualTypeOf<Where>();
    expectTypeOf(Sequelize.and({ id: 1 }, { id: 2 })).toEqualTypeOf<{ [Op.and]: [{ id: number }, { id: number }] }>();
    // and()/or() results are where options of a model with those attributes.
    void Pet.findAll({ where: Sequelize.or({ name: 'a' }, Sequelize.and({ name: 'b' })) });
    // @ts-expect-error fn() takes the function name first
    Relata.fn();
  });

  it('types the data types, Op, QueryTypes and the error classes', () => {
    expectTypeOf(Relata.STRING).toEqualTypeOf(DataTypes.STRING);
    expectTypeOf(Sequelize.INTEGER).toEqualTypeOf(DataTypes.INTEGER);
    expectTypeOf(Sequelize.DataTypes).toEqualTypeOf(DataTypes);
    expectTypeOf(Sequelize.Op.and).toEqualTypeOf(Op.and);
    expectTypeOf(Sequelize.QueryTypes.SELECT).toEqualTypeOf(QueryTypes.SELECT);
    expectTypeOf(Sequelize.ValidationError).toEqualTypeOf<typeof ValidationError>();
    expectTypeOf(Sequelize.Model).toEqualTypeOf<typeof Model>();
    // @ts-expect-error no such data type
    void Relata.STRINGG;
  });

  it('types class-level hooks by name, returning the class', () => {
    expectTypeOf(Sequelize.beforeSave((instance, options) => {
      expectTypeOf(instance).toEqualTypeOf<Model>();
      expectTypeOf(options).not.toBeAny();
    })).toEqualTypeOf<typeof Relata>();
    Sequelize.afterFind('named', (result) => {
      expectTypeOf(result).toEqualTypeOf<readonly Model[] | Model | null>();
    });
    Sequelize.beforeConnect((config) => {
      expectTypeOf(config).toEqualTypeOf<Utils.DeepWriteable<Config>>();
    });
    Sequelize.addHook('beforeConnect', (...args) => {
      expectTypeOf(args).toEqualTypeOf<[Utils.DeepWriteable<Config>]>();
    }).addHook('beforeBulkCreate', () => undefined);
    expectTypeOf(Sequelize.hasHook('beforeSave')).toEqualTypeOf<boolean>();
    expectTypeOf(Sequelize.useCLS({})).toEqualTypeOf<typeof Relata>();
    // @ts-expect-error not a hook name
    Sequelize.addHook('beforeNothing', () => undefined);
  });
});

describe('connection shorthands', () => {
  it('types the hook shorthands and prototype names', () => {
    const relata = new Relata('sqlite::memory:');
    expectTypeOf(relata.beforeCreate('test', () => undefined)).toEqualTypeOf<Relata>();
    expectTypeOf(relata.QueryTypes).toEqualTypeOf<typeof QueryTypes>();
    expectTypeOf(relata.and({ id: 1 })).toEqualTypeOf<{ [Op.and]: [{ id: number }] }>();
    // @ts-expect-error the shorthand needs a function
    relata.afterCreate('only a name');
  });
});

describe('data types', () => {
  it('types NUMBER, ARRAY and the PostgreSQL types, and UNSIGNED.ZEROFILL chaining', () => {
    expectTypeOf(DataTypes.INTEGER.UNSIGNED.ZEROFILL).toEqualTypeOf<DataTypes.IntegerDataType>();
    expectTypeOf(DataTypes.TINYINT(3).UNSIGNED.ZEROFILL).toEqualTypeOf<DataTypes.TinyIntegerDataType>();
    // As on sequelize@6, where `INTEGER.UNSIGNED.ZEROFILL()` throws "is not a function".
    // @ts-expect-error the chained type is an instance, not a factory
    DataTypes.INTEGER.UNSIGNED.ZEROFILL();
    expectTypeOf(DataTypes.ARRAY(DataTypes.INTEGER)).toEqualTypeOf<DataTypes.ArrayDataType>();
    expectTypeOf(DataTypes.ARRAY(DataTypes.STRING).type).toEqualTypeOf<DataTypes.AbstractDataType>();
    expectTypeOf(Relata.CIDR()).toMatchTypeOf<DataTypes.AbstractDataType>();
    expectTypeOf(new Sequelize.NUMBER(10).key).toEqualTypeOf<string>();
    // @ts-expect-error ARRAY needs its element type
    DataTypes.ARRAY();
  });
});

describe('static increment and decrement', () => {
  it('answer [[rows | undefined, count]] as sequelize@6 does at runtime', () => {
    expectTypeOf(Pet.increment('name', { where: {} })).toEqualTypeOf<Promise<IncrementResult>>();
    expectTypeOf(Pet.decrement({ name: 1 }, { where: {} })).resolves.toEqualTypeOf<[[affectedRows: Record<string, unknown>[] | undefined, affectedCount: number]]>();
    // @ts-expect-error the count is inside the single entry
    const count: number = (null as unknown as IncrementResult)[1];
    void count;
  });
});

describe('queryInterface.select and insert', () => {
  it('are typed as Sequelize 6 calls them', () => {
    const qi = new Relata('sqlite::memory:').getQueryInterface();
    expectTypeOf(qi.select(null, 'Person', { where: { a: 1 } })).resolves.toEqualTypeOf<Record<string, unknown>[]>();
    expectTypeOf(qi.select(Pet, { tableName: 'Pets' })).resolves.toEqualTypeOf<Pet[]>();
    expectTypeOf(qi.insert(null, 'test', {})).resolves.toEqualTypeOf<[unknown, number]>();
    // @ts-expect-error the table comes second, after the model (or null)
    void qi.select('Person');
  });
});
