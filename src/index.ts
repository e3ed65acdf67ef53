// The public surface of relata, named export by export. test/unit/exports.test.ts fails when it drifts.

// Connection
export { Relata } from './relata.js';
export type { QueryRunOptions, RawQueryOptions } from './relata.js';
export type { RelataOptions, LoggingFunction } from './connection-options.js';
export type { DialectName } from './dialects/adapter.js';

// Models
export { Model } from './model/model.js';
export type { ModelStatic, InitOptions, BuildOptions, GetOptions, SetOptions } from './model/model.js';
export type { AttributeOptions, ModelAttributes, ModelOptions, IndexOptions, ReferentialAction, ReferencesOptions } from './metadata/model-options.js';
export type {
  InferAttributes, InferCreationAttributes, CreationOptional, NonAttribute, Attributes, CreationAttributes, MakeNullishOptional,
} from './model/model-types.js';
export type { HookName } from './model/hooks.js';
export type { WithIncluded, IncludeList, IncludeEntry } from './model/include-types.js';

// Associations
export type { Association, AssociationOptions, AssociationType, AccessorFindOptions, AccessorWriteOptions, AliasOption, ForeignKeyOption } from './associations/association.js';
export type { BelongsToAssociation, BelongsToOptions } from './associations/belongs-to.js';
export type { HasOneAssociation, HasOptions } from './associations/has-one.js';
export type { HasManyAssociation } from './associations/has-many.js';
export type { BelongsToManyAssociation, BelongsToManyOptions, ThroughOption } from './associations/belongs-to-many.js';
export type {
  BelongsToGetAssociationMixin, BelongsToSetAssociationMixin, BelongsToCreateAssociationMixin,
  HasOneGetAssociationMixin, HasOneSetAssociationMixin, HasOneCreateAssociationMixin,
  HasManyGetAssociationsMixin, HasManyCountAssociationsMixin, HasManyHasAssociationMixin, HasManyHasAssociationsMixin,
  HasManySetAssociationsMixin, HasManyAddAssociationMixin, HasManyAddAssociationsMixin, HasManyRemoveAssociationMixin,
  HasManyRemoveAssociationsMixin, HasManyCreateAssociationMixin,
  BelongsToManyGetAssociationsMixin, BelongsToManyCountAssociationsMixin, BelongsToManyHasAssociationMixin,
  BelongsToManyHasAssociationsMixin, BelongsToManySetAssociationsMixin, BelongsToManyAddAssociationMixin,
  BelongsToManyAddAssociationsMixin, BelongsToManyRemoveAssociationMixin, BelongsToManyRemoveAssociationsMixin,
  BelongsToManyCreateAssociationMixin, ThroughLink,
} from './associations/mixin-types.js';

// Data types
export { DataTypes, AbstractDataType } from './data-types/index.js';
// `DataType` (sequelize-typescript's name for DataTypes, and the type `type:` accepts) is exported with the decorators.

// Queries
export { Op } from './query/operators.js';
export { fn, col, literal, where, cast, json } from './query/fragments.js';
export { and, or, Utils } from './sequelize-statics.js';
export { Deferrable } from './transactions/deferrable.js';
export { IndexHints } from './query/refused-query-options.js';
export type { IndexHint, QueryRetryOptions, RefusedQueryOptions } from './query/refused-query-options.js';
export { QueryTypes } from './query/query-types.js';
export type {
  WhereOptions, WhereOperators, FindOptions, CountOptions, CreateOptions, BulkCreateOptions, UpdateOptions, SaveOptions,
  DestroyOptions, RestoreOptions, UpsertOptions, IncrementOptions, FindOrCreateOptions, AggregateOptions, TruncateOptions,
  FindAttributeOptions, Order,
} from './query/query-options.js';
export type { SyncOptions } from './model/sync.js';

// Transactions
export { Transaction } from './transactions/transaction.js';
export type { TransactionOptions, TransactionRetryOptions, IsolationLevel } from './transactions/transaction.js';

// Errors
export { BaseError } from './errors/base-error.js';
export { ValidationError } from './errors/validation-error.js';
export { ValidationErrorItem, ValidationErrorItemOrigin, ValidationErrorItemType } from './errors/validation-error-item.js';
export { UniqueConstraintError } from './errors/unique-constraint-error.js';
export { ForeignKeyConstraintError } from './errors/foreign-key-constraint-error.js';
export { DatabaseError } from './errors/database-error.js';
export { ConnectionError } from './errors/connection-error.js';
export { ConnectionAcquireTimeoutError } from './errors/timeout-error.js';
export { ConnectionRefusedError } from './errors/connection-refused-error.js';
export { AccessDeniedError } from './errors/access-denied-error.js';
export { HostNotFoundError } from './errors/host-not-found-error.js';
export { HostNotReachableError } from './errors/host-not-reachable-error.js';
export { InvalidConnectionError } from './errors/invalid-connection-error.js';
export { ConnectionTimedOutError } from './errors/connection-timed-out-error.js';
export { TimeoutError } from './errors/query-timeout-error.js';
export { ExclusionConstraintError } from './errors/exclusion-constraint-error.js';
export { UnknownConstraintError } from './errors/unknown-constraint-error.js';
export { OptimisticLockError } from './errors/optimistic-lock-error.js';
export { AggregateError } from './errors/aggregate-error.js';
export { BulkRecordError } from './errors/bulk-record-error.js';
export { InstanceError } from './errors/instance-error.js';
export { QueryError } from './errors/query-error.js';
export { AsyncQueueError } from './errors/async-queue-error.js';
export { SequelizeScopeError } from './errors/sequelize-scope-error.js';
export { EmptyResultError } from './errors/empty-result-error.js';
export { EagerLoadingError } from './errors/eager-loading-error.js';
export { AssociationError } from './errors/association-error.js';
export { UnknownAttributeError } from './errors/unknown-attribute-error.js';
export { InvalidOptionError } from './errors/invalid-option-error.js';
export { UnknownOptionError } from './errors/unknown-option-error.js';
export { UnbatchedLazyLoadError } from './errors/unbatched-lazy-load-error.js';
export { UnsupportedError } from './errors/unsupported-error.js';

// Decorators (sequelize-typescript style). `ForeignKey` is both the decorator and Sequelize's
// foreign-key brand type (`declare userId: ForeignKey<number>`).
export {
  Table, Column, PrimaryKey, AutoIncrement, AllowNull, Default, Unique, Comment, ForeignKey, BelongsTo, HasOne, HasMany,
  BelongsToMany, Scopes, DefaultScope, CreatedAt, UpdatedAt, DeletedAt,
  BeforeValidate, AfterValidate, ValidationFailed, BeforeCreate, AfterCreate, BeforeDestroy, AfterDestroy, BeforeRestore, AfterRestore,
  BeforeUpdate, AfterUpdate, BeforeSave, AfterSave, BeforeUpsert, AfterUpsert, BeforeBulkCreate, AfterBulkCreate, BeforeBulkDestroy,
  AfterBulkDestroy, BeforeBulkRestore, AfterBulkRestore, BeforeBulkUpdate, AfterBulkUpdate, BeforeFind, AfterFind, BeforeCount,
  BeforeSync, AfterSync, BeforeFindAfterExpandIncludeAll, BeforeFindAfterOptions, BeforeBulkSync, AfterBulkSync, BeforeDefine, AfterDefine,
  BeforeInit, AfterInit, BeforeConnect, AfterConnect, DataType, Index, createIndexDecorator,
  Is, Not, Length, Min, Max, IsIn, NotIn, Contains, NotContains, Equals, IsAfter, IsBefore, IsUUID, NotEmpty, Validate, Validator, IsEmail, IsUrl,
  IsIP, IsIPv4, IsIPv6, IsAlpha, IsAlphanumeric, IsNumeric, IsInt, IsFloat, IsDecimal, IsLowercase, IsUppercase, IsDate, IsCreditCard, IsNull,
  IsArray, NotNull,
} from './decorators/index.js';
export type {
  TableOptions, ColumnOptions, BelongsToDecoratorOptions, HasDecoratorOptions, BelongsToManyDecoratorOptions, HookDecorator, ClassThunk,
  ThroughSpec, ScopesSpec, FieldDecorator, StaticMethodDecorator, ClassDecoratorFunction, AnyClass,
  IndexDecorator, SharedIndexDecorator, IndexDecoratorOptions, IndexDecoratorIndexOptions, IndexFieldOptions, BareRule, RuleArgument, PatternArgument,
  ValidatorDecorator,
} from './decorators/index.js';
export { DecoratorError } from './errors/decorator-error.js';

// Migrations
import { QueryInterface as QueryInterfaceOn } from './query-interface/query-interface.js';
/** The schema API migrations receive; its `sequelize` is the connection (`Relata`). */
export type QueryInterface = QueryInterfaceOn<RelataClass>;
/** The schema API class (`relata.getQueryInterface()` answers its instance). */
export const QueryInterface = QueryInterfaceOn;
export type {
  CreateTableOptions, DropTableOptions, DropAllTablesOptions, AddIndexOptions, IndexField, AddConstraintOptions, BulkDeleteOptions,
  ColumnDescription, ForeignKeyReference, QuerySelectOptions, QueryUpsertOptions,
} from './query-interface/query-interface-options.js';
export type { QueryInterfaceTable } from './query-interface/table-name.js';
export type { CatalogIndex } from './dialects/schema-dialect.js';
export { Migrator } from './migrations/migrator.js';
export type { MigratorOptions, MigrationEvent, MigrationStatus, MigrateUpOptions, MigrateDownOptions } from './migrations/migrator.js';
export type { MigrationModule } from './migrations/migration-files.js';
export type { SequelizeNamespace } from './migrations/sequelize-namespace.js';
export { diffSchema } from './migrations/schema/schema-diff.js';
export type { SchemaDiff, SchemaOperation } from './migrations/schema/schema-diff.js';
export { generateMigration } from './migrations/schema/generate-migration.js';
export type { GenerateMigrationOptions, GeneratedMigration } from './migrations/schema/generate-migration.js';
export { checkSchema, formatCheckReport } from './migrations/schema/schema-check.js';
export type { CheckReport, CheckFinding } from './migrations/schema/schema-check.js';
export { renderDiagram, diagramMarkdown } from './migrations/schema/er-diagram.js';
export type { DiagramDocumentOptions } from './migrations/schema/er-diagram.js';
export { diagramHtml } from './migrations/schema/diagram-html.js';
export type { DiagramHtmlOptions } from './migrations/schema/diagram-html.js';
export { runCli } from './cli/run-cli.js';
export type { CliIO } from './cli/api/context.js';
export { MigrationError } from './errors/migration-error.js';

// Sequelize compatibility names, kept in one place: src/sequelize-statics.ts assigns Sequelize's
// class-level names (DataTypes, Op, errors, hooks…) onto the class, which is also the default export
// (and, in the CommonJS build, `module.exports` itself; see tsup.config.ts).
import { Relata as RelataClass } from './relata.js';
import './sequelize-statics.js';
export { Relata as Sequelize } from './relata.js';
export { BaseError as Error } from './errors/base-error.js';
export default RelataClass;

// Sequelize 6 type names (types only; values belong in the blocks above).
export type {
  Optional, ModelCtor, ModelType, ModelDefined, Identifier, Includeable, IncludeOptions, HasManyOptions, HasOneOptions, Options,
  Dialect, Config, QueryOptions, ModelAttributeColumnOptions, AndOperator, OrOperator, SqlValue,
} from './sequelize-types.js';
export type { Transactionable, Logging, Hookable, WhereAttributeValue as WhereValue } from './query/query-options.js';
export type { QueryType } from './query/query-types.js';
export type { GroupedCountRow, UpdateValues, ModelHooks, IncrementResult } from './model/model-types.js';

// sequelize-typescript type names (types only).
export type { RelataOptions as SequelizeOptions } from './connection-options.js';
export type { ModelMatch } from './model/model-paths.js';
export type { RawAttribute } from './model/raw-attribute.js';
export type { AssociatedValue, AssociatedInput } from './model/model.js';
export type {
  AccessorFindOptions as AssociationGetOptions, AccessorFindOptions as AssociationCountOptions, AccessorWriteOptions as AssociationActionOptions,
  AccessorWriteOptions as AssociationCreateOptions,
} from './associations/association.js';
