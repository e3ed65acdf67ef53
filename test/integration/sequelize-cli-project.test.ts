/**
 * A sequelize-cli project, made as a Sequelize 6 user makes one, run on relata.
 *
 * `sequelize-cli init` and `model:generate` (the devDependency, with `sequelize@6` installed in
 * the project) write the seeds' four models (User, Profile, Post, Group); the seeds' associations go
 * into the generated `associate` methods and the seeds' `UserGroups` migration joins the generated
 * ones. The only edit after that is the package name, `require('sequelize')` → `require('relata')`.
 * Then, on every dialect, with `relata` built (`dist/`, `npm run build`):
 * - relata's own CLI (`dist/cli.js db:migrate`) runs the migrations;
 * - sequelize-cli itself, with the project's `node_modules/sequelize` pointing at relata, reads the
 *   same `SequelizeMeta`, undoes every migration and applies them again;
 * - the generated `models/index.js` is required as the application would, and real queries run
 *   through the `db` object it exports: nested create, includes, accessors, `Op`, the junction rows
 *   and the migration's ON DELETE CASCADE.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Relata } from '../../src/index.js';
import { catalog } from '../support/catalog.js';
import { countRows, tableRows } from '../support/constraints.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const relataBin = join(root, 'dist/cli.js');
const requireFromRoot = createRequire(join(root, 'package.json'));
const sequelizeCliPackage = dirname(requireFromRoot.resolve('sequelize-cli/package.json'));
const relataVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const sequelize6 = dirname(requireFromRoot.resolve('sequelize/package.json'));

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(bin: string, cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, stdout, stderr });
    });
  });
}

/**
 * sequelize-cli as the project's own dependency: it loads the ORM with `require.resolve('sequelize')`
 * from its own folder, so it must sit in the project's node_modules (a copy: a symlink would resolve
 * from this repository, where `sequelize` is sequelize@6). Its own dependencies come from where npm
 * installed them, through NODE_PATH.
 */
const sequelizeCli = (cwd: string, ...args: string[]) =>
  run(join(cwd, 'node_modules/sequelize-cli/lib/sequelize'), cwd, args, { NODE_PATH: dirname(sequelizeCliPackage) });
const relataCli = (cwd: string, ...args: string[]) => run(relataBin, cwd, args);

/** Points the project's `node_modules/<name>` at `target`, as `npm install` would. */
function install(dir: string, name: string, target: string): void {
  const link = join(dir, 'node_modules', name);
  if (existsSync(link)) unlinkSync(link);
  symlinkSync(target, link, 'dir');
}

/** The seeds' associations (shared/seeds/001), as the user writes them into the generated `associate`. */
const ASSOCIATIONS: Record<string, string> = {
  user: `User.hasOne(models.Profile, { foreignKey: 'userId', as: 'profile' });
      User.hasMany(models.Post, { foreignKey: 'userId', as: 'posts' });
      User.belongsToMany(models.Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' });`,
  profile: `Profile.belongsTo(models.User, { foreignKey: 'userId', as: 'user' });`,
  post: `Post.belongsTo(models.User, { foreignKey: 'userId', as: 'user' });`,
  group: `Group.belongsToMany(models.User, { through: 'UserGroups', foreignKey: 'groupId', otherKey: 'userId', as: 'members' });`,
};

/** The seeds' junction migration (shared/seeds/001), verbatim. */
const USER_GROUPS_MIGRATION = `'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('UserGroups', {
      id: {
        allowNull: false,
        autoIncrement: true,
        primaryKey: true,
        type: Sequelize.INTEGER,
      },
      userId: {
        type: Sequelize.INTEGER,
        references: {
          model: 'Users',
          key: 'id',
        },
        onUpdate: 'CASCADE',
        onDelete: 'CASCADE',
      },
      groupId: {
        type: Sequelize.INTEGER,
        references: {
          model: 'Groups',
          key: 'id',
        },
        onUpdate: 'CASCADE',
        onDelete: 'CASCADE',
      },
      createdAt: {
        allowNull: false,
        type: Sequelize.DATE,
      },
      updatedAt: {
        allowNull: false,
        type: Sequelize.DATE,
      },
    });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.dropTable('UserGroups');
  },
};
`;

const MODELS = [
  ['User', 'name:string'],
  ['Profile', 'bio:string,userId:integer'],
  ['Post', 'title:string,content:text,userId:integer'],
  ['Group', 'name:string'],
] as const;

let template: string;
const made: string[] = [];

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary project folder with an empty node_modules. */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relata-sequelize-cli-'));
  made.push(dir);
  mkdirSync(join(dir, 'node_modules'));
  return dir;
}

beforeAll(() => {
  if (!existsSync(relataBin)) throw new Error(`${relataBin} is missing: run npm run build first (npm test does)`);
});

/** What sequelize-cli generated, before the edits. */
let generated: { index: string; user: string; migrations: string[] };
/** How many files named the package `sequelize` and now name `relata`. */
let rewritten = 0;

/** Makes the project once: sequelize-cli on sequelize@6, then the user's edits. Each dialect block copies it. */
beforeAll(async () => {
  template = folder();
  writeFileSync(join(template, 'package.json'), JSON.stringify({ name: 'blog', private: true }));
  install(template, 'sequelize', sequelize6);
  cpSync(sequelizeCliPackage, join(template, 'node_modules/sequelize-cli'), { recursive: true, dereference: true });
  const init = await sequelizeCli(template, 'init');
  expect(init.code, init.stderr).toBe(0);
  for (const [name, attributes] of MODELS) {
    const result = await sequelizeCli(template, 'model:generate', '--name', name, '--attributes', attributes);
    expect(result.code, result.stderr).toBe(0);
  }
  generated = {
    index: readFileSync(join(template, 'models/index.js'), 'utf8'),
    user: readFileSync(join(template, 'models/user.js'), 'utf8'),
    migrations: readdirSync(join(template, 'migrations')).sort(),
  };
  // The seeds' associations go where the generated comment says.
  for (const [file, code] of Object.entries(ASSOCIATIONS)) {
    const path = join(template, 'models', `${file}.js`);
    writeFileSync(path, readFileSync(path, 'utf8').replace('// define association here', code));
  }
  // The seeds' junction migration, one second after the last generated one, so it runs after Users and Groups exist.
  const last = generated.migrations.map((f) => f.slice(0, 14)).sort().at(-1) ?? '';
  const stamp = new Date(Date.UTC(+last.slice(0, 4), +last.slice(4, 6) - 1, +last.slice(6, 8), +last.slice(8, 10), +last.slice(10, 12), +last.slice(12, 14) + 1));
  writeFileSync(join(template, 'migrations', `${stamp.toISOString().replace(/[-:T]/g, '').slice(0, 14)}-create-user-groups.js`), USER_GROUPS_MIGRATION);
  // The one edit a user makes to move to relata: the package name.
  for (const sub of ['models', 'migrations']) {
    for (const file of readdirSync(join(template, sub))) {
      const path = join(template, sub, file);
      const text = readFileSync(path, 'utf8');
      const next = text.replaceAll("require('sequelize')", "require('relata')");
      if (next !== text) rewritten++;
      writeFileSync(path, next);
    }
  }
}, 120_000);

describe('a sequelize-cli project made on Sequelize 6', () => {
  it('sequelize-cli init and model:generate write models/index.js, four models and four migrations', () => {
    expect(generated.migrations.map((f) => f.slice(15)).sort()).toEqual(['create-group.js', 'create-post.js', 'create-profile.js', 'create-user.js']);
    expect(generated.index).toContain("const Sequelize = require('sequelize');");
    expect(generated.index).toContain('new Sequelize(config.database, config.username, config.password, config)');
    expect(generated.index).toContain('require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes)');
    expect(generated.user).toContain('// define association here');
  });

  it('takes the seeds\' associations and junction migration, and then names relata instead of sequelize', () => {
    expect(readdirSync(join(template, 'models')).sort()).toEqual(['group.js', 'index.js', 'post.js', 'profile.js', 'user.js']);
    expect(readFileSync(join(template, 'models/user.js'), 'utf8')).toContain("User.hasMany(models.Post, { foreignKey: 'userId', as: 'posts' });");
    expect(readdirSync(join(template, 'migrations'))).toHaveLength(5);
    // models/index.js and the four models name the package; the migrations get it as a parameter.
    expect(rewritten).toBe(5);
    expect(readFileSync(join(template, 'models/index.js'), 'utf8')).toContain("const Sequelize = require('relata');");
  });
});

interface Config {
  readonly [key: string]: unknown;
}

/** config/config.json's environment for the block's database, in the form sequelize-cli's `init` writes. */
function configFor(dialect: TestDialect, url: string, dir: string): Config {
  if (dialect === 'sqlite') return { dialect: 'sqlite', storage: join(dir, 'database.sqlite'), logging: false };
  if (dialect === 'sqlite-file') return { dialect: 'sqlite', storage: url.slice('sqlite:'.length), logging: false };
  const parsed = new URL(url);
  const base = {
    username: decodeURIComponent(parsed.username),
    password: parsed.password === '' ? null : decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
    host: parsed.hostname,
    port: Number(parsed.port),
    dialect,
    logging: false,
  };
  const options = parsed.searchParams.get('options');
  return options === null ? base : { ...base, dialectOptions: { options } };
}

interface Loaded {
  readonly [name: string]: unknown;
}

describeEachDialect('the sequelize-cli project on relata', ({ dialect, url, connect }) => {
  let dir: string;
  let db: Relata;
  let app: Loaded | undefined;

  beforeAll(async () => {
    dir = folder();
    cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
    // relata replaces sequelize in package.json: both names resolve to this package, sequelize-cli loads it as `sequelize`.
    install(dir, 'sequelize', root);
    install(dir, 'relata', root);
    const config = configFor(dialect, url, dir);
    writeFileSync(join(dir, 'config/config.json'), JSON.stringify({ development: config, test: config }, null, 2));
    db = dialect === 'sqlite' || dialect === 'sqlite-file' ? new Relata(`sqlite:${String(config['storage'])}`, { logging: false }) : await connect();
  });

  afterAll(async () => {
    const sequelize = app?.['sequelize'] as { close(): Promise<void> } | undefined;
    await sequelize?.close();
    if (dialect === 'sqlite' || dialect === 'sqlite-file') await db.close();
  });

  const tables = () => catalog(dialect).tables(db);
  const ALL = ['Groups', 'Posts', 'Profiles', 'SequelizeMeta', 'UserGroups', 'Users'];

  it('relata db:migrate runs the generated migrations and the seeds\' junction migration', async () => {
    const result = await relataCli(dir, 'db:migrate');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n5 migrations applied in \d+\.\d{3}s\.\n$/);
    expect(await tables()).toEqual(ALL);
    expect(await catalog(dialect).columns(db, 'UserGroups')).toEqual(['id', 'userId', 'groupId', 'createdAt', 'updatedAt']);
    expect(await catalog(dialect).columns(db, 'Posts')).toEqual(['id', 'title', 'content', 'userId', 'createdAt', 'updatedAt']);
    const files = readdirSync(join(dir, 'migrations')).sort();
    expect(files.at(-1)).toMatch(/^\d{14}-create-user-groups\.js$/);
    expect((await tableRows(db, dialect, 'SequelizeMeta', ['name'])).map((r) => r['name'])).toEqual(files);
  });

  it('sequelize-cli, with relata as its sequelize, reads that history, undoes every migration and applies them again', async () => {
    const status = await sequelizeCli(dir, 'db:migrate:status');
    expect(status.code, status.stderr).toBe(0);
    // The banner names the ORM sequelize-cli loaded: relata's version, not sequelize's.
    expect(status.stdout).toMatch(new RegExp(`\\[Node: [\\d.]+, CLI: [\\d.]+, ORM: ${relataVersion.replaceAll('.', '\\.')}\\]`));
    expect(status.stdout.split('\n').filter((l) => /^(up|down) /.test(l))).toEqual(readdirSync(join(dir, 'migrations')).sort().map((f) => `up ${f}`));
    // undo reverts the last migration and forgets only that one (umzug 2 deletes its SequelizeMeta row).
    const files = readdirSync(join(dir, 'migrations')).sort();
    const one = await sequelizeCli(dir, 'db:migrate:undo');
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain(`== ${(files.at(-1) ?? '').replace(/\.js$/, '')}: reverted`);
    expect((await tableRows(db, dialect, 'SequelizeMeta', ['name'])).map((r) => r['name'])).toEqual(files.slice(0, -1));
    expect(await tables()).toEqual(ALL.filter((t) => t !== 'UserGroups'));
    const undo = await sequelizeCli(dir, 'db:migrate:undo:all');
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout.match(/: reverted \(/g)).toHaveLength(4);
    expect(await tables()).toEqual(['SequelizeMeta']);
    const migrate = await sequelizeCli(dir, 'db:migrate');
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout.match(/: migrated \(/g)).toHaveLength(5);
    expect(await tables()).toEqual(ALL);
    expect(await countRows(db, dialect, 'SequelizeMeta')).toBe(5);
  });

  it('the generated models/index.js loads on relata and its db object runs the seeds\' queries', async () => {
    app = createRequire(join(dir, 'models/index.js'))(join(dir, 'models/index.js')) as Loaded;
    expect(Object.keys(app).sort()).toEqual(['Group', 'Post', 'Profile', 'Sequelize', 'User', 'sequelize']);
    expect(app['Sequelize']).toBe(createRequire(join(dir, 'package.json'))('relata'));
    // The loaded project is plain JavaScript: this test drives it as the application would, untyped.
    const { User, Profile, Post, Group, Sequelize } = app as Record<string, any>;

    const ada = await User.create(
      { name: 'Ada', profile: { bio: 'Mathematician' }, posts: [{ title: 'Notes', content: 'On the engine' }, { title: 'Letters', content: 'To Babbage' }] },
      { include: [{ model: Profile, as: 'profile' }, { model: Post, as: 'posts' }] },
    );
    const alan = await User.create({ name: 'Alan' });
    const maths = await Group.create({ name: 'Mathematics' });
    const logic = await Group.create({ name: 'Logic' });
    await ada.addGroups([maths, logic]);
    await logic.addMember(alan);

    expect(await tableRows(db, dialect, 'Profiles', ['bio', 'userId'])).toEqual([{ bio: 'Mathematician', userId: ada.id }]);
    expect(await tableRows(db, dialect, 'Posts', ['title', 'userId'])).toEqual([{ title: 'Letters', userId: ada.id }, { title: 'Notes', userId: ada.id }]);
    expect(await tableRows(db, dialect, 'UserGroups', ['userId', 'groupId'])).toEqual(
      [{ userId: ada.id, groupId: maths.id }, { userId: ada.id, groupId: logic.id }, { userId: alan.id, groupId: logic.id }].sort((a, b) => a.userId - b.userId || a.groupId - b.groupId),
    );

    const loaded = await User.findByPk(ada.id, {
      include: [{ model: Profile, as: 'profile' }, { model: Post, as: 'posts' }, { model: Group, as: 'groups' }],
      order: [[{ model: Post, as: 'posts' }, 'title', 'ASC'], [{ model: Group, as: 'groups' }, 'name', 'ASC']],
    });
    expect(loaded.name).toBe('Ada');
    expect(loaded.profile.bio).toBe('Mathematician');
    expect(loaded.posts.map((p: { title: string }) => p.title)).toEqual(['Letters', 'Notes']);
    expect(loaded.groups.map((g: { name: string }) => g.name)).toEqual(['Logic', 'Mathematics']);
    expect(loaded.groups[0].UserGroups.userId).toBe(ada.id);
    expect(loaded.groups[0].UserGroups.groupId).toBe(logic.id);

    expect((await ada.getPosts({ order: [['title', 'DESC']] })).map((p: { title: string }) => p.title)).toEqual(['Notes', 'Letters']);
    expect(await ada.countPosts()).toBe(2);
    expect((await ada.getProfile()).bio).toBe('Mathematician');
    expect(await alan.hasGroup(maths)).toBe(false);
    expect(await alan.hasGroup(logic)).toBe(true);
    expect((await logic.getMembers({ order: [['name', 'ASC']] })).map((u: { name: string }) => u.name)).toEqual(['Ada', 'Alan']);
    const notes = await Post.findOne({ where: { title: 'Notes' }, include: [{ model: User, as: 'user' }] });
    expect(notes.user.name).toBe('Ada');
    expect((await (await Profile.findOne()).getUser()).name).toBe('Ada');
    const named = await User.findAll({ where: { name: { [Sequelize.Op.like]: 'A%' } }, include: 'posts', order: [['name', 'ASC']] });
    expect(named.map((u: { name: string; posts: unknown[] }) => [u.name, u.posts.length])).toEqual([['Ada', 2], ['Alan', 0]]);

    // The migration's ON DELETE CASCADE, not the model, removes Alan's junction row.
    await alan.destroy();
    expect(await tableRows(db, dialect, 'UserGroups', ['userId', 'groupId'])).toEqual(
      [{ userId: ada.id, groupId: maths.id }, { userId: ada.id, groupId: logic.id }].sort((a, b) => a.groupId - b.groupId),
    );
  });
});
