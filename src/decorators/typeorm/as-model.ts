import { DecoratorError, type AccessorFindOptions, type AccessorWriteOptions, type Model, type ModelStatic } from '../../index.js';
import type { AnyClass } from '../decorator-types.js';

type Primitive = string | number | boolean | bigint | Date | Buffer;

/**
 * The attributes of an entity: its fields holding column values. Methods and relation fields
 * (objects and arrays of entities) are left out.
 */
export type EntityAttributes<E> = {
  [K in keyof E as K extends string ? (E[K] extends (...args: never[]) => unknown ? never : [NonNullable<E[K]>] extends [never] ? K : NonNullable<E[K]> extends Primitive ? K : never) : never]: E[K];
};

/** The relation fields of an entity: those holding another entity (to-one) or an array of them (to-many). */
type RelationKey<E, K extends keyof E> = K extends string
  ? E[K] extends (...args: never[]) => unknown
    ? never
    : [NonNullable<E[K]>] extends [never]
      ? never
      : NonNullable<E[K]> extends Primitive
        ? never
        : NonNullable<E[K]> extends object
          ? K
          : never
  : never;
type ToManyKey<E, K extends keyof E> = RelationKey<E, K> extends never ? never : NonNullable<E[K]> extends readonly unknown[] ? K : never;
type ToOneKey<E, K extends keyof E> = RelationKey<E, K> extends never ? never : NonNullable<E[K]> extends readonly unknown[] ? never : K;
type Element<T> = T extends readonly (infer U)[] ? U : T;

/**
 * The association accessors relata adds for each relation field, under the names derived from the
 * field (`posts` → `getPosts`, `countPosts`, `addPosts`…; `author` → `getAuthor`, `setAuthor`,
 * `createAuthor`). Only the names spelled with the field itself are listed: the singular forms
 * (`addPost`) come from English inflection, which types cannot reproduce faithfully.
 */
export type EntityAccessors<E> = {
  [K in keyof E as ToManyKey<E, K> extends never ? never : `get${Capitalize<K & string>}`]: (
    options?: AccessorFindOptions<EntityAttributes<Element<NonNullable<E[K]>>>>,
  ) => Promise<EntityModel<Element<NonNullable<E[K]>>>[]>;
} & {
  [K in keyof E as ToManyKey<E, K> extends never ? never : `count${Capitalize<K & string>}`]: (options?: AccessorFindOptions) => Promise<number>;
} & {
  [K in keyof E as ToManyKey<E, K> extends never ? never : `set${Capitalize<K & string>}` | `add${Capitalize<K & string>}` | `remove${Capitalize<K & string>}`]: (
    targets?: readonly (Element<NonNullable<E[K]>> | number | string)[] | null,
    options?: AccessorWriteOptions,
  ) => Promise<void>;
} & {
  [K in keyof E as ToManyKey<E, K> extends never ? never : `has${Capitalize<K & string>}`]: (
    targets: readonly (Element<NonNullable<E[K]>> | number | string)[],
    options?: AccessorFindOptions,
  ) => Promise<boolean>;
} & {
  [K in keyof E as ToOneKey<E, K> extends never ? never : `get${Capitalize<K & string>}`]: (
    options?: AccessorFindOptions<EntityAttributes<NonNullable<E[K]>>>,
  ) => Promise<EntityModel<NonNullable<E[K]>> | null>;
} & {
  [K in keyof E as ToOneKey<E, K> extends never ? never : `set${Capitalize<K & string>}`]: (
    target: NonNullable<E[K]> | number | string | null,
    options?: AccessorWriteOptions,
  ) => Promise<unknown>;
} & {
  [K in keyof E as ToOneKey<E, K> extends never ? never : `create${Capitalize<K & string>}`]: (
    values?: Partial<EntityAttributes<NonNullable<E[K]>>>,
    options?: AccessorWriteOptions,
  ) => Promise<EntityModel<NonNullable<E[K]>>>;
};

/** The model instance type of an entity: its own members, Model's instance API and its association accessors. */
export type EntityModel<E> = E & Model<EntityAttributes<E>, Partial<EntityAttributes<E>>> & EntityAccessors<E>;

/** The model class type of an entity: `findAll`, `create`, `include` by property name… */
export type EntityStatic<E> = ModelStatic<EntityModel<E>>;

/**
 * The registered entity class, typed as the relata model it became: an entity declared with
 * `@Entity()` has no base class in TypeScript's eyes, so its static API needs this view.
 * Creation attributes are all optional, as in TypeORM's `repository.create()`.
 *
 * @example
 * new Relata('sqlite::memory:', { models: [User, Post] })
 * const users = await asModel(User).findAll({ include: ['posts'], where: { username: 'ada' } })
 * users[0].posts[0].title
 */
export function asModel<E extends object>(entity: AnyClass<E>): EntityStatic<E> {
  let registered = false;
  try {
    registered = typeof entity === 'function' && (entity as unknown as { definition?: unknown }).definition !== undefined;
  } catch {
    registered = false;
  }
  if (!registered) throw DecoratorError.notRegistered((entity as { name?: string } | undefined)?.name ?? String(entity));
  return entity as unknown as EntityStatic<E>;
}
