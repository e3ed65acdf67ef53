/**
 * `relata`, `relata/nestjs` and `relata/typeorm` resolve under the tsconfig a NestJS project
 * generates (`"module": "commonjs"`, `"moduleResolution": "node"`), which ignores package.json
 * `exports`: the subpaths are found through `typesVersions`.
 *
 * It compiles a small consumer project in a temporary folder, with the package linked into its
 * node_modules, against the built `dist/` (run `npm run build` first; `npm test` does).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// What a NestJS application's files look like: the three entry points, used as values and types.
const CONSUMER = String.raw`
import { Module } from '@nestjs/common';
import { Sequelize, DataTypes, Model, type Optional, type InferAttributes } from 'relata';
import { RelataModule, InjectModel, SequelizeModule } from 'relata/nestjs';
import { Entity, PrimaryGeneratedColumn, Column, asModel } from 'relata/typeorm';

@Entity()
export class Note {
  @PrimaryGeneratedColumn() id!: number;
  @Column() title!: string;
}

export class User extends Model<InferAttributes<User>> {
  declare id: number;
  declare name: string;
}

type Creation = Optional<{ id: number; name: string }, 'id'>;
const creation: Creation = { name: 'ada' };

@Module({ imports: [RelataModule.forRoot({ dialect: 'sqlite', storage: ':memory:' }), SequelizeModule.forFeature([User])] })
export class AppModule {}

export class Service {
  constructor(@InjectModel(User) readonly users: typeof User) {}
  async run(): Promise<string> {
    const sequelize = new Sequelize('sqlite::memory:');
    User.init({ id: { type: DataTypes.INTEGER, primaryKey: true }, name: DataTypes.STRING }, { sequelize });
    const note = await asModel(Note).create({ title: creation.name });
    const title: string = note.title;
    return title;
  }
}
`;

const TSCONFIG = {
  compilerOptions: {
    module: 'commonjs',
    moduleResolution: 'node',
    target: 'ES2021',
    declaration: true,
    removeComments: true,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    allowSyntheticDefaultImports: true,
    sourceMap: true,
    outDir: './dist',
    baseUrl: './',
    incremental: false,
    skipLibCheck: true,
    strictNullChecks: true,
    noImplicitAny: true,
    noEmit: true,
    types: [],
  },
  include: ['src'],
};

describe('classic NestJS tsconfig (module commonjs, moduleResolution node)', () => {
  let project = '';

  beforeAll(() => {
    if (!existsSync(join(root, 'dist/nestjs.d.ts'))) throw new Error('dist/ is missing: run `npm run build` before test/package');
    project = mkdtempSync(join(tmpdir(), 'relata-classic-'));
    mkdirSync(join(project, 'src'));
    mkdirSync(join(project, 'node_modules/@nestjs'), { recursive: true });
    symlinkSync(root, join(project, 'node_modules/relata'), 'dir');
    symlinkSync(join(root, 'node_modules/@nestjs/common'), join(project, 'node_modules/@nestjs/common'), 'dir');
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(join(project, 'src/app.ts'), CONSUMER);
  });

  afterAll(() => {
    if (project !== '') rmSync(project, { recursive: true, force: true });
  });

  it('compiles a consumer of relata, relata/nestjs and relata/typeorm with no errors', async () => {
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFiles'], { cwd: project, timeout: 120_000 }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '' }),
    );
    const errors = result.stdout.split('\n').filter((line) => line.includes('error TS'));
    expect(errors).toEqual([]);
    expect(result.code).toBe(0);
    // Each subpath resolved to its own declaration file in dist/, through typesVersions.
    const files = result.stdout.split('\n').map((line) => line.trim());
    expect(files.some((f) => f.endsWith('/dist/nestjs.d.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('/dist/typeorm.d.ts'))).toBe(true);
    expect(files.some((f) => f.endsWith('/dist/index.d.ts'))).toBe(true);
  });
});
