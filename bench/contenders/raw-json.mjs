// The other raw strategy, for the include planner to choose from: the raw driver with one
// hand-written query per op, to-many relations aggregated to JSON in correlated subqueries and
// to-one relations joined. Only the eager-loading ops (A–D); the rest are `n/a`.
import { createRequire } from 'node:module';
import { quoter, tableColumns } from '../lib/db.mjs';

const require = createRequire(import.meta.url);

export const name = 'raw-json';

async function driver(cfg) {
  if (cfg.dialect === 'sqlite') {
    const Database = require('better-sqlite3');
    const db = new Database(cfg.file);
    db.pragma('foreign_keys = ON');
    const statements = new Map();
    const prepare = (sql) => {
      let stmt = statements.get(sql);
      if (stmt === undefined) statements.set(sql, (stmt = db.prepare(sql)));
      return stmt;
    };
    return { all: async (sql) => prepare(sql).all(), close: async () => db.close() };
  }
  if (cfg.dialect === 'postgres') {
    const pg = require('pg');
    const pool = new pg.Pool({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, options: cfg.pgOptions, max: 5 });
    return { all: async (sql) => (await pool.query(sql)).rows, close: () => pool.end() };
  }
  const mysql = require('mysql2/promise');
  const pool = mysql.createPool({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, connectionLimit: 5 });
  return { all: async (sql) => (await pool.query(sql))[0], close: () => pool.end() };
}

export async function create(cfg) {
  const db = await driver(cfg);
  const q = quoter(cfg.dialect);
  const d = cfg.dialect;
  const COLS = tableColumns(cfg);
  // A JSON object of the listed columns, plus extra [key, sqlExpression] pairs.
  const obj = (alias, table, extra = []) => {
    const pairs = [...COLS[table].map((c) => [c, `${alias}.${q(c)}`]), ...extra];
    const fn = d === 'postgres' ? 'json_build_object' : 'json_object';
    return `${fn}(${pairs.map(([k, v]) => `'${k}', ${v}`).join(', ')})`;
  };
  const agg = (expr) => (d === 'sqlite' ? `json_group_array(${expr})` : d === 'postgres' ? `coalesce(json_agg(${expr}), '[]'::json)` : `json_arrayagg(${expr})`);
  // A nested aggregate must stay JSON when it is embedded in the parent's object.
  const nested = (subquery) => (d === 'sqlite' ? `json((${subquery}))` : d === 'postgres' ? `(${subquery})` : `json_extract(coalesce((${subquery}), '[]'), '$')`);
  const postsOf = (u, extra) => `SELECT ${agg(obj('p', 'Posts', extra))} FROM ${q('Posts')} p WHERE p.${q('userId')} = ${u}.${q('id')}`;
  const groupsOf = (u) =>
    `SELECT ${agg(obj('g', 'Groups'))} FROM ${q('UserGroups')} ug JOIN ${q('Groups')} g ON g.${q('id')} = ug.${q('groupId')} WHERE ug.${q('userId')} = ${u}.${q('id')}`;
  const commentsOf = (p) => `SELECT ${agg(obj('c', 'Comments'))} FROM ${q('Comments')} c WHERE c.${q('postId')} = ${p}.${q('id')}`;
  const users = `${q('Users')} u`;
  const profileCols = COLS.Profiles.map((c) => `pr.${q(c)} AS ${q(`pr_${c}`)}`).join(', ');

  const SQL = {
    A: `SELECT u.*, (${postsOf('u')}) AS ${q('posts')} FROM ${users}`,
    B: `SELECT u.*, (${groupsOf('u')}) AS ${q('groups')} FROM ${users}`,
    C: `SELECT u.*, ${profileCols}, (${postsOf('u')}) AS ${q('posts')}, (${groupsOf('u')}) AS ${q('groups')} FROM ${users} LEFT JOIN ${q('Profiles')} pr ON pr.${q('userId')} = u.${q('id')}`,
    D: `SELECT u.*, (${postsOf('u', [['comments', nested(commentsOf('p'))]])}) AS ${q('posts')} FROM ${users} ORDER BY u.${q('id')} LIMIT 100`,
  };
  // pg parses json columns itself; SQLite and MariaDB return text.
  const parse = (v) => (v === null || v === undefined ? [] : typeof v === 'string' ? JSON.parse(v) : v);
  const parseAll = (rows, keys) => {
    for (const row of rows) for (const k of keys) row[k] = parse(row[k]);
    return rows;
  };

  const profileKeys = COLS.Profiles.map((c) => `pr_${c}`);
  const profileOf = cfg.timestamps
    ? (r) => ({ id: r.pr_id, bio: r.pr_bio, userId: r.pr_userId, createdAt: r.pr_createdAt, updatedAt: r.pr_updatedAt })
    : (r) => ({ id: r.pr_id, bio: r.pr_bio, userId: r.pr_userId });

  return {
    ops: {
      A: async () => parseAll(await db.all(SQL.A), ['posts']),
      B: async () => parseAll(await db.all(SQL.B), ['groups']),
      C: async () => {
        const rows = parseAll(await db.all(SQL.C), ['posts', 'groups']);
        for (const r of rows) {
          r.profile = r.pr_id === null ? null : profileOf(r);
          for (const k of profileKeys) delete r[k];
        }
        return rows;
      },
      D: async () => parseAll(await db.all(SQL.D), ['posts']),
    },
    close: () => db.close(),
  };
}
