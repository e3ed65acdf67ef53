import { EmptyResultError } from '../index.js';

/**
 * `findOneOrFail` / `findOneByOrFail` found nothing: TypeORM's error, with its name and message,
 * so `catch (e) { if (e instanceof EntityNotFoundError) … }` works with the import changed. It is
 * an EmptyResultError too, as relata's own finders throw.
 *
 * @example
 * await users.findOneByOrFail({ id: 404 }) // EntityNotFoundError: Could not find any entity of type "User" matching: { "id": 404 }
 */
export class EntityNotFoundError extends EmptyResultError {
  override name = 'EntityNotFoundError';

  constructor(
    readonly entityClass: unknown,
    readonly criteria: unknown,
  ) {
    super(`Could not find any entity of type "${targetName(entityClass)}" matching: ${criteriaText(criteria)}`);
  }
}

function targetName(target: unknown): string {
  if (typeof target === 'function') return target.name;
  if (target !== null && typeof target === 'object' && 'name' in target) return String(target.name);
  return String(target);
}

function criteriaText(criteria: unknown): string {
  try {
    return JSON.stringify(criteria, null, 4);
  } catch {
    return String(criteria);
  }
}
