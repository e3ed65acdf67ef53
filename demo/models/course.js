/** A course: many students through StudentCourses. */
export default (sequelize, DataTypes) => {
  const Course = sequelize.define('Course', { title: DataTypes.STRING });
  Course.associate = (models) => {
    Course.belongsToMany(models.Student, { through: 'StudentCourses' });
  };
  return Course;
};
