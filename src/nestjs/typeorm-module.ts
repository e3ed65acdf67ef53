import { randomUUID } from 'node:crypto';
import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ModuleRef, ModulesContainer } from '@nestjs/core';
import { DecoratorError, InvalidOptionError, UnsupportedError } from '../index.js';
import { DataSource, type DataSourceOptions } from '../typeorm/index.js';
import type { TypeOrmDataSourceFactory, TypeOrmModuleAsyncOptions, TypeOrmModuleOptions, TypeOrmOptionsFactory } from './typeorm-module-options.js';
import {
  DEFAULT_DATA_SOURCE_NAME, getDataSourceName, getDataSourceToken, getEntityManagerToken, getRepositoryToken, TYPEORM_DATA_SOURCE_NAME, TYPEORM_MODULE_OPTIONS,
  type DataSourceReference, type EntityClass,
} from './typeorm-tokens.js';

const DEFAULT_RETRY_ATTEMPTS = 10;
const DEFAULT_RETRY_DELAY_MS = 3000;
const TYPEORM_MODULE_ID = 'TypeOrmModuleId';
const FEATURE_ENTITY = Symbol.for('relata.nestjs.typeormFeatureEntity');

const logger = new Logger('TypeOrmModule');

interface FeatureEntityTag {
  readonly entity: EntityClass;
  readonly dataSource: string;
}

function nameOf(dataSource: DataSourceReference): string {
  if (typeof dataSource === 'string') return dataSource;
  return getDataSourceName(dataSource instanceof DataSource ? dataSource.options : dataSource);
}

/**
 * The entities every `forFeature()` of this application declares for `dataSource`, found in the
 * application's own module graph (a process-wide list, as @nestjs/typeorm keeps, would hand one
 * application's entities to every other application the process builds, as tests do).
 */
function featureEntities(modules: ModulesContainer, dataSource: string): EntityClass[] {
  const entities = new Set<EntityClass>();
  for (const module of modules.values()) {
    for (const wrapper of module.providers.values()) {
      const tag = (wrapper.metatype as { [FEATURE_ENTITY]?: FeatureEntityTag } | null)?.[FEATURE_ENTITY];
      if (tag?.dataSource === dataSource) entities.add(tag.entity);
    }
  }
  return [...entities];
}

/** Errors of the options or the entities themselves: no later attempt can succeed. */
function isConfigurationError(error: unknown): boolean {
  return error instanceof InvalidOptionError || error instanceof DecoratorError || error instanceof UnsupportedError;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates (and, unless `manualInitialization`, initializes) a module's data source, with
 * `autoLoadEntities` adding the entities of every forFeature() for it. A failed attempt is retried
 * `retryAttempts` times in all, `retryDelay` ms apart, as @nestjs/typeorm does; an error in the
 * options or the entities fails at once.
 */
async function createDataSource(options: TypeOrmModuleOptions, factory: TypeOrmDataSourceFactory | undefined, feature: () => EntityClass[]): Promise<DataSource> {
  const { retryAttempts, retryDelay, toRetry, autoLoadEntities, verboseRetryLog, manualInitialization, ...dataSourceOptions } = options;
  const name = getDataSourceName(options);
  const attempts = retryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
  for (let failures = 0; ; ) {
    try {
      const resolved = { ...dataSourceOptions } as DataSourceOptions;
      if (autoLoadEntities === true) resolved.entities = [...new Set([...(dataSourceOptions.entities ?? []), ...feature()])];
      const dataSource = factory === undefined ? new DataSource(resolved) : await factory(resolved);
      return !dataSource.isInitialized && manualInitialization !== true ? await dataSource.initialize() : dataSource;
    } catch (error) {
      if (isConfigurationError(error) || (toRetry !== undefined && !toRetry(error))) throw error;
      failures++;
      const which = name === DEFAULT_DATA_SOURCE_NAME ? '' : ` (${name})`;
      const detail = verboseRetryLog === true ? ` Message: ${(error as Error).message}.` : '';
      logger.error(`Unable to connect to the database${which}.${detail} Retrying (${failures})...`, (error as Error).stack);
      if (failures >= attempts) throw error;
      await sleep(retryDelay ?? DEFAULT_RETRY_DELAY_MS);
    }
  }
}

function entityManagerProvider(name: string): Provider {
  return { provide: getEntityManagerToken(name), useFactory: (dataSource: DataSource) => dataSource.manager, inject: [getDataSourceToken(name)] };
}

/**
 * The global module that owns one data source: it provides it and its EntityManager under their
 * tokens and destroys it when the application shuts down. `TypeOrmModule.forRoot()` imports one
 * per data source.
 * @internal
 */
export class TypeOrmCoreModule implements OnApplicationShutdown {
  readonly #name: string;
  readonly #moduleRef: ModuleRef;

  constructor(name: string, moduleRef: ModuleRef) {
    this.#name = name;
    this.#moduleRef = moduleRef;
  }

  static forRoot(options: TypeOrmModuleOptions = {}): DynamicModule {
    const name = getDataSourceName(options);
    const dataSource: Provider = {
      provide: getDataSourceToken(name),
      useFactory: (modules: ModulesContainer) => createDataSource(options, undefined, () => featureEntities(modules, name)),
      inject: [ModulesContainer],
    };
    const manager = entityManagerProvider(name);
    return {
      module: TypeOrmCoreModule,
      providers: [manager, dataSource, { provide: TYPEORM_MODULE_OPTIONS, useValue: options }, { provide: TYPEORM_DATA_SOURCE_NAME, useValue: name }],
      exports: [manager, dataSource],
    };
  }

  static forRootAsync(options: TypeOrmModuleAsyncOptions): DynamicModule {
    const name = getDataSourceName(options);
    const dataSource: Provider = {
      provide: getDataSourceToken(name),
      useFactory: (resolved: TypeOrmModuleOptions, modules: ModulesContainer) =>
        createDataSource(options.name === undefined ? resolved : { ...resolved, name: options.name }, options.dataSourceFactory, () => featureEntities(modules, name)),
      inject: [TYPEORM_MODULE_OPTIONS, ModulesContainer],
    };
    const manager = entityManagerProvider(name);
    return {
      module: TypeOrmCoreModule,
      imports: options.imports ?? [],
      providers: [
        ...asyncOptionsProviders(options),
        manager,
        dataSource,
        // Two forRootAsync() modules with equal options are still two modules.
        { provide: TYPEORM_MODULE_ID, useValue: randomUUID() },
        { provide: TYPEORM_DATA_SOURCE_NAME, useValue: name },
        ...(options.extraProviders ?? []),
      ],
      exports: [manager, dataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      const dataSource = this.#moduleRef.get<DataSource>(getDataSourceToken(this.#name));
      if (dataSource.isInitialized) await dataSource.destroy();
    } catch (error) {
      logger.error(`Failed to close the "${this.#name}" data source: ${(error as Error).message}`, (error as Error).stack);
    }
  }
}

function asyncOptionsProviders(options: TypeOrmModuleAsyncOptions): Provider[] {
  if (options.useFactory) return [{ provide: TYPEORM_MODULE_OPTIONS, useFactory: options.useFactory as (...args: unknown[]) => unknown, inject: options.inject ?? [] }];
  const factoryClass = options.useClass ?? options.useExisting;
  if (factoryClass === undefined) {
    throw InvalidOptionError.expected('TypeOrmModule.forRootAsync()', 'the options', 'given one of useFactory, useClass or useExisting', Object.keys(options));
  }
  const providers: Provider[] = [
    { provide: TYPEORM_MODULE_OPTIONS, useFactory: (factory: TypeOrmOptionsFactory) => factory.createTypeOrmOptions(options.name), inject: [factoryClass] },
  ];
  if (options.useClass) providers.push({ provide: options.useClass, useClass: options.useClass });
  return providers;
}

// Decorators applied as calls: this file must not depend on how the package is compiled.
Module({})(TypeOrmCoreModule);
Global()(TypeOrmCoreModule);
Inject(TYPEORM_DATA_SOURCE_NAME)(TypeOrmCoreModule, undefined, 0);
Inject(ModuleRef)(TypeOrmCoreModule, undefined, 1);

/**
 * relata/typeorm for NestJS, with `@nestjs/typeorm`'s API and tokens: `forRoot`/`forRootAsync`
 * create a DataSource (global to the application, destroyed when it shuts down) and provide it
 * and its EntityManager; `forFeature` provides repositories for `@InjectRepository`.
 *
 * @example
 * @Module({ imports: [TypeOrmModule.forRoot({ type: 'postgres', url, autoLoadEntities: true, synchronize: true }), UsersModule] })
 * class AppModule {}
 *
 * @Module({ imports: [TypeOrmModule.forFeature([User, Post])], providers: [UsersService] })
 * class UsersModule {}
 */
export class TypeOrmModule {
  /** Creates a data source from options; `name`, when given, overrides `options.name`. */
  static forRoot(options: TypeOrmModuleOptions = {}, name?: string): DynamicModule {
    const resolved = name === undefined ? options : { ...options, name };
    return { module: TypeOrmModule, imports: [TypeOrmCoreModule.forRoot(resolved)] };
  }

  /** Creates a data source from options built by a factory, a class or an existing provider. */
  static forRootAsync(options: TypeOrmModuleAsyncOptions): DynamicModule {
    return { module: TypeOrmModule, imports: [TypeOrmCoreModule.forRootAsync(options)] };
  }

  /**
   * Provides `Repository<Entity>` of a data source for `@InjectRepository(Entity, dataSource?)`;
   * with `autoLoadEntities` the entities join that data source's `entities`.
   */
  static forFeature(entities: readonly EntityClass[] = [], dataSource: DataSourceReference = DEFAULT_DATA_SOURCE_NAME): DynamicModule {
    const name = nameOf(dataSource);
    const providers: Provider[] = entities.map((entity) => {
      const factory = (source: DataSource) => source.getRepository(entity as never);
      Object.defineProperty(factory, FEATURE_ENTITY, { value: { entity, dataSource: name } satisfies FeatureEntityTag });
      return { provide: getRepositoryToken(entity, dataSource), useFactory: factory, inject: [getDataSourceToken(dataSource)] };
    });
    return { module: TypeOrmModule, providers, exports: providers };
  }
}

Module({})(TypeOrmModule);
