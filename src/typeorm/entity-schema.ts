// TypeORM's EntitySchema: an entity declared as an object instead of a decorated class. relata
// turns each schema into a class carrying the same records the decorators make (columns,
// relations, join columns and tables, indexes), so it registers, loads and saves as a decorated
// entity does; relations may name their target by schema name, by schema or by class.
import { DecoratorError, InvalidOptionError } from '../index.js';
import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToMany,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
  type ColumnOptions,
  type ColumnType,
  type JoinColumnOptions,
  type JoinTableOptions,
  type RelationOptions,
} from '../decorators/typeorm/index.js';

type Strategy = 'increment' | 'uuid' | 'rowid' | 'identity';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class of any constructor shape
type AnyClass = abstract new (...args: any[]) => object;

/** A column of an EntitySchema: TypeORM's column options, with the role flags. */
export interface EntitySchemaColumnOptions extends Omit<ColumnOptions, 'type'> {
  type?: ColumnType;
  /** Generated on insert: `true` or `'increment'` (auto-increment key), `'uuid'`. */
  generated?: true | Strategy;
  createDate?: boolean;
  updateDate?: boolean;
  deleteDate?: boolean;
  version?: boolean;
}

/** A relation of an EntitySchema. */
export interface EntitySchemaRelationOptions extends RelationOptions {
  type: 'one-to-one' | 'one-to-many' | 'many-to-one' | 'many-to-many';
  /** The related entity: its schema name, its schema, or its class. */
  target: string | EntitySchema<object> | AnyClass;
  /** The property on the target that is the other side. */
  inverseSide?: string;
  /** The owning side of a one-to-one or many-to-one: `true` or the join column's options. */
  joinColumn?: boolean | JoinColumnOptions;
  /** The owning side of a many-to-many: `true` or the junction's options. */
  joinTable?: boolean | JoinTableOptions;
}

export interface EntitySchemaIndexOptions {
  name?: string;
  columns: readonly string[];
  unique?: boolean;
}

export interface EntitySchemaOptions<T> {
  /** The entity's name: what relations and `getRepository('Name')` call it, and its class name. */
  name: string;
  /** The table; the name in snake_case when omitted, as for `@Entity()`. */
  tableName?: string;
  /** The class the entities are instances of; one named `name` is made when omitted. */
  target?: AnyClass;
  /** PostgreSQL: the schema of the table. */
  schema?: string;
  columns: { [P in keyof T]?: EntitySchemaColumnOptions };
  relations?: { [P in keyof T]?: EntitySchemaRelationOptions };
  indices?: readonly EntitySchemaIndexOptions[];
  uniques?: readonly { name?: string; columns: readonly string[] }[];
}

/**
 * An entity declared without decorators, as TypeORM's `EntitySchema`. List it in the DataSource's
 * `entities` and take its repository by the schema or by its name.
 *
 * @example
 * const UserSchema = new EntitySchema<User>({
 *   name: 'User',
 *   columns: { id: { type: Number, primary: true, generated: true }, name: { type: String } },
 *   relations: { posts: { type: 'one-to-many', target: 'Post', inverseSide: 'author' } },
 * });
 * const users = dataSource.getRepository(UserSchema); // or getRepository<User>('User')
 */
export class EntitySchema<T = Record<string, unknown>> {
  readonly options: EntitySchemaOptions<T>;

  constructor(options: EntitySchemaOptions<T>) {
    if (options === null || typeof options !== 'object' || typeof options.name !== 'string' || options.name === '') {
      throw InvalidOptionError.expected('new EntitySchema()', 'options', 'an object with a name and columns ({ name: "User", columns: { id: { type: Number, primary: true, generated: true } } })', options);
    }
    if (options.columns === null || typeof options.columns !== 'object') {
      throw InvalidOptionError.expected(`new EntitySchema({ name: ${JSON.stringify(options.name)} })`, 'columns', 'an object of column options by property', options.columns);
    }
    this.options = options;
  }
}

/** Entities by name, as one DataSource lists them; set for each of its schemas before they register. */
const scopes = new WeakMap<EntitySchema<object>, ReadonlyMap<string, AnyClass>>();
const classes = new WeakMap<EntitySchema<object>, AnyClass>();

/**
 * The classes to register for a DataSource's `entities`: each schema's class, the others as given.
 * Relations naming a target by name find it among these.
 * @internal
 */
export function entityClasses(entities: readonly unknown[]): unknown[] {
  const byName = new Map<string, AnyClass>();
  const resolved = entities.map((entity) => (entity instanceof EntitySchema ? schemaClass(entity) : entity));
  resolved.forEach((entity) => {
    if (typeof entity === 'function') byName.set(entity.name, entity as AnyClass);
  });
  for (const entity of entities) if (entity instanceof EntitySchema) scopes.set(entity as EntitySchema<object>, byName);
  return resolved;
}

/** The class an EntitySchema registers as (made, and decorated, once). @internal */
export function schemaClass(schema: EntitySchema<object>): AnyClass {
  const key = schema as EntitySchema<object>;
  let cls = classes.get(key);
  if (cls === undefined) {
    cls = buildClass(key);
    classes.set(key, cls);
  }
  return cls;
}

function named(name: string): AnyClass {
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

type Decorate = (target: object, property: string) => void;

function buildClass(schema: EntitySchema<object>): AnyClass {
  const options = schema.options as EntitySchemaOptions<Record<string, unknown>>;
  const cls = options.target ?? named(options.name);
  const apply = (property: string, ...decorators: unknown[]): void => {
    // As TypeScript applies a field's decorators: the last one first.
    for (const decorate of [...decorators].reverse()) (decorate as Decorate)(cls.prototype, property);
  };
  for (const [property, column] of Object.entries(options.columns)) {
    if (column !== undefined) apply(property, ...columnDecorators(options.name, property, column));
  }
  for (const [property, relation] of Object.entries(options.relations ?? {})) {
    if (relation !== undefined) apply(property, ...relationDecorators(schema, options.name, property, relation));
  }
  const classDecorators: unknown[] = [];
  for (const index of options.indices ?? []) {
    const columns = [...index.columns] as never[];
    classDecorators.push(index.name === undefined ? Index(columns, { unique: index.unique === true }) : Index(index.name, columns, { unique: index.unique === true }));
  }
  for (const unique of options.uniques ?? []) {
    const columns = [...unique.columns] as never[];
    classDecorators.push(unique.name === undefined ? Unique(columns) : Unique(unique.name, columns));
  }
  classDecorators.push(Entity({ ...(options.tableName === undefined ? {} : { name: options.tableName }), ...(options.schema === undefined ? {} : { schema: options.schema }) }));
  for (const decorate of classDecorators) (decorate as (target: unknown) => void)(cls);
  return cls;
}

function columnDecorators(entity: string, property: string, column: EntitySchemaColumnOptions): unknown[] {
  const { generated, createDate, updateDate, deleteDate, version, ...rest } = column;
  const options = rest as ColumnOptions;
  if (createDate === true) return [CreateDateColumn(options)];
  if (updateDate === true) return [UpdateDateColumn(options)];
  if (deleteDate === true) return [DeleteDateColumn(options)];
  if (version === true) return [VersionColumn(options)];
  const strategy = generated === true ? 'increment' : generated;
  if (options.primary === true && strategy !== undefined) {
    const { primary: _primary, ...generatedOptions } = options;
    return [PrimaryGeneratedColumn(strategy, generatedOptions)];
  }
  if (options.type === undefined) {
    throw DecoratorError.untypedColumn(entity, property, 'EntitySchema column', undefined);
  }
  const declared = options.primary === true ? PrimaryColumn(options) : Column(options);
  return strategy === undefined ? [declared] : [declared, Generated(strategy)];
}

function relationDecorators(schema: EntitySchema<object>, entity: string, property: string, relation: EntitySchemaRelationOptions): unknown[] {
  const { type, target, inverseSide, joinColumn, joinTable, ...options } = relation;
  const thunk = (): AnyClass => resolveTarget(schema, entity, property, target);
  const decorators: unknown[] = [];
  switch (type) {
    case 'one-to-one':
      decorators.push(inverseSide === undefined ? OneToOne(thunk, options) : OneToOne(thunk, inverseSide, options));
      break;
    case 'many-to-one':
      decorators.push(inverseSide === undefined ? ManyToOne(thunk, options) : ManyToOne(thunk, inverseSide, options));
      break;
    case 'many-to-many':
      decorators.push(inverseSide === undefined ? ManyToMany(thunk, options) : ManyToMany(thunk, inverseSide, options));
      break;
    case 'one-to-many':
      if (inverseSide === undefined) {
        throw DecoratorError.relation(entity, property, 'EntitySchema relation one-to-many', 'a one-to-many names its inverse side: { type: "one-to-many", target: "Post", inverseSide: "author" }');
      }
      decorators.push(OneToMany(thunk, inverseSide, options));
      break;
    default:
      throw DecoratorError.relation(entity, property, 'EntitySchema relation', `type must be one of one-to-one, one-to-many, many-to-one, many-to-many; got ${JSON.stringify(type)}`);
  }
  if (joinColumn !== undefined && joinColumn !== false) decorators.push(JoinColumn(joinColumn === true ? undefined : joinColumn));
  if (joinTable !== undefined && joinTable !== false) decorators.push(JoinTable(joinTable === true ? undefined : joinTable));
  return decorators;
}

function resolveTarget(schema: EntitySchema<object>, entity: string, property: string, target: EntitySchemaRelationOptions['target']): AnyClass {
  if (target instanceof EntitySchema) return schemaClass(target);
  if (typeof target === 'function') return target;
  const found = scopes.get(schema)?.get(target);
  if (found === undefined) {
    const known = [...(scopes.get(schema)?.keys() ?? [])].join(', ') || 'none';
    throw DecoratorError.relation(entity, property, 'EntitySchema relation', `no entity named ${JSON.stringify(target)} is listed in this DataSource's entities (listed: ${known})`);
  }
  return found;
}
