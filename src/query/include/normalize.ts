import { EagerLoadingError } from '../../errors/eager-loading-error.js';
import type { ModelDefinition } from '../../model/model-definition.js';
import { mergeFindOptions, type MergingModel } from '../../model/scope-merge.js';
import { isPlainObject } from '../where.js';

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
  readonly isMultiAssociation: boolean;
}

/** One include after resolution. @internal */
export interface NormalizedInclude {
  readonly association: IncludableAssociation;
  readonly required: boolean;
  readonly where: unknown;
  readonly attributes: unknown;
  readonly paranoid: boolean | undefined;
  readonly through: { where?: unknown; attributes?: readonly string[] } | undefined;
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
  for (const entry of entries) {
    if (isPlainObject(entry) && entry['all'] !== undefined) {
      if (depth > 10) continue;
      for (const association of Object.values(model.associations) as IncludableAssociation[]) {
        const nested = entry['nested'] === true && association.target !== model ? [{ all: true, nested: true }] : undefined;
        out.push(resolved(association, {}, nested, depth));
      }
      continue;
    }
    const association = findAssociation(model, entry);
    const options = isPlainObject(entry) ? entry : {};
    out.push(resolved(association, options, options['include'], depth));
  }
  return out;
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
  const through = isPlainObject(options['through']) ? (options['through'] as { where?: unknown; attributes?: readonly string[] }) : undefined;
  return {
    association,
    // A separate include is loaded by its own query and never filters its parents, as in Sequelize.
    required: separate ? false : typeof options['required'] === 'boolean' ? options['required'] : where !== undefined || through?.where !== undefined,
    where,
    attributes: options['attributes'],
    paranoid: typeof options['paranoid'] === 'boolean' ? options['paranoid'] : undefined,
    through,
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
  }
  const targetName = typeof target === 'function' ? (target as { name: string }).name : String(target);
  if (typeof as === 'string') {
    const found = ownAssociation(model, as);
    if (!found || (target !== undefined && found.target !== target && found.target.definition !== (target as IncludableModel).definition)) {
      throw new EagerLoadingError(`${targetName} is associated to ${model.name} using an alias, but the alias "${as}" does not match. ${valid}`);
    }
    return found;
  }
  const matching = associations.filter((a) => a.target === target || (typeof target === 'function' && a.target.definition === (target as unknown as IncludableModel).definition));
  if (matching.length === 0) throw new EagerLoadingError(`${targetName} is not associated to ${model.name}! ${valid}`);
  if (matching.length > 1) {
    throw new EagerLoadingError(`${targetName} is associated to ${model.name} several times (${matching.map((m) => m.as).join(', ')}); name the one to include with "as"`);
  }
  return matching[0] as IncludableAssociation;
}

/** The association under `alias`; never an inherited property (`"constructor"`, `"__proto__"` from a request). */
function ownAssociation(model: IncludableModel, alias: string): IncludableAssociation | undefined {
  return Object.hasOwn(model.associations, alias) ? (model.associations[alias] as IncludableAssociation) : undefined;
}
