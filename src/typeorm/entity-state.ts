import { Model } from '../index.js';
import { assignedLazyValues } from '../decorators/typeorm/lazy-relation.js';
import { startRecordState } from '../decorators/typeorm/record-state.js';

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
    startRecordState(entity);
    for (const [key, value] of moved) if (value !== undefined) self[key] = value;
  }
  forEachRelated(entity, (related) => adoptEntity(related, seen));
}

/** Calls `visit` with each related object held in an instance's relations (read from its values: a lazy relation's property would load it). */
function forEachRelated(entity: Model, visit: (related: object) => void): void {
  const values = entity.dataValues as Values | undefined;
  if (values === undefined) return;
  for (const alias of Object.keys((entity.constructor as typeof Model).associations)) {
    const related = values[alias];
    if (Array.isArray(related)) for (const one of related) if (one !== null && typeof one === 'object') visit(one);
    if (related !== null && typeof related === 'object' && !Array.isArray(related)) visit(related);
  }
}

/**
 * Waits for the promises assigned to lazy relations anywhere in the graph (`post.author =
 * Promise.resolve(user)`, as TypeORM code sets them), so a write reads the values they settle to.
 * @internal
 */
export async function settleLazyAssignments(entities: readonly object[]): Promise<void> {
  for (;;) {
    const pending: Promise<unknown>[] = [];
    const seen = new Set<object>();
    const walk = (entity: object): void => {
      if (seen.has(entity) || !(entity instanceof Model)) return;
      seen.add(entity);
      pending.push(...assignedLazyValues(entity));
      forEachRelated(entity, walk);
    };
    for (const entity of entities) walk(entity);
    if (pending.length === 0) return;
    await Promise.all(pending);
  }
}
