import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Relata } from '../index.js';
import { registerModels } from './create-connection.js';
import { tagFeatureFactory } from './feature-models.js';
import type { RelataModuleAsyncOptions, RelataModuleOptions } from './module-options.js';
import { RelataCoreModule } from './relata-core-module.js';
import { DEFAULT_CONNECTION_NAME, getConnectionToken, getModelToken } from './tokens.js';

/**
 * relata for NestJS, with `@nestjs/sequelize`'s API (`SequelizeModule` is the same class).
 * `forRoot`/`forRootAsync` create a connection, global to the application and closed when it
 * shuts down; `forFeature` provides models for `@InjectModel`.
 *
 * @example
 * @Module({ imports: [RelataModule.forRoot({ uri: 'sqlite::memory:', autoLoadModels: true }), UsersModule] })
 * class AppModule {}
 *
 * @Module({ imports: [RelataModule.forFeature([User, Post])], providers: [UsersService] })
 * class UsersModule {}
 */
export class RelataModule {
  /** Creates a connection from options (a `uri`, or the `new Relata()` options) and provides it. */
  static forRoot(options: RelataModuleOptions = {}): DynamicModule {
    return { module: RelataModule, imports: [RelataCoreModule.forRoot(options)] };
  }

  /** Creates a connection from options built by a factory, a class or an existing provider. */
  static forRootAsync(options: RelataModuleAsyncOptions): DynamicModule {
    return { module: RelataModule, imports: [RelataCoreModule.forRootAsync(options)] };
  }

  /**
   * Provides models of a connection for `@InjectModel(Model, connection?)`, registering any not
   * registered yet; with `autoLoadModels` they are registered (and synced) when the connection is
   * created.
   */
  static forFeature(models: readonly (abstract new (...args: never[]) => unknown)[] = [], connection: string = DEFAULT_CONNECTION_NAME): DynamicModule {
    const providers: Provider[] = models.map((model) => ({
      provide: getModelToken(model, connection),
      useFactory: tagFeatureFactory((relata: Relata) => {
        registerModels(relata, [model], connection);
        return model;
      }, model, connection),
      inject: [getConnectionToken(connection)],
    }));
    return { module: RelataModule, providers, exports: providers };
  }
}

Module({})(RelataModule);
