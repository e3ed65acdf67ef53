import { defineValueProperty } from '../../metadata/value-property.js';
import { EagerLoadingError } from '../../errors/eager-loading-error.js';
import type { ModelDefinition } from '../../metadata/model-definition.js';
import { mergeFindOptions, type MergingModel } from '../../model/scope-merge.js';
import { isPlainObject } from '../where.js';
import { infersIncludeAliases } from './alias-inference.js';
import type { AssociationLink } from './link.js';

/** What the include planner needs from a model class. @internal */
export interface IncludableModel {
  readonly name: string;
  readonly definition: ModelDefinition;
  readonly associations: Record<string, unknown>;
}

/** What the include planner needs from an association. @internal */
export interface IncludableAssociation {
  readonly associationType: 'BelongsTo' | 'HasOne' | 'HasMany' | 'BelongsToMany';
  readonly as: string;
  readonly source: IncludableModel;
  readonly target: IncludableModel;
  readonly foreignKey: string;
  readonly sourceKey?: string;
  readonly targetKey?: string;
  readonly otherKey?: string;
  readonly through?: { readonly model: IncludableModel; readonly scope: Readonly<Record<string, unknown>> | undefined };
  readonly scope: Readonly<Record<string, unknown>> | undefined;
  /** How the association ties parent rows to children (its keys and the junction's). */
  readonly link: AssociationLink;
  readonly isMultiAssociation: boolean;
  readonly isAliased?: boolean;
}

/** An include's `through` options: the junction's where, attributes, key in the result and paranoid. @internal */
export interface IncludeThrough {
  readonly where?: unknown;
  readonly attributes?: readonly string[];
  readonly as?: string;
  readonly paranoid?: boolean;
}

/** One include after resolution. @internal */
export interface NormalizedInclude {
  readonly association: IncludableAssociation;
  readonly required: boolean;
  readonly where: unknown;
  readonly attributes: unknown;
  readonly paranoid: boolean | undefined;
  readonly through: IncludeThrough | undefined;
  /** A join condition replacing the association's keys (Sequelize's `on`), compiled against the include. */
  readonly on: unknown;
  /** RIGHT OUTER JOIN instead of LEFT (non-required to-one includes). */
  readonly right: boolean;
  readonly order: unknown;
  readonly separate: boolean;
  readonly limit: unknown;
  readonly offset: unknown;
  /** Nested includes, resolved against the target. */
  readonly include: readonly NormalizedInclude[];
  /** The nested include option as written (with the scope's includes), passed to the target's finder. */
  readonly rawInclude: unknown;
  /**
   * What the target's scope asks beyond where, attributes, include and paranoid (which are merged
   * into this include's own, as Sequelize does): order, limit, group… Empty when none.
   */
  readonly scopeRest: Readonly<Record<string, unknown>>;
}

/**
 * Resolves every include form Sequelize accepts: a model, an alias string, `{ model, as }`,
 * `{ association }`, and `{ all: true, nested: true }`. A model or alias that is not associated is
 * an EagerLoadingError listing the valid aliases.
 * @internal
 */
export function normalizeIncludes(model: IncludableModel, include: unknown, depth = 0): NormalizedInclude[] {
  if (include === undefined || include === null) return [];
  const entries: unknown[] = Array.isArray(include) ? include : [include];
  const out: NormalizedInclude[] = [];
  const all: Record<string, unknown>[] = [];
  for (const entry of entries) {
    if (isPlainObject(entry) && entry['all'] !== undefined) {
      all.push(entry);
      continue;
    }
    const association = findAssociation(model, entry);
    const options = isPlainObject(entry) ? entry : {};
    out.push(resolved(association, options, options['include'], depth));
  }
  // As in Sequelize, `all` entries expand after the listed includes, next to them.
  for (const entry of all) {
    const types = allTypes(entry['all']);
    for (const node of expandAll(model, entry['nested'] === true, types, out.map((i) => i.association))) out.push(fromExpansion(node, depth));
  }
  return out;
}

interface Expansion {
  readonly association: IncludableAssociation;
  readonly include: Expansion[];
}

/**
 * `{ all: true, nested: true }` as Sequelize expands it: every association of the model, and with
 * `nested` every association of each target in turn, skipping an association whose target was
 * already expanded from (which is what ends the walk on cyclic graphs), and one that repeats an
 * include of the same level (same target, and the same alias when the association has one).
 */
// What `all: 'One'` and the other type names stand for, as in Sequelize.
const ALL_TYPES: Readonly<Record<string, readonly IncludableAssociation['associationType'][]>> = {
  BelongsTo: ['BelongsTo'], HasOne: ['HasOne'], HasMany: ['HasMany'], One: ['BelongsTo', 'HasOne'], Has: ['HasOne', 'HasMany'], Many: ['HasMany'],
};

/** The association types `all` names: `true` or `'All'` for every one, else a type name or a list of them. */
function allTypes(all: unknown): ReadonlySet<string> | undefined {
  const names = Array.isArray(all) ? (all as unknown[]) : [all];
  if (all === true || names.includes('All')) return undefined;
  const types = new Set<string>();
  for (const name of names) {
    const listed = typeof name === 'string' ? ALL_TYPES[name] : undefined;
    if (listed === undefined) throw EagerLoadingError.invalidAllType(name);
    for (const t of listed) types.add(t);
  }
  return types;
}

function expandAll(model: IncludableModel, nested: boolean, types: ReadonlySet<string> | undefined, listed: readonly IncludableAssociation[]): Expansion[] {
  const used: IncludableModel[] = [];
  const top: Expansion[] = [];
  const walk = (parent: IncludableModel, level: Expansion[], present: readonly IncludableAssociation[]): void => {
    for (const association of Object.values(parent.associations) as IncludableAssociation[]) {
      if (types !== undefined && !types.has(association.associationType)) continue;
      const same = (a: IncludableAssociation) => a.target === association.target && (association.isAliased !== true || a.as === association.as);
      if (present.some(same) || level.some((e) => same(e.association))) continue;
      if (nested && used.includes(association.target)) continue;
      used.push(parent);
      const node: Expansion = { association, include: [] };
      level.push(node);
      if (nested) walk(association.target, node.include, []);
    }
    used.pop();
  };
  walk(model, top, listed);
  return top;
}

function fromExpansion(node: Expansion, depth: number): NormalizedInclude {
  const include = node.include.map((child) => fromExpansion(child, depth + 1));
  const rawInclude = node.include.length > 0 ? node.include.map(toRaw) : undefined;
  return { ...resolved(node.association, {}, undefined, depth), include, rawInclude };
}

// The expansion written back as include options, for the target's finder on the batched path.
function toRaw(node: Expansion): Record<string, unknown> {
  return { association: node.association, ...(node.include.length > 0 ? { include: node.include.map(toRaw) } : {}) };
}

/** Scope keys an include takes over; the rest is applied to the target's own query. */
const MERGED_SCOPE_KEYS = new Set(['where', 'attributes', 'include', 'paranoid']);

/**
 * The include's options with the target's scope merged in, as Sequelize does: the scope of the
 * scoped model given as `model` (`Post.scope('published')`), or else the target's default scope;
 * the include's own options win key by key.
 */
function withTargetScope(association: IncludableAssociation, options: Record<string, unknown>, nested: unknown): { options: Record<string, unknown>; nested: unknown; rest: Record<string, unknown> } {
  const given = options['model'] as unknown;
  const target = association.target as unknown as { _scope?: Readonly<Record<string, unknown>>; definition: { options: { defaultScope?: Readonly<Record<string, unknown>> } } } & MergingModel;
  const scope = (typeof given === 'function' ? (given as { _scope?: Readonly<Record<string, unknown>> })._scope : undefined) ?? target._scope ?? target.definition.options.defaultScope;
  if (scope === undefined || Object.keys(scope).length === 0) return { options, nested, rest: {} };
  const merged = mergeFindOptions(target, Object.fromEntries(Object.entries(scope).filter(([k]) => MERGED_SCOPE_KEYS.has(k))), { ...options, include: nested });
  const rest = Object.fromEntries(Object.entries(scope).filter(([k]) => !MERGED_SCOPE_KEYS.has(k)));
  return { options: merged, nested: merged['include'], rest };
}

function resolved(association: IncludableAssociation, written: Record<string, unknown>, writtenNested: unknown, depth: number): NormalizedInclude {
  const { options, nested, rest } = withTargetScope(association, written, writtenNested);
  const where = options['where'];
  // A hasMany include with a limit is separate unless told otherwise, as in Sequelize.
  const separate = options['separate'] === true || (options['separate'] === undefined && options['limit'] !== undefined && options['limit'] !== null && association.associationType === 'HasMany');
  const through = isPlainObject(options['through']) ? (options['through'] as IncludeThrough) : undefined;
  // `through: { as }` puts the junction row under that name: readable as a property, as in Sequelize.
  if (typeof through?.as === 'string') defineValueProperty((association.target as unknown as { prototype: object }).prototype, through.as);
  return {
    association,
    // As in Sequelize, only the include's own where makes it required (through.where filters the
    // children), and a separate include is loaded by its own query and never filters its parents.
    required: separate ? false : typeof options['required'] === 'boolean' ? options['required'] : where !== undefined,
    where,
    attributes: options['attributes'],
    paranoid: typeof options['paranoid'] === 'boolean' ? options['paranoid'] : undefined,
    through,
    on: options['on'],
    right: options['right'] === true,
    order: options['order'],
    separate,
    limit: options['limit'],
    offset: options['offset'],
    include: normalizeIncludes(association.target, nested, depth + 1),
    rawInclude: nested,
    scopeRest: rest,
  };
}

function findAssociation(model: IncludableModel, entry: unknown): IncludableAssociation {
  const associations = Object.values(model.associations) as IncludableAssociation[];
  const aliases = associations.map((a) => a.as);
  const valid = aliases.length > 0 ? `Associations of ${model.name}: ${aliases.join(', ')}` : `${model.name} has no associations`;
  if (typeof entry === 'string') {
    const found = ownAssociation(model, entry);
    if (!found) throw new EagerLoadingError(`Association with alias "${entry}" does not exist on ${model.name}. ${valid}`);
    return found;
  }
  // An association object (`include: [Task.associations.user]`), as Sequelize accepts it.
  if (associations.includes(entry as IncludableAssociation)) return entry as IncludableAssociation;
  if (typeof entry !== 'function' && !isPlainObject(entry) && !isAssociationLike(entry)) {
    throw new EagerLoadingError('Include unexpected. Element has to be either a Model, an Association or an object.');
  }
  let target: unknown = entry;
  let as: unknown;
  if (isPlainObject(entry)) {
    if (entry['association'] !== undefined) {
      const a = entry['association'];
      if (typeof a === 'string') return findAssociation(model, a);
      if (associations.includes(a as IncludableAssociation)) return a as IncludableAssociation;
      throw new EagerLoadingError(`The association passed in include does not belong to ${model.name}. ${valid}`);
    }
    target = entry['model'];
    as = entry['as'];
    if (target === undefined && typeof as === 'string') return findAssociation(model, as);
    // `as: { singular, plural }`: Sequelize compares the singular to a to-one alias, the plural to a to-many one.
    if (isPlainObject(as)) {
      const names = as;
      const alias = (a: IncludableAssociation): unknown => (a.isMultiAssociation ? names['plural'] : names['singular']);
      const byName = associations.filter((a) => (a.target === target || target === undefined) && a.as === alias(a));
      if (byName.length === 1) return byName[0] as IncludableAssociation;
      as = typeof names['plural'] === 'string' ? names['plural'] : names['singular'];
    }
  }
  const targetName = typeof target === 'function' ? (target as { name: string }).name : String(target);
  // Sequelize's rules: the associations to a model of that name; `as` picks by alias, no `as` the one without an alias.
  const matching = associations.filter((a) => a.target === target || (typeof target === 'function' && a.target.name === (target as { name: string }).name));
  if (matching.length === 0) {
    if (typeof as === 'string' && target === undefined) throw new EagerLoadingError(`Association with alias "${as}" does not exist on ${model.name}. ${valid}`);
    throw new EagerLoadingError(`${targetName} is not associated to ${model.name}! ${valid}`);
  }
  const found = matching.find((a) => (typeof as === 'string' ? a.as === as : a.isAliased !== true));
  if (found) return found;
  if (as === undefined && matching.length === 1 && infersIncludeAliases(model)) return matching[0] as IncludableAssociation;
  if (matching.length > 1) throw EagerLoadingError.ambiguous(targetName, model.name);
  if (typeof as === 'string') throw EagerLoadingError.aliasMismatch(targetName, model.name, as, matching.map((a) => a.as));
  throw EagerLoadingError.aliasRequired(targetName, model.name);
}

/** The association under `alias`; never an inherited property (`"constructor"`, `"__proto__"` from a request). */
function ownAssociation(model: IncludableModel, alias: string): IncludableAssociation | undefined {
  return Object.hasOwn(model.associations, alias) ? (model.associations[alias] as IncludableAssociation) : undefined;
}

/** An association object, possibly of another model (refused below with its own message). */
function isAssociationLike(entry: unknown): boolean {
  return typeof entry === 'object' && entry !== null && 'associationType' in entry && 'target' in entry;
}
