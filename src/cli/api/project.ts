import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RelataOptions } from '../../connection-options.js';
import { MigrationError } from '../../errors/migration-error.js';
import { Relata } from '../../relata.js';

/** Options every command accepts, with sequelize-cli's names. */
export interface ProjectFlags {
  env?: string;
  config?: string;
  optionsPath?: string;
  migrationsPath?: string;
  seedersPath?: string;
  modelsPath?: string;
  url?: string;
  debug?: boolean;
}

/** Where a project keeps its files, after `.relatarc` / `.sequelizerc` and the flags. */
export interface ProjectPaths {
  readonly cwd: string;
  readonly config: string;
  readonly models: string;
  readonly migrations: string;
  readonly seeders: string;
  /** The options file that was read, if any. */
  readonly optionsFile: string | undefined;
}

/** The connection settings of one environment, and how migrations and seeders are recorded. */
export interface ProjectDatabase {
  readonly env: string;
  /** Where the settings came from, for the CLI's first line. */
  readonly source: string;
  readonly url: string | undefined;
  readonly options: RelataOptions;
  readonly migrationStorageTableName: string;
  readonly seederStorage: 'none' | 'sequelize';
  readonly seederStorageTableName: string;
}

const RC_FILES = ['.relatarc', '.sequelizerc'];

/**
 * The project's paths: flags first, then `.relatarc` or `.sequelizerc` (sequelize-cli's keys
 * `config`, `models-path`, `migrations-path`, `seeders-path`; JSON or a CommonJS module), then the
 * defaults `config/config.json`, `models`, `migrations`, `seeders`.
 *
 * @example
 * resolvePaths('/app', {}) // { config: '/app/config/config.json', models: '/app/models', … }
 * @internal
 */
export function resolvePaths(cwd: string, flags: ProjectFlags): ProjectPaths {
  const optionsFile = flags.optionsPath !== undefined ? resolve(cwd, flags.optionsPath) : RC_FILES.map((f) => join(cwd, f)).find((f) => existsSync(f));
  const rc = optionsFile === undefined ? {} : readOptionsFile(optionsFile);
  const pick = (flag: string | undefined, key: string, fallback: string): string => resolve(cwd, flag ?? (typeof rc[key] === 'string' ? rc[key] : fallback));
  const defaultConfig = ['config/config.json', 'config/config.js', 'config/config.cjs'].find((f) => existsSync(join(cwd, f))) ?? 'config/config.json';
  return {
    cwd,
    optionsFile,
    config: pick(flags.config, 'config', defaultConfig),
    models: pick(flags.modelsPath, 'models-path', 'models'),
    migrations: pick(flags.migrationsPath, 'migrations-path', 'migrations'),
    seeders: pick(flags.seedersPath, 'seeders-path', 'seeders'),
  };
}

function readOptionsFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new MigrationError(`The options file ${file} does not exist`);
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    // .sequelizerc is usually a CommonJS module building paths with path.resolve().
    const loaded = createRequire(file)(file) as unknown;
    return (loaded !== null && typeof loaded === 'object' ? loaded : {}) as Record<string, unknown>;
  }
}

/**
 * The database settings for the environment (`--env`, else NODE_ENV, else `development`): `--url`
 * first, then the environment's entry of the config file (its `use_env_variable`, `url`, or
 * connection options), then `DATABASE_URL`.
 *
 * @example
 * await loadDatabase(paths, { env: 'test' }, process.env) // { url: undefined, options: { dialect: 'sqlite', storage: '/app/test.sqlite' }, … }
 * @internal
 */
export async function loadDatabase(paths: ProjectPaths, flags: ProjectFlags, environment: Readonly<Record<string, string | undefined>>): Promise<ProjectDatabase> {
  const env = flags.env ?? environment['NODE_ENV'] ?? 'development';
  const base = { env, migrationStorageTableName: 'SequelizeMeta', seederStorage: 'none' as const, seederStorageTableName: 'SequelizeData' };
  if (flags.url !== undefined) return { ...base, source: '--url', url: flags.url, options: {} };
  if (existsSync(paths.config)) {
    const all = await readConfig(paths.config);
    const entry = all[env];
    if (entry === null || typeof entry !== 'object') {
      if (environment['DATABASE_URL']) return { ...base, source: 'DATABASE_URL', url: environment['DATABASE_URL'], options: {} };
      throw new MigrationError(`${paths.config} has no "${env}" environment (it has: ${Object.keys(all).join(', ') || 'none'}); pass --env or set NODE_ENV`);
    }
    const config = entry as Record<string, unknown>;
    const shown = relative(paths.cwd, paths.config) || paths.config;
    const storage = {
      migrationStorageTableName: typeof config['migrationStorageTableName'] === 'string' ? config['migrationStorageTableName'] : base.migrationStorageTableName,
      seederStorage: config['seederStorage'] === 'sequelize' ? ('sequelize' as const) : ('none' as const),
      seederStorageTableName: typeof config['seederStorageTableName'] === 'string' ? config['seederStorageTableName'] : base.seederStorageTableName,
    };
    const options = connectionOptions(config, paths.cwd);
    const variable = config['use_env_variable'];
    if (typeof variable === 'string') {
      const url = environment[variable];
      if (!url) throw new MigrationError(`${paths.config} (${env}) reads the URL from $${variable}, which is not set`);
      return { ...base, ...storage, source: `${shown} (${env}, $${variable})`, url, options };
    }
    const url = typeof config['url'] === 'string' ? config['url'] : undefined;
    return { ...base, ...storage, source: `${shown} (${env})`, url, options };
  }
  if (environment['DATABASE_URL']) return { ...base, source: 'DATABASE_URL', url: environment['DATABASE_URL'], options: {} };
  throw new MigrationError(`No database configured: create ${paths.config} (relata init), pass --url, or set DATABASE_URL`);
}

async function readConfig(file: string): Promise<Record<string, unknown>> {
  if (file.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (cause) {
      throw new MigrationError(`${file} is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return ((mod.default ?? mod) as Record<string, unknown>) ?? {};
}

// sequelize-cli config keys that are not connection options.
const NOT_OPTIONS = new Set(['use_env_variable', 'url', 'migrationStorage', 'migrationStorageTableName', 'migrationStoragePath', 'seederStorage', 'seederStorageTableName', 'seederStoragePath']);

function connectionOptions(config: Readonly<Record<string, unknown>>, cwd: string): RelataOptions {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) if (!NOT_OPTIONS.has(key)) options[key] = value;
  const storage = options['storage'];
  // A relative SQLite file is relative to the project, wherever the CLI runs from.
  if (typeof storage === 'string' && storage !== ':memory:' && !isAbsolute(storage)) options['storage'] = resolve(cwd, storage);
  return options as RelataOptions;
}

/**
 * Opens the connection a command works on.
 *
 * @example
 * const relata = connect(await loadDatabase(paths, flags, process.env), false)
 * @internal
 */
export function connect(database: ProjectDatabase, logging: ((sql: string) => void) | false): Relata {
  const options: RelataOptions = { ...database.options, logging };
  if (database.url !== undefined) {
    // The URL names the dialect; options from the config file add to it.
    const { dialect: _dialect, ...rest } = options;
    return new Relata(database.url, rest);
  }
  return new Relata(options);
}
