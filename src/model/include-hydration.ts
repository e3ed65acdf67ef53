import type { JoinedInclude } from '../query/include/join-plan.js';
import type { JsonInclude } from '../query/include/json-plan.js';
import type { NormalizedInclude } from '../query/include/normalize.js';
import { createInstance, type InstanceOptions } from './instance-state.js';
import type { Model } from './model.js';
import { byColumn, byPosition, type ReadValues } from './row-reader.js';

type ModelClass = typeof Model;
type Row = Readonly<Record<string, unknown>>;

/** What a list of joined includes needs of its hydrator, found once per planned list. */
const TRAITS = new WeakMap<readonly JoinedInclude[], { mayDuplicate: boolean; hasDeferred: boolean }>();

/** Whether a parent may come in several rows, and whether some joined include loads nested ones afterwards. @internal */
export function joinedTraits(joined: readonly JoinedInclude[]): { readonly mayDuplicate: boolean; readonly hasDeferred: boolean } {
  let traits = TRAITS.get(joined);
  if (traits === undefined) TRAITS.set(joined, (traits = traitsOf(joined)));
  return traits;
}

function traitsOf(joined: readonly JoinedInclude[]): { mayDuplicate: boolean; hasDeferred: boolean } {
  // A hidden to-many join (attributes: []) leaves the rows as the query groups them: nothing to fold.
  const duplicates = (list: readonly JoinedInclude[]): boolean => list.some((j) => (j.many && !j.hidden) || j.include.association.associationType === 'HasOne' || duplicates(j.children));
  const deferred = (list: readonly JoinedInclude[]): boolean => list.some((j) => j.deferred.length > 0 || deferred(j.children));
  return { mayDuplicate: duplicates(joined), hasDeferred: deferred(joined) };
}

/**
 * Builds the instances of joined to-one includes from the parent's row, and afterwards loads
 * their own nested (batched) includes for all of them at once.
 * @internal
 */
export class JoinedHydrator {
  readonly #joined: readonly JoinedInclude[];
  readonly #loaded = new Map<JoinedInclude, Model[]>();
  /** Whether a root may come in several rows (a joined to-many or hasOne include). */
  readonly mayDuplicate: boolean;
  /** Whether some joined include has nested includes to load afterwards (see loadDeferred). */
  readonly hasDeferred: boolean;

  constructor(joined: readonly JoinedInclude[]) {
    this.#joined = joined;
    const traits = joinedTraits(joined);
    this.mayDuplicate = traits.mayDuplicate;
    this.hasDeferred = traits.hasDeferred;
  }

  /**
   * Attaches the joined includes of one row to `instance`. Called again with the same instance for
   * each further row of it: to-one includes keep their first row (their own nested includes
   * still collect), to-many includes add each child once, by its key.
   */
  attach(instance: Model, row: Row): void {
    attachJoined(instance, row, this.#joined, this.#loaded, INSTANCES);
  }

  /** Loads the to-many includes below joined ones, one batch per include for every joined instance. */
  loadDeferred(load: (instances: readonly Model[], includes: readonly NormalizedInclude[]) => Promise<void>): Promise<void> {
    return loadDeferredJoined(this.#joined, this.#loaded, load);
  }
}

/** How joined rows become nodes: instances (JoinedHydrator) or the plain rows of a `raw: true` find. @internal */
export interface JoinedNodes<T> {
  /** The values of a node, where its includes are set. */
  values(node: T): Record<string, unknown>;
  /** The node of a joined include's values, one of `siblings` (the include's nodes in the result). */
  build(joined: JoinedInclude, values: Record<string, unknown>, siblings: T[]): T;
}

const INSTANCES: JoinedNodes<Model> = {
  values: (node) => node.dataValues,
  build: (joined, values, siblings) =>
    createInstance((joined.include.association.target as unknown as ModelClass).prototype, values, false, { isNewRecord: false, raw: true, attributes: joined.reader.keys, siblings }) as Model,
};

/** The children of a joined to-many include already attached to a parent, by their key (see attachJoined). */
const CHILDREN_BY_KEY = new WeakMap<object, Map<string, unknown>>();

/**
 * Attaches the joined includes of one driver row to `parent` (called again with the same parent for
 * each further row of it): a to-one include keeps its first row (its own nested includes still
 * collect), a to-many include adds each child once, found by the key read from the row, before the
 * keys the include did not ask for are dropped. Each include's nodes collect in `loaded`, for the
 * includes loaded below them afterwards.
 * @internal
 */
export function attachJoined<T>(parent: T, row: Row, list: readonly JoinedInclude[], loaded: Map<JoinedInclude, T[]>, nodes: JoinedNodes<T>): void {
  const into = nodes.values(parent);
  for (const joined of list) {
    if (joined.hidden) continue;
    const values = byColumn(joined.reader, joined.keys)(row);
    let present = joined.primaryKeys.length === 0;
    for (const k of joined.primaryKeys) if (values[k] !== null) present = true;
    const as = joined.include.association.as;
    const existing = into[as];
    let byKey: Map<string, unknown> | undefined;
    let key = '';
    if (joined.many) {
      const children = Array.isArray(existing) ? (existing as T[]) : (into[as] = []);
      if (!present) continue;
      key = joined.primaryKeys.map((k) => String(values[k])).join('\u0000');
      byKey = CHILDREN_BY_KEY.get(children);
      if (byKey === undefined) CHILDREN_BY_KEY.set(children, (byKey = new Map()));
      const same = byKey.get(key);
      if (same !== undefined) {
        attachJoined(same as T, row, joined.children, loaded, nodes);
        continue;
      }
    } else if (existing !== undefined) {
      // A further row of the same parent: the to-one child is the one already attached.
      if (existing !== null && present && joined.primaryKeys.every((k) => nodes.values(existing as T)[k] === values[k])) attachJoined(existing as T, row, joined.children, loaded, nodes);
      continue;
    } else if (!present) {
      into[as] = null;
      continue;
    }
    for (const k of joined.unrequested) delete values[k];
    let siblings = loaded.get(joined);
    if (siblings === undefined) loaded.set(joined, (siblings = []));
    const child = nodes.build(joined, values, siblings);
    siblings.push(child);
    if (byKey !== undefined) {
      byKey.set(key, child);
      (into[as] as T[]).push(child);
    } else into[as] = child;
    attachJoined(child, row, joined.children, loaded, nodes);
  }
}

/** Loads the to-many includes below joined ones, one batch per include for all its nodes (see attachJoined). @internal */
export async function loadDeferredJoined<T>(list: readonly JoinedInclude[], loaded: ReadonlyMap<JoinedInclude, readonly T[]>, load: (nodes: readonly T[], includes: readonly NormalizedInclude[]) => Promise<void>): Promise<void> {
  for (const joined of list) {
    if (joined.deferred.length > 0) await load(loaded.get(joined) ?? [], joined.deferred);
    await loadDeferredJoined(joined.children, loaded, load);
  }
}

/**
 * Builds the instances of to-many includes that came as JSON arrays in their parent's row (see
 * planJsonIncludes): each include's children of the whole result set are siblings, so their own
 * lazy loads batch, exactly as children loaded by a batched query.
 * @internal
 */
export class JsonHydrator {
  readonly #includes: readonly JsonInclude[];
  /** What attaching an include needs, the same for every parent row: made on its first row. */
  readonly #contexts = new Map<JsonInclude, JsonContext>();

  constructor(includes: readonly JsonInclude[]) {
    this.#includes = includes;
  }

  attach(instance: Model, row: Row): void {
    for (const json of this.#includes) this.#attachOne(instance, row[json.key], json);
  }

  #context(json: JsonInclude): JsonContext {
    let context = this.#contexts.get(json);
    if (context !== undefined) return context;
    const target = json.include.association.target as unknown as ModelClass;
    const siblings: Model[] = [];
    const joined = json.joined.length > 0 ? new JoinedHydrator(json.joined) : undefined;
    const through = json.through;
    // Read for every parent row of the result: specialised at once.
    context = {
      target,
      siblings,
      joined,
      options: { isNewRecord: false, raw: true, attributes: json.reader.keys, include: json.include.rawInclude, siblings },
      // A joined hasOne with two rows repeats its parent, as in a root query; keep the first.
      pk: joined?.mayDuplicate ? target.definition.primaryKey : undefined,
      read: byPosition(json.reader, 0, ROWS_OF_A_RESULT),
      through:
        through === undefined
          ? undefined
          : { prototype: (through.model as unknown as ModelClass).prototype, as: through.as, read: byPosition(through.reader, through.start, ROWS_OF_A_RESULT) },
    };
    this.#contexts.set(json, context);
    return context;
  }

  #attachOne(instance: Model, raw: unknown, json: JsonInclude): void {
    // As the dialect reads its aggregate (SQLite returns text; pg parses json itself).
    const elements = json.decode(raw);
    const children: Model[] = [];
    const { target, siblings, joined, options, pk, read, through } = this.#context(json);
    const names = json.names;
    const width = json.reader.keys.length;
    const seen = pk !== undefined ? new Set<unknown>() : undefined;
    for (const element of elements) {
      const values = read(element);
      if (seen !== undefined) {
        if (seen.has(values[pk as string])) continue;
        seen.add(values[pk as string]);
      }
      const child = createInstance(target.prototype, values, false, options);
      if (joined !== undefined) {
        // Joined columns are read by name: build the row view only when there are some.
        const childRow: Record<string, unknown> = {};
        for (let i = width; i < names.length; i++) childRow[names[i] as string] = element[i];
        joined.attach(child, childRow);
      }
      if (through !== undefined) child.dataValues[through.as] = createInstance(through.prototype, through.read(element), false, JUNCTION_OPTIONS);
      for (const nested of json.nested) this.#attachOne(child, element[nested.index], nested);
      children.push(child);
      siblings.push(child);
    }
    instance.dataValues[json.include.association.as] = children;
  }
}

/** A JSON include's reading context (JsonHydrator). */
interface JsonContext {
  readonly target: ModelClass;
  readonly siblings: Model[];
  readonly joined: JoinedHydrator | undefined;
  readonly options: InstanceOptions;
  readonly pk: string | undefined;
  readonly read: ReadValues;
  readonly through: { readonly prototype: object; readonly as: string; readonly read: ReadValues } | undefined;
}

/** The options of every junction instance read from JSON. */
const JUNCTION_OPTIONS: InstanceOptions = { isNewRecord: false, raw: true };
/** A reader's row hint for what is read once per parent row: enough to specialise it at once. */
const ROWS_OF_A_RESULT = 16;

/**
 * Drops from included instances the attributes the include did not ask for: the planner reads
 * keys to tell a missing row from a row of nulls and to stitch loads, but Sequelize returns an
 * include's `attributes: [...]` exactly. Nested includes and junction objects stay.
 * @internal
 */
export function pruneIncludeAttributes(instances: readonly Model[], includes: readonly NormalizedInclude[]): void {
  if (includes.some(listsAttributes)) pruneValues(instances.map((i) => i.dataValues), includes, true);
}

/**
 * pruneIncludeAttributes over the values of rows: included values are instances (`instances`), or
 * the plain rows of a `raw: true` find.
 * @internal
 */
export function pruneValues(rows: readonly Record<string, unknown>[], includes: readonly NormalizedInclude[], instances: boolean): void {
  for (const include of includes) {
    // Most includes list no attributes: skip walking their rows.
    if (!listsAttributes(include)) continue;
    const children: Record<string, unknown>[] = [];
    for (const row of rows) {
      const value = row[include.association.as];
      if (Array.isArray(value)) for (const child of value as unknown[]) children.push(valuesOf(child, instances));
      else if (value !== null && value !== undefined) children.push(valuesOf(value, instances));
    }
    if (children.length === 0) continue;
    const spec = include.attributes;
    if (Array.isArray(spec)) {
      const keep = new Set(spec.map((a: unknown) => (Array.isArray(a) ? a[1] : a)));
      const definition = include.association.target.definition;
      for (const child of children) {
        for (const key of Object.keys(child)) if (!keep.has(key) && definition.attributes.has(key)) delete child[key];
      }
    }
    pruneValues(children, include.include, instances);
  }
}

/** An included value's attribute values: an instance's dataValues, or the plain row itself. */
function valuesOf(child: unknown, instance: boolean): Record<string, unknown> {
  return instance ? (child as Model).dataValues : (child as Record<string, unknown>);
}

function listsAttributes(include: NormalizedInclude): boolean {
  return Array.isArray(include.attributes) || include.include.some(listsAttributes);
}
