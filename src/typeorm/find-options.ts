// TypeORM's find options, typed against the entity: where keys and operator values are checked
// against its properties, and `relations` / `select` narrow what find() returns.
import type { FindOperator } from './find-operators.js';

/** The property types a column holds (anything else is a relation or an embedded object). */
type Scalar = string | number | boolean | bigint | Date | Uint8Array | symbol;

/** The entity a relation property points at (`Post` for `posts: Post[]`, `User` for `user: User | null`). */
type RelatedOf<P> = NonNullable<P> extends readonly (infer U)[] ? NonNullable<U> : NonNullable<P> extends Promise<infer U> ? RelatedOf<U> : NonNullable<P>;

/** Whether a property is a column (true) or a relation (false). */
type IsColumn<P> = [NonNullable<P>] extends [never] ? true : [NonNullable<P>] extends [Scalar] ? true : NonNullable<P> extends readonly (infer U)[] ? ([NonNullable<U>] extends [Scalar] ? true : false) : false;

/** The names of an entity's data properties (methods left out). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches methods of any signature
type DataKeys<E> = { [K in keyof E]-?: K extends string ? (NonNullable<E[K]> extends (...args: any[]) => any ? never : K) : never }[keyof E];
/** The relation properties of an entity. */
export type RelationKeys<E> = { [K in DataKeys<E>]: IsColumn<E[K]> extends true ? never : K }[DataKeys<E>];
/** The column properties of an entity. */
export type ColumnKeys<E> = { [K in DataKeys<E>]: IsColumn<E[K]> extends true ? K : never }[DataKeys<E>];

/**
 * What `where` takes for one property: for a column, its value or an operator on its type (for a
 * string column, the string operators too: `Like`, `ILike`); for a relation, conditions on the
 * related entity (`posts: { title: Like('a%') }`), `true` (no condition, as TypeORM), or an
 * operator on the foreign key of a `@ManyToOne` (`author: IsNull()`).
 */
export type FindOptionsWhereProperty<P> =
  IsColumn<P> extends true
    ? NonNullable<P> | FindOperator<NonNullable<P>> | (NonNullable<P> extends string ? FindOperator<string> : never)
    : FindOptionsWhere<RelatedOf<P>> | boolean | FindOperator<unknown>;

/** `where`: conditions on the entity's properties, ANDed (an array of them is ORed). */
export type FindOptionsWhere<E> = { [K in DataKeys<E>]?: FindOptionsWhereProperty<E[K]> };

/** `relations`: the object form (`{ posts: { comments: true } }`), or property paths (`['posts', 'posts.comments']`). */
export type FindOptionsRelations<E> = FindOptionsRelationsObject<E> | readonly RelationPath<E>[];
/** `relations` in the object form. */
export type FindOptionsRelationsObject<E> = { [K in RelationKeys<E>]?: boolean | FindOptionsRelationsObject<RelatedOf<E[K]>> };
/** A path of relations, checked on its first property (`'posts'`, `'posts.comments'`). */
export type RelationPath<E> = RelationKeys<E> | `${RelationKeys<E>}.${string}`;

/** `select`: the properties to load (`{ id: true, posts: { title: true } }`), or an array of column names. */
export type FindOptionsSelect<E> = FindOptionsSelectObject<E> | readonly ColumnKeys<E>[];
/** `select` in the object form. */
export type FindOptionsSelectObject<E> = { [K in DataKeys<E>]?: IsColumn<E[K]> extends true ? boolean : boolean | FindOptionsSelectObject<RelatedOf<E[K]>> };

/** A direction of `order`. */
export type FindOptionsOrderValue = 'ASC' | 'DESC' | 'asc' | 'desc' | 1 | -1 | { direction?: 'ASC' | 'DESC' | 'asc' | 'desc'; nulls?: 'FIRST' | 'LAST' | 'first' | 'last' };
/** `order`: `{ name: 'ASC', posts: { id: 'DESC' } }`, into relations. */
export type FindOptionsOrder<E> = { [K in DataKeys<E>]?: IsColumn<E[K]> extends true ? FindOptionsOrderValue : FindOptionsOrder<RelatedOf<E[K]>> };

/** TypeORM's `lock` option. */
export type FindOptionsLock =
  | { mode: 'optimistic'; version: number | Date }
  | { mode: 'pessimistic_read' | 'pessimistic_write' | 'dirty_read' | 'pessimistic_partial_write' | 'pessimistic_write_or_fail' | 'for_no_key_update' | 'for_key_share'; tables?: string[]; onLocked?: 'nowait' | 'skip_locked' };

export interface FindOneOptions<E> {
  where?: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[];
  relations?: FindOptionsRelations<E>;
  select?: FindOptionsSelect<E>;
  order?: FindOptionsOrder<E>;
  /** Includes soft-deleted rows (`@DeleteDateColumn`), of the entity and of its relations. */
  withDeleted?: boolean;
  /** `'join'`: relata's planner picks per relation; `'query'`: one batched query per to-many level. */
  relationLoadStrategy?: 'join' | 'query';
  /** Row locks, inside a transaction (`manager.transaction()`), on PostgreSQL and MariaDB. */
  lock?: FindOptionsLock;
  /** `false` leaves out the relations declared `eager: true`. */
  loadEagerRelations?: boolean;
  /** Accepted for TypeORM code; relata keeps no query result cache, so it changes nothing. */
  cache?: boolean | number | { id?: string; milliseconds?: number };
  /** Accepted for TypeORM code; relata runs the query without a comment. */
  comment?: string;
  /** Accepted for TypeORM code: a read runs in the manager's transaction, or in none. */
  transaction?: boolean;
}

export interface FindManyOptions<E> extends FindOneOptions<E> {
  /** Entities to skip: always counted in entities, relations loaded or not. */
  skip?: number;
  /** Entities to return at most: always counted in entities, relations loaded or not. */
  take?: number;
}

// ------------------------------------------------------------------ results

/** True when `R` loads something (an object form or `true`). */
type Loads<R> = R extends true ? true : R extends object ? true : false;

/** A loaded relation's value: present, its elements loaded further by the nested form. */
type LoadedValue<V, R> = R extends object
  ? NonNullable<V> extends readonly (infer U)[]
    ? Loaded<NonNullable<U>, R>[]
    : Loaded<NonNullable<V>, R> | (null extends V ? null : never)
  : Exclude<V, undefined>;

/** An entity with the relations of `R` present (non-optional) in its type. */
export type Loaded<E, R> = R extends readonly unknown[]
  ? E
  : Omit<E, keyof R & keyof E> & { -readonly [K in keyof R & keyof E as Loads<R[K]> extends true ? K : never]-?: LoadedValue<E[K], R[K]> } & {
      [K in keyof R & keyof E as Loads<R[K]> extends true ? never : K]: E[K];
    };

/** The properties `select` names (with `true` or a nested object). */
type SelectedKeys<S> = { [K in keyof S]-?: S[K] extends false | undefined ? never : K }[keyof S];

/** A selected relation's value, narrowed by its nested select. */
type SelectedValue<V, S> = S extends object
  ? NonNullable<V> extends readonly (infer U)[]
    ? Selected<NonNullable<U>, S>[]
    : Selected<NonNullable<V>, S> | Extract<V, null | undefined>
  : V;

/** An entity narrowed to the properties `select` names. */
export type Selected<E, S> = S extends readonly (infer K)[] ? Pick<E, K & keyof E> : { [K in SelectedKeys<S> & keyof E]: SelectedValue<E[K], S[K & keyof S]> };

/**
 * What `find()` returns for each entity: the relations of `relations` (`R`) present, the fields
 * narrowed by `select` (`S`); `undefined` for an option left out.
 */
export type FindResult<E, R, S> = [S] extends [undefined] ? LoadedOrEntity<E, R> : Selected<LoadedOrEntity<E, R>, SelectOfLoaded<S, R>>;

/** `select` without the relations `relations` does not load (selecting into one loads nothing, as in TypeORM). */
type SelectOfLoaded<S, R> = S extends readonly unknown[] ? S : R extends readonly unknown[] ? S : { [K in keyof S as K extends keyof R ? K : S[K] extends object ? never : K]: S[K] };

type LoadedOrEntity<E, R> = [R] extends [undefined] ? E : Loaded<E, R>;
