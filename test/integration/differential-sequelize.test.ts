/**
 * Differential tests: the same models defined in relata and in sequelize@6, synced into separate
 * namespaces of the same server (a second pg schema, a second MariaDB database, a second in-memory
 * SQLite database), then compared — default table names, what the catalog says sync created, and
 * the shapes of what the finders and writers return.
 *
 * Every place where relata deliberately differs is spelled out below in a table, per dialect, and
 * explained in docs/differences.md; everything else must be identical.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTypes as SequelizeDataTypes, QueryTypes as SequelizeQueryTypes, Sequelize as SequelizeLib } from 'sequelize';
import { DataTypes, Model, Op, QueryTypes, type Relata } from '../../src/index.js';
import { catalogDialect, columnCatalog, type CatalogColumn, type CatalogDialect, type CatalogIndex, type CatalogQuery } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from '../support/global-setup.js';

type Types = typeof DataTypes;
type Definition = readonly [attributes: Record<string, unknown>, options: Record<string, unknown>];

/** The models, written once and defined in both libraries (their DataTypes share names and forms). */
function definitions(T: Types, dialect: CatalogDialect): Record<string, Definition> {
  return {
    User: [{ name: T.STRING, email: { type: T.STRING, allowNull: false, unique: true }, age: T.INTEGER, active: { type: T.BOOLEAN, defaultValue: true } }, {}],
    Category: [{ title: T.STRING(100) }, { indexes: [{ unique: true, fields: ['title'] }] }],
    Person: [{ name: { type: T.STRING, allowNull: false } }, { timestamps: false }],
    BlogPost: [
      { postTitle: T.STRING, authorId: { type: T.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE' } },
      // Sequelize 6 wants column names in index fields.
      { underscored: true, indexes: [{ fields: ['post_title'] }] },
    ],
    Document: [{ title: T.STRING }, { paranoid: true, indexes: [{ fields: ['title', 'deletedAt'] }] }],
    Everything: [
      {
        uuid: { type: T.UUID, defaultValue: T.UUIDV4 },
        string: T.STRING(50),
        char: T.CHAR(2),
        text: T.TEXT,
        integer: T.INTEGER,
        bigint: T.BIGINT,
        smallint: T.SMALLINT,
        float: T.FLOAT,
        double: T.DOUBLE,
        decimal: T.DECIMAL(10, 2),
        boolean: { type: T.BOOLEAN, allowNull: false, defaultValue: false },
        date: T.DATE,
        dateonly: T.DATEONLY,
        time: T.TIME,
        json: T.JSON,
        // JSONB exists on PostgreSQL only (Sequelize refuses it elsewhere).
        ...(dialect === 'postgres' ? { jsonb: T.JSONB } : {}),
        enum: T.ENUM('draft', 'published'),
        blob: T.BLOB,
        virtual: { type: T.VIRTUAL, get: () => 1 },
      },
      { timestamps: false },
    ],
  };
}

const TABLES: Record<string, string> = {
  User: 'Users',
  Category: 'Categories',
  Person: 'People',
  BlogPost: 'blog_posts',
  Document: 'Documents',
  Everything: 'Everythings',
};

const COLUMN_NAMES: Record<string, readonly string[]> = {
  Users: ['id', 'name', 'email', 'age', 'active', 'createdAt', 'updatedAt'],
  Categories: ['id', 'title', 'createdAt', 'updatedAt'],
  People: ['id', 'name'],
  blog_posts: ['id', 'post_title', 'author_id', 'created_at', 'updated_at'],
  Documents: ['id', 'title', 'createdAt', 'updatedAt', 'deletedAt'],
  Everythings: ['id', 'uuid', 'string', 'char', 'text', 'integer', 'bigint', 'smallint', 'float', 'double', 'decimal', 'boolean', 'date', 'dateonly', 'time', 'json', 'enum', 'blob'],
};

/** One column property where the two catalogs disagree. */
interface ColumnDifference {
  readonly table: string;
  readonly column: string;
  readonly property: keyof CatalogColumn;
  readonly relata: unknown;
  readonly sequelize: unknown;
}

// The deliberate differences in the columns sync creates (docs/differences.md explains each).
const COLUMN_DIFFERENCES: Record<CatalogDialect, readonly ColumnDifference[]> = {
  // Same value, spelled as a boolean literal (SQLite >= 3.23 reads TRUE/FALSE as 1/0).
  sqlite: [
    { table: 'Users', column: 'active', property: 'default', relata: 'true', sequelize: '1' },
    { table: 'Everythings', column: 'boolean', property: 'default', relata: 'false', sequelize: '0' },
  ],
  // ENUM is VARCHAR(255) plus a CHECK constraint, not a CREATE TYPE enum.
  postgres: [{ table: 'Everythings', column: 'enum', property: 'type', relata: 'character varying(255)', sequelize: 'USER-DEFINED enum_Everythings_enum' }],
  mariadb: [],
};

/** Where unique constraints/indexes and plain indexes differ: [relata, sequelize] per table. */
interface IndexDifferences {
  readonly uniques: Readonly<Record<string, readonly [CatalogIndex[], CatalogIndex[]]>>;
  readonly indexes: Readonly<Record<string, readonly [CatalogIndex[], CatalogIndex[]]>>;
}

const postTitle: CatalogIndex = { name: 'blog_posts_post_title', columns: ['post_title'] };

const INDEX_DIFFERENCES: Record<CatalogDialect, IndexDifferences> = {
  // SQLite's catalog names every UNIQUE constraint sqlite_autoindex_<table>_<n>, so names match there.
  sqlite: {
    uniques: {},
    // A foreign key column gets an index.
    indexes: { blog_posts: [[{ name: 'blog_posts_author_id', columns: ['author_id'] }, postTitle], [postTitle]] },
  },
  postgres: {
    // Unique constraints are named <table>_<field>_unique (PostgreSQL would name it <table>_<field>_key).
    uniques: { Users: [[{ name: 'Users_email_unique', columns: ['email'] }], [{ name: 'Users_email_key', columns: ['email'] }]] },
    indexes: { blog_posts: [[{ name: 'blog_posts_author_id', columns: ['author_id'] }, postTitle], [postTitle]] },
  },
  mariadb: {
    uniques: { Users: [[{ name: 'Users_email_unique', columns: ['email'] }], [{ name: 'email', columns: ['email'] }]] },
    // InnoDB indexes every foreign key itself, under the constraint's name: relata names its
    // constraints <table>_<column>_fkey, Sequelize leaves them unnamed.
    indexes: { blog_posts: [[{ name: 'blog_posts_author_id_fkey', columns: ['author_id'] }, postTitle], [{ name: 'author_id', columns: ['author_id'] }, postTitle]] },
  },
};

function columnDifferences(table: string, relata: readonly CatalogColumn[], sequelize: readonly CatalogColumn[]): ColumnDifference[] {
  const out: ColumnDifference[] = [];
  const theirs = new Map(sequelize.map((c) => [c.name, c]));
  for (const ours of relata) {
    const other = theirs.get(ours.name);
    if (!other) continue;
    for (const property of ['type', 'nullable', 'default', 'primaryKey'] as const) {
      if (ours[property] !== other[property]) out.push({ table, column: ours.name, property, relata: ours[property], sequelize: other[property] });
    }
  }
  return out;
}

// ------------------------------------------------------------------ result shapes

interface Instance {
  get(options: { plain: true }): Record<string, unknown>;
}

/** What the scenarios call, on a relata model or a Sequelize model alike. */
interface ModelClass {
  readonly tableName: string;
  create(values: object): Promise<Instance>;
  bulkCreate(records: readonly object[]): Promise<Instance[]>;
  findAll(options?: object): Promise<Instance[]>;
  findAndCountAll(options?: object): Promise<{ count: number; rows: Instance[] }>;
  count(options?: object): Promise<number>;
  update(values: object, options: object): Promise<unknown>;
  destroy(options: object): Promise<number>;
  upsert(values: object): Promise<[Instance, boolean | null]>;
  findOrCreate(options: object): Promise<[Instance, boolean]>;
}

type Library = 'relata' | 'sequelize';

/** Each key with the kind of its value, sorted by key: `{ age: 'null', createdAt: 'Date', … }`. */
function shape(values: Record<string, unknown>): Record<string, string> {
  const kind = (v: unknown): string => (v === null ? 'null' : v instanceof Date ? 'Date' : Buffer.isBuffer(v) ? 'Buffer' : typeof v);
  return Object.fromEntries(Object.keys(values).sort().map((k) => [k, kind(values[k])]));
}

function withoutTimestamps(values: Record<string, unknown>): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, deletedAt: _d, ...rest } = values;
  return rest;
}

const USER_SHAPE = { active: 'boolean', createdAt: 'Date', email: 'string', id: 'number', name: 'string', updatedAt: 'Date' };
const USER_SHAPE_WITH_AGE = { ...USER_SHAPE, age: 'null' };

/**
 * Expected `[relata, sequelize]` per dialect. relata reads written rows back with RETURNING where the
 * dialect has it (SQLite included), so attributes the caller left out come back too; Sequelize 6
 * does that on PostgreSQL only.
 */
const CREATE_SHAPE: Record<CatalogDialect, readonly [object, object]> = {
  sqlite: [USER_SHAPE_WITH_AGE, USER_SHAPE],
  postgres: [USER_SHAPE_WITH_AGE, USER_SHAPE_WITH_AGE],
  mariadb: [USER_SHAPE, USER_SHAPE],
};

/** upsert: relata sets the timestamps on the returned instance everywhere; Sequelize 6 only where it reads back. */
const UPSERT_SHAPE: Record<CatalogDialect, readonly [object, object]> = {
  sqlite: [USER_SHAPE_WITH_AGE, { active: 'boolean', email: 'string', id: 'number', name: 'string' }],
  postgres: [USER_SHAPE_WITH_AGE, USER_SHAPE_WITH_AGE],
  mariadb: [USER_SHAPE, { active: 'boolean', email: 'string', id: 'number', name: 'string' }],
};

/** upsert's `created` for a new row and then an existing one: [relata, sequelize]. */
const UPSERT_CREATED: Record<CatalogDialect, readonly [readonly [null, null], readonly [boolean | null, boolean | null]]> = {
  sqlite: [[null, null], [null, null]],
  postgres: [[null, null], [null, null]],
  mariadb: [[null, null], [true, false]],
};

/** raw: true rows: relata parses values by data type; Sequelize 6 passes the driver's values through. */
const RAW_KINDS: Record<CatalogDialect, readonly [Record<string, string>, Record<string, string>]> = {
  sqlite: [{ active: 'boolean', createdAt: 'Date' }, { active: 'number', createdAt: 'string' }],
  postgres: [{ active: 'boolean', createdAt: 'Date' }, { active: 'boolean', createdAt: 'Date' }],
  mariadb: [{ active: 'boolean', createdAt: 'Date' }, { active: 'number', createdAt: 'Date' }],
};

/**
 * update() of a row to the values it already has: relata counts matched rows on every dialect;
 * Sequelize 6 on MySQL/MariaDB connects with -FOUND_ROWS and counts changed rows.
 */
const UNCHANGED_UPDATE: Record<CatalogDialect, readonly [unknown, unknown]> = {
  sqlite: [[1], [1]],
  postgres: [[1], [1]],
  mariadb: [[1], [0]],
};

describeEachDialect('relata and sequelize@6 side by side', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  const catalog = columnCatalog(family);
  let relata: Relata;
  let sequelize: SequelizeLib;
  let relataSchema = '';
  let sequelizeSchema = '';
  const models: Record<Library, Record<string, ModelClass>> = { relata: {}, sequelize: {} };
  let runRelata: CatalogQuery;
  let runSequelize: CatalogQuery;

  beforeAll(async () => {
    relata = await connect();
    if (family === 'sqlite') {
      sequelize = new SequelizeLib({ dialect: 'sqlite', storage: ':memory:', logging: false });
    } else if (family === 'postgres') {
      relataSchema = (new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '');
      sequelizeSchema = `${relataSchema}_sq`;
      await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${sequelizeSchema}"`));
      sequelize = new SequelizeLib(pgUrl(), {
        logging: false,
        dialectOptions: { options: `-c search_path=${sequelizeSchema}` },
        define: { schema: sequelizeSchema },
      });
    } else {
      relataSchema = new URL(url).pathname.slice(1);
      sequelizeSchema = `${relataSchema}_sq`;
      await withMysql((c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${sequelizeSchema}\``));
      const sequelizeUrl = new URL(mysqlUrl());
      sequelizeUrl.pathname = `/${sequelizeSchema}`;
      sequelize = new SequelizeLib(sequelizeUrl.toString(), { dialect: 'mysql', logging: false });
    }
    for (const [name, [attributes, options]] of Object.entries(definitions(DataTypes, family))) {
      models.relata[name] = relata.define(name, attributes as never, options as never) as unknown as ModelClass;
    }
    for (const [name, [attributes, options]] of Object.entries(definitions(SequelizeDataTypes as unknown as Types, family))) {
      models.sequelize[name] = sequelize.define(name, attributes as never, options as never) as unknown as ModelClass;
    }
    await relata.sync();
    await sequelize.sync();
    runRelata = async (sql, replacements) => (await relata.query(sql, { replacements: [...replacements], type: QueryTypes.SELECT })) as Record<string, unknown>[];
    runSequelize = async (sql, replacements) => sequelize.query<Record<string, unknown>>(sql, { replacements: [...replacements], type: SequelizeQueryTypes.SELECT });
  });

  afterAll(async () => {
    await sequelize?.close();
    if (family === 'postgres') await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${sequelizeSchema}" CASCADE`));
    if (family === 'mariadb') await withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${sequelizeSchema}\``));
  });

  /** Runs one scenario against each library, in the same order, and returns both results. */
  async function both<T>(scenario: (model: (name: string) => ModelClass, lib: Library) => Promise<T>): Promise<Record<Library, T>> {
    const relataResult = await scenario((name) => models.relata[name] as ModelClass, 'relata');
    const sequelizeResult = await scenario((name) => models.sequelize[name] as ModelClass, 'sequelize');
    return { relata: relataResult, sequelize: sequelizeResult };
  }

  describe('default table names', () => {
    it.each(Object.entries(TABLES))('%s → %s in both', (model, table) => {
      expect(models.relata[model]?.tableName).toBe(table);
      expect(models.sequelize[model]?.tableName).toBe(table);
    });
  });

  describe('what sync() created, read from the catalog', () => {
    it.each(Object.values(TABLES))('%s: the same columns, in the same order', async (table) => {
      const ours = await catalog.columns(runRelata, relataSchema, table);
      const theirs = await catalog.columns(runSequelize, sequelizeSchema, table);
      const expected = table === 'Everythings' && family === 'postgres' ? [...(COLUMN_NAMES[table] ?? []).slice(0, 16), 'jsonb', ...(COLUMN_NAMES[table] ?? []).slice(16)] : COLUMN_NAMES[table];
      expect(ours.map((c) => c.name)).toEqual(expected);
      expect(theirs.map((c) => c.name)).toEqual(expected);
    });

    it('has the same types, nullability, defaults and primary keys, except the listed differences', async () => {
      const differences: ColumnDifference[] = [];
      for (const table of Object.values(TABLES)) {
        const ours = await catalog.columns(runRelata, relataSchema, table);
        const theirs = await catalog.columns(runSequelize, sequelizeSchema, table);
        differences.push(...columnDifferences(table, ours, theirs));
      }
      expect(differences).toEqual(COLUMN_DIFFERENCES[family]);
    });

    it('marks the same primary keys and NOT NULL columns', async () => {
      const users = await catalog.columns(runRelata, relataSchema, 'Users');
      expect(users.filter((c) => c.primaryKey).map((c) => c.name)).toEqual(['id']);
      expect(users.filter((c) => !c.nullable && !c.primaryKey).map((c) => c.name)).toEqual(['email', 'createdAt', 'updatedAt']);
      const documents = await catalog.columns(runRelata, relataSchema, 'Documents');
      expect(documents.find((c) => c.name === 'deletedAt')?.nullable).toBe(true);
    });

    it.each(Object.values(TABLES))('%s: unique constraints and indexes as listed', async (table) => {
      const [oursUnique, theirsUnique] = [await catalog.uniques(runRelata, relataSchema, table), await catalog.uniques(runSequelize, sequelizeSchema, table)];
      const [oursIndexes, theirsIndexes] = [await catalog.indexes(runRelata, relataSchema, table), await catalog.indexes(runSequelize, sequelizeSchema, table)];
      const listed = INDEX_DIFFERENCES[family];
      expect([oursUnique, theirsUnique]).toEqual(listed.uniques[table] ?? [theirsUnique, theirsUnique]);
      expect([oursIndexes, theirsIndexes]).toEqual(listed.indexes[table] ?? [theirsIndexes, theirsIndexes]);
    });

    it('names declared indexes as Sequelize does, on both sides', async () => {
      const expected = { uniques: [{ name: 'categories_title', columns: ['title'] }], documents: [{ name: 'documents_title_deleted_at', columns: ['title', 'deletedAt'] }] };
      for (const [run, schema] of [[runRelata, relataSchema], [runSequelize, sequelizeSchema]] as const) {
        expect(await catalog.uniques(run, schema, 'Categories')).toEqual(expected.uniques);
        expect(await catalog.indexes(run, schema, 'Documents')).toEqual(expected.documents);
      }
    });

    it('creates the same foreign key with its ON DELETE rule', async () => {
      const ours = await catalog.foreignKeys(runRelata, relataSchema, 'blog_posts');
      const theirs = await catalog.foreignKeys(runSequelize, sequelizeSchema, 'blog_posts');
      expect(ours).toEqual(theirs);
      expect(ours.map(({ column, refTable, refColumn, onDelete }) => ({ column, refTable, refColumn, onDelete }))).toEqual([
        { column: 'author_id', refTable: 'Users', refColumn: 'id', onDelete: 'CASCADE' },
      ]);
    });
  });

  describe('result shapes', () => {
    it('create returns the saved instance', async () => {
      const created = await both(async (model, lib) => (await model('User').create({ name: 'ada', email: `create-${lib}@x` })).get({ plain: true }));
      expect([shape(created.relata), shape(created.sequelize)]).toEqual(CREATE_SHAPE[family]);
      expect(withoutTimestamps(created.relata)).toMatchObject({ name: 'ada', email: 'create-relata@x', active: true, id: created.sequelize['id'] });
    });

    it('bulkCreate sets the generated ids on every instance', async () => {
      const result = await both(async (model, lib) => {
        const rows = await model('User').bulkCreate([{ name: 'b', email: `bulk1-${lib}@x` }, { name: 'c', email: `bulk2-${lib}@x` }]);
        return rows.map((r) => r.get({ plain: true }));
      });
      const ids = result.relata.map((r) => r['id']);
      expect(ids).toEqual(result.sequelize.map((r) => r['id']));
      expect(typeof ids[0]).toBe('number');
      expect(ids[1]).toBe(Number(ids[0]) + 1);
      expect(result.relata.map((r) => shape(r))).toEqual([CREATE_SHAPE[family][0], CREATE_SHAPE[family][0]]);
    });

    it('findAll returns the same rows as instances', async () => {
      const rows = await both(async (model, lib) => {
        const User = model('User');
        await User.bulkCreate([{ name: 'f1', email: `find1-${lib}@x`, age: 30 }, { name: 'f2', email: `find2-${lib}@x`, active: false }]);
        return (await User.findAll({ where: { email: { [Op.like]: `find%-${lib}@x` } }, order: [['email', 'ASC']] })).map((r) => r.get({ plain: true }));
      });
      const plain = (lib: Library): unknown[] => rows[lib].map((r) => ({ ...withoutTimestamps(r), id: 'id', email: String(r['email']).replace(lib, 'lib') }));
      expect(plain('relata')).toEqual(plain('sequelize'));
      expect(plain('relata')).toEqual([
        { id: 'id', name: 'f1', email: 'find1-lib@x', age: 30, active: true },
        { id: 'id', name: 'f2', email: 'find2-lib@x', age: null, active: false },
      ]);
      expect(rows.relata.map(shape)).toEqual(rows.sequelize.map(shape));
    });

    it('findAll raw: true returns plain rows, with values parsed by data type in relata', async () => {
      const rows = await both(async (model, lib) => {
        const User = model('User');
        await User.create({ name: 'r', email: `raw-${lib}@x` });
        return (await User.findAll({ where: { email: `raw-${lib}@x` }, raw: true })) as unknown as Record<string, unknown>[];
      });
      const kinds = (row: Record<string, unknown> | undefined): Record<string, string> => {
        const s = shape(row ?? {});
        return { active: s['active'] ?? 'missing', createdAt: s['createdAt'] ?? 'missing' };
      };
      expect([kinds(rows.relata[0]), kinds(rows.sequelize[0])]).toEqual(RAW_KINDS[family]);
      expect(Object.keys(rows.relata[0] ?? {})).toEqual(Object.keys(rows.sequelize[0] ?? {}));
      expect(rows.relata[0]).not.toBeInstanceOf(Model);
    });

    it('findAndCountAll and count count the matching rows, not the page', async () => {
      const result = await both(async (model, lib) => {
        const User = model('User');
        await User.bulkCreate([1, 2, 3].map((n) => ({ name: `page-${lib}`, email: `page${n}-${lib}@x` })));
        const page = await User.findAndCountAll({ where: { name: `page-${lib}` }, limit: 2, order: [['id', 'ASC']] });
        return { count: page.count, rows: page.rows.length, total: await User.count({ where: { name: `page-${lib}` } }) };
      });
      expect(result.relata).toEqual({ count: 3, rows: 2, total: 3 });
      expect(result.sequelize).toEqual(result.relata);
    });

    it('update returns [affectedCount]', async () => {
      const result = await both(async (model, lib) => {
        const User = model('User');
        await User.create({ name: `upd-${lib}`, email: `upd-${lib}@x` });
        const changed = await User.update({ age: 3 }, { where: { name: `upd-${lib}` } });
        const none = await User.update({ age: 3 }, { where: { name: 'nobody' } });
        const unchanged = await User.update({ age: 3 }, { where: { name: `upd-${lib}` } });
        return [changed, none, unchanged];
      });
      expect(result.relata).toEqual([[1], [0], UNCHANGED_UPDATE[family][0]]);
      expect(result.sequelize).toEqual([[1], [0], UNCHANGED_UPDATE[family][1]]);
    });

    it('destroy returns the number of deleted rows', async () => {
      const result = await both(async (model, lib) => {
        const User = model('User');
        await User.bulkCreate([{ name: `del-${lib}`, email: `del1-${lib}@x` }, { name: `del-${lib}`, email: `del2-${lib}@x` }]);
        return [await User.destroy({ where: { name: `del-${lib}` } }), await User.destroy({ where: { name: `del-${lib}` } })];
      });
      expect(result.relata).toEqual([2, 0]);
      expect(result.sequelize).toEqual([2, 0]);
    });

    it('upsert returns [instance, created]', async () => {
      const result = await both(async (model, lib) => {
        const User = model('User');
        const [inserted, createdNew] = await User.upsert({ name: 'u', email: `ups-${lib}@x` });
        const id = inserted.get({ plain: true })['id'];
        const [updated, createdExisting] = await User.upsert({ id, name: 'u2', email: `ups-${lib}@x` });
        const stored = (await User.findAll({ where: { email: `ups-${lib}@x` } })).map((r) => withoutTimestamps(r.get({ plain: true })));
        return { insertedShape: shape(inserted.get({ plain: true })), created: [createdNew, createdExisting], updatedName: updated.get({ plain: true })['name'], stored, id };
      });
      expect([result.relata.insertedShape, result.sequelize.insertedShape]).toEqual(UPSERT_SHAPE[family]);
      expect([result.relata.created, result.sequelize.created]).toEqual(UPSERT_CREATED[family]);
      expect(result.relata.updatedName).toBe('u2');
      expect(result.relata.stored).toEqual([{ id: result.relata.id, name: 'u2', email: 'ups-relata@x', age: null, active: true }]);
      expect(result.sequelize.stored).toEqual([{ id: result.sequelize.id, name: 'u2', email: 'ups-sequelize@x', age: null, active: true }]);
    });

    it('findOrCreate returns [instance, true] and then [the same row, false]', async () => {
      const result = await both(async (model, lib) => {
        const User = model('User');
        const [first, created] = await User.findOrCreate({ where: { email: `foc-${lib}@x` }, defaults: { name: 'f' } });
        const [again, createdAgain] = await User.findOrCreate({ where: { email: `foc-${lib}@x` }, defaults: { name: 'other' } });
        return { created, createdAgain, same: first.get({ plain: true })['id'] === again.get({ plain: true })['id'], name: again.get({ plain: true })['name'] };
      });
      expect(result.relata).toEqual({ created: true, createdAgain: false, same: true, name: 'f' });
      expect(result.sequelize).toEqual(result.relata);
    });

    it('a paranoid model soft-deletes, hides deleted rows, and shows them with paranoid: false', async () => {
      const result = await both(async (model) => {
        const Document = model('Document');
        await Document.bulkCreate([{ title: 'keep' }, { title: 'drop' }]);
        const destroyed = await Document.destroy({ where: { title: 'drop' } });
        const visible = await Document.count();
        const all = await Document.findAll({ paranoid: false, order: [['id', 'ASC']] });
        return { destroyed, visible, all: all.map((d) => [d.get({ plain: true })['title'], d.get({ plain: true })['deletedAt'] instanceof Date]) };
      });
      expect(result.relata).toEqual({ destroyed: 1, visible: 1, all: [['keep', false], ['drop', true]] });
      expect(result.sequelize).toEqual(result.relata);
    });

    it('an underscored model keeps camelCase attribute names on the instance', async () => {
      const result = await both(async (model, lib) => {
        const author = await model('User').create({ name: 'author', email: `author-${lib}@x` });
        const post = await model('BlogPost').create({ postTitle: 'hello', authorId: author.get({ plain: true })['id'] });
        const found = await model('BlogPost').findAll({ where: { postTitle: 'hello' } });
        return { created: Object.keys(post.get({ plain: true })).sort(), found: found.map((p) => withoutTimestamps(p.get({ plain: true }))) };
      });
      expect(result.relata.created).toEqual(['authorId', 'createdAt', 'id', 'postTitle', 'updatedAt']);
      expect(result.sequelize.created).toEqual(result.relata.created);
      expect(result.relata.found.map((p) => Object.keys(p).sort())).toEqual([['authorId', 'id', 'postTitle']]);
      expect(result.sequelize.found.map((p) => Object.keys(p).sort())).toEqual([['authorId', 'id', 'postTitle']]);
    });
  });
});
