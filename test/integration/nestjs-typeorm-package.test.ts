/**
 * The built package: relata/nestjs takes the TypeORM layer from relata/typeorm instead of carrying
 * a copy of it, so the DataSource an application imports from relata/typeorm is the one
 * TypeOrmModule provides and the default tokens name. Checked on dist/ (`npm run build` first), in
 * the bundles' text and in ESM and CommonJS consumers that import both entries by name.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const run = promisify(execFile);

async function consumer(args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, args, { cwd: root, timeout: 30_000, env: { ...process.env, NODE_OPTIONS: '' } });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null');
}

describe('relata/nestjs and relata/typeorm share one TypeORM layer in dist/', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/nestjs.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  });

  it('the nestjs bundles import relata/typeorm and define none of its classes', () => {
    const typeormBundle = readFileSync(join(root, 'dist/typeorm.js'), 'utf8');
    expect(typeormBundle).toMatch(/var DataSource = class/);
    for (const file of ['nestjs.js', 'nestjs.cjs']) {
      const code = readFileSync(join(root, 'dist', file), 'utf8');
      expect(code, file).toMatch(file.endsWith('.cjs') ? /require\("relata\/typeorm"\)/ : /from "relata\/typeorm"/);
      for (const definition of [/var DataSource = class/, /var EntityManager = class/, /var Repository = class/, /function Entity\(/]) expect(code, file).not.toMatch(definition);
    }
  });

  const body = String.raw`
const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
const out = {
  dataSourceToken: getDataSourceToken() === DataSource,
  managerToken: getEntityManagerToken() === EntityManager,
  customRepositoryToken: getRepositoryToken(class UserRepository extends Repository {}, 'audit'),
  namedToken: getDataSourceToken(new DataSource({ type: 'better-sqlite3', name: 'audit' })),
  forRoot: TypeOrmModule.forRoot({ type: 'better-sqlite3' }).imports.length,
};
await dataSource.initialize();
out.rows = await dataSource.query('SELECT 1 AS one');
await dataSource.destroy();
process.stdout.write('\n' + JSON.stringify(out) + '\n');
`;
  const expected = {
    dataSourceToken: true,
    managerToken: true,
    customRepositoryToken: 'audit_UserRepository',
    namedToken: 'auditDataSource',
    forRoot: 1,
    rows: [{ one: 1 }],
  };

  it('an ESM consumer: the default tokens are the DataSource and EntityManager classes of relata/typeorm', async () => {
    const esm = `import 'reflect-metadata';
import { DataSource, EntityManager, Repository } from 'relata/typeorm';
import { TypeOrmModule, getDataSourceToken, getEntityManagerToken, getRepositoryToken } from 'relata/nestjs';
${body}`;
    expect(await consumer(['--input-type=module', '-e', esm])).toEqual(expected);
  });

  it('a CommonJS consumer: the same', async () => {
    const cjs = `require('reflect-metadata');
const { DataSource, EntityManager, Repository } = require('relata/typeorm');
const { TypeOrmModule, getDataSourceToken, getEntityManagerToken, getRepositoryToken } = require('relata/nestjs');
(async () => {${body}})().catch((e) => { console.error(e); process.exit(1); });`;
    expect(await consumer(['--input-type=commonjs', '--no-warnings', '-e', cjs])).toEqual(expected);
  });
});
