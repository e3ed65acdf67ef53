/**
 * relata/nestjs in real Nest applications, on every dialect: RelataModule.forRoot/forRootAsync,
 * forFeature, @InjectModel and @InjectConnection in a service and a controller, named
 * connections, autoLoadModels/synchronize, the SequelizeModule alias, and shutdown closing the
 * pools. The applications are built with @nestjs/testing, NestFactory.createApplicationContext,
 * and NestFactory.create listening on a port and answering real HTTP requests (through a small
 * node:http adapter in test/support: the repository has no Nest HTTP platform package).
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Body, Controller, Get, Injectable, Module, NotFoundException, Param, Post as HttpPost } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import {
  BelongsTo, Column, ConnectionError, DecoratorError, Default, HasMany, Model, Relata, Table,
  type CreationOptional, type InferAttributes, type InferCreationAttributes,
} from '../../src/index.js';
import { Column as EntityColumn, CreateDateColumn, Entity, PrimaryGeneratedColumn, type EntityStatic } from '../../src/decorators/typeorm/index.js';
import {
  getConnectionToken, getModelToken, InjectConnection, InjectModel, RelataModule, SequelizeModule, type RelataModuleOptions, type RelataOptionsFactory,
} from '../../src/nestjs/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { NodeHttpAdapter } from '../support/node-http-adapter.js';

/** A fresh set of classes per application: a model class belongs to one connection. */
function app(url: string) {
  @Table({ tableName: 'nest_users', timestamps: false })
  class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
    declare id: CreationOptional<number>;
    @Column name!: string;
    @HasMany(() => Post) posts?: Post[];
  }

  @Table({ tableName: 'nest_posts', timestamps: false })
  class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
    declare id: CreationOptional<number>;
    @Column title!: string;
    @Default('draft') @Column status!: CreationOptional<string>;
    @BelongsTo(() => User) user?: User;
  }

  @Entity('nest_events')
  class AuditEvent {
    @PrimaryGeneratedColumn() id!: number;
    @EntityColumn('varchar') action!: string;
    @CreateDateColumn() at!: Date;
  }

  @Injectable()
  class UsersService {
    constructor(
      @InjectModel(User) private readonly users: typeof User,
      @InjectModel(Post) private readonly posts: typeof Post,
      @InjectConnection() readonly relata: Relata,
    ) {}

    async create(name: string, titles: readonly string[]): Promise<User> {
      return this.relata.transaction(async () => {
        const user = await this.users.create({ name });
        await this.posts.bulkCreate(titles.map((title) => ({ title, userId: user.id }) as never));
        return user;
      });
    }

    async withPosts(id: number): Promise<User | null> {
      return this.users.findByPk(id, { include: ['posts'] });
    }
  }

  @Controller('users')
  class UsersController {
    constructor(private readonly service: UsersService) {}

    @HttpPost()
    async create(@Body() body: { name: string; posts: string[] }): Promise<object> {
      const user = await this.service.create(body.name, body.posts);
      return (await this.service.withPosts(user.id))?.toJSON() ?? {};
    }

    @Get(':id')
    async findOne(@Param('id') id: string): Promise<object> {
      const user = await this.service.withPosts(Number(id));
      if (!user) throw new NotFoundException(`no user ${id}`);
      return user.toJSON();
    }
  }

  @Module({ imports: [RelataModule.forFeature([User, Post])], providers: [UsersService], controllers: [UsersController], exports: [UsersService] })
  class UsersModule {}

  const CONFIG = 'CONFIG';
  @Module({ providers: [{ provide: CONFIG, useValue: { url } }], exports: [CONFIG] })
  class ConfigModule {}

  @Injectable()
  class AuditOptions implements RelataOptionsFactory {
    createRelataOptions(): RelataModuleOptions {
      return { uri: url, logging: false, autoLoadModels: true, sync: { force: true } };
    }
  }

  @Injectable()
  class AuditService {
    constructor(
      @InjectModel(AuditEvent, 'audit') readonly events: EntityStatic<AuditEvent>,
      @InjectConnection('audit') readonly relata: Relata,
    ) {}
  }

  @Module({ imports: [RelataModule.forFeature([AuditEvent], 'audit')], providers: [AuditService], exports: [AuditService] })
  class AuditModule {}

  return { User, Post, AuditEvent, UsersService, UsersController, UsersModule, ConfigModule, CONFIG, AuditOptions, AuditService, AuditModule };
}

describeEachDialect('NestJS', ({ url }) => {
  it('forRoot + forFeature: a service and a controller with @InjectModel, and shutdown closes the pool', async () => {
    const a = app(url);
    @Module({ imports: [RelataModule.forRoot({ uri: url, logging: false, autoLoadModels: true, synchronize: true, sync: { force: true } }), a.UsersModule] })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init();
    const controller = moduleRef.get(a.UsersController);
    const created = await controller.create({ name: 'Ada', posts: ['Notes', 'Sketches'] });
    expect(created).toEqual({
      id: expect.any(Number),
      name: 'Ada',
      posts: expect.arrayContaining([
        { id: expect.any(Number), title: 'Notes', status: 'draft', userId: (created as { id: number }).id },
        { id: expect.any(Number), title: 'Sketches', status: 'draft', userId: (created as { id: number }).id },
      ]),
    });
    expect(((await controller.findOne(String((created as { id: number }).id))) as { posts: unknown[] }).posts).toHaveLength(2);
    await expect(controller.findOne('999')).rejects.toBeInstanceOf(NotFoundException);

    const relata = moduleRef.get(Relata);
    expect(moduleRef.get(getConnectionToken())).toBe(relata);
    expect(moduleRef.get(a.UsersService).relata).toBe(relata);
    expect(moduleRef.get(getModelToken(a.User))).toBe(a.User);
    expect(a.User.sequelize).toBe(relata);
    expect(await a.Post.count()).toBe(2);

    await moduleRef.close();
    await expect(relata.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionError);
    await expect(a.User.findAll()).rejects.toBeInstanceOf(ConnectionError);
  });

  it('over HTTP: POST /users creates a user with posts, GET /users/:id returns them included', async () => {
    const a = app(url);
    @Module({ imports: [RelataModule.forRoot({ uri: url, logging: false, autoLoadModels: true, sync: { force: true } }), a.UsersModule] })
    class AppModule {}

    const nest = await NestFactory.create(AppModule, new NodeHttpAdapter(), { logger: false, abortOnError: false });
    await nest.listen(0);
    const base = await nest.getUrl();
    const posted = await fetch(`${base}/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ada', posts: ['Notes', 'Sketches'] }) });
    expect(posted.status).toBe(201);
    const created = (await posted.json()) as { id: number };
    const fetched = await fetch(`${base}/users/${created.id}`);
    expect(fetched.status).toBe(200);
    const body = (await fetched.json()) as { id: number; name: string; posts: { title: string; status: string; userId: number }[] };
    expect({ ...body, posts: body.posts.map(({ title, status, userId }) => ({ title, status, userId })).sort((x, y) => x.title.localeCompare(y.title)) }).toEqual({
      id: created.id,
      name: 'Ada',
      posts: [{ title: 'Notes', status: 'draft', userId: created.id }, { title: 'Sketches', status: 'draft', userId: created.id }],
    });
    const missing = await fetch(`${base}/users/999`);
    expect([missing.status, ((await missing.json()) as { message: string }).message]).toEqual([404, 'no user 999']);

    const relata = nest.get(Relata);
    await nest.close();
    await expect(relata.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionError);
    await expect(fetch(`${base}/users/${created.id}`)).rejects.toThrow();
  });

  it('a real application context: forRootAsync (factory and class), a named connection, SequelizeModule, both pools closed on close()', async () => {
    const a = app(url);
    @Module({
      imports: [
        SequelizeModule.forRootAsync({
          imports: [a.ConfigModule],
          inject: [a.CONFIG],
          useFactory: (config: { url: string }) => ({ uri: config.url, logging: false, autoLoadModels: true, sync: { force: true } }),
        }),
        RelataModule.forRootAsync({ name: 'audit', useClass: a.AuditOptions }),
        a.UsersModule,
        a.AuditModule,
      ],
    })
    class AppModule {}

    const context = await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false });
    const users = context.get(a.UsersService);
    const audit = context.get(a.AuditService);
    expect(audit.relata).not.toBe(users.relata);
    expect(context.get(getConnectionToken('audit'))).toBe(audit.relata);
    expect(audit.events).toBe(a.AuditEvent);

    const ada = await users.create('Ada', ['Notes']);
    await audit.events.create({ action: `created user ${ada.id}` });
    const [event] = await audit.events.findAll();
    expect([event?.action, event?.at instanceof Date]).toEqual([`created user ${ada.id}`, true]);
    expect((await users.withPosts(ada.id))?.posts?.map((p) => p.title)).toEqual(['Notes']);

    await context.close();
    await expect(users.relata.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionError);
    await expect(audit.relata.query('SELECT 1')).rejects.toBeInstanceOf(ConnectionError);
  });

  it('examples/nestjs runs: a user created through the service, read back with its posts', async () => {
    const cwd = fileURLToPath(new URL('../../examples/nestjs/', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd, timeout: 60_000, env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: '' } });
    const user = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { name: string; posts: { title: string; userId: number }[]; id: number };
    expect([user.name, user.posts.map((p) => [p.title, p.userId]).sort()]).toEqual(['Ada', [['Notes', user.id], ['Sketches', user.id]]]);
  });

  it('without autoLoadModels: the models option and forFeature register the models; nothing is synced', async () => {
    const a = app(url);
    @Module({ imports: [RelataModule.forRoot({ uri: url, logging: false, models: [a.User] }), a.UsersModule] })
    class AppModule {}

    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await moduleRef.init();
    const relata = moduleRef.get(Relata);
    expect(Object.keys(relata.models).sort()).toEqual(['Post', 'User']);
    expect(Object.keys(a.User.associations)).toEqual(['posts']);
    await relata.sync({ force: true });
    const ada = await moduleRef.get(a.UsersService).create('Ada', ['Notes']);
    expect((await a.User.findByPk(ada.id, { include: ['posts'] }))?.posts?.map((p) => p.title)).toEqual(['Notes']);
    await moduleRef.close();
  });
});

describe('relata/nestjs', () => {
  it('fails at startup naming the relations whose targets were never registered', async () => {
    const a = app('sqlite::memory:');
    @Module({ imports: [RelataModule.forRoot({ uri: 'sqlite::memory:', logging: false, autoLoadModels: true }), RelataModule.forFeature([a.Post])] })
    class AppModule {}
    const error = await Test.createTestingModule({ imports: [AppModule] }).compile().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DecoratorError);
    expect((error as Error).message).toBe(
      'these relations target classes that are not registered on this connection: Post.user → User; add the targets to the models option, addModels() or forFeature()',
    );
  });

  it('moves models to the connection of each new testing module, as @nestjs/sequelize does (a module per test)', async () => {
    const a = app('sqlite::memory:');
    @Module({ imports: [RelataModule.forRoot({ uri: 'sqlite::memory:', logging: false, autoLoadModels: true }), RelataModule.forFeature([a.User, a.Post])] })
    class AppModule {}
    const names: string[][] = [];
    const modules = [];
    for (const name of ['Ada', 'Grace']) {
      const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
      modules.push(moduleRef);
      const relata = moduleRef.get(Relata);
      expect(a.User.sequelize).toBe(relata);
      expect(Object.keys(a.User.associations)).toEqual(['posts']);
      await a.User.create({ name });
      names.push((await a.User.findAll()).map((u) => u.name));
    }
    // Each module has its own in-memory database: one row each.
    expect(names).toEqual([['Ada'], ['Grace']]);
    const [first, second] = modules.map((m) => m.get(Relata));
    expect(Object.keys(first!.models)).toEqual([]);
    expect(Object.keys(second!.models).sort()).toEqual(['Post', 'User']);
    await modules[0]!.close();
    expect((await a.User.findAll({ include: ['posts'] })).map((u) => u.name)).toEqual(['Grace']);
    await modules[1]!.close();
  });

  it('with strict: true, refuses to move a model away from a connection that is still open', async () => {
    const a = app('sqlite::memory:');
    const first = new Relata('sqlite::memory:', { logging: false, models: [a.User, a.Post] });
    @Module({ imports: [RelataModule.forRoot({ uri: 'sqlite::memory:', logging: false, strict: true }), RelataModule.forFeature([a.User])] })
    class AppModule {}
    const error = await Test.createTestingModule({ imports: [AppModule] }).compile().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DecoratorError);
    expect((error as Error).message).toBe(
      'User is already registered on another connection, still open, and cannot also be registered on default; a model class belongs to one connection (close the other connection first, or leave strict off to move the class)',
    );
    expect(a.User.sequelize).toBe(first);
    await first.close();
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    expect(a.User.sequelize).toBe(moduleRef.get(Relata));
    await moduleRef.close();
  });

  it('tokens and aliases follow @nestjs/sequelize', () => {
    class Event {}
    expect(getModelToken(Event)).toBe('EventModel');
    expect(getModelToken(Event, 'audit')).toBe('audit_EventModel');
    expect(getConnectionToken()).toBe(Relata);
    expect(getConnectionToken('audit')).toBe('auditConnection');
    expect(getConnectionToken({ name: 'audit' })).toBe('auditConnection');
    expect(SequelizeModule).toBe(RelataModule);
  });
});
