/**
 * Code typed for Sequelize 6 compiles against relata: Sequelize's type names, the mixin generics
 * with Sequelize's arities, typed `query()` results, `literal()` in update values, `this` in
 * attribute getters and setters, `rejectOnEmpty`, and typed entities (`asModel(Entity).create`,
 * association accessors on entity instances).
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  DataTypes, Model, QueryTypes, Sequelize, Transaction, literal,
  type AndOperator, type Association, type CreationOptional, type Dialect, type HasMany, type HasManyCreateAssociationMixin,
  type HasManyOptions, type HasOne, type Identifier, type Includeable, type IncludeOptions, type InferAttributes,
  type InferCreationAttributes, type ModelCtor, type ModelDefined, type ModelStatic, type Optional, type Options, type OrOperator, type Utils,
} from '../../src/index.js';
import type { HasManyAssociation } from '../../src/associations/has-many.js';
import type { HasOneAssociation } from '../../src/associations/has-one.js';
import type { GroupedCountRow } from '../../src/model/model-types.js';
import type { Fn } from '../../src/query/fragments.js';
import { Column, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn, asModel } from '../../src/decorators/typeorm/index.js';
import type { Op } from '../../src/query/operators.js';

interface NoteAttributes {
  id: number;
  title: string;
  body: string | null;
}

class Project extends Model<InferAttributes<Project>, InferCreationAttributes<Project>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare ownerId: number;
}

class Owner extends Model<InferAttributes<Owner>, InferCreationAttributes<Owner>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare createProject: HasManyCreateAssociationMixin<Project, 'ownerId'>;
  declare static associations: { projects: Association<Owner, Project> };
}

describe('Sequelize 6 type names', () => {
  it('Optional makes the named keys optional', () => {
    type NoteCreation = Optional<NoteAttributes, 'id' | 'body'>;
    const creation: NoteCreation = { title: 't' };
    expectTypeOf(creation).toEqualTypeOf<NoteCreation>();
    // @ts-expect-error title is still required
    const missing: NoteCreation = { id: 1 };
    void missing;
  });

  it('ModelCtor and ModelDefined are model classes', () => {
    expectTypeOf<ModelCtor<Project>>().toEqualTypeOf<ModelStatic<Project>>();
    expectTypeOf<ModelDefined<NoteAttributes, Optional<NoteAttributes, 'id'>>>().toEqualTypeOf<ModelStatic<Model<NoteAttributes, Optional<NoteAttributes, 'id'>>>>();
    const Note = {} as ModelDefined<NoteAttributes, Optional<NoteAttributes, 'id'>>;
    void Note.create({ title: 't', body: null });
    // @ts-expect-error title must be a string
    void Note.create({ title: 1, body: null });
  });

  it('names options, dialects, identifiers and includes', () => {
    expectTypeOf<Options>().toHaveProperty('dialect');
    expectTypeOf<'postgres'>().toMatchTypeOf<Dialect>();
    // @ts-expect-error not a dialect
    const dialect: Dialect = 'oracle';
    void dialect;
    expectTypeOf<number>().toMatchTypeOf<Identifier>();
    expectTypeOf<IncludeOptions>().toMatchTypeOf<Includeable>();
    expectTypeOf<typeof Project>().toMatchTypeOf<Includeable>();
    expectTypeOf<HasManyOptions>().toHaveProperty('foreignKey');
    expectTypeOf<Utils.DeepWriteable<{ readonly a: { readonly b: number } }>>().toEqualTypeOf<{ a: { b: number } }>();
    const and: AndOperator<NoteAttributes> = { [Symbol.for('and') as typeof Op.and]: [{ id: 1 }] };
    const or: OrOperator<NoteAttributes> = { [Symbol.for('or') as typeof Op.or]: [{ title: 'a' }] };
    void and;
    void or;
  });

  it('DataTypes is also a type namespace', () => {
    expectTypeOf(DataTypes.INTEGER()).toEqualTypeOf<DataTypes.IntegerDataType>();
    expectTypeOf(new DataTypes.TINYINT()).toEqualTypeOf<DataTypes.TinyIntegerDataType>();
    expectTypeOf(DataTypes.BIGINT()).toEqualTypeOf<DataTypes.BigIntDataType>();
    expectTypeOf(DataTypes.STRING(20)).toEqualTypeOf<DataTypes.StringDataType>();
    expectTypeOf(DataTypes.JSON()).toMatchTypeOf<DataTypes.AbstractDataType>();
    // @ts-expect-error a STRING is not an INTEGER
    expectTypeOf(DataTypes.STRING()).toEqualTypeOf<DataTypes.IntegerDataType>();
  });

  it('association types: HasMany, HasOne, Association<S, T>', () => {
    expectTypeOf<HasMany>().toMatchTypeOf<HasManyAssociation>();
    expectTypeOf<HasOne<Owner, Project>>().toMatchTypeOf<HasOneAssociation>();
    expectTypeOf<HasOne>().toMatchTypeOf<Association>();
    expectTypeOf(Owner.associations.projects).toEqualTypeOf<Association<Owner, Project>>();
    const target: ModelStatic<Project> = Owner.associations.projects.target;
    const source: ModelStatic<Owner> = Owner.associations.projects.source;
    // @ts-expect-error the target is a Project class
    const wrong: ModelStatic<Owner> = Owner.associations.projects.target;
    void [target, source, wrong];
  });

  it('HasManyCreateAssociationMixin takes the foreign key the association fills in', async () => {
    const owner = Owner.build({ name: 'o' });
    const project = await owner.createProject({ name: 'p' });
    expectTypeOf(project).toEqualTypeOf<Project>();
    // @ts-expect-error ownerId is left out of the values
    await owner.createProject({ name: 'p', ownerId: 1 });
    // @ts-expect-error the second parameter must be a creation attribute
    type Wrong = HasManyCreateAssociationMixin<Project, 'nope'>;
  });
});

describe('queries', () => {
  const sequelize = new Sequelize('sqlite::memory:');

  it('types sequelize.query() by its type', async () => {
    expectTypeOf(await sequelize.query('SELECT 1', { type: QueryTypes.SELECT })).toEqualTypeOf<object[]>();
    expectTypeOf(await sequelize.query<{ n: number }>('SELECT 1 AS n', { type: QueryTypes.SELECT })).toEqualTypeOf<{ n: number }[]>();
    expectTypeOf(await sequelize.query<{ n: number }>('SELECT 1 AS n', { type: QueryTypes.SELECT, plain: true })).toEqualTypeOf<{ n: number } | null>();
    expectTypeOf(await sequelize.query('UPDATE t SET a = 1', { type: QueryTypes.UPDATE })).toEqualTypeOf<number>();
    expectTypeOf(await sequelize.query('DELETE FROM t', { type: QueryTypes.BULKDELETE })).toEqualTypeOf<number>();
    expectTypeOf(await sequelize.query('INSERT INTO t VALUES (1)', { type: QueryTypes.INSERT })).toEqualTypeOf<[unknown, number]>();
    expectTypeOf(await sequelize.query('SELECT 1')).toEqualTypeOf<[unknown[], unknown]>();
    expectTypeOf(await sequelize.query('SELECT 1', { type: QueryTypes.RAW })).toEqualTypeOf<[unknown[], unknown]>();
  });

  it('accepts literal() in update values, still checking the attributes', async () => {
    await Project.update({ name: literal("'x'") }, { where: { id: 1 } });
    await Project.build({ name: 'p', ownerId: 1 }).update({ name: literal("'y'") });
    // @ts-expect-error name is a string
    await Project.update({ name: 1 }, { where: { id: 1 } });
    // @ts-expect-error unknown attribute
    await Project.update({ nope: literal('1') }, { where: { id: 1 } });
    // @ts-expect-error fn() is not written as SQL in update values
    await Project.update({ name: {} as Fn }, { where: { id: 1 } });
  });

  it('a grouped count is one row per group', async () => {
    expectTypeOf(await Project.count({ group: 'name' })).toEqualTypeOf<GroupedCountRow[]>();
    expectTypeOf(await Project.count({ where: { ownerId: 1 } })).toEqualTypeOf<number>();
    expectTypeOf((await Project.findAndCountAll({ group: ['name'] })).count).toEqualTypeOf<GroupedCountRow[]>();
    expectTypeOf((await Project.findAndCountAll()).count).toEqualTypeOf<number>();
  });

  it('rejectOnEmpty removes null from findOne and findByPk', async () => {
    expectTypeOf(await Project.findByPk(1, { rejectOnEmpty: true })).toEqualTypeOf<Project>();
    expectTypeOf(await Project.findOne({ where: { id: 1 }, rejectOnEmpty: true })).toEqualTypeOf<Project>();
    expectTypeOf(await Project.findByPk(1)).toEqualTypeOf<Project | null>();
  });

  it('get() reads the declared fields of an untyped model', () => {
    class Counter extends Model {
      declare num: number;
    }
    const counter = new Counter();
    expectTypeOf(counter.get('num')).toEqualTypeOf<number>();
    expectTypeOf(counter.get('other')).toEqualTypeOf<unknown>();
  });

  it('types addHook by hook name', () => {
    Project.addHook('afterDestroy', (instance, options) => {
      expectTypeOf(instance).toEqualTypeOf<Project>();
      expectTypeOf(options.transaction).toEqualTypeOf<Transaction | null | undefined>();
    });
    Project.addHook('beforeFind', 'named', (options) => {
      expectTypeOf(options.where).toMatchTypeOf<unknown>();
    });
    Project.addHook('afterFind', (result) => {
      expectTypeOf(result).toEqualTypeOf<readonly Project[] | Project | null>();
    });
    Project.addHook('beforeSave', (project) => {
      // @ts-expect-error name is a string
      project.name = 1;
    });
  });

  it('types this in attribute getters and setters, and toJSON<T>()', () => {
    Project.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        name: {
          type: DataTypes.STRING,
          get() {
            expectTypeOf(this).toEqualTypeOf<Project>();
            return this.getDataValue('name').toUpperCase();
          },
          set(value: string) {
            this.setDataValue('name', value.trim());
          },
        },
        ownerId: DataTypes.INTEGER,
      },
      { sequelize },
    );
    const project = Project.build({ name: 'p', ownerId: 1 });
    expectTypeOf(project.toJSON<{ id: number }>()).toEqualTypeOf<{ id: number }>();
    expectTypeOf(project.toJSON().name).toEqualTypeOf<string>();
    class Film extends Model<{ id: number; name?: string }> {
      declare id: number;
      override toJSON() {
        return { id: this.id };
      }
    }
    expectTypeOf(Film.build().toJSON()).toEqualTypeOf<{ id: number }>();
  });
});

@Entity()
class Writer {
  @PrimaryGeneratedColumn() id!: number;
  @Column() name!: string;
  @Column('int', { nullable: true }) age!: number | null;
  @OneToMany(() => Article, (article) => article.writer) articles!: Article[];
}

@Entity()
class Article {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
  @ManyToOne(() => Writer, (writer) => writer.articles) writer!: Writer;
}

describe('TypeORM-style entities', () => {
  it('asModel(Entity).create() is typed by the entity columns', async () => {
    const writer = await asModel(Writer).create({ name: 'ada', age: null });
    expectTypeOf(writer.name).toEqualTypeOf<string>();
    // @ts-expect-error name is a string
    await asModel(Writer).create({ name: 1 });
    // @ts-expect-error not a column
    await asModel(Writer).create({ nickname: 'a' });
    // @ts-expect-error relations are not creation attributes
    await asModel(Writer).create({ articles: [] });
  });

  it('puts the association accessors on entity instances', async () => {
    const writer = await asModel(Writer).create({ name: 'ada' });
    const articles = await writer.getArticles({ where: { title: 'x' } });
    expectTypeOf(articles[0]!.title).toEqualTypeOf<string>();
    expectTypeOf(await writer.countArticles()).toEqualTypeOf<number>();
    await writer.addArticles([1, 2]);
    expectTypeOf(await writer.hasArticles([1])).toEqualTypeOf<boolean>();
    const article = await asModel(Article).create({ title: 't' });
    const author = await article.getWriter();
    expectTypeOf(author?.name).toEqualTypeOf<string | undefined>();
    await article.createWriter({ name: 'b' });
    // @ts-expect-error accessors are typed by the target's columns
    await writer.getArticles({ where: { nope: 1 } });
    // @ts-expect-error no accessor for a column
    await writer.getName();
  });
});

describe('relata.query() with a model', () => {
  it('gives instances, or one instance or null with plain', () => {
    class Person extends Model {}
    const relata = new Sequelize('sqlite::memory:');
    expectTypeOf(relata.query('SELECT 1', { model: Person })).resolves.toEqualTypeOf<Person[]>();
    expectTypeOf(relata.query('SELECT 1', { model: Person, mapToModel: true, plain: true })).resolves.toEqualTypeOf<Person | null>();
  });
});
