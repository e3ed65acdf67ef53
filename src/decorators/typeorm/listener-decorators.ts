import { DecoratorError } from '../../index.js';
import type { ListenerKind } from './entity-decorations.js';
import { entityMemberRecord } from './entity-record.js';

/**
 * A decorator for an entity method, in either decorator mode: legacy `(prototype, name, descriptor)`
 * or standard `(method, context)`.
 */
export interface ListenerDecorator {
  (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor): void;
  <This, Value extends (this: This, ...args: any) => any>(value: Value, context: ClassMethodDecoratorContext<This, Value>): void; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function listener(kind: ListenerKind, decorator: string): ListenerDecorator {
  return ((...args: unknown[]) => {
    const { record, site } = entityMemberRecord(decorator, args);
    if (site.isStatic) throw new DecoratorError(`${decorator} on static ${site.name}: entity listeners are instance methods (TypeORM calls them with this = the entity)`);
    const names = record.listeners.get(kind) ?? [];
    names.push(site.name);
    record.listeners.set(kind, names);
  }) as ListenerDecorator;
}

/**
 * Calls the method before `save()` inserts the entity; what it sets is written.
 *
 * @example
 * @BeforeInsert() hashPassword() { this.password = hash(this.password) }
 */
export function BeforeInsert(): ListenerDecorator {
  return listener('beforeInsert', '@BeforeInsert()');
}

/**
 * Calls the method after `save()` inserted the entity (its generated key is set).
 *
 * @example
 * @AfterInsert() announce() { events.emit('created', this.id) }
 */
export function AfterInsert(): ListenerDecorator {
  return listener('afterInsert', '@AfterInsert()');
}

/**
 * Calls the method before `save()` updates the entity, when it has changes; what it sets is written.
 *
 * @example
 * @BeforeUpdate() touch() { this.slug = slugify(this.title) }
 */
export function BeforeUpdate(): ListenerDecorator {
  return listener('beforeUpdate', '@BeforeUpdate()');
}

/**
 * Calls the method after `save()` updated the entity.
 *
 * @example
 * @AfterUpdate() announce() { events.emit('updated', this.id) }
 */
export function AfterUpdate(): ListenerDecorator {
  return listener('afterUpdate', '@AfterUpdate()');
}

/**
 * Calls the method before `remove()` deletes the entity.
 *
 * @example
 * @BeforeRemove() check() { if (this.locked) throw new Error('locked') }
 */
export function BeforeRemove(): ListenerDecorator {
  return listener('beforeRemove', '@BeforeRemove()');
}

/**
 * Calls the method after `remove()` deleted the entity (its primary key is already unset, as in TypeORM).
 *
 * @example
 * @AfterRemove() announce() { events.emit('removed', this.name) }
 */
export function AfterRemove(): ListenerDecorator {
  return listener('afterRemove', '@AfterRemove()');
}

/**
 * Calls the method before `softRemove()` sets the entity's delete date.
 *
 * @example
 * @BeforeSoftRemove() archive() { this.archivedBy = currentUser() }
 */
export function BeforeSoftRemove(): ListenerDecorator {
  return listener('beforeSoftRemove', '@BeforeSoftRemove()');
}

/**
 * Calls the method after `softRemove()` set the entity's delete date.
 *
 * @example
 * @AfterSoftRemove() announce() { events.emit('archived', this.id) }
 */
export function AfterSoftRemove(): ListenerDecorator {
  return listener('afterSoftRemove', '@AfterSoftRemove()');
}

/**
 * Calls the method before `recover()` clears the entity's delete date.
 *
 * @example
 * @BeforeRecover() check() { if (this.purged) throw new Error('purged') }
 */
export function BeforeRecover(): ListenerDecorator {
  return listener('beforeRecover', '@BeforeRecover()');
}

/**
 * Calls the method after `recover()` cleared the entity's delete date.
 *
 * @example
 * @AfterRecover() announce() { events.emit('restored', this.id) }
 */
export function AfterRecover(): ListenerDecorator {
  return listener('afterRecover', '@AfterRecover()');
}

/**
 * Calls the method on every entity a `find*` loads, related entities included.
 *
 * @example
 * @AfterLoad() derive() { this.fullName = `${this.first} ${this.last}` }
 */
export function AfterLoad(): ListenerDecorator {
  return listener('afterLoad', '@AfterLoad()');
}
