import { AssociationError } from '../errors/association-error.js';

/** The association accessor verbs sequelize-typescript's `$`-methods reach. */
export type AccessorVerb = 'get' | 'set' | 'add' | 'remove' | 'has' | 'count' | 'create';

/**
 * Calls the accessor `<verb><Property>` of an instance (`$get('posts')` → `getPosts()`,
 * `$add('tag', t)` → `addTag(t)`), as sequelize-typescript's Model does: the property is the
 * association name, singular or plural as the accessor wants. An unknown one rejects with an
 * AssociationError listing the model's associations.
 * @internal
 */
export function callAccessor(instance: object, verb: AccessorVerb, property: string, args: readonly unknown[]): Promise<unknown> {
  const accessor = `${verb}${property.charAt(0).toUpperCase()}${property.slice(1)}`;
  const fn = (instance as Record<string, unknown>)[accessor];
  if (typeof fn !== 'function') {
    const model = instance.constructor as { name: string; associations?: Record<string, unknown> };
    return Promise.reject(AssociationError.noAccessor(model.name, `$${verb}`, property, accessor, Object.keys(model.associations ?? {})));
  }
  return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(instance, [...args]));
}
