// The floor: the raw driver with hand-written SQL, in the fastest form for each driver. To-many
// relations load as the parent query plus one batched query per level, stitched in JS; to-one
// joins; G is the plain N+1 loop. The batched key list is `WHERE fk = ANY($1::int[])` with one
// array parameter on PostgreSQL, and `WHERE fk IN (?, …)` on SQLite (statements prepared once and
// reused) and MariaDB (mysql2's execute(), prepared statements).
import { createRequire } from 'node:module';
import { placeholder, quoter, tableColumns, timestampValue } from '../lib/db.mjs';

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
  // execute(): server-side prepared statements (mysql2 caches them per connection and SQL text) and
  // the binary row protocol. Measured against query() with one `?` per key and against query() with
  // `IN (?)` and the id array (both interpolated client-side), 7 interleaved rounds on the
  // timestamped data: execute() was faster on A (43 vs 81 and 58 ms), B, E (690 vs 804 and 844 ms)
  // and F, level on C and D, and within noise on G.
  return {
    all: async (sql, params) => (await pool.execute(sql, params))[0],
    run: async (sql, params) => (await pool.execute(sql, params))[0].affectedRows,
    close: () => pool.end(),
  };
}

export async function create(cfg) {
  const db = await driver(cfg);
  const q = quoter(cfg.dialect);
  const ph = placeholder(cfg.dialect);
  const pg = cfg.dialect === 'postgres';
  const list = (n, from = 0) => Array.from({ length: n }, (_, i) => ph(from + i)).join(', ');
  // `column = ANY($1::int[])` takes the whole key list as one parameter: one statement text for
  // any number of keys and no parameter limit. SQLite and MariaDB bind one parameter per key.
  const keyIn = (column) => (n) => (pg ? `${column} = ANY($1::int[])` : `${column} IN (${list(n)})`);
  const maxIn = pg ? Infinity : Math.min(cfg.paramLimit, 30_000);
  const columns = tableColumns(cfg);

  const T = {
    users: `SELECT * FROM ${q('Users')}`,
    usersFirst100: `SELECT * FROM ${q('Users')} ORDER BY ${q('id')} LIMIT 100`,
    postsOf: (n) => `SELECT * FROM ${q('Posts')} WHERE ${keyIn(q('userId'))(n)}`,
    commentsOf: (n) => `SELECT * FROM ${q('Comments')} WHERE ${keyIn(q('postId'))(n)}`,
    profilesOf: (n) => `SELECT * FROM ${q('Profiles')} WHERE ${keyIn(q('userId'))(n)}`,
    groupsOf: (n) =>
      `SELECT ug.${q('userId')} AS ${q('_userId')}, g.* FROM ${q('UserGroups')} ug JOIN ${q('Groups')} g ON g.${q('id')} = ug.${q('groupId')} WHERE ${keyIn(`ug.${q('userId')}`)(n)}`,
    postsOfOne: `SELECT * FROM ${q('Posts')} WHERE ${q('userId')} = ${ph(0)}`,
    userWithProfile:
      `SELECT u.*, ${columns.Profiles.map((c) => `p.${q(c)} AS ${q(`p_${c}`)}`).join(', ')} ` +
      `FROM ${q('Users')} u LEFT JOIN ${q('Profiles')} p ON p.${q('userId')} = u.${q('id')} WHERE u.${q('id')} = ${ph(0)}`,
  };

  // The batched key list: one array parameter on PostgreSQL, else chunked under the parameter limit.
  async function loadIn(sqlFor, ids) {
    if (ids.length === 0) return [];
    if (pg) return db.all(sqlFor(), [ids]);
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

  const insertCols = columns.Posts.filter((c) => c !== 'id');
  const perInsert = Math.floor(Math.min(cfg.paramLimit, 65_535) / insertCols.length);
  const insertSql = (n) =>
    `INSERT INTO ${q('Posts')} (${insertCols.map(q).join(', ')}) VALUES ` +
    Array.from({ length: n }, (_, r) => `(${insertCols.map((_, c) => ph(r * insertCols.length + c)).join(', ')})`).join(', ');

  // E's joined row split into the user and its profile, written out per shape as hand-written code would.
  const profileOf = cfg.timestamps
    ? (r) => ({ id: r.p_id, bio: r.p_bio, userId: r.p_userId, createdAt: r.p_createdAt, updatedAt: r.p_updatedAt })
    : (r) => ({ id: r.p_id, bio: r.p_bio, userId: r.p_userId });
  const userOf = cfg.timestamps
    ? (r, profile) => ({ id: r.id, name: r.name, createdAt: r.createdAt, updatedAt: r.updatedAt, profile })
    : (r, profile) => ({ id: r.id, name: r.name, profile });

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
          out.push(userOf(row, row.p_id === null ? null : profileOf(row)));
        }
        return out;
      },
      F: async (rows) => {
        const now = timestampValue(cfg.dialect, new Date());
        let inserted = 0;
        for (let start = 0; start < rows.length; start += perInsert) {
          const chunk = rows.slice(start, start + perInsert);
          const params = [];
          for (const r of chunk) {
            params.push(r.title, r.body, r.userId);
            if (cfg.timestamps) params.push(now, now);
          }
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
