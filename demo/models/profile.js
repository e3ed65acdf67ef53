/** A user's profile: the other side of User.hasOne. */
export default (sequelize, DataTypes) => {
  const Profile = sequelize.define('Profile', { bio: DataTypes.STRING });
  Profile.associate = (models) => {
    Profile.belongsTo(models.User, { foreignKey: 'userId', as: 'user' });
  };
  return Profile;
};
