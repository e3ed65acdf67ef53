// TypeORM's find options. Placeholder shapes: the typed forms (where keys and operator values
// checked against the entity, relations and select narrowing the result) replace them.

/** `where`: an object of conditions (or an array of them, joined by OR). */
export type FindOptionsWhere<E> = { [K in keyof E]?: unknown };
/** `relations`: property paths (`['posts', 'posts.comments']`) or the object form (`{ posts: { comments: true } }`). */
export type FindOptionsRelations<E> = readonly string[] | { [K in keyof E]?: unknown };
/** `select`: the object form (`{ id: true, posts: { title: true } }`) or an array of property names. */
export type FindOptionsSelect<E> = readonly (keyof E & string)[] | { [K in keyof E]?: unknown };
/** `order`: `{ name: 'ASC', posts: { id: 'DESC' } }`. */
export type FindOptionsOrder<E> = { [K in keyof E]?: unknown };

export interface FindOneOptions<E> {
  where?: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[];
  relations?: FindOptionsRelations<E>;
  select?: FindOptionsSelect<E>;
  order?: FindOptionsOrder<E>;
  withDeleted?: boolean;
  relationLoadStrategy?: 'join' | 'query';
  lock?: { mode: 'optimistic'; version: number | Date } | { mode: 'pessimistic_read' | 'pessimistic_write' | 'dirty_read' | 'pessimistic_partial_write' | 'pessimistic_write_or_fail' | 'for_no_key_update' | 'for_key_share'; tables?: string[]; onLocked?: 'nowait' | 'skip_locked' };
  loadEagerRelations?: boolean;
  cache?: boolean | number;
  comment?: string;
  transaction?: boolean;
}

export interface FindManyOptions<E> extends FindOneOptions<E> {
  skip?: number;
  take?: number;
}
