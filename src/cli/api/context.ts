import { readdir } from 'node:fs/promises';
import { MigrationError } from '../../errors/migration-error.js';
import { Relata } from '../../relata.js';
import { connect, loadDatabase, resolvePaths, type ProjectDatabase, type ProjectFlags, type ProjectPaths } from './project.js';

/** Where the CLI writes and what it runs in. */
export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * What a command works with: output, project paths, flags, and a connection opened on demand.
 * @internal
 */
export class CliContext {
  readonly io: CliIO;
  readonly flags: ProjectFlags;
  readonly paths: ProjectPaths;

  constructor(io: CliIO, flags: ProjectFlags) {
    this.io = io;
    this.flags = flags;
    this.paths = resolvePaths(io.cwd, flags);
  }

  /** Prints a line on stdout. */
  line(text = ''): void {
    this.io.stdout(`${text}\n`);
  }

  /** A path relative to the project, for messages. */
  relative(path: string): string {
    return path.startsWith(`${this.paths.cwd}/`) ? path.slice(this.paths.cwd.length + 1) : path;
  }

  /**
   * Opens the connection, prints which database and environment it is, runs `fn`, and closes
   * the connection whatever happens.
   */
  async withConnection<T>(fn: (relata: Relata, database: ProjectDatabase) => Promise<T>): Promise<T> {
    const database = await loadDatabase(this.paths, this.flags, this.io.env);
    const relata = connect(database, this.flags.debug ? (sql: string) => this.io.stderr(`${sql}\n`) : false);
    try {
      this.line(`relata · ${relata.getDialect()} · ${database.source}`);
      this.line();
      return await fn(relata, database);
    } finally {
      await relata.close();
    }
  }

  /**
   * Loads the models folder on a connection that never connects, for commands that only read
   * the models (`diagram`): the project's dialect when its configuration resolves (model files
   * may ask for it), else in-memory SQLite.
   */
  async withModelsOnly<T>(fn: (relata: Relata) => Promise<T>): Promise<T> {
    const database = await loadDatabase(this.paths, this.flags, this.io.env).catch(() => undefined);
    const relata = database === undefined ? new Relata('sqlite::memory:', { logging: false }) : connect(database, false);
    try {
      await this.loadModels(relata);
      return await fn(relata);
    } finally {
      await relata.close();
    }
  }

  /** Loads the models folder (and its associations), TypeScript model files included. */
  async loadModels(relata: Relata): Promise<void> {
    await registerTypeScript(this.paths.models);
    const models = await relata.loadModels(this.paths.models);
    if (Object.keys(models).length === 0) throw new MigrationError(`No models found in ${this.relative(this.paths.models)} (set models-path in .relatarc, or pass --models-path)`);
  }
}

let tsxRegistered = false;

async function registerTypeScript(folder: string): Promise<void> {
  const files = await readdir(folder).catch(() => [] as string[]);
  if (tsxRegistered || !files.some((f) => /(?<!\.d)\.(c|m)?ts$/.test(f))) return;
  try {
    const esm = (await import('tsx/esm/api')) as { register: () => unknown };
    const cjs = (await import('tsx/cjs/api')) as { register: () => unknown };
    esm.register();
    cjs.register();
    tsxRegistered = true;
  } catch (cause) {
    throw new MigrationError(`${folder} has TypeScript models, which relata loads with tsx; install it (npm install --save-dev tsx)`, { cause });
  }
}

/**
 * Seconds with milliseconds, as sequelize-cli prints timings: `0.021s`.
 *
 * @example
 * seconds(21.3) // '0.021s'
 * @internal
 */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
