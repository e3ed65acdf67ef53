/** Rows of a planned findAll into instances (or raw rows), joined and JSON includes attached. */
import type { RowReader } from '../query/plan-find.js';
import type { FindOptions } from '../query/query-options.js';
import type { NormalizedInclude } from '../query/include/normalize.js';
import type { JoinedInclude } from '../query/include/join-plan.js';
import { JoinedHydrator, JsonHydrator, pruneIncludeAttributes } from './include-hydration.js';
import { createInstance } from './instance-state.js';
import { byColumn, byName, type ReadValues } from './row-reader.js';
import type { Model } from './model.js';
import { definitionEpoch, type ModelDefinition } from '../metadata/model-definition.js';
import type { LevelPlan } from './find-plan.js';

type ModelClass = typeof Model;

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
