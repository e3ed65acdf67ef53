import type { Model, ModelStatic } from './model.js';

/** The connection's model registry that `ModelManager` reads and writes. */
interface ModelRegistry {
  readonly models: Record<string, ModelStatic<Model>>;
}

/**
 * Sequelize's `sequelize.modelManager`: the connection's models as a list. Code written for
 * Sequelize reads it (umzug 2, which sequelize-cli runs, checks for it to pick how it deletes
 * migration rows; test helpers remove models through it). It is a view of `relata.models`.
 *
 * @example
 * relata.modelManager.getModel('User') === relata.models.User // true
 * relata.modelManager.removeModel(User) // relata.models.User is gone
 */
export class ModelManager {
  readonly #registry: ModelRegistry;

  constructor(registry: ModelRegistry) {
    this.#registry = registry;
  }

  /** Every model, in definition order. */
  get models(): ModelStatic<Model>[] {
    return Object.values(this.#registry.models);
  }

  /** Replaces the registry's models with `list`, as assigning Sequelize's `modelManager.models` does. */
  set models(list: readonly ModelStatic<Model>[]) {
    for (const name of Object.keys(this.#registry.models)) delete this.#registry.models[name];
    for (const model of list) this.#registry.models[model.name] = model;
  }

  /** Sequelize's alias of `models`. */
  get all(): ModelStatic<Model>[] {
    return this.models;
  }

  /** Registers a model under its name; returns it. */
  addModel<M extends ModelStatic<Model>>(model: M): M {
    this.#registry.models[model.name] = model;
    return model;
  }

  /** Forgets a model (its table is left alone). */
  removeModel(model: { readonly name: string }): void {
    delete this.#registry.models[model.name];
  }

  /** The model whose `attribute` (default `name`) equals `against`. */
  getModel(against: unknown, options: { attribute?: string } = {}): ModelStatic<Model> | undefined {
    const attribute = options.attribute ?? 'name';
    return this.models.find((model) => (model as unknown as Record<string, unknown>)[attribute] === against);
  }

  /** The first model the callback accepts. */
  findModel(callback: (model: ModelStatic<Model>) => boolean): ModelStatic<Model> | undefined {
    return this.models.find(callback);
  }
}
