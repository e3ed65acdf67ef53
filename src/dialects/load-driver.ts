import { ConnectionError } from '../errors/connection-error.js';

/**
 * Runs `load` (the dialect's `import('pg')`, kept literal so bundlers see it) and turns "module
 * not found" for that package into a ConnectionError that says what to install.
 *
 * @example
 * const pg = (await loadDriver('postgres', 'pg', () => import('pg'))).default
 * // without pg: ConnectionError: The postgres dialect needs the "pg" package, which is not installed: npm install pg
 */
export async function loadDriver<T>(dialect: string, packageName: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    if (isMissing(cause, packageName)) throw ConnectionError.missingDriver(dialect, packageName, cause);
    throw cause;
  }
}

function isMissing(error: unknown, packageName: string): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  // Only the driver itself: a missing dependency *of* the driver is reported as it is.
  return error.message.includes(`'${packageName}'`);
}
