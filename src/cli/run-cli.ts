import type { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { BaseError } from '../errors/base-error.js';
import { check } from './api/check-command.js';
import { CliContext, type CliIO } from './api/context.js';
import { DEFAULT_DIAGRAM_FILE, diagram } from './api/diagram-command.js';
import { generateMigrationFile, generateModel, generateSeed, init } from './api/generate-commands.js';
import { migrateStatus, migrateUndo, migrateUndoAll, migrateUp, seed, seedUndo, type ExitCode } from './api/migrate-commands.js';
import type { ProjectFlags } from './api/project.js';

type Action = (ctx: CliContext, options: Record<string, unknown>) => Promise<ExitCode>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : undefined);

/**
 * Runs the `relata` command line (`npx relata db:migrate`) and resolves to its exit code: 0
 * when the command succeeded, 1 when it failed or `check` found drift. Output goes to `io`
 * (process.stdout / process.stderr by default); nothing calls process.exit.
 *
 * @example
 * process.exitCode = await runCli(['db:migrate', '--env', 'test'])
 * // relata · sqlite · config/config.json (test)
 * // == 20240101000000-create-users: migrating =======
 * // == 20240101000000-create-users: migrated (0.012s)
 */
export async function runCli(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const out: CliIO = {
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
    stdout: io.stdout ?? ((text) => void process.stdout.write(text)),
    stderr: io.stderr ?? ((text) => void process.stderr.write(text)),
  };
  const { Command, CommanderError } = await import('commander');
  let exitCode = 0;
  let debug = false;
  const program = new Command('relata')
    .description('Migrations, seeders and schema checks for relata (sequelize-cli compatible).')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: out.stdout, writeErr: out.stderr })
    .showHelpAfterError('(relata --help lists the commands)')
    .option('--env <env>', 'the config file environment (default: $NODE_ENV or development)')
    .option('--config <path>', 'the config file (default: config/config.json)')
    .option('--options-path <path>', 'an options file instead of .relatarc / .sequelizerc')
    .option('--migrations-path <path>', 'the migrations folder (default: migrations)')
    .option('--seeders-path <path>', 'the seeders folder (default: seeders)')
    .option('--models-path <path>', 'the models folder (default: models)')
    .option('--url <url>', 'a connection URL, instead of the config file')
    .option('--debug', 'print the SQL and full errors');

  const command = (name: string, description: string, action: Action): Command =>
    program
      .command(name)
      .description(description)
      .action(async (_options: Record<string, unknown>, cmd: Command) => {
        const options = cmd.optsWithGlobals<Record<string, unknown>>();
        debug = options['debug'] === true;
        exitCode = await action(new CliContext(out, flagsOf(options)), options);
      });

  command('init', 'create config/config.json, models/index.js, migrations/ and seeders/', (ctx, o) => init(ctx, { force: o['force'] === true })).option('--force', 'overwrite existing files');
  command('db:migrate', 'run pending migrations', (ctx, o) => migrateUp(ctx, optional({ to: str(o['to']), name: str(o['name']) })))
    .option('--to <name>', 'stop after this migration')
    .option('--name <name>', 'run only this migration');
  command('db:migrate:status', 'list migrations, applied (up) or pending (down)', (ctx) => migrateStatus(ctx));
  command('db:migrate:undo', 'revert the last migration', (ctx, o) => migrateUndo(ctx, optional({ name: str(o['name']) }))).option('--name <name>', 'revert this migration instead');
  command('db:migrate:undo:all', 'revert every migration', (ctx, o) => migrateUndoAll(ctx, optional({ to: str(o['to']) }))).option('--to <name>', 'revert back to this migration, included');
  command('migration:generate', 'write a new migration file', (ctx, o) => generateMigrationFile(ctx, optional({ name: str(o['name']), fromModels: o['fromModels'] === true })))
    .alias('migration:create')
    .option('--name <name>', 'the name after the timestamp')
    .option('--from-models', 'write what it takes to bring the database to the models (tables, columns, foreign keys, indexes)');
  command('model:generate', 'write a model and its create-table migration', (ctx, o) =>
    generateModel(ctx, optional({ name: str(o['name']), attributes: str(o['attributes']), underscored: o['underscored'] === true, force: o['force'] === true })),
  )
    .alias('model:create')
    .option('--name <name>', 'the model name, e.g. User')
    .option('--attributes <list>', 'name:type pairs, e.g. firstName:string,email:string,status:enum:{draft,published}')
    .option('--underscored', 'snake_case columns')
    .option('--force', 'overwrite an existing model file');
  command('seed:generate', 'write a new seeder file', (ctx, o) => generateSeed(ctx, optional({ name: str(o['name']) }))).alias('seed:create').option('--name <name>', 'the name after the timestamp');
  command('db:seed:all', 'run every seeder', (ctx) => seed(ctx, {}));
  command('db:seed', 'run the given seeders', (ctx, o) => seed(ctx, optional({ seed: list(o['seed']) }))).requiredOption('--seed <files...>', 'seeder file names');
  command('db:seed:undo', 'revert the last (or given) seeder', (ctx, o) => seedUndo(ctx, optional({ seed: list(o['seed']), all: false }))).option('--seed <files...>', 'seeder file names');
  command('db:seed:undo:all', 'revert every seeder', (ctx) => seedUndo(ctx, { all: true }));
  command('check', 'compare every association with the database; exit 1 on drift', (ctx) => check(ctx));
  command('diagram', 'write the models as a Mermaid erDiagram in Markdown (no database needed)', (ctx, o) =>
    diagram(ctx, optional({ out: str(o['out']), html: typeof o['html'] === 'string' || o['html'] === true ? (o['html'] as string | true) : undefined })),
  )
    .option('--out <file>', `the Markdown file, or - for stdout (default: ${DEFAULT_DIAGRAM_FILE})`)
    .option('--html [file]', 'also write a page that renders the diagram offline (default: the --out path with .html)');

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    out.stderr(`\nERROR: ${error instanceof Error ? error.message : String(error)}\n`);
    if (debug && error instanceof Error) {
      out.stderr(`${error.stack ?? ''}\n`);
      if (error.cause !== undefined) out.stderr(`Caused by: ${error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : String(error.cause)}\n`);
    } else if (!(error instanceof BaseError)) {
      out.stderr('(run with --debug for the stack trace)\n');
    }
    return 1;
  }
}

function flagsOf(options: Record<string, unknown>): ProjectFlags {
  return optional({
    env: str(options['env']),
    config: str(options['config']),
    optionsPath: str(options['optionsPath']),
    migrationsPath: str(options['migrationsPath']),
    seedersPath: str(options['seedersPath']),
    modelsPath: str(options['modelsPath']),
    url: str(options['url']),
    debug: options['debug'] === true ? true : undefined,
  });
}

// Drops undefined entries, for option types with exactOptionalPropertyTypes.
function optional<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
