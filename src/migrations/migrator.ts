import { Umzug, type MigrationParams, type RunnableMigration, type UmzugStorage } from 'umzug';
import { MigrationError } from '../errors/migration-error.js';
import { assertForeignKeys, foreignKeySwitch, withoutForeignKeyEnforcement } from '../query-interface/foreign-key-switch.js';
import type { Relata } from '../relata.js';
import { MetaStorage } from './meta-storage.js';
import { listMigrationFiles, loadMigration, type MigrationFile } from './migration-files.js';
import { sequelizeNamespace, type SequelizeNamespace } from './sequelize-namespace.js';

/** Options for a `Migrator`. */
export interface MigratorOptions {
  /** The folder of migration (or seeder) files. */
  path: string;
  /** `migration` (default) or `seeder`: seeders run with foreign keys enforced and, by default, are not recorded. */
  kind?: 'migration' | 'seeder';
  /**
   * Where runs are recorded: `sequelize` (a table, the default for migrations) or `none` (the
   * default for seeders, as in sequelize-cli).
   */
  storage?: 'sequelize' | 'none';
  /** The history table: `SequelizeMeta` for migrations, `SequelizeData` for seeders. */
  tableName?: string;
  /** Progress, for a CLI or a log. */
  onEvent?: (event: MigrationEvent) => void;
  /** The second argument of `up`/`down`; relata's Sequelize-compatible namespace by default. */
  context?: unknown;
}

/** A progress event: a file starts or finishes, in which direction, and how long it took. */
export interface MigrationEvent {
  readonly event: 'migrating' | 'migrated' | 'reverting' | 'reverted';
  readonly name: string;
  readonly durationMs?: number;
}

/** One file and whether it has run. */
export interface MigrationStatus {
  readonly name: string;
  readonly path: string;
  readonly executed: boolean;
}

/** Which migrations `up` runs: all pending, up `to` a name, `step` of them, or the named ones. */
export interface MigrateUpOptions {
  to?: string;
  step?: number;
  migrations?: readonly string[];
}

/** Which migrations `down` reverts: the last one by default, `to` a name (`0` for all), `step` of them, or the named ones. */
export interface MigrateDownOptions {
  to?: string | 0;
  step?: number;
  migrations?: readonly string[];
}

/**
 * Runs sequelize-cli-compatible migration files on umzug, recording them in `SequelizeMeta`.
 * Each file runs in its own transaction where the database can roll back DDL (SQLite,
 * PostgreSQL), together with its history entry, so a failed migration leaves nothing behind
 * and is not recorded; the error names the file. On SQLite, migrations run with foreign key
 * enforcement deferred to a check before commit, so table rebuilds are safe.
 *
 * @example
 * const migrator = new Migrator(relata, { path: 'migrations' })
 * await migrator.up() // runs every pending file, in name order
 * await migrator.down({ to: 0 }) // reverts them all
 */
export class Migrator {
  readonly relata: Relata;
  readonly options: Readonly<MigratorOptions>;
  readonly #storage: MetaStorage;
  readonly #context: SequelizeNamespace;

  constructor(relata: Relata, options: MigratorOptions) {
    this.relata = relata;
    this.options = options;
    const seeder = options.kind === 'seeder';
    const storage = options.storage ?? (seeder ? 'none' : 'sequelize');
    this.#storage = new MetaStorage(relata, options.tableName ?? (seeder ? 'SequelizeData' : 'SequelizeMeta'), storage === 'sequelize');
    this.#context = (options.context as SequelizeNamespace | undefined) ?? sequelizeNamespace();
  }

  /** Every file with whether it has run, in name order. */
  async status(): Promise<MigrationStatus[]> {
    const executed = new Set(await this.#storage.executed());
    return (await listMigrationFiles(this.options.path)).map((f) => ({ ...f, executed: executed.has(f.name) }));
  }

  /** The names recorded as run. */
  async executed(): Promise<string[]> {
    return this.#storage.executed();
  }

  /** The files not recorded as run (every file when nothing is recorded). */
  async pending(): Promise<string[]> {
    return (await this.status()).filter((s) => !s.executed).map((s) => s.name);
  }

  /** Runs pending migrations in name order; returns what ran. */
  async up(options: MigrateUpOptions = {}): Promise<string[]> {
    const umzug = this.#umzug();
    let run;
    if (options.migrations) {
      const migrations = await this.#resolve(options.migrations);
      run = umzug.up({ migrations, ...(this.#storage.enabled ? {} : { rerun: 'ALLOW' as const }) });
    } else if (options.to !== undefined) {
      run = umzug.up({ to: (await this.#resolve([options.to]))[0] ?? options.to });
    } else {
      run = options.step !== undefined ? umzug.up({ step: options.step }) : umzug.up();
    }
    return (await this.#unwrap(run)).map((m) => m.name);
  }

  /**
   * Reverts migrations newest first: the last one by default. Without a history (`storage:
   * 'none'`, seeders) `migrations` names the files, or every file is reverted.
   */
  async down(options: MigrateDownOptions = {}): Promise<string[]> {
    const umzug = this.#umzug();
    if (!this.#storage.enabled) {
      const names = options.migrations ? await this.#resolve(options.migrations) : (await listMigrationFiles(this.options.path)).map((f) => f.name).reverse();
      return (await this.#unwrap(umzug.down({ migrations: names, rerun: 'ALLOW' }))).map((m) => m.name);
    }
    let run;
    if (options.migrations) run = umzug.down({ migrations: await this.#resolve(options.migrations) });
    else if (options.to === 0) run = umzug.down({ to: 0 });
    else if (options.to !== undefined) run = umzug.down({ to: (await this.#resolve([options.to]))[0] ?? options.to });
    else run = umzug.down({ step: options.step ?? 1 });
    return (await this.#unwrap(run)).map((m) => m.name);
  }

  #umzug(): Umzug<object> {
    const storage: UmzugStorage<object> = {
      // Runs are recorded inside each file's transaction (see #run), not after it.
      logMigration: async () => undefined,
      unlogMigration: async () => undefined,
      executed: () => this.#storage.executed(),
    };
    return new Umzug<object>({
      migrations: async () => (await listMigrationFiles(this.options.path)).map((file) => this.#runnable(file)),
      context: {},
      storage,
      logger: undefined,
    });
  }

  #runnable(file: MigrationFile): RunnableMigration<object> {
    return {
      name: file.name,
      path: file.path,
      up: (params: MigrationParams<object>) => this.#run(file, 'up', params),
      down: (params: MigrationParams<object>) => this.#run(file, 'down', params),
    };
  }

  async #run(file: MigrationFile, direction: 'up' | 'down', _params: MigrationParams<object>): Promise<void> {
    const started = performance.now();
    this.options.onEvent?.({ event: direction === 'up' ? 'migrating' : 'reverting', name: file.name });
    const mod = await loadMigration(file.path);
    const fn = mod[direction];
    if (typeof fn !== 'function') throw MigrationError.noFunction(file.path, direction);
    const relata = this.relata;
    const queryInterface = relata.getQueryInterface();
    const transactional = relata.adapter.capabilities.transactionalDdl;
    const sw = this.options.kind === 'seeder' ? undefined : foreignKeySwitch(relata);
    try {
      if (!transactional) {
        await fn.call(mod, queryInterface, this.#context);
        await this.#storage.record(file.name, direction, { transaction: null });
      } else {
        const body = () =>
          relata.transaction({ transaction: null }, async (transaction) => {
            await fn.call(mod, queryInterface, this.#context);
            if (sw) await assertForeignKeys(relata, sw, { transaction });
            await this.#storage.record(file.name, direction, { transaction });
          });
        await (sw ? withoutForeignKeyEnforcement(relata, sw, body) : body());
      }
    } catch (error) {
      throw MigrationError.failed(file.name, direction, error, transactional);
    }
    const durationMs = performance.now() - started;
    this.options.onEvent?.({ event: direction === 'up' ? 'migrated' : 'reverted', name: file.name, durationMs });
  }

  // Accepts a file name with or without its extension (`--to 20240101000000-create-users`).
  async #resolve(names: readonly string[]): Promise<string[]> {
    const files = await listMigrationFiles(this.options.path);
    return names.map((name) => {
      const file = files.find((f) => f.name === name) ?? files.find((f) => f.name.replace(/\.[^.]+$/, '') === name);
      if (!file) throw new MigrationError(`No migration named ${name} in ${this.options.path}; files: ${files.map((f) => f.name).join(', ') || '(none)'}`);
      return file.name;
    });
  }

  async #unwrap<T>(run: Promise<T>): Promise<T> {
    try {
      return await run;
    } catch (error) {
      // umzug wraps what a migration throws in its own error; ours already names the file.
      const cause = (error as { cause?: unknown }).cause;
      if (cause instanceof MigrationError) throw cause;
      if (error instanceof MigrationError) throw error;
      throw new MigrationError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  }
}
