// The read side of Repository: TypeORM's find options turned into one relata find.
import { UnsupportedError } from '../index.js';
import type { RepositoryContext } from './context.js';
import type { FindManyOptions, FindOneOptions, FindOptionsWhere } from './find-options.js';

function pending(name: string): never {
  throw new UnsupportedError(`Repository.${name}()`, 'not built yet');
}

export function find<E>(_ctx: RepositoryContext, _options: FindManyOptions<E> | undefined): Promise<E[]> {
  return pending('find');
}
export function findOne<E>(_ctx: RepositoryContext, _options: FindOneOptions<E>): Promise<E | null> {
  return pending('findOne');
}
export function findAndCount<E>(_ctx: RepositoryContext, _options: FindManyOptions<E> | undefined): Promise<[E[], number]> {
  return pending('findAndCount');
}
export function count<E>(_ctx: RepositoryContext, _options: FindManyOptions<E> | undefined): Promise<number> {
  return pending('count');
}
export function aggregate<E>(_ctx: RepositoryContext, _fn: 'SUM' | 'AVG' | 'MIN' | 'MAX', _column: string, _where: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[] | undefined): Promise<number | null> {
  return pending('sum');
}
