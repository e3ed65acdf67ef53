// The write side of Repository: TypeORM's create, merge, preload, save, insert, update, upsert,
// delete, remove and soft-delete semantics on relata's writes. A write of several rows or tables
// runs in one transaction (the manager's, inside manager.transaction()).
import type { Model} from '../index.js';
import { InvalidOptionError, Op, literal, type Transaction } from '../index.js';
import type { RepositoryContext } from './context.js';
import { callName, criteriaWhere, valuesOf } from './criteria.js';
import type { FindOptionsWhere } from './find-options.js';
import { isObject, keyOf, keyWhere, metaOf, relationValue, type EntityMeta } from './persist-metadata.js';
import { assign, entityArgument, isNew, SaveRun } from './persist-save.js';
import { settleLazyAssignments } from './entity-state.js';
import { removeGraph, type RemoveMode } from './persist-remove.js';
import { afterLoad } from './listeners.js';

/** TypeORM's `SaveOptions`. */
export interface SaveOptions {
  /** Passed to subscribers by TypeORM; entity listeners and relata's hooks do not read it. */
  data?: unknown;
  /** `false` skips the entity listeners (`@BeforeInsert()` …) and relata's model hooks. */
  listeners?: boolean;
  /** `false` runs the statements without a transaction of their own. */
  transaction?: boolean;
  /** Loads the existing rows of this many entities per query. */
  chunk?: number;
  reload?: boolean;
}
/** TypeORM's `RemoveOptions`. */
export type RemoveOptions = Omit<SaveOptions, 'reload'>;
/** The criteria of `update`, `delete`, `softDelete`, `restore`: ids, an id list, or conditions. */
export type Criteria<E> = string | number | Date | readonly (string | number | Date)[] | FindOptionsWhere<E>;
/** TypeORM's `InsertResult`, `UpdateResult` and `DeleteResult`. */
export interface InsertResult {
  identifiers: Record<string, unknown>[];
  generatedMaps: Record<string, unknown>[];
  raw: unknown;
}
export interface UpdateResult {
  raw: unknown;
  affected?: number;
  generatedMaps: Record<string, unknown>[];
}
export interface DeleteResult {
  raw: unknown;
  affected?: number | null;
}
/** `upsert(values, ['email'])` or `upsert(values, { conflictPaths, skipUpdateIfNoValuesChanged })`. */
export type UpsertOptions<E> = readonly (keyof E & string)[] | { conflictPaths: readonly (keyof E & string)[] | { [K in keyof E]?: true }; skipUpdateIfNoValuesChanged?: boolean };

type Entity = Record<string, unknown>;

function scopeOf(ctx: RepositoryContext, transaction: Transaction | undefined = ctx.transaction): { transaction?: Transaction } {
  return transaction === undefined ? {} : { transaction };
}

/** Runs `fn` in the manager's transaction, else in a new one (unless `transaction: false`). */
async function atomic<T>(ctx: RepositoryContext, options: SaveOptions | undefined, fn: (transaction: Transaction | undefined) => Promise<T>): Promise<T> {
  if (ctx.transaction !== undefined) return fn(ctx.transaction);
  if (options?.transaction === false) return fn(undefined);
  return ctx.relata.transaction((transaction) => fn(transaction));
}

function chunkOf(meta: EntityMeta, options: SaveOptions | undefined, method: string): number {
  const chunk = options?.chunk;
  if (chunk === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(chunk) || chunk < 1) throw InvalidOptionError.expected(callName(meta, method), 'chunk', 'a positive integer', chunk);
  return chunk;
}

// ------------------------------------------------------------------ entities in memory

/** A new, unsaved instance of `meta`'s entity holding what `plain` gives (unknown keys dropped, as TypeORM does). */
function build(meta: EntityMeta, plain: unknown): Model {
  if (!isObject(plain)) throw InvalidOptionError.expected(callName(meta, 'create'), 'the values', `an object of ${meta.name}'s properties (${meta.properties.join(', ')})`, plain);
  const values: Entity = {};
  for (const column of meta.columns) if (plain[column] !== undefined) values[column] = plain[column];
  const instance = meta.model.build(values as never);
  // build() fills defaults in; TypeORM's create() holds only what it was given.
  for (const key of Object.keys(instance.dataValues)) {
    if (key in values) continue;
    delete instance.dataValues[key];
    instance.changed(key, false);
  }
  for (const relation of meta.relations.values()) {
    const value = plain[relation.property];
    if (value === undefined) continue;
    const target = metaOf(relation.target);
    if (value === null) assign(instance, relation.property, null);
    else if (Array.isArray(value)) assign(instance, relation.property, value.map((one) => build(target, one)));
    else assign(instance, relation.property, build(target, value));
  }
  return instance;
}

export function create<E>(ctx: RepositoryContext, plain: unknown): E {
  return build(metaOf(ctx.model), plain) as unknown as E;
}

/** Copies `plain` onto `entity`: columns, and related entities merged by primary key (new ones built). */
function mergeInto(meta: EntityMeta, entity: Entity, plain: unknown): void {
  if (!isObject(plain)) throw InvalidOptionError.expected(callName(meta, 'merge'), 'each object to merge', `an object of ${meta.name}'s properties`, plain);
  for (const column of meta.columns) if (plain[column] !== undefined) assign(entity, column, plain[column]);
  for (const relation of meta.relations.values()) {
    const value = plain[relation.property];
    if (value === undefined) continue;
    const target = metaOf(relation.target);
    const current = relationValue(entity, relation.property);
    const mergeOne = (one: unknown, existing: unknown): unknown => {
      if (!isObject(one)) return one;
      const key = one[target.pk];
      if (isObject(existing) && (key === undefined || existing[target.pk] === key)) {
        mergeInto(target, existing, one);
        return existing;
      }
      return build(target, one);
    };
    if (value === null) assign(entity, relation.property, null);
    else if (Array.isArray(value)) {
      const existing = Array.isArray(current) ? current.filter(isObject) : [];
      assign(entity, relation.property, value.map((one) => mergeOne(one, isObject(one) && one[target.pk] !== undefined ? existing.find((e) => e[target.pk] === one[target.pk]) : undefined)));
    } else assign(entity, relation.property, mergeOne(value, current));
  }
}

export function merge<E>(ctx: RepositoryContext, entity: E, plains: readonly unknown[]): E {
  const meta = metaOf(ctx.model);
  if (!isObject(entity)) throw InvalidOptionError.expected(callName(meta, 'merge'), 'the entity', `a ${meta.name} or an object of its properties`, entity);
  for (const plain of plains) mergeInto(meta, entity, plain);
  return entity;
}

/** The row with `plain`'s primary key, with the relations `plain` names, merged with `plain`; undefined when absent. */
export async function preload<E>(ctx: RepositoryContext, plain: unknown): Promise<E | undefined> {
  const meta = metaOf(ctx.model);
  if (!isObject(plain)) throw InvalidOptionError.expected(callName(meta, 'preload'), 'the values', `an object with ${meta.name}'s ${meta.pk}`, plain);
  if (keyOf(meta, plain) === undefined) return undefined;
  const include = [...meta.relations.keys()].filter((property) => plain[property] !== undefined);
  const found = await meta.model.findOne({ where: keyWhere(meta, plain), ...scopeOf(ctx), ...(include.length > 0 ? { include } : {}) } as never);
  if (found === null) return undefined;
  // TypeORM loads it with a find: AfterLoad runs before the values are merged in.
  await afterLoad(meta.model, [found]);
  mergeInto(meta, found as unknown as Entity, plain);
  return found as unknown as E;
}

// ------------------------------------------------------------------ entity writes

export async function save<E>(ctx: RepositoryContext, entities: readonly E[], options: SaveOptions | undefined): Promise<E[]> {
  const meta = metaOf(ctx.model);
  const list = entities.map((entity) => entityArgument(meta, entity, 'save'));
  const chunk = chunkOf(meta, options, 'save');
  if (list.length === 0) return entities as E[];
  await settleLazyAssignments(list);
  // One new entity without relations is one INSERT: atomic on its own, no transaction needed.
  const single = list.length === 1 && list[0] !== undefined && isSingleInsert(meta, list[0]);
  await atomic(ctx, single ? { ...options, transaction: false } : options, async (transaction) => {
    const run = new SaveRun({ transaction, hooks: options?.listeners !== false });
    for (let start = 0; start < list.length; start += chunk) await run.save(meta, list.slice(start, start + chunk));
    await run.after();
  });
  return entities as E[];
}

function isSingleInsert(meta: EntityMeta, entity: Entity): boolean {
  return isNew(meta, entity) && [...meta.relations.keys()].every((property) => relationValue(entity, property) === undefined);
}

async function removeWith<E>(ctx: RepositoryContext, entities: readonly E[], options: SaveOptions | undefined, mode: RemoveMode): Promise<E[]> {
  const meta = metaOf(ctx.model);
  const list = entities.map((entity) => entityArgument(meta, entity, mode));
  if (list.length === 0) return entities as E[];
  await settleLazyAssignments(list);
  await atomic(ctx, options, (transaction) => removeGraph(meta, list, mode, { transaction, hooks: options?.listeners !== false }));
  return entities as E[];
}

export function remove<E>(ctx: RepositoryContext, entities: readonly E[], options: RemoveOptions | undefined): Promise<E[]> {
  return removeWith(ctx, entities, options, 'remove');
}
export function softRemove<E>(ctx: RepositoryContext, entities: readonly E[], options: SaveOptions | undefined): Promise<E[]> {
  return removeWith(ctx, entities, options, 'softRemove');
}
export function recover<E>(ctx: RepositoryContext, entities: readonly E[], options: SaveOptions | undefined): Promise<E[]> {
  return removeWith(ctx, entities, options, 'recover');
}

// ------------------------------------------------------------------ statements by criteria

/** What TypeORM reports as generated for an inserted row: keys and defaults not given, the date columns. */
/** TypeORM's generated map of a row: its generated columns, from the values given first, else from the stored ones; null where neither has one. */
function generatedMap(meta: EntityMeta, stored: Entity, given: Entity = stored): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const column of meta.generated) {
    const value = given[column] ?? stored[column];
    map[column] = value === undefined ? null : value;
  }
  return map;
}

// bulkCreate answers each row's values as inserted instead of instances (relata's VALUES_ONLY).
const VALUES_ONLY = Symbol.for('relata.bulkCreate.valuesOnly');

export async function insert<E>(ctx: RepositoryContext, values: readonly unknown[]): Promise<InsertResult> {
  const meta = metaOf(ctx.model);
  // Each given object is read once, into a copy that later steps read instead: objects made by
  // spreading (`{ ...row, createdAt }`) are slow to read property by property.
  const rows = values.map((one) => valuesOf(meta, one, 'insert'));
  if (rows.length === 0) return { identifiers: [], generatedMaps: [], raw: [] };
  const stored = (await meta.model.unscoped().bulkCreate(rows as never, { ...scopeOf(ctx), returning: true, [VALUES_ONLY]: true } as never)) as unknown as Entity[];
  const generatedMaps: Record<string, unknown>[] = new Array(stored.length);
  const identifiers: Record<string, unknown>[] = new Array(stored.length);
  const single = meta.pks.length === 1 ? meta.pk : undefined;
  for (let index = 0; index < stored.length; index++) {
    const inserted = stored[index] as Entity;
    const given = rows[index] as Entity;
    const map = generatedMap(meta, inserted);
    generatedMaps[index] = map;
    identifiers[index] = single === undefined ? keyWhere(meta, inserted) : { [single]: inserted[single] };
    // TypeORM writes what was generated back into the objects it was given.
    const one = values[index];
    if (!isObject(one)) continue;
    // Set here rather than through assign(): this site sees one shape of object per call, not every shape.
    for (const column of meta.generated) if (given[column] === undefined) one[column] = map[column];
  }
  return { identifiers, generatedMaps, raw: generatedMaps };
}

// async: bad criteria reject the returned promise, as TypeORM's do, rather than throw.
export async function update<E>(ctx: RepositoryContext, criteria: Criteria<E>, values: unknown): Promise<UpdateResult> {
  return updateWhere(ctx, criteriaWhere(metaOf(ctx.model), criteria, 'update'), values, 'update');
}

/** TypeORM's updateAll(): every row. */
export async function updateAll(ctx: RepositoryContext, values: unknown): Promise<UpdateResult> {
  return updateWhere(ctx, {}, values, 'updateAll');
}

async function updateWhere(ctx: RepositoryContext, where: object, values: unknown, method: string): Promise<UpdateResult> {
  const meta = metaOf(ctx.model);
  const changed = valuesOf(meta, values, method);
  if (Object.keys(changed).length === 0) {
    throw InvalidOptionError.expected(callName(meta, method), 'values', `at least one property of ${meta.name} to set (${meta.properties.join(', ')})`, values);
  }
  // TypeORM's update() counts the version up too (`"version" = "version" + 1`).
  if (meta.version !== undefined && changed[meta.version] === undefined) {
    const field = meta.model.definition.attributes.get(meta.version)?.field ?? meta.version;
    changed[meta.version] = literal(`${meta.model.sequelize.getQueryInterface().quoteIdentifier(field)} + 1`);
  }
  const [affected] = await meta.model.unscoped().update(changed as never, { where, paranoid: false, ...scopeOf(ctx) } as never);
  return { raw: [], affected, generatedMaps: [] };
}

function conflictPathsOf<E>(meta: EntityMeta, options: UpsertOptions<E>): string[] {
  const given = Array.isArray(options) ? options : isObject(options) ? (options as { conflictPaths: unknown }).conflictPaths : undefined;
  const paths = Array.isArray(given) ? (given as unknown[]) : isObject(given) ? Object.keys(given).filter((key) => given[key] === true) : undefined;
  if (paths === undefined || paths.length === 0 || !paths.every((path) => typeof path === 'string' && meta.attributes.has(path))) {
    throw InvalidOptionError.expected(callName(meta, 'upsert'), 'conflictPaths', `a non-empty list of ${meta.name}'s unique columns (${meta.columns.join(', ')})`, given);
  }
  return paths as string[];
}

export async function upsert<E>(ctx: RepositoryContext, values: readonly unknown[], options: UpsertOptions<E>): Promise<InsertResult> {
  const meta = metaOf(ctx.model);
  const conflict = conflictPathsOf(meta, options);
  const rows = values.map((one) => valuesOf(meta, one, 'upsert', true));
  if (rows.length === 0) return { identifiers: [], generatedMaps: [], raw: [] };
  const given = new Set(rows.flatMap((row) => Object.keys(row)));
  const overwrite = [...given].filter((key) => !conflict.includes(key) && key !== meta.pk && key !== meta.createdAt);
  if (meta.updatedAt !== undefined && !overwrite.includes(meta.updatedAt)) overwrite.push(meta.updatedAt);
  const created = await meta.model.unscoped().bulkCreate(rows as never, {
    ...scopeOf(ctx),
    returning: true,
    updateOnDuplicate: overwrite.length > 0 ? overwrite : [...conflict],
    conflictAttributes: conflict,
  } as never);
  const generatedMaps = created.map((instance, index) => generatedMap(meta, instance.dataValues as Entity, rows[index] ?? {}));
  const keys = await upsertedKeys(ctx, meta, rows, conflict);
  keys.forEach((key, index) => {
    const map = generatedMaps[index];
    if (map !== undefined && key !== undefined) map[meta.pk] = key;
  });
  const identifiers = meta.pks.length > 1 ? rows.map((row) => keyWhere(meta, row)) : keys.map((key) => ({ [meta.pk]: key }));
  return { identifiers, generatedMaps, raw: generatedMaps };
}

/** The key of each upserted row: given, else read back by its conflict columns (an updated row keeps its own). */
async function upsertedKeys(ctx: RepositoryContext, meta: EntityMeta, rows: readonly Entity[], conflict: readonly string[]): Promise<unknown[]> {
  const missing = rows.filter((row) => row[meta.pk] === undefined && conflict.every((column) => row[column] !== undefined));
  const found = missing.length === 0
    ? []
    : ((await meta.model.unscoped().findAll({
      where: { [Op.or]: missing.map((row) => Object.fromEntries(conflict.map((column) => [column, row[column]]))) },
      attributes: [meta.pk, ...conflict],
      raw: true,
      paranoid: false,
      ...scopeOf(ctx),
    } as never)) as unknown as Entity[]);
  const same = (a: unknown, b: unknown): boolean => a === b || String(a) === String(b);
  return rows.map((row) => row[meta.pk] ?? found.find((one) => conflict.every((column) => same(one[column], row[column])))?.[meta.pk]);
}

export async function deleteBy<E>(ctx: RepositoryContext, criteria: Criteria<E>): Promise<DeleteResult> {
  return deleteWhere(ctx, criteriaWhere(metaOf(ctx.model), criteria, 'delete'));
}

/** TypeORM's deleteAll(): every row, one DELETE. */
export function deleteAll(ctx: RepositoryContext): Promise<DeleteResult> {
  return deleteWhere(ctx, {});
}

async function deleteWhere(ctx: RepositoryContext, where: object): Promise<DeleteResult> {
  const meta = metaOf(ctx.model);
  const affected = await meta.model.unscoped().destroy({ where, force: true, ...scopeOf(ctx) } as never);
  return { raw: [], affected };
}

function deleteDateOf(meta: EntityMeta, method: string): string {
  if (meta.deletedAt === undefined) {
    throw InvalidOptionError.expected(callName(meta, method), 'the entity', `an entity with a @DeleteDateColumn() (${meta.name} has none)`, meta.name);
  }
  return meta.deletedAt;
}

/** softDelete and restore: TypeORM's UPDATE of the delete date (and the update date) on rows not yet (or already) deleted. */
async function setDeleted(ctx: RepositoryContext, criteria: unknown, method: 'softDelete' | 'restore'): Promise<UpdateResult> {
  const meta = metaOf(ctx.model);
  const deletedAt = deleteDateOf(meta, method);
  const where = criteriaWhere(meta, criteria, method);
  const now = new Date();
  const values: Entity = { [deletedAt]: method === 'softDelete' ? now : null };
  if (meta.updatedAt !== undefined) values[meta.updatedAt] = now;
  const state = method === 'softDelete' ? { [deletedAt]: null } : { [deletedAt]: { [Op.ne]: null } };
  const [affected] = await meta.model.unscoped().update(values as never, { where: { [Op.and]: [where, state] }, paranoid: false, ...scopeOf(ctx) } as never);
  return { raw: [], affected, generatedMaps: [] };
}

export function softDelete<E>(ctx: RepositoryContext, criteria: Criteria<E>): Promise<UpdateResult> {
  return setDeleted(ctx, criteria, 'softDelete');
}
export function restore<E>(ctx: RepositoryContext, criteria: Criteria<E>): Promise<UpdateResult> {
  return setDeleted(ctx, criteria, 'restore');
}

export async function increment<E>(ctx: RepositoryContext, conditions: FindOptionsWhere<E>, property: string, by: number | string): Promise<UpdateResult> {
  const meta = metaOf(ctx.model);
  const method = typeof by === 'number' ? (by < 0 ? 'decrement' : 'increment') : by.startsWith('-') ? 'decrement' : 'increment';
  if (!meta.columns.includes(property)) throw InvalidOptionError.expected(callName(meta, method), 'the property', `a numeric column of ${meta.name} (${meta.columns.join(', ')})`, property);
  const amount = typeof by === 'number' ? by : Number(by);
  if (!Number.isFinite(amount)) throw InvalidOptionError.expected(callName(meta, method), 'the value', 'a number (or a numeric string)', by);
  const where = criteriaWhere(meta, conditions, method);
  // One UPDATE … SET col = col + ? (and the update date, as TypeORM sets it).
  const [[, affected]] = await meta.model.unscoped().increment({ [property]: amount }, { where, returning: false, ...scopeOf(ctx) } as never);
  return { raw: [], affected, generatedMaps: [] };
}

export async function clear(ctx: RepositoryContext): Promise<void> {
  const meta = metaOf(ctx.model);
  await meta.model.unscoped().destroy({ where: {}, force: true, ...scopeOf(ctx) } as never);
}
