// relata/typeorm: TypeORM's decorators, DataSource, EntityManager and Repository over relata's
// engine. Everything from the core comes through '../index.js', which the package build maps to
// 'relata' itself, so this entry never carries a second copy of Model.
export * from '../decorators/typeorm/index.js';
export { DataSource } from './data-source.js';
export type { DataSourceOptions, DataSourceType, IsolationLevel } from './data-source.js';
export { EntityManager } from './entity-manager.js';
export { Repository } from './repository.js';
export type { DeepPartial } from './repository.js';
export type { EntityTarget } from './context.js';
export type { FindManyOptions, FindOneOptions, FindOptionsWhere, FindOptionsRelations, FindOptionsSelect, FindOptionsOrder } from './find-options.js';
export type { SaveOptions, RemoveOptions, InsertResult, UpdateResult, DeleteResult, UpsertOptions } from './persist.js';
