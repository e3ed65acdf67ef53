import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Type } from '@nestjs/common';
import type { RelataOptions, SyncOptions } from '../index.js';

/**
 * Options of `RelataModule.forRoot()`: the connection's options plus what the module does with
 * them, with `@nestjs/sequelize`'s names.
 *
 * @example
 * RelataModule.forRoot({ dialect: 'postgres', host: 'db', database: 'app', autoLoadModels: true, synchronize: true })
 */
export interface RelataModuleOptions extends RelataOptions {
  /** The connection name, for several connections; the default connection when omitted. */
  name?: string;
  /** A connection URL (`postgres://…`, `sqlite::memory:`), used instead of dialect/host/… */
  uri?: string;
  /** Registers every model passed to `forFeature()` for this connection. */
  autoLoadModels?: boolean;
  /** With autoLoadModels, creates the tables at startup (`relata.sync(sync)`); true by default. */
  synchronize?: boolean;
  /** Options for that sync. */
  sync?: SyncOptions;
  /** Connection attempts before startup fails (default 9), `retryDelay` ms apart (default 3000). */
  retryAttempts?: number;
  retryDelay?: number;
}

/** A class that builds the module options (`forRootAsync({ useClass })`). */
export interface RelataOptionsFactory {
  createRelataOptions(connectionName?: string): Promise<RelataModuleOptions> | RelataModuleOptions;
}

/**
 * Options of `RelataModule.forRootAsync()`: build the options with a factory, a class or an
 * existing provider, after other modules (a ConfigModule) are ready.
 *
 * @example
 * RelataModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config) => ({ uri: config.get('DB_URL') }) })
 */
export interface RelataModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  name?: string;
  useFactory?: (...args: never[]) => Promise<Omit<RelataModuleOptions, 'name'>> | Omit<RelataModuleOptions, 'name'>;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useClass?: Type<RelataOptionsFactory>;
  useExisting?: Type<RelataOptionsFactory>;
}
