import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';

// The small glob dialect model paths use (`models/*.ts`, `src/**/*.model.{ts,js}`): `*`, `?`,
// `**` (any depth) and `{a,b}`, matched segment by segment. Node 20 has no fs.globSync.

/** True when the pattern has glob syntax. */
export function hasGlobMagic(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  const [whole, body = ''] = match;
  const head = pattern.slice(0, match.index);
  const tail = pattern.slice(match.index + whole.length);
  return body.split(',').flatMap((choice) => expandBraces(`${head}${choice}${tail}`));
}

function segmentRegExp(segment: string): RegExp {
  const source = segment.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function walk(base: string, segments: readonly string[], out: Set<string>): void {
  const [segment, ...rest] = segments;
  if (segment === undefined) {
    out.add(base);
    return;
  }
  if (segment === '**') {
    walk(base, rest, out);
    for (const name of entries(base)) if (!name.startsWith('.') && isDirectory(join(base, name))) walk(join(base, name), segments, out);
    return;
  }
  if (!hasGlobMagic(segment)) {
    const next = join(base, segment);
    if (rest.length === 0 ? entries(base).includes(segment) : isDirectory(next)) walk(next, rest, out);
    return;
  }
  const re = segmentRegExp(segment);
  for (const name of entries(base)) if (!name.startsWith('.') && re.test(name)) walk(join(base, name), rest, out);
}

/**
 * The files and folders matching a pattern, absolute and sorted; relative patterns start at
 * the current directory.
 *
 * @example
 * globSync('/app/src/models/*.model.{ts,js}') // ['/app/src/models/post.model.ts', …]
 */
export function globSync(pattern: string): string[] {
  const out = new Set<string>();
  for (const expanded of expandBraces(pattern)) {
    const absolute = isAbsolute(expanded) ? expanded : resolve(expanded);
    const [root = '', ...segments] = absolute.split(/[\\/]/);
    walk(root === '' ? sep : `${root}${sep}`, segments.filter((s) => s !== ''), out);
  }
  return [...out].sort();
}
