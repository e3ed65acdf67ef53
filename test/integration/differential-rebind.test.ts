/**
 * A model class initialized again on a new connection (a test suite that opens a connection per
 * test and re-inits its models, as NestJS testing modules do): the last init wins, as in
 * sequelize@6 and sequelize-typescript 2.1.6, compared value for value. One deliberate
 * difference: the old connection stops listing the class in `models` (Sequelize keeps it there,
 * so the old connection's sync() would act on the new one).
 */
import 'reflect-metadata';
import * as SequelizeLib from 'sequelize';
import { BelongsTo as StBelongsTo, Column as StColumn, ForeignKey as StForeignKey, HasMany as StHasMany, Model as StModel, Sequelize as StSequelize, Table as StTable } from 'sequelize-typescript';
import { afterAll, describe, expect, it } from 'vitest';
import * as RelataLib from '../../src/index.js';
import { BelongsTo, Column, DataTypes, ForeignKey, HasMany, Model, Relata, Table } from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type AnyModel = any;
interface Connection {
  sync(options?: object): Promise<unknown>;
  close(): Promise<void>;
  readonly models: Record<string, unknown>;
}
interface Api {
  open(): Promise<Connection>;
  Model: typeof RelataLib.Model;
  DataTypes: typeof RelataLib.DataTypes;
}

async function lastInitWins({ open, Model: Base, DataTypes: types }: Api) {
  class Owner extends Base {}
  class Pet extends Base {}
  const O = Owner as AnyModel;
  const P = Pet as AnyModel;
  const round = async (sequelize: Connection, name: string) => {
    O.init({ name: types.STRING }, { sequelize, modelName: 'Owner', tableName: 'rebind_owners', timestamps: false });
    const associationsBefore = Object.keys(O.associations);
    P.init({ name: types.STRING }, { sequelize, modelName: 'Pet', tableName: 'rebind_pets', timestamps: false });
    const petAttributesBefore = Object.keys(P.rawAttributes);
    O.hasMany(P, { as: 'pets', foreignKey: 'ownerId' });
    P.belongsTo(O, { as: 'owner', foreignKey: 'ownerId' });
    await sequelize.sync({ force: true });
    const owner = await O.create({ name });
    await P.create({ name: `${name}'s cat`, ownerId: owner.id });
    const rows = (await O.findAll({ include: ['pets'] })).map((o: AnyModel) => [o.name, o.pets.map((p: AnyModel) => p.name)]);
    return { associationsBefore, petAttributesBefore, associations: Object.keys(O.associations), petAttributes: Object.keys(P.rawAttributes), rows };
  };
  const first = await open();
  const firstRound = await round(first, 'ada');
  const second = await open();
  const secondRound = await round(second, 'bob');
  const bound = [O.sequelize === second, P.sequelize === second];
  await first.close();
  const afterClose = (await P.findAll({ include: ['owner'] })).map((p: AnyModel) => [p.name, p.owner.name]);
  return {
    compared: { firstRound, secondRound, bound, afterClose, count: await O.count(), secondModels: Object.keys(second.models).sort() },
    firstModels: Object.keys(first.models).sort(),
  };
}

describeEachDialect('Model.init on a new connection, relata against sequelize@6', ({ dialect, connect, url }) => {
  const twins: SequelizeTwin[] = [];
  afterAll(async () => {
    // The scenario closed the first twin; both share one namespace, which the last one drops.
    await twins.at(-1)?.close();
  });

  it('moves the class and its re-declared associations; the old connection can close', async () => {
    const relata = await lastInitWins({ open: () => connect(), Model: RelataLib.Model, DataTypes: RelataLib.DataTypes });
    const sequelize = await lastInitWins({
      open: async () => {
        const twin = await sequelizeTwin(dialect, url);
        twins.push(twin);
        return twin.sequelize as unknown as Connection;
      },
      Model: SequelizeLib.Model as never,
      DataTypes: SequelizeLib.DataTypes as never,
    });
    expect(relata.compared).toEqual(sequelize.compared);
    expect(relata.compared).toEqual({
      firstRound: { associationsBefore: [], petAttributesBefore: ['id', 'name'], associations: ['pets'], petAttributes: ['id', 'name', 'ownerId'], rows: [['ada', ["ada's cat"]]] },
      secondRound: { associationsBefore: [], petAttributesBefore: ['id', 'name'], associations: ['pets'], petAttributes: ['id', 'name', 'ownerId'], rows: [['bob', ["bob's cat"]]] },
      bound: [true, true],
      afterClose: [["bob's cat", 'bob']],
      count: 1,
      secondModels: ['Owner', 'Pet'],
    });
    expect({ relata: relata.firstModels, sequelize: sequelize.firstModels }).toEqual({ relata: [], sequelize: ['Owner', 'Pet'] });
  });
});

describe('addModels on a new connection, relata against sequelize-typescript 2.1.6', () => {
  function relataClasses() {
    @Table({ tableName: 'shelves', timestamps: false })
    class Shelf extends Model {
      @Column(DataTypes.STRING) declare label: string;
      @HasMany(() => Book) declare books: Book[];
    }
    @Table({ tableName: 'books', timestamps: false })
    class Book extends Model {
      @Column(DataTypes.STRING) declare title: string;
      @ForeignKey(() => Shelf) @Column(DataTypes.INTEGER) declare shelfId: number;
      @BelongsTo(() => Shelf) declare shelf: Shelf;
    }
    return { Shelf, Book };
  }
  function sequelizeTypescriptClasses() {
    @StTable({ tableName: 'shelves', timestamps: false })
    class Shelf extends StModel {
      @StColumn(SequelizeLib.DataTypes.STRING) declare label: string;
      @StHasMany(() => Book) declare books: Book[];
    }
    @StTable({ tableName: 'books', timestamps: false })
    class Book extends StModel {
      @StColumn(SequelizeLib.DataTypes.STRING) declare title: string;
      @StForeignKey(() => Shelf) @StColumn(SequelizeLib.DataTypes.INTEGER) declare shelfId: number;
      @StBelongsTo(() => Shelf) declare shelf: Shelf;
    }
    return { Shelf, Book };
  }

  async function scenario(classes: { Shelf: AnyModel; Book: AnyModel }, open: (models?: unknown[]) => Connection & { addModels(models: unknown[]): void }) {
    const { Shelf, Book } = classes;
    const round = async (sequelize: Connection, label: string) => {
      await sequelize.sync({ force: true });
      const shelf = await Shelf.create({ label });
      await Book.create({ title: `${label}-1`, shelfId: shelf.id });
      return (await Shelf.findAll({ include: ['books'] })).map((s: AnyModel) => [s.label, s.books.map((b: AnyModel) => b.title)]);
    };
    const first = open([Shelf, Book]);
    const rows = [await round(first, 'A')];
    const second = open();
    second.addModels([Shelf, Book]);
    rows.push(await round(second, 'B'));
    const bound = [Shelf.sequelize === second, Book.sequelize === second];
    await first.close();
    const afterClose = (await Book.findAll({ include: ['shelf'] })).map((b: AnyModel) => [b.title, b.shelf.label]);
    await second.close();
    return { rows, bound, associations: [Object.keys(Shelf.associations), Object.keys(Book.associations)], afterClose, secondModels: Object.keys(second.models).sort() };
  }

  it('re-registers decorated classes and their associations on the new connection', async () => {
    const relata = await scenario(relataClasses(), (models) => new Relata('sqlite::memory:', { logging: false, ...(models ? { models } : {}) }) as never);
    const sequelizeTypescript = await scenario(sequelizeTypescriptClasses(), (models) => new StSequelize({ dialect: 'sqlite', storage: ':memory:', logging: false, ...(models ? { models: models as never } : {}) }) as never);
    expect(relata).toEqual(sequelizeTypescript);
    expect(relata).toEqual({
      rows: [[['A', ['A-1']]], [['B', ['B-1']]]],
      bound: [true, true],
      associations: [['books'], ['shelf']],
      afterClose: [['B-1', 'B']],
      secondModels: ['Book', 'Shelf'],
    });
  });
});
