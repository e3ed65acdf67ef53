import { DecoratorError, type Model, type ModelStatic } from '../../index.js';
import type { AnyClass } from '../decorator-types.js';

type Primitive = string | number | boolean | bigint | Date | Buffer;

/**
 * The attributes of an entity: its fields holding column values. Methods and relation fields
 * (objects and arrays of entities) are left out.
 */
export type EntityAttributes<E> = {
  [K in keyof E as K extends string ? (E[K] extends (...args: never[]) => unknown ? never : [NonNullable<E[K]>] extends [never] ? K : NonNullable<E[K]> extends Primitive ? K : never) : never]: E[K];
};

/** The model instance type of an entity: its own members plus Model's instance API. */
export type EntityModel<E> = E & Model<EntityAttributes<E>, Partial<EntityAttributes<E>>>;

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
