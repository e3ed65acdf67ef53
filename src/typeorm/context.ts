import { DecoratorError, type Model, type ModelStatic, type Relata, type Transaction } from '../index.js';

/** An entity class, or any class that registering made a relata model. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class of any constructor shape
export type EntityTarget<E> = abstract new (...args: any[]) => E;

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
  const model = target as unknown as ModelStatic<Model>;
  const registered = (relata.models as Record<string, unknown>)[model.name];
  if (registered !== target) {
    const known = Object.keys(relata.models).sort().join(', ') || 'none';
    throw new DecoratorError(`${target.name} is not an entity of this DataSource: list it in \`entities\` (registered: ${known})`);
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
