// The sequelize-typescript-style decorators, re-exported by src/index.ts. They only record
// metadata; `relata.addModels()` turns it into Model.init and associations.
export { Table } from './table.js';
export type { TableOptions } from './table.js';
export { Column } from './column.js';
export type { ColumnOptions } from './column.js';
export { PrimaryKey, AutoIncrement, AllowNull, Default, Unique, Comment, CreatedAt, UpdatedAt, DeletedAt } from './attribute-decorators.js';
export { ForeignKey, BelongsTo, HasOne, HasMany, BelongsToMany } from './association-decorators.js';
export type { BelongsToDecoratorOptions, HasDecoratorOptions, BelongsToManyDecoratorOptions } from './association-decorators.js';
export { Scopes, DefaultScope } from './scope-decorators.js';
export {
  BeforeValidate, AfterValidate, ValidationFailed, BeforeCreate, AfterCreate, BeforeDestroy, AfterDestroy, BeforeRestore, AfterRestore,
  BeforeUpdate, AfterUpdate, BeforeSave, AfterSave, BeforeUpsert, AfterUpsert, BeforeBulkCreate, AfterBulkCreate, BeforeBulkDestroy,
  AfterBulkDestroy, BeforeBulkRestore, AfterBulkRestore, BeforeBulkUpdate, AfterBulkUpdate, BeforeFind, AfterFind, BeforeCount,
  BeforeSync, AfterSync,
  BeforeFindAfterExpandIncludeAll, BeforeFindAfterOptions, BeforeBulkSync, AfterBulkSync, BeforeDefine, AfterDefine, BeforeInit, AfterInit,
  BeforeConnect, AfterConnect,
} from './hook-decorators.js';
export type { HookDecorator } from './hook-decorators.js';
export { DataType } from './data-type.js';
export { Index, createIndexDecorator } from './index-decorators.js';
export type { IndexDecorator, SharedIndexDecorator, IndexDecoratorOptions, IndexDecoratorIndexOptions, IndexFieldOptions } from './index-decorators.js';
export {
  Is, Not, Length, Min, Max, IsIn, NotIn, Contains, NotContains, Equals, IsAfter, IsBefore, IsUUID, NotEmpty, Validate, Validator, IsEmail, IsUrl,
  IsIP, IsIPv4, IsIPv6, IsAlpha, IsAlphanumeric, IsNumeric, IsInt, IsFloat, IsDecimal, IsLowercase, IsUppercase, IsDate, IsCreditCard, IsNull,
  IsArray, NotNull,
} from './validation-decorators.js';
export type { BareRule, RuleArgument, PatternArgument, ValidatorDecorator } from './validation-decorators.js';
export type { ClassThunk, ThroughSpec, ScopesSpec } from './model-decorations.js';
export type { FieldDecorator, StaticMethodDecorator, ClassDecoratorFunction, AnyClass } from './decorator-types.js';
