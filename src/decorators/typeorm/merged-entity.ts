import { Model } from '../../index.js';
import { entityDecorations, type ColumnDecoration, type EntityDecorations, type ListenerKind } from './entity-decorations.js';

/** The decorations of an entity class and its ancestors, merged (subclass wins). @internal */
export interface MergedEntity {
  readonly entity: EntityDecorations['entity'];
  readonly columns: ReadonlyMap<string, ColumnDecoration>;
  readonly relations: EntityDecorations['relations'];
  readonly joinColumns: EntityDecorations['joinColumns'];
  readonly joinTables: EntityDecorations['joinTables'];
  readonly indexes: EntityDecorations['indexes'];
  readonly generated: EntityDecorations['generated'];
  /** The listener methods of each kind, base classes' first; a method decorated on two classes of the chain is called twice, as in TypeORM. */
  readonly listeners: ReadonlyMap<ListenerKind, readonly string[]>;
}

/** The merged decorations of `cls` (its base classes' columns included). @internal */
export function entityOf(cls: object): MergedEntity {
  const merged: MergedEntity = { entity: undefined, columns: new Map(), relations: new Map(), joinColumns: new Map(), joinTables: new Map(), indexes: [], generated: new Map(), listeners: new Map() };
  const listeners = merged.listeners as Map<ListenerKind, string[]>;
  let entity: EntityDecorations['entity'];
  for (const record of entityDecorations.chain(cls, Model)) {
    entity = record.entity ?? entity;
    merged.indexes.push(...record.indexes);
    for (const key of ['columns', 'relations', 'joinColumns', 'joinTables', 'generated'] as const) {
      for (const [name, value] of record[key]) (merged[key] as Map<string, unknown>).set(name, value);
    }
    for (const [kind, names] of record.listeners) listeners.set(kind, [...(listeners.get(kind) ?? []), ...names]);
  }
  return { ...merged, entity };
}
