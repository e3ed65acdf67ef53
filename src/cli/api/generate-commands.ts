import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import inflection from 'inflection';
import { MigrationError } from '../../errors/migration-error.js';
import { migrationTimestamp } from '../../migrations/migration-files.js';
import { isModuleFolder } from '../../utils/package-type.js';
import { generateMigration } from '../../migrations/schema/generate-migration.js';
import { describeOperation } from '../../migrations/schema/migration-writer.js';
import type { CliContext } from './context.js';
import type { ExitCode } from './migrate-commands.js';
import {
  CONFIG_JSON,
  createTableMigrationSource,
  emptyMigrationSource,
  emptySeederSource,
  modelSource,
  modelsIndexSource,
  parseAttributes,
} from './templates.js';

const NAME = /^[A-Za-z0-9][\w.-]*$/;

function checkName(name: string | undefined, option = '--name'): string {
  if (name === undefined || !NAME.test(name)) throw new MigrationError(`${option} is required: letters, digits, "-", "_" or "." (e.g. ${option} add-age-to-users), got ${JSON.stringify(name ?? '')}`);
  return name;
}

async function writeNew(ctx: CliContext, path: string, source: string, force = false): Promise<void> {
  if (existsSync(path) && !force) throw new MigrationError(`${ctx.relative(path)} already exists (pass --force to overwrite)`);
  await writeFile(path, source);
  ctx.line(`Created ${ctx.relative(path)}`);
}

async function freeFile(directory: string, name: string, now: Date, extension: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  for (let second = 0; ; second++) {
    const path = join(directory, `${migrationTimestamp(new Date(now.getTime() + second * 1000))}-${name}${extension}`);
    if (!existsSync(path)) return path;
  }
}

/** `init`: config/config.json, models/index.js, and the migrations and seeders folders. */
export async function init(ctx: CliContext, options: { force: boolean }): Promise<ExitCode> {
  const { config, models, migrations, seeders } = ctx.paths;
  await mkdir(join(config, '..'), { recursive: true });
  if (existsSync(config) && !options.force) ctx.line(`${ctx.relative(config)} exists, kept`);
  else await writeNew(ctx, config, CONFIG_JSON, true);
  await mkdir(models, { recursive: true });
  const index = join(models, 'index.js');
  if (existsSync(index) && !options.force) ctx.line(`${ctx.relative(index)} exists, kept`);
  else await writeNew(ctx, index, modelsIndexSource(isModuleFolder(models)), true);
  for (const folder of [migrations, seeders]) {
    if (existsSync(folder)) ctx.line(`${ctx.relative(folder)}/ exists, kept`);
    else {
      await mkdir(folder, { recursive: true });
      ctx.line(`Created ${ctx.relative(folder)}/`);
    }
  }
  return 0;
}

/** `migration:generate --name`: an empty migration; with `--from-models`, the diff between the models and the database. */
export async function generateMigrationFile(ctx: CliContext, options: { name?: string; fromModels: boolean }): Promise<ExitCode> {
  const esm = isModuleFolder(ctx.paths.migrations);
  if (!options.fromModels) {
    const path = await freeFile(ctx.paths.migrations, checkName(options.name), new Date(), '.js');
    await writeNew(ctx, path, emptyMigrationSource(esm));
    return 0;
  }
  const name = options.name === undefined ? 'from-models' : checkName(options.name);
  return ctx.withConnection<ExitCode>(async (relata) => {
    await ctx.loadModels(relata);
    const { diff, path } = await generateMigration(relata, { directory: ctx.paths.migrations, name, format: esm ? 'esm' : 'cjs' });
    for (const warning of diff.warnings) ctx.line(`! ${warning}`);
    if (diff.ignoredTables.length > 0) ctx.line(`  tables without a model, left alone: ${diff.ignoredTables.join(', ')}`);
    if (path === undefined) {
      ctx.line('No changes: the database matches the models.');
      return 0;
    }
    for (const op of diff.operations) ctx.line(describeOperation(op));
    ctx.line();
    ctx.line(`Created ${ctx.relative(path)} (${diff.operations.length} change${diff.operations.length === 1 ? '' : 's'}). Review it, then run relata db:migrate.`);
    return 0;
  });
}

/** `model:generate --name --attributes`: a model file and its create-table migration. */
export async function generateModel(ctx: CliContext, options: { name?: string; attributes?: string; underscored: boolean; force: boolean }): Promise<ExitCode> {
  const name = checkName(options.name);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new MigrationError(`--name must be a JavaScript class name (e.g. User), got ${JSON.stringify(name)}`);
  const attributes = parseAttributes(options.attributes ?? '');
  await mkdir(ctx.paths.models, { recursive: true });
  const esm = isModuleFolder(ctx.paths.models);
  const modelFile = join(ctx.paths.models, `${inflection.dasherize(inflection.underscore(name))}.js`);
  await writeNew(ctx, modelFile, modelSource(name, attributes, { esm, underscored: options.underscored }), options.force);
  const table = options.underscored ? inflection.underscore(inflection.pluralize(name)) : inflection.pluralize(name);
  const migration = await freeFile(ctx.paths.migrations, `create-${inflection.dasherize(inflection.underscore(name))}`, new Date(), '.js');
  await writeNew(ctx, migration, createTableMigrationSource(table, attributes, { esm: isModuleFolder(ctx.paths.migrations), underscored: options.underscored }));
  return 0;
}

/** `seed:generate --name`: an empty seeder. */
export async function generateSeed(ctx: CliContext, options: { name?: string }): Promise<ExitCode> {
  const path = await freeFile(ctx.paths.seeders, checkName(options.name), new Date(), '.js');
  await writeNew(ctx, path, emptySeederSource(isModuleFolder(ctx.paths.seeders)));
  return 0;
}
