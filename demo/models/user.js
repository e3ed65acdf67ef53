/** A user: one profile (1:1), many posts (1:N), many groups through UserGroups (N:M). */
export default (sequelize, DataTypes) => {
  const User = sequelize.define('User', { name: DataTypes.STRING });
  User.associate = (models) => {
    User.hasOne(models.Profile, { foreignKey: 'userId', as: 'profile' });
    User.hasMany(models.Post, { foreignKey: 'userId', as: 'posts' });
    User.belongsToMany(models.Group, { through: 'UserGroups', foreignKey: 'userId', otherKey: 'groupId', as: 'groups' });
  };
  return User;
};
