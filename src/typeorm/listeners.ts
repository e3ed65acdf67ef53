// TypeORM's entity listeners (@BeforeInsert() … @AfterLoad()): the entity's decorated methods,
// called with `this` = the entity object. As in TypeORM, only on instances of the entity class (a
// plain object given to save() has no methods to call), every call made before the promises they
// return are awaited together.
import { InvalidOptionError, type Model, type ModelStatic } from '../index.js';
import type { ListenerKind } from '../decorators/typeorm/entity-decorations.js';
import { entityOf } from '../decorators/typeorm/merged-entity.js';
import { relationsOf } from './entity-metadata.js';
import { onLazyLoad } from '../decorators/typeorm/lazy-relation.js';
import { isObject, relationValue } from './persist-metadata.js';

type EntityModel = ModelStatic<Model>;

const NONE: readonly string[] = [];
const LISTENERS = new WeakMap<object, ReadonlyMap<ListenerKind, readonly string[]>>();
/** Whether a find of the model can reach an entity with @AfterLoad() listeners (itself or through relations). */
const LOADS = new WeakMap<object, boolean>();

/** The listener methods of one kind of an entity model, its base classes' included. @internal */
export function listenersOf(model: EntityModel, kind: ListenerKind): readonly string[] {
  let listeners = LISTENERS.get(model);
  if (listeners === undefined) {
    listeners = entityOf(model).listeners;
    LISTENERS.set(model, listeners);
  }
  return listeners.get(kind) ?? NONE;
}

/** An entity and the model it is written or loaded as. @internal */
export interface ListenedEntity {
  readonly model: EntityModel;
  readonly entity: object;
}

/**
 * Calls the `kind` listeners of each entity (in order, each entity's methods in declaration
 * order), then awaits the promises they returned.
 * @internal
 */
export async function callListeners(kind: ListenerKind, targets: Iterable<ListenedEntity>): Promise<void> {
  const promises: Promise<unknown>[] = [];
  for (const { model, entity } of targets) collect(kind, model, entity, promises);
  if (promises.length > 0) await Promise.all(promises);
}

function collect(kind: ListenerKind, model: EntityModel, entity: object, promises: Promise<unknown>[]): void {
  const names = listenersOf(model, kind);
  if (names.length === 0 || !(entity instanceof model)) return;
  for (const name of names) call(kind, model, name, entity, promises);
}

function call(kind: ListenerKind, model: EntityModel, name: string, entity: object, promises: Promise<unknown>[]): void {
  const method = (entity as unknown as Record<string, unknown>)[name];
  if (typeof method !== 'function') throw InvalidOptionError.expected(`${model.name}.${name}`, `the ${kind} listener`, 'a method of the entity', method);
  const result: unknown = (method as (this: object) => unknown).call(entity);
  if (result instanceof Promise) promises.push(result);
}

/** Whether loading `model` can call an @AfterLoad() listener: its own, or a related entity's at any depth. @internal */
export function loadsListeners(model: EntityModel): boolean {
  const known = LOADS.get(model);
  if (known !== undefined) return known;
  // A search over the relation graph (cycles included), cached for the model it started from.
  const seen = new Set<EntityModel>([model]);
  const queue: EntityModel[] = [model];
  let reaches = false;
  for (let next = queue.shift(); next !== undefined && !reaches; next = queue.shift()) {
    if (listenersOf(next, 'afterLoad').length > 0) reaches = true;
    for (const relation of relationsOf(next).values()) {
      if (seen.has(relation.target)) continue;
      seen.add(relation.target);
      queue.push(relation.target);
    }
  }
  LOADS.set(model, reaches);
  return reaches;
}

/**
 * Calls @AfterLoad() on loaded entities and the related entities they hold, related ones first, as
 * TypeORM does after a find.
 * @internal
 */
export async function afterLoad(model: EntityModel, entities: readonly object[]): Promise<void> {
  if (entities.length === 0 || !loadsListeners(model)) return;
  const promises: Promise<unknown>[] = [];
  visitLoaded(model, entities, promises);
  if (promises.length > 0) await Promise.all(promises);
}

function visitLoaded(model: EntityModel, entities: readonly object[], promises: Promise<unknown>[]): void {
  if (!loadsListeners(model)) return;
  for (const relation of relationsOf(model).values()) {
    if (!loadsListeners(relation.target)) continue;
    for (const entity of entities) {
      const value = relationValue(entity, relation.name);
      if (Array.isArray(value)) visitLoaded(relation.target, value.filter(isObject), promises);
      else if (isObject(value)) visitLoaded(relation.target, [value], promises);
    }
  }
  for (const name of listenersOf(model, 'afterLoad')) {
    for (const entity of entities) if (entity instanceof model) call('afterLoad', model, name, entity, promises);
  }
}

// Entities a lazy relation reads get their @AfterLoad() listeners too, as TypeORM's do.
onLazyLoad((model, entities) => afterLoad(model as unknown as EntityModel, entities));
