import { ConnectionError } from '../errors/connection-error.js';
import { COMMONJS_BUILD } from '../utils/module-format.js';

/**
 * The two ways of loading one driver package, both written out literally so that bundlers see
 * the package name: `import()` for the ES module build, `require` for the CommonJS build.
 *
 * @example
 * const pgModule: DriverModule<typeof import('pg')> = { import: () => import('pg'), require: () => require('pg') }
 * @internal
 */
export interface DriverModule<T> {
  readonly import: () => Promise<T>;
  readonly require: () => unknown;
}

/**
 * Loads a dialect's driver at first connect, with `require` in the CommonJS build and `import()`
 * in the ES module build, and turns "module not found" for that package into a ConnectionError
 * that says what to install. Returns the package's main export (`module.exports` of a CommonJS
 * package: `require('pg')`, which `import('pg')` holds as `default`).
 *
 * @example
 * const pg = await loadDriver('postgres', 'pg', { import: () => import('pg'), require: () => require('pg') })
 * // without pg: ConnectionError: The postgres dialect needs the "pg" package, which is not installed: npm install pg
 * @internal
 */
export async function loadDriver<T>(dialect: string, packageName: string, load: DriverModule<T>): Promise<MainExport<T>> {
  try {
    if (COMMONJS_BUILD) return load.require() as MainExport<T>;
    const namespace = (await load.import()) as T & { default?: unknown };
    return (namespace.default ?? namespace) as MainExport<T>;
  } catch (cause) {
    if (isMissing(cause, packageName)) throw ConnectionError.missingDriver(dialect, packageName, cause);
    throw cause;
  }
}

/** What `require(pkg)` returns for a module whose `import()` namespace is `T`. */
type MainExport<T> = T extends { default: infer D } ? D : T;

function isMissing(error: unknown, packageName: string): boolean {
  // Errors thrown by require under Jest come from another realm: no instanceof Error.
  if (error === null || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  // Only the driver itself: a missing dependency *of* the driver is reported as it is.
  return typeof message === 'string' && message.includes(`'${packageName}'`);
}
