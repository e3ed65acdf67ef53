// Ops A–F written with TypeORM's Repository API, shared by the `typeorm` contender and
// `relata-typeorm` (the same calls on relata/typeorm): only the import and G differ between them.
export function repositoryOps(cfg, users, posts) {
  const perInsert = Math.floor(Math.min(cfg.paramLimit, 65_535) / (cfg.timestamps ? 6 : 4));
  return {
    A: () => users.find({ relations: { posts: true } }),
    B: () => users.find({ relations: { groups: true } }),
    C: () => users.find({ relations: { profile: true, posts: true, groups: true } }),
    D: () => users.find({ relations: { posts: { comments: true } }, order: { id: 'ASC' }, take: 100 }),
    E: async (ids) => {
      const out = [];
      for (const id of ids) out.push(await users.findOne({ where: { id }, relations: { profile: true } }));
      return out;
    },
    F: async (rows) => {
      const now = new Date();
      // insert() writes the generated ids back into the objects it is given: never hand it the shared input.
      const values = rows.map(cfg.timestamps ? (r) => ({ ...r, createdAt: now, updatedAt: now }) : (r) => ({ ...r }));
      let inserted = 0;
      for (let start = 0; start < values.length; start += perInsert) {
        const chunk = values.slice(start, start + perInsert);
        await posts.insert(chunk);
        inserted += chunk.length;
      }
      return inserted;
    },
  };
}

/**
 * The five entities as TypeORM EntitySchemas, built with the given EntitySchema class (TypeORM's or
 * relata/typeorm's), so both contenders declare exactly the same. `lazyPosts` adds a lazy
 * one-to-many `lazyPosts` on User (relata-typeorm's G reads it).
 */
export function schemaEntities(EntitySchema, dialect, timestamps, { lazyPosts = false } = {}) {
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
      ...(lazyPosts ? { lazyPosts: { type: 'one-to-many', target: 'Post', inverseSide: 'user', lazy: true } } : {}),
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
