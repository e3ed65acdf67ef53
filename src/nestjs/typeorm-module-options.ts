import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Provider, Type } from '@nestjs/common';
import type { DataSource, DataSourceOptions } from '../typeorm/index.js';

/**
 * Options of `TypeOrmModule.forRoot()`: the DataSource's options plus what the module does with
 * them, with `@nestjs/typeorm`'s names and defaults.
 *
 * @example
 * TypeOrmModule.forRoot({ type: 'postgres', url: process.env.DB_URL, autoLoadEntities: true, synchronize: true })
 */
export type TypeOrmModuleOptions = {
  /** The data source's name, for several data sources; the default data source when omitted. */
  name?: string;
  /** Connection attempts, the first included, before startup fails (default 10), `retryDelay` ms apart (default 3000). */
  retryAttempts?: number;
  retryDelay?: number;
  /** Whether an error is worth another attempt; when it returns false, startup fails at once. */
  toRetry?: (error: unknown) => boolean;
  /** Adds every entity passed to `forFeature()` for this data source to its `entities`. */
  autoLoadEntities?: boolean;
  /** Puts each failed attempt's message in the retry log line. */
  verboseRetryLog?: boolean;
  /** Provides the data source without initializing it: the application calls `dataSource.initialize()`. */
  manualInitialization?: boolean;
} & Partial<DataSourceOptions>;

/** A class that builds the module options (`forRootAsync({ useClass })`). */
export interface TypeOrmOptionsFactory {
  createTypeOrmOptions(dataSourceName?: string): Promise<TypeOrmModuleOptions> | TypeOrmModuleOptions;
}

/** Builds the data source from the resolved options, instead of `new DataSource(options)`. */
export type TypeOrmDataSourceFactory = (options: DataSourceOptions) => Promise<DataSource>;

/**
 * Options of `TypeOrmModule.forRootAsync()`: build the options with a factory, a class or an
 * existing provider, after other modules (a ConfigModule) are ready.
 *
 * @example
 * TypeOrmModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config) => ({ type: 'postgres', url: config.get('DB_URL') }) })
 */
export interface TypeOrmModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  name?: string;
  useExisting?: Type<TypeOrmOptionsFactory>;
  useClass?: Type<TypeOrmOptionsFactory>;
  useFactory?: (...args: never[]) => Promise<TypeOrmModuleOptions> | TypeOrmModuleOptions;
  dataSourceFactory?: TypeOrmDataSourceFactory;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  /** Providers added to the data source's module (for what the options factory injects). */
  extraProviders?: Provider[];
}
