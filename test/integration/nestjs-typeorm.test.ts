/**
 * relata/nestjs the @nestjs/typeorm way, in real Nest applications on every dialect:
 * TypeOrmModule.forRoot/forRootAsync (useFactory, useClass, useExisting, dataSourceFactory),
 * forFeature, @InjectRepository/@InjectDataSource/@InjectEntityManager, named data sources,
 * autoLoadEntities, manualInitialization, and shutdown destroying every data source. These tests
 * reach the database through `dataSource.query()` only; the repository's reads and writes through
 * Nest are proven by the application in test/fixtures/nest-typeorm-app (nestjs-typeorm-app.test.ts).
 *
 * Then, without a database, what must equal @nestjs/typeorm 12 exactly: the injection tokens,
 * and how many times startup tries to create a data source (retryAttempts, toRetry), both run on
 * @nestjs/typeorm itself beside relata.
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import * as nestTypeorm from '@nestjs/typeorm';
import * as typeorm from 'typeorm';
import { describe, expect, it } from 'vitest';
import { ConnectionError, DecoratorError, InvalidOptionError } from '../../src/index.js';
import {
  DEFAULT_DATA_SOURCE_NAME, getDataSourceToken, getEntityManagerToken, getRepositoryToken, InjectDataSource, InjectEntityManager, InjectRepository, TypeOrmModule,
  type TypeOrmModuleOptions, type TypeOrmOptionsFactory,
} from '../../src/nestjs/index.js';
import { Column, DataSource, Entity, EntityManager, ManyToOne, OneToMany, PrimaryGeneratedColumn, Repository, type DataSourceOptions } from '../../src/typeorm/index.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';

/** The DataSource options that reach this block's database. */
function connection(dialect: TestDialect, url: string): DataSourceOptions {
  switch (dialect) {
    case 'sqlite':
      return { type: 'better-sqlite3', database: ':memory:' };
    case 'sqlite-file':
      return { type: 'better-sqlite3', database: url.slice('sqlite:'.length) };
    case 'postgres':
      return { type: 'postgres', url };
    case 'mariadb':
      return { type: 'mariadb', url };
  }
}

/** A fresh set of entity classes per application: an entity class belongs to one data source. */
function entities() {
  @Entity('nt_users')
  class User {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') name!: string;
    @OneToMany(() => Post, (post) => post.author) posts!: Post[];
  }

  @Entity('nt_posts')
  class Post {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') title!: string;
    @ManyToOne(() => User, (user) => user.posts) author!: User;
  }

  @Entity('nt_events')
  class AuditEvent {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') action!: string;
  }

  @Injectable()
  class UsersService {
    constructor(
      @InjectRepository(User) readonly users: Repository<User>,
      @InjectRepository(Post) readonly posts: Repository<Post>,
      @InjectDataSource() readonly dataSource: DataSource,
      @InjectEntityManager() readonly manager: EntityManager,
    ) {}
  }

  @Module({ imports: [TypeOrmModule.forFeature([User, Post])], providers: [UsersService], exports: [UsersService] })
  class UsersModule {}

  @Injectable()
  class AuditService {
    constructor(
      @InjectRepository(AuditEvent, 'audit') readonly events: Repository<AuditEvent>,
      @InjectDataSource('audit') readonly dataSource: DataSource,
      @InjectEntityManager('audit') readonly manager: EntityManager,
    ) {}
  }

  @Module({ imports: [TypeOrmModule.forFeature([AuditEvent], 'audit')], providers: [AuditService], exports: [AuditService] })
  class AuditModule {}

  return { User, Post, AuditEvent, UsersService, UsersModule, AuditService, AuditModule };
}

const modelNames = (dataSource: DataSource): string[] => Object.keys(dataSource.relata.models).sort();

/** A call that throws, whether at once or in its promise. */
const attempt = (fn: () => unknown): Promise<unknown> => Promise.resolve().then(fn);

describeEachDialect('TypeOrmModule', ({ dialect, url }) => {
  const base = (): TypeOrmModuleOptions => ({ ...connection(dialect, url), logging: false, synchronize: true, dropSchema: true });

  it('forRoot + forFeature with autoLoadEntities: repositories, data source and manager injected; app.close() destroys the data source', async () => {
    const e = entities();
    @Module({ imports: [TypeOrmModule.forRoot({ ...base(), autoLoadEntities: true }), e.UsersModule] })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init();
    const service = moduleRef.get(e.UsersService);
    const dataSource = moduleRef.get(DataSource);

    expect(dataSource).toBeInstanceOf(DataSource);
    expect(dataSource.isInitialized).toBe(true);
    expect(dataSource.options.entities).toEqual([e.User, e.Post]);
    expect(modelNames(dataSource)).toEqual(['Post', 'User']);
    expect(service.dataSource).toBe(dataSource);
    expect(service.manager).toBe(dataSource.manager);
    expect(moduleRef.get(EntityManager)).toBe(dataSource.manager);
    expect(moduleRef.get(getDataSourceToken())).toBe(dataSource);
    expect(service.users).toBeInstanceOf(Repository);
    expect([service.users.target, service.posts.target]).toEqual([e.User, e.Post]);
    expect(service.users.manager).toBe(dataSource.manager);
    expect(service.users).toBe(dataSource.getRepository(e.User));
    expect(moduleRef.get('UserRepository')).toBe(service.users);
    expect(moduleRef.get(getRepositoryToken(e.Post))).toBe(service.posts);

    // synchronize created the tables (dropSchema emptied them first).
    await dataSource.query("INSERT INTO nt_users (name) VALUES ('Ada'), ('Grace')");
    expect(await dataSource.query('SELECT name FROM nt_users ORDER BY name')).toEqual([{ name: 'Ada' }, { name: 'Grace' }]);
    expect(await service.manager.query('SELECT title FROM nt_posts')).toEqual([]);

    await moduleRef.close();
    expect(dataSource.isInitialized).toBe(false);
    await expect(attempt(() => dataSource.query('SELECT 1'))).rejects.toThrow('DataSource is not initialized: await dataSource.initialize() first');
  });

  it('without autoLoadEntities the data source has only its own `entities`: a forFeature() entity outside them is a clear error', async () => {
    const e = entities();
    @Module({ imports: [TypeOrmModule.forRoot({ ...base(), entities: [e.User, e.Post] }), e.UsersModule, TypeOrmModule.forFeature([e.AuditEvent])] })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init();
    const dataSource = moduleRef.get(DataSource);
    expect(modelNames(dataSource)).toEqual(['Post', 'User']);
    const events = moduleRef.get<Repository<object>>(getRepositoryToken(e.AuditEvent));
    expect(events.target).toBe(e.AuditEvent);
    const error = await attempt(() => events.count()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DecoratorError);
    expect((error as Error).message).toBe('AuditEvent is not an entity of this DataSource: list it in `entities` (registered: Post, User)');
    await moduleRef.close();
    expect(dataSource.isInitialized).toBe(false);
  });

  it('a named data source beside the default one (forRootAsync useClass): its own tokens, entities and manager; both destroyed on close()', async () => {
    const e = entities();
    const asked: (string | undefined)[] = [];
    const options = base();
    @Injectable()
    class AuditOptions implements TypeOrmOptionsFactory {
      createTypeOrmOptions(name?: string): TypeOrmModuleOptions {
        asked.push(name);
        return { ...options, autoLoadEntities: true };
      }
    }

    @Module({
      imports: [
        TypeOrmModule.forRoot({ ...options, autoLoadEntities: true }),
        TypeOrmModule.forRootAsync({ name: 'audit', useClass: AuditOptions }),
        e.UsersModule,
        e.AuditModule,
      ],
    })
    class AppModule {}

    const context = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
    const users = context.get(e.UsersService);
    const audit = context.get(e.AuditService);
    expect(asked).toEqual(['audit']);
    expect(audit.dataSource).not.toBe(users.dataSource);
    expect(audit.dataSource.options.name).toBe('audit');
    expect(users.dataSource.options.name).toBeUndefined();
    expect(context.get('auditDataSource')).toBe(audit.dataSource);
    expect(context.get('auditEntityManager')).toBe(audit.manager);
    expect(audit.manager).toBe(audit.dataSource.manager);
    expect(context.get('audit_AuditEventRepository')).toBe(audit.events);
    expect(audit.events.manager).toBe(audit.manager);
    expect(context.get(DataSource)).toBe(users.dataSource);
    expect(modelNames(users.dataSource)).toEqual(['Post', 'User']);
    expect(modelNames(audit.dataSource)).toEqual(['AuditEvent']);
    expect(() => context.get('AuditEventRepository')).toThrow();

    await audit.dataSource.query("INSERT INTO nt_events (action) VALUES ('login')");
    expect(await audit.manager.query('SELECT action FROM nt_events')).toEqual([{ action: 'login' }]);

    await context.close();
    expect([users.dataSource.isInitialized, audit.dataSource.isInitialized]).toEqual([false, false]);
  });

  it('forRootAsync useFactory with inject from an imported module, dataSourceFactory, and the `name` argument of forRoot', async () => {
    const e = entities();
    const CONFIG = 'CONFIG';
    const options = base();
    @Module({ providers: [{ provide: CONFIG, useValue: options }], exports: [CONFIG] })
    class ConfigModule {}

    const built: DataSourceOptions[] = [];
    @Module({
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [ConfigModule],
          inject: [CONFIG],
          useFactory: (config: TypeOrmModuleOptions) => ({ ...config, autoLoadEntities: true }),
          dataSourceFactory: async (resolved) => {
            built.push(resolved);
            return new DataSource(resolved);
          },
        }),
        TypeOrmModule.forRoot({ ...options, entities: [e.AuditEvent] }, 'audit'),
        e.UsersModule,
      ],
    })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init();
    const dataSource = moduleRef.get(DataSource);
    expect(built).toHaveLength(1);
    expect(built[0]?.entities).toEqual([e.User, e.Post]);
    expect(built[0]?.type).toBe(options.type);
    expect(moduleRef.get(e.UsersService).dataSource).toBe(dataSource);
    expect(dataSource.isInitialized).toBe(true);
    const audit = moduleRef.get<DataSource>(getDataSourceToken('audit'));
    expect(audit.options.name).toBe('audit');
    expect(modelNames(audit)).toEqual(['AuditEvent']);
    expect(await dataSource.query('SELECT name FROM nt_users')).toEqual([]);
    await moduleRef.close();
    expect([dataSource.isInitialized, audit.isInitialized]).toEqual([false, false]);
  });

  it('forRootAsync useExisting and manualInitialization: the data source is provided uninitialized, the application initializes it, close() destroys it', async () => {
    const e = entities();
    const options = base();
    @Injectable()
    class DatabaseOptions implements TypeOrmOptionsFactory {
      createTypeOrmOptions(): TypeOrmModuleOptions {
        return { ...options, autoLoadEntities: true, manualInitialization: true };
      }
    }
    @Module({ providers: [DatabaseOptions], exports: [DatabaseOptions] })
    class OptionsModule {}

    @Module({ imports: [TypeOrmModule.forRootAsync({ imports: [OptionsModule], useExisting: DatabaseOptions }), e.UsersModule] })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init();
    const service = moduleRef.get(e.UsersService);
    expect(service.dataSource.isInitialized).toBe(false);
    expect(service.users.target).toBe(e.User);
    expect(service.dataSource.options.entities).toEqual([e.User, e.Post]);

    await service.dataSource.initialize();
    expect(service.dataSource.isInitialized).toBe(true);
    await service.dataSource.query("INSERT INTO nt_users (name) VALUES ('Ada')");
    expect(await service.manager.query('SELECT name FROM nt_users')).toEqual([{ name: 'Ada' }]);
    await moduleRef.close();
    expect(service.dataSource.isInitialized).toBe(false);
  });

  it('closing an application whose data source was never initialized leaves it so, without an error', async () => {
    const e = entities();
    @Module({ imports: [TypeOrmModule.forRoot({ ...base(), autoLoadEntities: true, manualInitialization: true }), e.UsersModule] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init();
    const dataSource = moduleRef.get(DataSource);
    await moduleRef.close();
    expect(dataSource.isInitialized).toBe(false);
  });
});

describe('TypeOrmModule: what must equal @nestjs/typeorm 12', () => {
  class User {}
  class Event {}
  class UserRepository extends Repository<User> {}
  class OriginalUserRepository extends typeorm.Repository<User> {}

  it('repository, data source and entity manager tokens, string for string', () => {
    const references = [undefined, 'default', 'audit', { name: 'audit' }, { name: 'default' }, {}] as const;
    for (const reference of references) {
      const ours = { repository: getRepositoryToken(User, reference), dataSource: getDataSourceToken(reference), manager: getEntityManagerToken(reference) };
      const theirs = {
        repository: nestTypeorm.getRepositoryToken(User, reference as never),
        dataSource: nestTypeorm.getDataSourceToken(reference as never),
        manager: nestTypeorm.getEntityManagerToken(reference as never),
      };
      const named = typeof reference === 'string' ? reference !== 'default' : reference !== undefined && 'name' in reference && reference.name === 'audit';
      if (named) expect(ours).toEqual(theirs);
      else {
        // The default data source's tokens are the classes themselves: relata's where @nestjs/typeorm has TypeORM's.
        expect([ours.repository, ours.dataSource, ours.manager]).toEqual([theirs.repository, DataSource, EntityManager]);
        expect([theirs.dataSource, theirs.manager]).toEqual([typeorm.DataSource, typeorm.EntityManager]);
      }
    }
    expect(getRepositoryToken(Event, 'analytics')).toBe('analytics_EventRepository');
    expect(getRepositoryToken(UserRepository)).toBe(UserRepository);
    expect(nestTypeorm.getRepositoryToken(OriginalUserRepository)).toBe(OriginalUserRepository);
    expect([getRepositoryToken(UserRepository, 'audit'), nestTypeorm.getRepositoryToken(OriginalUserRepository, 'audit')]).toEqual(['audit_UserRepository', 'audit_OriginalUserRepository']);
    expect(DEFAULT_DATA_SOURCE_NAME).toBe('default');
  });

  it('a named relata DataSource names its tokens (TypeORM 1 DataSources carry no name, so @nestjs/typeorm gives them the default ones)', () => {
    const named = new DataSource({ type: 'better-sqlite3', name: 'audit' });
    expect([getDataSourceToken(named), getEntityManagerToken(named), getRepositoryToken(User, named)]).toEqual(['auditDataSource', 'auditEntityManager', 'audit_UserRepository']);
    const unnamed = new DataSource({ type: 'better-sqlite3' });
    expect([getDataSourceToken(unnamed), getEntityManagerToken(unnamed), getRepositoryToken(User, unnamed)]).toEqual([DataSource, EntityManager, 'UserRepository']);
  });

  it('an undefined entity (a circular import) is an error naming the cause, as in @nestjs/typeorm', () => {
    expect(() => getRepositoryToken(undefined as never)).toThrow(DecoratorError);
    expect(() => getRepositoryToken(undefined as never)).toThrow(/circular import/);
    expect(() => nestTypeorm.getRepositoryToken(undefined as never)).toThrow(/circular dependency/);
  });

  it('InjectRepository / InjectDataSource / InjectEntityManager put the same tokens on the constructor as @nestjs/typeorm', () => {
    class Ours {
      constructor(@InjectRepository(User, 'audit') readonly a: unknown, @InjectDataSource('audit') readonly b: unknown, @InjectEntityManager('audit') readonly c: unknown, @InjectRepository(User) readonly d: unknown) {}
    }
    class Theirs {
      constructor(
        @nestTypeorm.InjectRepository(User, 'audit') readonly a: unknown,
        @nestTypeorm.InjectDataSource('audit') readonly b: unknown,
        @nestTypeorm.InjectEntityManager('audit') readonly c: unknown,
        @nestTypeorm.InjectRepository(User) readonly d: unknown,
      ) {}
    }
    const tokens = (target: object) => (Reflect.getMetadata('self:paramtypes', target) as { index: number; param: unknown }[]).sort((x, y) => x.index - y.index);
    expect(tokens(Ours)).toEqual(tokens(Theirs));
    expect(tokens(Ours).map((t) => t.param)).toEqual(['audit_UserRepository', 'auditDataSource', 'auditEntityManager', 'UserRepository']);
  });

  /** Startup of an application whose dataSourceFactory fails `failures` times, counting the calls. */
  async function startup(library: 'relata' | 'nestjs/typeorm', options: { retryAttempts?: number; failures: number; toRetry?: (error: unknown) => boolean }) {
    let calls = 0;
    const fail = (): void => {
      calls++;
      if (calls <= options.failures) throw new Error(`refused ${calls}`);
    };
    const moduleOptions = {
      type: 'better-sqlite3' as const,
      database: ':memory:',
      retryDelay: 1,
      ...(options.retryAttempts === undefined ? {} : { retryAttempts: options.retryAttempts }),
      ...(options.toRetry === undefined ? {} : { toRetry: options.toRetry }),
    };
    const root =
      library === 'relata'
        ? TypeOrmModule.forRootAsync({ useFactory: () => moduleOptions, dataSourceFactory: async (resolved) => (fail(), new DataSource(resolved)) })
        : nestTypeorm.TypeOrmModule.forRootAsync({
            useFactory: () => moduleOptions,
            dataSourceFactory: async (resolved) => (fail(), new typeorm.DataSource(resolved as typeorm.DataSourceOptions)),
          });
    @Module({ imports: [root] })
    class AppModule {}
    let outcome: string;
    try {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).setLogger({ log() {}, error() {}, warn() {} }).compile();
      const dataSource = moduleRef.get<{ isInitialized: boolean }>(library === 'relata' ? DataSource : typeorm.DataSource);
      outcome = `initialized: ${dataSource.isInitialized}`;
      await moduleRef.close();
    } catch (error) {
      outcome = (error as Error).message;
    }
    return { calls, outcome };
  }

  it('retryAttempts counts every attempt, the first included; toRetry stops at once; a later success starts the application', async () => {
    const cases = [
      { retryAttempts: 3, failures: 9 },
      { retryAttempts: 1, failures: 9 },
      { retryAttempts: 0, failures: 9 },
      { retryAttempts: 3, failures: 2 },
      { failures: 4 },
      { retryAttempts: 5, failures: 9, toRetry: () => false },
    ];
    const ours = [];
    const theirs = [];
    for (const options of cases) {
      ours.push(await startup('relata', options));
      theirs.push(await startup('nestjs/typeorm', options));
    }
    expect(ours).toEqual(theirs);
    expect(ours).toEqual([
      { calls: 3, outcome: 'refused 3' },
      { calls: 1, outcome: 'refused 1' },
      { calls: 1, outcome: 'refused 1' },
      { calls: 3, outcome: 'initialized: true' },
      { calls: 5, outcome: 'initialized: true' },
      { calls: 1, outcome: 'refused 1' },
    ]);
  });

  it('a server that refuses connections: retried retryAttempts times, then the connection error', async () => {
    let calls = 0;
    @Module({
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ type: 'postgres' as const, host: '127.0.0.1', port: 1, username: 'postgres', database: 'test', retryAttempts: 2, retryDelay: 5 }),
          dataSourceFactory: async (options) => {
            calls++;
            return new DataSource(options);
          },
        }),
      ],
    })
    class AppModule {}
    const error = await Test.createTestingModule({ imports: [AppModule] }).setLogger({ log() {}, error() {}, warn() {} }).compile().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(calls).toBe(2);
  });

  it('an unknown database type fails at once, without retries (no later attempt can succeed)', async () => {
    @Module({ imports: [TypeOrmModule.forRoot({ type: 'oracle' as never, retryAttempts: 5, retryDelay: 1000 })] })
    class AppModule {}
    const started = Date.now();
    const error = await Test.createTestingModule({ imports: [AppModule] }).setLogger({ log() {}, error() {}, warn() {} }).compile().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toBe('new DataSource(): type must be one of "postgres", "mysql", "mariadb", "sqlite", "better-sqlite3", got "oracle"');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('forRootAsync extraProviders: the options factory injects a provider declared beside it', async () => {
    const SETTINGS = 'SETTINGS';
    @Module({
      imports: [
        TypeOrmModule.forRootAsync({
          name: 'reports',
          extraProviders: [{ provide: SETTINGS, useValue: { file: ':memory:' } }],
          inject: [SETTINGS],
          useFactory: (settings: { file: string }) => ({ type: 'better-sqlite3' as const, database: settings.file }),
        }),
      ],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init();
    const reports = moduleRef.get<DataSource>(getDataSourceToken('reports'));
    expect([reports.isInitialized, reports.options.database, reports.options.name]).toEqual([true, ':memory:', 'reports']);
    expect(await reports.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
    await moduleRef.close();
    expect(reports.isInitialized).toBe(false);
  });

  it('forRootAsync without useFactory, useClass or useExisting is an error naming them', () => {
    expect(() => TypeOrmModule.forRootAsync({})).toThrow(InvalidOptionError);
    expect(() => TypeOrmModule.forRootAsync({})).toThrow(/useFactory, useClass or useExisting/);
  });
});
