import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * True when `.js` files in the folder are ES modules (the nearest package.json says
 * `"type": "module"`), so generated CommonJS files need `.cjs`.
 *
 * @example
 * isModuleFolder('/app/migrations') // false
 * @internal
 */
export function isModuleFolder(directory: string): boolean {
  let dir = resolve(directory);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}
