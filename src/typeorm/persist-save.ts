// Repository.save(): TypeORM's persistence of an entity graph. Each entity is inserted when it has
// no primary key or its row is absent, else its changed columns are updated; related entities follow
// each relation's `cascade` option (many-to-one first, so their keys fill the join columns;
// one-to-many, one-to-one inverse and many-to-many after), a one-to-many child left out of its
// parent's array is handled by its `orphanedRowAction`, and a many-to-many array given is the new
// set of junction rows. The caller runs all of it in one transaction.
import { InvalidOptionError, Model, Op, type ModelStatic, type Transaction } from '../index.js';
import { callName } from './criteria.js';
import { isObject, metaOf, type CascadeKind, type EntityMeta, type RelationMeta } from './persist-metadata.js';

type Row = Record<string, unknown>;
type Entity = Record<string, unknown>;

/** The options every statement of one save, remove, softRemove or recover runs with. @internal */
export interface WriteScope {
  readonly transaction: Transaction | undefined;
  /** relata hooks, TypeORM's `listeners` option. */
  readonly hooks: boolean;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof Date || b instanceof Date) {
    const time = (value: unknown): number => (value instanceof Date ? value.getTime() : new Date(value as string).getTime());
    return time(a) === time(b);
  }
  if (typeof a === 'number' || typeof b === 'number') return a !== null && b !== null && a !== undefined && b !== undefined && Number(a) === Number(b);
  if (typeof a === 'boolean' || typeof b === 'boolean') return a !== null && b !== null && Boolean(Number(a)) === Boolean(Number(b));
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** A relata instance written by this layer: its values are now the saved state. */
export function markSaved(entity: object): void {
  if (!(entity instanceof Model)) return;
  entity.isNewRecord = false;
  for (const key of entity.changed() || []) entity.changed(key, false);
  entity._previousDataValues = { ...entity.dataValues };
}

/** Sets a property the way the entity takes it (a relata instance through its attribute setter). */
export function assign(entity: object, key: string, value: unknown): void {
  (entity as Entity)[key] = value;
}

function allows(relation: RelationMeta, kind: CascadeKind): boolean {
  return relation.cascade.has(kind);
}

/** One save: the entities written so far (a graph may reach one twice), and the rows loaded. */
export class SaveRun {
  readonly #scope: WriteScope;
  readonly #visited = new Set<object>();
  /** Rows by primary key per model, loaded for the entities of one call in one query. */
  readonly #loaded = new Map<ModelStatic<Model>, Map<string, Row>>();

  constructor(scope: WriteScope) {
    this.#scope = scope;
  }

  get #options(): { transaction?: Transaction; hooks: boolean } {
    return this.#scope.transaction === undefined ? { hooks: this.#scope.hooks } : { transaction: this.#scope.transaction, hooks: this.#scope.hooks };
  }

  /** Loads the rows of the entities given at the top, one query for all of them. */
  async preload(meta: EntityMeta, entities: readonly Entity[]): Promise<void> {
    const keys = entities.map((entity) => entity[meta.pk]).filter((key) => key !== undefined && key !== null);
    if (keys.length === 0) return;
    const rows = (await meta.model.unscoped().findAll({ where: { [meta.pk]: { [Op.in]: keys } }, raw: true, paranoid: false, ...this.#options } as never)) as unknown as Row[];
    const byKey = this.#loaded.get(meta.model) ?? new Map<string, Row>();
    for (const row of rows) byKey.set(String(row[meta.pk]), row);
    for (const key of keys) if (!byKey.has(String(key))) byKey.set(String(key), NO_ROW);
    this.#loaded.set(meta.model, byKey);
  }

  async #rowOf(meta: EntityMeta, key: unknown): Promise<Row | undefined> {
    const cached = this.#loaded.get(meta.model)?.get(String(key));
    if (cached !== undefined) return cached === NO_ROW ? undefined : cached;
    const row = (await meta.model.unscoped().findOne({ where: { [meta.pk]: key }, raw: true, paranoid: false, ...this.#options } as never)) as unknown as Row | null;
    return row ?? undefined;
  }

  /** Saves `entity` as a `meta` entity; `link` holds join columns a parent sets (its one-to-many key). */
  async save(meta: EntityMeta, entity: Entity, link: Row = {}): Promise<void> {
    if (this.#visited.has(entity)) return;
    this.#visited.add(entity);
    const values: Row = {};
    // Many-to-one first: a new parent gets its key before this row references it.
    for (const relation of meta.relations.values()) {
      if (relation.kind !== 'BelongsTo') continue;
      const related = entity[relation.property];
      if (related === undefined) continue;
      if (related === null) {
        values[relation.association.foreignKey] = null;
        continue;
      }
      if (!isObject(related)) continue;
      const target = metaOf(relation.target);
      const key = related[target.pk];
      if ((key === undefined || key === null ? allows(relation, 'insert') : allows(relation, 'update')) && !this.#visited.has(related)) await this.save(target, related);
      const referenced = related[relation.association.targetKey];
      if (referenced !== undefined) values[relation.association.foreignKey] = referenced;
    }
    for (const column of meta.columns) {
      const value = entity[column];
      if (value !== undefined) values[column] = value;
    }
    Object.assign(values, link);
    const key = values[meta.pk];
    const row = key === undefined || key === null ? undefined : await this.#rowOf(meta, key);
    if (row === undefined) await this.#insert(meta, entity, values);
    else await this.#update(meta, entity, values, row);
    markSaved(entity);
    for (const relation of meta.relations.values()) {
      const related = entity[relation.property];
      if (related === undefined) continue;
      if (relation.kind === 'HasMany' || relation.kind === 'HasOne') await this.#saveChildren(meta, entity, relation, related, row !== undefined);
      else if (relation.kind === 'BelongsToMany') await this.#saveJunction(meta, entity, relation, related, row !== undefined);
    }
  }

  async #insert(meta: EntityMeta, entity: Entity, values: Row): Promise<void> {
    if (values[meta.pk] === null) delete values[meta.pk];
    const created = await meta.model.create(values as never, { ...this.#options, returning: true });
    // TypeORM fills the generated key, defaults and dates in, and null in nullable columns left out.
    for (const column of meta.columns) {
      if (entity[column] !== undefined && entity[column] !== null) continue;
      const value = created.get(column);
      if (value !== undefined && value !== null) assign(entity, column, value);
      else if (entity[column] === undefined && meta.nullable.includes(column)) assign(entity, column, null);
    }
  }

  async #update(meta: EntityMeta, entity: Entity, values: Row, row: Row): Promise<void> {
    const changed: Row = {};
    for (const [key, value] of Object.entries(values)) {
      if (key === meta.pk || key === meta.createdAt || key === meta.updatedAt) continue;
      if (!sameValue(value, row[key])) changed[key] = value;
    }
    if (Object.keys(changed).length > 0) {
      if (meta.updatedAt !== undefined) changed[meta.updatedAt] = new Date();
      await meta.model.unscoped().update(changed as never, { where: { [meta.pk]: row[meta.pk] }, paranoid: false, ...this.#options } as never);
      if (meta.updatedAt !== undefined) assign(entity, meta.updatedAt, changed[meta.updatedAt]);
      // As TypeORM does after an UPDATE: nullable columns left out read null (the delete date aside).
      for (const column of meta.nullable) if (entity[column] === undefined && column !== meta.deletedAt) assign(entity, column, null);
    }
  }

  /** One-to-many and the inverse side of a one-to-one: children take the parent's key. */
  async #saveChildren(meta: EntityMeta, entity: Entity, relation: Extract<RelationMeta, { kind: 'HasMany' | 'HasOne' }>, related: unknown, existed: boolean): Promise<void> {
    const association = relation.association;
    const target = metaOf(relation.target);
    const parentKey = entity[association.sourceKey];
    const children = (relation.kind === 'HasMany' ? (Array.isArray(related) ? related : []) : related === null ? [] : [related]).filter(isObject);
    const link = { [association.foreignKey]: parentKey };
    const linkOnly: unknown[] = [];
    for (const child of children) {
      const key = child[target.pk];
      const isNew = key === undefined || key === null;
      if (isNew ? allows(relation, 'insert') : allows(relation, 'update')) await this.save(target, child, link);
      else if (!isNew && !this.#visited.has(child)) linkOnly.push(key);
    }
    const model = target.model.unscoped();
    if (linkOnly.length > 0) {
      // Without cascade a child with a key is linked, not otherwise written.
      await model.update({ [association.foreignKey]: parentKey } as never, {
        where: { [target.pk]: { [Op.in]: linkOnly }, [Op.or]: [{ [association.foreignKey]: { [Op.ne]: parentKey } }, { [association.foreignKey]: null }] },
        paranoid: false,
        ...this.#options,
      } as never);
    }
    if (!existed || relation.orphan === 'disable') return;
    const kept = children.map((child) => child[target.pk]).filter((key) => key !== undefined && key !== null);
    const where = { [association.foreignKey]: parentKey, ...(kept.length > 0 ? { [target.pk]: { [Op.notIn]: kept } } : {}) };
    if (relation.orphan === 'delete') await model.destroy({ where, force: true, ...this.#options } as never);
    else if (relation.orphan === 'soft-delete' && target.deletedAt !== undefined) await model.destroy({ where, ...this.#options } as never);
    else await model.update({ [association.foreignKey]: null } as never, { where, paranoid: false, ...this.#options } as never);
  }

  /** Many-to-many: the array given is the new set of links (TypeORM diffs it against the junction). */
  async #saveJunction(meta: EntityMeta, entity: Entity, relation: Extract<RelationMeta, { kind: 'BelongsToMany' }>, related: unknown, existed: boolean): Promise<void> {
    if (!Array.isArray(related)) return;
    const association = relation.association;
    const target = metaOf(relation.target);
    const wanted: unknown[] = [];
    for (const item of related.filter(isObject)) {
      const key = item[target.pk];
      const isNew = key === undefined || key === null;
      if ((isNew ? allows(relation, 'insert') : allows(relation, 'update')) && !this.#visited.has(item)) await this.save(target, item);
      const linked = item[association.targetKey];
      if (linked !== undefined && linked !== null && !wanted.some((known) => sameValue(known, linked))) wanted.push(linked);
    }
    const source = entity[association.sourceKey];
    const through = association.through.model.unscoped();
    const current = existed
      ? ((await through.findAll({ where: { [association.foreignKey]: source }, attributes: [association.otherKey], raw: true, ...this.#options } as never)) as unknown as Row[]).map((row) => row[association.otherKey])
      : [];
    const added = wanted.filter((key) => !current.some((known) => sameValue(known, key)));
    const removed = current.filter((key) => !wanted.some((known) => sameValue(known, key)));
    if (removed.length > 0) {
      await through.destroy({ where: { [association.foreignKey]: source, [association.otherKey]: { [Op.in]: removed } }, ...this.#options } as never);
    }
    if (added.length > 0) {
      await through.bulkCreate(added.map((key) => ({ [association.foreignKey]: source, [association.otherKey]: key })) as never, this.#options as never);
    }
  }
}

const NO_ROW: Row = Object.freeze({}) as Row;

/** An entity argument of save, remove, softRemove or recover: a plain object or an instance of the repository's entity. */
export function entityArgument(meta: EntityMeta, value: unknown, method: string): Entity {
  const prototype = isObject(value) ? (Object.getPrototypeOf(value) as object | null) : undefined;
  if (prototype === null || prototype === Object.prototype || value instanceof meta.model) return value as Entity;
  const given = isObject(value) ? `an instance of ${(value.constructor as { name?: string } | undefined)?.name ?? 'another class'}` : value;
  throw InvalidOptionError.expected(callName(meta, method), 'each entity', `a ${meta.name} (from create(), new ${meta.name}() or a find) or a plain object of its properties (${meta.properties.join(', ')})`, given);
}
