// sequelize@6 with its default loading (joins for every include), sqlite3 as its SQLite driver.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Sequelize, DataTypes } = require('sequelize');

export const name = 'sequelize';

export async function create(cfg) {
  // The lean tables have no createdAt/updatedAt: every model, the junction included, has `timestamps: false`.
  const common = { logging: false, pool: { max: 5 }, ...(cfg.timestamps ? {} : { define: { timestamps: false } }) };
  let db;
  if (cfg.dialect === 'sqlite') db = new Sequelize({ ...common, dialect: 'sqlite', storage: cfg.file });
  else if (cfg.dialect === 'postgres') {
    db = new Sequelize(cfg.database, cfg.user, cfg.password ?? null, { ...common, dialect: 'postgres', host: cfg.host, port: cfg.port, dialectOptions: { options: cfg.pgOptions } });
  } else {
    // Sequelize's own mariadb dialect needs the `mariadb` driver; its mysql dialect drives MariaDB through mysql2.
    db = new Sequelize(cfg.database, cfg.user, cfg.password ?? null, { ...common, dialect: 'mysql', host: cfg.host, port: cfg.port });
  }
  const User = db.define('User', { name: { type: DataTypes.STRING, allowNull: false } });
  const Profile = db.define('Profile', { bio: DataTypes.TEXT });
  const Post = db.define('Post', { title: DataTypes.STRING, body: DataTypes.TEXT });
  const Comment = db.define('Comment', { body: DataTypes.TEXT });
  const Group = db.define('Group', { name: DataTypes.STRING });
  User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
  User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
  Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId' });
  User.belongsToMany(Group, { through: 'UserGroups', as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });

  return {
    ops: {
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
        for (const u of users) u.loadedPosts = await u.getPosts();
        return users;
      },
    },
    shape: { posts: (u) => u.loadedPosts ?? u.posts, groups: (u) => u.groups, profile: (u) => u.profile, comments: (p) => p.comments },
    close: () => db.close(),
  };
}
