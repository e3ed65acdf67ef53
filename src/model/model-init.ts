/**
 * `Model.init`'s plumbing: what each model class is bound to (its definition, hooks and
 * connection, inherited by scoped copies and subclasses), and the attribute accessors on its
 * prototype.
 */
import { AbstractDataType } from '../data-types/abstract.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { Relata } from '../relata.js';
import { HookRegistry, MODEL_HOOK_NAMES } from './hooks.js';
import { DEFINITION_OPTIONS, KNOWN_OPTIONS as OPTIONS } from './known-options.js';
import { ModelDefinition } from '../metadata/model-definition.js';
import type { ModelAttributes, ModelOptions } from '../metadata/model-options.js';
import { installComputedAccessors } from '../metadata/computed-properties.js';
import { ensureRecordState } from '../metadata/value-property.js';
import { registerPrefixedTable } from '../dialects/schema-prefix.js';
import type { InitOptions, Model, ModelStatic } from './model.js';

const DEFINITIONS = new WeakMap<object, ModelDefinition>();
const HOOKS = new WeakMap<object, HookRegistry>();
const CONNECTIONS = new WeakMap<object, Relata>();

/** A class's own entry, else the nearest superclass's (a scoped copy or subclass of a model). */
function inherited<T>(ctor: object, map: WeakMap<object, T>): T | undefined {
  for (let current: object | null = ctor; current !== null; current = Object.getPrototypeOf(current) as object | null) {
    const found = map.get(current);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The definition a model class was initialized with. @internal */
export function definitionOf(ctor: object): ModelDefinition | undefined {
  return DEFINITIONS.get(ctor) ?? inherited(ctor, DEFINITIONS);
}

/** The hooks of a model class. @internal */
export function hooksOf(ctor: object): HookRegistry | undefined {
  return HOOKS.get(ctor) ?? inherited(ctor, HOOKS);
}

/** The connection of a model class. @internal */
export function connectionOf(ctor: object): Relata | undefined {
  return CONNECTIONS.get(ctor) ?? inherited(ctor, CONNECTIONS);
}

/**
 * `Model.init`: checks the options, builds the definition, binds the class to the connection
 * (moving it from another one, as Sequelize's last init wins), registers its hooks and installs
 * the attribute accessors. `reserved`: Model's own member names, which no accessor hides.
 * @internal
 */
export function initModel(model: typeof Model, attributes: ModelAttributes<Model>, options: InitOptions, reserved: ReadonlySet<string>): void {
  if (!options || typeof options.sequelize !== 'object' || options.sequelize === null) {
    throw InvalidOptionError.expected(`${model.name}.init()`, 'options.sequelize', 'a Relata instance', options?.sequelize);
  }
  const relata = options.sequelize;
  const merged: ModelOptions = { ...(relata.options.define ?? {}), ...options };
  // The connection's `schema` option is every model's default schema, as in Sequelize.
  const connectionSchema = (relata.options as { schema?: unknown }).schema;
  if (!('schema' in options) && merged.schema === undefined && typeof connectionSchema === 'string') merged.schema = connectionSchema;
  const modelName = merged.modelName ?? model.name;
  const owner = { name: modelName, connection: relata };
  DEFINITION_OPTIONS.model.assert(options, owner, 'init');
  checkAttributeOptions(attributes, owner);
  OPTIONS.findAll.assert(merged.defaultScope, owner, 'init (defaultScope)');
  // As in Sequelize the last init wins: a class initialized on another connection moves to this
  // one (a test that opens a new connection per test re-inits its models each time). The old
  // connection stops listing it, so its sync() or drop() never touch this class's table.
  const previous = CONNECTIONS.get(model);
  if (previous !== undefined && previous !== relata) previous.unregisterModel(model as unknown as ModelStatic<Model>);
  if (modelName !== model.name) Object.defineProperty(model, 'name', { value: modelName });
  const definition = new ModelDefinition(modelName, attributes as Record<string, unknown>, merged);
  const prefixed = definition.setSchema(definition.schema, undefined, !relata.hasSchemas());
  if (prefixed !== undefined) registerPrefixedTable(prefixed);
  DEFINITIONS.set(model, definition);
  CONNECTIONS.set(model, relata);
  const hooks = new HookRegistry(modelName, MODEL_HOOK_NAMES);
  for (const [name, fns] of Object.entries(merged.hooks ?? {})) {
    for (const fn of Array.isArray(fns) ? fns : [fns]) hooks.add(name, fn as () => unknown);
  }
  HOOKS.set(model, hooks);
  model.associations = {};
  model._scope = undefined;
  installAttributeAccessors(model.prototype as object, definition, reserved);
  relata.registerModel(model as unknown as ModelStatic<Model>);
}

/** Each attribute given as `{ type, … }` takes Sequelize's attribute options only. */
function checkAttributeOptions(attributes: unknown, owner: { name: string; connection: unknown }): void {
  if (attributes === null || typeof attributes !== 'object') return;
  for (const [name, spec] of Object.entries(attributes)) {
    if (spec !== null && typeof spec === 'object' && 'type' in spec && !(spec instanceof AbstractDataType)) DEFINITION_OPTIONS.attribute.assert(spec, owner, `init (attribute ${name})`);
  }
}

/** A getter/setter per attribute (and computed property) on the model's prototype, through get()/set(). @internal */
export function installAttributeAccessors(prototype: object, definition: ModelDefinition, reserved: ReadonlySet<string>): void {
  installComputedAccessors(prototype, definition, reserved);
  for (const name of definition.attributes.keys()) {
    if (reserved.has(name)) continue;
    Object.defineProperty(prototype, name, {
      configurable: true,
      enumerable: false,
      // An entity built with `new User()` has no state until its first value is set (see ensureRecordState).
      get(this: Model) {
        return (this.dataValues as object | undefined) === undefined ? undefined : this.get(name);
      },
      set(this: Model, value: unknown) {
        ensureRecordState(this);
        this.set(name, value);
      },
    });
  }
}
