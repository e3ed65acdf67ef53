/** Loads batched includes for a whole result set: one query per include and level (and key chunk). */
import { EagerLoadingError } from '../errors/eager-loading-error.js';
import type { FindOptions } from '../query/query-options.js';
import type { NormalizedInclude } from '../query/include/normalize.js';
import { ExpressionContext } from '../query/expression-context.js';
import { Op } from '../query/operators.js';
import { compileWhere } from '../query/where.js';
import { compileSelect } from '../sql/select.js';
import { appendAll, groupBy, keyChunks, normalizeKey, uniqueKeys } from '../associations/instances.js';
import { runThrough, runThroughRaw } from './through-query.js';
import type { Model } from './model.js';
import { type IncludeLoad, includeQueryOptions, planInclude, withParentKeys } from './find-plan.js';
import { finishIncludes, hydrate, rawRows } from './find-hydrate.js';

type Row = Record<string, unknown>;


/**
 * Loads each include for the whole result set with its planned query (see planInclude in find-plan.ts): one
 * batched query per include (chunked by the dialect's parameter limit), hydrated here, and its
 * own includes loaded the same way. Only `separate` includes go through the target's findAll,
 * whose find hooks run for them as in Sequelize.
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
    const load = planInclude(include, orders.get(include) ?? []);
    // Joined and JSON includes run no find hooks of their target, and neither does a batched one.
    const run: FindOptions = { hooks: false };
    if (options.transaction !== undefined) run.transaction = options.transaction;
    if (options.logging !== undefined) run.logging = options.logging;
    if (load.kind === 'keys') await loadByKeys(instances, load, run);
    else if (load.kind === 'through') await loadThrough(instances, load, run);
    else await loadOwn(instances, load, options, orders);
  }
}

async function loadByKeys(instances: readonly Model[], load: Extract<IncludeLoad, { kind: 'keys' }>, run: FindOptions): Promise<void> {
  const { include, target, level } = load;
  const association = include.association;
  const { parent, child } = association.link;
  const relata = target.sequelize;
  // Keys are the stored values (dataValues), not what a custom getter makes of them: the rows join on them.
  const keys = uniqueKeys(instances.map((i) => i.dataValues[parent.attribute]));
  // The include option as written: what the children's own instances remember, as a find's do.
  const options: FindOptions = { ...run, include: include.rawInclude as FindOptions['include'] };
  const ctx = new ExpressionContext({ definition: target.definition, tableAlias: level.select.alias, clause: 'where' });
  const late = level.batched.filter((i) => i.separate);
  let rows: Model[] = [];
  for (const chunk of keyChunks(keys, relata)) {
    const select = { ...level.select, where: withParentKeys(level.select.where, compileWhere({ [child.attribute]: { [Op.in]: chunk } }, ctx)) };
    const result = await relata.execute(compileSelect(relata, select), options);
    const found = (await hydrate(target, level, result.rows, options, late, loadIncludes)) as Model[];
    if (late.length > 0) {
      await loadIncludes(found, late, options, level.orders);
      finishIncludes(found, level);
    }
    if (rows.length === 0) rows = found;
    else appendAll(rows, found);
  }
  const grouped = groupBy(rows, (r) => r.dataValues[child.attribute]);
  const many = association.isMultiAssociation;
  for (const instance of instances) {
    const list = grouped.get(normalizeKey(instance.dataValues[parent.attribute]));
    instance.dataValues[association.as] = many ? (list ?? []) : (list?.[0] ?? null);
  }
}

async function loadThrough(instances: readonly Model[], load: Extract<IncludeLoad, { kind: 'through' }>, run: FindOptions): Promise<void> {
  const { include, plan } = load;
  const association = include.association;
  const keys = uniqueKeys(instances.map((i) => i.dataValues[association.link.parent.attribute]));
  const rows: { target: Model; sourceKey: unknown }[] = [];
  for (const chunk of keyChunks(keys, plan.association.source.sequelize)) {
    const found = await runThrough(plan, chunk, run);
    // The targets' own includes, for the targets of this chunk at once.
    if (include.include.length > 0) await loadIncludes(found.map((r) => r.target), include.include, run);
    appendAll(rows, found);
  }
  const grouped = groupBy(rows, (r) => r.sourceKey);
  for (const instance of instances) instance.dataValues[association.as] = (grouped.get(normalizeKey(instance.dataValues[association.link.parent.attribute])) ?? []).map((r) => r.target);
}

/** `separate` includes (the target's findAll, with its hooks) and hasMany includes with `on`. */
async function loadOwn(instances: readonly Model[], load: Extract<IncludeLoad, { kind: 'on' | 'separate' }>, options: FindOptions, orders: ReadonlyMap<NormalizedInclude, unknown[]>): Promise<void> {
  const include = load.include;
  const loadOptions: Record<string, unknown> = { include: include.rawInclude, ...includeQueryOptions(include, orders.get(include) ?? []) };
  if (options.transaction !== undefined) loadOptions['transaction'] = options.transaction;
  if (options.logging !== undefined) loadOptions['logging'] = options.logging;
  // The target's find hooks run for a separate include (its own query, as in Sequelize).
  if (load.kind === 'on' || options.hooks === false) loadOptions['hooks'] = false;
  // The target's scope is already in the include's options (see normalizeIncludes); only what it asks beyond them is left.
  loadOptions['scope'] = Object.keys(include.scopeRest).length > 0 ? include.scopeRest : false;
  if (load.kind === 'on') {
    // A hasMany include with `on`: one query joined to the parents by that condition, then its own includes.
    const { include: _nested, ...own } = loadOptions;
    await (include.association as unknown as { loadOn(i: readonly Model[], n: NormalizedInclude, o: object): Promise<void> }).loadOn(instances, include, own);
    const children = instances.flatMap((i) => (i.dataValues[include.association.as] as Model[] | undefined) ?? []);
    if (include.include.length > 0) await loadIncludes(children, include.include, options);
    return;
  }
  await (include.association as unknown as { loadInto(i: readonly Model[], o: object): Promise<void> }).loadInto(instances, loadOptions);
}

/**
 * loadIncludes for the plain rows of a `raw: true` find (see hydrateRaw): the same batched queries,
 * their rows read into plain objects and set on the parents' rows, no instance built. Only `keys`
 * and `through` loads come here (hydrateRaw leaves finds with `separate` or `on` includes to instances).
 * @internal
 */
export async function loadRawIncludes(rows: readonly Row[], includes: readonly NormalizedInclude[], options: FindOptions, orders: ReadonlyMap<NormalizedInclude, unknown[]> = new Map()): Promise<void> {
  if (rows.length === 0) return;
  for (const include of includes) {
    const load = planInclude(include, orders.get(include) ?? []);
    const run: FindOptions = { hooks: false };
    if (options.transaction !== undefined) run.transaction = options.transaction;
    if (options.logging !== undefined) run.logging = options.logging;
    if (load.kind === 'keys') await loadRawByKeys(rows, load, run);
    else if (load.kind === 'through') await loadRawThrough(rows, load, run);
    // hydrateRaw sends finds with these to instances; reaching here is a planner fault.
    else throw new EagerLoadingError(`${include.association.as}: a ${load.kind} include is not loaded into raw rows`);
  }
}

async function loadRawByKeys(parents: readonly Row[], load: Extract<IncludeLoad, { kind: 'keys' }>, run: FindOptions): Promise<void> {
  const { include, target, level } = load;
  const association = include.association;
  const { parent, child } = association.link;
  const relata = target.sequelize;
  const keys = uniqueKeys(parents.map((p) => p[parent.attribute]));
  const options: FindOptions = { ...run, include: include.rawInclude as FindOptions['include'] };
  const ctx = new ExpressionContext({ definition: target.definition, tableAlias: level.select.alias, clause: 'where' });
  const found: Row[] = [];
  for (const chunk of keyChunks(keys, relata)) {
    const select = { ...level.select, where: withParentKeys(level.select.where, compileWhere({ [child.attribute]: { [Op.in]: chunk } }, ctx)) };
    const result = await relata.execute(compileSelect(relata, select), options);
    appendAll(found, await rawRows(target, level, result.rows, options, loadRawIncludes));
  }
  const grouped = groupBy(found, (r) => r[child.attribute]);
  const many = association.isMultiAssociation;
  // Parents with the same key each get their own copy, as each instance's get({ plain: true }) would.
  const given = new Set<unknown>();
  for (const row of parents) {
    const key = normalizeKey(row[parent.attribute]);
    const list = grouped.get(key);
    const value = many ? (list ?? []) : (list?.[0] ?? null);
    if (list !== undefined && given.has(key)) row[association.as] = copyRows(value);
    else {
      given.add(key);
      row[association.as] = value;
    }
  }
}

async function loadRawThrough(parents: readonly Row[], load: Extract<IncludeLoad, { kind: 'through' }>, run: FindOptions): Promise<void> {
  const { include, plan } = load;
  const association = include.association;
  const keys = uniqueKeys(parents.map((p) => p[association.link.parent.attribute]));
  const found: { target: Row; sourceKey: unknown }[] = [];
  for (const chunk of keyChunks(keys, plan.association.source.sequelize)) {
    const rows = await runThroughRaw(plan, chunk, run);
    if (include.include.length > 0) await loadRawIncludes(rows.map((r) => r.target), include.include, run);
    appendAll(found, rows);
  }
  const grouped = groupBy(found, (r) => r.sourceKey);
  const given = new Set<unknown>();
  for (const row of parents) {
    const key = normalizeKey(row[association.link.parent.attribute]);
    const targets = (grouped.get(key) ?? []).map((r) => r.target);
    if (given.has(key)) row[association.as] = copyRows(targets);
    else {
      given.add(key);
      row[association.as] = targets;
    }
  }
}

/** A copy of loaded rows for a further parent: plain objects and arrays copied, other values shared. */
function copyRows(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyRows);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Row = {};
  for (const key of Object.keys(value)) out[key] = copyRows((value as Row)[key]);
  return out;
}
