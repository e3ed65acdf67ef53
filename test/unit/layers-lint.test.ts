/**
 * The layer rules of src/ (lint/layers.js): no import cycle once the listed exceptions are left out,
 * type-only imports counted, and an import from a lower layer into a higher one is a lint error.
 */
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error lint/ is plain JavaScript without declarations
import { cycles, importGraph, withoutAllowed } from '../../lint/import-cycles.js';
// @ts-expect-error lint/ is plain JavaScript without declarations
import { cycleExceptions } from '../../lint/layers.js';

type Graph = Map<string, Set<string>>;
const root = resolve(import.meta.dirname, '../..');
const src = (path: string): string => join(root, 'src', path);
const cyclicFiles = (graph: Graph): string[][] => (cycles(withoutAllowed(graph, cycleExceptions)) as Set<string>[]).map((c) => [...c].map((f) => relative(root, f)).sort());

describe('layers/no-cycle', () => {
  it('finds no cycle in src/ once the listed exceptions are left out', () => {
    expect(cyclicFiles(importGraph() as Graph)).toEqual([]);
  });

  it('counts a type-only import that closes a cycle', () => {
    const graph = importGraph() as Graph;
    // The expression tree typing a value with the Model class: model.ts reaches query/expression.ts already.
    graph.get(src('query/expression.ts'))?.add(src('model/model.ts'));
    const found = cyclicFiles(graph);
    expect(found).toHaveLength(1);
    expect(found[0]).toEqual(expect.arrayContaining(['src/query/expression.ts', 'src/model/model.ts', 'src/model/finders.ts']));
  });
});

describe('import-x/no-restricted-paths zones', () => {
  it('refuses a type import from model/ in dialects/ and a compileSelect import in associations/', async () => {
    const eslint = new ESLint({ cwd: root });
    const lint = async (path: string, extra: string): Promise<string[]> => {
      const text = `${extra}\n${readFileSync(src(path), 'utf8')}`;
      const [result] = await eslint.lintText(text, { filePath: src(path) });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
    };
    expect(await lint('dialects/adapter.ts', '')).toEqual([]);
    expect(await lint('dialects/adapter.ts', "import type { Model } from '../model/model.js';")).toEqual([
      expect.stringContaining('dialects/ knows adapters and catalogs, not models or queries.'),
    ]);
    expect(await lint('associations/has-many.ts', "import { compileSelect } from '../sql/select.js';")).toEqual([
      expect.stringContaining('associations/ build no SQL'),
    ]);
  }, 120_000);
});
