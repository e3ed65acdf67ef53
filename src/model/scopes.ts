/**
 * Scopes: a model class's scope merged into find and bulk-write options, scoped copies of a class,
 * and named scopes added at run time.
 */
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { FindOptions } from '../query/query-options.js';
import { isPlainObject } from '../query/where.js';
import { bumpDefinitionEpoch } from '../metadata/model-definition.js';
import { mergeFindOptions } from './scope-merge.js';

import type { Model } from './model.js';

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
