/**
 * sequelize-typescript's API on relata, against sequelize-typescript 2.1.6 on sequelize@6: one
 * model file (test/sequelize-typescript/models.ts, compiled by tsc as a NestJS project compiles:
 * legacy decorators, emitDecoratorMetadata, no define semantics for fields) declared on both
 * libraries, the same operations on each, compared on every dialect: attribute and association
 * metadata, indexes, the `$`-methods, include by model (alias inferred), scopes, hooks, every
 * validation decorator, an attribute on a getter/setter pair.
 * Needs dist/ (the model file imports relata's types by package name): run `npm run build` first.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as ST from 'sequelize-typescript';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import * as R from '../../src/index.js';
import { columnCatalog, catalogDialect, type CatalogDialect, type CatalogQuery } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { namespaceOf } from '../support/schema-snapshot.js';
import { sequelizeTwin, type SequelizeClass, type SequelizeTwin } from '../support/sequelize-twin.js';

// The model file's own types stay in its project (it imports relata's types from dist/): here the
// two declarations are used alike, untyped.
type Lib = unknown;
type Models = Record<'User' | 'Profile' | 'Post' | 'Tag' | 'PostTag' | 'Check', any>;

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const outDir = join(root, '.tmp', `sequelize-typescript-${process.pid}-${Date.now().toString(36)}`);
let declareModels: (lib: Lib, audit: string[]) => Models;
let diagnostics = '';

beforeAll(async () => {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  diagnostics = await promisify(execFile)(process.execPath, [tsc, '-p', join(root, 'test/sequelize-typescript/tsconfig.json'), '--outDir', outDir], { cwd: root, timeout: 120_000 }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  ({ declareModels } = (await import(pathToFileURL(join(outDir, 'models.js')).href)) as { declareModels: typeof declareModels });
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it('the sequelize-typescript model file compiles against relata\'s types', () => {
  expect(diagnostics).toBe('');
});

type Plain = Record<string, unknown>;
interface Row {
  get(options: { plain: true }): Plain;
}

/** Rows as plain objects, without the timestamps (they differ by the clock). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || value === undefined) return value;
  const object = typeof (value as Row).get === 'function' ? (value as Row).get({ plain: true }) : (value as Plain);
  return Object.fromEntries(
    Object.entries(object)
      .filter(([key]) => !['createdOn', 'updatedOn'].includes(key))
      .map(([key, v]) => [key, v !== null && typeof v === 'object' && !(v instanceof Date) ? plain(v) : v]),
  );
}

function attributeMetadata(model: unknown): Plain {
  const attributes = (model as { getAttributes(): Record<string, Plain> }).getAttributes();
  const keys = ['fieldName', 'field', 'primaryKey', 'autoIncrement', 'allowNull', 'unique', 'comment', 'defaultValue'];
  return Object.fromEntries(
    Object.entries(attributes).map(([name, a]) => {
      const described: Plain = Object.fromEntries(keys.filter((k) => k in a && a[k] !== undefined).map((k) => [k, typeof a[k] === 'object' ? String(a[k]) : a[k]]));
      described['type'] = (a['type'] as { key: string }).key;
      if (a['validate'] !== undefined) described['validate'] = Object.keys(a['validate'] as Plain).sort();
      if (typeof a['get'] === 'function') described['get'] = true;
      if (typeof a['set'] === 'function') described['set'] = true;
      return [name, described];
    }),
  );
}

function associationMetadata(model: unknown): Plain {
  const associations = (model as { associations: Record<string, Plain & { target: { name: string }; options: Plain; through?: { model: { name: string } } }> }).associations;
  return Object.fromEntries(
    Object.entries(associations).map(([name, a]) => [
      name,
      {
        associationType: a['associationType'], as: a['as'], target: a.target.name, foreignKey: a['foreignKey'], optionsForeignKey: a.options['foreignKey'],
        ...(a['otherKey'] === undefined ? {} : { otherKey: a['otherKey'] }),
        ...(a.through === undefined ? {} : { through: a.through.model.name }),
      },
    ]),
  );
}

interface Side {
  readonly m: Models;
  readonly audit: string[];
  readonly catalog: CatalogQuery;
  readonly namespace: string;
  readonly family: CatalogDialect;
}

type Scenario = (side: Side) => Promise<unknown>;

async function seed({ m }: Side): Promise<void> {
  const ada = await m.User.create({ email: 'ADA@example.com', name: 'ada', age: 36 });
  const bob = await m.User.create({ email: 'bob@example.com', name: 'bob', active: false });
  await m.User.create({ email: 'cy@example.com', name: 'cy' });
  await ada.$create('post', { title: 'first', slug: 'first' });
  await ada.$create('post', { title: 'second', slug: 'second' });
  await bob.$create('post', { title: 'third', slug: 'third' });
  await m.Tag.bulkCreate([{ name: 'news', label: ' n ' }, { name: 'tech', label: 'T' }, { name: 'misc', label: 'm' }]);
}

const byId = { order: [['id', 'ASC']] };

const SCENARIOS: Record<string, Scenario> = {
  'attribute metadata: fieldName, field, keys, unique and allowNull only as declared, validators, get/set': async ({ m }) => {
    const metadata = Object.fromEntries(Object.entries(m).map(([name, model]) => [name, attributeMetadata(model)])) as Record<string, Record<string, Plain>>;
    // The composite primary key of the junction is compared apart (see the test after the scenarios).
    for (const key of ['postId', 'tagId']) {
      const { unique: _unique, allowNull: _allowNull, ...rest } = metadata['PostTag']?.[key] ?? {};
      (metadata['PostTag'] as Record<string, Plain>)[key] = rest;
    }
    return metadata;
  },

  'association metadata: types, aliases, keys, options.foreignKey as Sequelize normalizes it': async ({ m }) =>
    Object.fromEntries(Object.entries(m).map(([name, model]) => [name, associationMetadata(model)])),

  'indexes: @Index bare, named with options, createIndexDecorator over two fields': async ({ catalog, namespace, family }) => {
    const reader = columnCatalog(family);
    const tables = ['st_posts', 'st_tags'];
    // The index behind the foreign key st_posts.userId is left out: relata creates one on every
    // dialect (docs/differences.md), InnoDB makes its own, named differently.
    const declared = (indexes: readonly { name: string; columns: readonly string[] }[]) => indexes.filter((i) => i.columns.join() !== 'userId');
    return Promise.all(tables.map(async (t) => ({ indexes: declared(await reader.indexes(catalog, namespace, t)), uniques: await reader.uniques(catalog, namespace, t) })));
  },

  '$create, $get with options, $count, hooks on create': async (side) => {
    await seed(side);
    const { m, audit } = side;
    const ada = await m.User.findOne({ where: { name: 'ada' } });
    return {
      email: ada?.email,
      posts: plain(await ada?.$get('posts', { order: [['title', 'DESC']] })),
      filtered: plain(await ada?.$get('posts', { where: { slug: 'first' }, attributes: ['title'] })),
      count: await ada?.$count('posts'),
      countWhere: await ada?.$count('posts', { where: { title: 'second' } }),
      author: plain(await (await m.Post.findOne({ where: { slug: 'third' } }))?.$get('author')),
      noProfile: await ada?.$get('profile'),
      // An alias given in the options names the accessors: Profile.user is `owner`.
      owner: plain(await (await m.Profile.create({ bio: 'x', userId: ada?.id })).$get('owner')),
      unknown: await (async () => ada?.$get('nope'))().then(() => 'resolved', () => 'rejected'),
      audit: audit.filter((line) => line.startsWith('created')),
    };
  },

  '$add, $has, $set, $remove on a belongsToMany with a composite-key junction model': async (side) => {
    await seed(side);
    const { m } = side;
    const post = (await m.Post.findOne({ where: { slug: 'first' } })) as Models['Post']['prototype'];
    const [news, tech, misc] = (await m.Tag.findAll(byId)) as Models['Tag']['prototype'][];
    const steps: unknown[] = [];
    await post.$add('tag', news as never);
    await post.$add('tags', [tech?.id as number], { through: { pinned: true } });
    steps.push(await post.$has('tag', news as never), await post.$has('tags', [news as never, misc as never]), await post.$count('tags'));
    steps.push(plain(await m.PostTag.findAll({ order: [['tagId', 'ASC']] })));
    await post.$set('tags', [misc as never]);
    steps.push(plain(await post.$get('tags', { joinTableAttributes: ['pinned'] })));
    await post.$remove('tag', misc as never);
    steps.push(await post.$count('tags'));
    await post.$add('tags', [news as never, tech as never]);
    await post.$remove('tags', [news?.id as number]);
    steps.push(plain(await post.$get('tags', { joinTableAttributes: [] })));
    return steps;
  },

  '$set and $create on to-one associations; onDelete CASCADE from @BelongsTo': async (side) => {
    await seed(side);
    const { m } = side;
    const [ada, bob] = (await m.User.unscoped().findAll(byId)) as Models['User']['prototype'][];
    const profile = await ada?.$create('profile', { bio: 'mathematician' });
    const other = await m.Profile.create({ bio: 'builder' });
    await bob?.$set('profile', other as never);
    const post = await m.Post.findOne({ where: { slug: 'third' } });
    await post?.$set('author', ada as never);
    const before = plain(await m.Profile.findAll(byId));
    await ada?.destroy();
    return { profile: plain(profile), before, after: plain(await m.Profile.findAll(byId)), posts: await m.Post.count() };
  },

  'include: [Model] infers the alias on a decorated model, nested too; scopes with thunks and functions': async (side) => {
    await seed(side);
    const { m } = side;
    const post = await m.Post.findOne({ where: { slug: 'first' } });
    await post?.$add('tags', [1, 2]);
    return {
      users: plain(await m.User.findAll({ include: [m.Post], order: [['id', 'ASC'], [{ model: m.Post, as: 'posts' }, 'id', 'ASC']] })),
      posts: plain(await m.Post.findAll({ include: [{ model: m.User, attributes: ['name'] }, { model: m.Tag, attributes: ['name'], through: { attributes: [] } }], order: [['id', 'ASC'], [{ model: m.Tag, as: 'tags' }, 'id', 'ASC']] })),
      // Ordered by the first level only (relata orders no column two includes deep); tags sorted here.
      nested: (plain(await m.User.findAll({ attributes: ['name'], include: [{ model: m.Post, attributes: ['slug'], include: [m.Tag] }], where: { name: 'ada' }, order: [[{ model: m.Post, as: 'posts' }, 'id', 'ASC']] })) as { posts: { tags: { id: number }[] }[] }[])
        .map((u) => ({ ...u, posts: u.posts.map((p) => ({ ...p, tags: [...p.tags].sort((a, b) => a.id - b.id) })) })),
      defaultScope: (await m.User.findAll(byId)).map((u: any) => u.name),
      unscoped: (await m.User.unscoped().findAll(byId)).map((u: any) => u.name),
      withPosts: plain(await m.User.scope('withPosts').findAll({ where: { name: 'ada' }, order: [[{ model: m.Post, as: 'posts' }, 'id', 'ASC']] })),
      named: (await m.User.unscoped().scope({ method: ['named', 'bob'] }).findAll()).map((u: any) => u.email),
    };
  },

  'hooks: bulk destroy, before update, before find; connection hooks on a model never run': async (side) => {
    await seed(side);
    const { m, audit } = side;
    audit.length = 0;
    // The static per-hook methods, named.
    m.Post.afterBulkUpdate('counted', (options: { where?: unknown }) => audit.push(`bulk updated ${JSON.stringify(options.where)}`));
    m.User.beforeCount('counting', () => audit.push('count users'));
    await m.Post.update({ title: 'bulk' }, { where: { slug: 'third' } });
    m.Post.removeHook('afterBulkUpdate', 'counted');
    await m.Post.update({ title: 'bulk again' }, { where: { slug: 'third' } });
    // The default scope's where joins update's: bob (inactive) keeps his bio.
    const [updated] = await m.User.update({ bio: 'updated' }, { where: { bio: null } });
    const bios = (await m.User.unscoped().findAll(byId)).map((u: any) => u.bio);
    await m.User.destroy({ where: { name: 'cy' } });
    const post = await m.Post.findOne({ where: { slug: 'second' } });
    if (post) {
      post.title = 'renamed';
      await post.save();
    }
    return { audit, updated, bios, title: (await m.Post.findOne({ where: { slug: 'second' } }))?.title, users: await m.User.unscoped().count() };
  },

  'an attribute on a getter/setter pair': async ({ m }) => {
    const tag = await m.Tag.create({ name: 'news', label: '  big  ' });
    const reloaded = await m.Tag.findByPk(tag.id);
    return { read: tag.label, stored: tag.getDataValue('label' as never), reloaded: reloaded?.label, json: plain(reloaded) };
  },

  'validation decorators: every rule passes valid values and names each failure': async ({ m }) => {
    const valid = {
      alpha: 'abc', alnum: 'abc123', numeric: '123', int: '42', float: '4.2', decimal: '4.20', lower: 'abc', upper: 'ABC', url: 'https://example.com',
      ip: '10.0.0.1', ip4: '10.0.0.1', ip6: '::1', uuid: '9b2c7f4e-3d5a-4c8b-9e1f-2a3b4c5d6e7f', date: new Date('2024-01-01T00:00:00Z'),
      after: '2024-01-01', before: '2024-01-01', contains: 'a@b', notContains: 'ab', same: 'yes', isIn: 'red', notIn: 'user', is: 'abc', not: 'abc',
      card: '4111111111111111', isNull: '', validated: 'a@b.co', rating: 3, lo: 1, hi: 2,
    };
    const invalid = {
      alpha: 'ab1', alnum: 'a-b', numeric: '12a', int: '4.2', float: 'x', decimal: 'x', lower: 'Abc', upper: 'aBC', url: 'not a url', ip: '999.1.1.1',
      ip4: '::1', ip6: '10.0.0.1', uuid: 'e3b0c442-98fc-11ed-a8fc-0242ac120002', date: new Date('2024-01-01T00:00:00Z'), after: '2019-01-01', before: '2031-01-01', contains: 'ab', notContains: 'a b',
      same: 'no', isIn: 'blue', notIn: 'admin', is: 'ABC', not: 'a1', card: '1234', isNull: 'x', validated: 'x', rating: 9, lo: 3, hi: 2,
    };
    await m.Check.build(valid).validate();
    const created = plain(await m.Check.create(valid));
    const error = (await m.Check.build(invalid).validate().then(() => undefined, (e: unknown) => e)) as { name: string; errors: Plain[] } | undefined;
    return {
      created,
      name: error?.name,
      items: error?.errors.map((i) => ({ path: i['path'], validatorKey: i['validatorKey'], message: i['message'], type: i['type'] })).sort((a, b) => String(a.path).localeCompare(String(b.path))),
    };
  },

  'length, min/max, NotEmpty and AllowNull messages': async ({ m }) => {
    const failures = async (build: () => { validate(): Promise<unknown> }) => build().validate().then(() => [], (e: { errors: Plain[] }) => e.errors.map((i) => [i['path'], i['validatorKey'], i['message']]));
    return {
      short: await failures(() => m.User.build({ email: 'x@example.com', name: 'a', age: 200 })),
      email: await failures(() => m.User.build({ email: 'nope', name: 'ok' })),
      bio: await failures(() => m.Profile.build({ bio: '   ' })),
      nullBio: await failures(() => m.Profile.build({})),
    };
  },
};

describeEachDialect('sequelize-typescript on relata and on sequelize@6', ({ dialect, connect, url }) => {
  let twin: SequelizeTwin;
  let relata: R.Relata;
  let ours: Side;
  let theirs: Side;

  beforeAll(async () => {
    relata = await connect();
    twin = await sequelizeTwin(dialect, url, {}, ST.Sequelize as unknown as SequelizeClass);
  });
  afterAll(async () => {
    await twin?.close();
  });

  beforeEach(async () => {
    const family = catalogDialect(dialect);
    const run = (db: { query(sql: string, options: object): Promise<unknown> }): CatalogQuery => async (sql, replacements) => (await db.query(sql, { replacements, type: 'SELECT' })) as Plain[];
    const side = (lib: unknown, db: object, namespace: string): Side => {
      const audit: string[] = [];
      return { m: declareModels(lib, audit), audit, catalog: run(db as never), namespace, family };
    };
    ours = side(R, relata, namespaceOf(dialect, url));
    theirs = side(ST, twin.sequelize, twin.namespace);
    relata.addModels(Object.values(ours.m));
    (twin.sequelize as unknown as ST.Sequelize).addModels(Object.values(theirs.m) as never);
    await relata.sync({ force: true });
    await twin.sequelize.sync({ force: true });
  });

  it('a junction whose two keys are its primary key: no unique key on them in relata, Sequelize\'s pair name in sequelize-typescript', async () => {
    expect(await columnCatalog(ours.family).uniques(ours.catalog, ours.namespace, 'st_post_tags')).toEqual([]);
    const keys = (m: Models) => ['postId', 'tagId'].map((k) => { const a = attributeMetadata(m.PostTag)[k] as Plain; return [a['primaryKey'], a['allowNull'], a['unique']]; });
    // Sequelize names a unique key over the pair (and creates it) although the pair is already the primary key.
    expect(keys(theirs.m)).toEqual([[true, undefined, 'st_post_tags_tagId_postId_unique'], [true, undefined, 'st_post_tags_tagId_postId_unique']]);
    expect(keys(ours.m)).toEqual([[true, false, undefined], [true, false, undefined]]);
  });

  it('pins the figures', async () => {
    const run = (name: string) => (SCENARIOS[name] as Scenario)(ours) as Promise<any>;
    const created = await run('$create, $get with options, $count, hooks on create');
    expect(created).toMatchObject({ email: 'ada@example.com', count: 2, countWhere: 1, noProfile: null, unknown: 'rejected', audit: ['created ada', 'created bob', 'created cy'] });
    expect(created.owner).toMatchObject({ name: 'ada' });
    const ada = await ours.m.User.findOne({ where: { name: 'ada' } });
    const error = await ada.$get('nope').catch((e: Error) => e);
    expect([error.name, error.message]).toEqual(['SequelizeAssociationError', "User.$get('nope'): User has no getNope(); its associations: profile, posts"]);
    expect(created.posts.map((p: Plain) => p['title'])).toEqual(['second', 'first']);
    // bob is inactive: the default scope of User applies to the getter.
    expect(created.author).toBeNull();
    const metadata = (await run('association metadata: types, aliases, keys, options.foreignKey as Sequelize normalizes it')) as Record<string, Record<string, Plain>>;
    expect(metadata['User']?.['posts']).toEqual({ associationType: 'HasMany', as: 'posts', target: 'Post', foreignKey: 'userId', optionsForeignKey: { name: 'userId' } });
    expect(Object.keys(ours.m.User.getAttributes().email).sort()).toEqual(['field', 'fieldName', 'type', 'unique', 'validate']);
    expect(ours.m.User.getAttributes().email.unique).toBe(true);
  });

  it('pins the figures: include by model, validation', async () => {
    const run = (name: string) => (SCENARIOS[name] as Scenario)(ours) as Promise<any>;
    const included = await run('include: [Model] infers the alias on a decorated model, nested too; scopes with thunks and functions');
    expect(included.users.map((u: any) => [u.name, u.posts.map((p: Plain) => p['slug'])])).toEqual([['ada', ['first', 'second']], ['cy', []]]);
    expect(included.posts[0]).toMatchObject({ slug: 'first', author: { name: 'ada' }, tags: [{ name: 'news' }, { name: 'tech' }] });
    expect([included.defaultScope, included.unscoped, included.named]).toEqual([['ada', 'cy'], ['ada', 'bob', 'cy'], ['bob@example.com']]);
    const validation = await run('validation decorators: every rule passes valid values and names each failure');
    expect(validation.name).toBe('SequelizeValidationError');
    expect(validation.items.length).toBe(28);
    expect(validation.items.find((i: Plain) => i['path'] === 'notIn')).toEqual({ path: 'notIn', validatorKey: 'notIn', message: 'reserved', type: 'Validation error' });
    expect(validation.items.find((i: Plain) => i['path'] === 'loBelowHi')).toMatchObject({ message: 'lo must not exceed hi' });
  });

  it('pins the figures: hooks', async () => {
    const hooks = await (SCENARIOS['hooks: bulk destroy, before update, before find; connection hooks on a model never run'] as Scenario)(ours);
    expect(hooks).toEqual({
      audit: ['bulk updated {"slug":"third"}', 'bulk destroy {"active":true,"name":"cy"}', 'bulk destroyed', 'find posts', 'find posts', 'count users'],
      updated: 2,
      bios: ['updated', null, 'updated'],
      title: 'renamed!',
      users: 2,
    });
  });

  it('pins the figures: accessor attribute', async () => {
    const accessor = await (SCENARIOS['an attribute on a getter/setter pair'] as Scenario)(ours);
    expect(accessor).toMatchObject({ read: 'BIG', stored: 'big', reloaded: 'BIG', json: { name: 'news', label: 'BIG' } });
  });

  it('pins the figures: junction', async () => {
    const junction = (await (SCENARIOS['$add, $has, $set, $remove on a belongsToMany with a composite-key junction model'] as Scenario)(ours)) as unknown[];
    expect(junction.slice(0, 4)).toEqual([true, false, 2, [{ postId: 1, tagId: 1, pinned: false }, { postId: 1, tagId: 2, pinned: true }]]);
    expect(junction.slice(5)).toEqual([0, [{ id: 2, name: 'tech', label: 'T' }]]);
  });

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const expected = await scenario(theirs);
      const actual = await scenario(ours);
      if (process.env['ST_DUMP']) (await import('node:fs')).writeFileSync(`/tmp/st-dump-${dialect}-${name.slice(0, 20).replace(/\W/g, '_')}.json`, JSON.stringify({ expected, actual }, null, 1));
      expect(actual).toEqual(expected);
    });
  }
});
