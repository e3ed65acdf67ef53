// typeorm with EntitySchema (no decorators, no compile step) and its default `find({ relations })`,
// which loads relations with LEFT JOINs; G uses the relation query builder, TypeORM's lazy load.
import 'reflect-metadata';
import { DataSource, EntitySchema } from 'typeorm';
import { repositoryOps } from './typeorm-ops.mjs';

export const name = 'typeorm';

function entities(dialect, timestamps) {
  const ts = dialect === 'postgres' ? 'timestamptz' : 'datetime';
  const stamps = timestamps ? { createdAt: { type: ts }, updatedAt: { type: ts } } : {};
  const id = { type: Number, primary: true, generated: true };
  const User = new EntitySchema({
    name: 'User',
    tableName: 'Users',
    columns: { id, name: { type: String }, ...stamps },
    relations: {
      profile: { type: 'one-to-one', target: 'Profile', inverseSide: 'user' },
      posts: { type: 'one-to-many', target: 'Post', inverseSide: 'user' },
      groups: {
        type: 'many-to-many',
        target: 'Group',
        joinTable: { name: 'UserGroups', joinColumn: { name: 'userId', referencedColumnName: 'id' }, inverseJoinColumn: { name: 'groupId', referencedColumnName: 'id' } },
      },
    },
  });
  const Profile = new EntitySchema({
    name: 'Profile',
    tableName: 'Profiles',
    columns: { id, bio: { type: 'text', nullable: true }, userId: { type: Number, nullable: true }, ...stamps },
    relations: { user: { type: 'one-to-one', target: 'User', inverseSide: 'profile', joinColumn: { name: 'userId' } } },
  });
  const Post = new EntitySchema({
    name: 'Post',
    tableName: 'Posts',
    columns: { id, title: { type: String, nullable: true }, body: { type: 'text', nullable: true }, userId: { type: Number, nullable: true }, ...stamps },
    relations: {
      user: { type: 'many-to-one', target: 'User', inverseSide: 'posts', joinColumn: { name: 'userId' } },
      comments: { type: 'one-to-many', target: 'Comment', inverseSide: 'post' },
    },
  });
  const Comment = new EntitySchema({
    name: 'Comment',
    tableName: 'Comments',
    columns: { id, body: { type: 'text', nullable: true }, postId: { type: Number, nullable: true }, ...stamps },
    relations: { post: { type: 'many-to-one', target: 'Post', inverseSide: 'comments', joinColumn: { name: 'postId' } } },
  });
  const Group = new EntitySchema({ name: 'Group', tableName: 'Groups', columns: { id, name: { type: String, nullable: true }, ...stamps } });
  return { User, Profile, Post, Comment, Group };
}

export async function create(cfg) {
  const e = entities(cfg.dialect, cfg.timestamps);
  const common = { entities: Object.values(e), synchronize: false, logging: false };
  const options =
    cfg.dialect === 'sqlite'
      ? { ...common, type: 'better-sqlite3', database: cfg.file }
      : cfg.dialect === 'postgres'
        ? { ...common, type: 'postgres', host: cfg.host, port: cfg.port, username: cfg.user, password: cfg.password, database: cfg.database, schema: cfg.schema, poolSize: 5 }
        : { ...common, type: 'mariadb', host: cfg.host, port: cfg.port, username: cfg.user, password: cfg.password, database: cfg.database, poolSize: 5 };
  const ds = new DataSource(options);
  await ds.initialize();
  const users = ds.getRepository(e.User);
  const posts = ds.getRepository(e.Post);

  return {
    ops: {
      ...repositoryOps(cfg, users, posts),
      G: async () => {
        const list = await users.find({ order: { id: 'ASC' }, take: 100 });
        for (const u of list) u.posts = await ds.createQueryBuilder().relation(e.User, 'posts').of(u).loadMany();
        return list;
      },
    },
    close: () => ds.destroy(),
  };
}
