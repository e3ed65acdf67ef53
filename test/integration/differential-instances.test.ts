/**
 * Differential tests for instances and hooks: the same scenario on sequelize@6 and on relata, on
 * every dialect, compared value for value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

type Lib = 'relata' | 'sequelize';
/** The surface both libraries share, loosely typed so one scenario runs on either. */
interface Api {
  lib: Lib;
  db: { define(name: string, attributes: object, options?: object): AnyModel; sync(options?: object): Promise<unknown> };
  Model: new (...args: never[]) => object;
  DataTypes: typeof RelataLib.DataTypes;
}
type AnyModel = any;

describeEachDialect('instances and hooks, relata against sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  const apis: Record<Lib, Api> = {} as Record<Lib, Api>;

  beforeAll(async () => {
    const relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    apis.relata = { lib: 'relata', db: relata as never, Model: RelataLib.Model as never, DataTypes: RelataLib.DataTypes };
    apis.sequelize = { lib: 'sequelize', db: twin.sequelize as never, Model: SequelizeLib.Model as never, DataTypes: SequelizeLib.DataTypes as never };
  });
  afterAll(async () => twin?.close());

  async function both<T>(scenario: (api: Api) => Promise<T>): Promise<Record<Lib, T>> {
    return { relata: await scenario(apis.relata), sequelize: await scenario(apis.sequelize) };
  }

  describe('class field initializers', () => {
    it('run on instances from findAll, build and create, and never hide attribute values', async () => {
      const results = await both(async ({ db, Model, DataTypes }) => {
        class Helper {
          readonly made = 'helper';
        }
        class Member extends (Model as typeof RelataLib.Model) {
          helper = new Helper();
          visits = 0;
        }
        Member.init({ name: DataTypes.STRING }, { sequelize: db as never, modelName: 'Member', timestamps: false });
        await Member.sync({ force: true });
        const created = await Member.create({ name: 'ada' });
        await Member.bulkCreate([{ name: 'bob' }]);
        const built = Member.build({ name: 'cy' });
        const found = await Member.findAll({ order: [['id', 'ASC']] });
        const one = await Member.findOne({ where: { name: 'bob' } });
        const all = [created, built, ...found, one] as (Member & { name: string })[];
        found[0]!.visits += 1;
        return {
          helpers: all.map((m) => m.helper instanceof Helper && m.helper.made),
          names: all.map((m) => m.name),
          distinct: new Set(all.map((m) => m.helper)).size,
          visits: found.map((m) => m.visits),
          keys: Object.keys(found[0]!.get()),
        };
      });
      expect(results.relata).toEqual({
        helpers: ['helper', 'helper', 'helper', 'helper', 'helper'],
        names: ['ada', 'cy', 'ada', 'bob', 'bob'],
        distinct: 5,
        visits: [1, 0],
        keys: ['id', 'name'],
      });
      expect(results.relata).toEqual(results.sequelize);
    });

    it('a value set and set back stays changed', async () => {
      const results = await both(async ({ db, DataTypes }) => {
        const Pet = db.define('Pet', { name: DataTypes.STRING, age: DataTypes.INTEGER }, { timestamps: false });
        await Pet.sync({ force: true });
        await Pet.create({ name: 'rex', age: 3 });
        const pet = await Pet.findOne();
        const before = pet.changed();
        pet.set('name', 'max');
        pet.set('name', 'rex');
        pet.set('age', 3);
        return { before, afterSetBack: pet.changed(), name: pet.changed('name'), age: pet.changed('age') };
      });
      expect(results.relata).toEqual({ before: false, afterSetBack: ['name'], name: true, age: false });
      expect(results.relata).toEqual(results.sequelize);
    });
  });

  describe('ENUM given as { type: DataTypes.ENUM, values }', () => {
    it('defines the column, stores a listed value and refuses another', async () => {
      const results = await both(async ({ db, DataTypes }) => {
        const Ticket = db.define('Ticket', { state: { type: DataTypes.ENUM, values: ['open', 'closed'] } }, { timestamps: false });
        await Ticket.sync({ force: true });
        await Ticket.create({ state: 'closed' });
        const error = await Ticket.create({ state: 'lost' }).then(() => 'created', (e: Error) => e.name);
        const rows = await Ticket.findAll({ raw: true });
        return { values: Ticket.rawAttributes.state.type.values, rows, error };
      });
      expect(results.relata).toEqual({ values: ['open', 'closed'], rows: [{ id: 1, state: 'closed' }], error: 'SequelizeValidationError' });
      // relata checks an ENUM value before writing it (docs/differences.md); Sequelize leaves it to
      // the database, which stores it on SQLite and refuses it elsewhere.
      const sequelizeRefusal = dialect === 'sqlite' || dialect === 'sqlite-file' ? 'created' : 'SequelizeDatabaseError';
      expect(results.sequelize.error).toBe(sequelizeRefusal);
      expect({ ...results.relata, error: sequelizeRefusal }).toEqual({ ...results.sequelize, rows: results.sequelize.rows.filter((r: { state: string }) => r.state !== 'lost') });
    });
  });

  describe('hooks', () => {
    it('every model hook runs by name, in order, at the point Sequelize runs it', async () => {
      const results = await both(async ({ db, DataTypes }) => {
        const log: string[] = [];
        const note = (name: string) => () => {
          log.push(name);
        };
        const Doc = db.define(
          'Doc',
          { title: { type: DataTypes.STRING, validate: { len: [1, 20] } }, kind: { type: DataTypes.ENUM, values: ['a', 'b'] } },
          {
            paranoid: true,
            hooks: {
              beforeCreate: note('options.beforeCreate'),
              afterFind: [note('options.afterFind.1'), note('options.afterFind.2')],
            },
          },
        );
        await Doc.sync({ force: true });
        const shorthands = [
          'beforeValidate', 'afterValidate', 'validationFailed', 'beforeCreate', 'afterCreate', 'beforeDestroy', 'afterDestroy',
          'beforeRestore', 'afterRestore', 'beforeUpdate', 'afterUpdate', 'beforeSave', 'afterSave', 'beforeUpsert', 'afterUpsert',
          'beforeBulkCreate', 'afterBulkCreate', 'beforeBulkDestroy', 'afterBulkDestroy', 'beforeBulkRestore', 'afterBulkRestore',
          'beforeBulkUpdate', 'afterBulkUpdate', 'beforeFind', 'beforeFindAfterExpandIncludeAll', 'beforeFindAfterOptions', 'afterFind',
          'beforeCount',
        ];
        for (const name of shorthands) Doc[name](note(name));
        Doc.addHook('beforeCount', 'named', note('named beforeCount'));
        const step = async (label: string, run: () => Promise<unknown>) => {
          log.push(`-- ${label}`);
          await run().catch((e: Error) => log.push(`! ${e.name}`));
        };
        await step('create', () => Doc.create({ title: 'one', kind: 'a' }));
        await step('invalid create', () => Doc.create({ title: '', kind: 'a' }));
        await step('save', async () => {
          const doc = await Doc.findByPk(1, { hooks: false });
          doc.title = 'uno';
          await doc.save();
        });
        await step('bulkCreate', () => Doc.bulkCreate([{ title: 'two', kind: 'b' }]));
        await step('findAll', () => Doc.findAll());
        await step('count', () => Doc.count());
        await step('update', () => Doc.update({ title: 'dos' }, { where: { id: 2 } }));
        await step('upsert', () => Doc.upsert({ id: 2, title: 'deux', kind: 'b' }));
        await step('destroy', () => Doc.destroy({ where: { id: 2 } }));
        await step('restore', () => Doc.restore({ where: { id: 2 } }));
        Doc.removeHook('beforeCount', 'named');
        await step('count after removeHook', () => Doc.count());
        await step('runHooks', () => Doc.runHooks('beforeCount', {}));
        return { log, has: [Boolean(Doc.hasHook('afterSync')), Doc.hasHooks('beforeCount'), Doc.hasHook('beforeSave')] };
      });
      expect(results.relata.log.slice(0, 12)).toEqual([
        '-- create', 'beforeValidate', 'afterValidate', 'options.beforeCreate', 'beforeCreate', 'beforeSave', 'afterCreate', 'afterSave',
        '-- invalid create', 'beforeValidate', 'validationFailed', '! SequelizeValidationError',
      ]);
      expect(results.relata).toEqual(results.sequelize);
    });
  });
  describe('findOrCreate inside one transaction', () => {
    it('concurrent calls for one key create one row, and a duplicate key leaves the transaction usable', async () => {
      const results = await both(async ({ db, DataTypes }) => {
        const Tag = db.define('Tag', { name: { type: DataTypes.STRING, unique: true }, slug: { type: DataTypes.STRING, unique: true } }, { timestamps: false });
        await Tag.sync({ force: true });
        const sequelizeLike = db as unknown as { transaction<T>(fn: (t: unknown) => Promise<T>): Promise<T> };
        return sequelizeLike.transaction(async (transaction) => {
          const found = await Promise.all([1, 2, 3, 4, 5].map(() => Tag.findOrCreate({ where: { name: 'orm' }, defaults: { slug: 'orm' }, transaction })));
          const clash = await Tag.findOrCreate({ where: { name: 'other' }, defaults: { slug: 'orm' }, transaction }).then(
            () => 'created',
            (e: Error) => e.name,
          );
          const mixed = await Promise.all(['a', 'b', 'a', 'c', 'b'].map((name) => Tag.findOrCreate({ where: { name }, defaults: { slug: name }, transaction })));
          const rows = await Tag.findAll({ transaction, order: [['id', 'ASC']], raw: true });
          return {
            created: found.map(([, c]: [unknown, boolean]) => c),
            ids: found.map(([t]: [{ id: number }]) => t.id),
            clash,
            // Which of two concurrent calls creates is up to the scheduler; how many create is not.
            mixed: mixed.map(([t, c]: [{ name: string }, boolean]) => `${t.name}:${c}`).sort(),
            rows: rows.map((r: { name: string }) => r.name).sort(),
          };
        });
      });
      expect(results.relata).toEqual({
        created: [true, false, false, false, false],
        ids: [1, 1, 1, 1, 1],
        clash: 'SequelizeUniqueConstraintError',
        mixed: ['a:false', 'a:true', 'b:false', 'b:true', 'c:true'],
        rows: ['a', 'b', 'c', 'orm'],
      });
      // Which of Sequelize's concurrent calls creates is up to its scheduler (on a SQLite file it is
      // not always the first); that exactly one does is not.
      const creators = (r: unknown) => ({ ...(r as object), created: (r as { created: boolean[] }).created.filter(Boolean).length });
      expect(creators(results.relata)).toEqual(creators(results.sequelize));
    });
  });
  describe('optimistic locking (version)', () => {
    it.each([[true, 'version'], ['lockVersion', 'lockVersion']] as const)('version: %s adds %s, increments it on save and refuses a stale save', async (option, column) => {
      const results = await both(async ({ db, DataTypes }) => {
        const Page = db.define(`Page${column}`, { title: DataTypes.STRING }, { version: option, timestamps: false });
        await Page.sync({ force: true });
        const created = await Page.create({ title: 'draft' });
        const a = await Page.findByPk(created.id);
        const b = await Page.findByPk(created.id);
        a.title = 'first';
        await a.save();
        const afterSave = a[column];
        b.title = 'second';
        const stale = await b.save().then(
          () => undefined,
          (e: { name: string; modelName: string; values: Record<string, unknown>; where: Record<string, unknown>; message: string }) => ({
            name: e.name,
            modelName: e.modelName,
            version: e.values[column],
            where: e.where,
            message: e.message,
          }),
        );
        // Increments move the version too.
        await Page.increment('id', { by: 0, where: { id: created.id } });
        const rows = await Page.findAll({ raw: true });
        return { attribute: Object.keys(Page.rawAttributes), createdVersion: created[column], afterSave, stale, rows };
      });
      expect(results.relata).toEqual({
        attribute: ['id', 'title', column],
        createdVersion: 0,
        afterSave: 1,
        stale: { name: 'SequelizeOptimisticLockError', modelName: `Page${column}`, version: 1, where: { id: 1, [column]: 0 }, message: `Attempting to update a stale model instance: Page${column}` },
        rows: [{ id: 1, title: 'first', [column]: 2 }],
      });
      expect(results.relata).toEqual(results.sequelize);
    });
  });

  describe('upsert with conflictWhere', () => {
    it('targets a partial unique index on PostgreSQL and SQLite', async () => {
      if (dialect === 'mariadb') {
        const Account = (apis.relata.db as AnyModel).define('AccountM', { email: apis.relata.DataTypes.STRING }, { timestamps: false });
        const error = await Account.upsert({ email: 'a' }, { conflictWhere: { email: 'a' } }).then(() => 'ok', (e: Error) => e.name);
        expect(error).toBe('RelataInvalidOptionError');
        return;
      }
      const results = await both(async ({ db, DataTypes }) => {
        const Account = db.define('Account', { email: DataTypes.STRING, archivedAt: DataTypes.DATE, name: DataTypes.STRING }, { timestamps: false });
        await Account.sync({ force: true });
        // SQLite matches a conflict target to a partial index only when both predicates read the
        // same without parameters; IS NULL is such a predicate (values stay bound, see docs/differences.md).
        await Account.sequelize.query('CREATE UNIQUE INDEX accounts_live_email ON "Accounts" ("email") WHERE "archivedAt" IS NULL');
        const options = { conflictFields: ['email'], conflictWhere: { archivedAt: null } };
        await Account.upsert({ email: 'a@x', name: 'one' }, options);
        await Account.upsert({ email: 'a@x', name: 'two' }, options);
        await Account.create({ email: 'a@x', archivedAt: new Date(0), name: 'old' });
        await Account.upsert({ email: 'b@x', name: 'three' }, options);
        await Account.bulkCreate([{ email: 'b@x', name: 'bulk' }, { email: 'c@x', name: 'new' }], {
          updateOnDuplicate: ['name'],
          conflictAttributes: ['email'],
          conflictWhere: { archivedAt: null },
        });
        const withoutWhere = await Account.upsert({ email: 'a@x', name: 'four' }, { conflictFields: ['email'] }).then(
          () => 'ok',
          (e: Error) => e.name,
        );
        const rows = await Account.findAll({ raw: true, order: [['id', 'ASC']], attributes: ['email', 'archivedAt', 'name'] });
        return { rows: rows.map((r: { email: string; archivedAt: unknown; name: string }) => `${r.email}:${r.archivedAt === null ? 'live' : 'archived'}:${r.name}`), withoutWhere };
      });
      expect(results.relata).toEqual({ rows: ['a@x:live:two', 'a@x:archived:old', 'b@x:live:bulk', 'c@x:live:new'], withoutWhere: 'SequelizeDatabaseError' });
      expect(results.relata).toEqual(results.sequelize);
    });
  });
  describe('where on values inside a JSON column', () => {
    it('nested objects, dotted keys and operators select the rows Sequelize selects', async () => {
      const { Op: RelataOp } = RelataLib;
      const { Op: SequelizeOp } = SequelizeLib;
      const results = await both(async ({ lib, db, DataTypes }) => {
        const Op = (lib === 'relata' ? RelataOp : SequelizeOp) as typeof RelataOp;
        const Item = db.define('JsonItem', { name: DataTypes.STRING, meta: DataTypes.JSON }, { timestamps: false });
        await Item.sync({ force: true });
        await Item.bulkCreate([
          { name: 'one', meta: { a: { b: 1 }, tag: 'x', n: 1 } },
          { name: 'two', meta: { a: { b: 2 }, tag: 'y', n: 5 } },
          { name: 'str', meta: { a: { b: '1' }, tag: 'x' } },
          { name: 'none', meta: { c: 1 } },
        ]);
        const queries: Record<string, object> = {
          nested: { meta: { a: { b: 1 } } },
          dotted: { 'meta.a.b': 1 },
          nestedOp: { meta: { a: { b: { [Op.gt]: 1 } } } },
          op: { meta: { n: { [Op.gt]: 1 } } },
          text: { meta: { tag: 'x' } },
          dottedText: { 'meta.tag': 'y' },
          in: { meta: { tag: { [Op.in]: ['x', 'y'] } } },
          ne: { meta: { tag: { [Op.ne]: 'x' } } },
          twoKeys: { meta: { tag: 'x', n: 1 } },
          like: { meta: { tag: { [Op.like]: 'x%' } } },
          between: { 'meta.n': { [Op.between]: [2, 9] } },
          cast: { 'meta.n::integer': { [Op.gt]: 1 } },
          injection: { meta: { tag: "x' OR '1'='1" } },
          withColumn: { name: 'two', meta: { a: { b: 2 } } },
        };
        const out: Record<string, string[]> = {};
        for (const [name, where] of Object.entries(queries)) {
          out[name] = (await Item.findAll({ where, order: [['id', 'ASC']] })).map((r: { name: string }) => r.name);
        }
        return out;
      });
      expect(results.relata).toEqual({
        nested: ['one', 'str'],
        dotted: ['one', 'str'],
        nestedOp: ['two'],
        op: ['two'],
        text: ['one', 'str'],
        dottedText: ['two'],
        in: ['one', 'two', 'str'],
        ne: ['two'],
        twoKeys: ['one'],
        like: ['one', 'str'],
        between: ['two'],
        cast: ['two'],
        injection: [],
        withColumn: ['two'],
      });
      expect(results.relata).toEqual(results.sequelize);
    });

    it('binds the path and refuses path segments the JSON path syntax would misread', async () => {
      const db = apis.relata.db as AnyModel;
      const Item = db.define('JsonItem2', { meta: apis.relata.DataTypes.JSON }, { timestamps: false });
      await Item.sync({ force: true });
      const statements: string[] = [];
      await Item.findAll({ where: { meta: { 'a b': { c: 'v' } } }, logging: (sql: string) => statements.push(sql) });
      expect(statements.join('\n')).not.toContain('a b');
      const refused = await Item.findAll({ where: { meta: { 'a"b': 1 } } }).then(() => 'ran', (e: Error) => `${e.name}: ${e.message}`);
      expect(refused).toMatch(/^RelataInvalidOptionError: .*a JSON path segment/);
    });
  });
  describe('Model.describe and transaction.LOCK', () => {
    it('describe() lists the table columns; a transaction carries the lock modes', async () => {
      const results = await both(async ({ db, DataTypes }) => {
        const Shelf = db.define('Shelf', { label: { type: DataTypes.STRING, allowNull: false } }, { timestamps: false });
        await Shelf.sync({ force: true });
        const described = await Shelf.describe();
        const t = await (db as unknown as { transaction(): Promise<{ LOCK: Record<string, string>; commit(): Promise<void> }> }).transaction();
        const lock = t.LOCK.UPDATE;
        await t.commit();
        return { columns: Object.keys(described), labelAllowsNull: described.label.allowNull, lock };
      });
      expect(results.relata).toEqual({ columns: ['id', 'label'], labelAllowsNull: false, lock: 'UPDATE' });
      expect(results.relata).toEqual(results.sequelize);
    });
  });
  describe('associate hooks', () => {
    it('beforeAssociate and afterAssociate run on the source model, synchronously, for associations with hooks: true', async () => {
      const results = await both(async ({ db, DataTypes }) => {
        const log: string[] = [];
        const Author = db.define('HookAuthor', { name: DataTypes.STRING });
        const Book = db.define('HookBook', { title: DataTypes.STRING });
        Author.beforeAssociate((info: { source: { name: string }; target: { name: string } }, options: { as?: string }) => {
          log.push(`before ${info.source.name}->${info.target.name} as ${options.as}`);
        });
        Author.afterAssociate((info: { association: { as: string; associationType: string } }) => {
          log.push(`after ${info.association.as} ${info.association.associationType}`);
        });
        Author.hasMany(Book, { as: 'books', hooks: true });
        log.push('returned');
        // Without hooks: true on the association, Sequelize runs neither.
        Author.hasOne(Book, { as: 'favourite' });
        return log;
      });
      expect(results.relata).toEqual(['before HookAuthor->HookBook as books', 'after books HasMany', 'returned']);
      expect(results.relata).toEqual(results.sequelize);
    });
  });
});
