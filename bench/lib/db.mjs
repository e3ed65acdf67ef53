// Connection settings per dialect, the shared schema (created once with raw SQL), the seed, and a
// small admin connection the harness uses for checks and clean-up outside the timed code.
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, seededPosts, SHAPES } from './dataset.mjs';

const require = createRequire(import.meta.url);

export const DIALECTS = ['sqlite', 'postgres', 'mariadb'];

const PG_URL = process.env.RELATA_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.RELATA_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
/** The PostgreSQL schema, MariaDB database and SQLite file name; set it to run two benches side by side. */
const NAME = process.env.RELATA_BENCH_NAME ?? 'bench';
if (!/^[a-z][a-z0-9_]*$/.test(NAME)) throw new Error(`RELATA_BENCH_NAME must be a lower-case identifier, got ${NAME}`);

/**
 * Everything a contender needs to reach the benchmark database of one dialect and one row shape.
 * Both shapes use the same table names; the lean one lives in its own file (SQLite), schema
 * (PostgreSQL) or database (MariaDB), so a contender only has to leave out the timestamp columns.
 * `cfg.timestamps` says whether the tables have `createdAt`/`updatedAt`.
 */
export function dialectConfig(dialect, { shape = 'timestamped', scale = 1 } = {}) {
  if (!SHAPES.includes(shape)) throw new Error(`unknown shape ${shape} (expected one of ${SHAPES.join(', ')})`);
  const common = { shape, scale, timestamps: shape === 'timestamped' };
  const name = shape === 'lean' ? `${NAME}_lean` : NAME;
  switch (dialect) {
    case 'sqlite': {
      const dir = join(tmpdir(), 'relata-bench');
      return { dialect, ...common, file: join(dir, `${name}.sqlite`), dir, paramLimit: 32766 };
    }
    case 'postgres': {
      const url = new URL(PG_URL);
      return {
        dialect,
        ...common,
        url: PG_URL,
        schema: name,
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username || 'postgres'),
        password: url.password ? decodeURIComponent(url.password) : undefined,
        database: decodeURIComponent(url.pathname.replace(/^\//, '') || 'postgres'),
        // Every contender's pool selects the bench schema this way, so the SQL stays unqualified.
        pgOptions: `-c search_path=${name}`,
        paramLimit: 65535,
      };
    }
    case 'mariadb': {
      const url = new URL(MYSQL_URL);
      return {
        dialect,
        ...common,
        host: url.hostname,
        port: Number(url.port || 3306),
        user: decodeURIComponent(url.username || 'root'),
        password: url.password ? decodeURIComponent(url.password) : undefined,
        database: name,
        paramLimit: 65535,
      };
    }
    default:
      throw new Error(`unknown dialect ${dialect} (expected one of ${DIALECTS.join(', ')})`);
  }
}

/** Whether the server of a dialect answers on its TCP port (SQLite always does). */
export function reachable(cfg) {
  if (cfg.dialect === 'sqlite') return Promise.resolve({ ok: true });
  return new Promise((resolve) => {
    const socket = connect(cfg.port, cfg.host);
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(2000, () => done({ ok: false, reason: 'timeout' }));
    socket.on('connect', () => done({ ok: true }));
    socket.on('error', (e) => done({ ok: false, reason: e.code ?? e.message }));
  });
}

/** Quotes an identifier for the dialect. */
export function quoter(dialect) {
  return dialect === 'mariadb' ? (name) => `\`${name}\`` : (name) => `"${name}"`;
}

/** Bound-parameter placeholder for the i-th (0-based) value. */
export function placeholder(dialect) {
  return dialect === 'postgres' ? (i) => `$${i + 1}` : () => '?';
}

/**
 * A timestamp value the dialect's column accepts as a bound parameter, in the form the ORMs
 * themselves write: Sequelize's text format on SQLite, a Date on the servers.
 */
export function timestampValue(dialect, date) {
  if (dialect !== 'sqlite') return date;
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} +00:00`;
}

const LEAN_COLUMNS = {
  Users: ['id', 'name'],
  Profiles: ['id', 'bio', 'userId'],
  Posts: ['id', 'title', 'body', 'userId'],
  Comments: ['id', 'body', 'postId'],
  Groups: ['id', 'name'],
  UserGroups: ['userId', 'groupId'],
};

/** The columns of every table in the shape of `cfg`: the lean ones, plus `createdAt`/`updatedAt` when timestamped. */
export function tableColumns(cfg) {
  const stamps = cfg.timestamps ? ['createdAt', 'updatedAt'] : [];
  return Object.fromEntries(Object.entries(LEAN_COLUMNS).map(([table, columns]) => [table, [...columns, ...stamps]]));
}

function ddl(dialect, timestamps) {
  const q = quoter(dialect);
  const t = {
    sqlite: { pk: 'INTEGER PRIMARY KEY AUTOINCREMENT', int: 'INTEGER', ts: 'DATETIME', str: 'VARCHAR(255)', text: 'TEXT', tail: '' },
    postgres: { pk: 'SERIAL PRIMARY KEY', int: 'INTEGER', ts: 'TIMESTAMP WITH TIME ZONE', str: 'VARCHAR(255)', text: 'TEXT', tail: '' },
    mariadb: { pk: 'INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY', int: 'INTEGER', ts: 'DATETIME(3)', str: 'VARCHAR(255)', text: 'TEXT', tail: ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4' },
  }[dialect];
  const stamps = timestamps ? `, ${q('createdAt')} ${t.ts} NOT NULL, ${q('updatedAt')} ${t.ts} NOT NULL` : '';
  const fk = (col, table, nullable = true) => `${q(col)} ${t.int}${nullable ? '' : ' NOT NULL'} REFERENCES ${q(table)} (${q('id')}) ON DELETE CASCADE ON UPDATE CASCADE`;
  // MariaDB ignores inline REFERENCES; it needs table-level FOREIGN KEY clauses.
  const fkCol = (col, table, nullable = true) =>
    dialect === 'mariadb' ? `${q(col)} ${t.int}${nullable ? '' : ' NOT NULL'}` : fk(col, table, nullable);
  const fkTail = (pairs) =>
    dialect === 'mariadb' ? pairs.map(([col, table]) => `, FOREIGN KEY (${q(col)}) REFERENCES ${q(table)} (${q('id')}) ON DELETE CASCADE ON UPDATE CASCADE`).join('') : '';
  return [
    `CREATE TABLE ${q('Users')} (${q('id')} ${t.pk}, ${q('name')} ${t.str} NOT NULL${stamps})${t.tail}`,
    `CREATE TABLE ${q('Profiles')} (${q('id')} ${t.pk}, ${q('bio')} ${t.text}, ${fkCol('userId', 'Users')}${stamps}${fkTail([['userId', 'Users']])})${t.tail}`,
    `CREATE TABLE ${q('Posts')} (${q('id')} ${t.pk}, ${q('title')} ${t.str}, ${q('body')} ${t.text}, ${fkCol('userId', 'Users')}${stamps}${fkTail([['userId', 'Users']])})${t.tail}`,
    `CREATE TABLE ${q('Comments')} (${q('id')} ${t.pk}, ${q('body')} ${t.text}, ${fkCol('postId', 'Posts')}${stamps}${fkTail([['postId', 'Posts']])})${t.tail}`,
    `CREATE TABLE ${q('Groups')} (${q('id')} ${t.pk}, ${q('name')} ${t.str}${stamps})${t.tail}`,
    `CREATE TABLE ${q('UserGroups')} (${fkCol('userId', 'Users', false)}, ${fkCol('groupId', 'Groups', false)}${stamps}, PRIMARY KEY (${q('userId')}, ${q('groupId')})${fkTail([['userId', 'Users'], ['groupId', 'Groups']])})${t.tail}`,
    `CREATE INDEX ${q('profiles_user_id')} ON ${q('Profiles')} (${q('userId')})`,
    `CREATE INDEX ${q('posts_user_id')} ON ${q('Posts')} (${q('userId')})`,
    `CREATE INDEX ${q('comments_post_id')} ON ${q('Comments')} (${q('postId')})`,
    `CREATE INDEX ${q('user_groups_group_id')} ON ${q('UserGroups')} (${q('groupId')})`,
  ];
}

/**
 * A minimal connection for the harness (not a contender): `query(sql, params)` → rows.
 * Used to create and seed the schema, count rows after op F and delete them again.
 */
export async function openAdmin(cfg) {
  if (cfg.dialect === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(cfg.file);
    return {
      query: async (sql, params = []) => {
        const stmt = db.prepare(sql);
        return stmt.reader ? stmt.all(params) : (stmt.run(params), []);
      },
      exec: async (sql) => db.exec(sql),
      close: async () => db.close(),
    };
  }
  if (cfg.dialect === 'postgres') {
    const pg = require('pg');
    const client = new pg.Client({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, options: cfg.pgOptions });
    await client.connect();
    return {
      query: async (sql, params = []) => (await client.query(sql, params)).rows,
      exec: async (sql) => void (await client.query(sql)),
      close: () => client.end(),
    };
  }
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database });
  return {
    query: async (sql, params = []) => {
      const [rows] = await conn.query(sql, params);
      return Array.isArray(rows) ? rows : [];
    },
    exec: async (sql) => void (await conn.query(sql)),
    close: () => conn.end(),
  };
}

/** Drops and recreates the benchmark schema, then seeds the dataset. Returns row counts. */
export async function createAndSeed(cfg) {
  if (cfg.dialect === 'sqlite') {
    mkdirSync(cfg.dir, { recursive: true });
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(cfg.file + suffix, { force: true });
  } else if (cfg.dialect === 'postgres') {
    const pg = require('pg');
    const client = new pg.Client({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${cfg.schema}" CASCADE`);
    await client.query(`CREATE SCHEMA "${cfg.schema}"`);
    await client.end();
  } else {
    const mysql = require('mysql2/promise');
    const conn = await mysql.createConnection({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password });
    await conn.query(`DROP DATABASE IF EXISTS \`${cfg.database}\``);
    await conn.query(`CREATE DATABASE \`${cfg.database}\` CHARACTER SET utf8mb4`);
    await conn.end();
  }
  const admin = await openAdmin(cfg);
  try {
    // WAL persists in the file, so every contender's connection uses it.
    if (cfg.dialect === 'sqlite') await admin.exec('PRAGMA journal_mode = WAL');
    for (const statement of ddl(cfg.dialect, cfg.timestamps)) await admin.exec(statement);
    const data = generateDataset(cfg.scale);
    const q = quoter(cfg.dialect);
    const ph = placeholder(cfg.dialect);
    if (cfg.dialect === 'sqlite') await admin.exec('BEGIN');
    for (const [table, columns] of Object.entries(tableColumns(cfg))) {
      const rows = data[table];
      const perStatement = Math.floor(Math.min(cfg.paramLimit, 30_000) / columns.length);
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const params = [];
        const tuples = chunk.map((row) => `(${columns.map((c) => {
          const v = row[c];
          params.push(v instanceof Date ? timestampValue(cfg.dialect, v) : v);
          return ph(params.length - 1);
        }).join(', ')})`);
        await admin.query(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${tuples.join(', ')}`, params);
      }
    }
    if (cfg.dialect === 'sqlite') await admin.exec('COMMIT');
    if (cfg.dialect === 'postgres') {
      for (const table of ['Users', 'Profiles', 'Posts', 'Comments', 'Groups']) {
        await admin.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max("id") FROM "${table}"))`);
      }
    }
    if (cfg.dialect === 'postgres') await admin.exec('VACUUM ANALYZE');
    else if (cfg.dialect === 'sqlite') await admin.exec('ANALYZE');
    else for (const table of Object.keys(LEAN_COLUMNS)) await admin.query(`ANALYZE TABLE ${q(table)}`);
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.length]));
  } finally {
    await admin.close();
  }
}

/** Rows op F inserted (ids above the seeded ones). */
export async function countBulkPosts(admin, cfg) {
  const q = quoter(cfg.dialect);
  const [row] = await admin.query(`SELECT COUNT(*) AS n FROM ${q('Posts')} WHERE ${q('id')} > ${seededPosts(cfg.scale)}`);
  return Number(row.n);
}

/** Deletes what op F inserted, so every round starts from the seeded data. */
export async function deleteBulkPosts(admin, cfg) {
  const q = quoter(cfg.dialect);
  await admin.query(`DELETE FROM ${q('Posts')} WHERE ${q('id')} > ${seededPosts(cfg.scale)}`);
  if (cfg.dialect === 'postgres') await admin.exec('VACUUM "Posts"');
}
