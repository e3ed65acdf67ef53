import type { ModelDefinition } from './model-definition.js';

/**
 * What the layers below the model need of a model class: its definition, and building an
 * instance of `M` from a row read by a query. Every model class (`ModelStatic<M>`) satisfies it.
 *
 * @example
 * function tableOf(model: ModelClassLike): string { return model.definition.tableName }
 * @internal
 */
export interface ModelClassLike<M extends object = object> {
  new (...args: never[]): M;
  readonly definition: ModelDefinition;
  /** Builds an instance from stored values (`{ isNewRecord: false }`: a row read from the database). */
  build(values: never, options: { isNewRecord: boolean }): unknown;
}
