// drizzle-orm relational queries (`db.query.users.findMany({ with })`), on the same raw drivers.
import { createRequire } from 'node:module';
import { asc, eq, relations } from 'drizzle-orm';
import * as my from 'drizzle-orm/mysql-core';
import * as pgc from 'drizzle-orm/pg-core';
import * as lite from 'drizzle-orm/sqlite-core';
import { timestampValue } from '../lib/db.mjs';

const require = createRequire(import.meta.url);

export const name = 'drizzle';

function tables(dialect, timestamps) {
  let table, id, int, str, text, ts;
  if (dialect === 'sqlite') {
    table = lite.sqliteTable;
    id = () => lite.integer('id').primaryKey({ autoIncrement: true });
    int = (n) => lite.integer(n);
    str = (n) => lite.text(n);
    text = (n) => lite.text(n);
    // Stored as text in Sequelize's format; drizzle has no text→Date mode on SQLite.
    ts = (n) => lite.text(n).notNull();
  } else if (dialect === 'postgres') {
    table = pgc.pgTable;
    id = () => pgc.serial('id').primaryKey();
    int = (n) => pgc.integer(n);
    str = (n) => pgc.varchar(n, { length: 255 });
    text = (n) => pgc.text(n);
    ts = (n) => pgc.timestamp(n, { withTimezone: true, mode: 'date' }).notNull();
  } else {
    table = my.mysqlTable;
    id = () => my.int('id').primaryKey().autoincrement();
    int = (n) => my.int(n);
    str = (n) => my.varchar(n, { length: 255 });
    text = (n) => my.text(n);
    ts = (n) => my.datetime(n, { mode: 'date', fsp: 3 }).notNull();
  }
  const stamps = () => (timestamps ? { createdAt: ts('createdAt'), updatedAt: ts('updatedAt') } : {});
  const users = table('Users', { id: id(), name: str('name').notNull(), ...stamps() });
  const profiles = table('Profiles', { id: id(), bio: text('bio'), userId: int('userId'), ...stamps() });
  const posts = table('Posts', { id: id(), title: str('title'), body: text('body'), userId: int('userId'), ...stamps() });
  const comments = table('Comments', { id: id(), body: text('body'), postId: int('postId'), ...stamps() });
  const groups = table('Groups', { id: id(), name: str('name'), ...stamps() });
  const userGroups = table('UserGroups', { userId: int('userId').notNull(), groupId: int('groupId').notNull(), ...stamps() });

  const usersRelations = relations(users, ({ one, many }) => ({ profile: one(profiles), posts: many(posts), userGroups: many(userGroups) }));
  const profilesRelations = relations(profiles, ({ one }) => ({ user: one(users, { fields: [profiles.userId], references: [users.id] }) }));
  const postsRelations = relations(posts, ({ one, many }) => ({ user: one(users, { fields: [posts.userId], references: [users.id] }), comments: many(comments) }));
  const commentsRelations = relations(comments, ({ one }) => ({ post: one(posts, { fields: [comments.postId], references: [posts.id] }) }));
  const groupsRelations = relations(groups, ({ many }) => ({ userGroups: many(userGroups) }));
  const userGroupsRelations = relations(userGroups, ({ one }) => ({
    user: one(users, { fields: [userGroups.userId], references: [users.id] }),
    group: one(groups, { fields: [userGroups.groupId], references: [groups.id] }),
  }));
  return {
    users, profiles, posts, comments, groups, userGroups,
    usersRelations, profilesRelations, postsRelations, commentsRelations, groupsRelations, userGroupsRelations,
  };
}

async function connect(cfg, schema) {
  if (cfg.dialect === 'sqlite') {
    const Database = require('better-sqlite3');
    const { drizzle } = await import('drizzle-orm/better-sqlite3');
    const client = new Database(cfg.file);
    client.pragma('foreign_keys = ON');
    return { db: drizzle({ client, schema }), close: async () => client.close() };
  }
  if (cfg.dialect === 'postgres') {
    const pg = require('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const client = new pg.Pool({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, options: cfg.pgOptions, max: 5 });
    return { db: drizzle({ client, schema }), close: () => client.end() };
  }
  const mysql = require('mysql2/promise');
  const { drizzle } = await import('drizzle-orm/mysql2');
  const client = mysql.createPool({ host: cfg.host, port: cfg.port, user: cfg.user, password: cfg.password, database: cfg.database, connectionLimit: 5 });
  // MariaDB has no LATERAL joins, which drizzle's "default" mysql mode needs.
  return { db: drizzle({ client, schema, mode: 'planetscale' }), close: () => client.end() };
}

export async function create(cfg) {
  const schema = tables(cfg.dialect, cfg.timestamps);
  const { db, close } = await connect(cfg, schema);
  const { users, posts } = schema;
  const perInsert = Math.floor(Math.min(cfg.paramLimit, 65_535) / (cfg.timestamps ? 5 : 3));
  const groupsWith = { userGroups: { with: { group: true } } };

  // MariaDB rejects a derived table that refers to the outer query, which is how drizzle loads a
  // to-one relation (`(select json_array(…) from (select * … where x.id = users.id limit ?))`).
  const derived = 'MariaDB cannot refer to the outer query from a derived table, which drizzle uses for to-one relations';
  const unsupported = cfg.dialect === 'mariadb' ? { B: derived, C: derived, E: derived } : {};

  return {
    unsupported,
    ops: {
      A: () => db.query.users.findMany({ with: { posts: true } }),
      B: () => db.query.users.findMany({ with: groupsWith }),
      C: () => db.query.users.findMany({ with: { profile: true, posts: true, ...groupsWith } }),
      D: () => db.query.users.findMany({ orderBy: [asc(users.id)], limit: 100, with: { posts: { with: { comments: true } } } }),
      E: async (ids) => {
        const out = [];
        for (const id of ids) out.push(await db.query.users.findFirst({ where: eq(users.id, id), with: { profile: true } }));
        return out;
      },
      F: async (rows) => {
        const now = timestampValue(cfg.dialect, new Date());
        const values = cfg.timestamps ? rows.map((r) => ({ ...r, createdAt: now, updatedAt: now })) : rows;
        let inserted = 0;
        for (let start = 0; start < values.length; start += perInsert) {
          const chunk = values.slice(start, start + perInsert);
          await db.insert(posts).values(chunk);
          inserted += chunk.length;
        }
        return inserted;
      },
      G: async () => {
        const list = await db.query.users.findMany({ orderBy: [asc(users.id)], limit: 100 });
        for (const u of list) u.posts = await db.query.posts.findMany({ where: eq(posts.userId, u.id) });
        return list;
      },
    },
    shape: {
      posts: (u) => u.posts,
      groups: (u) => u.userGroups.map((ug) => ug.group),
      profile: (u) => u.profile,
      comments: (p) => p.comments,
    },
    close,
  };
}
