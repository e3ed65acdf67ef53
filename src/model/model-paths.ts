import { createRequire } from 'node:module';
import { basename, extname, join, parse } from 'node:path';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { globSync, hasGlobMagic } from '../utils/glob.js';

/**
 * Picks the model class among a model file's exports: called with the file name (without
 * extension) and each export name; the first that answers true is the model, else the default
 * export. sequelize-typescript's `modelMatch`.
 *
 * @example
 * new Sequelize({ models: [__dirname + '/models/*.model.ts'], modelMatch: (file, member) => file.replace('.model', '') === member.toLowerCase() })
 */
export type ModelMatch = (filename: string, member: string) => boolean;

/** sequelize-typescript's default: the export named as the file (`User.ts` exports `User`). */
export const defaultModelMatch: ModelMatch = (filename, member) => filename === member;

const SCRIPT = /\.(js|ts)$/;
const DECLARATION = /\.d\.ts$/;

/**
 * The model classes of folders, files or globs, as sequelize-typescript loads them: a folder
 * means its files (`<folder>/*`); each `.js`/`.ts` file (not `.d.ts`) is required synchronously,
 * once per name whatever its extension, and gives the export `modelMatch` picks, or its default.
 * @internal
 */
export function modelsFromPaths(paths: readonly string[], modelMatch: ModelMatch): unknown[] {
  const require = createRequire(join(process.cwd(), 'noop.js'));
  const models: unknown[] = [];
  for (const given of paths) {
    const pattern = hasGlobMagic(given) || SCRIPT.test(extname(given)) ? given : join(given, '*');
    const files = globSync(pattern).filter((file) => SCRIPT.test(file) && !DECLARATION.test(file));
    const modules = [...new Set(files.map((file) => { const { dir, name } = parse(file); return join(dir, name); }))];
    for (const path of modules) {
      const exported = require(path) as Record<string, unknown>;
      const fileName = basename(path);
      const member = Object.keys(exported).find((key) => modelMatch(fileName, key));
      const model = member === undefined ? exported['default'] : exported[member];
      if (model === undefined) {
        throw InvalidOptionError.expected('models', `the model file ${path}`, `to export its model as default or under a name modelMatch accepts (by default the file name, "${fileName}")`, Object.keys(exported));
      }
      models.push(model);
    }
  }
  return models;
}
