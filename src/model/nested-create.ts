import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { normalizeIncludes, type IncludableAssociation, type NormalizedInclude } from '../query/include/normalize.js';
import type { BulkCreateOptions } from '../query/query-options.js';
import { isPlainObject } from '../query/where.js';
import type { Model } from './model.js';
import { internalOptions } from './option-list.js';

type ModelClass = typeof Model;

/** How each level is written: `create` per row (create hooks, as `Model.create`) or one `bulkCreate`. */
type Mode = 'each' | 'bulk';

/** The options a nested level inherits from the call that started it. */
type LevelOptions = Pick<BulkCreateOptions, 'transaction' | 'logging' | 'hooks' | 'validate' | 'silent' | 'individualHooks'>;

/**
 * `create` and `bulkCreate` with `include`: writes the rows with their associated rows, as
 * Sequelize does, level by level:
 * 1. `belongsTo` targets first, so the new rows can point at them;
 * 2. the rows themselves;
 * 3. `hasOne`/`hasMany` targets with their foreign key set, and `belongsToMany` targets followed
 *    by their junction rows (junction values from the target's `<Through model name>` key).
 * Everything runs in one transaction (the active one, or its own): a failure anywhere leaves the
 * database as it was. The created targets are set on each row under the alias.
 *
 * @example
 * await User.create({ name: 'ada', posts: [{ title: 'a' }], groups: [{ name: 'g', UserGroups: { role: 'admin' } }] }, { include: ['posts', 'groups'] })
 * // INSERT INTO "Users" …; INSERT INTO "Posts" ("title", "userId") …; INSERT INTO "Groups" …; INSERT INTO "UserGroups" …
 * @internal
 */
export async function createWithIncludes(model: ModelClass, records: readonly Record<string, unknown>[], options: BulkCreateOptions, mode: Mode): Promise<Model[]> {
  if (options.ignoreDuplicates || options.updateOnDuplicate) {
    throw new InvalidOptionError(
      `${model.name}.bulkCreate: include cannot be combined with ${options.ignoreDuplicates ? 'ignoreDuplicates' : 'updateOnDuplicate'}, because rows that were skipped or updated report no key to link their associated rows to; write them in two steps`,
    );
  }
  const includes = normalizeIncludes(model, options.include);
  const relata = model.sequelize;
  const { include: _include, ...root } = options;
  const active = options.transaction === undefined ? relata.currentTransaction() : options.transaction;
  if (active) return writeLevel(model, records, includes, levelOptions(root), mode, root);
  return relata.transaction({ transaction: null }, (transaction) => writeLevel(model, records, includes, levelOptions({ ...root, transaction }), mode, { ...root, transaction }));
}

/**
 * Writes one level: its belongsTo targets, its rows (with `own`, the caller's options at the
 * root and the inherited ones below), then its other associated rows.
 */
async function writeLevel(
  model: ModelClass,
  records: readonly unknown[],
  includes: readonly NormalizedInclude[],
  options: LevelOptions,
  mode: Mode,
  own: BulkCreateOptions = options,
): Promise<Model[]> {
  const rows = records.map((r) => recordValues(model, r));
  const byAlias = new Set(includes.map((i) => i.association.as));
  const parents = new Map<NormalizedInclude, Map<number, Model>>();
  for (const include of includes.filter((i) => i.association.associationType === 'BelongsTo')) {
    const a = include.association;
    const owners = rows.flatMap((row, i) => (row[a.as] === undefined || row[a.as] === null ? [] : [i]));
    const written = await writeTargets(a.target as unknown as ModelClass, owners.map((i) => (rows[i] as Record<string, unknown>)[a.as]), include, options, mode);
    const byRow = new Map(owners.map((rowIndex, k) => [rowIndex, written[k] as Model]));
    for (const [rowIndex, parent] of byRow) (rows[rowIndex] as Record<string, unknown>)[a.foreignKey] = parent.get(a.targetKey as string);
    parents.set(include, byRow);
  }
  // Alias keys of included associations are not attributes; the rows are written without them.
  const values = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !byAlias.has(k))));
  const created =
    mode === 'each'
      ? await sequential(values, async (v) => (await model.create(v as never, internalOptions({ ...own }) as never)) as Model)
      : ((await model.bulkCreate(values as never, internalOptions({ ...own }) as never)) as Model[]);
  for (const include of includes) {
    const byRow = parents.get(include);
    if (byRow) for (const [rowIndex, parent] of byRow) (created[rowIndex] as Model).dataValues[include.association.as] = parent;
    else await writeChildren(model, rows, created, include, options, mode);
  }
  return created;
}

async function writeChildren(model: ModelClass, rows: readonly Record<string, unknown>[], created: readonly Model[], include: NormalizedInclude, options: LevelOptions, mode: Mode): Promise<void> {
  const a = include.association;
  const target = a.target as unknown as ModelClass;
  const sourceKey = a.sourceKey as string;
  const owners: { owner: Model; value: unknown }[] = [];
  rows.forEach((row, i) => {
    const value = row[a.as];
    if (value === undefined || value === null) return;
    const list = a.isMultiAssociation ? value : [value];
    if (!Array.isArray(list)) {
      throw InvalidOptionError.expected(`${model.name}.create`, `the values under "${a.as}" (${a.associationType})`, 'an array of objects', value);
    }
    for (const item of list) owners.push({ owner: created[i] as Model, value: item });
  });
  if (a.associationType === 'BelongsToMany') {
    const through = a.through?.model as unknown as ModelClass;
    // The junction values ride on each target under the junction model's name; they are not target
    // attributes. The association's scope applies to new targets, as in its create accessor.
    const withoutJunction = owners.map(({ value }) =>
      isPlainObject(value) ? { ...Object.fromEntries(Object.entries(value).filter(([k]) => k !== through.name)), ...(a.scope ?? {}) } : value,
    );
    const targets = await writeTargets(target, withoutJunction, include, options, mode);
    const links = owners.map(({ owner, value }, i) => ({
      ...junctionValues(value, through.name),
      ...(a.through?.scope ?? {}),
      [a.foreignKey]: owner.get(sourceKey),
      [a.otherKey as string]: (targets[i] as Model).get(a.targetKey as string),
    }));
    if (links.length > 0) await through.bulkCreate(links as never, internalOptions({ ...options }) as never);
    // As in Sequelize, a target given junction values keeps them as an unsaved junction instance.
    owners.forEach(({ value }, i) => {
      const given = isPlainObject(value) ? value[through.name] : undefined;
      if (isPlainObject(given)) (targets[i] as Model).dataValues[through.name] = through.build(given as never);
    });
    attach(owners, targets, a);
    return;
  }
  const linked = owners.map(({ owner, value }) => {
    const link = { ...(a.scope ?? {}), [a.foreignKey]: owner.get(sourceKey) };
    // A saved instance is linked (its foreign key updated), not inserted again.
    if (isModelInstance(value) && !(value as Model).isNewRecord) return (value as Model).set(link);
    return { ...(isModelInstance(value) ? { ...(value as Model).dataValues } : recordValues(target, value)), ...link };
  });
  const children = await writeTargets(target, linked, include, options, mode);
  attach(owners, children, a);
}

function attach(owners: readonly { owner: Model }[], children: readonly Model[], a: IncludableAssociation): void {
  const seen = new Set<Model>();
  owners.forEach(({ owner }, i) => {
    if (!seen.has(owner)) {
      seen.add(owner);
      owner.dataValues[a.as] = a.isMultiAssociation ? [] : null;
    }
    if (a.isMultiAssociation) (owner.dataValues[a.as] as Model[]).push(children[i] as Model);
    else owner.dataValues[a.as] = children[i];
  });
}

/** Writes new targets (with their own nested includes); saved instances are only linked. */
async function writeTargets(target: ModelClass, values: readonly unknown[], include: NormalizedInclude, options: LevelOptions, mode: Mode): Promise<Model[]> {
  const out: (Model | undefined)[] = values.map((v) => (isModelInstance(v) && !(v as Model).isNewRecord ? (v as Model) : undefined));
  const fresh = values.map((v, i) => ({ v, i })).filter(({ i }) => out[i] === undefined);
  for (const { v } of fresh) {
    if (isModelInstance(v) && !(v instanceof target)) {
      throw InvalidOptionError.expected(`${include.association.source.name}.create`, `each value under "${include.association.as}"`, `values or an instance of ${target.name}`, v);
    }
  }
  const written = await writeLevel(target, fresh.map(({ v }) => (isModelInstance(v) ? { ...(v as Model).dataValues } : v)), include.include, options, mode);
  fresh.forEach(({ i }, k) => {
    out[i] = written[k];
  });
  // Saved hasOne/hasMany targets had their foreign key set above; write it.
  for (const existing of out as Model[]) if (!written.includes(existing) && existing.changed()) await existing.save(internalOptions({ ...options }) as never);
  return out as Model[];
}

function recordValues(model: ModelClass, record: unknown): Record<string, unknown> {
  if (isModelInstance(record)) return { ...(record as Model).dataValues };
  if (!isPlainObject(record)) throw InvalidOptionError.expected(`${model.name}.create`, 'each record', 'an object of attribute values', record);
  return { ...record };
}

function junctionValues(value: unknown, throughName: string): Record<string, unknown> {
  const source = isModelInstance(value) ? (value as Model).dataValues : value;
  const through = isPlainObject(source) ? source[throughName] : undefined;
  if (through === undefined || through === null) return {};
  if (isModelInstance(through)) return { ...(through as Model).dataValues };
  if (!isPlainObject(through)) throw InvalidOptionError.expected('create', `the junction values under "${throughName}"`, 'an object', through);
  return through;
}

function isModelInstance(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'dataValues' in value && 'isNewRecord' in value;
}

function levelOptions(options: Readonly<BulkCreateOptions>): LevelOptions {
  const out: Record<string, unknown> = {};
  for (const key of ['transaction', 'logging', 'hooks', 'validate', 'silent', 'individualHooks'] as const) if (options[key] !== undefined) out[key] = options[key];
  return out as LevelOptions;
}

async function sequential<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}
