import { DataTypes, DecoratorError, Model, literal, type AttributeOptions, type IndexOptions, type ModelAttributes, type ModelOptions, type Relata } from '../../index.js';
import type { AnyClass } from '../decorator-types.js';
import { queueRelations, settleRelations } from '../pending-relations.js';
import { columnDataType } from './column-type.js';
import type { ColumnDecoration } from './entity-decorations.js';
import { entityRelations } from './entity-relations.js';
import { entityOf, type MergedEntity } from './merged-entity.js';
import { camelCase, snakeCase } from './naming.js';
import { resolveClass } from '../resolve-class.js';

/**
 * Makes an entity class registrable by `relata.addModels()`: the `initFromDecorators` static the
 * connection calls. Idempotent.
 * @internal
 */
export function installEntityInitializer(cls: object): void {
  if (Object.prototype.hasOwnProperty.call(cls, 'initFromDecorators')) return;
  Object.defineProperty(cls, 'initFromDecorators', { value: initFromDecorators, enumerable: false, configurable: true, writable: true });
}

function initFromDecorators(this: AnyClass, relata: Relata): void {
  registerEntity(this, relata);
}

/**
 * An entity needs no base class; registering it puts Model under its class chain, so it gains
 * the static and instance API. Instances are built without running the entity's constructor, so
 * its field declarations never shadow attribute values.
 */
function becomeModel(cls: AnyClass): void {
  if (cls.prototype instanceof Model) return;
  let root: object = cls;
  for (let parent = Object.getPrototypeOf(root) as object; parent !== Function.prototype && parent !== null; parent = Object.getPrototypeOf(root) as object) root = parent;
  Object.setPrototypeOf(root, Model);
  Object.setPrototypeOf((root as { prototype: object }).prototype, Model.prototype);
}

function attributeOf(entity: string, property: string, column: ColumnDecoration): AttributeOptions {
  const { options, kind } = column;
  const primary = kind === 'primary' || kind === 'generated' || options.primary === true;
  const attribute: AttributeOptions = { type: columnDataType(entity, property, column), allowNull: !primary && (options.nullable === true || kind === 'deleteDate') };
  if (options.name !== undefined) attribute.field = options.name;
  if (primary) attribute.primaryKey = true;
  if (kind === 'generated' && column.strategy === 'uuid') attribute.defaultValue = DataTypes.UUIDV4;
  else if (kind === 'generated') attribute.autoIncrement = true;
  // TypeORM's function default is raw SQL (`() => 'CURRENT_TIMESTAMP'`); a value is a value.
  if (options.default !== undefined) attribute.defaultValue = typeof options.default === 'function' ? literal(String((options.default as () => unknown)())) : options.default;
  if (options.unique === true) attribute.unique = true;
  if (options.comment !== undefined) attribute.comment = options.comment;
  // TypeORM inserts version 1 when none is given.
  if (kind === 'version') attribute.defaultValue ??= 1;
  return attribute;
}

/** `@Generated` on a column: a v4 UUID default, or auto-increment on the primary key. */
function generate(entity: string, property: string, strategy: string, attribute: AttributeOptions | undefined): void {
  if (attribute === undefined) throw DecoratorError.relation(entity, property, `@Generated('${strategy}')`, 'put it on a column (@Column() @Generated(…))');
  if (strategy === 'uuid') {
    attribute.defaultValue ??= DataTypes.UUIDV4;
    return;
  }
  if (attribute.primaryKey !== true) {
    throw DecoratorError.relation(entity, property, `@Generated('${strategy}')`, "relata auto-increments the primary key only; use @PrimaryGeneratedColumn() for the key, or @Generated('uuid') here");
  }
  attribute.autoIncrement = true;
}

/** The column an index names by property: a column's own name, or a many-to-one's join column. */
function indexColumn(entity: string, decorations: MergedEntity, property: string, decorator: string): string {
  const column = decorations.columns.get(property);
  if (column !== undefined) return column.options.name ?? property;
  const relation = decorations.relations.get(property);
  const owning = relation !== undefined && (relation.kind === 'many-to-one' || (relation.kind === 'one-to-one' && decorations.joinColumns.has(property)));
  if (owning) {
    const join = decorations.joinColumns.get(property);
    if (join?.name !== undefined) return join.name;
    const target = entityOf(resolveClass(relation.target) as object);
    const referenced = join?.referencedColumnName ?? [...target.columns].find(([, c]) => c.kind === 'primary' || c.kind === 'generated' || c.options.primary === true)?.[0] ?? 'id';
    return camelCase(`${property}_${referenced}`);
  }
  const valid = [...decorations.columns.keys()].join(', ');
  throw DecoratorError.relation(entity, property, decorator, `${property} is not a column of ${entity} (columns: ${valid}; or a many-to-one relation)`);
}

function indexesOf(entity: string, decorations: MergedEntity): IndexOptions[] {
  return decorations.indexes.map((index) => ({
    ...(index.name === undefined ? {} : { name: index.name }),
    unique: index.unique,
    fields: index.columns.map((property) => indexColumn(entity, decorations, property, index.decorator)),
  }));
}

/**
 * Registers a TypeORM-style entity on a connection: it becomes a relata model (table, columns,
 * timestamps, soft delete), and its relations are declared once their targets are registered.
 * @internal
 */
export function registerEntity(cls: AnyClass, relata: Relata): void {
  const decorations = entityOf(cls);
  if (decorations.entity === undefined) throw DecoratorError.missingClassDecorator(cls.name, '@Entity()');
  becomeModel(cls);
  const attributes: Record<string, AttributeOptions> = {};
  const roles: Pick<ModelOptions, 'createdAt' | 'updatedAt' | 'deletedAt'> = {};
  for (const [property, column] of decorations.columns) {
    attributes[property] = attributeOf(cls.name, property, column);
    if (column.kind === 'createDate') roles.createdAt = property;
    if (column.kind === 'updateDate') roles.updatedAt = property;
    if (column.kind === 'deleteDate') roles.deletedAt = property;
  }
  for (const [property, strategy] of decorations.generated) generate(cls.name, property, strategy, attributes[property]);
  const timestamps = roles.createdAt !== undefined || roles.updatedAt !== undefined || roles.deletedAt !== undefined;
  const options: ModelOptions = {
    tableName: decorations.entity.name ?? snakeCase(cls.name),
    timestamps,
    createdAt: roles.createdAt ?? false,
    updatedAt: roles.updatedAt ?? false,
    deletedAt: roles.deletedAt ?? false,
    paranoid: roles.deletedAt !== undefined,
    ...(decorations.entity.schema === undefined ? {} : { schema: decorations.entity.schema }),
  };
  const indexes = indexesOf(cls.name, decorations);
  if (indexes.length > 0) options.indexes = indexes;
  const model = cls as unknown as typeof Model;
  model.init(attributes as ModelAttributes, { ...options, modelName: cls.name, sequelize: relata });
  queueRelations(relata, entityRelations(model, decorations));
  settleRelations(relata);
}
