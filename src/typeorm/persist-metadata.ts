// What the write side needs to know about an entity: its columns, its primary key, its relations
// with their cascade and orphan options, read once per model from the relata model and the
// decorators' records.
import { Model, Op, type Association, type BelongsToAssociation, type BelongsToManyAssociation, type HasManyAssociation, type HasOneAssociation, type ModelStatic } from '../index.js';
import { entityOf } from '../decorators/typeorm/merged-entity.js';
import type { RelationOptions } from '../decorators/typeorm/entity-decorations.js';

/** TypeORM's cascade kinds. */
export type CascadeKind = 'insert' | 'update' | 'remove' | 'soft-remove' | 'recover';
/** What happens to a one-to-many child removed from its parent's array. */
export type OrphanAction = 'nullify' | 'delete' | 'soft-delete' | 'disable';

/** A relation as the write side uses it. */
export type RelationMeta =
  | { readonly kind: 'BelongsTo'; readonly property: string; readonly association: BelongsToAssociation; readonly target: EntityMeta['model']; readonly cascade: ReadonlySet<CascadeKind> }
  | { readonly kind: 'HasOne' | 'HasMany'; readonly property: string; readonly association: HasOneAssociation | HasManyAssociation; readonly target: EntityMeta['model']; readonly cascade: ReadonlySet<CascadeKind>; readonly orphan: OrphanAction }
  | { readonly kind: 'BelongsToMany'; readonly property: string; readonly association: BelongsToManyAssociation; readonly target: EntityMeta['model']; readonly cascade: ReadonlySet<CascadeKind> };

/** An entity's write metadata. @internal */
export interface EntityMeta {
  readonly model: ModelStatic<Model>;
  readonly name: string;
  /** The primary key attribute. */
  readonly pk: string;
  /** Every primary key attribute (more than one for a composite key). */
  readonly pks: readonly string[];
  /** Column properties (attributes a decorator declared, plus any attribute that is not only a join column). */
  readonly columns: readonly string[];
  /** Every attribute, join columns included. */
  readonly attributes: ReadonlySet<string>;
  readonly nullable: readonly string[];
  readonly relations: ReadonlyMap<string, RelationMeta>;
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
  readonly deletedAt: string | undefined;
  /** The property names TypeORM accepts in values and conditions, for error messages. */
  readonly properties: readonly string[];
  /** The `@VersionColumn`, counted up by save() and update(). */
  readonly version: string | undefined;
  /** The columns an insert reports as generated (TypeORM's generatedMap): the date columns, defaults and generated keys. */
  readonly generated: readonly string[];
}

const CACHE = new WeakMap<object, EntityMeta>();
const ALL: readonly CascadeKind[] = ['insert', 'update', 'remove', 'soft-remove', 'recover'];

function cascadeOf(options: RelationOptions | undefined): Set<CascadeKind> {
  const cascade = options?.cascade;
  if (cascade === true) return new Set(ALL);
  if (Array.isArray(cascade)) return new Set(cascade as readonly CascadeKind[]);
  return new Set();
}

/** The `orphanedRowAction` of the many-to-one behind a one-to-many (TypeORM reads it there). */
function orphanOf(association: HasOneAssociation | HasManyAssociation): OrphanAction {
  const inverse = Object.values(association.target.associations as Record<string, Association>).find(
    (other) => other.associationType === 'BelongsTo' && other.target === association.source && other.foreignKey === association.foreignKey,
  );
  const options = inverse === undefined ? undefined : entityOf(association.target).relations.get(inverse.as)?.options;
  return options?.orphanedRowAction ?? 'nullify';
}

/** The write metadata of a registered entity model. @internal */
export function metaOf(model: ModelStatic<Model>): EntityMeta {
  let meta = CACHE.get(model);
  if (meta !== undefined) return meta;
  const decorated = entityOf(model);
  const definition = model.definition;
  const relations = new Map<string, RelationMeta>();
  const joinColumns = new Set<string>();
  for (const association of Object.values(model.associations as Record<string, Association>)) {
    const options = decorated.relations.get(association.as)?.options;
    const base = { property: association.as, target: association.target as unknown as ModelStatic<Model>, cascade: cascadeOf(options) };
    switch (association.associationType) {
      case 'BelongsTo':
        joinColumns.add(association.foreignKey);
        relations.set(association.as, { ...base, kind: 'BelongsTo', association: association as BelongsToAssociation });
        break;
      case 'HasMany':
      case 'HasOne': {
        const has = association as HasManyAssociation | HasOneAssociation;
        relations.set(association.as, { ...base, kind: association.associationType, association: has, orphan: orphanOf(has) });
        break;
      }
      case 'BelongsToMany':
        relations.set(association.as, { ...base, kind: 'BelongsToMany', association: association as BelongsToManyAssociation });
        break;
    }
  }
  const attributes = new Set(definition.attributes.keys());
  const columns = [...attributes].filter((name) => decorated.columns.has(name) || !joinColumns.has(name));
  const timestamps = definition.timestamps;
  meta = {
    model,
    name: model.name,
    pk: model.primaryKeyAttribute ?? 'id',
    pks: model.primaryKeyAttributes,
    columns,
    attributes,
    nullable: columns.filter((name) => definition.attributes.get(name)?.allowNull !== false),
    relations,
    createdAt: timestamps.createdAt,
    updatedAt: timestamps.updatedAt,
    deletedAt: timestamps.deletedAt,
    properties: [...columns, ...relations.keys()],
    version: [...decorated.columns].find(([, column]) => column.kind === 'version')?.[0],
    generated: columns.filter((column) => {
      const attribute = definition.attributes.get(column);
      const special = column === timestamps.createdAt || column === timestamps.updatedAt || column === timestamps.deletedAt;
      return special || attribute?.hasDefault === true || attribute?.autoIncrement === true;
    }),
  };
  CACHE.set(model, meta);
  return meta;
}

/** A plain object or entity (not null, an array or a Date). @internal */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value) && !(value instanceof Promise);
}

/**
 * An entity's primary key as one map key (its columns' values, in key order); undefined while a
 * key column has no value (a new entity).
 */
export function keyOf(meta: EntityMeta, values: Readonly<Record<string, unknown>>): string | undefined {
  if (meta.pks.length === 1) {
    const key = values[meta.pk];
    return key === undefined || key === null ? undefined : String(key);
  }
  const parts: string[] = [];
  for (const column of meta.pks) {
    const value = values[column];
    if (value === undefined || value === null) return undefined;
    parts.push(value instanceof Date ? value.toISOString() : String(value));
  }
  return parts.join('\u0000');
}

/** The where naming one row by its primary key (every key column of a composite key). */
export function keyWhere(meta: EntityMeta, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  for (const column of meta.pks) where[column] = values[column];
  return where;
}

/** The where naming these rows by primary key: `IN` for one key column, OR of each row's key columns for several. */
export function keysWhere(meta: EntityMeta, rows: readonly Readonly<Record<string, unknown>>[]): Record<string | symbol, unknown> {
  if (meta.pks.length === 1) return { [meta.pk]: { [Op.in]: rows.map((row) => row[meta.pk]) } };
  return { [Op.or]: rows.map((row) => keyWhere(meta, row)) };
}

/**
 * A relation's value as loaded or set on an entity. A lazy relation's property is a promise; its
 * value, once loaded or assigned, is in the instance's values like any other relation's.
 * @internal
 */
export function relationValue(entity: object, property: string): unknown {
  const values = entity instanceof Model ? (entity.dataValues as Record<string, unknown> | undefined) : undefined;
  return values === undefined ? (entity as Record<string, unknown>)[property] : values[property];
}
