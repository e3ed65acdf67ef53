/**
 * Both decorator modes, compiled by TypeScript itself: `tsc -p test/decorators/tsconfig.legacy.json`
 * (experimentalDecorators + emitDecoratorMetadata, what NestJS apps use) and
 * `tsc -p test/decorators/tsconfig.tc39.json` (standard decorators) build the same model files,
 * sequelize-typescript style and TypeORM style, ESM files that import each other. Node then runs
 * each output (`scenario.js <url>`) against the built package (`relata`, `relata/typeorm` through
 * package.json exports, as an application would), on every dialect, and prints what it loaded.
 *
 * Also type-checks the seed's TypeORM entity files (test/fixtures/typeorm-seed) as they are, and
 * examples/nestjs.
 * Needs dist/: `npm test` builds first; run `npm run build` before running this file alone.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const run = promisify(execFile);
const modes = ['legacy', 'tc39'] as const;
type Mode = (typeof modes)[number];
// A directory per run, so concurrent runs never share output; inside the package, so the output
// resolves `relata` by package self-reference.
const outDir = join(root, '.tmp', `decorators-${process.pid}-${Date.now().toString(36)}`);

/** Runs tsc; returns the diagnostics about files under `prefix` (others belong to other work in progress). */
async function tsc(project: string, extra: readonly string[], prefix: string): Promise<string[]> {
  const args = [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, project), ...extra];
  const output = await run(process.execPath, args, { cwd: root, timeout: 120_000 }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  return output.split('\n').filter((line) => line.startsWith(prefix));
}

const diagnostics: Partial<Record<Mode | 'seed' | 'example', string[]>> = {};

beforeAll(async () => {
  for (const file of ['dist/index.js', 'dist/typeorm.js']) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  }
  const [legacy, tc39, seed, example] = await Promise.all([
    tsc('test/decorators/tsconfig.legacy.json', ['--outDir', join(outDir, 'legacy')], 'test/decorators/'),
    tsc('test/decorators/tsconfig.tc39.json', ['--outDir', join(outDir, 'tc39')], 'test/decorators/'),
    tsc('test/fixtures/typeorm-seed/tsconfig.json', ['--noEmit'], 'test/fixtures/typeorm-seed/'),
    tsc('examples/nestjs/tsconfig.json', ['--noEmit'], 'examples/nestjs/'),
  ]);
  Object.assign(diagnostics, { legacy, tc39, seed, example });
}, 180_000);

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

it('compiles the model files in both modes, the seed entity files unchanged, and examples/nestjs, without a diagnostic', () => {
  expect(diagnostics).toEqual({ legacy: [], tc39: [], seed: [], example: [] });
});

async function scenario(mode: Mode, url: string): Promise<Record<string, unknown>> {
  const script = join(outDir, mode, 'scenario.js');
  const { stdout } = await run(process.execPath, [script, url], { cwd: root, timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

const LOADED = {
  authors: [{ name: 'Ada', books: [['Notes', 'draft'], ['Sketches', 'published']], genres: ['essays'] }],
  teamIdIsUuid: true,
  teamCreatedAt: true,
  players: [['Ann', 7], ['Bo', null]],
  playerTeams: ['Owls', 'Owls'],
  playerKeys: ['id', 'name', 'shirt', 'team_id'],
  genreErrors: ['isLowercase'],
  reservedErrors: ['notReserved'],
  genreIndexes: [['mode_genres_label', true, [{ name: 'label' }]]],
  adaBooks: ['Notes', 'Sketches'],
};

// What differs between the modes: where the records live, and type inference (legacy only).
const BY_MODE: Record<Mode, Record<string, unknown>> = {
  legacy: { standardDecorators: false, inferred: { id: 'INTEGER', label: 'STRING', count: 'INTEGER', active: 'BOOLEAN', seenAt: 'DATE' } },
  tc39: {
    standardDecorators: true,
    inferred: expect.stringMatching(/^RelataDecoratorError: Inferred\.label: @Column has no type and none can be inferred from its TypeScript type \(no design:type metadata\)/),
  },
};

describeEachDialect('decorator modes', ({ url }) => {
  for (const mode of modes) {
    it(`${mode}: cyclic ESM model files register, associate and load`, async () => {
      expect(await scenario(mode, url)).toEqual({ ...LOADED, ...BY_MODE[mode] });
    });
  }
});
