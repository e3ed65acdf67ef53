// relata, imported from the built root package (`npm run build` writes ../dist).
import { DataTypes, Relata } from '../../dist/index.js';

export const name = 'relata';

function connect(cfg, logging, extra = {}) {
  // The lean tables have no createdAt/updatedAt: every model, the junction included, has `timestamps: false`.
  const common = { logging, pool: { max: 5 }, ...(cfg.timestamps ? {} : { define: { timestamps: false } }), ...extra };
  if (cfg.dialect === 'sqlite') return new Relata({ ...common, dialect: 'sqlite', storage: cfg.file });
  if (cfg.dialect === 'postgres') {
    return new Relata({ ...common, dialect: 'postgres', host: cfg.host, port: cfg.port, username: cfg.user, password: cfg.password, database: cfg.database, dialectOptions: { options: cfg.pgOptions } });
  }
  return new Relata({ ...common, dialect: 'mariadb', host: cfg.host, port: cfg.port, username: cfg.user, password: cfg.password, database: cfg.database });
}

/** Models and associations exactly as the brief states them; tables are the shared raw-SQL schema. */
export function defineModels(db) {
  const User = db.define('User', { name: { type: DataTypes.STRING, allowNull: false } });
  const Profile = db.define('Profile', { bio: DataTypes.TEXT });
  const Post = db.define('Post', { title: DataTypes.STRING, body: DataTypes.TEXT });
  const Comment = db.define('Comment', { body: DataTypes.TEXT });
  const Group = db.define('Group', { name: DataTypes.STRING });
  User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
  User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
  Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId' });
  User.belongsToMany(Group, { through: 'UserGroups', as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });
  return { User, Profile, Post, Comment, Group };
}

/** The ops as relata users would write them. Shared with profile.mjs. */
export function relataOps({ User, Profile, Post, Comment, Group }) {
  return {
    A: () => User.findAll({ include: [{ model: Post, as: 'posts' }] }),
    B: () => User.findAll({ include: [{ model: Group, as: 'groups' }] }),
    C: () =>
      User.findAll({
        include: [
          { model: Profile, as: 'profile' },
          { model: Post, as: 'posts' },
          { model: Group, as: 'groups' },
        ],
      }),
    D: () =>
      User.findAll({
        order: [['id', 'ASC']],
        limit: 100,
        include: [{ model: Post, as: 'posts', include: [{ model: Comment, as: 'comments' }] }],
      }),
    E: async (ids) => {
      const out = [];
      for (const id of ids) out.push(await User.findByPk(id, { include: [{ model: Profile, as: 'profile' }] }));
      return out;
    },
    F: async (rows) => (await Post.bulkCreate(rows)).length,
    G: async () => {
      const users = await User.findAll({ order: [['id', 'ASC']], limit: 100 });
      // Lazy loads read back as `posts` for the verification.
      for (const u of users) u.loadedPosts = await u.getPosts();
      return users;
    },
  };
}

/** `opsOf` builds the ops from the connection (relata-raw.mjs passes its own). */
/** `options`: more connection options (relata-json.mjs and relata-batched.mjs set includeStrategy). */
export async function create(cfg, opsOf = (db) => relataOps(defineModels(db)), options = {}) {
  const db = connect(cfg, false, options);
  const ops = opsOf(db);
  return {
    ops,
    shape: { posts: (u) => u.loadedPosts ?? u.posts, groups: (u) => u.groups, profile: (u) => u.profile, comments: (p) => p.comments },
    close: () => db.close(),
  };
}

/**
 * A second, separate relata instance whose `logging` counts statements: the harness runs each op
 * once on it (untimed) to report how many SQL statements relata issued.
 */
export async function createCounter(cfg) {
  let count = 0;
  const statements = [];
  const db = connect(cfg, (sql) => {
    count++;
    if (statements.length < 20) statements.push(sql);
  });
  const ops = relataOps(defineModels(db));
  return {
    async count(op, input) {
      count = 0;
      statements.length = 0;
      await ops[op](input);
      return { count, sample: [...statements] };
    },
    close: () => db.close(),
  };
}
