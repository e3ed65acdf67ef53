/**
 * The NestJS application in test/fixtures/nest-app, written against sequelize-typescript,
 * sequelize and @nestjs/sequelize and tested with Jest (ts-jest) as `nest new` sets it up, runs
 * unchanged on the original libraries and on relata: the relata runs only swap the three module
 * names for dist/ in Jest's moduleNameMapper (jest.relata.json). Each run is a Jest process whose
 * JSON report must show every test passed, with the same count as the run on the originals.
 *
 * - Dialects: SQLite always; PostgreSQL and MariaDB when the global setup reached them (with
 *   CI=true it fails the run instead). The server runs get a database of their own, created here
 *   and dropped afterwards, on PostgreSQL too: Sequelize's `sync({ force: true })` looks foreign
 *   keys up by bare table name across every schema of the database (pg_class.relname), so a
 *   `tasks` table in another test file's schema would break it.
 * - NestJS 12 comes from the repository; NestJS 10 from test/fixtures/nest-app/nest10, installed
 *   there with `npm ci` when missing (Jest maps `@nestjs/*` to it: jest.nest10*.json).
 * - The relata runs load dist/: `npm run build` first (`npm test` does).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDatabases, runProcess, type AppDialect } from '../support/app-databases.js';

const APP = fileURLToPath(new URL('../fixtures/nest-app/', import.meta.url));
const NEST10 = join(APP, 'nest10');
const JEST = fileURLToPath(new URL('../../node_modules/jest/bin/jest.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const RUN_TIMEOUT_MS = 240_000;

type Library = 'original' | 'relata';
type Nest = 12 | 10;

const CONFIGS: Record<Nest, Record<Library, string>> = {
  12: { original: 'jest.config.json', relata: 'jest.relata.json' },
  10: { original: 'jest.nest10.json', relata: 'jest.nest10-relata.json' },
};

interface JestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numFailedTestSuites: number;
  testResults: { name: string; message: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

interface RunResult {
  report: JestReport;
  passed: string[];
  failures: string[];
}

const DATABASES = appDatabases(import.meta.url);
const SERVERS = ['postgres', 'mariadb'] as const;
const reached = (dialect: AppDialect): boolean => DATABASES.reached(dialect);
const databaseUrl = (dialect: AppDialect): string | undefined => DATABASES.url(dialect);
const run = (file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> => runProcess(file, args, cwd, env, RUN_TIMEOUT_MS);


async function jest(config: string, dialect: AppDialect): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'relata-nest-app-'));
  try {
    const outputFile = join(dir, 'report.json');
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
    delete env['DB_URL'];
    delete env['DB_STORAGE'];
    const url = databaseUrl(dialect);
    if (url) env['DB_URL'] = url;
    const { output } = await run(process.execPath, [JEST, '-c', config, '--ci', '--json', '--outputFile', outputFile], APP, env);
    if (!existsSync(outputFile)) throw new Error(`jest -c ${config} wrote no report:\n${output.slice(-4000)}`);
    const report = JSON.parse(readFileSync(outputFile, 'utf8')) as JestReport;
    const results = report.testResults.flatMap((file) => file.assertionResults);
    const failures = [
      ...report.testResults.filter((file) => file.assertionResults.length === 0 && file.message).map((file) => `${file.name}: ${file.message.slice(0, 600)}`),
      ...results.filter((r) => r.status === 'failed').map((r) => `${r.fullName}: ${r.failureMessages.join('\n').slice(0, 600)}`),
    ];
    return { report, passed: results.filter((r) => r.status === 'passed').map((r) => r.fullName).sort(), failures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Installs NestJS 10 into nest10/node_modules unless the pinned versions are already there. */
async function ensureNest10(): Promise<void> {
  const wanted = (JSON.parse(readFileSync(join(NEST10, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies;
  const installed = Object.entries(wanted).every(([name, version]) => {
    const file = join(NEST10, 'node_modules', name, 'package.json');
    return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version === version;
  });
  if (installed) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { code, output } = await run(npm, ['ci', '--no-audit', '--no-fund'], NEST10, process.env);
  if (code !== 0) throw new Error(`npm ci in ${NEST10} failed:\n${output.slice(-4000)}`);
}

describe('nest-app: one Jest suite, two sets of libraries', () => {
  beforeAll(() => DATABASES.create());
  afterAll(() => DATABASES.drop());

  const cases: { nest: Nest; dialect: AppDialect }[] = [
    { nest: 12, dialect: 'sqlite' },
    ...SERVERS.map((dialect) => ({ nest: 12 as const, dialect })),
    { nest: 10, dialect: 'sqlite' },
  ];

  for (const { nest, dialect } of cases) {
    describe(`NestJS ${nest} on ${dialect}`, () => {
      let original: RunResult | undefined;

      beforeAll(async () => {
        if (nest === 10) await ensureNest10();
      }, RUN_TIMEOUT_MS);

      const title = (library: Library) => `${library}: every test passes (jest -c ${CONFIGS[nest][library]})`;
      const runs = (library: Library) => async () => {
        const result = await jest(CONFIGS[nest][library], dialect);
        expect(result.failures).toEqual([]);
        expect(result.report.numFailedTestSuites).toBe(0);
        expect(result.report.numPendingTests).toBe(0);
        expect(result.report.numPassedTests).toBe(result.report.numTotalTests);
        expect(result.report.numTotalTests).toBeGreaterThanOrEqual(40);
        if (library === 'original') original = result;
        else if (original) expect(result.passed).toEqual(original.passed);
      };

      if (!reached(dialect)) {
        it.skip(`${title('original')} (${dialect} unreachable)`, () => undefined);
        it.skip(`${title('relata')} (${dialect} unreachable)`, () => undefined);
        return;
      }
      it(title('original'), runs('original'), RUN_TIMEOUT_MS);
      it(title('relata'), async () => {
        expect(existsSync(join(DIST, 'index.cjs')) && existsSync(join(DIST, 'nestjs.cjs')), 'dist/ is missing: npm run build').toBe(true);
        await runs('relata')();
      }, RUN_TIMEOUT_MS);
    });
  }
});
