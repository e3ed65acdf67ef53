/** Rows of a planned findAll into instances (or raw rows), joined and JSON includes attached. */
import type { RowReader } from '../query/plan-find.js';
import type { FindOptions } from '../query/query-options.js';
import type { NormalizedInclude } from '../query/include/normalize.js';
import type { JoinedInclude } from '../query/include/join-plan.js';
import type { JsonInclude } from '../query/include/json-plan.js';
import { attachJoined, JoinedHydrator, type JoinedNodes, JsonHydrator, joinedTraits, loadDeferredJoined, pruneIncludeAttributes, pruneValues } from './include-hydration.js';
import { createInstance } from './instance-state.js';
import { byColumn, byName, byPosition, type ReadValues } from './row-reader.js';
import type { Model } from './model.js';
import { definitionEpoch, type ModelDefinition } from '../metadata/model-definition.js';
import type { LevelPlan } from './find-plan.js';

type ModelClass = typeof Model;
type Row = Record<string, unknown>;

/** What loads batched includes for a set of instances (loadIncludes). @internal */
export type LoadIncludes = (instances: readonly Model[], includes: readonly NormalizedInclude[], options: FindOptions, orders?: ReadonlyMap<NormalizedInclude, unknown[]>) => Promise<void>;

/** A value as text that tells equal values apart from different ones (dates by time, buffers by bytes). */
function valueKey(value: unknown): string {
  if (value instanceof Date) return `d${value.getTime()}`;
  if (Buffer.isBuffer(value)) return `b${value.toString('hex')}`;
  if (value !== null && typeof value === 'object') return `o${JSON.stringify(value)}`;
  return `${typeof value}:${String(value)}`;
}
/** The includes of a planned find, in the order finishIncludes prunes them. */
const PRUNED = new WeakMap<LevelPlan, readonly NormalizedInclude[]>();
/** Models whose instances read as their values (no getter, no computed or virtual getter), by definition. */
const PLAIN = new WeakMap<ModelDefinition, { readonly epoch: number; readonly plain: boolean }>();
function readsAsValues(definition: ModelDefinition): boolean {
  const epoch = definitionEpoch();
  let known = PLAIN.get(definition);
  if (known === undefined || known.epoch !== epoch) {
    known = { epoch, plain: definition.getterMethods.size === 0 && [...definition.attributes.values()].every((a) => a.get === undefined) };
    PLAIN.set(definition, known);
  }
  return known.plain;
}
/**
 * A raw row of a find with includes: what `get({ plain: true })` gives, read straight from the
 * values (included instances in turn) when the model has no getter of any kind.
 */
function plainOf(instance: Model, base: Function): Record<string, unknown> {
  if (!readsAsValues((instance.constructor as ModelClass).definition)) return instance.get({ plain: true }) as Record<string, unknown>;
  const values = instance.dataValues;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(values)) {
    const value = values[key];
    out[key] = value instanceof base ? plainOf(value as Model, base) : Array.isArray(value) && value.length > 0 && value[0] instanceof base ? (value as Model[]).map((v) => plainOf(v, base)) : value;
  }
  return out;
}
/** The class every model extends (Model), found from an instance without importing it. */
function baseClass(instance: Model | undefined): Function {
  if (instance === undefined) return Object;
  let c = instance.constructor as Function;
  for (let parent = Object.getPrototypeOf(c) as Function; parent !== Function.prototype; parent = Object.getPrototypeOf(c) as Function) c = parent;
  return c;
}
/** What tells one root's rows apart: its key, else all its values. */
function rootKey(values: Record<string, unknown>, pk: string | undefined, reader: RowReader): unknown {
  return pk !== undefined ? values[pk] : reader.keys.map((k) => valueKey(values[k])).join('\u0000');
}
/** Drops the link keys read only to stitch to-many rows, and the include attributes not asked for. */
export function finishIncludes(instances: readonly Model[], prepared: LevelPlan): void {
  if (prepared.hiddenKeys.length > 0) for (const instance of instances) for (const key of prepared.hiddenKeys) delete instance.dataValues[key];
  if (prepared.hasIncludes && instances.length > 0) {
    let includes = PRUNED.get(prepared);
    if (includes === undefined) PRUNED.set(prepared, (includes = [...prepared.joined.map((j) => j.include), ...prepared.json.map((j) => j.include), ...prepared.batched]));
    pruneIncludeAttributes(instances, includes);
  }
}
/**
 * `raw: true` rows of a query that joins a to-many include (see includesToJoin): one per joined
 * row, as Sequelize returns them, each joined column keyed by its path (`posts.title`,
 * `posts.author.name`), or nested under it with `nest: true`.
 */
function joinedRawRows(rows: readonly Record<string, unknown>[], prepared: LevelPlan, nest: boolean): Record<string, unknown>[] {
  const joinedReaders: { read: ReadValues; path: string[]; prefix: string; keys: readonly string[]; skip: readonly string[] }[] = [];
  const walk = (list: readonly JoinedInclude[]): void => {
    for (const j of list) {
      const path = j.alias.split('->');
      if (!j.hidden) joinedReaders.push({ read: byColumn(j.reader, j.keys, rows.length), path, prefix: path.join('.'), keys: j.reader.keys, skip: j.unrequested });
      walk(j.children);
    }
  };
  walk(prepared.joined);
  const read = byName(prepared.reader, rows.length);
  return rows.map((row) => {
    const values = read(row);
    for (const { read: readJoined, path, prefix, keys, skip } of joinedReaders) {
      let target = values;
      if (nest) {
        for (const part of path) {
          const next = target[part];
          target = (next !== null && typeof next === 'object' ? next : (target[part] = {})) as Record<string, unknown>;
        }
      }
      const joined = readJoined(row);
      for (const key of keys) {
        // Keys selected only to fold rows into instances are not part of a raw row.
        if (skip.includes(key)) continue;
        target[nest ? key : `${prefix}.${key}`] = joined[key];
      }
    }
    return values;
  });
}
/**
 * The rows as instances (or raw rows), their includes attached and loaded. Synchronous when
 * nothing is left to load (a point lookup), so the caller awaits no further promise.
 */
export function hydrate(
  model: ModelClass,
  prepared: LevelPlan,
  rows: readonly Record<string, unknown>[],
  options: FindOptions,
  /** Batched includes the caller loads afterwards. */
  late: readonly NormalizedInclude[],
  /** Loads the batched includes (include-loader.ts). */
  loadIncludes: LoadIncludes,
): Model[] | Record<string, unknown>[] | Promise<Model[] | Record<string, unknown>[]> {
  const { reader } = prepared;
  const read = byName(reader, rows.length, rows[0]);
  if (options.raw && !prepared.hasIncludes) {
    const out = new Array<Record<string, unknown>>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = read(rows[i] as Record<string, unknown>);
    return out;
  }
  if (options.raw && prepared.joined.some((j) => j.many) && prepared.json.length === 0 && prepared.batched.length === 0) return joinedRawRows(rows, prepared, (options as { nest?: unknown }).nest === true);
  const prototype = model.prototype;
  const instances: Model[] = [];
  const instanceOptions = { isNewRecord: false, raw: true, attributes: reader.keys, include: options.include, siblings: instances };
  const jsonHydrator = prepared.json.length > 0 ? new JsonHydrator(prepared.json) : undefined;
  let deferred: JoinedHydrator | undefined;
  if (prepared.joined.length > 0 || jsonHydrator) {
    const hydrator = new JoinedHydrator(prepared.joined);
    // Rows of one root are told by its key, or, for a joined to-many include, by all its values when
    // the key is not selected (as Sequelize does); a hasOne without the root key is not folded.
    const pk = model.definition.primaryKey !== undefined && reader.keys.includes(model.definition.primaryKey) ? model.definition.primaryKey : undefined;
    const seen = rows.length > 1 && hydrator.mayDuplicate && (pk !== undefined || prepared.joined.some((j) => j.many && !j.hidden)) ? new Map<unknown, Model>() : undefined;
    for (const row of rows) {
      const values = read(row);
      if (seen) {
        // A repeated root (a joined hasOne or to-many) adds its joined children to the first one.
        const first = seen.get(rootKey(values, pk, reader));
        if (first !== undefined) {
          hydrator.attach(first, row);
          continue;
        }
      }
      const instance = createInstance(prototype, values, false, instanceOptions);
      if (seen) seen.set(rootKey(values, pk, reader), instance);
      hydrator.attach(instance, row);
      jsonHydrator?.attach(instance, row);
      instances.push(instance);
    }
    if (hydrator.hasDeferred) deferred = hydrator;
  } else {
    for (const row of rows) instances.push(createInstance(prototype, read(row), false, instanceOptions));
  }
  const now = late.length === 0 ? prepared.batched : prepared.batched.filter((i) => !late.includes(i));
  if (deferred === undefined && now.length === 0) return finishRows(instances, prepared, options, late);
  return (async () => {
    if (deferred !== undefined) await deferred.loadDeferred((children, nested) => loadIncludes(children, nested, options));
    if (now.length > 0) await loadIncludes(instances, now, options, prepared.orders);
    return finishRows(instances, prepared, options, late);
  })();
}
function finishRows(instances: Model[], prepared: LevelPlan, options: FindOptions, late: readonly NormalizedInclude[]): Model[] | Record<string, unknown>[] {
  // Separate includes load after afterFind (see findAll), which finishes these instances then.
  if (late.length === 0) finishIncludes(instances, prepared);
  if (!options.raw) return instances;
  const base = baseClass(instances[0]);
  return instances.map((i) => plainOf(i, base));
}

/** What loads batched includes for a set of plain rows of a `raw: true` find (loadRawIncludes). @internal */
export type LoadRawIncludes = (rows: readonly Row[], includes: readonly NormalizedInclude[], options: FindOptions, orders?: ReadonlyMap<NormalizedInclude, unknown[]>) => Promise<void>;

/** Per planned level: whether its `raw: true` rows can be read without instances (see readsPlain). */
const RAW_PLAIN = new WeakMap<LevelPlan, { readonly epoch: number; readonly plain: boolean }>();
/**
 * Whether a `raw: true` find of this plan returns what instances' `get({ plain: true })` would
 * without building them: every model it reads (the root, each included target and junction)
 * reads as its values (no getter of any kind), and no include is loaded by the target's own
 * findAll (`separate`, or a hasMany with `on`), which builds instances and runs their hooks.
 */
function readsPlain(model: ModelClass, prepared: LevelPlan): boolean {
  const epoch = definitionEpoch();
  let known = RAW_PLAIN.get(prepared);
  if (known === undefined || known.epoch !== epoch) {
    const includes = [...prepared.joined.map((j) => j.include), ...prepared.json.map((j) => j.include), ...prepared.batched];
    known = { epoch, plain: readsAsValues(model.definition) && includes.every(includeReadsPlain) };
    RAW_PLAIN.set(prepared, known);
  }
  return known.plain;
}
function includeReadsPlain(include: NormalizedInclude): boolean {
  if (include.separate || include.on !== undefined) return false;
  const association = include.association as unknown as { readonly target: ModelClass; readonly through?: { readonly model: ModelClass } };
  if (!readsAsValues(association.target.definition)) return false;
  if (association.through !== undefined && !readsAsValues(association.through.model.definition)) return false;
  return include.include.every(includeReadsPlain);
}

/**
 * `raw: true` rows of a find with includes, read straight from the driver's rows into plain objects:
 * the same objects, keys and values as the instances' `get({ plain: true })` (see finishRows), with
 * no instance built. Undefined when some model of the find has a getter or an include is loaded by
 * its target's findAll: those still go through instances (see hydrate).
 * @internal
 */
export function hydrateRaw(
  model: ModelClass,
  prepared: LevelPlan,
  rows: readonly Record<string, unknown>[],
  options: FindOptions,
  loadRaw: LoadRawIncludes,
): Row[] | Promise<Row[]> | undefined {
  if (!prepared.hasIncludes || !readsPlain(model, prepared)) return undefined;
  if (prepared.joined.some((j) => j.many) && prepared.json.length === 0 && prepared.batched.length === 0) return undefined;
  return rawRows(model, prepared, rows, options, loadRaw);
}

/**
 * The plain rows of one planned level (the root query's, or a batched include's): the counterpart
 * of hydrate's instances, then finishIncludes, for a `raw: true` find.
 * @internal
 */
export function rawRows(model: ModelClass, prepared: LevelPlan, rows: readonly Record<string, unknown>[], options: FindOptions, loadRaw: LoadRawIncludes): Row[] | Promise<Row[]> {
  const { reader } = prepared;
  const read = byName(reader, rows.length);
  const out: Row[] = [];
  const deferred = new Map<JoinedInclude, Row[]>();
  if (prepared.joined.length > 0 || prepared.json.length > 0) {
    const traits = joinedTraits(prepared.joined);
    const json = prepared.json.length > 0 ? new RawJson() : undefined;
    // As hydrate: a root in several rows (a joined hasOne or to-many) is told by its key, else by all its values.
    const pk = model.definition.primaryKey !== undefined && reader.keys.includes(model.definition.primaryKey) ? model.definition.primaryKey : undefined;
    const seen = rows.length > 1 && traits.mayDuplicate && (pk !== undefined || prepared.joined.some((j) => j.many && !j.hidden)) ? new Map<unknown, Row>() : undefined;
    for (const row of rows) {
      const values = read(row);
      if (seen) {
        const first = seen.get(rootKey(values, pk, reader));
        if (first !== undefined) {
          attachJoined(first, row, prepared.joined, deferred, PLAIN_ROWS);
          continue;
        }
        seen.set(rootKey(values, pk, reader), values);
      }
      attachJoined(values, row, prepared.joined, deferred, PLAIN_ROWS);
      if (json !== undefined) for (const include of prepared.json) json.attach(values, row[include.key], include);
      out.push(values);
    }
  } else {
    for (const row of rows) out.push(read(row));
  }
  const hasDeferred = deferred.size > 0 && joinedTraits(prepared.joined).hasDeferred;
  if (!hasDeferred && prepared.batched.length === 0) return finishRawRows(out, prepared);
  return (async () => {
    if (hasDeferred) await loadDeferredJoined(prepared.joined, deferred, (children, nested) => loadRaw(children, nested, options));
    if (prepared.batched.length > 0) await loadRaw(out, prepared.batched, options, prepared.orders);
    return finishRawRows(out, prepared);
  })();
}

/** finishIncludes over plain rows. */
function finishRawRows(rows: Row[], prepared: LevelPlan): Row[] {
  if (prepared.hiddenKeys.length > 0) for (const row of rows) for (const key of prepared.hiddenKeys) delete row[key];
  if (prepared.hasIncludes && rows.length > 0) {
    let includes = PRUNED.get(prepared);
    if (includes === undefined) PRUNED.set(prepared, (includes = [...prepared.joined.map((j) => j.include), ...prepared.json.map((j) => j.include), ...prepared.batched]));
    pruneValues(rows, includes, false);
  }
  return rows;
}

/** Joined includes of a `raw: true` find are plain rows: the values themselves (see attachJoined). */
const PLAIN_ROWS: JoinedNodes<Row> = { values: (node) => node, build: (_joined, values) => values };

/** JsonHydrator over plain rows: each include's JSON array into an array of plain rows. */
class RawJson {
  /** The rows of the joined includes inside each JSON include (loaded nowhere else, as in JsonHydrator). */
  readonly #loaded = new Map<JoinedInclude, Row[]>();

  attach(parent: Row, raw: unknown, json: JsonInclude): void {
    // As the dialect reads its aggregate (SQLite returns text; pg parses json itself).
    const elements = json.decode(raw);
    const children: Row[] = [];
    const { names, through, reader, joined } = json;
    const width = reader.keys.length;
    // A joined hasOne with two rows repeats its parent, as in a root query; keep the first.
    const pk = (json.include.association.target as unknown as ModelClass).definition.primaryKey;
    const seen = joined.length > 0 && joinedTraits(joined).mayDuplicate && pk !== undefined ? new Set<unknown>() : undefined;
    const read = byPosition(reader, 0, elements.length);
    const readThrough = through === undefined ? undefined : byPosition(through.reader, through.start, elements.length);
    for (const element of elements) {
      const values = read(element);
      if (seen !== undefined) {
        if (seen.has(values[pk as string])) continue;
        seen.add(values[pk as string]);
      }
      if (joined.length > 0) {
        // Joined columns are read by name: build the row view only when there are some.
        const childRow: Row = {};
        for (let i = width; i < names.length; i++) childRow[names[i] as string] = element[i];
        attachJoined(values, childRow, joined, this.#loaded, PLAIN_ROWS);
      }
      if (through !== undefined) values[through.as] = (readThrough as ReadValues)(element);
      for (const nested of json.nested) this.attach(values, element[nested.index], nested);
      children.push(values);
    }
    parent[json.include.association.as] = children;
  }
}
