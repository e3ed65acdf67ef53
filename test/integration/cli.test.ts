/**
 * The `relata` bin, spawned as users run it (`node dist/cli.js …`, built by `npm run build`) in a
 * project folder whose `node_modules/relata` is this package: init, the generators, db:migrate and
 * its undo/status, seeders, migration:generate --from-models and check, with their exit codes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Relata } from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { countRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const bin = join(root, 'dist/cli.js');

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function relata(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, stdout, stderr });
    });
  });
}

/** A project folder that resolves `relata` to this package, as an installed dependency would. */
function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'relata-cli-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'relata'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const USER_MODEL = `'use strict';
const { Model } = require('relata');
module.exports = (sequelize, DataTypes) => {
  class User extends Model {
    static associate(models) {
      User.belongsToMany(models.Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' });
    }
  }
  User.init({ name: DataTypes.STRING }, { sequelize, modelName: 'User' });
  return User;
};
`;

const GROUP_MODEL = `'use strict';
const { Model } = require('relata');
module.exports = (sequelize, DataTypes) => {
  class Group extends Model {
    static associate(models) {
      Group.belongsToMany(models.User, { through: 'UserGroups', foreignKey: 'groupId', otherKey: 'userId', as: 'members' });
    }
  }
  Group.init({ name: DataTypes.STRING }, { sequelize, modelName: 'Group' });
  return Group;
};
`;

const SEED_USER_GROUPS = `'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('UserGroups', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      userId: { type: Sequelize.INTEGER, references: { model: 'Users', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'CASCADE' },
      groupId: { type: Sequelize.INTEGER, references: { model: 'Groups', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'CASCADE' },
      createdAt: { allowNull: false, type: Sequelize.DATE },
      updatedAt: { allowNull: false, type: Sequelize.DATE },
    });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('UserGroups');
  },
};
`;

const USERS_SEEDER = `'use strict';
module.exports = {
  async up(queryInterface) {
    await queryInterface.bulkInsert('Users', [{ name: 'Ada', createdAt: new Date(), updatedAt: new Date() }, { name: 'Alan', createdAt: new Date(), updatedAt: new Date() }]);
  },
  async down(queryInterface) {
    await queryInterface.bulkDelete('Users', null, {});
  },
};
`;

beforeAll(() => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first (npm test does)`);
});

describe('the relata bin', () => {
  it('is package.json bin.relata → dist/cli.js, an executable script with a node hashbang, which npx runs', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
    expect(pkg.bin).toEqual({ relata: 'dist/cli.js' });
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    const version = await new Promise<string>((done) => {
      execFile('npx', ['--no', '--', 'relata', '--version'], { cwd: root, env: { ...process.env, npm_config_loglevel: 'error' }, timeout: 60_000 }, (_error, stdout) => done(stdout));
    });
    expect(version.trim()).toBe(pkg.version);
  });
});

describe('relata --help', () => {
  it('lists every command and exits 0; an unknown command exits 1', async () => {
    const dir = project();
    try {
      const help = await relata(dir, ['--help']);
      expect(help.code).toBe(0);
      for (const command of ['init', 'db:migrate', 'db:migrate:status', 'db:migrate:undo', 'db:migrate:undo:all', 'migration:generate', 'model:generate', 'seed:generate', 'db:seed:all', 'db:seed:undo:all', 'check']) {
        expect(help.stdout).toMatch(new RegExp(`^  ${command}[ |]`, 'm'));
      }
      const unknown = await relata(dir, ['db:migrat']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/unknown command 'db:migrat'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDialect('relata CLI', ({ dialect, connect, url }) => {
  let dir: string;
  let env: Record<string, string>;
  /** The in-memory block runs the CLI on a SQLite file configured in config.json (the others use a URL). */
  const configured = dialect === 'sqlite';
  const open = async (): Promise<Relata> => (configured ? new Relata(`sqlite:${join(dir, 'dev.sqlite')}`, { logging: false }) : connect());
  const withDb = async <T>(fn: (db: Relata) => Promise<T>): Promise<T> => {
    const db = await open();
    try {
      return await fn(db);
    } finally {
      if (configured) await db.close();
    }
  };
  const cli = (...args: string[]) => relata(dir, args, env);
  const migrations = () => readdirSync(join(dir, 'migrations')).sort();

  beforeAll(async () => {
    dir = project();
    env = configured ? {} : { APP_DB_URL: url };
    if (!configured) await withDb((db) => dropAllTables(db, dialect));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('init writes the config, models/index.js and the folders, and keeps them when run again', async () => {
    const first = await cli('init');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('Created config/config.json\nCreated models/index.js\nCreated migrations/\nCreated seeders/\n');
    expect(JSON.parse(readFileSync(join(dir, 'config/config.json'), 'utf8'))).toMatchObject({ development: { dialect: 'sqlite' }, production: { use_env_variable: 'DATABASE_URL' } });
    const again = await cli('init');
    expect(again.stdout).toContain('config/config.json exists, kept');
    const config = configured ? { development: { dialect: 'sqlite', storage: 'dev.sqlite' } } : { development: { use_env_variable: 'APP_DB_URL' } };
    writeFileSync(join(dir, 'config/config.json'), JSON.stringify(config));
  });

  it('model:generate writes a model and its create-table migration; seed:generate and migration:generate write skeletons', async () => {
    const user = await cli('model:generate', '--name', 'User', '--attributes', 'name:string');
    const group = await cli('model:generate', '--name', 'Group', '--attributes', 'name:string,kind:enum:{public,private}');
    expect([user.code, group.code]).toEqual([0, 0]);
    expect(user.stdout).toMatch(/^Created models\/user\.js\nCreated migrations\/\d{14}-create-user\.js\n$/);
    expect(readFileSync(join(dir, 'models/group.js'), 'utf8')).toContain("kind: DataTypes.ENUM('public', 'private'),");
    const seeder = await cli('seed:generate', '--name', 'demo-users');
    expect(seeder.stdout).toMatch(/^Created seeders\/\d{14}-demo-users\.js\n$/);
    const empty = await cli('migration:generate', '--name', 'noop');
    expect(empty.code).toBe(0);
    expect(await cli('migration:generate')).toMatchObject({ code: 1, stderr: expect.stringContaining('--name is required') });
    // The project's own files: models with their associations, the seeds' junction migration, a seeder.
    writeFileSync(join(dir, 'models/user.js'), USER_MODEL);
    writeFileSync(join(dir, 'models/group.js'), GROUP_MODEL);
    // One second after the generated create-user migration, so it runs after it and before anything generated later.
    const stamp = Math.max(...migrations().map((f) => Number(f.slice(0, 14))));
    const next = new Date(Date.UTC(Number(String(stamp).slice(0, 4)), Number(String(stamp).slice(4, 6)) - 1, Number(String(stamp).slice(6, 8)), Number(String(stamp).slice(8, 10)), Number(String(stamp).slice(10, 12)), Number(String(stamp).slice(12, 14)) + 1));
    const junction = `${next.toISOString().replace(/[-:T]/g, '').slice(0, 14)}-create-user-groups.js`;
    writeFileSync(join(dir, 'migrations', junction), SEED_USER_GROUPS);
    const seederFile = readdirSync(join(dir, 'seeders'))[0] as string;
    writeFileSync(join(dir, 'seeders', seederFile), USERS_SEEDER);
    expect(migrations()).toHaveLength(4);
  });

  it('db:migrate runs every pending file with progress and timings, and db:migrate:status lists them', async () => {
    const result = await cli('db:migrate');
    expect(result.code).toBe(0);
    const names = migrations().map((f) => f.replace(/\.js$/, ''));
    expect(result.stdout).toMatch(/^relata · \w+ · config\/config\.json \(development(, \$APP_DB_URL)?\)\n\n/);
    for (const name of names) expect(result.stdout).toMatch(new RegExp(`== ${name}: migrating =======\\n== ${name}: migrated \\(\\d+\\.\\d{3}s\\)\\n`));
    expect(result.stdout).toMatch(/\n4 migrations applied in \d+\.\d{3}s\.\n$/);
    const status = await cli('db:migrate:status');
    expect(status.stdout.split('\n').filter((l) => /^(up|down) /.test(l))).toEqual(migrations().map((f) => `up   ${f}`));
    expect((await cli('db:migrate')).stdout).toContain('No migrations were executed, database schema was already up to date.');
  });

  it('check reports the junction table the seed migration created as drift, and exits 1', async () => {
    const result = await cli('check');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/User\.groups \(belongsToMany\)\s+unique pair\s+DRIFT\s+UserGroups \(userId, groupId\): no PRIMARY KEY or UNIQUE on the pair/);
    expect(result.stdout).toMatch(/2 associations checked on \w+: \d+ problems\.\n$/);
  });

  it('migration:generate --from-models writes what the models need, then finds no changes once it ran', async () => {
    const generated = await cli('migration:generate', '--from-models');
    expect(generated.code).toBe(0);
    // Group's model file loads first, so its association names the junction key pair first.
    expect(generated.stdout).not.toContain('! ');
    expect(generated.stdout).toContain('~ column UserGroups.userId: NOT NULL');
    expect(generated.stdout).toContain('- column UserGroups.id\n+ primary key UserGroups (groupId, userId), replacing (id)\n');
    expect(generated.stdout).toContain('- column Groups.kind');
    expect(generated.stdout).toMatch(/Created migrations\/\d{14}-from-models\.js \(\d+ changes?\)\. Review it, then run relata db:migrate\.\n$/);
    expect(migrations()).toHaveLength(5);
    expect((await cli('db:migrate')).stdout).toContain('1 migration applied');
    const again = await cli('migration:generate', '--from-models');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes: the database matches the models.');
    expect(migrations()).toHaveLength(5);
  });

  it('db:seed:all runs the seeders and db:seed:undo:all reverts them', async () => {
    const seeded = await cli('db:seed:all');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/== \d{14}-demo-users: migrated \(\d+\.\d{3}s\)/);
    expect(await withDb((db) => countRows(db, dialect, 'Users'))).toBe(2);
    expect((await cli('db:seed:undo:all')).code).toBe(0);
    expect(await withDb((db) => countRows(db, dialect, 'Users'))).toBe(0);
    const seeder = readdirSync(join(dir, 'seeders'))[0] as string;
    expect((await cli('db:seed', '--seed', seeder)).code).toBe(0);
    expect(await withDb((db) => countRows(db, dialect, 'Users'))).toBe(2);
    const undo = await cli('db:seed:undo', '--seed', seeder.replace(/\.js$/, ''));
    expect(undo.stdout).toContain(`== ${seeder.replace(/\.js$/, '')}: reverted (`);
    expect(await withDb((db) => countRows(db, dialect, 'Users'))).toBe(0);
    expect(await cli('db:seed:undo')).toMatchObject({ code: 1, stderr: expect.stringContaining('db:seed:undo needs --seed <file> when seeders are not recorded') });
  });

  it('db:migrate:undo reverts the last migration, db:migrate:undo:all the rest, and db:migrate applies them again', async () => {
    const last = migrations()[4] as string;
    const undo = await cli('db:migrate:undo');
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain(`== ${last.replace(/\.js$/, '')}: reverted (`);
    expect((await cli('db:migrate:status')).stdout).toContain(`down ${last}`);
    const all = await cli('db:migrate:undo:all');
    expect(all.stdout).toMatch(/\n4 migrations reverted in \d+\.\d{3}s\.\n$/);
    expect(await withDb((db) => db.getQueryInterface().showAllTables())).toEqual(['SequelizeMeta']);
    expect((await cli('db:migrate:undo')).stdout).toContain('No executed migrations found.');
    const again = await cli('db:migrate');
    expect(again.stdout).toContain('5 migrations applied');
  });

  it('a failing migration exits 1, names the file, and stays pending', async () => {
    writeFileSync(join(dir, 'migrations/99999999999999-broken.js'), "module.exports = { async up() { throw new Error('boom'); }, async down() {} };");
    try {
      const result = await cli('db:migrate');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('== 99999999999999-broken: migrating =======');
      expect(result.stderr).toMatch(/ERROR: Migration 99999999999999-broken\.js failed \(up\): boom\./);
      expect((await cli('db:migrate:status')).stdout).toContain('down 99999999999999-broken.js');
    } finally {
      rmSync(join(dir, 'migrations/99999999999999-broken.js'));
    }
  });

  it('an environment the config lacks, or an unset URL variable, exits 1 with what to do', async () => {
    const missing = await cli('db:migrate:status', '--env', 'staging');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/config\.json has no "staging" environment \(it has: development\)/);
    if (!configured) {
      const unset = await relata(dir, ['db:migrate:status'], {});
      expect(unset.code).toBe(1);
      expect(unset.stderr).toContain('reads the URL from $APP_DB_URL, which is not set');
    }
  });

  it('reads DATABASE_URL without a config file, and the folders from .sequelizerc', async () => {
    const other = project({
      '.sequelizerc': "const path = require('path');\nmodule.exports = { 'migrations-path': path.resolve('db', 'migrate'), 'models-path': path.resolve('db', 'models') };\n",
      'db/migrate/20240101000000-noop.js': 'module.exports = { async up() {}, async down() {} };',
    });
    try {
      const target = configured ? `sqlite:${join(other, 'other.sqlite')}` : url;
      const status = await relata(other, ['db:migrate:status'], { DATABASE_URL: target });
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/^relata · \w+ · DATABASE_URL\n/);
      expect(status.stdout).toContain('down 20240101000000-noop.js');
      const noConfig = await relata(other, ['db:migrate:status'], {});
      expect(noConfig.code).toBe(1);
      expect(noConfig.stderr).toMatch(/No database configured: create .*config\/config\.json \(relata init\), pass --url, or set DATABASE_URL/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
