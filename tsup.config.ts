import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

// relata/typeorm and relata/nestjs reach the core only through src/index.ts (see their index.ts).
// In their bundles that import becomes 'relata' itself, so an application that uses several
// entries still has one Model class, one Relata class and one set of error classes. Likewise
// relata/nestjs reaches the TypeORM layer only through src/typeorm/index.ts, which becomes
// 'relata/typeorm': one DataSource class for the application's entities and for TypeOrmModule.
const CORE_INDEX = resolve('src/index.ts');
const TYPEORM_INDEX = resolve('src/typeorm/index.ts');
const NESTJS_DIR = resolve('src/nestjs');
const SUBPATH_DIRS = [resolve('src/decorators/typeorm'), resolve('src/typeorm'), resolve('src/nestjs')];
const shareCore: Plugin = {
  name: 'relata-share-core',
  setup(build) {
    build.onResolve({ filter: /index\.js$/ }, (args) => {
      if (!SUBPATH_DIRS.some((dir) => args.importer.startsWith(dir + sep))) return undefined;
      const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      if (target === CORE_INDEX) return { path: 'relata', external: true };
      if (target === TYPEORM_INDEX && args.importer.startsWith(NESTJS_DIR + sep)) return { path: 'relata/typeorm', external: true };
      return undefined;
    });
  },
};

// relata diagram --html inlines the Mermaid library, so the published package carries it in
// dist/ (mermaid is a devDependency, never a runtime one). Its minified build has no header of
// its own: the build adds mermaid's MIT license in front of it.
function copyMermaid(): void {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('mermaid/package.json');
  const { version, license } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string; license: string };
  const licenseText = readFileSync(join(dirname(packageJson), 'LICENSE'), 'utf8').trim();
  const bundle = readFileSync(join(dirname(packageJson), 'dist/mermaid.min.js'), 'utf8');
  const header = `/*! mermaid ${version} | ${license} | https://github.com/mermaid-js/mermaid\n\n${licenseText.replace(/\*\//g, '* /')}\n*/\n`;
  writeFileSync(resolve('dist/mermaid.min.js'), header + bundle);
}

// The CommonJS build of the main entry makes `module.exports` the Relata class itself, as
// `require('sequelize')` is the Sequelize class: `const Sequelize = require('relata'); new Sequelize(…)`.
// Every named export is copied onto it (src/sequelize-statics.ts has already put Sequelize's
// class-level names there), so `require('relata').Model` and destructuring keep working. Only the
// entry whose default export is also its `Sequelize` export (src/index.ts) is touched.
const CJS_CLASS_EXPORT = [
  'if (typeof module.exports.default === "function" && module.exports.default === module.exports.Sequelize) {',
  '  const named = module.exports;',
  '  module.exports = named.default;',
  '  for (const key of Object.keys(named)) if (!(key in module.exports) || module.exports[key] !== named[key]) module.exports[key] = named[key];',
  '}',
].join('\n');

export default defineConfig({
  entry: { index: 'src/index.ts', typeorm: 'src/typeorm/index.ts', nestjs: 'src/nestjs/index.ts', cli: 'src/cli/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: false,
  external: ['pg', 'mysql2', 'tedious', 'better-sqlite3', '@nestjs/common', '@nestjs/core', 'reflect-metadata'],
  // import.meta.url in the CommonJS build (diagram-html.ts finds dist/mermaid.min.js beside itself).
  shims: true,
  // Class names survive bundling (esbuild renames colliding ones: `_ConnectionError`); errors and
  // models are told apart by `.name`.
  keepNames: true,
  // src/utils/module-format.ts: the CommonJS build loads drivers with require, the ESM build with import().
  esbuildOptions(options, { format }) {
    options.define = { ...options.define, __RELATA_COMMONJS__: String(format === 'cjs') };
  },
  footer: ({ format }) => (format === 'cjs' ? { js: CJS_CLASS_EXPORT } : undefined),
  esbuildPlugins: [shareCore],
  onSuccess: async () => copyMermaid(),
});
