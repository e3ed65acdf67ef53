import { DecoratorError, type Model, type ModelStatic, type Relata, type Transaction } from '../index.js';
import { EntitySchema, schemaClass } from './entity-schema.js';

/** An entity class, an EntitySchema, or an entity's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class of any constructor shape
export type EntityTarget<E> = (abstract new (...args: any[]) => E) | EntitySchema<E> | string;

/** The name of an entity target, for messages (a schema's or a class's name, or the name given). @internal */
export function targetName(target: EntityTarget<unknown>): string {
  if (typeof target === 'string') return target;
  return target instanceof EntitySchema ? target.options.name : target.name;
}

/**
 * What a repository operation runs with: the initialized connection, the entity's model and, inside
 * `manager.transaction()`, the transaction every statement joins.
 * @internal
 */
export interface RepositoryContext {
  readonly relata: Relata;
  readonly model: ModelStatic<Model>;
  readonly transaction: Transaction | undefined;
}

/**
 * The relata model an entity class became when its DataSource initialized.
 * @internal
 */
export function modelOf(relata: Relata, target: EntityTarget<unknown>): ModelStatic<Model> {
  const models = relata.models as Record<string, unknown>;
  const cls = typeof target === 'string' ? models[target] : target instanceof EntitySchema ? schemaClass(target) : target;
  const model = cls as ModelStatic<Model> | undefined;
  if (model === undefined || models[model.name] !== cls) {
    const known = Object.keys(relata.models).sort().join(', ') || 'none';
    throw new DecoratorError(`${targetName(target)} is not an entity of this DataSource: list it in \`entities\` (registered: ${known})`);
  }
  return model;
}

/**
 * What to use instead of TypeORM's QueryBuilder.
 * @internal
 */
export const QUERY_BUILDER =
  'relata has no QueryBuilder; use find options (where with operators, relations, order, skip/take), ' +
  'the entity as a relata model (User.findAll({ include, where: { id: { [Op.gt]: 1 } } })), or query(sql, params)';
