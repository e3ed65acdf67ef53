/**
 * The demo's models (demo/demo.mjs: User, Profile, Post, Group through UserGroups, Student and
 * Course through StudentCourses) plus a Catalog model holding every column type, declared
 * indexes and a composite unique key, for the schema tools' tests.
 *
 * ```ts
 * defineDemoModels(relata);
 * await relata.sync();
 * ```
 */
import { DataTypes, type Relata } from '../../src/index.js';

/** Options that vary one association, to test diffs of foreign keys. */
export interface DemoVariant {
  /** Post.belongsTo(User)'s onDelete (the demo leaves the default, SET NULL). */
  postOnDelete?: 'CASCADE' | 'SET NULL' | 'RESTRICT';
  /** Extra Post attributes. */
  postAttributes?: Record<string, unknown>;
  /** Replaces Post.title's definition. */
  postTitle?: unknown;
}

export function defineDemoModels(relata: Relata, variant: DemoVariant = {}): void {
  const User = relata.define('User', { name: DataTypes.STRING });
  const Profile = relata.define('Profile', { bio: DataTypes.STRING });
  const Post = relata.define('Post', {
    title: (variant.postTitle ?? DataTypes.STRING) as never,
    content: DataTypes.TEXT,
    status: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'draft' },
    ...(variant.postAttributes ?? {}),
  });
  const Group = relata.define('Group', { name: DataTypes.STRING });
  const Student = relata.define('Student', { name: DataTypes.STRING });
  const Course = relata.define('Course', { title: DataTypes.STRING });
  relata.define(
    'Catalog',
    {
      code: { type: DataTypes.STRING(30), allowNull: false, unique: true },
      label: { type: DataTypes.CHAR(10) },
      price: { type: DataTypes.DECIMAL(10, 2), defaultValue: 0 },
      ratio: DataTypes.FLOAT,
      precise: DataTypes.DOUBLE,
      big: DataTypes.BIGINT,
      small: DataTypes.SMALLINT,
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      kind: { type: DataTypes.ENUM('book', 'film'), defaultValue: 'book' },
      body: DataTypes.TEXT,
      ref: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
      meta: DataTypes.JSON,
      day: DataTypes.DATEONLY,
      at: DataTypes.TIME,
      shelf: { type: DataTypes.INTEGER, unique: 'catalog_shelf_slot' },
      slot: { type: DataTypes.INTEGER, unique: 'catalog_shelf_slot' },
    },
    { indexes: [{ fields: ['label'] }, { fields: ['kind', 'day'], unique: true, name: 'catalog_kind_day' }] },
  );

  User.hasOne(Profile, { foreignKey: 'userId', as: 'profile' });
  Profile.belongsTo(User, { foreignKey: 'userId', as: 'user' });
  User.hasMany(Post, { foreignKey: 'userId', as: 'posts', ...(variant.postOnDelete ? { onDelete: variant.postOnDelete } : {}) });
  Post.belongsTo(User, { foreignKey: 'userId', as: 'user', ...(variant.postOnDelete ? { onDelete: variant.postOnDelete } : {}) });
  User.belongsToMany(Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' });
  Group.belongsToMany(User, { through: 'UserGroups', foreignKey: 'groupId', otherKey: 'userId', as: 'members' });
  Student.belongsToMany(Course, { through: 'StudentCourses' });
  Course.belongsToMany(Student, { through: 'StudentCourses' });
}

/** The tables the demo models create, sorted. */
export const DEMO_TABLES = ['Catalogs', 'Courses', 'Groups', 'Posts', 'Profiles', 'StudentCourses', 'Students', 'UserGroups', 'Users'];
