import { Op } from '../query/operators.js';
import { Cast, Col, Fn, Literal, Where } from '../query/fragments.js';
import { isPlainObject } from '../query/where.js';

/** What the merge needs to know of a model: its name, its associations, and how it merges where. */
export interface MergingModel {
  readonly name: string;
  readonly associations: Record<string, unknown>;
  readonly definition: { readonly options: object };
}

interface AssociationLike {
  readonly as: string;
  readonly target: { readonly name: string };
}

/**
 * Merges two sets of find options as Sequelize 6 merges scopes, `over` winning over `base`:
 * - `where` and `having`: key by key, a key of `over` replacing the same key of `base`
 *   (`whereMergeStrategy: 'and'` on the model AND-s them instead); a fragment (`literal`, `fn`…)
 *   stands under `Op.and`;
 * - arrays (`attributes`, `order`, `include`…): their union, `base` first;
 * - `{ include, exclude }` attributes: each list's union;
 * - anything else: `over`'s value unless it is undefined.
 * Includes naming the same model and alias are then merged into one, the later winning.
 *
 * `User.scope('a', 'b')` merges b over a; a find's options are merged over the model's scope.
 * @internal
 */
export function mergeFindOptions<T extends object>(model: MergingModel, base: Readonly<object> | undefined, over: T): T {
  if (base === undefined) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const key of Object.keys(over)) out[key] = mergeValue(model, key, (base as Record<string, unknown>)[key], (over as Record<string, unknown>)[key]);
  if (out['include'] !== undefined) out['include'] = uniqueIncludes(model, out['include']);
  return out as T;
}

function mergeValue(model: MergingModel, key: string, base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (base === undefined) return over;
  if (Array.isArray(base) && Array.isArray(over)) return [...new Set([...base, ...over])];
  if (key === 'where' || key === 'having') {
    if ((model.definition.options as { whereMergeStrategy?: unknown }).whereMergeStrategy === 'and') return { [Op.and]: [base, over] };
    const wrapped = isFragment(over) ? { [Op.and]: over } : over;
    if (isPlainObject(base) && isPlainObject(wrapped)) return { ...base, ...wrapped };
    return wrapped;
  }
  if (key === 'attributes' && isPlainObject(base) && isPlainObject(over)) {
    const merged: Record<string, unknown> = { ...base };
    for (const k of Object.keys(over)) {
      const a = base[k];
      const b = over[k];
      merged[k] = Array.isArray(a) && Array.isArray(b) ? [...new Set([...a, ...b])] : b;
    }
    return merged;
  }
  return over;
}

function isFragment(value: unknown): boolean {
  return value instanceof Literal || value instanceof Fn || value instanceof Col || value instanceof Cast || value instanceof Where;
}

/**
 * The includes with those of the same model and alias merged into one (at the first one's place),
 * as Sequelize does with the includes of merged scopes. Strings and association objects become
 * `{ association }` entries, models `{ model }`.
 */
function uniqueIncludes(model: MergingModel, include: unknown): unknown {
  const list: unknown[] = Array.isArray(include) ? include : [include];
  const groups = new Map<string, Record<string, unknown>[]>();
  const out: Record<string, unknown>[] = [];
  for (const entry of list) {
    const conformed = conform(model, entry);
    if (conformed === undefined) return include;
    const key = groupKey(conformed);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [conformed]);
      out.push(conformed);
    } else group.push(conformed);
  }
  return out.map((first) => {
    const group = groups.get(groupKey(first)) as Record<string, unknown>[];
    if (group.length === 1) return first;
    const target = includeTarget(first);
    return group.slice(1).reduce((acc, next) => mergeFindOptions(target ?? model, acc, next), { ...first });
  });
}

function conform(model: MergingModel, entry: unknown): Record<string, unknown> | undefined {
  if (typeof entry === 'string') {
    const association = Object.hasOwn(model.associations, entry) ? (model.associations[entry] as AssociationLike) : undefined;
    return association === undefined ? undefined : { association, model: association.target, as: association.as };
  }
  if (typeof entry === 'function') return { model: entry };
  if (isPlainObject(entry)) {
    if (typeof entry['association'] === 'string') {
      const association = Object.hasOwn(model.associations, entry['association']) ? (model.associations[entry['association']] as AssociationLike) : undefined;
      return association === undefined ? undefined : { ...entry, association, model: association.target, as: association.as };
    }
    return entry;
  }
  if (entry !== null && typeof entry === 'object' && Object.values(model.associations).includes(entry)) {
    const association = entry as AssociationLike;
    return { association, model: association.target, as: association.as };
  }
  return undefined;
}

function groupKey(entry: Record<string, unknown>): string {
  const model = entry['model'] ?? (entry['association'] as AssociationLike | undefined)?.target;
  const as = entry['as'] ?? (entry['association'] as AssociationLike | undefined)?.as;
  return `${(model as { name?: string } | undefined)?.name}-${String(as)}`;
}

function includeTarget(entry: Record<string, unknown>): MergingModel | undefined {
  const model = entry['model'] ?? (entry['association'] as AssociationLike | undefined)?.target;
  return typeof model === 'function' && 'definition' in model ? (model as unknown as MergingModel) : undefined;
}
