/**
 * The DDL the query interface compiles on each dialect: the seeds' UserGroups createTable,
 * addColumn with a reference, changeColumn (ALTER COLUMN / MODIFY COLUMN), constraints with their
 * values written as literals, and indexes. Compiled only.
 */
import { describe, expect, it } from 'vitest';
import { DataTypes, Op, col, fn, literal } from '../../src/index.js';
import { ExpressionContext } from '../../src/query/expression-context.js';
import { compileWhere, fragmentExpr } from '../../src/query/where.js';
import { catalogDefinition, normalizeColumns } from '../../src/query-interface/column-spec.js';
import {
  compileAddColumn,
  compileAddConstraint,
  compileAddIndex,
  compileChangeColumn,
  compileColumnDefinition,
  compileConstraintDefinition,
  compileCreateTable,
  compileDropIndex,
  compileDropTrigger,
} from '../../src/sql/schema-ddl.js';
import { compileOnly, type CompileDialect } from '../support/compile-sql.js';

const USER_GROUPS = {
  id: { allowNull: false, autoIncrement: true, primaryKey: true, type: DataTypes.INTEGER },
  userId: { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' }, onUpdate: 'CASCADE', onDelete: 'CASCADE' },
  createdAt: { allowNull: false, type: DataTypes.DATE },
};

describe('queryInterface DDL', () => {
  it.each<[CompileDialect, string]>([
    ['sqlite', 'create table if not exists "UserGroups" ("id" INTEGER primary key autoincrement, "userId" INTEGER references "Users" ("id") on delete cascade on update cascade, "createdAt" DATETIME not null)'],
    ['postgres', 'create table if not exists "UserGroups" ("id" SERIAL primary key, "userId" INTEGER references "Users" ("id") on delete cascade on update cascade, "createdAt" TIMESTAMP WITH TIME ZONE not null)'],
    ['mysql', 'create table if not exists `UserGroups` (`id` INTEGER primary key auto_increment, `userId` INTEGER, `createdAt` DATETIME not null, constraint `UserGroups_userId_fkey` foreign key (`userId`) references `Users` (`id`) on delete cascade on update cascade)'],
    ['mssql', 'create table "UserGroups" ("id" INTEGER identity primary key, "userId" INTEGER references "Users" ("id") on delete cascade on update cascade, "createdAt" DATETIMEOFFSET not null)'],
  ])('createTable of the seeds\' UserGroups on %s', (dialect, sql) => {
    const db = compileOnly(dialect);
    const { specs, uniques } = normalizeColumns(db, 'UserGroups', USER_GROUPS);
    expect(compileCreateTable(db, 'UserGroups', specs, uniques).sql).toBe(sql);
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', 'DROP TRIGGER "users_touch"'],
    ['postgres', 'DROP TRIGGER "users_touch" ON "Users"'],
    ['mysql', 'DROP TRIGGER `users_touch`'],
  ])('dropTrigger on %s', (dialect, sql) => {
    expect(compileDropTrigger(compileOnly(dialect), 'Users', 'users_touch').sql).toBe(sql);
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', 'create table if not exists "Notes" ("id" INTEGER primary key)'],
    ['postgres', 'create table if not exists "Notes" ("id" INTEGER primary key)'],
    ['mysql', 'create table if not exists `Notes` (`id` INTEGER primary key) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci'],
  ])('createTable with engine, charset and collate on %s: written where the database has them', (dialect, sql) => {
    const db = compileOnly(dialect);
    const { specs, uniques } = normalizeColumns(db, 'Notes', { id: { type: DataTypes.INTEGER, primaryKey: true } });
    expect(compileCreateTable(db, 'Notes', specs, uniques, { engine: 'InnoDB', charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' }).sql).toBe(sql);
  });

  it.each<[CompileDialect, string[]]>([
    ['sqlite', ['alter table "Posts" add column "userId" INTEGER references "Users" ("id") on delete set null']],
    ['postgres', ['alter table "Posts" add column "userId" INTEGER references "Users" ("id") on delete set null']],
    ['mysql', ['alter table `Posts` add column `userId` INTEGER', 'alter table `Posts` add constraint `Posts_userId_fkey` foreign key (`userId`) references `Users` (`id`) on delete set null']],
  ])('addColumn with a reference on %s', (dialect, sql) => {
    const db = compileOnly(dialect);
    const { specs } = normalizeColumns(db, 'Posts', { userId: { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'SET NULL' } });
    expect(compileAddColumn(db, 'Posts', specs[0] as never).map((q) => q.sql)).toEqual(sql);
  });

  it.each<[CompileDialect, 'alter' | 'modify', string]>([
    ['postgres', 'alter', 'alter table "Users" alter column "name" type VARCHAR(50) USING "name"::VARCHAR(50), alter column "name" set not null, alter column "name" set default \'anon\''],
    ['mysql', 'modify', "alter table `Users` modify column `name` VARCHAR(50) default 'anon' not null"],
  ])('changeColumn on %s', (dialect, mode, sql) => {
    const db = compileOnly(dialect);
    const { specs } = normalizeColumns(db, 'Users', { name: { type: DataTypes.STRING(50), allowNull: false, defaultValue: 'anon' } });
    expect(compileChangeColumn(db, 'Users', specs[0] as never, mode).sql).toBe(sql);
  });

  it('a SQLite rebuild gets column and constraint definitions as text', () => {
    const db = compileOnly('sqlite');
    const { specs } = normalizeColumns(db, 'Users', { name: { type: DataTypes.STRING(50), allowNull: false, defaultValue: "it's" } });
    expect(compileColumnDefinition(db, specs[0] as never)).toBe('"name" VARCHAR(50) default \'it\'\'s\' not null');
    expect(compileConstraintDefinition(db, { type: 'foreign key', name: 'Posts_userId_fkey', fields: ['userId'], referencedTable: 'Users', referencedFields: ['id'], onDelete: 'CASCADE' })).toBe(
      'CONSTRAINT "Posts_userId_fkey" FOREIGN KEY ("userId") REFERENCES "Users" ("id") ON DELETE CASCADE',
    );
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', 'alter table "Users" add constraint "Users_age_ck" check (("age" >= 0 AND "name" <> \'it\'\'s\'))'],
    ['postgres', 'alter table "Users" add constraint "Users_age_ck" check (("age" >= 0 AND "name" <> \'it\'\'s\'))'],
    ['mysql', "alter table `Users` add constraint `Users_age_ck` check ((`age` >= 0 AND `name` <> 'it''s'))"],
  ])('a CHECK constraint writes its values as escaped literals, never parameters, on %s', (dialect, sql) => {
    const db = compileOnly(dialect);
    const definition = catalogDefinition('Users', [
      { name: 'age', type: 'INTEGER', allowNull: true, defaultValue: null, primaryKey: false, autoIncrement: false, comment: null },
      { name: 'name', type: 'TEXT', allowNull: true, defaultValue: null, primaryKey: false, autoIncrement: false, comment: null },
    ]);
    const expression = compileWhere({ age: { [Op.gte]: 0 }, name: { [Op.ne]: "it's" } }, new ExpressionContext({ definition, tableAlias: undefined, clause: 'check' }));
    const compiled = compileAddConstraint(db, 'Users', { type: 'check', name: 'Users_age_ck', expression });
    expect(compiled.sql).toBe(sql);
    expect(compiled.parameters).toEqual([]);
  });

  it.each<[CompileDialect, string, string]>([
    ['sqlite', 'create unique index "users_email" on "Users" ("email", "createdAt" desc)', 'drop index "users_email"'],
    ['postgres', 'create unique index "users_email" on "Users" ("email", "createdAt" desc)', 'drop index "users_email"'],
    ['mysql', 'create unique index `users_email` on `Users` (`email`, `createdAt` desc)', 'drop index `users_email` on `Users`'],
  ])('addIndex and removeIndex on %s', (dialect, create, drop) => {
    const db = compileOnly(dialect);
    expect(compileAddIndex(db, 'Users', { name: 'users_email', fields: [{ name: 'email' }, { name: 'createdAt', order: 'DESC' }], unique: true }).sql).toBe(create);
    expect(compileDropIndex(db, 'Users', 'users_email', dialect === 'mysql').sql).toBe(drop);
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', 'create index "users_name" on "Users" ("name")'],
    ['postgres', 'create index "users_name" on "Users" using gin ("name")'],
    ['mysql', 'create index `users_name` using gin on `Users` (`name`)'],
  ])('addIndex with using on %s: the method is left out where the database has none to choose', (dialect, create) => {
    expect(compileAddIndex(compileOnly(dialect), 'Users', { name: 'users_name', fields: [{ name: 'name' }], unique: false, using: 'gin' }).sql).toBe(create);
  });

  it.each<[CompileDialect, string]>([
    ['sqlite', `create index "users_lower_email" on "Users" (lower("email"), "id", upper(name), coalesce('x'))`],
    ['postgres', `create index "users_lower_email" on "Users" (lower("email"), "id", upper(name), coalesce('x'))`],
    ['mysql', "create index `users_lower_email` on `Users` (lower(`email`), `id`, upper(name), coalesce('x'))"],
  ])('addIndex with fn() and literal() fields on %s: expressions with their values inlined', (dialect, create) => {
    const db = compileOnly(dialect);
    const definition = catalogDefinition('Users', [
      { name: 'id', type: 'INTEGER', allowNull: false, defaultValue: null, primaryKey: true, autoIncrement: false, comment: null },
      { name: 'email', type: 'TEXT', allowNull: true, defaultValue: null, primaryKey: false, autoIncrement: false, comment: null },
    ]);
    const ctx = new ExpressionContext({ definition, tableAlias: undefined, clause: 'addIndex' });
    const fields = [{ expression: fragmentExpr(fn('lower', col('email')), ctx) }, { name: 'id' }, { expression: fragmentExpr(literal('upper(name)'), ctx) }, { expression: fragmentExpr(fn('coalesce', 'x'), ctx) }];
    const compiled = compileAddIndex(db, 'Users', { name: 'users_lower_email', fields, unique: false });
    expect(compiled.sql).toBe(create);
    expect(compiled.parameters).toEqual([]);
  });
});
