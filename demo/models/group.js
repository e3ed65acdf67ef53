/** A group: its members are users, through the UserGroups junction table. */
export default (sequelize, DataTypes) => {
  const Group = sequelize.define('Group', { name: DataTypes.STRING });
  Group.associate = (models) => {
    Group.belongsToMany(models.User, { through: 'UserGroups', foreignKey: 'groupId', otherKey: 'userId', as: 'members' });
  };
  return Group;
};
