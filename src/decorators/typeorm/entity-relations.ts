import { DecoratorError, type Model, type ReferentialAction } from '../../index.js';
import type { PendingRelation } from '../pending-relations.js';
import { describeTarget, resolveClass } from '../resolve-class.js';
import type { JoinColumnOptions, RelationDecoration, RelationOptions } from './entity-decorations.js';
import { camelCase, snakeCase } from './naming.js';
import { entityOf, type MergedEntity } from './merged-entity.js';
import { defineLazyRelation } from './lazy-relation.js';

type ModelClass = typeof Model;

/** A join column as relata declares it: the foreign key attribute and what it references. */
interface JoinKey {
  readonly foreignKey: { name: string; allowNull: boolean; unique?: boolean };
  /** The referenced attribute of the other side. */
  readonly referenced: string;
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly constraints: boolean;
}

function action(value: RelationOptions['onDelete'], fallback: ReferentialAction): ReferentialAction {
  if (value === undefined) return fallback;
  return value === 'DEFAULT' ? 'SET DEFAULT' : value;
}

/** The property an inverse side names: `'user'` or `(post) => post.user`. */
function inverseProperty(inverse: RelationDecoration['inverse']): string | undefined {
  if (typeof inverse === 'string') return inverse;
  if (typeof inverse !== 'function') return undefined;
  let seen: string | undefined;
  const probe = new Proxy({}, {
    get(_target, key) {
      if (typeof key === 'string') seen ??= key;
      return undefined;
    },
  });
  try {
    (inverse as (object: unknown) => unknown)(probe);
  } catch {
    // `(post) => post.user.id` reads past the probe; the first property read is still the one.
  }
  return seen;
}

/** The attribute behind a column name (a join column may name a declared column's field). */
function attributeForColumn(model: ModelClass, column: string): string {
  for (const attribute of model.definition.attributes.values()) if (attribute.field === column) return attribute.name;
  return column;
}

function referencedAttribute(model: ModelClass, given: string | undefined, where: () => string): { name: string; field: string } {
  const keys = model.primaryKeyAttributes as readonly string[];
  if (given === undefined && keys.length > 1) {
    // TypeORM builds a join column per key column; relata's join columns reference one column.
    throw new DecoratorError(`${where()}: ${model.name}'s primary key has several columns (${keys.join(', ')}), and a relation to it references one: name it with @JoinColumn({ referencedColumnName }) (or the join table's joinColumn), or give ${model.name} a one-column key`);
  }
  const name = given === undefined ? (model.primaryKeyAttribute ?? 'id') : attributeForColumn(model, given);
  const attribute = model.definition.attributes.get(name);
  if (!attribute) throw DecoratorError.relation(model.name, name, where(), `${model.name} has no column ${JSON.stringify(given)} to reference; it has ${model.definition.attributeNames.join(', ')}`);
  return { name: attribute.name, field: attribute.field };
}

/** The join column of the owning side (`owner.property`, a many-to-one or a one-to-one with @JoinColumn). */
function joinKeyOf(owner: ModelClass, ownerEntity: MergedEntity, property: string, relation: RelationDecoration, target: ModelClass): JoinKey {
  const join: JoinColumnOptions = ownerEntity.joinColumns.get(property) ?? {};
  const referenced = referencedAttribute(target, join.referencedColumnName, () => `${owner.name}.${property} (${relation.decorator}(() => ${target.name}))`);
  const column = join.name ?? camelCase(`${property}_${referenced.field}`);
  return {
    foreignKey: { name: attributeForColumn(owner, column), allowNull: relation.options.nullable !== false, ...(relation.kind === 'one-to-one' ? { unique: true } : {}) },
    referenced: referenced.name,
    // TypeORM's foreign keys default to NO ACTION both ways.
    onDelete: action(relation.options.onDelete, 'NO ACTION'),
    onUpdate: action(relation.options.onUpdate, 'NO ACTION'),
    constraints: relation.options.createForeignKeyConstraints !== false,
  };
}

/** The junction of a many-to-many, from its owning side (the one with @JoinTable). */
function junctionOf(owner: ModelClass, ownerEntity: MergedEntity, property: string, relation: RelationDecoration, target: ModelClass) {
  const table = ownerEntity.joinTables.get(property) ?? {};
  const where = () => `${owner.name}.${property} (${relation.decorator}(() => ${target.name}))`;
  const sourceKey = referencedAttribute(owner, table.joinColumn?.referencedColumnName, where);
  const targetKey = referencedAttribute(target, table.inverseJoinColumn?.referencedColumnName, where);
  let foreignKey = table.joinColumn?.name ?? camelCase(`${owner.tableName}_${sourceKey.field}`);
  let otherKey = table.inverseJoinColumn?.name ?? camelCase(`${target.tableName}_${targetKey.field}`);
  // A self-referencing junction would get the same name twice; TypeORM numbers them.
  if (foreignKey === otherKey) [foreignKey, otherKey] = [`${foreignKey}_1`, `${otherKey}_2`];
  return {
    through: table.name ?? snakeCase(`${owner.tableName}_${property}_${target.tableName}`),
    foreignKey,
    otherKey,
    sourceKey: sourceKey.name,
    targetKey: targetKey.name,
    constraints: relation.options.createForeignKeyConstraints !== false,
  };
}

function addEagerInclude(model: ModelClass, property: string): void {
  const current = (model.options.defaultScope ?? {}) as { include?: unknown };
  const include = current.include === undefined ? [] : Array.isArray(current.include) ? current.include : [current.include];
  // A many-to-many loads its entities only, as TypeORM's: no junction row on each.
  const junction = (model.associations as Record<string, { associationType?: string }>)[property]?.associationType === 'BelongsToMany';
  model.addScope('defaultScope', { ...current, include: [...include, junction ? { association: property, through: { attributes: [] } } : property] }, { override: true });
}

function inverseRelation(source: ModelClass, property: string, relation: RelationDecoration, target: ModelClass, expected: RelationDecoration['kind'], needs: string): { property: string; relation: RelationDecoration; entity: MergedEntity } {
  const targetEntity = entityOf(target);
  // As TypeORM: a side that names no inverse is the inverse the other side names (`@ManyToMany(() => Author)`
  // on Book, `@ManyToMany(() => Book, (book) => book.authors) @JoinTable()` on Author).
  const name =
    inverseProperty(relation.inverse) ??
    [...targetEntity.relations].find(([, other]) => other.kind === expected && resolveClass(other.target) === source && inverseProperty(other.inverse) === property)?.[0];
  const inverse = name === undefined ? undefined : targetEntity.relations.get(name);
  if (name === undefined || !inverse || inverse.kind !== expected || resolveClass(inverse.target) !== source) {
    const candidates = [...targetEntity.relations].filter(([, r]) => r.kind === expected && resolveClass(r.target) === source).map(([p]) => p);
    throw DecoratorError.relation(
      source.name, property, `${relation.decorator}(() => ${target.name})`,
      `${needs}; ${name === undefined ? 'no inverse side was given' : `${target.name}.${name} is not one`}` +
        (candidates.length > 0 ? ` (candidates on ${target.name}: ${candidates.join(', ')})` : ''),
    );
  }
  return { property: name, relation: inverse, entity: targetEntity };
}

function defineRelation(source: ModelClass, entity: MergedEntity, property: string, relation: RelationDecoration): void {
  if (relation.options.lazy === true && relation.options.eager === true) {
    throw DecoratorError.relation(source.name, property, relation.decorator, 'a relation cannot be both lazy and eager; drop one of them');
  }
  const resolved = resolveClass(relation.target);
  if (typeof resolved !== 'function') throw DecoratorError.badTarget(source.name, property, relation.decorator, resolved);
  const target = resolved as ModelClass;
  const where = `${relation.decorator}(() => ${target.name})`;
  const owning = relation.kind === 'many-to-one' || (relation.kind === 'one-to-one' && entity.joinColumns.has(property));
  if (owning) {
    const key = joinKeyOf(source, entity, property, relation, target);
    source.belongsTo(target, { as: property, foreignKey: key.foreignKey, targetKey: key.referenced, onDelete: key.onDelete, onUpdate: key.onUpdate, constraints: key.constraints });
  } else if (relation.kind === 'one-to-one' || relation.kind === 'one-to-many') {
    const expected = relation.kind === 'one-to-many' ? 'many-to-one' : 'one-to-one';
    const needs = relation.kind === 'one-to-many'
      ? `the inverse side must be a @ManyToOne(() => ${source.name}) on ${target.name}, named as in @OneToMany(() => ${target.name}, (x) => x.${camelCase(source.name)})`
      : `one side of a @OneToOne needs @JoinColumn(), and the other side must name it as its inverse`;
    const inverse = inverseRelation(source, property, relation, target, expected, needs);
    if (relation.kind === 'one-to-one' && !inverse.entity.joinColumns.has(inverse.property)) {
      throw DecoratorError.relation(source.name, property, where, `neither ${source.name}.${property} nor ${target.name}.${inverse.property} has @JoinColumn(); put it on the side that holds the foreign key`);
    }
    const key = joinKeyOf(target, inverse.entity, inverse.property, inverse.relation, source);
    const options = { as: property, foreignKey: key.foreignKey, sourceKey: key.referenced, onDelete: key.onDelete, onUpdate: key.onUpdate, constraints: key.constraints };
    if (relation.kind === 'one-to-many') source.hasMany(target, options);
    else source.hasOne(target, options);
  } else if (entity.joinTables.has(property)) {
    const junction = junctionOf(source, entity, property, relation, target);
    source.belongsToMany(target, {
      as: property, through: junction.through, foreignKey: junction.foreignKey, otherKey: junction.otherKey, sourceKey: junction.sourceKey,
      targetKey: junction.targetKey, timestamps: false, constraints: junction.constraints,
      // TypeORM's junction keys cascade: removing either side removes its links.
      onDelete: action(relation.options.onDelete, 'CASCADE'), onUpdate: action(relation.options.onUpdate, 'CASCADE'),
    });
  } else {
    const inverse = inverseRelation(source, property, relation, target, 'many-to-many', `one side of a @ManyToMany needs @JoinTable(), and the other side must name it as its inverse`);
    if (!inverse.entity.joinTables.has(inverse.property)) {
      throw DecoratorError.relation(source.name, property, where, `neither ${source.name}.${property} nor ${target.name}.${inverse.property} has @JoinTable(); put it on the owning side`);
    }
    const junction = junctionOf(target, inverse.entity, inverse.property, inverse.relation, source);
    source.belongsToMany(target, {
      as: property, through: junction.through, foreignKey: junction.otherKey, otherKey: junction.foreignKey, sourceKey: junction.targetKey,
      targetKey: junction.sourceKey, timestamps: false, constraints: junction.constraints,
      onDelete: action(relation.options.onDelete, 'CASCADE'), onUpdate: action(relation.options.onUpdate, 'CASCADE'),
    });
  }
  if (relation.options.eager === true) addEagerInclude(source, property);
  if (relation.options.lazy === true) defineLazyRelation(source, property, relation.kind === 'one-to-many' || relation.kind === 'many-to-many');
}

/** The relations of an entity, queued until their targets are registered too. @internal */
export function entityRelations(source: ModelClass, entity: MergedEntity): PendingRelation[] {
  return [...entity.relations].map(([property, relation]) => ({
    description: `${source.name}.${property} → ${describeTarget(relation.target)}`,
    requires: [() => source, () => resolveClass(relation.target)],
    define: () => defineRelation(source, entity, property, relation),
  }));
}
