import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MigrationError } from '../errors/migration-error.js';
import type { QueryInterface } from '../query-interface/query-interface.js';
import type { Relata } from '../relata.js';
import { loadUserModule } from '../utils/load-user-module.js';
import type { SequelizeNamespace } from './sequelize-namespace.js';

/** A migration (or seeder) file: its name as recorded in SequelizeMeta, and its path. */
export interface MigrationFile {
  /** The file name with its extension, as sequelize-cli records it: `20240101000000-create-users.js`. */
  readonly name: string;
  readonly path: string;
}

/**
 * What a migration or seeder file exports. Type a JavaScript file with
 * `/** @type {import('relata').MigrationModule} *\/`.
 *
 * @example
 * const migration: MigrationModule = {
 *   async up(queryInterface, Sequelize) { await queryInterface.addColumn('Users', 'age', { type: Sequelize.INTEGER }) },
 *   async down(queryInterface) { await queryInterface.removeColumn('Users', 'age') },
 * }
 */
export interface MigrationModule {
  up?(queryInterface: QueryInterface<Relata>, Sequelize: SequelizeNamespace): unknown;
  down?(queryInterface: QueryInterface<Relata>, Sequelize: SequelizeNamespace): unknown;
}

const MIGRATION_FILE = /\.(c|m)?(j|t)s$/;
const TYPESCRIPT = new Set(['.ts', '.cts', '.mts']);

/**
 * The migration files of a folder, sorted by name (their timestamp prefix): `.js`, `.cjs`,
 * `.mjs`, `.ts`, `.cts` and `.mts`; declaration files and dotfiles are skipped.
 *
 * @example
 * await listMigrationFiles('migrations') // [{ name: '20240101000000-create-users.js', path: '/app/migrations/20240101000000-create-users.js' }]
 * @internal
 */
export async function listMigrationFiles(directory: string): Promise<MigrationFile[]> {
  const folder = resolve(directory);
  if (!existsSync(folder)) throw new MigrationError(`The folder ${folder} does not exist (run \`relata init\`, or set its path in .relatarc / .sequelizerc)`);
  const names = (await readdir(folder)).filter((f) => MIGRATION_FILE.test(f) && !/\.d\.(c|m)?ts$/.test(f) && !f.startsWith('.')).sort();
  return names.map((name) => ({ name, path: join(folder, name) }));
}

/**
 * Loads a migration file: CommonJS (`module.exports = { up, down }`), ESM (`export async function
 * up`, or a default export holding both) or TypeScript, which is compiled on the fly by tsx (an
 * optional peer dependency).
 *
 * @example
 * const { up } = await loadMigration('/app/migrations/20240101000000-create-users.ts')
 * @internal
 */
export async function loadMigration(path: string): Promise<MigrationModule> {
  const mod = TYPESCRIPT.has(extname(path)) ? await importTypeScript(path) : await loadUserModule(path);
  return unwrap(mod);
}

async function importTypeScript(path: string): Promise<unknown> {
  let tsx: { tsImport: (specifier: string, parent: string) => Promise<unknown> };
  try {
    tsx = (await import('tsx/esm/api')) as typeof tsx;
  } catch (cause) {
    throw new MigrationError(`${path} is TypeScript, which relata loads with tsx; install it (npm install --save-dev tsx) or compile the migrations to JavaScript`, { cause, migration: path });
  }
  const url = pathToFileURL(path).href;
  return tsx.tsImport(url, url);
}

// ESM gives { up, down } or { default: { up, down } }; CommonJS through import() gives
// { default: module.exports }, and TypeScript compiled to CommonJS may nest one level more.
function unwrap(mod: unknown): MigrationModule {
  let current: unknown = mod;
  for (let depth = 0; depth < 3 && current !== null && typeof current === 'object'; depth++) {
    const candidate = current as MigrationModule & { default?: unknown };
    if (typeof candidate.up === 'function' || typeof candidate.down === 'function') return candidate;
    current = candidate.default;
  }
  return {};
}

/**
 * sequelize-cli's file name prefix: the UTC time as `YYYYMMDDHHmmss`.
 *
 * @example
 * migrationTimestamp(new Date('2024-01-02T03:04:05Z')) // '20240102030405'
 * @internal
 */
export function migrationTimestamp(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
}

