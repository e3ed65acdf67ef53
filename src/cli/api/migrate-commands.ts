import { MigrationError } from '../../errors/migration-error.js';
import { Migrator, type MigrationEvent } from '../../migrations/migrator.js';
import type { Relata } from '../../relata.js';
import { seconds, type CliContext } from './context.js';
import type { ProjectDatabase } from './project.js';

/** Exit codes: 0 done, 1 failed or drift found. */
export type ExitCode = 0 | 1;

const stem = (name: string): string => name.replace(/\.(c|m)?(j|t)s$/, '');

/**
 * A migrator for the project's migrations or seeders, printing sequelize-cli's progress lines:
 * `== 20240101000000-create-users: migrating =======` then `== …: migrated (0.021s)`.
 * @internal
 */
export function projectMigrator(ctx: CliContext, relata: Relata, database: ProjectDatabase, kind: 'migration' | 'seeder'): Migrator {
  const onEvent = (e: MigrationEvent): void => {
    if (e.durationMs === undefined) ctx.line(`== ${stem(e.name)}: ${e.event} =======`);
    else ctx.line(`== ${stem(e.name)}: ${e.event} (${seconds(e.durationMs)})`);
  };
  return kind === 'migration'
    ? new Migrator(relata, { path: ctx.paths.migrations, tableName: database.migrationStorageTableName, onEvent })
    : new Migrator(relata, { path: ctx.paths.seeders, kind: 'seeder', storage: database.seederStorage, tableName: database.seederStorageTableName, onEvent });
}

/** `db:migrate`: runs every pending migration (or up to `--to`, or only `--name`). */
export async function migrateUp(ctx: CliContext, options: { to?: string; name?: string }): Promise<ExitCode> {
  return ctx.withConnection<ExitCode>(async (relata, database) => {
    const migrator = projectMigrator(ctx, relata, database, 'migration');
    if ((await migrator.pending()).length === 0) {
      ctx.line('No migrations were executed, database schema was already up to date.');
      return 0;
    }
    const started = performance.now();
    const ran = await migrator.up(options.name !== undefined ? { migrations: [options.name] } : options.to !== undefined ? { to: options.to } : {});
    ctx.line();
    ctx.line(`${ran.length} migration${ran.length === 1 ? '' : 's'} applied in ${seconds(performance.now() - started)}.`);
    return 0;
  });
}

/** `db:migrate:status`: every file, `up` when it has run, `down` when pending. */
export async function migrateStatus(ctx: CliContext): Promise<ExitCode> {
  return ctx.withConnection<ExitCode>(async (relata, database) => {
    const status = await projectMigrator(ctx, relata, database, 'migration').status();
    if (status.length === 0) ctx.line(`No migrations in ${ctx.relative(ctx.paths.migrations)}.`);
    for (const s of status) ctx.line(`${s.executed ? 'up  ' : 'down'} ${s.name}`);
    const pending = status.filter((s) => !s.executed).length;
    ctx.line();
    ctx.line(`${status.length - pending} applied, ${pending} pending.`);
    return 0;
  });
}

/** `db:migrate:undo`: reverts the last migration (or `--name`). */
export async function migrateUndo(ctx: CliContext, options: { name?: string }): Promise<ExitCode> {
  return ctx.withConnection<ExitCode>(async (relata, database) => {
    const migrator = projectMigrator(ctx, relata, database, 'migration');
    if ((await migrator.executed()).length === 0) {
      ctx.line('No executed migrations found.');
      return 0;
    }
    await migrator.down(options.name !== undefined ? { migrations: [options.name] } : {});
    return 0;
  });
}

/** `db:migrate:undo:all`: reverts every migration, newest first (or back to `--to`, included). */
export async function migrateUndoAll(ctx: CliContext, options: { to?: string }): Promise<ExitCode> {
  return ctx.withConnection<ExitCode>(async (relata, database) => {
    const migrator = projectMigrator(ctx, relata, database, 'migration');
    if ((await migrator.executed()).length === 0) {
      ctx.line('No executed migrations found.');
      return 0;
    }
    const started = performance.now();
    const reverted = await migrator.down({ to: options.to ?? 0 });
    ctx.line();
    ctx.line(`${reverted.length} migration${reverted.length === 1 ? '' : 's'} reverted in ${seconds(performance.now() - started)}.`);
    return 0;
  });
}

/** `db:seed:all` / `db:seed --seed`: runs the seeders (all, or the named ones). */
export async function seed(ctx: CliContext, options: { seed?: readonly string[] }): Promise<ExitCode> {
  return ctx.withConnection<ExitCode>(async (relata, database) => {
    const migrator = projectMigrator(ctx, relata, database, 'seeder');
    const pending = options.seed ?? (await migrator.pending());
    if (pending.length === 0) {
      ctx.line(`No seeders to run in ${ctx.relative(ctx.paths.seeders)}.`);
      return 0;
    }
    await migrator.up({ migrations: pending });
    return 0;
  });
}

/** `db:seed:undo:all` / `db:seed:undo --seed`: reverts the seeders, newest first. */
export async function seedUndo(ctx: CliContext, options: { seed?: readonly string[]; all: boolean }): Promise<ExitCode> {
  return ctx.withConnection<ExitCode>(async (relata, database) => {
    const migrator = projectMigrator(ctx, relata, database, 'seeder');
    const recorded = database.seederStorage === 'sequelize';
    if (options.seed === undefined && recorded && (await migrator.executed()).length === 0) {
      ctx.line('No seeders found.');
      return 0;
    }
    if (options.seed !== undefined) await migrator.down({ migrations: options.seed });
    else if (options.all) await migrator.down(recorded ? { to: 0 } : {});
    else if (recorded) await migrator.down();
    else throw new MigrationError('db:seed:undo needs --seed <file> when seeders are not recorded (seederStorage is "none"); or run db:seed:undo:all');
    return 0;
  });
}
