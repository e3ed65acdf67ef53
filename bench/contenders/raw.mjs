// The floor: the raw driver with hand-written SQL. To-many relations load as the parent query plus
// one `WHERE fk IN (…)` query per level, stitched in JS; to-one joins; G is the plain N+1 loop.
import { createRequire } from 'node:module';
import { placeholder, quoter, timestampValue } from '../lib/db.mjs';

const require = createRequire(import.meta.url);

export const name = 'raw';

async function driver(cfg) {
  if (cfg.dialect === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(cfg.file);
    db.pragma('foreign_keys = ON');
    // Hand-written better-sqlite3 code prepares a statement once and reuses it.
    const statements = new Map();
    const prepare = (sql) => {
      let stmt = statements.get(sql);
      if (stmt === undefined) statements.set(sql, (stmt = db.prepare(sql)));
      return stmt;
    };
    return {
      all: async (sql, params) => prepare(sql).all(params),
      run: async (sql, params) => prepare(sql).run(params).changes,
      close: async () => db.close(),
    };
  }
  if (cfg.dialect === 'postgres') {
    const pg = require('pg');
    const pool = new pg.Pool({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, options: cfg.pgOptions, max: 5 });
    return {
      all: async (sql, params) => (await pool.query(sql, params)).rows,
      run: async (sql, params) => (await pool.query(sql, params)).rowCount,
      close: () => pool.end(),
    };
  }
  const mysql = require('mysql2/promise');
  const pool = mysql.createPool({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, connectionLimit: 5 });
  return {
    all: async (sql, params) => (await pool.query(sql, params))[0],
    run: async (sql, params) => (await pool.query(sql, params))[0].affectedRows,
    close: () => pool.end(),
  };
}

export async function create(cfg) {
  const db = await driver(cfg);
  const q = quoter(cfg.dialect);
  const ph = placeholder(cfg.dialect);
  const list = (n, from = 0) => Array.from({ length: n }, (_, i) => ph(from + i)).join(', ');
  const maxIn = Math.min(cfg.paramLimit, 30_000);

  const T = {
    users: `SELECT * FROM ${q('Users')}`,
    usersFirst100: `SELECT * FROM ${q('Users')} ORDER BY ${q('id')} LIMIT 100`,
    postsOf: (n) => `SELECT * FROM ${q('Posts')} WHERE ${q('userId')} IN (${list(n)})`,
    commentsOf: (n) => `SELECT * FROM ${q('Comments')} WHERE ${q('postId')} IN (${list(n)})`,
    profilesOf: (n) => `SELECT * FROM ${q('Profiles')} WHERE ${q('userId')} IN (${list(n)})`,
    groupsOf: (n) =>
      `SELECT ug.${q('userId')} AS ${q('_userId')}, g.* FROM ${q('UserGroups')} ug JOIN ${q('Groups')} g ON g.${q('id')} = ug.${q('groupId')} WHERE ug.${q('userId')} IN (${list(n)})`,
    postsOfOne: `SELECT * FROM ${q('Posts')} WHERE ${q('userId')} = ${ph(0)}`,
    userWithProfile:
      `SELECT u.*, p.${q('id')} AS ${q('p_id')}, p.${q('bio')} AS ${q('p_bio')}, p.${q('userId')} AS ${q('p_userId')}, ` +
      `p.${q('createdAt')} AS ${q('p_createdAt')}, p.${q('updatedAt')} AS ${q('p_updatedAt')} ` +
      `FROM ${q('Users')} u LEFT JOIN ${q('Profiles')} p ON p.${q('userId')} = u.${q('id')} WHERE u.${q('id')} = ${ph(0)}`,
  };

  // WHERE fk IN (…) chunked under the parameter limit.
  async function loadIn(sqlFor, ids) {
    if (ids.length === 0) return [];
    if (ids.length <= maxIn) return db.all(sqlFor(ids.length), ids);
    const out = [];
    for (let i = 0; i < ids.length; i += maxIn) {
      const chunk = ids.slice(i, i + maxIn);
      for (const row of await db.all(sqlFor(chunk.length), chunk)) out.push(row);
    }
    return out;
  }

  async function attachMany(parents, key, sqlFor, fk) {
    const byId = new Map();
    for (const p of parents) byId.set(p.id, (p[key] = []));
    for (const row of await loadIn(sqlFor, [...byId.keys()])) byId.get(row[fk]).push(row);
    return parents;
  }

  async function attachPosts(users) {
    return attachMany(users, 'posts', T.postsOf, 'userId');
  }

  async function attachGroups(users) {
    const byId = new Map();
    for (const u of users) byId.set(u.id, (u.groups = []));
    for (const row of await loadIn(T.groupsOf, [...byId.keys()])) {
      const userId = row._userId;
      delete row._userId;
      byId.get(userId).push(row);
    }
    return users;
  }

  async function attachProfile(users) {
    const byId = new Map();
    for (const u of users) {
      u.profile = null;
      byId.set(u.id, u);
    }
    for (const row of await loadIn(T.profilesOf, [...byId.keys()])) byId.get(row.userId).profile = row;
    return users;
  }

  const insertCols = ['title', 'body', 'userId', 'createdAt', 'updatedAt'];
  const perInsert = Math.floor(Math.min(cfg.paramLimit, 65_535) / insertCols.length);
  const insertSql = (n) =>
    `INSERT INTO ${q('Posts')} (${insertCols.map(q).join(', ')}) VALUES ` +
    Array.from({ length: n }, (_, r) => `(${insertCols.map((_, c) => ph(r * insertCols.length + c)).join(', ')})`).join(', ');

  return {
    ops: {
      A: async () => attachPosts(await db.all(T.users, [])),
      B: async () => attachGroups(await db.all(T.users, [])),
      C: async () => {
        const users = await db.all(T.users, []);
        await attachProfile(users);
        await attachPosts(users);
        await attachGroups(users);
        return users;
      },
      D: async () => {
        const users = await db.all(T.usersFirst100, []);
        await attachPosts(users);
        await attachMany(users.flatMap((u) => u.posts), 'comments', T.commentsOf, 'postId');
        return users;
      },
      E: async (ids) => {
        const out = [];
        for (const id of ids) {
          const [row] = await db.all(T.userWithProfile, [id]);
          const profile = row.p_id === null ? null : { id: row.p_id, bio: row.p_bio, userId: row.p_userId, createdAt: row.p_createdAt, updatedAt: row.p_updatedAt };
          out.push({ id: row.id, name: row.name, createdAt: row.createdAt, updatedAt: row.updatedAt, profile });
        }
        return out;
      },
      F: async (rows) => {
        const now = timestampValue(cfg.dialect, new Date());
        let inserted = 0;
        for (let start = 0; start < rows.length; start += perInsert) {
          const chunk = rows.slice(start, start + perInsert);
          const params = [];
          for (const r of chunk) params.push(r.title, r.body, r.userId, now, now);
          inserted += await db.run(insertSql(chunk.length), params);
        }
        return inserted;
      },
      G: async () => {
        const users = await db.all(T.usersFirst100, []);
        for (const u of users) u.posts = await db.all(T.postsOfOne, [u.id]);
        return users;
      },
    },
    close: () => db.close(),
  };
}
