import { AssociationError } from '../errors/association-error.js';
import { bumpDefinitionEpoch } from '../metadata/model-definition.js';
import { associationOptions } from '../model/known-options.js';
import { isPlainObject } from '../query/where.js';
import type { Association, AssociationOptions, ModelClass } from './association.js';
import { installAssociation, isModelClass } from './accessors.js';
import { BelongsToAssociation, type BelongsToOptions } from './belongs-to.js';
import { BelongsToManyAssociation, type BelongsToManyOptions } from './belongs-to-many.js';
import { HasManyAssociation } from './has-many.js';
import { HasOneAssociation, type HasOptions } from './has-one.js';

/** The association kinds by method name. */
export type AssociationKind = 'hasOne' | 'belongsTo' | 'hasMany' | 'belongsToMany';

/**
 * Creates and installs an association: foreign keys, accessors, alias. Backs Model.hasOne,
 * belongsTo, hasMany and belongsToMany.
 * @internal
 */
export function associate(kind: AssociationKind, source: ModelClass, target: unknown, options: AssociationOptions = {}): Association {
  if (!isModelClass(target)) {
    const as = options !== null && typeof options === 'object' && options.as !== undefined ? ` (as ${JSON.stringify(typeof options.as === 'string' ? options.as : options.as.plural)})` : '';
    throw new AssociationError(
      `${source.name}.${kind}${as} called with something that is not a model (got ${target === null ? 'null' : typeof target === 'function' ? `uninitialized class ${target.name}` : typeof target}); pass a model created with define() or init()`,
    );
  }
  if (options !== null && typeof options !== 'object') throw new AssociationError(`${source.name}.${kind}(${target.name}): options must be an object`);
  const declared = `${kind}(${target.name})`;
  associationOptions(kind).assert(options, source, declared);
  const through = (options as { through?: unknown }).through;
  if (kind === 'belongsToMany' && isPlainObject(through)) associationOptions('through').assert(through, source, `${declared} through`);
  if (target.sequelize !== source.sequelize) {
    throw new AssociationError(`${source.name}.${kind}(${target.name}): both models must belong to the same Relata instance`);
  }
  const alias = options.as;
  const taken = alias === undefined ? undefined : (source.associations as Record<string, Association | undefined>)[typeof alias === 'string' ? alias : kind === 'hasMany' || kind === 'belongsToMany' ? alias.plural : alias.singular];
  if (alias !== undefined && taken) {
    const name = typeof alias === 'string' ? alias : alias.plural;
    throw new AssociationError(`You have used the alias ${name} in two separate associations on ${source.name} (to ${taken.target.name} and to ${target.name}). Aliased associations must have unique aliases; pick another "as" for ${source.name}.${kind}(${target.name}).`);
  }
  const type = ASSOCIATION_TYPES[kind];
  // Sequelize's synchronous associate hooks, on the source model, run when the association has `hooks: true`.
  const hooks = (options as { hooks?: unknown }).hooks === true;
  if (hooks) source.hookRegistry.runSync('beforeAssociate', source, { source, target, type }, options);
  let association: Association;
  switch (kind) {
    case 'hasOne':
      association = new HasOneAssociation(source, target, options as HasOptions);
      break;
    case 'belongsTo':
      association = new BelongsToAssociation(source, target, options as BelongsToOptions);
      break;
    case 'hasMany':
      association = new HasManyAssociation(source, target, options as HasOptions);
      break;
    case 'belongsToMany':
      association = new BelongsToManyAssociation(source, target, options as BelongsToManyOptions);
      break;
  }
  installAssociation(association);
  bumpDefinitionEpoch();
  if (hooks) source.hookRegistry.runSync('afterAssociate', source, { source, target, type, association }, options);
  return association;
}

const ASSOCIATION_TYPES = {
  hasOne: HasOneAssociation,
  belongsTo: BelongsToAssociation,
  hasMany: HasManyAssociation,
  belongsToMany: BelongsToManyAssociation,
} as const;
