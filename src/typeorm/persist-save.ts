// Repository.save(): TypeORM's persistence of an entity graph. Each entity is inserted when it has
// no primary key or its row is absent, else its changed columns are updated; related entities follow
// each relation's `cascade` option (many-to-one first, so their keys fill the join columns;
// one-to-many, one-to-one inverse and many-to-many after), a one-to-many child left out of its
// parent's array is handled by its `orphanedRowAction`, and a many-to-many array given is the new
// set of junction rows. The caller runs all of it in one transaction.
import { InvalidOptionError, Model, Op, UnsupportedError, type ModelStatic, type Transaction } from '../index.js';
import { callName } from './criteria.js';
import { adoptEntity } from './entity-state.js';
import { callListeners, listenersOf, type ListenedEntity } from './listeners.js';
import { isObject, keyOf, keysWhere, keyWhere, metaOf, relationValue, type CascadeKind, type EntityMeta, type RelationMeta } from './persist-metadata.js';

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

type HasRelation = Extract<RelationMeta, { kind: 'HasMany' | 'HasOne' }>;
type ManyRelation = Extract<RelationMeta, { kind: 'BelongsToMany' }>;

/** An entity of one batch: the values its row gets (its own and the `link` a parent sets), and whether that row existed. */
interface Pending {
  readonly entity: Entity;
  readonly link: Row;
  values: Row;
  row: Row | undefined;
}

/** Whether the entity has no primary key yet (every key column of a composite key counts). @internal */
export function isNew(meta: EntityMeta, entity: Entity): boolean {
  return keyOf(meta, entity) === undefined;
}

/**
 * One save: the entities written so far (a graph may reach one twice) and the rows loaded. It
 * works level by level: the entities of one level are looked up in one query and the new ones
 * inserted in one statement; their related entities form the next levels.
 */
export class SaveRun {
  readonly #scope: WriteScope;
  readonly #visited = new Set<object>();
  /** Rows by primary key per model, looked up once for a whole level. */
  readonly #loaded = new Map<ModelStatic<Model>, Map<string, Row>>();
  /** The entities inserted and updated, for the after-listeners. */
  readonly #insertedEntities: ListenedEntity[] = [];
  readonly #updatedEntities: ListenedEntity[] = [];

  constructor(scope: WriteScope) {
    this.#scope = scope;
  }

  get #options(): { transaction?: Transaction; hooks: boolean } {
    return this.#scope.transaction === undefined ? { hooks: this.#scope.hooks } : { transaction: this.#scope.transaction, hooks: this.#scope.hooks };
  }

  /** Looks the rows of these values' primary keys up in one query (the ones not known yet). */
  async #lookup(meta: EntityMeta, values: readonly Row[]): Promise<void> {
    const byKey = this.#loaded.get(meta.model) ?? new Map<string, Row>();
    this.#loaded.set(meta.model, byKey);
    const unknown = new Map<string, Row>();
    for (const one of values) {
      const key = keyOf(meta, one);
      if (key !== undefined && !byKey.has(key)) unknown.set(key, one);
    }
    if (unknown.size === 0) return;
    const rows = (await meta.model.unscoped().findAll({ where: keysWhere(meta, [...unknown.values()]), raw: true, paranoid: false, ...this.#options } as never)) as unknown as Row[];
    for (const row of rows) byKey.set(keyOf(meta, row) as string, row);
    for (const key of unknown.keys()) if (!byKey.has(key)) byKey.set(key, NO_ROW);
  }

  #rowOf(meta: EntityMeta, values: Row): Row | undefined {
    const key = keyOf(meta, values);
    if (key === undefined) return undefined;
    const row = this.#loaded.get(meta.model)?.get(key);
    return row === undefined || row === NO_ROW ? undefined : row;
  }

  /**
   * Saves `entities` as `meta` entities; `links[i]` holds join columns a parent sets on the i-th
   * (its one-to-many key).
   */
  async save(meta: EntityMeta, entities: readonly Entity[], links: readonly Row[] = []): Promise<void> {
    const batch: { entity: Entity; link: Row }[] = [];
    entities.forEach((entity, index) => {
      if (this.#visited.has(entity)) return;
      this.#visited.add(entity);
      batch.push({ entity, link: links[index] ?? {} });
    });
    if (batch.length === 0) return;
    // Many-to-one first: new parents get their keys before these rows reference them.
    for (const relation of meta.relations.values()) {
      if (relation.kind !== 'BelongsTo') continue;
      const target = metaOf(relation.target);
      const related = batch.map(({ entity }) => relationValue(entity, relation.property)).filter(isObject);
      const cascaded = related.filter((one) => allows(relation, isNew(target, one) ? 'insert' : 'update'));
      if (cascaded.length > 0) await this.save(target, cascaded);
    }
    const pending: Pending[] = batch.map(({ entity, link }) => ({ entity, link, values: { ...this.#valuesOf(meta, entity), ...link }, row: undefined }));
    await this.#lookup(meta, pending.map(({ values }) => values));
    for (const one of pending) one.row = this.#rowOf(meta, one.values);
    if (this.#scope.hooks) await this.#beforeWrite(meta, pending);
    const inserts = pending.filter((one) => one.row === undefined);
    if (inserts.length > 0) await this.#insert(meta, inserts);
    const afterInsert = this.#scope.hooks && listenersOf(meta.model, 'afterInsert').length > 0;
    const afterUpdate = this.#scope.hooks && listenersOf(meta.model, 'afterUpdate').length > 0;
    for (const one of pending) {
      if (one.row === undefined) {
        if (afterInsert) this.#insertedEntities.push({ model: meta.model, entity: one.entity });
      } else if ((await this.#update(meta, one.entity, one.values, one.row)) && afterUpdate) this.#updatedEntities.push({ model: meta.model, entity: one.entity });
      markSaved(one.entity);
    }
    for (const relation of meta.relations.values()) {
      const holding = pending.filter(({ entity }) => relationValue(entity, relation.property) !== undefined);
      if (holding.length === 0) continue;
      if (relation.kind === 'HasMany' || relation.kind === 'HasOne') await this.#saveChildren(relation, holding);
      else if (relation.kind === 'BelongsToMany') await this.#saveJunction(relation, holding);
    }
  }

  /**
   * TypeORM's @BeforeInsert() on the entities to insert, @BeforeUpdate() on those with changes;
   * their values are read again, so what a listener sets is written.
   */
  async #beforeWrite(meta: EntityMeta, pending: Pending[]): Promise<void> {
    const inserting = listenersOf(meta.model, 'beforeInsert').length > 0 ? pending.filter((one) => one.row === undefined) : [];
    const updating = listenersOf(meta.model, 'beforeUpdate').length > 0 ? pending.filter((one) => one.row !== undefined && Object.keys(this.#changes(meta, one.values, one.row)).length > 0) : [];
    if (inserting.length === 0 && updating.length === 0) return;
    await callListeners('beforeInsert', inserting.map(({ entity }) => ({ model: meta.model, entity })));
    await callListeners('beforeUpdate', updating.map(({ entity }) => ({ model: meta.model, entity })));
    for (const one of [...inserting, ...updating]) one.values = { ...this.#valuesOf(meta, one.entity), ...one.link };
  }

  /** TypeORM's @AfterInsert() and @AfterUpdate() on the entities this run wrote; called once the whole graph is saved. */
  async after(): Promise<void> {
    if (!this.#scope.hooks) return;
    await callListeners('afterInsert', this.#insertedEntities);
    await callListeners('afterUpdate', this.#updatedEntities);
  }

  /** The row values of an entity: its columns, and the join columns of its many-to-one relations. */
  #valuesOf(meta: EntityMeta, entity: Entity): Row {
    const values: Row = {};
    for (const relation of meta.relations.values()) {
      if (relation.kind !== 'BelongsTo') continue;
      const related = relationValue(entity, relation.property);
      if (related === null) values[relation.association.foreignKey] = null;
      else if (isObject(related) && related[relation.association.targetKey] !== undefined) values[relation.association.foreignKey] = related[relation.association.targetKey];
    }
    for (const column of meta.columns) {
      const value = entity[column];
      if (value !== undefined) values[column] = value;
    }
    return values;
  }

  /** Inserts the new rows of a level: one statement per run of entities giving the same columns (most often one). */
  async #insert(meta: EntityMeta, inserts: readonly Pending[]): Promise<void> {
    // Runs of entities giving the same columns (a row that leaves a column out gets its default,
    // which a multi-row INSERT cannot say per row); in the order given, so keys follow that order.
    const groups: Pending[][] = [];
    let previous: string | undefined;
    for (const one of inserts) {
      for (const key of meta.pks) if (one.values[key] === null) delete one.values[key];
      const columns = Object.keys(one.values).sort().join('\u0000');
      if (columns === previous) groups[groups.length - 1]?.push(one);
      else groups.push([one]);
      previous = columns;
    }
    for (const group of groups) {
      const first = group[0];
      const created =
        group.length === 1 && first !== undefined
          ? [await meta.model.create(first.values as never, { ...this.#options, returning: true })]
          : await meta.model.bulkCreate(group.map(({ values }) => values) as never, { ...this.#options, returning: true, validate: true, individualHooks: this.#scope.hooks });
      group.forEach(({ entity, values }, index) => {
        const row = created[index];
        if (row !== undefined) this.#inserted(meta, entity, values, row);
      });
    }
  }

  #inserted(meta: EntityMeta, entity: Entity, values: Row, row: Model): void {
    // A row inserted by one entity of the graph is there for the others that reach it by key.
    const stored: Row = { ...values };
    for (const key of meta.pks) stored[key] = row.get(key);
    const key = keyOf(meta, stored);
    if (key !== undefined) this.#loaded.get(meta.model)?.set(key, stored);
    // TypeORM fills the generated key, defaults and dates in, and null in nullable columns left out.
    for (const column of meta.columns) {
      if (entity[column] !== undefined && entity[column] !== null) continue;
      const value = row.get(column);
      if (value !== undefined && value !== null) assign(entity, column, value);
      else if (entity[column] === undefined && meta.nullable.includes(column)) assign(entity, column, null);
    }
  }

  /** The values that differ from the row (keys and date columns aside). */
  #changes(meta: EntityMeta, values: Row, row: Row): Row {
    const changed: Row = {};
    for (const [key, value] of Object.entries(values)) {
      if (meta.pks.includes(key) || key === meta.createdAt || key === meta.updatedAt || key === meta.version) continue;
      if (!sameValue(value, row[key])) changed[key] = value;
    }
    return changed;
  }

  /** Updates the row with the entity's changes; false when it has none. */
  async #update(meta: EntityMeta, entity: Entity, values: Row, row: Row): Promise<boolean> {
    const changed = this.#changes(meta, values, row);
    if (Object.keys(changed).length === 0) return false;
    if (meta.updatedAt !== undefined) changed[meta.updatedAt] = new Date();
    // As TypeORM: one more than the stored version, also written back into the entity.
    if (meta.version !== undefined) changed[meta.version] = Number(row[meta.version] ?? 0) + 1;
    await meta.model.unscoped().update(changed as never, { where: keyWhere(meta, row), paranoid: false, ...this.#options } as never);
    Object.assign(row, changed);
    if (meta.updatedAt !== undefined) assign(entity, meta.updatedAt, changed[meta.updatedAt]);
    if (meta.version !== undefined) assign(entity, meta.version, changed[meta.version]);
    // As TypeORM does after an UPDATE: nullable columns left out read null (the delete date aside).
    for (const column of meta.nullable) if (entity[column] === undefined && column !== meta.deletedAt) assign(entity, column, null);
    return true;
  }

  /** One-to-many and the inverse side of a one-to-one: children take their parent's key. */
  async #saveChildren(relation: HasRelation, parents: readonly Pending[]): Promise<void> {
    const association = relation.association;
    const target = metaOf(relation.target);
    const cascaded: Entity[] = [];
    const links: Row[] = [];
    const linkOnly = new Map<unknown, Entity[]>();
    const childrenOf = (entity: Entity): Entity[] => {
      const related = relationValue(entity, relation.property);
      return (relation.kind === 'HasMany' ? (Array.isArray(related) ? related : []) : related === null ? [] : [related]).filter(isObject);
    };
    for (const { entity } of parents) {
      const parentKey = entity[association.sourceKey];
      for (const child of childrenOf(entity)) {
        const fresh = isNew(target, child);
        if (allows(relation, fresh ? 'insert' : 'update')) {
          cascaded.push(child);
          links.push({ [association.foreignKey]: parentKey });
        } else if (!fresh && !this.#visited.has(child)) {
          // Without cascade a child with a key is linked, not otherwise written.
          linkOnly.set(parentKey, [...(linkOnly.get(parentKey) ?? []), child]);
        }
      }
    }
    if (cascaded.length > 0) await this.save(target, cascaded, links);
    const model = target.model.unscoped();
    for (const [parentKey, children] of linkOnly) {
      await model.update({ [association.foreignKey]: parentKey } as never, {
        where: { [Op.and]: [keysWhere(target, children), { [Op.or]: [{ [association.foreignKey]: { [Op.ne]: parentKey } }, { [association.foreignKey]: null }] }] },
        paranoid: false,
        ...this.#options,
      } as never);
    }
    if (relation.orphan === 'disable') return;
    for (const { entity, row } of parents) {
      if (row === undefined) continue;
      const parentKey = entity[association.sourceKey];
      const kept = childrenOf(entity).filter((child) => keyOf(target, child) !== undefined);
      const where = kept.length === 0 ? { [association.foreignKey]: parentKey } : { [Op.and]: [{ [association.foreignKey]: parentKey }, { [Op.not]: keysWhere(target, kept) }] };
      if (relation.orphan === 'delete') await model.destroy({ where, force: true, ...this.#options } as never);
      else if (relation.orphan === 'soft-delete' && target.deletedAt !== undefined) await model.destroy({ where, ...this.#options } as never);
      else await model.update({ [association.foreignKey]: null } as never, { where, paranoid: false, ...this.#options } as never);
    }
  }

  /** Many-to-many: each array given is the new set of links (TypeORM diffs it against the junction). */
  async #saveJunction(relation: ManyRelation, parents: readonly Pending[]): Promise<void> {
    const association = relation.association;
    const target = metaOf(relation.target);
    const given = parents.filter(({ entity }) => Array.isArray(relationValue(entity, relation.property)));
    const itemsOf = (entity: Entity): Entity[] => (relationValue(entity, relation.property) as unknown[]).filter(isObject);
    const cascaded = given.flatMap(({ entity }) => itemsOf(entity)).filter((item) => allows(relation, isNew(target, item) ? 'insert' : 'update'));
    if (cascaded.length > 0) await this.save(target, cascaded);
    const through = association.through.model.unscoped();
    const existing = given.filter(({ row }) => row !== undefined).map(({ entity }) => entity[association.sourceKey]);
    const current = existing.length === 0
      ? []
      : ((await through.findAll({ where: { [association.foreignKey]: { [Op.in]: existing } }, attributes: [association.foreignKey, association.otherKey], raw: true, ...this.#options } as never)) as unknown as Row[]);
    const added: Row[] = [];
    for (const { entity } of given) {
      const source = entity[association.sourceKey];
      const wanted: unknown[] = [];
      for (const item of itemsOf(entity)) {
        const linked = item[association.targetKey];
        if (linked !== undefined && linked !== null && !wanted.some((known) => sameValue(known, linked))) wanted.push(linked);
      }
      const links = current.filter((row) => sameValue(row[association.foreignKey], source)).map((row) => row[association.otherKey]);
      const removed = links.filter((key) => !wanted.some((known) => sameValue(known, key)));
      if (removed.length > 0) {
        await through.destroy({ where: { [association.foreignKey]: source, [association.otherKey]: { [Op.in]: removed } }, ...this.#options } as never);
      }
      for (const key of wanted) if (!links.some((known) => sameValue(known, key))) added.push({ [association.foreignKey]: source, [association.otherKey]: key });
    }
    if (added.length > 0) await through.bulkCreate(added as never, this.#options as never);
  }
}

const NO_ROW: Row = Object.freeze({}) as Row;

/** An entity argument of save, remove, softRemove or recover: a plain object or an instance of the repository's entity. */
export function entityArgument(meta: EntityMeta, value: unknown, method: string): Entity {
  const prototype = isObject(value) ? (Object.getPrototypeOf(value) as object | null) : undefined;
  if (prototype === null || prototype === Object.prototype) return value as Entity;
  if (value instanceof meta.model) {
    adoptEntity(value);
    return value as unknown as Entity;
  }
  const given = isObject(value) ? `an instance of ${(value.constructor as { name?: string } | undefined)?.name ?? 'another class'}` : value;
  throw InvalidOptionError.expected(callName(meta, method), 'each entity', `a ${meta.name} (from create(), new ${meta.name}() or a find) or a plain object of its properties (${meta.properties.join(', ')})`, given);
}
