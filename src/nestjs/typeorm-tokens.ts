import { DecoratorError } from '../index.js';
import { DataSource, EntityManager, EntitySchema, Repository } from '../typeorm/index.js';

/**
 * The name of the data source `TypeOrmModule.forRoot()` creates when given none.
 *
 * @example
 * TypeOrmModule.forFeature([User], DEFAULT_DATA_SOURCE_NAME) // same as TypeOrmModule.forFeature([User])
 */
export const DEFAULT_DATA_SOURCE_NAME = 'default';

/** @internal The token of one data source's module options, private to its core module (@nestjs/typeorm's value). */
export const TYPEORM_MODULE_OPTIONS = 'TypeOrmModuleOptions';

/** @internal The token of the data source name a core module owns (@nestjs/typeorm's value). */
export const TYPEORM_DATA_SOURCE_NAME = 'TypeOrmDataSourceName';

/**
 * What names a data source where a token is asked for: its name, its options (`{ name }`) or the
 * data source itself.
 */
export type DataSourceReference = string | DataSource | { readonly name?: string | undefined };

/** An entity class, an EntitySchema, or a class extending `Repository` (a custom repository). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class of any constructor shape
export type EntityClass = (abstract new (...args: any[]) => unknown) | EntitySchema<object>;

/** The data source's name: a string as given, `options.name` of a DataSource, `name` of options. */
function nameOf(dataSource: DataSourceReference): string {
  if (typeof dataSource === 'string') return dataSource;
  const name = dataSource instanceof DataSource ? dataSource.options.name : dataSource.name;
  return name === undefined || name === '' ? DEFAULT_DATA_SOURCE_NAME : name;
}

/** @internal `''` for the default data source, `<name>_` otherwise. */
export function getDataSourcePrefix(dataSource: DataSourceReference = DEFAULT_DATA_SOURCE_NAME): string {
  const name = nameOf(dataSource);
  return name === DEFAULT_DATA_SOURCE_NAME ? '' : `${name}_`;
}

/** @internal The name of the data source that module options create. */
export function getDataSourceName(options: { readonly name?: string | undefined } | undefined): string {
  return options?.name === undefined || options.name === '' ? DEFAULT_DATA_SOURCE_NAME : options.name;
}

/**
 * The injection token of an entity's repository, as `@nestjs/typeorm` computes it:
 * `<Entity>Repository`, prefixed with `<name>_` for a named data source. A custom repository
 * class (one extending `Repository`) is its own token on the default data source.
 *
 * @example
 * getRepositoryToken(User)              // 'UserRepository'
 * getRepositoryToken(Event, 'analytics') // 'analytics_EventRepository'
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class of any constructor shape
export function getRepositoryToken(entity: EntityClass, dataSource: DataSourceReference = DEFAULT_DATA_SOURCE_NAME): string | (abstract new (...args: any[]) => unknown) {
  if (entity === null || entity === undefined) {
    throw new DecoratorError(
      '@InjectRepository(): the entity is undefined, which a circular import between entity files (or a barrel file) causes; ' +
        'import the entity from its own file, or break the cycle',
    );
  }
  const prefix = getDataSourcePrefix(dataSource);
  if (typeof entity === 'function' && entity.prototype instanceof Repository) return prefix === '' ? entity : `${prefix}${entity.name}`;
  // As @nestjs/typeorm: a schema by its target class's name, else its own name.
  if (entity instanceof EntitySchema) return `${prefix}${entity.options.target?.name ?? entity.options.name}Repository`;
  return `${prefix}${entity.name}Repository`;
}

/**
 * The injection token of a data source: the `DataSource` class itself for the default one (so
 * `constructor(private dataSource: DataSource)` works), `<name>DataSource` for a named one.
 *
 * @example
 * getDataSourceToken()            // DataSource
 * getDataSourceToken('analytics') // 'analyticsDataSource'
 */
export function getDataSourceToken(dataSource: DataSourceReference = DEFAULT_DATA_SOURCE_NAME): string | typeof DataSource {
  const name = nameOf(dataSource);
  return name === DEFAULT_DATA_SOURCE_NAME ? DataSource : `${name}DataSource`;
}

/**
 * The injection token of a data source's EntityManager: the `EntityManager` class for the default
 * data source, `<name>EntityManager` for a named one.
 *
 * @example
 * getEntityManagerToken()            // EntityManager
 * getEntityManagerToken('analytics') // 'analyticsEntityManager'
 */
export function getEntityManagerToken(dataSource: DataSourceReference = DEFAULT_DATA_SOURCE_NAME): string | typeof EntityManager {
  const name = nameOf(dataSource);
  return name === DEFAULT_DATA_SOURCE_NAME ? EntityManager : `${name}EntityManager`;
}
