/**
 * The built package against sequelize@6, as code written for Sequelize reaches it:
 * `const Sequelize = require('relata')` is the class itself, with the statics `require('sequelize')`
 * carries; `import Relata from 'relata'` is the same class; class and error names survive the
 * bundler; a missing driver says what to install. (A sequelize-cli project generated at test time runs
 * on relata in test/integration/sequelize-cli-project.test.ts.)
 *
 * It checks the built `dist/` (run `npm run build` first; `npm test` does), in child processes.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const run = promisify(execFile);

/** Runs a script with node and parses the last line it prints as JSON. */
async function node(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--no-warnings', ...args], {
    cwd: options.cwd ?? root,
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '', ...options.env },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
}

const cjs = (body: string): string[] => ['--input-type=commonjs', '-e', `(async () => {${body}})().catch((e) => { console.error(e); process.exit(1); });`];

// What sequelize@6 has and relata does not, on the class and on a connection. A name leaving
// this list (implemented) or joining it (dropped) fails the test, so the list stays true.
const STATICS_NOT_IN_RELATA = [
  // Sequelize internals and CLS.
  '_clsRun', '_setupHooks', 'version', 'useInflection',
  // MSSQL table hints.
  'TableHints',
  // Data types relata does not define yet, and Sequelize's per-dialect data type namespaces.
  'NUMERIC', 'HSTORE', 'RANGE', 'DOUBLE PRECISION', 'GEOMETRY', 'GEOGRAPHY',
  'postgres', 'mysql', 'mariadb', 'sqlite', 'mssql', 'db2', 'snowflake', 'oracle',
].sort();

const INSTANCE_NOT_IN_RELATA = [
  'connectionManager', 'dialect', 'log', 'normalizeAttribute', 'normalizeDataType', 'refreshTypes', 'set',
].sort();

describe('require("relata") and import("relata") against require("sequelize")', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/index.cjs'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  });

  it('is the class itself, constructible, carrying every Sequelize static but the listed ones, each of the same kind', async () => {
    const out = (await node(cjs(String.raw`
const Sequelize = require('relata');
const S6 = require('sequelize');
const own = new Set(Object.getOwnPropertyNames(Sequelize));
const s6 = Object.getOwnPropertyNames(S6);
const sequelize = new Sequelize('sqlite::memory:');
const names = (o) => { const out = new Set(); for (let p = o; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) Object.getOwnPropertyNames(p).forEach((n) => out.add(n)); return out; };
const mine = names(sequelize);
const theirs = [...names(new S6('sqlite::memory:', { logging: false }))].filter((n) => !n.startsWith('_'));
const out = {
  isClass: typeof Sequelize === 'function' && sequelize instanceof Sequelize,
  self: [Sequelize.Sequelize === Sequelize, Sequelize.Relata === Sequelize, Sequelize.default === Sequelize, sequelize.Sequelize === Sequelize],
  missing: s6.filter((k) => !own.has(k)).sort(),
  kindDiffers: s6.filter((k) => own.has(k) && typeof S6[k] !== typeof Sequelize[k]),
  dataTypesMissing: Object.keys(S6.DataTypes).filter((k) => !(k in Sequelize.DataTypes) && !(k in Sequelize)),
  typesAreTheDataTypes: Object.keys(Sequelize.DataTypes).every((k) => Sequelize[k] === Sequelize.DataTypes[k]),
  instanceMissing: theirs.filter((n) => !mine.has(n)).sort(),
  statics: [typeof Sequelize.fn, typeof Sequelize.Op.eq, Sequelize.QueryTypes.SELECT, Sequelize.Transaction.LOCK.UPDATE, new Sequelize.Deferrable.INITIALLY_DEFERRED().toSql()],
  andOr: [Sequelize.and({ a: 1 }, { b: 2 })[Sequelize.Op.and].length, Sequelize.or({ a: 1 })[Sequelize.Op.or].length],
  namedExports: ['Model', 'Migrator', 'Table', 'diffSchema', 'UniqueConstraintError'].map((k) => typeof Sequelize[k]),
  validator: [Sequelize.Validator.isEmail('a@b.co'), Sequelize.Validator.isEmail('nope'), Sequelize.Validator.isIP('10.0.0.1')],
  destructured: (() => { const { Model, DataTypes, Op } = require('relata'); return [Model === Sequelize.Model, DataTypes.STRING === Sequelize.STRING, typeof Op.or]; })(),
  instance: [sequelize.random().fn, typeof sequelize.fn('COUNT', sequelize.col('id')), sequelize.models === sequelize.models, sequelize.QueryTypes === Sequelize.QueryTypes],
};
await sequelize.close();
console.log(JSON.stringify(out));
`))) as Record<string, unknown>;
    expect(out).toEqual({
      isClass: true,
      self: [true, true, true, true],
      missing: STATICS_NOT_IN_RELATA,
      // sequelize-typescript's @Validator decorator, carrying the validator library's functions.
      kindDiffers: ['Validator'],
      dataTypesMissing: ['NUMERIC', 'HSTORE', 'RANGE', 'DOUBLE PRECISION', 'GEOMETRY', 'GEOGRAPHY', 'postgres', 'mysql', 'mariadb', 'sqlite', 'mssql', 'db2', 'snowflake', 'oracle'],
      typesAreTheDataTypes: true,
      instanceMissing: INSTANCE_NOT_IN_RELATA,
      statics: ['function', 'symbol', 'SELECT', 'UPDATE', 'DEFERRABLE INITIALLY DEFERRED'],
      andOr: [2, 1],
      namedExports: ['function', 'function', 'function', 'function', 'function'],
      validator: [true, false, true],
      destructured: [true, true, 'symbol'],
      instance: ['RANDOM', 'object', true, true],
    });
  });

  it('is the same class as the ESM default export, with the named exports beside it, also for relata/typeorm', async () => {
    const code = String.raw`
import Relata, * as named from 'relata';
import { asModel } from 'relata/typeorm';
const required = (await import('node:module')).createRequire(process.cwd() + '/')('relata');
console.log(JSON.stringify({
  sameClassBothWays: [Relata === named.Relata, Relata === named.Sequelize, Relata === named.default, typeof Relata === 'function'],
  cjsIsOwnCopy: typeof required === 'function' && required.name === 'Relata',
  statics: [Relata.STRING === named.DataTypes.STRING, Relata.Op === named.Op, Relata.ValidationError === named.ValidationError, typeof Relata.addHook],
  typeorm: typeof asModel,
}));`;
    expect(await node(['--input-type=module', '-e', code])).toEqual({
      sameClassBothWays: [true, true, true, true],
      cjsIsOwnCopy: true,
      statics: [true, true, true, 'function'],
      typeorm: 'function',
    });
  });

  it('carries every named export of the ESM build on the CommonJS class', async () => {
    const code = String.raw`
const esm = await import('relata');
const required = (await import('node:module')).createRequire(process.cwd() + '/')('relata');
const names = Object.keys(esm).filter((k) => k !== 'default');
console.log(JSON.stringify({ count: names.length, missing: names.filter((k) => !(k in required)), differentKind: names.filter((k) => typeof required[k] !== typeof esm[k]) }));`;
    const out = (await node(['--input-type=module', '-e', code])) as { count: number; missing: string[]; differentKind: string[] };
    expect(out.count).toBeGreaterThan(100);
    expect([out.missing, out.differentKind]).toEqual([[], []]);
  });

  it('keeps every exported class its own name in dist, in both builds', async () => {
    const body = (load: string): string => String.raw`
const m = ${load};
const aliases = { Sequelize: 'Relata', default: 'Relata', Error: 'BaseError', ABSTRACT: 'AbstractDataType' };
const renamed = Object.entries(m).filter(([k, v]) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v)) && v.name !== (aliases[k] ?? k)).map(([k, v]) => k + '=' + v.name);
const classes = Object.entries(m).filter(([, v]) => typeof v === 'function' && /^class\b/.test(Function.prototype.toString.call(v))).length;
console.log(JSON.stringify({ renamed, enough: classes > 40 }));`;
    const expected = { renamed: [], enough: true };
    expect(await node(cjs(body("require('relata')")))).toEqual(expected);
    expect(await node(['--input-type=module', '-e', `(async () => {${body("await import('relata')")}})()`])).toEqual(expected);
  });

  it("gives every error class Sequelize's name, constructed the way Sequelize code constructs them", async () => {
    const out = (await node(cjs(String.raw`
const R = require('relata');
const S6 = require('sequelize');
const keys = Object.getOwnPropertyNames(S6).filter((k) => typeof S6[k] === 'function' && S6[k].prototype instanceof Error);
const args = { ExclusionConstraintError: [{}], UnknownConstraintError: [{}], OptimisticLockError: [{}], UniqueConstraintError: [{}], ForeignKeyConstraintError: [{}], AggregateError: [[]], BulkRecordError: [new Error('x'), {}] };
const names = (lib) => Object.fromEntries(keys.map((k) => { const e = new lib[k](...(args[k] ?? [new Error('x')])); return [k, [e.name, e instanceof lib.BaseError, e instanceof Error]]; }));
const parents = (lib) => Object.fromEntries(keys.map((k) => [k, Object.getPrototypeOf(lib[k]).name]));
const wrapped = new R.ConnectionRefusedError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
console.log(JSON.stringify({ count: keys.length, relata: names(R), sequelize: names(S6), relataParents: parents(R), sequelizeParents: parents(S6),
  wrapped: [wrapped.message, wrapped.parent.code, wrapped.original === wrapped.parent, wrapped instanceof R.ConnectionError] }));
`))) as Record<string, unknown>;
    expect(out['count']).toBe(27);
    expect(out['relata']).toEqual(out['sequelize']);
    expect(out['relataParents']).toEqual(out['sequelizeParents']);
    expect(out['wrapped']).toEqual(['connect ECONNREFUSED', 'ECONNREFUSED', true, true]);
  });
});

describe('a dialect driver that is not installed', () => {
  let dir: string;
  beforeAll(() => {
    // An application whose node_modules has relata and its dependencies, but neither pg nor mysql2.
    dir = mkdtempSync(join(tmpdir(), 'relata-nodriver-'));
    const modules = join(dir, 'node_modules');
    mkdirSync(join(modules, 'relata'), { recursive: true });
    cpSync(join(root, 'package.json'), join(modules, 'relata/package.json'));
    mkdirSync(join(modules, 'relata/dist'));
    for (const file of readdirSync(join(root, 'dist')).filter((f) => /^index\.c?js$/.test(f))) cpSync(join(root, 'dist', file), join(modules, 'relata/dist', file));
    for (const dep of ['better-sqlite3', 'commander', 'inflection', 'kysely', 'umzug', 'validator']) symlinkSync(join(root, 'node_modules', dep), join(modules, dep));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects with a ConnectionError naming the package to install, in CommonJS and ESM', async () => {
    const body = (load: string): string => String.raw`
const Relata = ${load};
const out = {};
for (const url of ['postgres://postgres@127.0.0.1:5432/test', 'mysql://root@127.0.0.1:3306/test', 'mariadb://root@127.0.0.1:3306/test']) {
  const r = new Relata(url);
  out[url.split(':')[0]] = await r.authenticate().then(() => 'connected', (e) => [e.name, e instanceof Relata.ConnectionError, e.message]);
  await r.close().catch(() => undefined);
}
console.log(JSON.stringify(out));`;
    const expected = {
      postgres: ['SequelizeConnectionError', true, 'The postgres dialect needs the "pg" package, which is not installed: npm install pg'],
      mysql: ['SequelizeConnectionError', true, 'The mysql dialect needs the "mysql2" package, which is not installed: npm install mysql2'],
      mariadb: ['SequelizeConnectionError', true, 'The mariadb dialect needs the "mysql2" package, which is not installed: npm install mysql2'],
    };
    expect(await node(cjs(body("require('relata')")), { cwd: dir })).toEqual(expected);
    expect(await node(['--input-type=module', '-e', `(async () => {${body("(await import('relata')).default")}})()`], { cwd: dir })).toEqual(expected);
  });
});
