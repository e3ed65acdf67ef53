import { extendOptions } from '../utils/extend-options.js';
import type { CompiledQuery } from 'kysely';
import { EmptyResultError } from '../errors/empty-result-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { QueryError } from '../errors/query-error.js';
import { quoteIdentifier } from '../sql/escape.js';
import { UniqueConstraintError } from '../errors/unique-constraint-error.js';
import { ExpressionContext } from '../query/expression-context.js';
import { and, type Expr, type Selection } from '../query/expression.js';
import { Op } from '../query/operators.js';
import { paranoidFilter } from '../query/plan-find.js';
import type { AggregateOptions, CountOptions, FindOptions, FindOrCreateOptions } from '../query/query-options.js';
import { compileWhere, fragmentExpr, isPlainObject } from '../query/where.js';
import { normalizeIncludes } from '../query/include/normalize.js';
import { includePathResolver } from '../query/include/paths.js';
import { planJoins } from '../query/include/join-plan.js';
import { requiredFilter } from '../query/include/required-filter.js';
import { compileSelect } from '../sql/select.js';
import type { Model } from './model.js';
import type { HookName } from './hooks.js';
import * as writes from './writes.js';
import { withScope } from './scopes.js';
import { type PreparedFind, joinedAliases, prepareFind } from './find-plan.js';
import { bindSlots, preparedFor, simpleShape } from './find-shape.js';
import { loadIncludes, loadRawIncludes } from './include-loader.js';
import { finishIncludes, hydrate, hydrateRaw } from './find-hydrate.js';

type ModelClass = typeof Model;

const NONE: readonly never[] = Object.freeze([]);
/** @internal */
export async function findAll(model: ModelClass, input: FindOptions, plain = false): Promise<Model[] | Record<string, unknown>[]> {
  const options = withScope(model, input);
  if (Array.isArray(options.attributes) && options.attributes.length === 0 && (options.include === undefined || (Array.isArray(options.include) && options.include.length === 0))) {
    // Sequelize's QueryError for a SELECT of no columns (rather than invalid SQL or rows of nothing).
    throw new QueryError(`Attempted a SELECT query for model '${model.name}' as ${quoteIdentifier(model.sequelize, model.name)} without selecting any columns`);
  }
  if (options.hooks !== false && (hooked(model, 'beforeFind') || hooked(model, 'beforeFindAfterExpandIncludeAll') || hooked(model, 'beforeFindAfterOptions'))) {
    await model.runHooks('beforeFind', options);
    await model.runHooks('beforeFindAfterExpandIncludeAll', options);
    await model.runHooks('beforeFindAfterOptions', options);
  }
  const shape = simpleShape(model, options);
  let prepared: PreparedFind;
  let compiled: CompiledQuery;
  if (shape === undefined) {
    prepared = prepareFind(model, options, undefined);
    compiled = prepared.compiled;
  } else {
    prepared = preparedFor(model, options, shape);
    compiled = bindSlots(prepared.compiled, shape.values);
  }
  const result = await model.sequelize.execute(compiled, options);
  // As in Sequelize, afterFind sees the rows before their `separate` includes are loaded (their
  // own query runs the target's find hooks); other includes are loaded by then, whatever the strategy.
  const late = options.raw || prepared.batched.length === 0 ? NONE : prepared.batched.filter((i) => i.separate);
  // raw: true reads the rows straight into plain objects where no model has getters (else through instances).
  const hydrated = (options.raw ? hydrateRaw(model, prepared, result.rows, options, loadRawIncludes) : undefined) ?? hydrate(model, prepared, result.rows, options, late, loadIncludes);
  const out = hydrated instanceof Promise ? await hydrated : hydrated;
  // As in Sequelize, findOne's afterFind gets the instance (or null), findAll's the list.
  if (options.hooks !== false && hooked(model, 'afterFind')) await model.runHooks('afterFind', plain ? (out[0] ?? null) : out, options);
  if (late.length > 0) {
    await loadIncludes(out as Model[], late, options, prepared.orders);
    finishIncludes(out as Model[], prepared);
  }
  return out;
}
/** Whether a hook of this type is registered on the model or its connection (else nothing to await). */
function hooked(model: ModelClass, name: HookName): boolean {
  return model.hookRegistry.has(name) || model.sequelize.hasHook(name);
}
/**
 * What `rejectOnEmpty` throws, as in Sequelize: the given error, a new instance of a given error
 * class (`rejectOnEmpty: ConnectionError`), else an `EmptyResultError`.
 * @internal
 */
export function emptyResultError(modelName: string, rejectOnEmpty: unknown): Error {
  if (rejectOnEmpty instanceof Error) return rejectOnEmpty;
  if (typeof rejectOnEmpty === 'function' && rejectOnEmpty.prototype instanceof Error) return new (rejectOnEmpty as new () => Error)();
  return new EmptyResultError(`${modelName}: no row matched (rejectOnEmpty)`);
}
/** @internal */
export async function findOne(model: ModelClass, options: FindOptions): Promise<Model | Record<string, unknown> | null> {
  return firstOf(model, await findAll(model, extendOptions(options, { limit: options.limit ?? 1 }), true), options);
}
/** findOne's answer from its rows: the first, or null (or the rejectOnEmpty error). */
function firstOf(model: ModelClass, rows: Model[] | Record<string, unknown>[], options: FindOptions): Model | Record<string, unknown> | null {
  const found = rows[0] ?? null;
  if (found === null && options.rejectOnEmpty) {
    throw emptyResultError(model.name, options.rejectOnEmpty);
  }
  return found;
}
/** @internal */
export async function findByPk(model: ModelClass, id: unknown, options: FindOptions): Promise<Model | Record<string, unknown> | null> {
  if (id === null || id === undefined) return null;
  const keys = model.definition.primaryKeys;
  let where: Record<string, unknown>;
  if (isPlainObject(id) && keys.length > 1) where = Object.fromEntries(keys.map((k) => [k, id[k]]));
  else if (keys.length === 1) where = { [keys[0] as string]: id };
  else throw InvalidOptionError.expected(`${model.name}.findByPk`, 'the key', keys.length === 0 ? 'a model with a primary key' : `an object with ${keys.join(', ')}`, id);
  if (typeof id === 'object' && !isPlainObject(id) && !(id instanceof Date) && !Buffer.isBuffer(id)) {
    throw InvalidOptionError.expected(`${model.name}.findByPk`, 'the key', 'a string, number or bigint', id);
  }
  // findOne's options in one copy: the key's where, and limit 1.
  const found = await findAll(model, extendOptions(options, { where: options.where === undefined ? where : { [Op.and]: [where, options.where] }, limit: options.limit ?? 1 }), true);
  return firstOf(model, found, options);
}
/** @internal */
export async function count(model: ModelClass, input: CountOptions): Promise<number> {
  const options = withScope(model, input);
  if (options.hooks !== false) await model.runHooks('beforeCount', options);
  const definition = model.definition;
  const alias = definition.modelName;
  const ctx = new ExpressionContext({ definition, tableAlias: alias, clause: 'where' });
  const target: Expr = options.col !== undefined ? ctx.col(options.col).expr : definition.primaryKey !== undefined && options.distinct ? ctx.attribute(definition.primaryKey).expr : { kind: 'star', table: undefined };
  const relata = model.sequelize;
  const includes = options.include === undefined ? [] : normalizeIncludes(model, options.include);
  const groupEntries: unknown[] = options.group === undefined ? [] : Array.isArray(options.group) ? (options.group as unknown[]).flat() : [options.group];
  // A grouped count counts the joined rows of each group, as Sequelize does: its includes are joined
  // (selecting nothing of them). Without group, roots are counted, required includes as EXISTS.
  const joins = groupEntries.length > 0 && includes.length > 0 ? planJoins(definition, alias, includes, '', new Set(includes.filter((i) => i.association.isMultiAssociation && !i.separate && i.limit === undefined))) : undefined;
  const filtered = joins ? joins.batched : includes;
  const resolvePath = includes.length > 0 ? includePathResolver(definition, alias, includes, joins ? joinedAliases(joins.joined) : undefined) : undefined;
  const wctx = resolvePath ? new ExpressionContext({ definition, tableAlias: alias, clause: 'where', resolvePath }) : ctx;
  const where = and([compileWhere(options.where, wctx), paranoidFilter(definition, alias, options.paranoid), requiredFilter(definition, alias, filtered)]);
  const countExpr: Expr = { kind: 'fn', name: 'COUNT', args: [target], distinct: options.distinct === true && target.kind !== 'star' };
  const gctx = wctx.withClause('group');
  const group = groupEntries.map((g) => (typeof g === 'string' ? gctx.col(g).expr : fragmentExpr(g, gctx)));
  // Sequelize's shape: one row per group with the listed attributes and the groups (each string
  // keyed by its last segment: 'User.id' -> id), and a numeric count.
  const selections: Selection[] = [];
  const keys = new Set<string>();
  const add = (entry: unknown, expr: () => Expr): void => {
    const key = typeof entry === 'string' ? entry.slice(entry.lastIndexOf('.') + 1) : Array.isArray(entry) && typeof entry[1] === 'string' ? entry[1] : undefined;
    if (key === undefined || keys.has(key) || key === 'count') return;
    keys.add(key);
    selections.push({ expr: expr(), as: key });
  };
  if (group.length > 0 && Array.isArray(options.attributes)) {
    const actx = wctx.withClause('attributes');
    for (const a of options.attributes as unknown[]) add(a, () => (typeof a === 'string' ? actx.col(a).expr : fragmentExpr((a as unknown[])[0], actx)));
  }
  groupEntries.forEach((g, i) => add(g, () => group[i] as Expr));
  selections.push({ expr: countExpr, as: 'count' });
  const compiled = compileSelect(relata, {
    table: definition.sqlTable, alias, joins: joins?.joins ?? [], selections, where, group, having: undefined, order: [], limit: undefined, offset: undefined, lock: undefined, skipLocked: false, distinct: false,
  });
  const result = await relata.execute<{ count: unknown }>(compiled, options);
  if (group.length > 0) return result.rows.map((row) => ({ ...row, count: Number(row.count) })) as never;
  return Number(result.rows[0]?.count ?? 0);
}
/** @internal */
export async function findAndCountAll(model: ModelClass, options: FindOptions): Promise<{ rows: Model[]; count: number }> {
  // As in Sequelize, the count ignores the find's attributes (a grouped count keys its rows by the groups).
  const { attributes: _attributes, ...rest } = options;
  const countOptions: CountOptions = rest as CountOptions;
  const [total, rows] = await Promise.all([count(model, countOptions), findAll(model, options)]);
  return { count: total, rows: rows as Model[] };
}
const AGGREGATES = new Set(['max', 'min', 'sum', 'avg', 'count']);
/** @internal */
export async function aggregate(model: ModelClass, attribute: string, fn: string, input: AggregateOptions): Promise<unknown> {
  const options = withScope(model, input);
  const name = fn.toLowerCase();
  if (!AGGREGATES.has(name)) throw InvalidOptionError.expected(`${model.name}.aggregate`, 'the function', [...AGGREGATES].join(', '), fn);
  const definition = model.definition;
  const alias = definition.modelName;
  const ctx = new ExpressionContext({ definition, tableAlias: alias, clause: 'aggregate' });
  const column = attribute === '*' ? { expr: { kind: 'star', table: undefined } as Expr, attribute: undefined } : ctx.attribute(attribute);
  const where = and([compileWhere(options.where, ctx.withClause('where')), paranoidFilter(definition, alias, options.paranoid)]);
  const relata = model.sequelize;
  const compiled = compileSelect(relata, {
    table: definition.sqlTable, alias, selections: [{ expr: { kind: 'fn', name: name.toUpperCase(), args: [column.expr], distinct: options.distinct === true }, as: name }],
    where, group: [], having: undefined, order: [], limit: undefined, offset: undefined, lock: undefined, skipLocked: false, distinct: false,
  });
  const result = await relata.execute<Record<string, unknown>>(compiled, options);
  const value = result.rows[0]?.[name];
  // As in Sequelize: no row to aggregate gives null (count gives 0), and a DECIMAL column's max/min
  // is a number, as Sequelize parses aggregates of DECIMAL and FLOAT columns.
  if (value === null || value === undefined) return name === 'count' ? 0 : null;
  if (name === 'sum' || name === 'avg' || name === 'count') return Number(value);
  if (column.attribute?.type.key === 'DECIMAL') return Number.parseFloat(String(value));
  return column.attribute ? column.attribute.type.fromDb(value) : value;
}
/**
 * Finds or creates inside a transaction (savepoint when one is active). A concurrent insert that
 * wins the race surfaces as a unique violation, after which the row is found again.
 * @internal
 */
export async function findOrCreate(model: ModelClass, options: FindOrCreateOptions): Promise<[Model, boolean]> {
  if (!isPlainObject(options?.where)) {
    throw InvalidOptionError.expected(`${model.name}.findOrCreate`, 'where', 'an object of attribute values', options?.where);
  }
  const found = (await findOne(model, options)) as Model | null;
  if (found) return [found, false];
  const values: Record<string, unknown> = { ...(options.defaults ?? {}) };
  for (const [key, value] of Object.entries(options.where)) if (!isPlainObject(value) && !Array.isArray(value)) values[key] = value;
  return createOrFindAgain(model, values, options);
}
/**
 * The create half of findOrCreate and findCreateFind: creates the row, or, when a concurrent
 * create won the race on a unique key, finds it again. Returns `[instance, created]`.
 * @internal
 */
export async function createOrFindAgain(model: ModelClass, values: Record<string, unknown>, options: FindOrCreateOptions): Promise<[Model, boolean]> {
  const relata = model.sequelize;
  const outer = options.transaction === undefined ? relata.currentTransaction() : (options.transaction ?? undefined);
  const attempt = async (): Promise<[Model, boolean]> => {
    try {
      // Inside a transaction this is a savepoint, so a duplicate key leaves the transaction usable.
      const created = await relata.transaction(outer === undefined ? {} : { transaction: outer }, (t) =>
        writes.create(model, values, { ...pickWriteOptions(options), transaction: t }),
      );
      return [created, true];
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) throw error;
      const again = (await findOne(model, { ...options, ...(outer === undefined ? {} : { transaction: outer }) })) as Model | null;
      if (again) return [again, false];
      throw error;
    }
  };
  if (outer === undefined) return attempt();
  // Savepoints on one connection form a stack: concurrent attempts in the same transaction take
  // turns, or one's ROLLBACK TO would discard another's savepoint (and its INSERT would run in an
  // aborted PostgreSQL transaction). Each turn looks again first: an earlier turn may have created the row.
  const previous = SAVEPOINT_TURNS.get(outer) ?? Promise.resolve();
  const turn = previous.then(async (): Promise<[Model, boolean]> => {
    const existing = (await findOne(model, { ...options, transaction: outer })) as Model | null;
    return existing ? [existing, false] : attempt();
  });
  SAVEPOINT_TURNS.set(outer, turn.catch(() => undefined));
  return turn;
}
/** The last findOrCreate insert queued in each transaction. */
const SAVEPOINT_TURNS = new WeakMap<object, Promise<unknown>>();
// The options of the create half, as Sequelize passes them on to create.
const WRITE_KEYS = ['logging', 'benchmark', 'hooks', 'fields', 'validate', 'silent', 'returning'] as const;
function pickWriteOptions(options: FindOrCreateOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of WRITE_KEYS) if (options[key] !== undefined) out[key] = options[key];
  return out;
}
/** @internal */
export async function reload(instance: Model, options: FindOptions): Promise<Model> {
  const model = instance.constructor as ModelClass;
  const attributes = options.attributes ?? instance._options.attributes;
  const fresh = (await findOne(model, { ...options, ...(attributes === undefined ? {} : { attributes: attributes as never }), where: instance.where(), paranoid: false, hooks: false })) as Model | null;
  if (!fresh) throw new EmptyResultError(`${model.name}: instance could not be reloaded because it does not exist anymore (find call returned null)`);
  instance.dataValues = { ...instance.dataValues, ...fresh.dataValues };
  instance._previousDataValues = { ...instance.dataValues };
  instance._changed.clear();
  instance.isNewRecord = false;
  return instance;
}
