import type { Model } from './model.js';

declare const nonAttributeBrand: unique symbol;
declare const creationOptionalBrand: unique symbol;
declare const foreignKeyBrand: unique symbol;

/**
 * Marks a class member that is not an attribute (an association, a helper), so `InferAttributes`
 * leaves it out.
 *
 * @example
 * class User extends Model<InferAttributes<User>> { declare posts?: NonAttribute<Post[]> }
 */
export type NonAttribute<T> = T | (T & { [nonAttributeBrand]?: true });

/**
 * Marks an attribute that may be omitted at creation (it has a default, or is generated).
 *
 * @example
 * declare id: CreationOptional<number>
 */
export type CreationOptional<T> = T extends null | undefined ? T : T & { [creationOptionalBrand]?: true };

/**
 * Marks a foreign key attribute added by an association; optional at creation.
 *
 * @example
 * declare userId: ForeignKey<User['id']>
 */
export type ForeignKey<T> = T extends null | undefined ? T : T & { [foreignKeyBrand]?: true };

type IsBranded<T, Brand extends symbol> = [Extract<T, { [K in Brand]?: true }>] extends [never] ? false : true;

type AttributeKeys<M, Omit extends keyof M = never> = {
  [K in keyof M]-?: K extends Omit | keyof Model
    ? never
    : M[K] extends (...args: never[]) => unknown
      ? never
      : IsBranded<M[K], typeof nonAttributeBrand> extends true
        ? never
        : K extends symbol
          ? never
          : K;
}[keyof M];

/** Options for InferAttributes: `omit` drops more keys. */
export interface InferAttributesOptions<Excluded> {
  omit?: Excluded;
}

/**
 * The attributes of a model class, read off its declared fields.
 *
 * @example
 * class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> { declare name: string }
 */
export type InferAttributes<M extends Model, Options extends InferAttributesOptions<keyof M | never> = { omit: never }> = {
  [K in AttributeKeys<M, Options['omit'] extends keyof M ? Options['omit'] : never>]: M[K];
};

type OptionalCreationKeys<M> = {
  [K in keyof M]-?: IsBranded<M[K], typeof creationOptionalBrand> extends true
    ? K
    : IsBranded<M[K], typeof foreignKeyBrand> extends true
      ? K
      : undefined extends M[K]
        ? K
        : never;
}[keyof M];

/**
 * The attributes accepted by `create`, with `CreationOptional`, `ForeignKey` and nullable fields optional.
 *
 * @example
 * User.create({ name: 'ada' }) // id and timestamps optional
 */
export type InferCreationAttributes<M extends Model, Options extends InferAttributesOptions<keyof M | never> = { omit: never }> = {
  [K in Exclude<AttributeKeys<M, Options['omit'] extends keyof M ? Options['omit'] : never>, OptionalCreationKeys<M>>]: M[K];
} & {
  [K in Extract<AttributeKeys<M, Options['omit'] extends keyof M ? Options['omit'] : never>, OptionalCreationKeys<M>>]?: M[K];
};

/** The attributes type of a model instance type. */
export type Attributes<M extends Model> = M['_attributes'];

/** The creation attributes type of a model instance type, nullish fields optional. */
export type CreationAttributes<M extends Model> = MakeNullishOptional<M['_creationAttributes']>;

/** Makes every key whose type accepts null or undefined optional. */
export type MakeNullishOptional<T extends object> = {
  [K in keyof T as null extends T[K] ? never : undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as null extends T[K] ? K : undefined extends T[K] ? K : never]?: T[K];
};
