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
  'literal',
  'where',
  // errors
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
});
