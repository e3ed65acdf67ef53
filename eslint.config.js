// ESLint flat config. `npm run lint` (eslint src test) runs in CI; keep the rule set light:
// type-aware rules come from one TypeScript project service; the layer rules and the cycle rule walk src/ only.
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './lint/import-cycles.js';
import { cycleExceptions, layerZones } from './lint/layers.js';

// Relative specifiers must name the emitted file: './x.js' (or '.json'), never './x' or './x.ts'.
const missingJsExtension = String.raw`/^[.]{1,2}([/].*)?$(?<![.]js|[.]json)/`;
const relativeImportRules = [
  {
    selector: `ImportDeclaration[source.value=${missingJsExtension}]`,
    message: "Relative imports end in '.js' (STYLE.md, Files and names).",
  },
  {
    selector: `ExportNamedDeclaration[source.value=${missingJsExtension}], ExportAllDeclaration[source.value=${missingJsExtension}]`,
    message: "Relative re-exports end in '.js' (STYLE.md, Files and names).",
  },
  {
    selector: `ImportExpression[source.value=${missingJsExtension}]`,
    message: "Relative dynamic imports end in '.js' (STYLE.md, Files and names).",
  },
];

export default defineConfig(
  {
    ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'bench/results/**'],
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // An ORM is promises all the way down: a forgotten await loses errors and breaks transactions.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      'no-restricted-syntax': ['error', ...relativeImportRules],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX, layers: layersPlugin },
    settings: {
      // Without this, import-x treats .ts files as unparsable and no-cycle never follows them.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.json', '.node'],
          // NodeNext specifiers say '.js'; the source file is '.ts'.
          extensionAlias: { '.js': ['.ts', '.js'] },
        }),
      ],
    },
    rules: {
      // Runtime cycles (value imports), with no exception.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // import-x/no-cycle has no option to count type-only imports (it always skips them); layers/no-cycle
      // (lint/import-cycles.js) counts every import, except the few listed in lint/layers.js.
      'layers/no-cycle': ['error', { allow: cycleExceptions }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'no-restricted-syntax': [
        'error',
        ...relativeImportRules,
        {
          selector:
            "ThrowStatement > NewExpression[callee.name=/^(Error|TypeError|RangeError|ReferenceError|SyntaxError|AggregateError)$/]",
          message: 'Library code throws a subclass of BaseError from src/errors/ (STYLE.md, Errors), not a built-in Error.',
        },
        {
          selector: "ThrowStatement > CallExpression[callee.name=/^(Error|TypeError|RangeError)$/]",
          message: 'Library code throws a subclass of BaseError from src/errors/ (STYLE.md, Errors), not a built-in Error.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // The first seed's entity files and the NestJS application, written as NestJS apps are (CommonJS,
    // extensionless relative imports).
    files: ['test/fixtures/typeorm-seed/*.ts', 'test/fixtures/nest-app/**/*.ts', 'test/fixtures/nest-typeorm-app/**/*.ts'],
    rules: {
      'no-restricted-syntax': 'off',
    },
  },
);
