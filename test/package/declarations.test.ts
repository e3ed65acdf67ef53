/**
 * The bundled declarations keep every namespace alias pointing at its target: a source alias written
 * `type AbstractDataType = import('./abstract.js').AbstractDataType` inside `namespace DataTypes` was
 * bundled as `type AbstractDataType = AbstractDataType`, which TypeScript reads as `any`. And they
 * compile on their own with `skipLibCheck` off: `Op: typeof Operators.Op` in the class's namespace
 * was bundled as `Op: typeof Op`, naming itself (TS2502 in every project that checks libraries).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const dist = join(import.meta.dirname, '../../dist');

describe('dist/*.d.ts', () => {
  it('has no type alias that names itself', () => {
    if (!existsSync(join(dist, 'index.d.ts'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    const selfAliases: string[] = [];
    for (const file of readdirSync(dist).filter((f) => f.endsWith('.d.ts') || f.endsWith('.d.cts'))) {
      for (const match of readFileSync(join(dist, file), 'utf8').matchAll(/^\s*(?:export )?type (\w+) = (\w+);$/gm)) {
        if (match[1] === match[2]) selfAliases.push(`${file}: ${match[0].trim()}`);
      }
    }
    expect(selfAliases).toEqual([]);
  });

  it('compiles under strict with skipLibCheck off', async () => {
    const entries = readdirSync(dist).filter((f) => /^(index|typeorm|nestjs)\.d\.c?ts$/.test(f)).map((f) => join(dist, f));
    expect(entries).toHaveLength(6);
    const args = [tsc, '--noEmit', '--strict', '--skipLibCheck', 'false', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', ...entries];
    const output = await run(process.execPath, args).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(output.split('\n').filter((line) => line.includes('error TS'))).toEqual([]);
  }, 180_000);
});
