import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { ModuleRef, ModulesContainer } from '@nestjs/core';
import type { Relata } from '../index.js';
import { assertRelationsSettled, createConnection } from './create-connection.js';
import { featureModels } from './feature-models.js';
import type { RelataModuleAsyncOptions, RelataModuleOptions, RelataOptionsFactory } from './module-options.js';
import { getConnectionToken, RELATA_MODULE_OPTIONS } from './tokens.js';

/**
 * The global module that owns one connection: it provides it under its token, checks at
 * bootstrap that every decorated relation found its target, and closes the pool on shutdown.
 * `RelataModule.forRoot()` imports one per connection.
 * @internal
 */
export class RelataCoreModule implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #options: RelataModuleOptions;
  readonly #moduleRef: ModuleRef;

  constructor(options: RelataModuleOptions, moduleRef: ModuleRef) {
    this.#options = options;
    this.#moduleRef = moduleRef;
  }

  static forRoot(options: RelataModuleOptions): DynamicModule {
    const connection: Provider = {
      provide: getConnectionToken(options),
      useFactory: (modules: ModulesContainer) => createConnection(options, () => featureModels(modules, options.name)),
      inject: [ModulesContainer],
    };
    return {
      module: RelataCoreModule,
      global: true,
      providers: [{ provide: RELATA_MODULE_OPTIONS, useValue: options }, connection],
      exports: [connection],
    };
  }

  static forRootAsync(options: RelataModuleAsyncOptions): DynamicModule {
    const name = options.name;
    const connection: Provider = {
      provide: getConnectionToken(name),
      useFactory: (resolved: RelataModuleOptions, modules: ModulesContainer) => createConnection({ ...resolved, ...(name === undefined ? {} : { name }) }, () => featureModels(modules, name)),
      inject: [RELATA_MODULE_OPTIONS, ModulesContainer],
    };
    return {
      module: RelataCoreModule,
      global: true,
      imports: options.imports ?? [],
      providers: [...asyncOptionsProviders(options), connection],
      exports: [connection],
    };
  }

  onApplicationBootstrap(): void {
    // forFeature() providers register their models when instantiated, all before bootstrap.
    assertRelationsSettled(this.#connection());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.#connection().close();
  }

  #connection(): Relata {
    return this.#moduleRef.get<Relata>(getConnectionToken(this.#options));
  }
}

function asyncOptionsProviders(options: RelataModuleAsyncOptions): Provider[] {
  const name = options.name;
  const withName = (resolved: RelataModuleOptions): RelataModuleOptions => ({ ...resolved, ...(name === undefined ? {} : { name }) });
  if (options.useFactory) {
    const factory = options.useFactory as (...args: unknown[]) => Promise<RelataModuleOptions> | RelataModuleOptions;
    return [{ provide: RELATA_MODULE_OPTIONS, useFactory: async (...args: unknown[]) => withName(await factory(...args)), inject: options.inject ?? [] }];
  }
  const factoryClass = options.useClass ?? options.useExisting;
  const providers: Provider[] = [
    {
      provide: RELATA_MODULE_OPTIONS,
      useFactory: async (factory: RelataOptionsFactory) => withName(await factory.createRelataOptions(name)),
      inject: factoryClass ? [factoryClass] : [],
    },
  ];
  if (options.useClass) providers.push({ provide: options.useClass, useClass: options.useClass });
  return providers;
}

// Decorators applied as calls: this file must not depend on how the package is compiled.
Module({})(RelataCoreModule);
Inject(RELATA_MODULE_OPTIONS)(RelataCoreModule, undefined, 0);
Inject(ModuleRef)(RelataCoreModule, undefined, 1);
