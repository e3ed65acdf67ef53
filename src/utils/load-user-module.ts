import { pathToFileURL } from 'node:url';
import { COMMONJS_BUILD } from './module-format.js';

/**
 * Loads one of the application's own files (a model or migration file) by absolute path. The
 * CommonJS build requires it, so that a test runner's module system (Jest) loads and transforms
 * it; an ES module that require cannot load (top-level await) is imported instead. The ES module
 * build imports it.
 *
 * @example
 * const mod = await loadUserModule('/app/models/user.js') // module.exports, or the ES module namespace
 * @internal
 */
export async function loadUserModule(path: string): Promise<unknown> {
  if (COMMONJS_BUILD) {
    try {
      return require(path) as unknown;
    } catch (error) {
      if (!isRequireOfAsyncModule(error)) throw error;
    }
  }
  return import(pathToFileURL(path).href);
}

function isRequireOfAsyncModule(error: unknown): boolean {
  const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return code === 'ERR_REQUIRE_ASYNC_MODULE' || code === 'ERR_REQUIRE_ESM';
}
