import { sql, type CompiledQuery } from 'kysely';
import type { SqlSession } from './session.js';

/** SELECT <the dialect's version expression> AS version. @internal */
export function compileDatabaseVersion(relata: SqlSession): CompiledQuery {
  return sql`SELECT ${sql.raw(relata.adapter.capabilities.versionExpression)} AS ${sql.id('version')}`.compile(relata.kysely);
}

/** CREATE SCHEMA IF NOT EXISTS, where the dialect has schemas. @internal */
export function compileCreateSchema(relata: SqlSession, schema: string): CompiledQuery {
  return relata.kysely.schema.createSchema(schema).ifNotExists().compile();
}

/** DROP SCHEMA IF EXISTS … CASCADE (Sequelize drops the schema's tables with it). @internal */
export function compileDropSchema(relata: SqlSession, schema: string): CompiledQuery {
  let q = relata.kysely.schema.dropSchema(schema).ifExists();
  if (relata.adapter.capabilities.dropCascade) q = q.cascade();
  return q.compile();
}

/**
 * The user schemas, as Sequelize lists them: not `public`, `information_schema` nor the
 * database's own (`pg_*`, SQL Server's `sys`, `guest`, `db_*`). @internal
 */
export function compileShowSchemas(relata: SqlSession): CompiledQuery {
  if (relata.getDialect() === 'mariadb') {
    // Sequelize's mariadb dialect lists every database but these three.
    return sql`SELECT SCHEMA_NAME AS ${sql.id('schema_name')} FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME NOT IN ('MYSQL', 'INFORMATION_SCHEMA', 'PERFORMANCE_SCHEMA') ORDER BY SCHEMA_NAME`.compile(relata.kysely);
  }
  return sql`SELECT schema_name AS ${sql.id('schema_name')} FROM information_schema.schemata WHERE schema_name NOT IN ('information_schema', 'public', 'sys', 'guest', 'INFORMATION_SCHEMA') AND schema_name NOT LIKE 'pg\_%' AND schema_name NOT LIKE 'db\_%' ORDER BY schema_name`.compile(
    relata.kysely,
  );
}
