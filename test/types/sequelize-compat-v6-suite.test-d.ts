/**
 * Signatures Sequelize 6's own type tests use, kept here so they stay: `{ tableName, schema }` table
 * names, `delete`/`upsert`, fn()/literal() index fields and `using` on the query interface and
 * models, `query()` with a `model`, `getDataValue` in the getters of a model declared by fields, the
 * model hooks Sequelize types on models, `useMaster`, Sequelize's pool tuning, a `returning` list on
 * save and upsert, `$attr$` where keys checked against the attributes, `isNewRecord` on findOrBuild,
 * `isSoftDeleted()`, `lock: { level, of }`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  DataTypes, Model, QueryTypes, Sequelize, col, fn, literal,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type ModelHooks, type QueryInterface, type QueryInterfaceTable,
} from '../../src/index.js';

class Person extends Model<InferAttributes<Person>, InferCreationAttributes<Person>> {
  declare id: CreationOptional<number>;
  declare name: string;
}

declare const qi: QueryInterface;
const sequelize = new Sequelize('sqlite::memory:', { pool: { max: 5, evict: 1000, maxUses: 10, validate: () => true } });

describe('query interface', () => {
  it('takes a table as its name or as { tableName, schema }', async () => {
    expectTypeOf<{ tableName: string; schema: string }>().toMatchTypeOf<QueryInterfaceTable>();
    await qi.createTable({ tableName: 'people' }, {}, { engine: 'InnoDB', charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', uniqueKeys: { people_name: { fields: ['name'], customIndex: true } } });
    await qi.dropTable({ schema: 'public', tableName: 'people' });
    await qi.renameTable({ tableName: 'a' }, { tableName: 'b' });
    await qi.addColumn({ tableName: 'people', schema: 'public' }, 'nick', DataTypes.STRING);
    await qi.removeColumn({ tableName: 'people' }, 'nick');
    await qi.changeColumn({ tableName: 'people' }, 'nick', { type: DataTypes.STRING, allowNull: false });
    await qi.renameColumn({ tableName: 'people' }, 'a', 'b');
    await qi.addIndex({ tableName: 'people' }, ['name']);
    await qi.removeIndex({ tableName: 'people' }, 'people_name');
    await qi.removeConstraint({ tableName: 'people' }, 'people_pk');
    await qi.bulkInsert({ tableName: 'people', as: 'p', name: 'n' }, [{ name: 'ada' }]);
    expectTypeOf(await qi.bulkInsert('people', [{ tags: ['a'] }], {}, { tags: { type: DataTypes.ARRAY(DataTypes.STRING), field: 'tags' } })).toEqualTypeOf<number>();
    await qi.bulkUpdate({ tableName: 'people', delimiter: '.' }, { name: 'b' }, { id: 1 });
    expectTypeOf(await qi.bulkDelete({ tableName: 'people' }, {})).toEqualTypeOf<number>();
    expectTypeOf(await qi.dropTrigger({ tableName: 'people' }, 'people_touch', {})).toEqualTypeOf<void>();
    // @ts-expect-error tableName is required in the object form
    await qi.dropTable({ schema: 'public' });
  });

  it('takes fn() and literal() index fields', async () => {
    await qi.addIndex('people', { name: 'people_lower_name', fields: [fn('lower', col('name')), 'id', { name: 'name', order: 'DESC' }] });
    await qi.addIndex('people', { name: 'people_upper_name', fields: [literal('upper(name)')] });
    await qi.addIndex('people', { name: 'people_name_btree', fields: ['name'], using: 'BTREE' });
    class Tagged extends Model {}
    Tagged.init({ label: DataTypes.STRING }, { sequelize, indexes: [{ fields: ['label'], using: 'BTREE' }] });
    // @ts-expect-error a where object is no index field
    await qi.addIndex('people', { name: 'x', fields: [{ nope: 1 }] });
  });

  it('has delete(instance, table, identifier) answering the count, and upsert(table, insert, update, where, options)', async () => {
    expectTypeOf(await qi.delete(null, 'people', { id: 1 })).toEqualTypeOf<number>();
    expectTypeOf(await qi.delete(Person.build({ name: 'a' }), { tableName: 'people' }, { id: 1 })).toEqualTypeOf<number>();
    expectTypeOf(await qi.upsert('people', { id: 1, name: 'a' }, { name: 'a' }, {}, { model: Person })).toEqualTypeOf<void>();
    await qi.upsert('people', { name: 'a' }, { name: 'a' }, {}, { conflictFields: ['name'] });
    // @ts-expect-error the options (model or conflictFields) are required
    await qi.upsert('people', { name: 'a' }, { name: 'a' }, {});
  });
});

describe('query() with a model', () => {
  it('answers instances of the model, one or null with plain', async () => {
    expectTypeOf(await sequelize.query('SELECT * FROM people', { model: Person, mapToModel: true })).toEqualTypeOf<Person[]>();
    expectTypeOf(await sequelize.query('SELECT * FROM people', { model: Person, type: QueryTypes.SELECT })).toEqualTypeOf<Person[]>();
    expectTypeOf(await sequelize.query('SELECT * FROM people', { model: Person, plain: true })).toEqualTypeOf<Person | null>();
    // raw: true keeps plain rows
    expectTypeOf(await sequelize.query('SELECT * FROM people', { model: Person, raw: true, type: QueryTypes.SELECT })).toEqualTypeOf<object[]>();
  });
});

describe('models', () => {
  it('getDataValue reads the declared fields of a model with no attribute types', () => {
    class Counter extends Model {
      declare num: number;
    }
    Counter.init(
      {
        doubled: {
          type: DataTypes.VIRTUAL,
          get(): number {
            expectTypeOf(this.getDataValue('num')).toEqualTypeOf<number>();
            return this.getDataValue('num') * 2;
          },
        },
      },
      { sequelize },
    );
    // A typed model still checks the key.
    // @ts-expect-error no such attribute
    Person.build({ name: 'a' }).getDataValue('nope');
  });

  it('types the query, sync and find-phase hooks on models', () => {
    const hooks: Partial<ModelHooks<Person>> = {
      beforeQuery(options) {
        expectTypeOf(options.type).toEqualTypeOf<(typeof QueryTypes)[keyof typeof QueryTypes] | undefined>();
      },
      afterQuery() {},
      beforeBulkSync(options) {
        expectTypeOf(options).not.toBeAny();
      },
      afterBulkSync() {},
      beforeFindAfterOptions(options) {
        expectTypeOf(options.where).not.toBeAny();
      },
      beforeFindAfterExpandIncludeAll() {},
    };
    Person.init({ id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, name: DataTypes.STRING }, { sequelize, hooks });
    Person.addHook('beforeFindAfterOptions', (options) => {
      expectTypeOf(options.limit).toEqualTypeOf<number | undefined>();
    });
  });

  it('accepts useMaster on finders and count, and a returning list on save and upsert', async () => {
    await Person.findAll({ useMaster: true });
    await Person.count({ useMaster: false });
    await Person.build({ name: 'a' }).save({ returning: ['name'] });
    await Person.upsert({ name: 'a' }, { returning: ['id', 'name'] });
    // @ts-expect-error returning names attributes
    await Person.upsert({ name: 'a' }, { returning: ['nope'] });
  });

  it('checks $attr$ where keys against the attributes; $assoc.attr$ reaches includes', async () => {
    await Person.findOne({ where: { $name$: 'ada', '$posts.title$': 'x' } });
    // @ts-expect-error no attribute blah
    await Person.findOne({ where: { $blah$: 'x' } });
    // @ts-expect-error name is a string
    await Person.findOne({ where: { $name$: 1 } });
  });

  it('locks with { level, of: Model }', async () => {
    const t = await sequelize.transaction();
    await Person.findAll({ lock: { level: t.LOCK.UPDATE, of: Person }, transaction: t });
    await Person.findAll({ lock: t.LOCK.KEY_SHARE, transaction: t });
    // @ts-expect-error no such lock level
    await Person.findAll({ lock: { level: 'EXCLUSIVE', of: Person }, transaction: t });
  });

  it('instances answer isSoftDeleted()', () => {
    expectTypeOf(Person.build({ name: 'a' }).isSoftDeleted()).toEqualTypeOf<boolean>();
  });

  it('findOrBuild and findOrCreate take isNewRecord: true', async () => {
    await Person.findOrBuild({ where: { name: 'a' }, isNewRecord: true });
    // @ts-expect-error create always inserts a new record
    await Person.findOrCreate({ where: { name: 'a' }, isNewRecord: false });
  });
});
