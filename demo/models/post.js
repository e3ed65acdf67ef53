/** A post: the many side of User.hasMany. */
export default (sequelize, DataTypes) => {
  const Post = sequelize.define('Post', { title: DataTypes.STRING, content: DataTypes.TEXT, status: DataTypes.STRING });
  Post.associate = (models) => {
    Post.belongsTo(models.User, { foreignKey: 'userId', as: 'user' });
  };
  return Post;
};
