/**
 * `relata.define()` and `Model.init()` with every DataTypes usage form Sequelize 6 accepts.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { DataTypes, Model, Relata, Sequelize, type DataType, type ModelAttributes, type ModelStatic } from '../../src/index.js';

const relata = new Relata('sqlite::memory:');

describe('relata.define', () => {
  it('returns a ModelStatic of an untyped Model by default', () => {
    const Thing = relata.define('Thing', { name: DataTypes.STRING });
    expectTypeOf(Thing).toEqualTypeOf<ModelStatic<Model>>();
    expectTypeOf(Thing.findAll()).toEqualTypeOf<Promise<Model[]>>();
    void Thing.findAll({ where: { name: 'any attribute name is accepted' } });
  });

  it('returns a ModelStatic of the given instance type', () => {
    interface TagAttributes {
      id: number;
      label: string;
    }
    interface Tag extends Model<TagAttributes, Omit<TagAttributes, 'id'>>, TagAttributes {}
    const Tag = relata.define<Tag>('Tag', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, label: DataTypes.STRING });
    expectTypeOf(Tag).toEqualTypeOf<ModelStatic<Tag>>();
    expectTypeOf(Tag.create({ label: 'x' })).toEqualTypeOf<Promise<Tag>>();
    expectTypeOf(Tag.findByPk(1)).toEqualTypeOf<Promise<Tag | null>>();
    // @ts-expect-error label is required
    void Tag.create({});
  });

  it('is the same class under the Sequelize name', () => {
    expectTypeOf(new Sequelize('sqlite::memory:')).toEqualTypeOf<Relata>();
  });
});

describe('getterMethods and setterMethods', () => {
  it('are functions whose this is the instance', () => {
    const Person = relata.define(
      'Person',
      { first: DataTypes.STRING, last: DataTypes.STRING },
      {
        getterMethods: {
          full() {
            return `${this.first} ${this.last}`;
          },
        },
        setterMethods: {
          full(value: string) {
            const [first, last] = value.split(' ');
            this.setDataValue('first', first);
            this.setDataValue('last', last);
          },
          // As Sequelize's setterMethods write it: the assignment goes through the attribute's setter.
          first(value: string) {
            this.last = value;
          },
        },
      },
    );
    expectTypeOf(Person).toEqualTypeOf<ModelStatic<Model>>();
    // @ts-expect-error a getter is a function
    relata.define('Bad', { a: DataTypes.STRING }, { getterMethods: { a: 'x' } });
  });
});

describe('DataTypes usage forms', () => {
  it('accepts the bare, called and constructed forms and the static shortcuts', () => {
    const attributes: ModelAttributes = {
      bare: DataTypes.STRING,
      called: DataTypes.STRING(50),
      constructed: new DataTypes.STRING(50),
      binary: DataTypes.STRING.BINARY,
      char: DataTypes.CHAR(2),
      text: DataTypes.TEXT('long'),
      unsigned: DataTypes.INTEGER.UNSIGNED,
      zerofill: DataTypes.INTEGER(11).UNSIGNED.ZEROFILL,
      big: DataTypes.BIGINT,
      decimal: DataTypes.DECIMAL(10, 2),
      double: DataTypes.DOUBLE,
      float: DataTypes.FLOAT(8, 2),
      bool: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      date: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
      precise: DataTypes.DATE(6),
      day: DataTypes.DATEONLY,
      time: DataTypes.TIME,
      uuid: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true },
      uuid1: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV1 },
      json: DataTypes.JSON,
      jsonb: DataTypes.JSONB,
      status: DataTypes.ENUM('draft', 'published'),
      statusObject: DataTypes.ENUM({ values: ['a', 'b'] }),
      blob: DataTypes.BLOB('tiny'),
      virtual: { type: DataTypes.VIRTUAL, get(): string { return 'v'; } },
      referencing: { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'SET NULL' },
      renamed: { type: DataTypes.STRING, field: 'renamed_column', unique: 'composite', comment: 'c', validate: { len: [1, 5] } },
    };
    expectTypeOf(attributes).toExtend<ModelAttributes>();
    expectTypeOf(DataTypes.STRING).toExtend<DataType>();
    expectTypeOf(DataTypes.STRING(10)).toExtend<DataType>();
  });

  it('accepts a column type written as SQL, and rejects values that are not data types', () => {
    const written: ModelAttributes = { name: { type: 'VARCHAR(255)' }, code: 'CHAR(2)' };
    expectTypeOf(written).toExtend<ModelAttributes>();
    // @ts-expect-error a number is not a data type
    const attributes: ModelAttributes = { name: { type: 42 } };
    expectTypeOf(attributes).toExtend<ModelAttributes>();
  });
});

describe('Model.init', () => {
  it('initializes a class and returns it', () => {
    class Project extends Model {}
    const initialized = Project.init({ title: { type: DataTypes.STRING, allowNull: false } }, { sequelize: relata, tableName: 'projects', paranoid: true, underscored: true });
    expectTypeOf(initialized).toEqualTypeOf<typeof Project>();
  });

  it('requires the connection', () => {
    class Orphan extends Model {}
    // @ts-expect-error sequelize is required
    Orphan.init({ title: DataTypes.STRING }, {});
  });
});
