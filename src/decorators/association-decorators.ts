import type { Association } from '../associations/association.js';
import type { BelongsToAssociation, BelongsToOptions } from '../associations/belongs-to.js';
import type { BelongsToManyAssociation, BelongsToManyOptions } from '../associations/belongs-to-many.js';
import type { HasManyAssociation } from '../associations/has-many.js';
import type { HasOneAssociation, HasOptions } from '../associations/has-one.js';
import type { Model } from '../model/model.js';
import type { ForeignKey as ForeignKeyBrand } from '../model/model-types.js';
import type { FieldDecorator } from './decorator-types.js';
import { attributeDecoration, type AssociationDecoration, type ClassThunk, type ThroughSpec } from './model-decorations.js';
import { memberRecord } from './record-decoration.js';

/** Options for `@BelongsTo`: the association options; `as` defaults to the property name. */
export type BelongsToDecoratorOptions = BelongsToOptions;
/** Options for `@HasOne` and `@HasMany`: the association options; `as` defaults to the property name. */
export type HasDecoratorOptions = HasOptions;
/** Options for `@BelongsToMany`: the association options, with `through` as a model thunk or table name. */
export type BelongsToManyDecoratorOptions = Omit<BelongsToManyOptions, 'through'> & { through: ThroughSpec };

/**
 * Sequelize's brand for a foreign key attribute (`declare userId: ForeignKey<number>`); the
 * decorator of the same name marks one.
 */
export type ForeignKey<T> = ForeignKeyBrand<T>;

/**
 * Marks the attribute that references `target`'s primary key; @BelongsTo, @HasMany, @HasOne and
 * @BelongsToMany find their keys through it.
 *
 * @example
 * @ForeignKey(() => Team) @Column teamId!: number
 */
export function ForeignKey(target: ClassThunk): FieldDecorator {
  return ((...args: unknown[]) => {
    const { record, site } = memberRecord('@ForeignKey', args);
    const attribute = attributeDecoration(record, site.name);
    attribute.foreignKeyTargets.push(target);
    attribute.designType ??= site.designType;
  }) as FieldDecorator;
}

function association(decorator: string, build: (property: string) => AssociationDecoration): FieldDecorator {
  return ((...args: unknown[]) => {
    const { record, site } = memberRecord(decorator, args);
    record.associations.push(build(site.name));
  }) as FieldDecorator;
}

function keyOptions<T extends { foreignKey?: unknown }>(options: string | T | undefined): T {
  return (typeof options === 'string' ? { foreignKey: options } : { ...(options ?? {}) }) as T;
}

/**
 * This model holds a foreign key to one `target` (`Post.belongsTo(User, { as: 'author' })`). The
 * key is the second argument, or the attribute marked @ForeignKey(() => User), or `<property>Id`.
 *
 * @example
 * @ForeignKey(() => User) @Column authorId!: number
 * @BelongsTo(() => User, { onDelete: 'CASCADE' }) author?: User
 */
export function BelongsTo(target: ClassThunk, foreignKeyOrOptions?: string | BelongsToDecoratorOptions): FieldDecorator {
  return association('@BelongsTo', (property) => ({ kind: 'belongsTo', property, target, options: keyOptions(foreignKeyOrOptions) }));
}

/**
 * One `target` holds a foreign key to this model. The key is the second argument, or the
 * target's @ForeignKey(() => ThisModel), or the key of its @BelongsTo back to this model.
 *
 * @example
 * @HasOne(() => Profile) profile?: Profile
 */
export function HasOne(target: ClassThunk, foreignKeyOrOptions?: string | HasDecoratorOptions): FieldDecorator {
  return association('@HasOne', (property) => ({ kind: 'hasOne', property, target, options: keyOptions(foreignKeyOrOptions) }));
}

/**
 * Many `target`s hold a foreign key to this model; keys are found as for @HasOne.
 *
 * @example
 * @HasMany(() => Post) posts?: Post[]
 * await User.findAll({ include: ['posts'] })
 */
export function HasMany(target: ClassThunk, foreignKeyOrOptions?: string | HasDecoratorOptions): FieldDecorator {
  return association('@HasMany', (property) => ({ kind: 'hasMany', property, target, options: keyOptions(foreignKeyOrOptions) }));
}

/**
 * Many-to-many through a junction: a model (whose @ForeignKey attributes give the keys) or a
 * table name.
 *
 * @example
 * @BelongsToMany(() => Book, () => BookAuthor) books?: Book[]
 * @BelongsToMany(() => Tag, 'post_tags', 'postId', 'tagId') tags?: Tag[]
 * @BelongsToMany(() => Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId' }) groups?: Group[]
 */
export function BelongsToMany(target: ClassThunk, through: ThroughSpec, foreignKey?: string, otherKey?: string): FieldDecorator;
export function BelongsToMany(target: ClassThunk, options: BelongsToManyDecoratorOptions): FieldDecorator;
export function BelongsToMany(target: ClassThunk, throughOrOptions: ThroughSpec | BelongsToManyDecoratorOptions, foreignKey?: string, otherKey?: string): FieldDecorator {
  const isOptions = typeof throughOrOptions === 'object' && 'through' in throughOrOptions;
  const { through, ...options } = isOptions
    ? throughOrOptions
    : { through: throughOrOptions, ...(foreignKey === undefined ? {} : { foreignKey }), ...(otherKey === undefined ? {} : { otherKey }) };
  return association('@BelongsToMany', (property) => ({ kind: 'belongsToMany', property, target, through, options }));
}

// Sequelize's association class names, as types beside the decorators of the same name:
// `other: HasOne` or `HasMany<User, Post>` is the association object `User.hasMany(Post)` returns.
/** The association object `belongsTo` returns. */
export type BelongsTo<S extends Model = Model, T extends Model = Model> = BelongsToAssociation & Association<S, T>;
/** The association object `hasOne` returns. */
export type HasOne<S extends Model = Model, T extends Model = Model> = HasOneAssociation & Association<S, T>;
/** The association object `hasMany` returns. */
export type HasMany<S extends Model = Model, T extends Model = Model> = HasManyAssociation & Association<S, T>;
/** The association object `belongsToMany` returns. */
export type BelongsToMany<S extends Model = Model, T extends Model = Model> = BelongsToManyAssociation & Association<S, T>;
