import type { AnyClass, FieldDecorator } from '../decorator-types.js';
import { designTypeName } from '../decorator-call.js';
import type { RelationKind, RelationOptions } from './entity-decorations.js';
import { entityMemberRecord } from './entity-record.js';

/**
 * TypeORM's wrapper for relation property types, for ESM entity files that import each other:
 * with emitDecoratorMetadata, `user: User` makes the compiled class read `User` while it is
 * defined (a circular import may not have evaluated it yet); `user: Relation<User>` does not.
 *
 * @example
 * @ManyToOne(() => User, (user) => user.posts) user: Relation<User>
 */
export type Relation<T> = T;

/** The inverse side of a relation: the property on the target, by name or as `post => post.user`. */
export type InverseSide<T> = string | ((object: T) => unknown);

function relation<T>(decorator: string, kind: RelationKind, target: () => AnyClass<T>, inverseOrOptions: InverseSide<T> | RelationOptions | undefined, maybeOptions: RelationOptions | undefined): FieldDecorator {
  const hasInverse = typeof inverseOrOptions === 'string' || typeof inverseOrOptions === 'function';
  const inverse = hasInverse ? (inverseOrOptions as InverseSide<T>) : undefined;
  const options = { ...((hasInverse ? maybeOptions : (inverseOrOptions as RelationOptions | undefined)) ?? {}) };
  return ((...args: unknown[]) => {
    const { record, site } = entityMemberRecord(decorator, args);
    // As TypeORM: a property typed `Promise<T>` is a lazy relation without `lazy: true`.
    const lazy = options.lazy ?? designTypeName(site.designType)?.toLowerCase() === 'promise';
    record.relations.set(site.name, { kind, decorator, target, inverse: inverse as string | ((object: never) => unknown) | undefined, options: { ...options, lazy } });
  }) as FieldDecorator;
}

/**
 * One-to-one. The side with `@JoinColumn()` holds the foreign key (a belongsTo); the other side
 * names it as its inverse (a hasOne).
 *
 * @example
 * @OneToOne(() => Profile, (profile) => profile.user) @JoinColumn() profile: Profile
 * @OneToOne(() => User, (user) => user.profile) user: User
 */
export function OneToOne<T>(target: () => AnyClass<T>, options?: RelationOptions): FieldDecorator;
export function OneToOne<T>(target: () => AnyClass<T>, inverseSide: InverseSide<T>, options?: RelationOptions): FieldDecorator;
export function OneToOne<T>(target: () => AnyClass<T>, inverseOrOptions?: InverseSide<T> | RelationOptions, options?: RelationOptions): FieldDecorator {
  return relation('@OneToOne', 'one-to-one', target, inverseOrOptions, options);
}

/**
 * One-to-many: the inverse of a @ManyToOne on the target, whose join column it uses (a hasMany).
 *
 * @example
 * @OneToMany(() => Post, (post) => post.user) posts: Post[]
 * await asModel(User).findAll({ include: ['posts'] })
 */
export function OneToMany<T>(target: () => AnyClass<T>, inverseSide: InverseSide<T>, options?: RelationOptions): FieldDecorator {
  return relation('@OneToMany', 'one-to-many', target, inverseSide, options);
}

/**
 * Many-to-one: this entity holds the foreign key (`<property>Id` unless @JoinColumn names it), a
 * belongsTo. Nullable unless `nullable: false`.
 *
 * @example
 * @ManyToOne(() => User, (user) => user.posts, { onDelete: 'CASCADE' }) user: User
 */
export function ManyToOne<T>(target: () => AnyClass<T>, options?: RelationOptions): FieldDecorator;
export function ManyToOne<T>(target: () => AnyClass<T>, inverseSide: InverseSide<T>, options?: RelationOptions): FieldDecorator;
export function ManyToOne<T>(target: () => AnyClass<T>, inverseOrOptions?: InverseSide<T> | RelationOptions, options?: RelationOptions): FieldDecorator {
  return relation('@ManyToOne', 'many-to-one', target, inverseOrOptions, options);
}

/**
 * Many-to-many. The side with `@JoinTable()` owns the junction table; the other side names it
 * as its inverse. Both become belongsToMany over the same junction.
 *
 * @example
 * @ManyToMany(() => Category, (category) => category.questions) @JoinTable() categories: Category[]
 * @ManyToMany(() => Question, (question) => question.categories) questions: Question[]
 */
export function ManyToMany<T>(target: () => AnyClass<T>, options?: RelationOptions): FieldDecorator;
export function ManyToMany<T>(target: () => AnyClass<T>, inverseSide: InverseSide<T>, options?: RelationOptions): FieldDecorator;
export function ManyToMany<T>(target: () => AnyClass<T>, inverseOrOptions?: InverseSide<T> | RelationOptions, options?: RelationOptions): FieldDecorator {
  return relation('@ManyToMany', 'many-to-many', target, inverseOrOptions, options);
}
