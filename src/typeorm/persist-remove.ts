// Repository.remove(), softRemove() and recover(): the entities given, and the related entities they
// hold whose relation cascades 'remove', 'soft-remove' or 'recover', written by primary key.
import { InvalidOptionError } from '../index.js';
import { callName } from './criteria.js';
import type { ListenerKind } from '../decorators/typeorm/entity-decorations.js';
import { callListeners } from './listeners.js';
import { isObject, keyOf, keyWhere, metaOf, relationValue, type CascadeKind, type EntityMeta } from './persist-metadata.js';
import { assign, markSaved, type WriteScope } from './persist-save.js';

export type RemoveMode = 'remove' | 'softRemove' | 'recover';

type Entity = Record<string, unknown>;

const CASCADE: Record<RemoveMode, CascadeKind> = { remove: 'remove', softRemove: 'soft-remove', recover: 'recover' };
/** TypeORM's listeners of each mode, before and after the writes. */
const LISTENERS: Record<RemoveMode, readonly [ListenerKind, ListenerKind]> = {
  remove: ['beforeRemove', 'afterRemove'],
  softRemove: ['beforeSoftRemove', 'afterSoftRemove'],
  recover: ['beforeRecover', 'afterRecover'],
};

interface Target {
  readonly meta: EntityMeta;
  readonly entity: Entity;
}

/** The entities to write, dependents (children holding a key to the entity) before what they reference. */
function collect(meta: EntityMeta, entity: Entity, mode: RemoveMode, seen: Set<object>, out: Target[]): void {
  if (seen.has(entity)) return;
  seen.add(entity);
  const cascaded = (kind: 'BelongsTo' | 'HasOne' | 'HasMany' | 'BelongsToMany'): { meta: EntityMeta; entities: Entity[] }[] =>
    [...meta.relations.values()]
      .filter((relation) => relation.kind === kind && relation.cascade.has(CASCADE[mode]))
      .map((relation) => {
        const value = relationValue(entity, relation.property);
        return { meta: metaOf(relation.target), entities: (Array.isArray(value) ? value : [value]).filter(isObject) };
      });
  for (const group of [...cascaded('HasMany'), ...cascaded('HasOne')]) for (const child of group.entities) collect(group.meta, child, mode, seen, out);
  out.push({ meta, entity });
  for (const group of [...cascaded('BelongsTo'), ...cascaded('BelongsToMany')]) for (const related of group.entities) collect(group.meta, related, mode, seen, out);
}

/** Writes the graph of `entities` for `mode`; the caller holds the transaction. @internal */
export async function removeGraph(meta: EntityMeta, entities: readonly Entity[], mode: RemoveMode, scope: WriteScope): Promise<void> {
  const targets: Target[] = [];
  const seen = new Set<object>();
  for (const entity of entities) collect(meta, entity, mode, seen, targets);
  const options = { ...(scope.transaction === undefined ? {} : { transaction: scope.transaction }), hooks: scope.hooks };
  const [before, after] = LISTENERS[mode];
  if (scope.hooks) {
    // In the order TypeORM finds them: each entity given, then the ones it cascades to.
    const byEntity = new Map(targets.map((target) => [target.entity as object, target]));
    const found = [...seen].map((entity) => byEntity.get(entity)).filter((target) => target !== undefined);
    await callListeners(before, found.map(({ meta: target, entity }) => ({ model: target.model, entity })));
  }
  const now = new Date();
  for (const { meta: target, entity } of targets) {
    if (keyOf(target, entity) === undefined) {
      throw InvalidOptionError.expected(callName(target, mode), `the ${target.name}`, `an entity with its ${target.pks.join(' and ')} (a saved or loaded entity)`, entity);
    }
    const where = keyWhere(target, entity);
    const model = target.model.unscoped();
    if (mode === 'remove') {
      // Junction rows go with the entity, whichever side of the many-to-many it is on.
      for (const relation of target.relations.values()) {
        if (relation.kind !== 'BelongsToMany') continue;
        const association = relation.association;
        await association.through.model.unscoped().destroy({ where: { [association.foreignKey]: entity[association.sourceKey] }, ...options } as never);
      }
      await model.destroy({ where, force: true, ...options } as never);
      continue;
    }
    const deletedAt = target.deletedAt;
    if (deletedAt === undefined) {
      throw InvalidOptionError.expected(callName(target, mode), 'the entity', `an entity with a @DeleteDateColumn() (${target.name} has none)`, target.name);
    }
    const values: Entity = { [deletedAt]: mode === 'softRemove' ? now : null };
    if (target.updatedAt !== undefined) values[target.updatedAt] = now;
    await model.update(values as never, { where, paranoid: false, ...options } as never);
    for (const [column, value] of Object.entries(values)) assign(entity, column, value);
    for (const column of target.nullable) if (entity[column] === undefined && column !== deletedAt) assign(entity, column, null);
    markSaved(entity);
  }
  // TypeORM leaves removed entities without their primary key.
  if (mode === 'remove') for (const { meta: target, entity } of targets) for (const key of target.pks) assign(entity, key, undefined);
  if (scope.hooks) await callListeners(after, targets.map(({ meta: target, entity }) => ({ model: target.model, entity })));
}
