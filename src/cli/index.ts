#!/usr/bin/env node
// The `relata` bin. It runs `runCli` from the relata the project itself resolves, as ESM or
// CommonJS like the project's own files, so model files that `require('relata')` or
// `import … from 'relata'` share the CLI's classes. Outside a project it uses the copy beside it.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
// Node built-ins only: the bin must not load a second copy of relata before it finds the project's.
import { isModuleFolder } from '../utils/package-type.js';

type RunCli = (argv: readonly string[]) => Promise<number>;


function projectEntry(cwd: string, esm: boolean): string | undefined {
  try {
    const require = createRequire(join(cwd, 'package.json'));
    if (!esm) return require.resolve('relata');
    const pkgPath = require.resolve('relata/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: { '.'?: { import?: { default?: string } } }; module?: string };
    const file = pkg.exports?.['.']?.import?.default ?? pkg.module;
    return file === undefined ? undefined : join(dirname(pkgPath), file);
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const cwd = process.cwd();
  const esm = isModuleFolder(cwd);
  const here = dirname(realpathSync(process.argv[1] ?? '.'));
  const entry = projectEntry(cwd, esm) ?? join(here, esm ? 'index.js' : 'index.cjs');
  const lib = (await import(pathToFileURL(entry).href)) as { runCli?: RunCli; default?: { runCli?: RunCli } };
  const runCli = lib.runCli ?? lib.default?.runCli;
  if (typeof runCli !== 'function') {
    process.stderr.write(`relata: ${entry} has no runCli; is the installed relata older than this CLI?\n`);
    return 1;
  }
  return runCli(process.argv.slice(2));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`relata: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
