/**
 * The schema tools on the demo's models folder (demo/models, which demo/demo.mjs loads), through
 * the built bin on every database: migration:generate --from-models writes the tables, db:migrate
 * runs it, generating again finds nothing, and check finds no drift on any association.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { catalogDialect, type CatalogDialect } from '../support/column-catalog.js';
import { DEMO_MODELS, ROOT } from '../support/demo-diagram.js';
import { describeEachDialect } from '../support/dialects.js';

const bin = join(ROOT, 'dist/cli.js');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function relata(cwd: string, args: readonly string[], env: Record<string, string>): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

const TABLES = [
  '+ table Courses (4 columns, 0 foreign keys)',
  '+ table Groups (4 columns, 0 foreign keys)',
  '+ table Users (4 columns, 0 foreign keys)',
  '+ table Posts (7 columns, 1 foreign key)',
  '+ table Profiles (5 columns, 1 foreign key)',
  '+ table Students (4 columns, 0 foreign keys)',
  '+ table StudentCourses (4 columns, 2 foreign keys)',
  '+ table UserGroups (4 columns, 2 foreign keys)',
];

/** What the first generate prints: the tables, then the foreign key indexes where the database adds none. */
const GENERATED: Record<CatalogDialect, string[]> = {
  sqlite: [
    ...TABLES,
    '+ index posts_userid on Posts (userId)',
    '+ index profiles_userid on Profiles (userId)',
    '+ index studentcourses_studentid on StudentCourses (StudentId)',
    '+ index usergroups_userid on UserGroups (userId)',
  ],
  postgres: [
    ...TABLES,
    '+ index posts_userid on Posts (userId)',
    '+ index profiles_userid on Profiles (userId)',
    '+ index studentcourses_studentid on StudentCourses (StudentId)',
    '+ index usergroups_userid on UserGroups (userId)',
  ],
  mariadb: TABLES,
};

/** The dialect the CLI names: the MariaDB block connects with a mysql:// URL. */
const CLI_DIALECT: Record<CatalogDialect, string> = { sqlite: 'sqlite', postgres: 'postgres', mariadb: 'mysql' };

/** Every row check prints, in order: association, check, status. */
const CHECK_ROWS: string[] = [
  ...['Course.Students (belongsToMany)', 'Group.members (belongsToMany)'].flatMap((a) => [
    ...['foreign key', 'actions', 'index', 'orphans', 'foreign key', 'actions', 'index', 'orphans', 'unique pair'].map((c) => `${a} ${c} ok`),
  ]),
  ...['Post.user (belongsTo)', 'Profile.user (belongsTo)'].flatMap((a) => ['foreign key', 'actions', 'index', 'orphans'].map((c) => `${a} ${c} ok`)),
  ...['foreign key', 'actions', 'index', 'orphans', 'foreign key', 'actions', 'index', 'orphans', 'unique pair'].map((c) => `Student.Courses (belongsToMany) ${c} ok`),
  ...['User.profile (hasOne)', 'User.posts (hasMany)'].flatMap((a) => ['foreign key', 'actions', 'index', 'orphans'].map((c) => `${a} ${c} ok`)),
  ...['foreign key', 'actions', 'index', 'orphans', 'foreign key', 'actions', 'index', 'orphans', 'unique pair'].map((c) => `User.groups (belongsToMany) ${c} ok`),
];

/** The detail of every foreign key and actions row (the same on every database). */
const KEY_DETAILS: string[] = [
  'Course.Students (belongsToMany) foreign key StudentCourses_CourseId_fkey: StudentCourses.CourseId → Courses.id',
  'Course.Students (belongsToMany) actions StudentCourses.CourseId: ON DELETE CASCADE ON UPDATE CASCADE',
  'Course.Students (belongsToMany) foreign key StudentCourses_StudentId_fkey: StudentCourses.StudentId → Students.id',
  'Course.Students (belongsToMany) actions StudentCourses.StudentId: ON DELETE CASCADE ON UPDATE CASCADE',
  'Group.members (belongsToMany) foreign key UserGroups_groupId_fkey: UserGroups.groupId → Groups.id',
  'Group.members (belongsToMany) actions UserGroups.groupId: ON DELETE CASCADE ON UPDATE CASCADE',
  'Group.members (belongsToMany) foreign key UserGroups_userId_fkey: UserGroups.userId → Users.id',
  'Group.members (belongsToMany) actions UserGroups.userId: ON DELETE CASCADE ON UPDATE CASCADE',
  'Post.user (belongsTo) foreign key Posts_userId_fkey: Posts.userId → Users.id',
  'Post.user (belongsTo) actions Posts.userId: ON DELETE SET NULL ON UPDATE CASCADE',
  'Profile.user (belongsTo) foreign key Profiles_userId_fkey: Profiles.userId → Users.id',
  'Profile.user (belongsTo) actions Profiles.userId: ON DELETE SET NULL ON UPDATE CASCADE',
  'Student.Courses (belongsToMany) foreign key StudentCourses_StudentId_fkey: StudentCourses.StudentId → Students.id',
  'Student.Courses (belongsToMany) actions StudentCourses.StudentId: ON DELETE CASCADE ON UPDATE CASCADE',
  'Student.Courses (belongsToMany) foreign key StudentCourses_CourseId_fkey: StudentCourses.CourseId → Courses.id',
  'Student.Courses (belongsToMany) actions StudentCourses.CourseId: ON DELETE CASCADE ON UPDATE CASCADE',
  'User.profile (hasOne) foreign key Profiles_userId_fkey: Profiles.userId → Users.id',
  'User.profile (hasOne) actions Profiles.userId: ON DELETE SET NULL ON UPDATE CASCADE',
  'User.posts (hasMany) foreign key Posts_userId_fkey: Posts.userId → Users.id',
  'User.posts (hasMany) actions Posts.userId: ON DELETE SET NULL ON UPDATE CASCADE',
  'User.groups (belongsToMany) foreign key UserGroups_userId_fkey: UserGroups.userId → Users.id',
  'User.groups (belongsToMany) actions UserGroups.userId: ON DELETE CASCADE ON UPDATE CASCADE',
  'User.groups (belongsToMany) foreign key UserGroups_groupId_fkey: UserGroups.groupId → Groups.id',
  'User.groups (belongsToMany) actions UserGroups.groupId: ON DELETE CASCADE ON UPDATE CASCADE',
];

/** The report's rows split on the column gaps: [association, check, status, detail]. */
function reportRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const header = lines.findIndex((l) => l.startsWith('Association'));
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (line === '') break;
    rows.push(line.split(/ {2,}/));
  }
  return rows;
}

describeEachDialect('schema tools on demo/models', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  /** The in-memory block runs the CLI on a SQLite file named in config.json (the others use a URL). */
  const configured = dialect === 'sqlite';
  let dir: string;
  let env: Record<string, string>;
  const cli = (...args: string[]) => relata(dir, [...args, '--models-path', DEMO_MODELS], env);

  beforeAll(async () => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first (npm test does)`);
    dir = mkdtempSync(join(tmpdir(), 'relata-demo-schema-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'relata'), 'dir');
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    const config = configured ? { development: { dialect: 'sqlite', storage: 'dev.sqlite' } } : { development: { use_env_variable: 'APP_DB_URL' } };
    writeFileSync(join(dir, 'config/config.json'), JSON.stringify(config));
    env = configured ? {} : { APP_DB_URL: url };
    if (!configured) {
      const db: Relata = await connect();
      await dropAllTables(db, dialect);
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migration:generate --from-models writes every table, junctions included, and db:migrate runs it', async () => {
    const generated = await cli('migration:generate', '--from-models');
    expect(generated.code).toBe(0);
    const lines = generated.stdout.split('\n');
    expect(lines.filter((l) => /^[+~!-] /.test(l))).toEqual(GENERATED[family]);
    expect(lines.at(-2)).toMatch(new RegExp(`^Created migrations/\\d{14}-from-models\\.js \\(${GENERATED[family].length} changes\\)\\. Review it, then run relata db:migrate\\.$`));
    const files = readdirSync(join(dir, 'migrations'));
    expect(files).toHaveLength(1);
    const source = readFileSync(join(dir, 'migrations', files[0] as string), 'utf8');
    expect(source).toContain("await queryInterface.createTable('UserGroups', {");
    expect(source).toContain("await queryInterface.dropTable('UserGroups');");
    const migrated = await cli('db:migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/\n1 migration applied in \d+\.\d{3}s\.\n$/);
  });

  it('migration:generate --from-models then finds no changes and writes nothing', async () => {
    const again = await cli('migration:generate', '--from-models');
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').slice(2)).toEqual(['No changes: the database matches the models.', '']);
    expect(readdirSync(join(dir, 'migrations'))).toHaveLength(1);
  });

  it('check finds every association in place: foreign keys, actions, indexes, key pairs, no orphans; exit 0', async () => {
    const result = await cli('check');
    expect(result.code).toBe(0);
    const rows = reportRows(result.stdout);
    expect(rows.map(([association, check, status]) => `${association} ${check} ${status}`)).toEqual(CHECK_ROWS);
    expect(rows.filter(([, check]) => check === 'foreign key' || check === 'actions').map(([a, c, , d]) => `${a} ${c} ${d}`)).toEqual(KEY_DETAILS);
    expect(rows.filter(([, check]) => check === 'unique pair').map((r) => r[3])).toEqual([
      'StudentCourses (CourseId, StudentId): primary key',
      'UserGroups (groupId, userId): primary key',
      'StudentCourses (StudentId, CourseId): primary key',
      'UserGroups (userId, groupId): primary key',
    ]);
    expect(result.stdout.split('\n').slice(-3)).toEqual(['', `8 associations checked on ${CLI_DIALECT[family]}: no drift.`, '']);
  });
});
