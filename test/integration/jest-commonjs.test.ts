/**
 * relata's CommonJS build under Jest, as a NestJS project runs its tests (ts-jest, the jest config
 * that `nest new` writes): one real Jest process runs the specs of test/fixtures/jest-cjs, which
 * import 'relata' (mapped to dist/index.cjs) and query every configured dialect, opening a new
 * connection in every beforeEach. Jest refuses dynamic import() without
 * --experimental-vm-modules, so this fails if the CommonJS build loads a driver that way.
 *
 * It runs the built dist/: `npm test` builds first; run `npm run build` before running it alone.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, type DialectContext, type TestDialect } from '../support/dialects.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const fixture = join(root, 'test/fixtures/jest-cjs');
const run = promisify(execFile);

/** The part of Jest's --json report read here. */
interface JestReport {
  numTotalTestSuites: number;
  numFailedTestSuites: number;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; message: string; assertionResults: { ancestorTitles: string[]; title: string; status: string }[] }[];
}

const QUERY_SPECS = ['finds rows with their associations', 'filters, counts and updates', 'rolls back a managed transaction'];
const PACKAGE_SPECS = [
  'require("relata") is the Sequelize class, with the named exports on it',
  'loads a folder of TypeScript model files and queries them',
  'runs a JavaScript migration with the Migrator, then alters and drops a model table',
  'reports a driver that is not installed as a ConnectionError naming the package',
];

const contexts: DialectContext[] = [];
let report: JestReport;
let output = '';
const outDir = mkdtempSync(join(tmpdir(), 'relata-jest-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/index.cjs'))) throw new Error('dist/index.cjs is missing: run `npm run build` first');
  const urls: Partial<Record<TestDialect, string>> = {};
  for (const context of contexts) {
    // connect() creates the block's schema or database; the Jest specs open their own connections.
    await (await context.connect()).close();
    urls[context.dialect] = context.url;
  }
  const outputFile = join(outDir, 'report.json');
  const args = ['node_modules/jest/bin/jest.js', '--config', join(fixture, 'jest.config.json'), '--runInBand', '--ci', '--watchman=false', '--json', '--outputFile', outputFile];
  const env = { ...process.env, RELATA_JEST_URLS: JSON.stringify(urls), NODE_OPTIONS: '' };
  try {
    const result = await run(process.execPath, args, { cwd: root, env, timeout: 120_000 });
    output = result.stderr;
  } catch (error) {
    // Failing specs exit non-zero; the report says which.
    output = (error as { stderr?: string }).stderr ?? String(error);
  }
  if (!existsSync(outputFile)) throw new Error(`Jest wrote no report:\n${output}`);
  report = JSON.parse(readFileSync(outputFile, 'utf8')) as JestReport;
}, 180_000);

function results(ancestor: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const file of report.testResults) {
    for (const test of file.assertionResults) if (test.ancestorTitles[0] === ancestor) found[test.title] = test.status;
  }
  return found;
}

describeEachDialect('relata under Jest', (context) => {
  contexts.push(context);
  it('passes every query spec on this dialect, each on a new connection', () => {
    expect(results(context.dialect), output).toEqual(Object.fromEntries(QUERY_SPECS.map((title) => [title, 'passed'])));
  });
});

it('runs both spec files in one Jest process, every test passing', () => {
  expect(results('the CommonJS build under Jest'), output).toEqual(Object.fromEntries(PACKAGE_SPECS.map((title) => [title, 'passed'])));
  expect(report.testResults.map((file) => [file.name.slice(fixture.length + 1), file.status]).sort()).toEqual([
    ['package.spec.ts', 'passed'],
    ['queries.spec.ts', 'passed'],
  ]);
  expect({ suites: report.numTotalTestSuites, failedSuites: report.numFailedTestSuites, failed: report.numFailedTests }).toEqual({ suites: 2, failedSuites: 0, failed: 0 });
  expect(report.numPassedTests).toBe(PACKAGE_SPECS.length + QUERY_SPECS.length * contexts.length);
  expect(report.numTotalTests).toBe(report.numPassedTests);
});
