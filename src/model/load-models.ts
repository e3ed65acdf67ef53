import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { DataTypes } from '../data-types/index.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { loadUserModule } from '../utils/load-user-module.js';
import type { Model, ModelStatic } from './model.js';

/** What loading needs of the connection: its models, and registering decorated classes. Factories receive the connection itself. @internal */
export interface ModelRegistry {
  readonly models: Record<string, ModelStatic<Model>>;
  addModels(models: readonly unknown[]): void;
}

const MODEL_FILE = /\.(c|m)?js$|(?<!\.d)\.(c|m)?ts$/;

/**
 * Loads every model file of a folder, the way a sequelize-cli `models/index.js` does: each file
 * exports a factory `(sequelize, DataTypes) => Model` (CommonJS or ESM) or a model class; then
 * every model's `associate(models)` runs. Returns the models by name.
 *
 * @example
 * const models = await loadModels(relata, new URL('./models', import.meta.url).pathname)
 * await models.User.findAll({ include: 'posts' })
 * @internal
 */
export async function loadModels(relata: ModelRegistry, directory: string): Promise<Record<string, ModelStatic<Model>>> {
  const files = (await readdir(directory)).filter((f) => MODEL_FILE.test(f) && !f.startsWith('index.') && !f.startsWith('.')).sort();
  for (const file of files) {
    const path = join(directory, file);
    const mod = (await loadUserModule(path)) as { default?: unknown };
    const exported = unwrap(mod);
    if (typeof exported !== 'function') {
      throw InvalidOptionError.expected(`loadModels(${directory})`, `the export of ${file}`, 'a factory (sequelize, DataTypes) => Model or a model class', exported);
    }
    if (isInitializedModel(exported)) continue;
    const decorated = (exported as { initFromDecorators?: unknown }).initFromDecorators;
    if (typeof decorated === 'function') {
      relata.addModels([exported]);
      continue;
    }
    const model = (exported as (sequelize: ModelRegistry, dataTypes: typeof DataTypes) => unknown)(relata, DataTypes);
    if (!isInitializedModel(model)) {
      throw InvalidOptionError.expected(`loadModels(${directory})`, `the factory in ${file}`, 'to return a model defined with sequelize.define() or Model.init()', model);
    }
  }
  const models = relata.models;
  for (const model of Object.values(models)) {
    const associate = (model as unknown as { associate?: (models: Record<string, ModelStatic<Model>>) => void }).associate;
    if (typeof associate === 'function') associate.call(model, models);
  }
  return models;
}

function unwrap(mod: { default?: unknown }): unknown {
  let value: unknown = mod.default ?? mod;
  // CommonJS modules imported from ESM arrive as { default: module.exports }.
  if (value !== null && typeof value === 'object' && 'default' in value) value = (value as { default: unknown }).default;
  return value;
}

function isInitializedModel(value: unknown): boolean {
  if (typeof value !== 'function') return false;
  try {
    return (value as { definition?: unknown }).definition !== undefined;
  } catch {
    return false;
  }
}
