// TypeORM's @Index, @Unique and @Generated. They record what the entity declares; registering the
// entity turns the indexes into the model's `indexes` (so sync() and migration:generate create
// them) and a generated value into the attribute's default or auto-increment.
import { DecoratorError } from '../../index.js';
import { isClassCall, isMemberCall } from '../decorator-call.js';
import type { ClassDecoratorFunction, FieldDecorator } from '../decorator-types.js';
import type { IndexDecoration } from './entity-decorations.js';
import { entityClassRecord, entityMemberRecord } from './entity-record.js';

/** Options of `@Index`. */
export interface IndexOptions {
  /** A unique index. */
  unique?: boolean;
  /** A partial index's condition: not supported (relata's indexes have no WHERE); a DecoratorError names it. */
  where?: string;
  /** Accepted for TypeORM code; relata builds an ordinary index. */
  sparse?: boolean;
  /** Accepted for TypeORM code; relata builds an ordinary index. */
  background?: boolean;
  /** Not supported (no spatial or full-text indexes): a DecoratorError names it. */
  spatial?: boolean;
  /** Not supported (no spatial or full-text indexes): a DecoratorError names it. */
  fulltext?: boolean;
  /** Accepted for TypeORM code; relata builds an ordinary index. */
  concurrent?: boolean;
}

type Columns<T> = readonly (keyof T & string)[] | ((object: T) => readonly unknown[] | Record<string, unknown>);

/** The property names a column list names: an array, or `(user) => [user.first, user.last]` / `({ first: user.first })`. */
function columnNames(columns: unknown): string[] | undefined {
  if (Array.isArray(columns)) return columns.map(String);
  if (typeof columns !== 'function') return undefined;
  // TypeORM calls the function on an object whose properties return their own names.
  const probe = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? key : undefined) });
  const result = (columns as (object: unknown) => unknown)(probe);
  if (Array.isArray(result)) return result.map(String);
  if (result !== null && typeof result === 'object') return Object.keys(result);
  return undefined;
}

function isOptions(value: unknown): value is IndexOptions {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function record(decorator: string, args: readonly unknown[], index: Omit<IndexDecoration, 'columns' | 'decorator'> & { columns: string[] | undefined }): void {
  if (isMemberCall(args)) {
    const { record: entity, site } = entityMemberRecord(decorator, args);
    entity.indexes.push({ ...index, decorator, columns: index.columns ?? [site.name] });
    return;
  }
  if (!isClassCall(args)) throw DecoratorError.noMetadata(decorator);
  if (index.columns === undefined || index.columns.length === 0) {
    const cls = args[0] as { name?: string };
    throw DecoratorError.relation(String(cls.name ?? 'entity'), '(class)', decorator, 'an index on the class names its columns: @Index(["firstName", "lastName"]) or @Index((user) => [user.firstName, user.lastName])');
  }
  entityClassRecord(decorator, args).indexes.push({ ...index, decorator, columns: index.columns });
}

/**
 * An index, on one column (on the property) or on several (on the class), unique with
 * `{ unique: true }`. Named as given, else by relata's rule (`<table>_<columns>`).
 *
 * @example
 * @Index() @Column() email: string
 * @Entity() @Index(['firstName', 'lastName'], { unique: true }) class User { … }
 * @Entity() @Index('user_name', (user: User) => [user.firstName, user.lastName]) class User { … }
 */
export function Index(options?: IndexOptions): ClassDecoratorFunction & FieldDecorator;
export function Index(name: string, options?: IndexOptions): ClassDecoratorFunction & FieldDecorator;
export function Index<T>(columns: Columns<T>, options?: IndexOptions): ClassDecoratorFunction & FieldDecorator;
export function Index<T>(name: string, columns: Columns<T>, options?: IndexOptions): ClassDecoratorFunction & FieldDecorator;
export function Index(first?: unknown, second?: unknown, third?: unknown): ClassDecoratorFunction & FieldDecorator {
  const name = typeof first === 'string' ? first : undefined;
  const rest = name === undefined ? [first, second] : [second, third];
  const columns = isOptions(rest[0]) ? undefined : columnNames(rest[0]);
  const options = (isOptions(rest[0]) ? rest[0] : isOptions(rest[1]) ? rest[1] : {}) as IndexOptions;
  const refused = options.where !== undefined ? `where: ${JSON.stringify(options.where)} (a partial index)` : options.spatial === true ? 'spatial: true' : options.fulltext === true ? 'fulltext: true' : undefined;
  return ((...args: unknown[]) => {
    if (refused !== undefined) {
      const owner = isMemberCall(args) ? `${String((args[0] as { constructor?: { name?: string } }).constructor?.name)}.${String(args[1])}` : String((args[0] as { name?: string }).name);
      throw new DecoratorError(`@Index on ${owner}: ${refused} is not supported; declare the index in a migration (queryInterface.addIndex, or raw SQL through queryInterface.sequelize.query)`);
    }
    record('@Index', args, { name, columns, unique: options.unique === true });
  }) as ClassDecoratorFunction & FieldDecorator;
}

/**
 * A unique constraint on one or more columns (created as a unique index).
 *
 * @example
 * @Entity() @Unique(['email']) class User { … }
 * @Entity() @Unique('uq_user_name', ['firstName', 'lastName']) class User { … }
 */
export function Unique<T>(columns: Columns<T>): ClassDecoratorFunction & FieldDecorator;
export function Unique<T>(name: string, columns: Columns<T>): ClassDecoratorFunction & FieldDecorator;
export function Unique(name?: string): ClassDecoratorFunction & FieldDecorator;
export function Unique(first?: unknown, second?: unknown): ClassDecoratorFunction & FieldDecorator {
  const name = typeof first === 'string' ? first : undefined;
  const columns = columnNames(name === undefined ? first : second);
  return ((...args: unknown[]) => {
    record('@Unique', args, { name, columns, unique: true });
  }) as ClassDecoratorFunction & FieldDecorator;
}

/**
 * A column whose value the insert generates: `'uuid'` (a v4 UUID, set by relata when none is
 * given) or `'increment'` (auto-increment, on the primary key column).
 *
 * @example
 * @Column() @Generated('uuid') publicId: string
 */
export function Generated(strategy: 'increment' | 'uuid' | 'rowid' | 'identity' = 'increment'): FieldDecorator {
  return ((...args: unknown[]) => {
    const { record: entity, site } = entityMemberRecord('@Generated', args);
    entity.generated.set(site.name, strategy);
  }) as FieldDecorator;
}
