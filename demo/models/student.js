/** A student: many courses through the automatic StudentCourses junction table (default names). */
export default (sequelize, DataTypes) => {
  const Student = sequelize.define('Student', { name: DataTypes.STRING });
  Student.associate = (models) => {
    Student.belongsToMany(models.Course, { through: 'StudentCourses' });
  };
  return Student;
};
