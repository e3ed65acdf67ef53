// relata's TypeORM API (relata/typeorm, from the built ../dist): typeorm.mjs's ops written the same
// way, through DataSource and Repository, so a TypeORM user's code runs on relata with only the
// import changed. relata/typeorm reads entities declared with TypeORM's decorators (it has no
// EntitySchema), so the same five entities are classes here, decorated by calling the decorators
// as functions (no compile step), with the columns and relations of typeorm.mjs's schemas.
// G has no relation query builder on relata (QueryBuilder is out of its scope): its lazy load is
// TypeORM's other one, a lazy relation (`lazyPosts`, `{ lazy: true }`) read in the loop.
import {
  Column,
  DataSource,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToMany,
  OneToOne,
  PrimaryGeneratedColumn,
} from '../../dist/typeorm.js';
import { repositoryOps } from './typeorm-ops.mjs';

export const name = 'relata-typeorm';

/** `decorators` applied to `cls` as TypeScript's legacy decorators apply them to a class field. */
function field(cls, property, ...decorators) {
  for (const decorate of decorators.reverse()) decorate(cls.prototype, property);
}

function entities(dialect, timestamps) {
  const ts = dialect === 'postgres' ? 'timestamptz' : 'datetime';
  class User {}
  class Profile {}
  class Post {}
  class Comment {}
  class Group {}
  const stamps = (cls) => {
    if (!timestamps) return;
    field(cls, 'createdAt', Column({ type: ts }));
    field(cls, 'updatedAt', Column({ type: ts }));
  };

  field(User, 'id', PrimaryGeneratedColumn());
  field(User, 'name', Column({ type: String }));
  stamps(User);
  field(User, 'profile', OneToOne(() => Profile, (profile) => profile.user));
  field(User, 'posts', OneToMany(() => Post, (post) => post.user));
  field(User, 'lazyPosts', OneToMany(() => Post, (post) => post.user, { lazy: true }));
  field(
    User,
    'groups',
    ManyToMany(() => Group),
    JoinTable({ name: 'UserGroups', joinColumn: { name: 'userId', referencedColumnName: 'id' }, inverseJoinColumn: { name: 'groupId', referencedColumnName: 'id' } }),
  );
  Entity('Users')(User);

  field(Profile, 'id', PrimaryGeneratedColumn());
  field(Profile, 'bio', Column({ type: 'text', nullable: true }));
  field(Profile, 'userId', Column({ type: Number, nullable: true }));
  stamps(Profile);
  field(Profile, 'user', OneToOne(() => User, (user) => user.profile), JoinColumn({ name: 'userId' }));
  Entity('Profiles')(Profile);

  field(Post, 'id', PrimaryGeneratedColumn());
  field(Post, 'title', Column({ type: String, nullable: true }));
  field(Post, 'body', Column({ type: 'text', nullable: true }));
  field(Post, 'userId', Column({ type: Number, nullable: true }));
  stamps(Post);
  field(Post, 'user', ManyToOne(() => User, (user) => user.posts), JoinColumn({ name: 'userId' }));
  field(Post, 'comments', OneToMany(() => Comment, (comment) => comment.post));
  Entity('Posts')(Post);

  field(Comment, 'id', PrimaryGeneratedColumn());
  field(Comment, 'body', Column({ type: 'text', nullable: true }));
  field(Comment, 'postId', Column({ type: Number, nullable: true }));
  stamps(Comment);
  field(Comment, 'post', ManyToOne(() => Post, (post) => post.comments), JoinColumn({ name: 'postId' }));
  Entity('Comments')(Comment);

  field(Group, 'id', PrimaryGeneratedColumn());
  field(Group, 'name', Column({ type: String, nullable: true }));
  stamps(Group);
  Entity('Groups')(Group);

  return { User, Profile, Post, Comment, Group };
}

export async function create(cfg) {
  const e = entities(cfg.dialect, cfg.timestamps);
  const common = { entities: Object.values(e), synchronize: false, logging: false };
  // PostgreSQL selects the bench schema through the driver's search_path, as the other relata
  // contenders do (the DataSource's `schema` option would also create it).
  const options =
    cfg.dialect === 'sqlite'
      ? { ...common, type: 'better-sqlite3', database: cfg.file }
      : cfg.dialect === 'postgres'
        ? { ...common, type: 'postgres', host: cfg.host, port: cfg.port, username: cfg.user, password: cfg.password, database: cfg.database, extra: { options: cfg.pgOptions }, poolSize: 5 }
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
        for (const u of list) u.loadedPosts = await u.lazyPosts;
        return list;
      },
    },
    close: () => ds.destroy(),
    shape: { posts: (u) => u.loadedPosts ?? u.posts, groups: (u) => u.groups, profile: (u) => u.profile, comments: (p) => p.comments },
  };
}
