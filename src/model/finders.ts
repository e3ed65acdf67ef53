import type { CompiledQuery } from 'kysely';
import { EmptyResultError } from '../errors/empty-result-error.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { QueryError } from '../errors/query-error.js';
import { quoteIdentifier } from '../sql/escape.js';
import { UniqueConstraintError } from '../errors/unique-constraint-error.js';
import { ExpressionContext } from '../query/expression-context.js';
import { and, type Expr, type Selection } from '../query/expression.js';
import { Op } from '../query/operators.js';
import { paranoidFilter, planFind, type RowReader } from '../query/plan-find.js';
import type { AggregateOptions, CountOptions, FindOptions, FindOrCreateOptions } from '../query/query-options.js';
import { compileWhere, fragmentExpr, isPlainObject } from '../query/where.js';
import { normalizeIncludes, type NormalizedInclude } from '../query/include/normalize.js';
import { includePathResolver } from '../query/include/paths.js';
import { planJoins, type JoinedInclude } from '../query/include/join-plan.js';
import { planJsonIncludes, type JsonInclude, type JsonPlanContext } from '../query/include/json-plan.js';
import { requiredFilter } from '../query/include/required-filter.js';
import { includesToJoin } from '../query/include/strategy.js';
import { buildSelect, compileSelect } from '../sql/select.js';
import { Slot } from '../sql/plan-cache.js';
import type { DialectAdapter } from '../dialects/adapter.js';
import { JoinedHydrator, JsonHydrator, pruneIncludeAttributes } from './include-hydration.js';
import { createInstance, readRow } from './instance-state.js';
import { bumpDefinitionEpoch, definitionEpoch, type ModelDefinition, type NormalizedAttribute } from './model-definition.js';
import type { Model } from './model.js';
import { mergeFindOptions } from './scope-merge.js';
import * as writes from './writes.js';

type ModelClass = typeof Model;

/**
 * Merges the class's scope into the options as Sequelize does: the options win key by key (where
 * keys included), arrays are joined, includes of the same model and alias become one.
 * @internal
 */
export function withScope<T extends object>(model: ModelClass, options: T): T {
  const scope = model._scope ?? (model.definition.options.defaultScope as FindOptions | undefined);
  if (!scope || Object.keys(scope).length === 0) return options;
  return mergeFindOptions(model, scope, options);
}

/**
 * The options of a bulk write (`update`, `destroy`, `increment`) with the class's scope's `where`
 * merged into theirs, as Sequelize's `_injectScope` does for them: `User.scope('active').update(…)`
 * changes the active users only, and the default scope applies unless `unscoped()`.
 * @internal
 */
export function withScopeWhere<T extends { where?: unknown }>(model: ModelClass, options: T): T {
  const scope = model._scope ?? (model.definition.options.defaultScope as FindOptions | undefined);
  if (scope?.where === undefined) return options;
  if (options.where === undefined) return { ...options, where: scope.where };
  const { where } = mergeFindOptions(model, { where: scope.where }, { where: options.where } as FindOptions);
  return { ...options, where };
}

/** @internal */
export async function findAll(model: ModelClass, input: FindOptions, plain = false): Promise<Model[] | Record<string, unknown>[]> {
  const options = withScope(model, input);
  if (Array.isArray(options.attributes) && options.attributes.length === 0 && (options.include === undefined || (Array.isArray(options.include) && options.include.length === 0))) {
    // Sequelize's QueryError for a SELECT of no columns (rather than invalid SQL or rows of nothing).
    throw new QueryError(`Attempted a SELECT query for model '${model.name}' as ${quoteIdentifier(model.sequelize, model.name)} without selecting any columns`);
  }
  if (options.hooks !== false) {
    await model.runHooks('beforeFind', options);
    await model.runHooks('beforeFindAfterExpandIncludeAll', options);
    await model.runHooks('beforeFindAfterOptions', options);
  }
  const shape = simpleShape(model.definition, options);
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
  const late = options.raw ? [] : prepared.batched.filter((i) => i.separate);
  const out = await hydrate(model, prepared, result.rows, options, late);
  // As in Sequelize, findOne's afterFind gets the instance (or null), findAll's the list.
  if (options.hooks !== false) await model.runHooks('afterFind', plain ? (out[0] ?? null) : out, options);
  if (late.length > 0) {
    await loadIncludes(out as Model[], late, options, prepared.orders);
    finishIncludes(out as Model[], prepared);
  }
  return out;
}

/**
 * A planned findAll: its SQL, how to read its rows, and the includes loaded afterwards. For a
 * cached shape, the compiled query holds Slot markers where each call's where values go.
 */
interface PreparedFind {
  readonly compiled: CompiledQuery;
  readonly reader: RowReader;
  readonly hasIncludes: boolean;
  readonly joined: readonly JoinedInclude[];
  readonly json: readonly JsonInclude[];
  readonly batched: readonly NormalizedInclude[];
  readonly orders: ReadonlyMap<NormalizedInclude, unknown[]> | undefined;
  readonly epoch: number;
  /** Root keys read only to stitch to-many loads (not asked for in `attributes`). */
  readonly hiddenKeys: readonly string[];
}

function prepareFind(model: ModelClass, options: FindOptions, where: Expr | undefined): PreparedFind {
  const definition = model.definition;
  const epoch = definitionEpoch();
  const normalized = options.include === undefined ? [] : normalizeIncludes(model, options.include);
  const includes = options.includeIgnoreAttributes === false ? normalized.map(selectingNothing) : normalized;
  const alias = definition.modelName;
  // To-many includes whose columns the query aggregates or groups over are joined; the rest are JSON or batched.
  const joins = includes.length > 0 ? planJoins(definition, alias, includes, '', includesToJoin(includes, options)) : undefined;
  const filtering = joins ? joins.batched : [];
  // A to-many include that selects nothing only filters its parents (when required), as in Sequelize: nothing loads.
  const toMany = filtering.filter((i) => !selectsNothing(i));
  const hiddenKeys = options.group === undefined ? missingLinkKeys(options.attributes, toMany) : [];
  const planOptions: FindOptions = hiddenKeys.length > 0 ? ({ ...options, attributes: [...(options.attributes as unknown[]), ...hiddenKeys] } as FindOptions) : options;
  const plan = planFind(definition, planOptions, alias, joins ? includePathResolver(definition, alias, includes, joinedAliases(joins.joined)) : undefined, where);
  const relata = model.sequelize;
  const orders = toMany.length > 0 ? childOrders(toMany, options.order) : undefined;
  // A grouped or locked root keeps batched loads: a correlated aggregate in its select list would
  // reference ungrouped columns, and FOR UPDATE does not mix with aggregates on PostgreSQL.
  const jsonAllowed = relata.adapter.capabilities.jsonRows !== false && options.group === undefined && options.lock === undefined;
  const json = orders !== undefined && jsonAllowed ? planJsonIncludes(definition, alias, toMany, jsonContext(relata.adapter), orders) : undefined;
  let select = plan.select;
  if (joins && joins.joins.length > 0) select = { ...select, joins: [...(select.joins ?? []), ...joins.joins], selections: [...select.selections, ...joins.selections] };
  if (json && json.selections.length > 0) select = { ...select, selections: [...select.selections, ...json.selections] };
  if (filtering.some((i) => i.required)) select = { ...select, where: and([select.where, requiredFilter(definition, alias, filtering)]) };
  return {
    // A shape with Slot markers is compiled once here and cached by the caller, not by the plan cache.
    compiled: where === undefined ? compileSelect(relata, select) : buildSelect(relata, select).compile(),
    reader: plan.reader,
    hasIncludes: includes.length > 0,
    joined: joins?.joined ?? [],
    json: json?.json ?? [],
    batched: json ? json.batched : toMany,
    orders,
    epoch,
    hiddenKeys,
  };
}

/** Sequelize's `includeIgnoreAttributes: false`: the include and its nested ones select no attribute. */
function selectingNothing(include: NormalizedInclude): NormalizedInclude {
  return { ...include, attributes: [], include: include.include.map(selectingNothing) };
}

/** `attributes: []` here and in every nested include: the include adds no key to the result. */
function selectsNothing(include: NormalizedInclude): boolean {
  return Array.isArray(include.attributes) && include.attributes.length === 0 && include.include.every(selectsNothing);
}

/** A value as text that tells equal values apart from different ones (dates by time, buffers by bytes). */
function valueKey(value: unknown): string {
  if (value instanceof Date) return `d${value.getTime()}`;
  if (Buffer.isBuffer(value)) return `b${value.toString('hex')}`;
  if (value !== null && typeof value === 'object') return `o${JSON.stringify(value)}`;
  return `${typeof value}:${String(value)}`;
}

/**
 * The keys a to-many load stitches its rows by that a root `attributes: [...]` leaves out: they are
 * read, then dropped from the instances, so the result has exactly the attributes asked for.
 */
function missingLinkKeys(attributes: FindOptions['attributes'], toMany: readonly NormalizedInclude[]): string[] {
  if (!Array.isArray(attributes) || toMany.length === 0) return [];
  const named = new Set((attributes as unknown[]).map((a) => (Array.isArray(a) ? a[1] : a)));
  const keys = toMany.map((i) => (i.association.associationType === 'BelongsTo' ? i.association.foreignKey : (i.association.sourceKey as string)));
  return [...new Set(keys)].filter((k) => !named.has(k));
}

/** Drops the link keys read only to stitch to-many rows, and the include attributes not asked for. */
function finishIncludes(instances: readonly Model[], prepared: PreparedFind): void {
  if (prepared.hiddenKeys.length > 0) for (const instance of instances) for (const key of prepared.hiddenKeys) delete instance.dataValues[key];
  if (prepared.hasIncludes) pruneIncludeAttributes(instances, [...prepared.joined.map((j) => j.include), ...prepared.json.map((j) => j.include), ...prepared.batched]);
}

/**
 * `raw: true` rows of a query that joins a to-many include (see includesToJoin): one per joined
 * row, as Sequelize returns them, each joined column keyed by its path (`posts.title`,
 * `posts.author.name`), or nested under it with `nest: true`.
 */
function joinedRawRows(rows: readonly Record<string, unknown>[], prepared: PreparedFind, nest: boolean): Record<string, unknown>[] {
  const joinedReaders: { keys: readonly string[]; path: string[]; reader: RowReader; skip: readonly string[] }[] = [];
  const walk = (list: readonly JoinedInclude[]): void => {
    for (const j of list) {
      if (!j.hidden) joinedReaders.push({ keys: j.keys, path: j.alias.split('->'), reader: j.reader, skip: j.unrequested });
      walk(j.children);
    }
  };
  walk(prepared.joined);
  return rows.map((row) => {
    const values = readRow(row, prepared.reader);
    for (const { keys, path, reader, skip } of joinedReaders) {
      let target = values;
      if (nest) {
        for (const part of path) {
          const next = target[part];
          target = (next !== null && typeof next === 'object' ? next : (target[part] = {})) as Record<string, unknown>;
        }
      }
      for (let i = 0; i < keys.length; i++) {
        // Keys selected only to fold rows into instances are not part of a raw row.
        if (skip.includes(reader.keys[i] as string)) continue;
        const value = row[keys[i] as string];
        const type = reader.types[i];
        const parsed = value === null || value === undefined ? null : type === undefined ? value : type.fromDb(value);
        target[nest ? (reader.keys[i] as string) : `${path.join('.')}.${reader.keys[i] as string}`] = parsed;
      }
    }
    return values;
  });
}

/** Every joined include (nested ones too) with its join alias. */
function joinedAliases(joined: readonly JoinedInclude[], out = new Map<NormalizedInclude, { alias: string; many: boolean }>()): Map<NormalizedInclude, { alias: string; many: boolean }> {
  for (const j of joined) {
    out.set(j.include, { alias: j.alias, many: j.many });
    joinedAliases(j.children, out);
  }
  return out;
}

async function hydrate(
  model: ModelClass,
  prepared: PreparedFind,
  rows: readonly Record<string, unknown>[],
  options: FindOptions,
  /** Batched includes the caller loads afterwards. */
  late: readonly NormalizedInclude[] = [],
): Promise<Model[] | Record<string, unknown>[]> {
  const { reader } = prepared;
  if (options.raw && !prepared.hasIncludes) return rows.map((row) => readRow(row, reader));
  if (options.raw && prepared.joined.some((j) => j.many) && prepared.json.length === 0 && prepared.batched.length === 0) return joinedRawRows(rows, prepared, (options as { nest?: unknown }).nest === true);
  const prototype = model.prototype;
  const instances: Model[] = [];
  const instanceOptions = { isNewRecord: false, raw: true, attributes: reader.keys, include: options.include, siblings: instances };
  const jsonHydrator = prepared.json.length > 0 ? new JsonHydrator(prepared.json) : undefined;
  if (prepared.joined.length > 0 || jsonHydrator) {
    const hydrator = new JoinedHydrator(prepared.joined);
    // Rows of one root are told by its key, or, for a joined to-many include, by all its values when
    // the key is not selected (as Sequelize does); a hasOne without the root key is not folded.
    const pk = model.definition.primaryKey !== undefined && reader.keys.includes(model.definition.primaryKey) ? model.definition.primaryKey : undefined;
    const seen = hydrator.mayDuplicate && (pk !== undefined || prepared.joined.some((j) => j.many && !j.hidden)) ? new Map<unknown, Model>() : undefined;
    const rootKey = (values: Record<string, unknown>): unknown => (pk !== undefined ? values[pk] : reader.keys.map((k) => valueKey(values[k])).join('\u0000'));
    for (const row of rows) {
      const values = readRow(row, reader);
      if (seen) {
        // A repeated root (a joined hasOne or to-many) adds its joined children to the first one.
        const first = seen.get(rootKey(values));
        if (first !== undefined) {
          hydrator.attach(first, row);
          continue;
        }
      }
      const instance = createInstance(prototype, values, false, instanceOptions);
      if (seen) seen.set(rootKey(values), instance);
      hydrator.attach(instance, row);
      jsonHydrator?.attach(instance, row);
      instances.push(instance);
    }
    await hydrator.loadDeferred((children, deferred) => loadIncludes(children, deferred, options));
  } else {
    for (const row of rows) instances.push(createInstance(prototype, readRow(row, reader), false, instanceOptions));
  }
  const now = late.length === 0 ? prepared.batched : prepared.batched.filter((i) => !late.includes(i));
  if (now.length > 0) await loadIncludes(instances, now, options, prepared.orders);
  // Separate includes load after afterFind (see findAll), which finishes these instances then.
  if (late.length === 0) finishIncludes(instances, prepared);
  return options.raw ? instances.map((i) => i.get({ plain: true }) as Record<string, unknown>) : instances;
}

/** The cache key of a findAll whose options have a simple shape, and its where values in order. */
interface SimpleShape {
  readonly key: string;
  readonly names: readonly string[];
  readonly values: readonly unknown[];
}

// Options a simple shape may carry: the rest (lock, group, having, paranoid, where operators,
// fragments…) always go through full planning.
const SHAPE_KEYS: ReadonlySet<string> = new Set(['where', 'include', 'limit', 'offset', 'attributes', 'order', 'transaction', 'logging', 'benchmark', 'hooks', 'rejectOnEmpty', 'raw', 'useMaster', 'plain']);

const MODEL_IDS = new WeakMap<object, number>();
let nextModelId = 0;

function modelId(model: object): number {
  let id = MODEL_IDS.get(model);
  if (id === undefined) MODEL_IDS.set(model, (id = nextModelId++));
  return id;
}

/**
 * Repeated finds of one shape (a findByPk in a loop, the same findAll with other values) skip
 * planning: their SQL only differs in the values of equality conditions. A shape is simple when
 * where is `{ attribute: scalar, … }` (values the attribute's type accepts), includes are aliases,
 * models or `{ model, as }`, and attributes, order, limit and offset are plain. Anything else
 * returns undefined and is planned in full.
 */
function simpleShape(definition: ModelDefinition, options: FindOptions): SimpleShape | undefined {
  for (const key in options) if (!SHAPE_KEYS.has(key)) return undefined;
  if (Object.getOwnPropertySymbols(options).length > 0) return undefined;
  let key = '';
  const names: string[] = [];
  const values: unknown[] = [];
  const where = options.where as unknown;
  if (where !== undefined) {
    if (!isPlainObject(where) || Object.getOwnPropertySymbols(where).length > 0) return undefined;
    for (const name in where) {
      const attribute = definition.attributes.get(name);
      if (attribute === undefined || attribute.isVirtual || attribute.type.key === 'JSON' || attribute.type.key === 'JSONB') return undefined;
      const value = where[name];
      const kind = typeof value;
      if (!(kind === 'string' || kind === 'number' || kind === 'bigint' || kind === 'boolean' || value instanceof Date)) return undefined;
      // A value the type refuses takes the full path, which reports it.
      if (attribute.type.validate(value) !== undefined) return undefined;
      names.push(name);
      values.push(attribute.type.toDb(value));
      key += `${name}\u0000`;
    }
  }
  key += '|';
  const include = options.include as unknown;
  if (include !== undefined) {
    for (const entry of Array.isArray(include) ? include : [include]) {
      if (typeof entry === 'string') key += `s${entry}\u0000`;
      else if (typeof entry === 'function') key += `m${modelId(entry)}\u0000`;
      else if (isPlainObject(entry)) {
        let model = '';
        let as = '';
        for (const k in entry) {
          const v = entry[k];
          if (k === 'model' && typeof v === 'function') model = String(modelId(v));
          else if (k === 'as' && typeof v === 'string') as = v;
          else return undefined;
        }
        key += `o${model}/${as}\u0000`;
      } else return undefined;
    }
  }
  key += '|';
  const attributes = options.attributes as unknown;
  if (attributes !== undefined) {
    if (!Array.isArray(attributes)) return undefined;
    for (const a of attributes) {
      if (typeof a !== 'string') return undefined;
      key += `${a}\u0000`;
    }
  }
  key += '|';
  const order = options.order as unknown;
  if (order !== undefined) {
    if (!Array.isArray(order)) return undefined;
    for (const item of order) {
      if (typeof item === 'string') key += `${item}\u0000`;
      else if (Array.isArray(item) && item.every((p) => typeof p === 'string')) key += `${item.join('\u0001')}\u0000`;
      else return undefined;
    }
  }
  const { limit, offset } = options;
  if ((limit !== undefined && !Number.isSafeInteger(limit)) || (offset !== undefined && !Number.isSafeInteger(offset))) return undefined;
  key += `|${limit ?? ''}|${offset ?? ''}`;
  return { key, names, values };
}

const PREPARED = new WeakMap<ModelDefinition, Map<string, PreparedFind>>();
const MAX_PREPARED = 200;

function preparedFor(model: ModelClass, options: FindOptions, shape: SimpleShape): PreparedFind {
  const definition = model.definition;
  let cache = PREPARED.get(definition);
  if (cache === undefined) PREPARED.set(definition, (cache = new Map()));
  const cached = cache.get(shape.key);
  if (cached !== undefined && cached.epoch === definitionEpoch()) return cached;
  // The where of the shape, with a marker where each call's value goes: `attr = ?` per key, in order.
  const alias = definition.modelName;
  const where = and(
    shape.names.map((name, i): Expr => ({
      kind: 'binary',
      op: '=',
      left: { kind: 'column', table: alias, column: (definition.attributes.get(name) as NormalizedAttribute).field },
      right: { kind: 'value', value: new Slot(i) },
    })),
  );
  const prepared = prepareFind(model, options, where);
  if (cache.size >= MAX_PREPARED) cache.clear();
  cache.set(shape.key, prepared);
  return prepared;
}

function bindSlots(compiled: CompiledQuery, values: readonly unknown[]): CompiledQuery {
  const template = compiled.parameters;
  const parameters = new Array<unknown>(template.length);
  for (let i = 0; i < template.length; i++) {
    const p = template[i];
    parameters[i] = p instanceof Slot ? values[p.index] : p;
  }
  return { sql: compiled.sql, parameters, query: compiled.query, queryId: compiled.queryId } as CompiledQuery;
}

/**
 * Loads each include for the whole result set: one batched query per include (chunked by the
 * dialect's parameter limit); nested includes recurse through the target's finder.
 * @internal
 */
export async function loadIncludes(
  instances: readonly Model[],
  includes: readonly NormalizedInclude[],
  options: FindOptions,
  orders: ReadonlyMap<NormalizedInclude, unknown[]> = new Map(),
): Promise<void> {
  if (instances.length === 0) return;
  for (const include of includes) {
    const association = include.association as unknown as { loadInto(i: readonly Model[], o: object): Promise<void> };
    const loadOptions: Record<string, unknown> = { include: include.rawInclude };
    if (include.where !== undefined) loadOptions['where'] = include.where;
    if (include.attributes !== undefined) loadOptions['attributes'] = withKeys(include, include.attributes);
    if (include.paranoid !== undefined) loadOptions['paranoid'] = include.paranoid;
    if (include.limit !== undefined) loadOptions['limit'] = include.limit;
    if (include.offset !== undefined) loadOptions['offset'] = include.offset;
    if (include.through !== undefined) loadOptions['through'] = include.through;
    const order = includeOrder(include, orders.get(include) ?? []);
    if (order.length > 0) loadOptions['order'] = order;
    if (options.transaction !== undefined) loadOptions['transaction'] = options.transaction;
    if (options.logging !== undefined) loadOptions['logging'] = options.logging;
    // The target's find hooks run for a separate include (its own query, as in Sequelize), never for
    // one the planner happens to load in a batch: joined and JSON includes run none either.
    if (!include.separate || options.hooks === false) loadOptions['hooks'] = false;
    // The target's scope is already in the include's options (see normalizeIncludes); only what it asks beyond them is left.
    loadOptions['scope'] = Object.keys(include.scopeRest).length > 0 ? include.scopeRest : false;
    if (include.on !== undefined) {
      // A hasMany include with `on`: one query joined to the parents by that condition, then its own includes.
      const { include: _nested, ...own } = loadOptions;
      await (include.association as unknown as { loadOn(i: readonly Model[], n: NormalizedInclude, o: object): Promise<void> }).loadOn(instances, include, own);
      const children = instances.flatMap((i) => (i.dataValues[include.association.as] as Model[] | undefined) ?? []);
      if (include.include.length > 0) await loadIncludes(children, include.include, options);
      continue;
    }
    await association.loadInto(instances, loadOptions);
  }
}

/**
 * Root `order` entries that name an include's column (`[{ model: Post, as: 'posts' }, 'title', 'DESC']`,
 * `['posts', 'title', 'DESC']`, `'$posts.title$'`) also order that include's rows, as a joined
 * query would.
 */
function childOrders(includes: readonly NormalizedInclude[], order: unknown): Map<NormalizedInclude, unknown[]> {
  const out = new Map<NormalizedInclude, unknown[]>();
  if (!Array.isArray(order)) return out;
  for (const entry of order as unknown[]) {
    let parts: unknown[];
    if (typeof entry === 'string' && entry.startsWith('$') && entry.endsWith('$')) parts = entry.slice(1, -1).split('.');
    else if (Array.isArray(entry)) parts = entry.flatMap((p: unknown) => (typeof p === 'string' && p.startsWith('$') && p.endsWith('$') ? p.slice(1, -1).split('.') : [p]));
    else continue;
    if (parts.length < 2) continue;
    const head = parts[0];
    const alias = typeof head === 'string' ? head : head !== null && typeof head === 'object' && 'as' in head ? (head as { as: unknown }).as : undefined;
    const include = includes.find((i) => i.association.as === alias || (alias === undefined && typeof head === 'function' && i.association.target.name === (head as { name: string }).name));
    if (!include) continue;
    const rest = parts.slice(1);
    if (rest.length === 0 || typeof rest[0] !== 'string' || rest.length > 2) continue;
    const list = out.get(include) ?? [];
    list.push(rest);
    out.set(include, list);
  }
  return out;
}

// The keys that stitch children to parents must be selected even when the include lists attributes.
function withKeys(include: NormalizedInclude, attributes: unknown): unknown {
  const a = include.association;
  const keys = a.associationType === 'BelongsTo' || a.associationType === 'BelongsToMany' ? [a.targetKey] : [a.foreignKey];
  if (Array.isArray(attributes)) return [...new Set([...(keys as string[]), ...(attributes as string[])])];
  return attributes;
}

/** How the JSON planner reads an include's options and carries values on this connection's dialect. */
function jsonContext(adapter: DialectAdapter): JsonPlanContext {
  const carry = adapter.jsonCarry;
  return {
    carry: carry === undefined ? () => undefined : (type) => carry.call(adapter, type),
    optionsFor: includeFindOptions,
    childOrders,
  };
}

// The orders a parent's `order` gives the include's rows, then the include's own `order`.
function includeOrder(include: NormalizedInclude, fromParent: readonly unknown[]): unknown[] {
  const own = include.order === undefined ? [] : Array.isArray(include.order) ? (include.order as unknown[]) : [include.order];
  return [...fromParent, ...own];
}

// The find options a batched load of the include would pass to the target's findAll, its scope
// already merged (normalizeIncludes); undefined when the scope asks for more than order.
function includeFindOptions(include: NormalizedInclude, extraOrder: readonly unknown[]): FindOptions | undefined {
  const rest = include.scopeRest;
  if (Object.keys(rest).some((k) => k !== 'order')) return undefined;
  const own: FindOptions = {};
  if (include.where !== undefined) own.where = include.where as NonNullable<FindOptions['where']>;
  if (include.attributes !== undefined) own.attributes = withKeys(include, include.attributes) as NonNullable<FindOptions['attributes']>;
  if (include.paranoid !== undefined) own.paranoid = include.paranoid;
  const order = [...includeOrder(include, extraOrder), ...(rest['order'] === undefined ? [] : Array.isArray(rest['order']) ? (rest['order'] as unknown[]) : [rest['order']])];
  if (order.length > 0) own.order = order as NonNullable<FindOptions['order']>;
  return own;
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
  const rows = await findAll(model, { ...options, limit: options.limit ?? 1 }, true);
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
  return findOne(model, { ...options, where: options.where === undefined ? where : { [Op.and]: [where, options.where] } });
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
  const relata = model.sequelize;
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

/** Builds a scoped copy of a model class. @internal */
export function scoped(model: ModelClass, names: readonly unknown[]): ModelClass {
  const definition = model.definition;
  const scopes = (definition.options.scopes ?? {}) as Record<string, unknown>;
  let merged: FindOptions = {};
  for (const entry of names.flat()) {
    if (entry === null) continue;
    let scope: unknown;
    if (typeof entry === 'string') {
      scope = entry === 'defaultScope' ? definition.options.defaultScope : Object.hasOwn(scopes, entry) ? scopes[entry] : undefined;
      if (scope === undefined) throw InvalidOptionError.expected(`${model.name}.scope()`, 'the scope', `one of ${['defaultScope', ...Object.keys(scopes)].join(', ')}`, entry);
      if (typeof scope === 'function') scope = (scope as () => unknown)();
    } else if (isPlainObject(entry) && Array.isArray(entry['method'])) {
      const [name, ...args] = entry['method'] as [string, ...unknown[]];
      const fn = Object.hasOwn(scopes, name) ? scopes[name] : undefined;
      if (typeof fn !== 'function') throw InvalidOptionError.expected(`${model.name}.scope()`, 'the scope function', `one of ${Object.keys(scopes).filter((k) => typeof scopes[k] === 'function').join(', ')}`, name);
      scope = (fn as (...a: unknown[]) => unknown)(...args);
    } else if (isPlainObject(entry)) {
      scope = entry;
    } else {
      throw InvalidOptionError.expected(`${model.name}.scope()`, 'each scope', 'a scope name, { method: [name, ...args] } or an options object', entry);
    }
    merged = mergeFindOptions(model, merged, scope as FindOptions);
  }
  const Scoped = class extends (model as unknown as new () => object) {} as unknown as ModelClass;
  Object.defineProperty(Scoped, 'name', { value: model.name });
  Scoped._scope = merged;
  return Scoped;
}

/** Adds a named scope. @internal */
export function addScope(model: ModelClass, name: string, scope: unknown, override: boolean): void {
  const options = model.definition.options as { scopes?: Record<string, unknown>; defaultScope?: unknown };
  const scopes = (options.scopes = { ...(options.scopes ?? {}) });
  if (name === 'defaultScope') {
    if (options.defaultScope !== undefined && Object.keys(options.defaultScope as object).length > 0 && !override) {
      throw new InvalidOptionError(`${model.name}: the default scope is already defined; pass { override: true } to replace it`);
    }
    options.defaultScope = scope;
    bumpDefinitionEpoch();
    return;
  }
  if (scopes[name] !== undefined && !override) throw new InvalidOptionError(`${model.name}: scope "${name}" already exists; pass { override: true } to replace it`);
  scopes[name] = scope;
  bumpDefinitionEpoch();
}

