/**
 * TypeORM-style entities (relata/typeorm) on every dialect.
 *
 * First the first seed's four entity files, as they are written there (only `from 'typeorm'`
 * became `from 'relata/typeorm'`; test/fixtures/typeorm-seed/). They import each other as values
 * (User ↔ Post, Comment ↔ Article), use legacy decorators with emitDecoratorMetadata and declare
 * fields without `!`, as NestJS apps do. A class is a model on one connection, so every dialect
 * block loads the files afresh (vi.resetModules) together with the relata sources they import.
 *
 * Then the rest of the TypeORM decorator set, on entity classes declared per block: one-to-one,
 * many-to-many, uuid and natural keys, date columns, column options, join column and join table
 * names, eager relations, and the errors for relations that cannot be mapped.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as relataSources from '../../src/index.js';
import * as typeormSources from '../../src/decorators/typeorm/index.js';
import { dropAllTables } from '../support/catalog.js';
import { constraints, tableRows } from '../support/constraints.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

type Core = typeof relataSources;
type TypeormApi = typeof typeormSources;

interface SeedUser { id: number; username: string; posts: SeedPost[] }
interface SeedPost { id: number; title: string; user: SeedUser }
interface SeedComment { id: number; text: string; article: SeedArticle }
interface SeedArticle { id: number; title: string; comments: SeedComment[] }

interface Seed {
  User: new () => SeedUser;
  Post: new () => SeedPost;
  Comment: new () => SeedComment;
  Article: new () => SeedArticle;
}

const seedFile = (file: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ new URL(`../fixtures/typeorm-seed/${file}`, import.meta.url).href);

/** The seed's entities and the relata sources they were loaded with (a fresh module graph). */
async function loadSeed(): Promise<{ core: Core; typeorm: TypeormApi; seed: Seed }> {
  vi.resetModules();
  const core = (await import('../../src/index.js')) as Core;
  const typeorm = (await import('../../src/decorators/typeorm/index.js')) as TypeormApi;
  const seed = {
    ...(await seedFile('user.entity.ts')),
    ...(await seedFile('post.entity.ts')),
    ...(await seedFile('comment.entity.ts')),
    ...(await seedFile('article.entity.ts')),
  } as unknown as Seed;
  return { core, typeorm, seed };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describeEachDialect("the seed's TypeORM entities", ({ dialect, url }) => {
  const fk = constraints(dialect);
  let core: Core;
  let typeorm: TypeormApi;
  let seed: Seed;
  let db: relataSources.Relata;
  const sql = captureSql();

  beforeAll(async () => {
    ({ core, typeorm, seed } = await loadSeed());
    db = new core.Relata(url, { logging: sql.logging, models: [seed.User, seed.Post, seed.Comment, seed.Article] });
    await dropAllTables(db, dialect);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await db.sync({ force: true });
    sql.statements.length = 0;
  });

  it('become models: snake_case tables, columns from the TypeScript types, NOT NULL unless nullable, join columns <property>Id', async () => {
    const { User, Post, Comment, Article } = seed;
    const models = [typeorm.asModel(User), typeorm.asModel(Post), typeorm.asModel(Comment), typeorm.asModel(Article)] as unknown as relataSources.ModelStatic<relataSources.Model>[];
    expect(models.map((m) => [m.name, m.tableName])).toEqual([['User', 'user'], ['Post', 'post'], ['Comment', 'comment'], ['Article', 'article']]);
    expect(models.every((m) => m.prototype instanceof core.Model)).toBe(true);
    // asModel only types the class: User itself now has the static API (User.findAll …).
    expect(typeorm.asModel(User)).toBe(User);
    expect(typeof (User as unknown as { findAll: unknown }).findAll).toBe('function');
    const types = (m: (typeof models)[number]) => Object.fromEntries(Object.entries(m.rawAttributes).map(([name, a]) => [name, a.type.key]));
    expect(models.map(types)).toEqual([
      { id: 'INTEGER', username: 'STRING' },
      { id: 'INTEGER', title: 'STRING', userId: 'INTEGER' },
      { id: 'INTEGER', text: 'STRING', articleId: 'INTEGER' },
      { id: 'INTEGER', title: 'STRING' },
    ]);
    expect(await fk.nullableColumns(db, 'post')).toEqual(['userId']);
    expect(await fk.nullableColumns(db, 'user')).toEqual([]);
    expect(await fk.foreignKeys(db, 'post')).toEqual([{ column: 'userId', refTable: 'user', refColumn: 'id', onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }]);
    expect(await fk.foreignKeys(db, 'comment')).toEqual([{ column: 'articleId', refTable: 'article', refColumn: 'id', onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }]);
    const userAssociations = typeorm.asModel(User).associations as Record<string, relataSources.Association>;
    expect(Object.entries(userAssociations).map(([as, a]) => [as, a.associationType, a.target.name, a.foreignKey])).toEqual([['posts', 'HasMany', 'Post', 'userId']]);
    const postAssociations = typeorm.asModel(Post).associations as Record<string, relataSources.Association>;
    expect(Object.entries(postAssociations).map(([as, a]) => [as, a.associationType, a.target.name, a.foreignKey])).toEqual([['user', 'BelongsTo', 'User', 'userId']]);
  });

  it('User.findAll({ include: ["posts"] }) loads the posts by property name, in one query (SQLite: a JSON array per user) or two (PostgreSQL, MariaDB)', async () => {
    const Users = typeorm.asModel(seed.User);
    const Posts = typeorm.asModel(seed.Post);
    const ada = await Users.create({ username: 'ada' });
    const bob = await Users.create({ username: 'bob' });
    await Posts.bulkCreate([{ title: 'Notes' }, { title: 'Sketches' }, { title: 'Letters' }].map((p, i) => ({ ...p, userId: i < 2 ? ada.id : bob.id }) as never));
    sql.statements.length = 0;

    const users = await Users.findAll({ include: ['posts'], order: [['id', 'ASC']] });
    // SQLite aggregates the posts to JSON; PostgreSQL and MariaDB batch them (one array parameter on PostgreSQL).
    const batched = dialect === 'postgres' || dialect === 'mariadb';
    if (batched) expect(sql.statements).toHaveLength(2);
    else expect(sql.statements[0]).toContain('json_group_array(');
    if (!batched) expect(sql.statements).toHaveLength(1);
    expect(users.map((u) => ({ username: u.username, posts: u.posts.map((p) => p.title).sort() }))).toEqual([
      { username: 'ada', posts: ['Notes', 'Sketches'] },
      { username: 'bob', posts: ['Letters'] },
    ]);
    expect(users[0]?.toJSON()).toEqual({
      id: ada.id,
      username: 'ada',
      posts: expect.arrayContaining([{ id: expect.any(Number), title: 'Notes', userId: ada.id }, { id: expect.any(Number), title: 'Sketches', userId: ada.id }]),
    });

    const posts = await Posts.findAll({ include: ['user'], order: [['title', 'ASC']] });
    expect(posts.map((p) => [p.title, p.user.username])).toEqual([['Letters', 'bob'], ['Notes', 'ada'], ['Sketches', 'ada']]);
  });

  it('the accessors are named after the properties: getPosts, createPost, countPosts, getUser, setUser', async () => {
    const Users = typeorm.asModel(seed.User);
    const ada = (await Users.create({ username: 'ada' })) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>> & SeedUser;
    const bob = await Users.create({ username: 'bob' });
    const post = (await ada['createPost']?.({ title: 'Notes' })) as Record<string, (...args: unknown[]) => Promise<unknown>> & SeedPost;
    expect(await ada['countPosts']?.()).toBe(1);
    expect(((await post['getUser']?.()) as SeedUser).username).toBe('ada');
    await post['setUser']?.(bob);
    expect(await ada['countPosts']?.()).toBe(0);
    expect(((await typeorm.asModel(seed.Post).findByPk(post.id, { include: ['user'] }))?.user as SeedUser).username).toBe('bob');
  });

  it('Comment/Article: the many-to-one and its one-to-many inverse, both ways', async () => {
    const Articles = typeorm.asModel(seed.Article);
    const Comments = typeorm.asModel(seed.Comment);
    const article = (await Articles.create({ title: 'On relations' })) as unknown as SeedArticle & Record<string, (...args: unknown[]) => Promise<unknown>>;
    await article['createComment']?.({ text: 'first' });
    await article['createComment']?.({ text: 'second' });
    const loaded = await Articles.findOne({ where: { title: 'On relations' }, include: ['comments'] });
    expect(loaded?.comments.map((c) => c.text).sort()).toEqual(['first', 'second']);
    const comments = await Comments.findAll({ include: ['article'], order: [['text', 'ASC']] });
    expect(comments.map((c) => [c.text, c.article.title])).toEqual([['first', 'On relations'], ['second', 'On relations']]);
    expect(await tableRows(db, dialect, 'comment', ['text', 'articleId'])).toEqual([{ text: 'first', articleId: article.id }, { text: 'second', articleId: article.id }]);
  });

  it('keeps TypeORM semantics: a column is NOT NULL unless nullable, and NO ACTION refuses to orphan posts', async () => {
    const Users = typeorm.asModel(seed.User);
    await expect(Users.create({})).rejects.toBeInstanceOf(core.ValidationError);
    const ada = await Users.create({ username: 'ada' });
    await typeorm.asModel(seed.Post).create({ title: 'Notes', userId: ada.id } as never);
    await expect(ada.destroy()).rejects.toBeInstanceOf(core.ForeignKeyConstraintError);
    expect(await tableRows(db, dialect, 'user', ['username'])).toEqual([{ username: 'ada' }]);
  });
});

describeEachDialect('TypeORM decorators', ({ dialect, connect }) => {
  const fk = constraints(dialect);
  let Relata: typeof relataSources.Relata;
  let typeorm: TypeormApi;

  beforeAll(() => {
    Relata = relataSources.Relata;
    typeorm = typeormSources;
  });

  /** Entity classes for one connection (a class is a model on one connection). */
  function entities() {
    const { Entity, PrimaryGeneratedColumn, PrimaryColumn, Column, CreateDateColumn, UpdateDateColumn, DeleteDateColumn, OneToOne, OneToMany, ManyToOne, ManyToMany, JoinColumn, JoinTable } = typeorm;

    @Entity('accounts')
    class Account {
      @PrimaryGeneratedColumn('uuid') id!: string;
      @Column({ type: 'varchar', length: 60, unique: true, name: 'email_address' }) email!: string;
      @Column('enum', { enum: ['active', 'banned'], default: 'active' }) status!: 'active' | 'banned';
      @Column('text', { nullable: true }) bio!: string | null;
      @CreateDateColumn() createdAt!: Date;
      @UpdateDateColumn() updatedAt!: Date;
      @DeleteDateColumn() deletedAt!: Date | null;
      @OneToOne(() => Profile, (profile) => profile.account) profile!: Profile | null;
      @OneToMany(() => Order, (order) => order.account) orders!: Order[];
    }

    @Entity()
    class Profile {
      @PrimaryGeneratedColumn() id!: number;
      @Column('varchar') nickname!: string;
      @OneToOne(() => Account, (account) => account.profile, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'account_id' }) account!: Account;
    }

    @Entity()
    class Product {
      @PrimaryColumn('varchar', { length: 12 }) sku!: string;
      @Column('decimal', { precision: 8, scale: 2 }) price!: string;
      @ManyToMany(() => Order, (order) => order.products) orders!: Order[];
    }

    @Entity()
    class Order {
      @PrimaryGeneratedColumn() id!: number;
      @Column('int', { default: 1 }) quantity!: number;
      @ManyToOne(() => Account, (account) => account.orders, { nullable: false, onDelete: 'CASCADE', eager: true }) account!: Account;
      @ManyToMany(() => Product, (product) => product.orders) @JoinTable({ name: 'order_lines', joinColumn: { name: 'order_id' }, inverseJoinColumn: { name: 'product_sku', referencedColumnName: 'sku' } }) products!: Product[];
      @ManyToMany(() => Tag) @JoinTable() tags!: Tag[];
    }

    @Entity()
    class Tag {
      @PrimaryGeneratedColumn() id!: number;
      @Column('varchar') label!: string;
    }

    return { Account, Profile, Product, Order, Tag };
  }

  let db: relataSources.Relata;
  let e: ReturnType<typeof entities>;
  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
    e = entities();
    db.addModels([e.Account, e.Profile, e.Product, e.Order, e.Tag]);
    await db.sync({ force: true });
  });

  it('columns: uuid key, column name, length, unique, enum with default, nullable text, decimal, natural key', async () => {
    const Accounts = typeorm.asModel(e.Account);
    const attributes = Accounts.rawAttributes;
    expect([attributes['id']?.type.key, attributes['email']?.field, attributes['status']?.type.key, attributes['bio']?.allowNull, attributes['email']?.allowNull]).toEqual(['UUID', 'email_address', 'ENUM', true, false]);
    expect(typeorm.asModel(e.Product).primaryKeyAttributes).toEqual(['sku']);
    const ada = await Accounts.create({ email: 'ada@example.com' });
    expect(ada.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ada.status).toBe('active');
    expect(ada.createdAt).toBeInstanceOf(Date);
    await expect(Accounts.create({ email: 'ada@example.com' })).rejects.toBeInstanceOf(relataSources.UniqueConstraintError);
    expect(await tableRows(db, dialect, 'accounts', ['email_address', 'status', 'bio'])).toEqual([{ email_address: 'ada@example.com', status: 'active', bio: null }]);
    await typeorm.asModel(e.Product).create({ sku: 'A-1', price: '12.50' });
    expect(Number((await typeorm.asModel(e.Product).findByPk('A-1'))?.price)).toBe(12.5);
  });

  it('@DeleteDateColumn makes the entity paranoid: destroy hides the row, restore brings it back', async () => {
    const Accounts = typeorm.asModel(e.Account);
    const ada = await Accounts.create({ email: 'ada@example.com' });
    await ada.destroy();
    expect(await Accounts.count()).toBe(0);
    expect((await Accounts.findAll({ paranoid: false })).map((a) => a.deletedAt instanceof Date)).toEqual([true]);
    await Accounts.restore({ where: { id: ada.id } });
    expect((await Accounts.findAll()).map((a) => a.email)).toEqual(['ada@example.com']);
  });

  it('one-to-one: @JoinColumn side holds the unique key; the inverse side loads it', async () => {
    const Accounts = typeorm.asModel(e.Account);
    const Profiles = typeorm.asModel(e.Profile);
    expect(await fk.foreignKeys(db, 'profile')).toEqual([{ column: 'account_id', refTable: 'accounts', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'NO ACTION' }]);
    const ada = await Accounts.create({ email: 'ada@example.com' });
    await Profiles.create({ nickname: 'countess', account_id: ada.id } as never);
    await expect(Profiles.create({ nickname: 'twin', account_id: ada.id } as never)).rejects.toBeInstanceOf(relataSources.UniqueConstraintError);
    const loaded = await Accounts.findByPk(ada.id, { include: ['profile'] });
    expect(loaded?.profile?.nickname).toBe('countess');
    const profile = await Profiles.findOne({ include: ['account'] });
    expect(profile?.account.email).toBe('ada@example.com');
    await ada.destroy({ force: true });
    expect(await Profiles.count()).toBe(0);
  });

  it('many-to-many: @JoinTable names the junction and its columns; the inverse side shares it', async () => {
    const Orders = typeorm.asModel(e.Order);
    const Products = typeorm.asModel(e.Product);
    const ada = await typeorm.asModel(e.Account).create({ email: 'ada@example.com' });
    const order = (await Orders.create({ accountId: ada.id } as never)) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>> & { id: number };
    const [a, b] = await Products.bulkCreate([{ sku: 'A-1', price: '1.00' }, { sku: 'B-2', price: '2.00' }]);
    await order['addProducts']?.([a, b]);
    expect(await tableRows(db, dialect, 'order_lines', ['order_id', 'product_sku'])).toEqual([{ order_id: order.id, product_sku: 'A-1' }, { order_id: order.id, product_sku: 'B-2' }]);
    expect(await fk.foreignKeys(db, 'order_lines')).toEqual([
      { column: 'order_id', refTable: 'order', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      { column: 'product_sku', refTable: 'product', refColumn: 'sku', onDelete: 'CASCADE', onUpdate: 'CASCADE' },
    ]);
    const product = await Products.findByPk('B-2', { include: ['orders'] });
    expect(product?.orders.map((o) => o.id)).toEqual([order.id]);
    // Default junction naming: <owner table>_<property>_<target table>, keys <table>Id.
    const tag = await typeorm.asModel(e.Tag).create({ label: 'gift' });
    await order['addTag']?.(tag);
    expect(await tableRows(db, dialect, 'order_tags_tag', ['orderId', 'tagId'])).toEqual([{ orderId: order.id, tagId: tag.id }]);
  });

  it('many-to-one options: nullable: false, onDelete CASCADE, eager loads the relation with every find', async () => {
    const Orders = typeorm.asModel(e.Order);
    expect(await fk.foreignKeys(db, 'order')).toEqual([{ column: 'accountId', refTable: 'accounts', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'NO ACTION' }]);
    await expect(Orders.create({ quantity: 2 })).rejects.toBeInstanceOf(relataSources.ValidationError);
    const ada = await typeorm.asModel(e.Account).create({ email: 'ada@example.com' });
    await Orders.create({ accountId: ada.id } as never);
    const [order] = await Orders.findAll();
    expect([order?.quantity, order?.account.email]).toEqual([1, 'ada@example.com']);
    expect((await Orders.unscoped().findAll())[0]?.account).toBeUndefined();
  });

  it('errors name the entity, the property and what would be valid', async () => {
    const { Entity, PrimaryGeneratedColumn, Column, OneToMany, ManyToOne, OneToOne } = typeorm;
    @Entity() class Shelf {
      @PrimaryGeneratedColumn() id!: number;
      @OneToMany(() => Book, (book) => book.title) books!: Book[];
    }
    @Entity() class Book {
      @PrimaryGeneratedColumn() id!: number;
      @Column('varchar') title!: string;
      @ManyToOne(() => Shelf) shelf!: Shelf;
    }
    const other = new Relata('sqlite::memory:', { logging: false });
    expect(() => other.addModels([Shelf, Book])).toThrow(
      "Shelf.books (@OneToMany(() => Book)): the inverse side must be a @ManyToOne(() => Shelf) on Book, named as in @OneToMany(() => Book, (x) => x.shelf); Book.title is not one (candidates on Book: shelf)",
    );

    @Entity() class Left { @PrimaryGeneratedColumn() id!: number; @OneToOne(() => Right, (r) => r.left) right!: unknown }
    @Entity() class Right { @PrimaryGeneratedColumn() id!: number; @OneToOne(() => Left, (l) => l.right) left!: unknown }
    const third = new Relata('sqlite::memory:', { logging: false });
    const oneToOne = errorOf(() => third.addModels([Left, Right]));
    expect(oneToOne).toBeInstanceOf(relataSources.DecoratorError);
    expect(oneToOne.message).toBe('Left.right (@OneToOne(() => Right)): neither Left.right nor Right.left has @JoinColumn(); put it on the side that holds the foreign key');

    @Entity() class Vague { @PrimaryGeneratedColumn() id!: number; @Column() data!: Record<string, unknown> }
    expect(() => new Relata('sqlite::memory:', { models: [Vague] })).toThrow('Vague.data: @Column has no type and none can be inferred from its TypeScript type (Object)');

    class Plain { @Column('varchar') name!: string }
    expect(() => new Relata('sqlite::memory:', { models: [Plain] })).toThrow('Plain has member decorators but no @Entity(); decorate the class with @Entity() so it can be registered');
    expect(() => typeorm.asModel(class Unregistered {})).toThrow('Unregistered is not registered on any connection yet');
    await Promise.all([other.close(), third.close()]);
  });
});

describe('relata/typeorm', () => {
  it('exports the TypeORM decorator set', () => {
    expect(Object.keys(typeormSources).sort()).toEqual([
      'AfterInsert', 'AfterLoad', 'AfterRecover', 'AfterRemove', 'AfterSoftRemove', 'AfterUpdate',
      'BeforeInsert', 'BeforeRecover', 'BeforeRemove', 'BeforeSoftRemove', 'BeforeUpdate',
      'Column', 'CreateDateColumn', 'DeleteDateColumn', 'Entity', 'Generated', 'Index', 'JoinColumn', 'JoinTable', 'ManyToMany', 'ManyToOne', 'OneToMany', 'OneToOne',
      'PrimaryColumn', 'PrimaryGeneratedColumn', 'Tree', 'TreeChildren', 'TreeLevelColumn', 'TreeParent', 'Unique', 'UpdateDateColumn', 'VersionColumn', 'asModel',
    ]);
  });
});
