import { describe, expect, it } from 'vitest';
import * as relata from '../../src/index.js';

/**
 * EXPECTED_EXPORTS: every runtime export name of src/index.ts.
 * STYLE.md: "src/index.ts names every export explicitly … and a test fails when it drifts."
 * Adding or removing a public export means editing this list in the same change.
 * (Type-only exports such as InferAttributes do not exist at runtime; test/types covers them.)
 */
const EXPECTED_EXPORTS: readonly string[] = [
  // connection
  'Relata',
  'Sequelize',
  'default',
  'Transaction',
  'QueryTypes',
  // models and data types
  'Model',
  'DataTypes',
  'AbstractDataType',
  // query building
  'Op',
  'cast',
  'col',
  'fn',
  'json',
  'literal',
  'where',
  'and',
  'or',
  'Deferrable',
  'IndexHints',
  'Utils',
  // errors
  'Error',
  'ConnectionRefusedError',
  'AccessDeniedError',
  'HostNotFoundError',
  'HostNotReachableError',
  'InvalidConnectionError',
  'ConnectionTimedOutError',
  'TimeoutError',
  'ExclusionConstraintError',
  'UnknownConstraintError',
  'OptimisticLockError',
  'AggregateError',
  'BulkRecordError',
  'InstanceError',
  'QueryError',
  'AsyncQueueError',
  'SequelizeScopeError',
  'ValidationErrorItemOrigin',
  'ValidationErrorItemType',
  'AssociationError',
  'BaseError',
  'ConnectionAcquireTimeoutError',
  'ConnectionError',
  'DatabaseError',
  'EagerLoadingError',
  'EmptyResultError',
  'ForeignKeyConstraintError',
  'InvalidOptionError',
  'UnknownOptionError',
  'UniqueConstraintError',
  'UnknownAttributeError',
  'UnbatchedLazyLoadError',
  'UnsupportedError',
  'ValidationError',
  'ValidationErrorItem',
  // decorators (sequelize-typescript style)
  'Table',
  'Column',
  'PrimaryKey',
  'AutoIncrement',
  'AllowNull',
  'Default',
  'Unique',
  'Comment',
  'ForeignKey',
  'BelongsTo',
  'HasOne',
  'HasMany',
  'BelongsToMany',
  'Scopes',
  'DefaultScope',
  'CreatedAt',
  'UpdatedAt',
  'DeletedAt',
  'BeforeValidate',
  'AfterValidate',
  'ValidationFailed',
  'BeforeCreate',
  'AfterCreate',
  'BeforeDestroy',
  'AfterDestroy',
  'BeforeRestore',
  'AfterRestore',
  'BeforeUpdate',
  'AfterUpdate',
  'BeforeSave',
  'AfterSave',
  'BeforeUpsert',
  'AfterUpsert',
  'BeforeBulkCreate',
  'AfterBulkCreate',
  'BeforeBulkDestroy',
  'AfterBulkDestroy',
  'BeforeBulkRestore',
  'AfterBulkRestore',
  'BeforeBulkUpdate',
  'AfterBulkUpdate',
  'BeforeFind',
  'AfterFind',
  'BeforeCount',
  'BeforeSync',
  'AfterSync',
  'BeforeFindAfterExpandIncludeAll',
  'BeforeFindAfterOptions',
  'BeforeBulkSync',
  'AfterBulkSync',
  'BeforeDefine',
  'AfterDefine',
  'BeforeInit',
  'AfterInit',
  'BeforeConnect',
  'AfterConnect',
  // sequelize-typescript's DataType, indexes and validation decorators
  'DataType',
  'Index',
  'createIndexDecorator',
  'Is',
  'Not',
  'Length',
  'Min',
  'Max',
  'IsIn',
  'NotIn',
  'Contains',
  'NotContains',
  'Equals',
  'IsAfter',
  'IsBefore',
  'IsUUID',
  'NotEmpty',
  'Validate',
  'Validator',
  'IsEmail',
  'IsUrl',
  'IsIP',
  'IsIPv4',
  'IsIPv6',
  'IsAlpha',
  'IsAlphanumeric',
  'IsNumeric',
  'IsInt',
  'IsFloat',
  'IsDecimal',
  'IsLowercase',
  'IsUppercase',
  'IsDate',
  'IsCreditCard',
  'IsNull',
  'IsArray',
  'NotNull',
  'DecoratorError',
  // migrations
  'QueryInterface',
  'Migrator',
  'MigrationError',
  'diffSchema',
  'generateMigration',
  'checkSchema',
  'formatCheckReport',
  'renderDiagram',
  'diagramMarkdown',
  'diagramHtml',
  'runCli',
];

const sorted = (names: Iterable<string>): string[] => [...names].sort();

describe('src/index.ts exports', () => {
  it('are exactly the expected names', () => {
    expect(sorted(Object.keys(relata))).toEqual(sorted(EXPECTED_EXPORTS));
  });

  it('lists no name twice in the expected list', () => {
    expect(new Set(EXPECTED_EXPORTS).size).toBe(EXPECTED_EXPORTS.length);
  });

  it('export Sequelize as the very same class as Relata', () => {
    expect(relata.Sequelize).toBe(relata.Relata);
  });

  it('export the class as default, carrying every named value export as Sequelize carries its statics', () => {
    expect(relata.default).toBe(relata.Relata);
    const onClass = relata.default as unknown as Record<string, unknown>;
    // The ones Sequelize has too; relata's own extras (decorators, migrations) are added to the class by the CommonJS build only.
    const sequelizeNames = ['Model', 'DataTypes', 'Op', 'QueryTypes', 'Transaction', 'QueryInterface', 'fn', 'col', 'literal', 'where', 'cast', 'json', 'and', 'or',
      'Deferrable', 'Utils', 'Error', 'BaseError', 'ValidationError', 'ValidationErrorItem', 'ConnectionRefusedError', 'OptimisticLockError', 'Sequelize'];
    for (const name of sequelizeNames) expect(onClass[name], name).toBe((relata as Record<string, unknown>)[name]);
    expect(onClass['STRING']).toBe(relata.DataTypes.STRING);
    expect(onClass['Relata']).toBe(relata.Relata);
    expect(onClass['default']).toBe(relata.Relata);
    expect(relata.Error).toBe(relata.BaseError);
  });
});
