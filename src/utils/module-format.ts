// tsup defines __RELATA_COMMONJS__ per output format (tsup.config.ts); when the sources run as
// they are (vitest, tsx) it is not defined, and they run as ES modules.
declare const __RELATA_COMMONJS__: boolean | undefined;

/**
 * True in the CommonJS build (dist/*.cjs), false in the ES module build and in the sources. The
 * CommonJS build loads optional packages with `require`: Jest runs CommonJS code in a VM context
 * that refuses `import()` unless Node runs with --experimental-vm-modules.
 *
 * @example
 * const pg = COMMONJS_BUILD ? require('pg') : (await import('pg')).default
 * @internal
 */
export const COMMONJS_BUILD: boolean = typeof __RELATA_COMMONJS__ !== 'undefined' && __RELATA_COMMONJS__;
