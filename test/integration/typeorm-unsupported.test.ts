/**
 * What relata/typeorm leaves out of TypeORM's API (QueryBuilder, tree entities, MongoDB) fails
 * with an UnsupportedError that names the call and what to use instead, before any SQL runs.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../src/index.js';
import { Column, DataSource, Entity, ManyToOne, OneToMany, PrimaryGeneratedColumn, Tree, TreeChildren, TreeLevelColumn, TreeParent } from '../../src/typeorm/index.js';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('relata/typeorm: what is out of scope', () => {
  @Entity()
  class Category {
    @PrimaryGeneratedColumn() id!: number;
    @Column() name!: string;
    @ManyToOne(() => Category, (c) => c.children, { nullable: true }) parent!: Category | null;
    @OneToMany(() => Category, (c) => c.parent) children!: Category[];
  }

  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [Category], synchronize: true });
  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());

  it('createQueryBuilder on a repository and on the manager names the find options instead', () => {
    const fromRepository = caught(() => dataSource.getRepository(Category).createQueryBuilder());
    expect(fromRepository).toBeInstanceOf(UnsupportedError);
    expect((fromRepository as UnsupportedError).feature).toBe('Repository<Category>.createQueryBuilder()');
    expect((fromRepository as UnsupportedError).message).toMatch(/^Repository<Category>\.createQueryBuilder\(\): relata has no QueryBuilder; use find options/);
    const fromManager = caught(() => dataSource.manager.createQueryBuilder());
    expect((fromManager as UnsupportedError).feature).toBe('manager.createQueryBuilder()');
    expect((fromManager as UnsupportedError).instead).toContain('User.findAll({ include');
  });

  it('getTreeRepository and getMongoRepository say what to use', () => {
    expect((caught(() => dataSource.manager.getTreeRepository(Category)) as UnsupportedError).message).toBe(
      'manager.getTreeRepository(Category): relata has no tree entities; use getRepository() with a self-association and nested relations',
    );
    expect((caught(() => dataSource.manager.getMongoRepository(Category)) as UnsupportedError).feature).toBe('manager.getMongoRepository(Category)');
  });

  it('the tree decorators throw where the class is declared, naming the class and the self-association to use', () => {
    const onClass = caught(() => {
      @Tree('closure-table')
      class Node {
        @PrimaryGeneratedColumn() id!: number;
      }
      return Node;
    });
    expect(onClass).toBeInstanceOf(UnsupportedError);
    expect((onClass as UnsupportedError).feature).toBe('@Tree("closure-table") on Node');
    expect((onClass as UnsupportedError).instead).toMatch(/^relata has no tree entities; declare the hierarchy as a self-association \(@ManyToOne/);
    for (const [decorator, declare] of [
      ['@TreeChildren()', () => { class A { @TreeChildren() children!: A[]; } return A; }],
      ['@TreeParent()', () => { class B { @TreeParent() parent!: B; } return B; }],
      ['@TreeLevelColumn()', () => { class C { @TreeLevelColumn() level!: number; } return C; }],
    ] as const) {
      const error = caught(declare) as UnsupportedError;
      expect(error).toBeInstanceOf(UnsupportedError);
      expect(error.feature).toMatch(new RegExp(`^${decorator.replace(/[()]/g, '\\$&')} on [ABC]\\.(children|parent|level)$`));
    }
  });

  it("TypeORM-format migrations, query runners and the data source's QueryBuilder name relata's own ways", () => {
    for (const [call, feature] of [
      [() => dataSource.runMigrations(), 'dataSource.runMigrations()'],
      [() => dataSource.undoLastMigration(), 'dataSource.undoLastMigration()'],
      [() => dataSource.showMigrations(), 'dataSource.showMigrations()'],
    ] as const) {
      const error = caught(call) as UnsupportedError;
      expect(error).toBeInstanceOf(UnsupportedError);
      expect(error.feature).toBe(feature);
      expect(error.instead).toMatch(/^relata does not run TypeORM-format migrations; .*npx relata db:migrate/);
    }
    expect((caught(() => dataSource.createQueryRunner()) as UnsupportedError).instead).toMatch(/^use dataSource\.transaction/);
    expect((caught(() => dataSource.createQueryBuilder()) as UnsupportedError).feature).toBe('dataSource.createQueryBuilder()');
    expect((caught(() => dataSource.getTreeRepository(Category)) as UnsupportedError).feature).toBe('manager.getTreeRepository(Category)');
  });

  it('migrationsRun: true and subscribers fail initialize() before connecting; a migrations list alone is accepted', async () => {
    const run = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [], migrations: ['migrations/*.js'], migrationsRun: true });
    await expect(run.initialize()).rejects.toThrow(/^DataSource option migrationsRun: true: relata does not run TypeORM-format migrations/);
    expect(run.isInitialized).toBe(false);
    const subscribed = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [], subscribers: [class UserSubscriber {}] });
    await expect(subscribed.initialize()).rejects.toBeInstanceOf(UnsupportedError);
    expect(subscribed.isInitialized).toBe(false);
    const listed = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [], migrations: ['migrations/*.js'] });
    await listed.initialize();
    expect(await listed.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await listed.destroy();
  });

  it('namingStrategy, entityPrefix and a non-default invalidWhereValuesBehavior fail initialize(), naming what to do instead', async () => {
    const base = { type: 'better-sqlite3', database: ':memory:', entities: [] } as const;
    const named = new DataSource({ ...base, namingStrategy: { tableName: (name: string) => name } });
    await expect(named.initialize()).rejects.toThrow(/^DataSource option namingStrategy: relata names tables and columns from the entities/);
    expect(named.isInitialized).toBe(false);
    await expect(new DataSource({ ...base, entityPrefix: 'app_' }).initialize()).rejects.toThrow(/^DataSource option entityPrefix: "app_": name each table with @Entity\('prefix_table'\)/);
    await expect(new DataSource({ ...base, invalidWhereValuesBehavior: { null: 'sql-null' } }).initialize()).rejects.toBeInstanceOf(UnsupportedError);
    await expect(new DataSource({ ...base, invalidWhereValuesBehavior: { undefined: 'ignore' } }).initialize()).rejects.toThrow(/match NULL with IsNull\(\)/);
    const explicit = new DataSource({ ...base, invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' }, entityPrefix: '' });
    await explicit.initialize();
    expect(await explicit.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await explicit.destroy();
  });

  it('a self-association declared instead works on the same DataSource (the table exists, nothing was half-registered)', async () => {
    const rows = await dataSource.query<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'category'");
    expect(rows).toEqual([{ name: 'category' }]);
  });
});
