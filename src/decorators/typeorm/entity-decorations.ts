import type { AbstractDataType, DataType, ReferentialAction } from '../../index.js';
import { DecorationStore } from '../decoration-store.js';

/** The column type names TypeORM's `@Column(type)` accepts, as far as relata maps them. */
export type ColumnTypeName =
  | 'int' | 'int2' | 'int4' | 'int8' | 'integer' | 'smallint' | 'tinyint' | 'mediumint' | 'bigint'
  | 'float' | 'float4' | 'float8' | 'real' | 'double' | 'double precision' | 'decimal' | 'numeric' | 'dec'
  | 'varchar' | 'character varying' | 'nvarchar' | 'char' | 'character' | 'nchar' | 'string'
  | 'text' | 'tinytext' | 'mediumtext' | 'longtext' | 'citext'
  | 'boolean' | 'bool'
  | 'date' | 'time' | 'datetime' | 'datetime2' | 'timestamp' | 'timestamptz' | 'timestamp with time zone' | 'timestamp without time zone'
  | 'uuid' | 'json' | 'jsonb' | 'simple-json'
  | 'blob' | 'tinyblob' | 'mediumblob' | 'longblob' | 'bytea' | 'binary' | 'varbinary'
  | 'enum' | 'simple-enum';

/** A column type: a TypeORM type name, a JS constructor (`String`, `Number` …), or a relata data type. */
export type ColumnType = ColumnTypeName | StringConstructor | NumberConstructor | BooleanConstructor | DateConstructor | BigIntConstructor | DataType | AbstractDataType;

/**
 * The options of TypeORM's column decorators that relata maps onto attributes.
 *
 * @example
 * @Column({ type: 'varchar', length: 100, nullable: true, unique: true, name: 'user_name' })
 */
export interface ColumnOptions {
  type?: ColumnType;
  /** The column name; the property name when omitted. */
  name?: string;
  length?: number | string;
  precision?: number;
  scale?: number;
  /** NULL allowed; false by default, as in TypeORM. */
  nullable?: boolean;
  /** A value, or a function returning raw SQL (as in TypeORM). */
  default?: unknown;
  unique?: boolean;
  primary?: boolean;
  comment?: string;
  /** Values of an `enum` column: an array or a TypeScript enum object. */
  enum?: readonly (string | number)[] | Record<string, string | number>;
  unsigned?: boolean;
}

/** Options of `@Entity`. */
export interface EntityOptions {
  /** The table name; the class name in snake_case when omitted. */
  name?: string;
  schema?: string;
}

/** Options of the relation decorators. */
export interface RelationOptions {
  /** What `repository.save()` (and remove, softRemove, recover) does to related entities as well: all of it with `true`. */
  cascade?: boolean | readonly ('insert' | 'update' | 'remove' | 'soft-remove' | 'recover')[];
  /** On a many-to-one: what saving the parent does to a child no longer in its one-to-many array (`'nullify'` by default). */
  orphanedRowAction?: 'nullify' | 'delete' | 'soft-delete' | 'disable';
  /** Whether the join column accepts NULL (many-to-one and owning one-to-one); true by default. */
  nullable?: boolean;
  onDelete?: ReferentialAction | 'DEFAULT';
  onUpdate?: ReferentialAction | 'DEFAULT';
  /** Load the relation with every find of this entity (a default-scope include). */
  eager?: boolean;
  /**
   * A lazy relation: the property is a promise of the related entities, loaded on first access
   * (one query for every entity of the result it came from). A property typed `Promise<T>` is lazy
   * without it, as in TypeORM.
   */
  lazy?: boolean;
  /** false: no FOREIGN KEY constraint in the database. */
  createForeignKeyConstraints?: boolean;
}

/** Options of `@JoinColumn`. */
export interface JoinColumnOptions {
  /** The foreign key column; `<property><ReferencedColumn>` (`userId`) when omitted. */
  name?: string;
  /** The referenced column of the target; its primary key when omitted. */
  referencedColumnName?: string;
}

/** Options of `@JoinTable`. */
export interface JoinTableOptions {
  /** The junction table; `<owner table>_<property>_<target table>` when omitted. */
  name?: string;
  joinColumn?: JoinColumnOptions;
  inverseJoinColumn?: JoinColumnOptions;
}

/** Which column decorator declared a column. @internal */
export type ColumnKind = 'column' | 'primary' | 'generated' | 'createDate' | 'updateDate' | 'deleteDate' | 'version';

/** What a column decorator recorded. @internal */
export interface ColumnDecoration {
  readonly kind: ColumnKind;
  readonly decorator: string;
  readonly type: ColumnType | undefined;
  readonly options: ColumnOptions;
  readonly strategy: 'increment' | 'uuid' | 'rowid' | 'identity' | undefined;
  readonly designType: unknown;
}

/** The relation kinds. @internal */
export type RelationKind = 'one-to-one' | 'one-to-many' | 'many-to-one' | 'many-to-many';

/** What a relation decorator recorded. @internal */
export interface RelationDecoration {
  readonly kind: RelationKind;
  readonly decorator: string;
  readonly target: () => unknown;
  readonly inverse: string | ((object: never) => unknown) | undefined;
  readonly options: RelationOptions;
}

/** What `@Index` / `@Unique` recorded: the properties indexed. @internal */
export interface IndexDecoration {
  readonly decorator: string;
  readonly name: string | undefined;
  readonly columns: readonly string[];
  readonly unique: boolean;
}
/** The entity listener kinds (`@BeforeInsert()` records 'beforeInsert' …). */
export type ListenerKind =
  | 'beforeInsert' | 'afterInsert' | 'beforeUpdate' | 'afterUpdate' | 'beforeRemove' | 'afterRemove'
  | 'beforeSoftRemove' | 'afterSoftRemove' | 'beforeRecover' | 'afterRecover' | 'afterLoad';

/** Everything the TypeORM-style decorators recorded on one class. @internal */
export interface EntityDecorations {
  entity: EntityOptions | undefined;
  readonly columns: Map<string, ColumnDecoration>;
  readonly relations: Map<string, RelationDecoration>;
  readonly joinColumns: Map<string, JoinColumnOptions>;
  readonly joinTables: Map<string, JoinTableOptions>;
  readonly indexes: IndexDecoration[];
  /** `@Generated` strategies by property. */
  readonly generated: Map<string, 'increment' | 'uuid' | 'rowid' | 'identity'>;
  /** The listener methods of each kind, in the order they were decorated. */
  readonly listeners: Map<ListenerKind, string[]>;
}

/** The records of the TypeORM-style decorators. @internal */
export const entityDecorations = new DecorationStore<EntityDecorations>('relata.decorators.typeorm', () => ({
  entity: undefined,
  columns: new Map(),
  relations: new Map(),
  joinColumns: new Map(),
  joinTables: new Map(),
  indexes: [],
  generated: new Map(),
  listeners: new Map(),
}));
