// relata/typeorm: TypeORM's decorators, DataSource, EntityManager and Repository over relata's
// engine. Everything from the core comes through '../index.js', which the package build maps to
// 'relata' itself, so this entry never carries a second copy of Model.
export * from '../decorators/typeorm/index.js';
export { DataSource } from './data-source.js';
export type { DataSourceOptions, DataSourceType, IsolationLevel } from './data-source.js';
export { EntityManager } from './entity-manager.js';
export { Repository } from './repository.js';
export { EntityNotFoundError } from './entity-not-found-error.js';
export { QueryFailedError } from './query-failed-error.js';
export { OptimisticLockVersionMismatchError, OptimisticLockCanNotBeUsedError } from './optimistic-lock.js';
export { EntitySchema } from './entity-schema.js';
export type { EntitySchemaOptions, EntitySchemaColumnOptions, EntitySchemaRelationOptions, EntitySchemaIndexOptions } from './entity-schema.js';
export type { DeepPartial } from './repository.js';
export type { EntityTarget } from './context.js';
// Reads: find options and operators.
export type {
  FindManyOptions,
  FindOneOptions,
  FindOptionsWhere,
  FindOptionsWhereProperty,
  FindOptionsRelations,
  FindOptionsRelationsObject,
  FindOptionsSelect,
  FindOptionsSelectObject,
  FindOptionsOrder,
  FindOptionsOrderValue,
  FindOptionsLock,
  FindResult,
  Loaded,
  Selected,
  RelationKeys,
  ColumnKeys,
} from './find-options.js';
export { FindOperator, Not, LessThan, LessThanOrEqual, MoreThan, MoreThanOrEqual, Equal, Between, In, Any, IsNull, Like, ILike, And, Or, Raw } from './find-operators.js';
export type { FindOperatorType } from './find-operators.js';
export type { SaveOptions, RemoveOptions, InsertResult, UpdateResult, DeleteResult, UpsertOptions } from './persist.js';
