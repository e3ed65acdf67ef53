// Import cycles among src/ files, type-only imports included (import-x/no-cycle always skips them, and a
// type cycle still ties the layers together). Used by eslint.config.js as the `layers/no-cycle` rule,
// whose `allow` option lists the imports still tolerated (each with its reason). Runnable on its own:
// `node lint/import-cycles.js` prints the files in cycles counting every import, then what remains
// once the allowed imports are left out (what the rule enforces).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Every .ts file under `dir`. */
function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative specifiers a file imports or re-exports: value, type-only and `import()` alike. */
function relativeSpecifiers(path) {
  const info = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
  return info.importedFiles.map((file) => file.fileName).filter((name) => name.startsWith('.'));
}

/** Resolves a NodeNext specifier ('./x.js') to the .ts source file it names. */
export function resolveSpecifier(fromFile, specifier) {
  return resolve(dirname(fromFile), specifier).replace(/\.js$/, '.ts');
}

/** The import graph of src/: absolute file path -> the set of src/ files it imports. */
export function importGraph(srcDir = join(root, 'src')) {
  const files = sourceFiles(srcDir);
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const targets = relativeSpecifiers(file).map((spec) => resolveSpecifier(file, spec));
    graph.set(file, new Set(targets.filter((target) => known.has(target) && target !== file)));
  }
  return graph;
}

/** Whether `from` importing `to` is one of the allowed imports (repo-relative path prefixes). */
function allowed(allow, from, to) {
  const a = relative(root, from);
  const b = relative(root, to);
  return allow.some((entry) => a.startsWith(entry.from) && b.startsWith(entry.to));
}

/** The graph without the allowed imports. */
export function withoutAllowed(graph, allow) {
  if (allow.length === 0) return graph;
  return new Map([...graph].map(([file, targets]) => [file, new Set([...targets].filter((target) => !allowed(allow, file, target)))]));
}

/** Strongly connected components with more than one file (Tarjan), each as a set of paths. */
export function cycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = new Set();
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.add(member);
      } while (member !== node);
      if (component.size > 1) components.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}

const cached = new Map();
/** The component of each cyclic file, computed once per lint run (per `allow` list). */
function componentOf(allow) {
  const key = JSON.stringify(allow);
  let byFile = cached.get(key);
  if (!byFile) {
    byFile = new Map();
    for (const component of cycles(withoutAllowed(importGraph(), allow))) for (const file of component) byFile.set(file, component);
    cached.set(key, byFile);
  }
  return byFile;
}

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles among src/ files, counting type-only imports.' },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: {
              type: 'object',
              properties: { from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' } },
              required: ['from', 'to', 'reason'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
    messages: { cycle: 'Import cycle: {{target}} imports this file back (directly or through others).' },
  },
  create(context) {
    const file = context.physicalFilename;
    const allow = context.options[0]?.allow ?? [];
    const component = componentOf(allow).get(file);
    if (!component) return {};
    const check = (node) => {
      if (!node || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
      const target = resolveSpecifier(file, node.value);
      if (component.has(target) && !allowed(allow, file, target)) {
        context.report({ node, messageId: 'cycle', data: { target: relative(root, target) } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument),
    };
  },
};

/** ESLint plugin holding the rule. */
export const layersPlugin = { rules: { 'no-cycle': noCycle } };

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = (label, components) => {
    const files = components.reduce((sum, component) => sum + component.size, 0);
    for (const component of components.sort((a, b) => b.size - a.size)) {
      console.log(`cycle of ${component.size} files:`);
      for (const file of [...component].sort()) console.log(`  ${relative(root, file)}`);
    }
    console.log(`${label}: ${files} files in ${components.length} cycles`);
  };
  const graph = importGraph();
  report('every import', cycles(graph));
  const { cycleExceptions } = await import('./layers.js');
  report('without the allowed imports (lint/layers.js)', cycles(withoutAllowed(graph, cycleExceptions)));
}
