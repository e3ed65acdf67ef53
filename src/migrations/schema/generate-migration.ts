import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelDefinition } from '../../metadata/model-definition.js';
import type { Relata } from '../../relata.js';
import { migrationTimestamp } from '../migration-files.js';
import { isModuleFolder } from '../../utils/package-type.js';
import { renderMigration, type MigrationFormat } from './migration-writer.js';
import { diffSchema, type SchemaDiff } from './schema-diff.js';

/** Options for `generateMigration`. */
export interface GenerateMigrationOptions {
  /** The migrations folder to write into (created if missing). */
  directory: string;
  /** The name part of the file, `<timestamp>-<name>.js`; `from-models` by default. */
  name?: string;
  /** CommonJS (`module.exports`, sequelize-cli's format; the default) or ESM. */
  format?: MigrationFormat;
  /** The timestamp of the file name; now by default. */
  now?: Date;
  /** The models to compare; every model of the connection by default. */
  definitions?: readonly ModelDefinition[];
}

/** What `generateMigration` found and wrote. */
export interface GeneratedMigration {
  readonly diff: SchemaDiff;
  /** The file written, or undefined when the database already matches the models. */
  readonly path: string | undefined;
}

/**
 * Compares the models with the database and, when they differ, writes a migration whose `up`
 * brings the database to the models and whose `down` takes it back. Writes nothing when there
 * is nothing to change, so running it again right after migrating reports no changes.
 *
 * @example
 * const { path, diff } = await generateMigration(relata, { directory: 'migrations' })
 * // path: 'migrations/20240102030405-from-models.js'; diff.operations lists what it does
 */
export async function generateMigration(relata: Relata, options: GenerateMigrationOptions): Promise<GeneratedMigration> {
  const diff = await diffSchema(relata, options.definitions);
  if (diff.operations.length === 0) return { diff, path: undefined };
  const format = options.format ?? 'cjs';
  const moduleFolder = isModuleFolder(options.directory);
  const extension = format === 'cjs' ? (moduleFolder ? '.cjs' : '.js') : moduleFolder ? '.js' : '.mjs';
  await mkdir(options.directory, { recursive: true });
  const source = renderMigration(diff, format);
  const start = (options.now ?? new Date()).getTime();
  // Two files generated within a second get the next free second, so their order is kept.
  for (let second = 0; ; second++) {
    const path = join(options.directory, `${migrationTimestamp(new Date(start + second * 1000))}-${options.name ?? 'from-models'}${extension}`);
    if (existsSync(path)) continue;
    await writeFile(path, source, { flag: 'wx' });
    return { diff, path };
  }
}
