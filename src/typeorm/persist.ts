// The write side of Repository: TypeORM's save, insert, update, delete and soft-delete semantics
// on relata's writes, each atomic.
import { UnsupportedError } from '../index.js';
import type { RepositoryContext } from './context.js';
import type { FindOptionsWhere } from './find-options.js';

function pending(name: string): never {
  throw new UnsupportedError(`Repository.${name}()`, 'not built yet');
}

/** TypeORM's `SaveOptions`. */
export interface SaveOptions {
  data?: unknown;
  listeners?: boolean;
  transaction?: boolean;
  chunk?: number;
  reload?: boolean;
}
/** TypeORM's `RemoveOptions`. */
export type RemoveOptions = Omit<SaveOptions, 'reload'>;
/** The criteria of `update`, `delete`, `softDelete`, `restore`: ids, an id list, or conditions. */
export type Criteria<E> = string | number | Date | readonly (string | number | Date)[] | FindOptionsWhere<E>;
/** TypeORM's `InsertResult`, `UpdateResult` and `DeleteResult`. */
export interface InsertResult {
  identifiers: Record<string, unknown>[];
  generatedMaps: Record<string, unknown>[];
  raw: unknown;
}
export interface UpdateResult {
  raw: unknown;
  affected?: number;
  generatedMaps: Record<string, unknown>[];
}
export interface DeleteResult {
  raw: unknown;
  affected?: number | null;
}
/** `upsert(values, ['email'])` or `upsert(values, { conflictPaths, skipUpdateIfNoValuesChanged })`. */
export type UpsertOptions<E> = readonly (keyof E & string)[] | { conflictPaths: readonly (keyof E & string)[] | { [K in keyof E]?: true }; skipUpdateIfNoValuesChanged?: boolean };

export function create<E>(_ctx: RepositoryContext, _plain: unknown): E {
  return pending('create');
}
export function merge<E>(_ctx: RepositoryContext, _entity: E, _plains: readonly unknown[]): E {
  return pending('merge');
}
export function preload<E>(_ctx: RepositoryContext, _plain: unknown): Promise<E | undefined> {
  return pending('preload');
}
export function save<E>(_ctx: RepositoryContext, _entities: readonly E[], _options: SaveOptions | undefined): Promise<E[]> {
  return pending('save');
}
export function remove<E>(_ctx: RepositoryContext, _entities: readonly E[], _options: RemoveOptions | undefined): Promise<E[]> {
  return pending('remove');
}
export function softRemove<E>(_ctx: RepositoryContext, _entities: readonly E[], _options: SaveOptions | undefined): Promise<E[]> {
  return pending('softRemove');
}
export function recover<E>(_ctx: RepositoryContext, _entities: readonly E[], _options: SaveOptions | undefined): Promise<E[]> {
  return pending('recover');
}
export function insert<E>(_ctx: RepositoryContext, _values: readonly unknown[]): Promise<InsertResult> {
  return pending('insert');
}
export function update<E>(_ctx: RepositoryContext, _criteria: Criteria<E>, _values: unknown): Promise<UpdateResult> {
  return pending('update');
}
export function upsert<E>(_ctx: RepositoryContext, _values: readonly unknown[], _options: UpsertOptions<E>): Promise<InsertResult> {
  return pending('upsert');
}
export function deleteBy<E>(_ctx: RepositoryContext, _criteria: Criteria<E>): Promise<DeleteResult> {
  return pending('delete');
}
export function softDelete<E>(_ctx: RepositoryContext, _criteria: Criteria<E>): Promise<UpdateResult> {
  return pending('softDelete');
}
export function restore<E>(_ctx: RepositoryContext, _criteria: Criteria<E>): Promise<UpdateResult> {
  return pending('restore');
}
export function increment<E>(_ctx: RepositoryContext, _conditions: FindOptionsWhere<E>, _property: string, _by: number | string): Promise<UpdateResult> {
  return pending('increment');
}
export function clear(_ctx: RepositoryContext): Promise<void> {
  return pending('clear');
}
