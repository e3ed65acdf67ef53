// Shared by 'relata' and 'relata/typeorm' (separate bundles): no core imports here. The queue
// lives in one WeakMap on globalThis, so a sequelize-style model and a TypeORM-style entity can
// target each other whichever bundle registered them.

/** A relation declared by decorators, waiting until every class it involves is registered. @internal */
export interface PendingRelation {
  /** `User.posts → Post`, for messages. */
  readonly description: string;
  /** The classes that must be registered on the connection first (thunks, so imports may be circular). */
  readonly requires: readonly (() => unknown)[];
  /** Declares the association. */
  define(): void;
}

/** What the queue needs to know about a connection. @internal */
interface ConnectionLike {
  readonly models: Readonly<Record<string, unknown>>;
}

const QUEUES_KEY = Symbol.for('relata.decorators.pendingRelations');
type Queues = WeakMap<object, PendingRelation[]>;

function queues(): Queues {
  const holder = globalThis as { [QUEUES_KEY]?: Queues };
  holder[QUEUES_KEY] ??= new WeakMap();
  return holder[QUEUES_KEY];
}

/** True when `cls` is a model registered on `relata`. @internal */
export function isRegisteredOn(relata: ConnectionLike, cls: unknown): boolean {
  return typeof cls === 'function' && Object.values(relata.models).includes(cls);
}

/** Queues relations of a model that was just registered. @internal */
export function queueRelations(relata: ConnectionLike, relations: readonly PendingRelation[]): void {
  const all = queues();
  const queue = all.get(relata) ?? [];
  queue.push(...relations);
  all.set(relata, queue);
}

/**
 * Declares every queued relation whose classes are all registered, in the order they were
 * queued, until none is left that can be. Errors from a declaration propagate (to addModels).
 * @internal
 */
export function settleRelations(relata: ConnectionLike): void {
  const queue = queues().get(relata);
  if (!queue) return;
  for (let i = 0; i < queue.length; ) {
    const relation = queue[i] as PendingRelation;
    if (relation.requires.every((thunk) => isRegisteredOn(relata, thunk()))) {
      queue.splice(i, 1);
      relation.define();
      i = 0;
    } else {
      i++;
    }
  }
}

/** The relations still waiting for a class to be registered on `relata`. @internal */
export function pendingRelations(relata: object): readonly string[] {
  return (queues().get(relata) ?? []).map((r) => r.description);
}
