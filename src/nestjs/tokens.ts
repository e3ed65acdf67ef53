import { Relata } from '../index.js';
import type { RelataModuleOptions } from './module-options.js';

/**
 * The name of the connection `forRoot()` creates when given none.
 *
 * @example
 * RelataModule.forFeature([User], DEFAULT_CONNECTION_NAME) // same as RelataModule.forFeature([User])
 */
export const DEFAULT_CONNECTION_NAME = 'default';

/** @internal The token of one connection's module options, private to its core module. */
export const RELATA_MODULE_OPTIONS = 'RelataModuleOptions';

// A model's token is taken from its class name the first time it is asked for (by @InjectModel
// or forFeature, both before registration), so an `@Table({ modelName })` that renames the class
// when it registers cannot make the two disagree.
const modelNames = new WeakMap<object, string>();

/**
 * The injection token of a connection: the `Relata` class itself for the default connection (so
 * `constructor(private relata: Relata)` works), `<name>Connection` for a named one.
 *
 * @example
 * getConnectionToken()            // Relata
 * getConnectionToken('analytics') // 'analyticsConnection'
 */
export function getConnectionToken(connection: string | RelataModuleOptions = DEFAULT_CONNECTION_NAME): string | typeof Relata {
  const name = typeof connection === 'string' ? connection : (connection.name ?? DEFAULT_CONNECTION_NAME);
  return name === DEFAULT_CONNECTION_NAME ? Relata : `${name}Connection`;
}

/** `''` for the default connection, `<name>_` otherwise. */
function connectionPrefix(connection: string | RelataModuleOptions = DEFAULT_CONNECTION_NAME): string {
  const name = typeof connection === 'string' ? connection : (connection.name ?? DEFAULT_CONNECTION_NAME);
  return name === DEFAULT_CONNECTION_NAME ? '' : `${name}_`;
}

/**
 * The injection token of a model: `<Model>Model`, prefixed with the connection name for a named
 * connection.
 *
 * @example
 * getModelToken(User)              // 'UserModel'
 * getModelToken(Event, 'analytics') // 'analytics_EventModel'
 */
export function getModelToken(model: abstract new (...args: never[]) => unknown, connection?: string | RelataModuleOptions): string {
  let name = modelNames.get(model);
  if (name === undefined) {
    name = model.name;
    modelNames.set(model, name);
  }
  return `${connectionPrefix(connection)}${name}Model`;
}
