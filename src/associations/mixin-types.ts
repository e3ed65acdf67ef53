import type { Model } from '../model/model.js';
import type { Attributes, CreationAttributes } from '../model/model-types.js';
import type { AccessorFindOptions, AccessorWriteOptions } from './association.js';

// Sequelize 6's association mixin types, so models typed for Sequelize compile unchanged.
// Declare them on the model: `declare getPosts: HasManyGetAssociationsMixin<Post>`.

/** Options for a to-one getter. */
export type SingleGetOptions<T extends Model = Model> = AccessorFindOptions<Attributes<T>>;
/** Options for writes through an accessor. */
export type AccessorOptions = AccessorWriteOptions;

/** `post.getUser()`. */
export type BelongsToGetAssociationMixin<T extends Model> = (options?: SingleGetOptions<T>) => Promise<T | null>;
/** `post.setUser(user | id | null)`. */
export type BelongsToSetAssociationMixin<T extends Model, TPrimaryKey> = (newAssociation?: T | TPrimaryKey | null, options?: AccessorOptions) => Promise<void>;
/** `post.createUser({ … })`. */
export type BelongsToCreateAssociationMixin<T extends Model> = (values?: CreationAttributes<T>, options?: AccessorOptions) => Promise<T>;

/** `user.getProfile()`. */
export type HasOneGetAssociationMixin<T extends Model> = (options?: SingleGetOptions<T>) => Promise<T | null>;
/** `user.setProfile(profile | id | null)`. */
export type HasOneSetAssociationMixin<T extends Model, TPrimaryKey> = (newAssociation?: T | TPrimaryKey | null, options?: AccessorOptions) => Promise<T | null>;
/** `user.createProfile({ … })`. */
export type HasOneCreateAssociationMixin<T extends Model> = (values?: Omit<CreationAttributes<T>, never>, options?: AccessorOptions) => Promise<T>;

/** `user.getPosts()`. */
export type HasManyGetAssociationsMixin<T extends Model> = (options?: AccessorFindOptions<Attributes<T>>) => Promise<T[]>;
/** `user.countPosts()`. */
export type HasManyCountAssociationsMixin = (options?: AccessorFindOptions) => Promise<number>;
/** `user.hasPost(post | id)`. */
export type HasManyHasAssociationMixin<T extends Model, TPrimaryKey> = (target: T | TPrimaryKey, options?: AccessorFindOptions<Attributes<T>>) => Promise<boolean>;
/** `user.hasPosts([post | id])`. */
export type HasManyHasAssociationsMixin<T extends Model, TPrimaryKey> = (targets: (T | TPrimaryKey)[], options?: AccessorFindOptions<Attributes<T>>) => Promise<boolean>;
/** `user.setPosts([post | id])`. */
export type HasManySetAssociationsMixin<T extends Model, TPrimaryKey> = (newAssociations?: (T | TPrimaryKey)[] | null, options?: AccessorOptions) => Promise<void>;
/** `user.addPost(post | id)`. */
export type HasManyAddAssociationMixin<T extends Model, TPrimaryKey> = (newAssociation?: T | TPrimaryKey, options?: AccessorOptions) => Promise<void>;
/** `user.addPosts([post | id])`. */
export type HasManyAddAssociationsMixin<T extends Model, TPrimaryKey> = (newAssociations?: (T | TPrimaryKey)[], options?: AccessorOptions) => Promise<void>;
/** `user.removePost(post | id)`. */
export type HasManyRemoveAssociationMixin<T extends Model, TPrimaryKey> = (oldAssociated?: T | TPrimaryKey, options?: AccessorOptions) => Promise<void>;
/** `user.removePosts([post | id])`. */
export type HasManyRemoveAssociationsMixin<T extends Model, TPrimaryKey> = (oldAssociateds?: (T | TPrimaryKey)[], options?: AccessorOptions) => Promise<void>;
/** `user.createPost({ … })`. */
// Sequelize's arity: the second and third parameters name the keys the association fills in
// (the foreign key, scope keys), which the values may then leave out.
export type HasManyCreateAssociationMixin<
  T extends Model,
  TForeignKey extends keyof CreationAttributes<T> = never,
  TScope extends keyof CreationAttributes<T> = never,
> = (values?: Partial<Omit<CreationAttributes<T>, TForeignKey | TScope>>, options?: AccessorOptions) => Promise<T>;

/** A link with its own junction values (relata's per-link form). */
export interface ThroughLink<T, TPrimaryKey, TThrough = Record<string, unknown>> {
  target: T | TPrimaryKey;
  through?: Partial<TThrough>;
}

/** `user.getGroups()`. */
export type BelongsToManyGetAssociationsMixin<T extends Model> = (options?: AccessorFindOptions<Attributes<T>>) => Promise<T[]>;
/** `user.countGroups()`. */
export type BelongsToManyCountAssociationsMixin = (options?: AccessorFindOptions) => Promise<number>;
/** `user.hasGroup(group | id)`. */
export type BelongsToManyHasAssociationMixin<T extends Model, TPrimaryKey> = (target: T | TPrimaryKey, options?: AccessorFindOptions<Attributes<T>>) => Promise<boolean>;
/** `user.hasGroups([group | id])`. */
export type BelongsToManyHasAssociationsMixin<T extends Model, TPrimaryKey> = (targets: (T | TPrimaryKey)[], options?: AccessorFindOptions<Attributes<T>>) => Promise<boolean>;
/** `user.setGroups([group | id | { target, through }])`. */
export type BelongsToManySetAssociationsMixin<T extends Model, TPrimaryKey> = (newAssociations?: (T | TPrimaryKey | ThroughLink<T, TPrimaryKey>)[] | null, options?: AccessorOptions) => Promise<void>;
/** `user.addGroup(group | id, { through })`. */
export type BelongsToManyAddAssociationMixin<T extends Model, TPrimaryKey> = (newAssociation?: T | TPrimaryKey | ThroughLink<T, TPrimaryKey>, options?: AccessorOptions) => Promise<void>;
/** `user.addGroups([group | id | { target, through }])`. */
export type BelongsToManyAddAssociationsMixin<T extends Model, TPrimaryKey> = (newAssociations?: (T | TPrimaryKey | ThroughLink<T, TPrimaryKey>)[], options?: AccessorOptions) => Promise<void>;
/** `user.removeGroup(group | id)`. */
export type BelongsToManyRemoveAssociationMixin<T extends Model, TPrimaryKey> = (oldAssociated?: T | TPrimaryKey, options?: AccessorOptions) => Promise<void>;
/** `user.removeGroups([group | id])`. */
export type BelongsToManyRemoveAssociationsMixin<T extends Model, TPrimaryKey> = (oldAssociateds?: (T | TPrimaryKey)[], options?: AccessorOptions) => Promise<void>;
/** `user.createGroup({ … }, { through })`. */
export type BelongsToManyCreateAssociationMixin<T extends Model> = (values?: Partial<CreationAttributes<T>>, options?: AccessorOptions) => Promise<T>;
