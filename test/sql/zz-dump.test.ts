import { it } from 'vitest';
import { DataTypes, Op } from '../../src/index.js';
import { COMPILE_DIALECTS, compileOnly, createTableSql, findAllSql, insertSql, updateSql, deleteSql } from '../support/compile-sql.js';
it('dump', () => {
  for (const d of COMPILE_DIALECTS) {
    const r = compileOnly(d);
    const Everything = r.define('Everything', {
      uuid: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
      string: DataTypes.STRING, string50: DataTypes.STRING(50), char: DataTypes.CHAR(10), text: DataTypes.TEXT,
      integer: DataTypes.INTEGER, bigint: DataTypes.BIGINT, smallint: DataTypes.SMALLINT, tinyint: DataTypes.TINYINT, mediumint: DataTypes.MEDIUMINT,
      float: DataTypes.FLOAT, real: DataTypes.REAL, double: DataTypes.DOUBLE, decimal: DataTypes.DECIMAL(10, 2),
      boolean: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      date: DataTypes.DATE, dateonly: DataTypes.DATEONLY, time: DataTypes.TIME,
      json: DataTypes.JSON, jsonb: DataTypes.JSONB, enum: DataTypes.ENUM('draft', 'published'), blob: DataTypes.BLOB,
      virtual: { type: DataTypes.VIRTUAL, get() { return 1; } },
    }, { timestamps: false });
    const Counter = r.define('Counter', { id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true }, n: { type: DataTypes.INTEGER, defaultValue: 0 } }, { timestamps: false });
    const Team = r.define('Team', { name: DataTypes.STRING }, { timestamps: false });
    const Member = r.define('Member', {
      teamId: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'Teams', key: 'id' }, onDelete: 'CASCADE', onUpdate: 'CASCADE' },
      mentorId: { type: DataTypes.INTEGER, references: 'Members', onDelete: 'SET NULL' },
      email: { type: DataTypes.STRING, unique: 'members_team_email' },
      handle: { type: DataTypes.STRING, unique: true },
    }, { timestamps: false });
    Member.definition.attributes.get('teamId');
    const m = r.define('Membership', { teamId: { type: DataTypes.INTEGER, unique: 'team_user' }, userId: { type: DataTypes.INTEGER, unique: 'team_user' } }, { timestamps: false, indexes: [{ fields: ['userId'] }, { name: 'membership_team', unique: true, fields: ['teamId', 'userId'] }] });
    console.log('=====', d);
    for (const model of [Everything, Counter, Team, Member, m]) for (const s of createTableSql(model)) console.log(JSON.stringify(s.sql));
    const User = r.define('User', { name: DataTypes.STRING, age: DataTypes.INTEGER, active: DataTypes.BOOLEAN });
    console.log(JSON.stringify(findAllSql(User, { where: { name: 'ada', age: { [Op.gte]: 18 } }, order: [['name', 'DESC'], ['id', 'ASC']], limit: 10, offset: 20 })));
    console.log(JSON.stringify(findAllSql(User, { attributes: ['id'], offset: 5 })));
    console.log(JSON.stringify(findAllSql(User, { attributes: ['id'], limit: 5 })));
    console.log(JSON.stringify(findAllSql(User, { attributes: ['id'], where: { name: { [Op.iLike]: '%ad%' }, [Op.or]: [{ name: { [Op.notILike]: 'b%' } }, { active: true }] } })));
    console.log(JSON.stringify(insertSql(Team, [{ name: 'a' }])));
    console.log(JSON.stringify(insertSql(Team, [{ name: 'a' }, { name: 'b' }])));
    console.log(JSON.stringify(insertSql(Team, [{ id: 1, name: 'a' }], { kind: 'update', target: ['id'], update: ['name'] })));
    try { console.log(JSON.stringify(insertSql(Team, [{ id: 1, name: 'a' }], { kind: 'ignore' }))); } catch (e) { console.log(String(e)); }
    console.log(JSON.stringify(updateSql(Team, { name: 'b' }, { id: 1 })));
    console.log(JSON.stringify(deleteSql(Team, { id: [1, 2] })));
  }
});
