// kysely 0.28 with its JSON helpers (jsonArrayFrom / jsonObjectFrom): one query per op, relations
// aggregated to JSON inside it; G is the per-user query loop.
import { createRequire } from 'node:module';
import { Kysely, MysqlDialect, ParseJSONResultsPlugin, PostgresDialect, SqliteDialect } from 'kysely';
import * as mysqlHelpers from 'kysely/helpers/mysql';
import * as postgresHelpers from 'kysely/helpers/postgres';
import * as sqliteHelpers from 'kysely/helpers/sqlite';
import { tableColumns, timestampValue } from '../lib/db.mjs';

const require = createRequire(import.meta.url);

export const name = 'kysely';

function connect(cfg) {
  if (cfg.dialect === 'sqlite') {
    const Database = require('better-sqlite3');
    const database = new Database(cfg.file);
    database.pragma('foreign_keys = ON');
    // SQLite returns the aggregates as JSON text.
    return { db: new Kysely({ dialect: new SqliteDialect({ database }), plugins: [new ParseJSONResultsPlugin()] }), helpers: sqliteHelpers };
  }
  if (cfg.dialect === 'postgres') {
    const pg = require('pg');
    const pool = new pg.Pool({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, options: cfg.pgOptions, max: 5 });
    return { db: new Kysely({ dialect: new PostgresDialect({ pool }) }), helpers: postgresHelpers };
  }
  const mysql = require('mysql2');
  const pool = mysql.createPool({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, connectionLimit: 5 });
  // MariaDB's JSON is LONGTEXT, so the aggregates come back as text too.
  return { db: new Kysely({ dialect: new MysqlDialect({ pool }), plugins: [new ParseJSONResultsPlugin()] }), helpers: mysqlHelpers };
}

const cols = (alias, names) => names.map((n) => `${alias}.${n}`);

export async function create(cfg) {
  const { db, helpers } = connect(cfg);
  const { jsonArrayFrom, jsonObjectFrom } = helpers;
  const { Users: USER, Profiles: PROFILE, Posts: POST, Comments: COMMENT, Groups: GROUP } = tableColumns(cfg);
  const posts = (eb) => jsonArrayFrom(eb.selectFrom('Posts as p').select(cols('p', POST)).whereRef('p.userId', '=', 'u.id')).as('posts');
  const profile = (eb) => jsonObjectFrom(eb.selectFrom('Profiles as pr').select(cols('pr', PROFILE)).whereRef('pr.userId', '=', 'u.id')).as('profile');
  const groups = (eb) =>
    jsonArrayFrom(eb.selectFrom('UserGroups as ug').innerJoin('Groups as g', 'g.id', 'ug.groupId').select(cols('g', GROUP)).whereRef('ug.userId', '=', 'u.id')).as('groups');
  const users = () => db.selectFrom('Users as u').select(cols('u', USER));
  const perInsert = Math.floor(Math.min(cfg.paramLimit, 65_535) / (cfg.timestamps ? 5 : 3));

  // kysely/helpers/mysql emits CAST(… AS JSON), which MariaDB does not have, and jsonObjectFrom
  // wraps the subquery in a derived table that refers to the outer query, which MariaDB rejects.
  const castJson = 'kysely/helpers/mysql emits CAST(… AS JSON), which MariaDB does not support';
  const unsupported =
    cfg.dialect === 'mariadb'
      ? { A: castJson, B: castJson, C: castJson, D: castJson, E: 'jsonObjectFrom uses a derived table that refers to the outer query, which MariaDB rejects' }
      : {};

  return {
    unsupported,
    ops: {
      A: () => users().select((eb) => [posts(eb)]).execute(),
      B: () => users().select((eb) => [groups(eb)]).execute(),
      C: () => users().select((eb) => [profile(eb), posts(eb), groups(eb)]).execute(),
      D: () =>
        users()
          .select((eb) => [
            jsonArrayFrom(
              eb
                .selectFrom('Posts as p')
                .select(cols('p', POST))
                .select((eb2) => [jsonArrayFrom(eb2.selectFrom('Comments as c').select(cols('c', COMMENT)).whereRef('c.postId', '=', 'p.id')).as('comments')])
                .whereRef('p.userId', '=', 'u.id'),
            ).as('posts'),
          ])
          .orderBy('u.id')
          .limit(100)
          .execute(),
      E: async (ids) => {
        const out = [];
        for (const id of ids) out.push(await users().select((eb) => [profile(eb)]).where('u.id', '=', id).executeTakeFirst());
        return out;
      },
      F: async (rows) => {
        const now = timestampValue(cfg.dialect, new Date());
        const values = cfg.timestamps ? rows.map((r) => ({ ...r, createdAt: now, updatedAt: now })) : rows;
        let inserted = 0;
        for (let start = 0; start < values.length; start += perInsert) {
          const chunk = values.slice(start, start + perInsert);
          await db.insertInto('Posts').values(chunk).execute();
          inserted += chunk.length;
        }
        return inserted;
      },
      G: async () => {
        const list = await db.selectFrom('Users').selectAll().orderBy('id').limit(100).execute();
        for (const u of list) u.posts = await db.selectFrom('Posts').selectAll().where('userId', '=', u.id).execute();
        return list;
      },
    },
    close: () => db.destroy(),
  };
}
