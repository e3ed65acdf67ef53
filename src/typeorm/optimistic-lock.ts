// TypeORM's optimistic lock on findOne: `lock: { mode: 'optimistic', version }` reads the entity and
// checks its @VersionColumn (a number) or its @UpdateDateColumn (a Date) against the version given.
import { InvalidOptionError, UnsupportedError, type Model, type ModelStatic } from '../index.js';
import { metaOf } from './persist-metadata.js';

/**
 * The entity read with an optimistic lock has another version than the one given: someone saved it
 * since. TypeORM's error, name and message.
 *
 * @example
 * await users.findOne({ where: { id: 1 }, lock: { mode: 'optimistic', version: 1 } })
 * // OptimisticLockVersionMismatchError: The optimistic lock on entity User failed, version 1 was expected, but is actually 2.
 */
export class OptimisticLockVersionMismatchError extends InvalidOptionError {
  override name = 'OptimisticLockVersionMismatchError';

  constructor(entity: string, expectedVersion: number | Date, actualVersion: unknown) {
    super(`The optimistic lock on entity ${entity} failed, version ${String(expectedVersion)} was expected, but is actually ${String(actualVersion)}.`);
  }
}

/**
 * An optimistic lock given to a find of many entities: TypeORM checks it on `findOne` only.
 *
 * @example
 * await users.find({ lock: { mode: 'optimistic', version: 1 } }) // OptimisticLockCanNotBeUsedError
 */
export class OptimisticLockCanNotBeUsedError extends UnsupportedError {
  override name = 'OptimisticLockCanNotBeUsedError';

  constructor(method: string) {
    super(`${method}: lock { mode: "optimistic" }`, 'the optimistic lock can be used only with findOne() (TypeORM: "The optimistic lock can be used only with getOne() method.")');
  }
}

/** Checks an entity read by findOne with `lock: { mode: 'optimistic', version }`. @internal */
export function checkOptimisticLock(model: ModelStatic<Model>, found: Model, version: unknown): void {
  const meta = metaOf(model);
  if (typeof version === 'number') {
    const column = meta.version;
    if (column === undefined) throw new UnsupportedError(`${model.name}.findOne(): lock { mode: "optimistic", version: ${version} }`, `Entity ${model.name} does not have a @VersionColumn to check a number against`);
    const actual = found.get(column) as unknown;
    if (actual !== version) throw new OptimisticLockVersionMismatchError(model.name, version, actual);
    return;
  }
  if (version instanceof Date) {
    const column = meta.updatedAt;
    if (column === undefined) throw new UnsupportedError(`${model.name}.findOne(): lock { mode: "optimistic", version: Date }`, `Entity ${model.name} does not have an @UpdateDateColumn to check a Date against`);
    const actual = found.get(column) as unknown;
    if (!(actual instanceof Date) || actual.getTime() !== version.getTime()) throw new OptimisticLockVersionMismatchError(model.name, version, actual);
    return;
  }
  throw InvalidOptionError.expected(`${model.name}.findOne()`, 'lock.version', 'a number (the @VersionColumn) or a Date (the @UpdateDateColumn)', version);
}
