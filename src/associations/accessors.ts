import { AssociationError } from '../errors/association-error.js';
import { accessorOptions } from '../model/known-options.js';
import type { Model } from '../model/model.js';
import type { Association, ModelClass } from './association.js';
import { defineValueProperty } from '../metadata/value-property.js';

const METHOD_FOR_ROLE: Record<string, string> = {
  get: 'get', set: 'set', create: 'create', add: 'add', addMultiple: 'add', remove: 'remove', removeMultiple: 'remove',
  hasSingle: 'has', hasAll: 'has', count: 'count',
};

/**
 * Installs an association on its source: the accessor methods (once, on the prototype) and the
 * alias property that holds loaded values. Checks alias collisions first.
 * @internal
 */
export function installAssociation(association: Association): void {
  const source = association.source;
  const as = association.as;
  const registry = source.associations as Record<string, Association>;
  // Sequelize refuses an alias used twice only when `as` was given; a default alias used again
  // (User.belongsToMany(Task, { through: A }) then through: B) replaces the first. strict refuses both.
  const taken = Object.prototype.hasOwnProperty.call(registry, as);
  if (taken && (association.isAliased || source.sequelize.options.strict === true)) {
    throw new AssociationError(
      `You have used the alias ${as} in two separate associations on ${source.name} (to ${registry[as]?.target.name} and to ${association.target.name}). Aliased associations must have unique aliases; pick another "as".`,
    );
  }
  if (source.definition.attributes.has(as)) {
    throw new AssociationError(
      `Naming collision between attribute '${as}' and association '${as}' on model ${source.name}. To remedy this, change either foreignKey or as in your association definition`,
    );
  }
  registry[as] = association;
  const prototype = source.prototype as unknown as Record<string, unknown>;
  for (const [role, name] of Object.entries(association.accessors)) {
    if (Object.prototype.hasOwnProperty.call(prototype, name)) continue;
    const method = METHOD_FOR_ROLE[role] as string;
    const impl = (association as unknown as Record<string, (instance: Model, ...args: unknown[]) => unknown>)[method];
    if (typeof impl !== 'function') continue;
    const options = accessorOptions(association.associationType, role);
    Object.defineProperty(prototype, name, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function accessor(this: Model, ...args: unknown[]) {
        const rejected = options?.list.reject(args[options.argument], source, name);
        if (rejected !== undefined) return rejected;
        return impl.call(association, this, ...args);
      },
    });
  }
  defineValueProperty(prototype, as);
}

export { defineValueProperty };

/** True for an initialized model class. @internal */
export function isModelClass(value: unknown): value is ModelClass {
  if (typeof value !== 'function') return false;
  try {
    return (value as ModelClass).definition !== undefined;
  } catch {
    return false;
  }
}
