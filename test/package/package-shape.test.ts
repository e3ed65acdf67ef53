/**
 * The published package as its consumers see it: `import … from 'relata'` and
 * `require('relata')`, resolved through package.json `exports` (Node's
 * self-reference by package name, so no install is needed).
 *
 * It checks the built `dist/`: `npm test` runs `npm run build` first. Run
 * `npm run build` yourself before `npx vitest run test/package`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const run = promisify(execFile);

interface ExportConditions {
  types?: string;
  default?: string;
}
interface PackageJson {
  name: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  files?: string[];
  exports: Record<string, string | { import?: ExportConditions; require?: ExportConditions }>;
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

// What each consumer prints, as one JSON line after anything the library itself logs.
const CHECKS = String.raw`
const out = {
  relataIsFunction: typeof Relata === 'function',
  sequelizeIsRelata: Sequelize === Relata,
  modelIsFunction: typeof Model === 'function',
  dataTypesHasString: DataTypes != null && DataTypes.STRING !== undefined,
  opEqIsSymbol: typeof Op.eq === 'symbol',
};
const r = new Relata('sqlite::memory:', { logging: false });
out.selectRows = await r.query('SELECT 1+1 AS x', { type: 'SELECT' });
await r.close();
process.stdout.write('\n' + JSON.stringify(out) + '\n');
`;

const EXPECTED = {
  relataIsFunction: true,
  sequelizeIsRelata: true,
  modelIsFunction: true,
  dataTypesHasString: true,
  opEqIsSymbol: true,
  selectRows: [{ x: 2 }],
};

async function consumer(args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, args, { cwd: root, timeout: 30_000, env: { ...process.env, NODE_OPTIONS: '' } });
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(lastLine);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

describe('package shape', () => {
  beforeAll(() => {
    const built = join(root, 'dist/index.js');
    if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    // Only a warning: someone may be editing src/ while the suite runs; npm test always builds first.
    if (statSync(built).mtimeMs < newestMtime(join(root, 'src'))) {
      console.warn('package-shape: dist/ is older than src/, so these checks see the last build. Run `npm run build`.');
    }
  });

  it('is named relata and maps "." to import, require and types', () => {
    expect(pkg.name).toBe('relata');
    expect(pkg.exports['.']).toEqual({
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    });
  });

  it('points every entry of package.json at a built file', () => {
    const dotExport = pkg.exports['.'];
    if (typeof dotExport !== 'object') throw new Error('exports["."] must be a conditions object');
    const targets = [
      pkg.main,
      pkg.module,
      pkg.types,
      dotExport.import?.types,
      dotExport.import?.default,
      dotExport.require?.types,
      dotExport.require?.default,
    ];
    for (const target of targets) {
      expect(target, 'package.json entry').toBeTypeOf('string');
      expect(existsSync(join(root, target as string)), `${target} exists`).toBe(true);
    }
    for (const dts of [dotExport.import?.types, dotExport.require?.types]) {
      expect(readFileSync(join(root, dts as string), 'utf8')).toMatch(/\bRelata\b/);
    }
  });

  it('works for an ESM consumer: import { … } from "relata"', async () => {
    const code = `import { Relata, Sequelize, Model, DataTypes, Op } from 'relata';\n${CHECKS}`;
    expect(await consumer(['--input-type=module', '-e', code])).toEqual(EXPECTED);
  });

  it('works for a CommonJS consumer: require("relata")', async () => {
    const code = `const { Relata, Sequelize, Model, DataTypes, Op } = require('relata');\n(async () => {${CHECKS}})().catch((e) => { console.error(e); process.exit(1); });`;
    expect(await consumer(['--input-type=commonjs', '-e', code])).toEqual(EXPECTED);
  });

  it('resolves the same file through exports as the consumers would', async () => {
    const code = `process.stdout.write(JSON.stringify({ esm: import.meta.resolve('relata'), cjs: (await import('node:module')).createRequire(process.cwd() + '/').resolve('relata') }))`;
    const resolved = (await consumer(['--input-type=module', '-e', code])) as { esm: string; cjs: string };
    expect(fileURLToPath(resolved.esm)).toBe(join(root, 'dist/index.js'));
    expect(resolved.cjs).toBe(join(root, 'dist/index.cjs'));
  });

  it('maps the subpaths ./typeorm and ./nestjs to import, require and types', () => {
    for (const subpath of ['typeorm', 'nestjs']) {
      expect(pkg.exports[`./${subpath}`]).toEqual({
        import: { types: `./dist/${subpath}.d.ts`, default: `./dist/${subpath}.js` },
        require: { types: `./dist/${subpath}.d.cts`, default: `./dist/${subpath}.cjs` },
      });
      for (const file of [`${subpath}.js`, `${subpath}.cjs`, `${subpath}.d.ts`, `${subpath}.d.cts`]) {
        expect(existsSync(join(root, 'dist', file)), `dist/${file} exists`).toBe(true);
      }
    }
  });

  it('works for ESM and CommonJS consumers of relata/typeorm and relata/nestjs, sharing one core', async () => {
    // Decorators applied by hand (the legacy call shapes), since plain Node cannot parse them.
    const body = String.raw`
class User {}
class Post {}
Entity()(User); PrimaryGeneratedColumn()(User.prototype, 'id'); Column('varchar')(User.prototype, 'username');
OneToMany(() => Post, (post) => post.user)(User.prototype, 'posts');
Entity()(Post); PrimaryGeneratedColumn()(Post.prototype, 'id'); Column('varchar')(Post.prototype, 'title');
ManyToOne(() => User, (user) => user.posts)(Post.prototype, 'user');
const r = new Relata('sqlite::memory:', { models: [User, Post], logging: false });
await r.sync();
const ada = await asModel(User).create({ username: 'ada' });
await ada.createPost({ title: 'Notes' });
const users = await asModel(User).findAll({ include: ['posts'] });
let sameErrorClass = false;
try { asModel(class Unregistered {}); } catch (e) { sameErrorClass = e instanceof DecoratorError; }
const out = {
  users: users.map((u) => u.toJSON()),
  userIsModel: User.prototype instanceof Model,
  sameErrorClass,
  forRoot: typeof RelataModule.forRoot,
  alias: SequelizeModule === RelataModule,
  connectionToken: getConnectionToken() === Relata,
  modelToken: getModelToken(User),
  injectModel: typeof InjectModel(User),
};
await r.close();
process.stdout.write('\n' + JSON.stringify(out) + '\n');
`;
    const expected = {
      users: [{ id: 1, username: 'ada', posts: [{ id: 1, title: 'Notes', userId: 1 }] }],
      userIsModel: true,
      sameErrorClass: true,
      forRoot: 'function',
      alias: true,
      connectionToken: true,
      modelToken: 'UserModel',
      injectModel: 'function',
    };
    const esm = `import 'reflect-metadata';
import { Relata, Model, DecoratorError } from 'relata';
import { Entity, PrimaryGeneratedColumn, Column, OneToMany, ManyToOne, asModel } from 'relata/typeorm';
import { RelataModule, SequelizeModule, getConnectionToken, getModelToken, InjectModel } from 'relata/nestjs';
${body}`;
    const cjs = `require('reflect-metadata');
const { Relata, Model, DecoratorError } = require('relata');
const { Entity, PrimaryGeneratedColumn, Column, OneToMany, ManyToOne, asModel } = require('relata/typeorm');
const { RelataModule, SequelizeModule, getConnectionToken, getModelToken, InjectModel } = require('relata/nestjs');
(async () => {${body}})().catch((e) => { console.error(e); process.exit(1); });`;
    expect(await consumer(['--input-type=module', '-e', esm])).toEqual(expected);
    expect(await consumer(['--input-type=commonjs', '--no-warnings', '-e', cjs])).toEqual(expected);
  });

  it('keeps the core out of the subpath bundles: they import it from relata', () => {
    for (const file of ['typeorm.js', 'nestjs.js', 'typeorm.cjs', 'nestjs.cjs']) {
      const code = readFileSync(join(root, 'dist', file), 'utf8');
      expect(code, file).toMatch(file.endsWith('.cjs') ? /require\("relata"\)/ : /from "relata"/);
      expect(code, file).not.toContain('is used before it was initialized');
    }
  });

  it('publishes dist/ and README.md, and neither sources nor tests', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, timeout: 60_000 });
    const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']));
    expect(paths).toEqual(expect.arrayContaining(['dist/typeorm.js', 'dist/typeorm.cjs', 'dist/nestjs.js', 'dist/nestjs.cjs']));
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('.ci/'))).toEqual([]);
  });
});
