// relata/typeorm: TypeORM-style decorators. They only record metadata; registering the classes
// on a connection (models option, addModels, RelataModule.forFeature) makes them relata models.
// Everything from the core comes through '../../index.js', which the package build maps to
// 'relata' itself, so this entry never carries a second copy of Model.
export { Entity } from './entity.js';
export { Column, PrimaryColumn, PrimaryGeneratedColumn, CreateDateColumn, UpdateDateColumn, DeleteDateColumn, VersionColumn } from './column-decorators.js';
export { OneToOne, OneToMany, ManyToOne, ManyToMany } from './relation-decorators.js';
export type { InverseSide, Relation } from './relation-decorators.js';
export { JoinColumn, JoinTable } from './join-decorators.js';
export { Index, Unique, Generated } from './index-decorators.js';
export type { IndexOptions } from './index-decorators.js';
export {
  BeforeInsert, AfterInsert, BeforeUpdate, AfterUpdate, BeforeRemove, AfterRemove,
  BeforeSoftRemove, AfterSoftRemove, BeforeRecover, AfterRecover, AfterLoad,
} from './listener-decorators.js';
export type { ListenerDecorator } from './listener-decorators.js';
export { asModel } from './as-model.js';
export type { EntityAccessors, EntityAttributes, EntityModel, EntityStatic } from './as-model.js';
export type { ColumnOptions, ColumnType, ColumnTypeName, EntityOptions, RelationOptions, JoinColumnOptions, JoinTableOptions, ListenerKind } from './entity-decorations.js';
export type { FieldDecorator, ClassDecoratorFunction } from '../decorator-types.js';
export { Tree, TreeChildren, TreeParent, TreeLevelColumn } from './unsupported-decorators.js';
