// TypeORM's lazy relations (`lazy: true`, or a property typed `Promise<T>`): the property is a
// promise of the related entities, loaded on first access and kept. relata loads it for every
// entity of the result the entity came from in one statement (the entities joined to the
// relation, by primary key), so the same lazy relation read in a loop over a result set is one
// query where TypeORM runs one per entity. As TypeORM, the related entities hold their declared
// columns; a many-to-one's join column need not be one.
import { Op, type Model } from '../../index.js';
import { entityOf } from './merged-entity.js';
import { startRecordState } from './record-state.js';

type ModelClass = typeof Model;
type Values = Record<string, unknown>;

/** What a lazy load reads of the relation's association. */
interface LazyAssociation {
  readonly associationType: 'BelongsTo' | 'HasOne' | 'HasMany' | 'BelongsToMany';
  readonly target: ModelClass;
  readonly foreignKey: string;
  readonly sourceKey: string;
  readonly targetKey: string;
}

interface Lazy {
  dataValues: Values | undefined;
  isNewRecord?: boolean;
  _options?: object;
}

/** One load for a group of entities, and the write epoch it saw. */
interface Batch {
  readonly epoch: number;
}

/** Per entity, the lazy relations being loaded or assigned a promise, by property. */
const loading = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * The promises assigned to `entity`'s lazy relations that have not settled yet (`post.author =
 * Promise.resolve(user)`), and loads under way: save() waits for them before it reads relations.
 * @internal
 */
export function assignedLazyValues(entity: object): Promise<unknown>[] {
  const pending = loading.get(entity);
  return pending === undefined ? [] : [...pending.values()];
}

/** What runs on entities a lazy load read (relata/typeorm sets it to call their @AfterLoad() listeners). */
let loadedHook: ((model: ModelClass, entities: readonly object[]) => Promise<void>) | undefined;

/**
 * Sets what runs on the entities each lazy load reads, before the promise resolves.
 * @internal
 */
export function onLazyLoad(hook: (model: ModelClass, entities: readonly object[]) => Promise<void>): void {
  loadedHook = hook;
}

/** Keys per statement when a result set is large. */
const KEYS_PER_LOAD = 1000;

/**
 * Makes `property` of `source` a lazy relation: reading it gives a promise of the loaded value
 * (the one `relations` or an assignment put there, else loaded once); assigning a value or a
 * promise of one sets it.
 * @internal
 */
export function defineLazyRelation(source: ModelClass, property: string, multi: boolean): void {
  const empty = (): unknown => (multi ? [] : null);
  /** Entities whose value a load for another entity of their result filled, not read yet. */
  const unserved = new WeakMap<object, Batch>();

  const track = (self: object, promise: Promise<unknown>): void => {
    let pending = loading.get(self);
    if (pending === undefined) loading.set(self, (pending = new Map()));
    pending.set(property, promise);
  };
  const settle = (self: object, promise: Promise<unknown>): void => {
    const pending = loading.get(self);
    if (pending?.get(property) === promise) pending.delete(property);
  };
  const store = (self: Lazy, value: unknown): void => {
    // An entity built with `new` has no state until its first value is set: this one starts it.
    startRecordState(self);
    (self.dataValues as Values)[property] = value;
  };

  /** Loads the relation of `group` (entities of one class with a primary key) in statements of KEYS_PER_LOAD keys. */
  const load = async (group: readonly Model[]): Promise<void> => {
    // Defined with the relation, before this accessor.
    const association = (source.associations as Record<string, LazyAssociation>)[property] as LazyAssociation;
    const target = association.target;
    const declared = [...entityOf(target).columns.keys()].filter((name) => target.definition.attributes.has(name));
    for (let start = 0; start < group.length; start += KEYS_PER_LOAD) {
      const chunk = group.slice(start, start + KEYS_PER_LOAD);
      const values = await (association.associationType === 'HasMany' || association.associationType === 'HasOne'
        ? byTargetKey(association, chunk, declared, association.sourceKey, association.foreignKey)
        : association.associationType === 'BelongsTo' && chunk.every((one) => (one.dataValues as Values)[association.foreignKey] !== undefined)
          ? byTargetKey(association, chunk, declared, association.foreignKey, association.targetKey)
          : joined(chunk, declared));
      chunk.forEach((one, index) => store(one, values[index] ?? empty()));
      if (loadedHook !== undefined) {
        const loaded = values.flatMap((value) => (Array.isArray(value) ? (value as object[]) : value !== null && typeof value === 'object' ? [value] : []));
        await loadedHook(target, loaded);
      }
    }
  };

  /**
   * The related rows read from the target alone, matched on `targetColumn` by each entity's
   * `ownColumn` (a one-to-many's foreign key holds the entity's key; a many-to-one's join column
   * holds the target's). A column the target does not declare is read for the match and dropped.
   * The target's eager relations load with it, as TypeORM's do.
   */
  const byTargetKey = async (association: LazyAssociation, chunk: readonly Model[], declared: readonly string[], ownColumn: string, targetColumn: string): Promise<unknown[]> => {
    const target = association.target;
    const keys = [...new Set(chunk.map((one) => (one.dataValues as Values)[ownColumn]).filter((key) => key !== null && key !== undefined))];
    const hidden = declared.length > 0 && !declared.includes(targetColumn);
    const rows: readonly Model[] = keys.length === 0
      ? []
      : ((await target.findAll({ where: { [targetColumn]: { [Op.in]: keys } }, ...(declared.length > 0 ? { attributes: hidden ? [...declared, targetColumn] : [...declared] } : {}) } as never)) as unknown as readonly Model[]);
    const byKey = new Map<string, Model[]>();
    for (const row of rows) {
      const values = row.dataValues as Values;
      const key = String(values[targetColumn]);
      if (hidden) {
        delete values[targetColumn];
        delete (row._previousDataValues as Values)[targetColumn];
      }
      const list = byKey.get(key);
      if (list === undefined) byKey.set(key, [row]);
      else list.push(row);
    }
    return chunk.map((one) => {
      const found = byKey.get(String((one.dataValues as Values)[ownColumn])) ?? [];
      return multi ? found : (found[0] ?? null);
    });
  };

  /** The related rows read joined to the entities by primary key (a many-to-many, or a many-to-one whose join column was not read). */
  const joined = async (chunk: readonly Model[], declared: readonly string[]): Promise<unknown[]> => {
    const pks = source.primaryKeyAttributes as readonly string[];
    const keyOf = (values: Values): string => pks.map((pk) => String(values[pk])).join('\u0000');
    const where =
      pks.length === 1
        ? { [pks[0] as string]: { [Op.in]: chunk.map((one) => (one.dataValues as Values)[pks[0] as string]) } }
        : { [Op.or]: chunk.map((one) => Object.fromEntries(pks.map((pk) => [pk, (one.dataValues as Values)[pk]]))) };
    const rows = await source.unscoped().findAll({
      attributes: [...pks],
      where,
      paranoid: false,
      include: [{ association: property, ...(declared.length > 0 ? { attributes: declared } : {}) }],
    } as never);
    const byKey = new Map<string, unknown>();
    for (const row of rows) byKey.set(keyOf(row.dataValues as Values), (row.dataValues as Values)[property]);
    return chunk.map((one) => byKey.get(keyOf(one.dataValues as Values)) ?? empty());
  };

  Object.defineProperty(source.prototype, property, {
    configurable: true,
    enumerable: false,
    get(this: Lazy): Promise<unknown> {
      const pending = loading.get(this)?.get(property);
      if (pending !== undefined) {
        unserved.delete(this);
        return pending;
      }
      const batch = unserved.get(this);
      if (batch !== undefined) unserved.delete(this);
      const loaded = this.dataValues?.[property];
      // A value loaded with the rest of the result is kept, unless something was written since.
      if (loaded !== undefined && (batch === undefined || batch.epoch === source.sequelize.writeEpoch)) return Promise.resolve(loaded);
      // An entity not saved yet has no related rows to read.
      if (this.dataValues === undefined || this.isNewRecord === true) return Promise.resolve(empty());
      const self = this as unknown as Model;
      const siblings = batch === undefined ? (this._options as { siblings?: readonly unknown[] } | undefined)?.siblings : undefined;
      const group = [self];
      if (siblings !== undefined) {
        for (const other of siblings) {
          if (other === self || !(other instanceof source) || other.isNewRecord || (other.dataValues as Values | undefined)?.[property] !== undefined) continue;
          if (loading.get(other)?.has(property) === true) continue;
          group.push(other);
        }
      }
      const epoch = source.sequelize.writeEpoch;
      const promise = load(group);
      for (const other of group) {
        const mine: Promise<unknown> = promise.then(
          () => {
            settle(other, mine);
            return (other.dataValues as Values)[property];
          },
          (error: unknown) => {
            settle(other, mine);
            throw error;
          },
        );
        if (other !== self) {
          unserved.set(other, { epoch });
          // A sibling read while the load runs shares it; one never read must not leave an unhandled rejection.
          mine.catch(() => undefined);
        }
        track(other, mine);
      }
      return loading.get(this)?.get(property) as Promise<unknown>;
    },
    set(this: Lazy, value: unknown) {
      unserved.delete(this);
      if (value instanceof Promise) {
        const promise: Promise<unknown> = value.then((resolved: unknown) => {
          if (loading.get(this)?.get(property) === promise) {
            store(this, resolved);
            settle(this, promise);
          }
          return resolved;
        });
        track(this, promise);
        return;
      }
      loading.get(this)?.delete(property);
      store(this, value);
    },
  });
}
