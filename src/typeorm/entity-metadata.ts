// What the find translation asks of an entity: its column properties (as the entity declares
// them, so implicit foreign-key attributes stay out of results as TypeORM leaves them out), its
// relations (relata associations named by the relation property) and its eager relations.
import { InvalidOptionError, type Model, type ModelStatic } from '../index.js';
import { entityOf } from '../decorators/typeorm/merged-entity.js';

/** An entity class registered on a connection: a relata model. @internal */
export type EntityModel = ModelStatic<Model>;

/** A relation of an entity, as the find translation needs it. @internal */
export interface EntityRelation {
  readonly name: string;
  readonly target: EntityModel;
  /** To-many (`@OneToMany`, `@ManyToMany`). */
  readonly multi: boolean;
  /** The foreign-key attribute on the entity itself (`@ManyToOne`, owning `@OneToOne`). */
  readonly foreignKeyOnSource: string | undefined;
  /** Declared `eager: true`. */
  readonly eager: boolean;
  /** Through a junction table (`@ManyToMany`). */
  readonly junction: boolean;
  /** `@OneToMany`: the related entity's foreign-key attribute, when it references the entity's primary key. */
  readonly foreignKeyOnTarget: string | undefined;
}

interface Association {
  readonly associationType: 'BelongsTo' | 'HasOne' | 'HasMany' | 'BelongsToMany';
  readonly target: EntityModel;
  readonly foreignKey: string;
  readonly sourceKey?: string;
  readonly isMultiAssociation: boolean;
}

interface Metadata {
  readonly columns: readonly string[];
  /** Whether the columns are every attribute of the model (no foreign key the entity does not declare). */
  readonly wholeRow: boolean;
  readonly relations: ReadonlyMap<string, EntityRelation>;
}

const cache = new WeakMap<EntityModel, Metadata>();

function metadataOf(model: EntityModel): Metadata {
  let metadata = cache.get(model);
  if (metadata === undefined) {
    const entity = entityOf(model);
    const attributes = Object.keys(model.rawAttributes as Record<string, unknown>);
    const declared = [...entity.columns.keys()].filter((name) => attributes.includes(name));
    const relations = new Map<string, EntityRelation>();
    for (const [name, association] of Object.entries(model.associations as Record<string, Association>)) {
      relations.set(name, {
        name,
        target: association.target,
        multi: association.isMultiAssociation,
        foreignKeyOnSource: association.associationType === 'BelongsTo' ? association.foreignKey : undefined,
        eager: entity.relations.get(name)?.options.eager === true,
        junction: association.associationType === 'BelongsToMany',
        foreignKeyOnTarget:
          association.associationType === 'HasMany' && (association.sourceKey === undefined || [association.sourceKey].join() === (model.primaryKeyAttributes as readonly string[]).join())
            ? association.foreignKey
            : undefined,
      });
    }
    const columns = declared.length > 0 ? declared : attributes;
    metadata = { columns, wholeRow: columns.length === attributes.length, relations };
    cache.set(model, metadata);
  }
  return metadata;
}

/** The entity's column properties, in declaration order. @internal */
export function columnsOf(model: EntityModel): readonly string[] {
  return metadataOf(model).columns;
}

/** Whether the entity's columns are its model's whole row (selecting them selects every attribute). @internal */
export function columnsAreWholeRow(model: EntityModel): boolean {
  return metadataOf(model).wholeRow;
}

/** The relation of that name, if the entity has one. @internal */
export function relationOf(model: EntityModel, name: string): EntityRelation | undefined {
  return metadataOf(model).relations.get(name);
}

/** Every relation of the entity. @internal */
export function relationsOf(model: EntityModel): ReadonlyMap<string, EntityRelation> {
  return metadataOf(model).relations;
}

/** The entity's primary-key properties. @internal */
export function primaryKeysOf(model: EntityModel): readonly string[] {
  return model.primaryKeyAttributes as readonly string[];
}

/** A property the entity does not have, named with what it has. @internal */
export function unknownProperty(method: string, model: EntityModel, property: string): InvalidOptionError {
  const columns = columnsOf(model).join(', ') || 'none';
  const relations = [...relationsOf(model).keys()].join(', ') || 'none';
  return new InvalidOptionError(`${method}: property "${property}" was not found in ${model.name} (columns: ${columns}; relations: ${relations})`);
}

/** A relation the entity does not have, named with those it has. @internal */
export function unknownRelation(method: string, model: EntityModel, relation: string): InvalidOptionError {
  const relations = [...relationsOf(model).keys()].join(', ') || 'none';
  return new InvalidOptionError(`${method}: relation "${relation}" was not found in ${model.name} (relations: ${relations})`);
}
