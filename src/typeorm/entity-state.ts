import { Model } from '../index.js';

type Values = Record<string, unknown>;

/** Whether `key` is an accessor (an attribute or a relation) on the prototype chain below Model. */
function hidesAccessor(prototype: object | null, key: string): boolean {
  for (let p = prototype; p !== null && p !== Model.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(p, key);
    if (descriptor) return descriptor.get !== undefined || descriptor.set !== undefined;
  }
  return false;
}

/**
 * An entity built with `new User()` (and filled by assignment or `Object.assign`) never went
 * through Model's constructor. Values set through the prototype accessors already started its
 * state; class fields its constructor defined as own properties (`useDefineForClassFields`) hide
 * those accessors, so they are moved through them here. Then the entity is a new record like one
 * from `repository.create()`. Related entities are adopted too.
 * @internal
 */
export function adoptEntity(entity: object, seen: Set<object> = new Set()): void {
  if (seen.has(entity) || !(entity instanceof Model)) return;
  seen.add(entity);
  const self = entity as unknown as Values;
  if ((entity.dataValues as object | undefined) === undefined) {
    const prototype = Object.getPrototypeOf(entity) as object;
    const moved: [string, unknown][] = [];
    for (const key of Object.keys(entity)) {
      if (!hidesAccessor(prototype, key)) continue;
      moved.push([key, self[key]]);
      delete self[key];
    }
    // A setter starts the state (ensureRecordState); an entity given no value at all starts it here.
    if ((entity.dataValues as object | undefined) === undefined) Object.assign(entity, { dataValues: {}, _previousDataValues: {}, _changed: new Set(), isNewRecord: true, _options: { isNewRecord: true, raw: false } });
    for (const [key, value] of moved) if (value !== undefined) self[key] = value;
  }
  for (const alias of Object.keys((entity.constructor as typeof Model).associations)) {
    const related = self[alias];
    if (Array.isArray(related)) for (const one of related) if (one !== null && typeof one === 'object') adoptEntity(one, seen);
    if (related !== null && typeof related === 'object' && !Array.isArray(related)) adoptEntity(related, seen);
  }
}
