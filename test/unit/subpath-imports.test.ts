/**
 * relata/typeorm and relata/nestjs are separate bundles whose imports of src/index.ts become
 * imports of 'relata' (tsup.config.ts), so an application holds one Model class and one set of
 * error classes. That only holds if nothing else of the core is bundled into them: their runtime
 * imports may name their own folder, src/index.ts, and the shared decorator helpers that keep
 * no state of their own (and import nothing from the core).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const SHARED_HELPERS = ['decoration-store.ts', 'decorator-call.ts', 'design-type.ts', 'pending-relations.ts', 'resolve-class.ts'].map((f) => `src/decorators/${f}`);

/** Relative runtime imports of a file (`import type` and `export type` are erased), as repo paths. */
function runtimeImports(file: string): string[] {
  const source = readFileSync(join(root, file), 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1] as string);
  return specifiers.map((s) => relative(root, resolve(dirname(join(root, file)), s.replace(/\.js$/, '.ts'))));
}

function filesOf(dir: string): string[] {
  return readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`);
}

describe('subpath bundles reach the core only through src/index.ts', () => {
  // relata/typeorm's bundle holds src/typeorm/ and the TypeORM decorators (a folder allowed ends with '/'); relata/nestjs imports
  // relata/typeorm itself (src/typeorm/index.ts becomes 'relata/typeorm' in its bundle).
  const ALSO_ALLOWED: Record<string, readonly string[]> = {
    'src/decorators/typeorm': [],
    'src/typeorm': ['src/decorators/typeorm/'],
    'src/nestjs': ['src/typeorm/index.ts'],
  };
  for (const [dir, also] of Object.entries(ALSO_ALLOWED)) {
    it(`${dir}`, () => {
      const outside = filesOf(dir).flatMap((file) => runtimeImports(file).filter((target) => !target.startsWith(`${dir}/`)).map((target) => `${file} → ${target}`));
      const allowed = new Set(['src/index.ts', ...SHARED_HELPERS, ...also]);
      const isAllowed = (target: string): boolean => allowed.has(target) || also.some((prefix) => prefix.endsWith('/') && target.startsWith(prefix));
      expect(outside.filter((edge) => !isAllowed(edge.split(' → ')[1] as string))).toEqual([]);
    });
  }

  it('reads the imports it checks', () => {
    expect(runtimeImports('src/decorators/typeorm/entity-record.ts').sort()).toEqual([
      'src/decorators/decorator-call.ts', 'src/decorators/typeorm/entity-decorations.ts', 'src/decorators/typeorm/register-entity.ts', 'src/index.ts',
    ]);
  });

  it('the shared helpers import nothing from the core', () => {
    expect(SHARED_HELPERS.flatMap((file) => runtimeImports(file).map((target) => `${file} → ${target}`))).toEqual([]);
  });
});
