/**
 * `new Sequelize({ models: [folder or glob] })`, `modelPaths` and `addModels(paths, modelMatch)` as
 * sequelize-typescript 2.1.6 loads them, on relata and on sequelize-typescript: the same folder of
 * CommonJS model files (decorated the way tsc's emit applies decorators), the same answers.
 */
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ST from 'sequelize-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as R from '../../src/index.js';

// A model file: `lib` is read from a global at require time, so one file serves both libraries.
const modelFile = (className: string, table: string, exportAs: string) => `
const lib = globalThis.__modelPathsLib;
class ${className} extends lib.Model {}
lib.Column(lib.DataType.STRING)(${className}.prototype, 'name');
lib.Table({ tableName: '${table}', timestamps: false })(${className});
module.exports = { ${exportAs}: ${className} };
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'relata-model-paths-'));
  mkdirSync(join(dir, 'models'));
  mkdirSync(join(dir, 'models', 'nested'));
  writeFileSync(join(dir, 'models', 'Account.js'), modelFile('Account', 'mp_accounts', 'Account'));
  writeFileSync(join(dir, 'models', 'invoice.model.js'), modelFile('Invoice', 'mp_invoices', 'default'));
  writeFileSync(join(dir, 'models', 'types.d.ts'), 'export {};\n');
  writeFileSync(join(dir, 'models', 'nested', 'Note.js'), modelFile('Note', 'mp_notes', 'Note'));
  mkdirSync(join(dir, 'broken'));
  writeFileSync(join(dir, 'broken', 'thing.js'), modelFile('Thing', 'mp_things', 'Other'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Connection = { models: Record<string, unknown>; addModels(paths: string[], match?: (file: string, member: string) => boolean): void; close(): Promise<void> };

async function load(lib: 'relata' | 'sequelize-typescript', run: (make: (options: object) => Connection) => void | Promise<void>): Promise<{ models?: string[]; error?: string }> {
  (globalThis as { __modelPathsLib?: unknown }).__modelPathsLib = lib === 'relata' ? R : ST;
  // Each run requires the files afresh, so each library gets its own classes.
  const cache = createRequire(import.meta.url).cache;
  for (const key of Object.keys(cache)) if (key.startsWith(dir)) delete cache[key];
  const made: Connection[] = [];
  const make = (options: object): Connection => {
    const connection = (lib === 'relata'
      ? new R.Relata({ dialect: 'sqlite', storage: ':memory:', logging: false, ...options })
      : new ST.Sequelize({ dialect: 'sqlite', storage: ':memory:', logging: false, ...options })) as unknown as Connection;
    made.push(connection);
    return connection;
  };
  try {
    await run(make);
    return { models: Object.keys(made.at(-1)?.models ?? {}).sort() };
  } catch (error) {
    return { error: (error as Error).message.includes('thing') ? 'no model export in thing' : (error as Error).message };
  } finally {
    await Promise.all(made.map((c) => c.close()));
  }
}

const SCENARIOS: Record<string, (make: (options: object) => Connection) => void> = {
  'a folder: its .js files (not .d.ts, not subfolders), the export named as the file or the default': (make) => {
    make({ models: [join(dir, 'models')] });
  },
  'a glob with ** and braces': (make) => {
    make({ models: [join(dir, 'models', '**', '*.{js,ts}')] });
  },
  'one file by path': (make) => {
    make({ models: [join(dir, 'models', 'nested', 'Note.js')] });
  },
  'modelPaths, the deprecated name': (make) => {
    make({ modelPaths: [join(dir, 'models', 'nested')] });
  },
  'modelMatch picks the export': (make) => {
    make({}).addModels([join(dir, 'broken')], (file, member) => file === 'thing' && member === 'Other');
  },
  'a file with neither a matching export nor a default is an error': (make) => {
    make({ models: [join(dir, 'broken')] });
  },
};

describe('model paths as sequelize-typescript loads them', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const theirs = await load('sequelize-typescript', scenario);
      expect(await load('relata', scenario)).toEqual(theirs);
    });
  }

  it('pins the figures', async () => {
    expect(await load('relata', SCENARIOS['a folder: its .js files (not .d.ts, not subfolders), the export named as the file or the default'] as never)).toEqual({ models: ['Account', 'Invoice'] });
    expect(await load('relata', SCENARIOS['a glob with ** and braces'] as never)).toEqual({ models: ['Account', 'Invoice', 'Note'] });
    expect(await load('relata', SCENARIOS['a file with neither a matching export nor a default is an error'] as never)).toEqual({ error: 'no model export in thing' });
  });
});
