import { UnsupportedError } from '../index.js';
import { EntityNotFoundError } from './entity-not-found-error.js';
import { QUERY_BUILDER, targetName, type EntityTarget, type RepositoryContext } from './context.js';
import type { EntityManager } from './entity-manager.js';
import * as reads from './find.js';
import type { ColumnKeys, FindManyOptions, FindOneOptions, FindOptionsRelations, FindOptionsSelect, FindOptionsWhere, FindResult } from './find-options.js';
import * as writes from './persist.js';
import type { Criteria, DeleteResult, InsertResult, RemoveOptions, SaveOptions, UpdateResult, UpsertOptions } from './persist.js';

type Where<E> = FindOptionsWhere<E> | readonly FindOptionsWhere<E>[];

/** What TypeORM's `DeepPartial<E>` allows: any subset of the entity, relations included. */
export type DeepPartial<T> = T | (T extends readonly (infer U)[] ? DeepPartial<U>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T);

/**
 * A write of one entity or a list, answered in the same form: the list the write returns (the one
 * given), or its one entity.
 */
async function oneOrMany<T, R>(given: T | T[], write: (list: T[]) => Promise<R[]>): Promise<R | R[]> {
  if (Array.isArray(given)) return write(given);
  return (await write([given as T]))[0] as R;
}

/**
 * TypeORM's `Repository<Entity>` over relata's engine: the same methods and semantics, with
 * relata's include planner behind `relations`, and `skip`/`take` always counting entities.
 *
 * @example
 * const users = dataSource.getRepository(User)
 * const [page, total] = await users.findAndCount({ relations: { posts: true }, order: { id: 'ASC' }, skip: 20, take: 10 })
 */
export class Repository<E extends object> {
  readonly target: EntityTarget<E>;
  readonly manager: EntityManager;

  constructor(target: EntityTarget<E>, manager: EntityManager) {
    this.target = target;
    this.manager = manager;
  }

  /** @internal */
  get context(): RepositoryContext {
    return this.manager.contextOf(this.target);
  }

  // ------------------------------------------------------------------ reads

  /**
   * TypeORM's `find`: entities matching `where`, with `relations` loaded (present in the result's
   * type), fields narrowed by `select`; `skip`/`take` count entities, relations loaded or not.
   *
   * @example
   * const users = await repository.find({ where: { posts: { title: Like('a%') } }, relations: { posts: true }, order: { id: 'ASC' }, take: 10 })
   * users[0].posts // Post[], only the posts whose title starts with "a"
   */
  find<const R extends FindOptionsRelations<E> | undefined = undefined, const S extends FindOptionsSelect<E> | undefined = undefined>(
    options?: FindManyOptions<E> & { relations?: R; select?: S },
  ): Promise<FindResult<E, R, S>[]> {
    return reads.find(this.context, options) as Promise<FindResult<E, R, S>[]>;
  }

  findBy(where: Where<E>): Promise<E[]> {
    return reads.find(this.context, { where });
  }

  /** TypeORM's `findOne`: the first entity matching `where` (required), or `null`. */
  findOne<const R extends FindOptionsRelations<E> | undefined = undefined, const S extends FindOptionsSelect<E> | undefined = undefined>(
    options: FindOneOptions<E> & { relations?: R; select?: S },
  ): Promise<FindResult<E, R, S> | null> {
    return reads.findOne(this.context, options) as Promise<FindResult<E, R, S> | null>;
  }

  findOneBy(where: Where<E>): Promise<E | null> {
    return reads.findOne(this.context, { where });
  }

  /** `findOne`, throwing EntityNotFoundError (an EmptyResultError) when nothing matches. */
  async findOneOrFail<const R extends FindOptionsRelations<E> | undefined = undefined, const S extends FindOptionsSelect<E> | undefined = undefined>(
    options: FindOneOptions<E> & { relations?: R; select?: S },
  ): Promise<FindResult<E, R, S>> {
    const found = await this.findOne<R, S>(options);
    if (found === null) throw new EntityNotFoundError(targetName(this.target), options);
    return found;
  }

  async findOneByOrFail(where: Where<E>): Promise<E> {
    const found = await this.findOneBy(where);
    if (found === null) throw new EntityNotFoundError(targetName(this.target), where);
    return found;
  }

  /** `find` and the count of every matching entity (ignoring `skip`/`take`): `[entities, total]`. */
  findAndCount<const R extends FindOptionsRelations<E> | undefined = undefined, const S extends FindOptionsSelect<E> | undefined = undefined>(
    options?: FindManyOptions<E> & { relations?: R; select?: S },
  ): Promise<[FindResult<E, R, S>[], number]> {
    return reads.findAndCount(this.context, options) as Promise<[FindResult<E, R, S>[], number]>;
  }

  findAndCountBy(where: Where<E>): Promise<[E[], number]> {
    return reads.findAndCount(this.context, { where });
  }

  count(options?: FindManyOptions<E>): Promise<number> {
    return reads.count(this.context, options);
  }

  countBy(where: Where<E>): Promise<number> {
    return reads.count(this.context, { where });
  }

  /** Whether an entity matches (`count` > 0, without loading relations). */
  async exists(options?: FindManyOptions<E>): Promise<boolean> {
    return (await reads.count(this.context, options)) > 0;
  }

  existsBy(where: Where<E>): Promise<boolean> {
    return this.exists({ where });
  }

  /** The sum of a numeric column over the matching entities (`null` when none match). */
  sum(column: ColumnKeys<E>, where?: Where<E>): Promise<number | null> {
    return reads.aggregate(this.context, 'SUM', column, where);
  }

  average(column: ColumnKeys<E>, where?: Where<E>): Promise<number | null> {
    return reads.aggregate(this.context, 'AVG', column, where);
  }

  minimum(column: ColumnKeys<E>, where?: Where<E>): Promise<number | null> {
    return reads.aggregate(this.context, 'MIN', column, where);
  }

  maximum(column: ColumnKeys<E>, where?: Where<E>): Promise<number | null> {
    return reads.aggregate(this.context, 'MAX', column, where);
  }

  // ------------------------------------------------------------------ entities in memory

  create(): E;
  create(plain: DeepPartial<E>): E;
  create(plains: readonly DeepPartial<E>[]): E[];
  create(plain?: DeepPartial<E> | readonly DeepPartial<E>[]): E | E[] {
    if (Array.isArray(plain)) return (plain as readonly DeepPartial<E>[]).map((one) => writes.create<E>(this.context, one));
    return writes.create<E>(this.context, plain ?? {});
  }

  /** Copies the plain objects onto `entity` (related entities merged by primary key) and returns it. No SQL. */
  merge(entity: E, ...plains: DeepPartial<E>[]): E {
    return writes.merge(this.context, entity, plains);
  }

  /**
   * The row with `plain`'s primary key (with the relations `plain` names), `plain` merged onto it;
   * `undefined` when there is no such row. Writes nothing.
   *
   * @example
   * const user = await users.preload({ id: 1, name: 'Ada' }) // SELECT … WHERE "id" = $1; user.name === 'Ada'
   */
  preload(plain: DeepPartial<E>): Promise<E | undefined> {
    return writes.preload<E>(this.context, plain);
  }

  // ------------------------------------------------------------------ writes

  /**
   * Inserts the entities without a row and updates the changed columns of the others, with their
   * relations as each relation's `cascade` says: related entities inserted or updated, join columns
   * set, many-to-many junction rows made to match the arrays given, one-to-many children left out
   * handled by `orphanedRowAction`. One transaction (the manager's inside `transaction()`). Returns
   * the objects given, with their generated keys, defaults and dates filled in.
   *
   * @example
   * const ada = await users.save({ name: 'ada', posts: [{ title: 'Notes' }] })
   * // INSERT INTO "user" … RETURNING "id"; INSERT INTO "post" ("title", "userId") VALUES ($1, $2) …
   * ada.id // 1
   */
  save<T extends DeepPartial<E>>(entities: T[], options?: SaveOptions): Promise<(T & E)[]>;
  save<T extends DeepPartial<E>>(entity: T, options?: SaveOptions): Promise<T & E>;
  save<T extends DeepPartial<E>>(entityOrEntities: T | T[], options?: SaveOptions): Promise<(T & E) | (T & E)[]> {
    return oneOrMany(entityOrEntities, (list) => writes.save(this.context, list, options) as Promise<(T & E)[]>);
  }

  /**
   * Deletes the entities by primary key (and the related entities whose relation cascades
   * 'remove'), in one transaction; returns them without their primary key.
   *
   * @example
   * await users.remove(ada) // DELETE FROM "user" WHERE "id" = $1; ada.id === undefined
   */
  remove(entities: E[], options?: RemoveOptions): Promise<E[]>;
  remove(entity: E, options?: RemoveOptions): Promise<E>;
  remove(entityOrEntities: E | E[], options?: RemoveOptions): Promise<E | E[]> {
    return oneOrMany(entityOrEntities, (list) => writes.remove(this.context, list, options));
  }

  /** Sets the @DeleteDateColumn of the entities (and of related ones cascading 'soft-remove'); returns them with it set. */
  softRemove<T extends DeepPartial<E>>(entities: T[], options?: SaveOptions): Promise<(T & E)[]>;
  softRemove<T extends DeepPartial<E>>(entity: T, options?: SaveOptions): Promise<T & E>;
  softRemove<T extends DeepPartial<E>>(entityOrEntities: T | T[], options?: SaveOptions): Promise<(T & E) | (T & E)[]> {
    return oneOrMany(entityOrEntities, (list) => writes.softRemove(this.context, list, options) as Promise<(T & E)[]>);
  }

  /** Clears the @DeleteDateColumn of the entities (and of related ones cascading 'recover'). */
  recover<T extends DeepPartial<E>>(entities: T[], options?: SaveOptions): Promise<(T & E)[]>;
  recover<T extends DeepPartial<E>>(entity: T, options?: SaveOptions): Promise<T & E>;
  recover<T extends DeepPartial<E>>(entityOrEntities: T | T[], options?: SaveOptions): Promise<(T & E) | (T & E)[]> {
    return oneOrMany(entityOrEntities, (list) => writes.recover(this.context, list, options) as Promise<(T & E)[]>);
  }

  /**
   * Inserts rows in one statement, without cascades; the objects given get their generated values.
   *
   * @example
   * await users.insert([{ name: 'ada' }, { name: 'bob' }]) // INSERT INTO "user" ("name", …) VALUES ($1, …), ($5, …)
   * // { identifiers: [{ id: 1 }, { id: 2 }], generatedMaps: [{ id: 1, score: 0, createdAt, … }, …], raw }
   */
  insert(values: DeepPartial<E> | DeepPartial<E>[]): Promise<InsertResult> {
    return writes.insert<E>(this.context, Array.isArray(values) ? values : [values]);
  }

  /**
   * Updates the rows matching `criteria` (an id, ids, or equality conditions; never empty).
   *
   * @example
   * await users.update({ name: 'ada' }, { score: 10 }) // UPDATE "user" SET "score" = $1, "updatedAt" = $2 WHERE "name" = $3 → { affected: 1 }
   */
  update(criteria: Criteria<E>, values: DeepPartial<E>): Promise<UpdateResult> {
    return writes.update(this.context, criteria, values);
  }

  /**
   * Updates every row (TypeORM 1's updateAll: update() refuses empty criteria).
   *
   * @example
   * await users.updateAll({ active: false }) // UPDATE "user" SET "active" = $1 → { affected: 3 }
   */
  updateAll(values: DeepPartial<E>): Promise<UpdateResult> {
    return writes.updateAll(this.context, values);
  }

  /**
   * Inserts rows, updating those that conflict on `conflictPaths`, in one statement.
   *
   * @example
   * await users.upsert([{ email: 'a@x', name: 'ada' }], ['email']) // INSERT … ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name", …
   */
  upsert(values: DeepPartial<E> | DeepPartial<E>[], options: UpsertOptions<E>): Promise<InsertResult> {
    return writes.upsert(this.context, Array.isArray(values) ? values : [values], options);
  }

  /**
   * Deletes the rows matching `criteria` (an id, ids, or equality conditions; never empty: `clear()` empties the table).
   *
   * @example
   * await users.delete([1, 2]) // DELETE FROM "user" WHERE "id" IN ($1, $2) → { affected: 2 }
   */
  delete(criteria: Criteria<E>): Promise<DeleteResult> {
    return writes.deleteBy(this.context, criteria);
  }

  /**
   * Deletes every row in one DELETE (TypeORM 1's deleteAll: delete() refuses empty criteria).
   *
   * @example
   * await users.deleteAll() // DELETE FROM "user" → { affected: 3 }
   */
  deleteAll(): Promise<DeleteResult> {
    return writes.deleteAll(this.context);
  }

  /** Sets the @DeleteDateColumn of the live rows matching `criteria`. @example await users.softDelete(1) // UPDATE "user" SET "deletedAt" = $1, "updatedAt" = $2 WHERE "id" = $3 AND "deletedAt" IS NULL */
  softDelete(criteria: Criteria<E>): Promise<UpdateResult> {
    return writes.softDelete(this.context, criteria);
  }

  /** Clears the @DeleteDateColumn of the deleted rows matching `criteria`. @example await users.restore({ name: 'ada' }) */
  restore(criteria: Criteria<E>): Promise<UpdateResult> {
    return writes.restore(this.context, criteria);
  }

  /** Adds `value` to a numeric column of the matching rows in one UPDATE. @example await users.increment({ id: 1 }, 'score', 5) // UPDATE "user" SET "score" = "score" + $1 … */
  increment(conditions: FindOptionsWhere<E>, propertyPath: keyof E & string, value: number | string): Promise<UpdateResult> {
    return writes.increment(this.context, conditions, propertyPath, value);
  }

  /** Subtracts `value` from a numeric column of the matching rows in one UPDATE. */
  decrement(conditions: FindOptionsWhere<E>, propertyPath: keyof E & string, value: number | string): Promise<UpdateResult> {
    return writes.increment(this.context, conditions, propertyPath, typeof value === 'number' ? -value : String(-Number(value)));
  }

  /** Deletes every row of the entity's table (`DELETE FROM`, so it also works on a table other tables reference). */
  clear(): Promise<void> {
    return writes.clear(this.context);
  }

  // ------------------------------------------------------------------ out of scope

  /** TypeORM's QueryBuilder is not part of relata: use `find` options, or relata's models and `relata.query()`. */
  createQueryBuilder(): never {
    throw new UnsupportedError(`Repository<${targetName(this.target)}>.createQueryBuilder()`, QUERY_BUILDER);
  }
}
