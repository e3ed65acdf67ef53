/**
 * The bundled declarations keep every namespace alias pointing at its target: a source alias written
 * `type AbstractDataType = import('./abstract.js').AbstractDataType` inside `namespace DataTypes` was
 * bundled as `type AbstractDataType = AbstractDataType`, which TypeScript reads as `any`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
});
