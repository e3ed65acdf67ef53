/**
 * A sequelize@6 connection beside a `describeEachDialect` block's own namespace, for differential
 * tests: a second pg schema, a second MariaDB database, a separate SQLite database (in memory, or a
 * second file next to the block's file). `close()` drops what it created.
 */
import { Sequelize } from 'sequelize';
import type { TestDialect } from './dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from './global-setup.js';

export interface SequelizeTwin {
  readonly sequelize: Sequelize;
  /** Sequelize's pg schema or MariaDB database ('' on SQLite). */
  readonly namespace: string;
  close(): Promise<void>;
}

/** The connection class: sequelize@6's, or a subclass of it (sequelize-typescript's `Sequelize`). */
export type SequelizeClass = new (...args: never[]) => Sequelize;

export async function sequelizeTwin(dialect: TestDialect, url: string, options: Record<string, unknown> = {}, Connection: SequelizeClass = Sequelize): Promise<SequelizeTwin> {
  const SequelizeCtor = Connection as unknown as typeof Sequelize;
  if (dialect === 'sqlite' || dialect === 'sqlite-file') {
    const storage = dialect === 'sqlite' ? ':memory:' : `${url.replace(/^sqlite:/, '')}.sq.db`;
    const sequelize = new SequelizeCtor({ dialect: 'sqlite', storage, logging: false, ...options });
    return { sequelize, namespace: '', close: () => sequelize.close() };
  }
  if (dialect === 'postgres') {
    const schema = `${(new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '')}_sq`;
    await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`));
    const sequelize = new SequelizeCtor(pgUrl(), { logging: false, dialectOptions: { options: `-c search_path=${schema}` }, define: { schema }, ...options });
    return {
      sequelize,
      namespace: schema,
      close: async () => {
        await sequelize.close();
        await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      },
    };
  }
  const database = `${new URL(url).pathname.slice(1)}_sq`;
  await withMysql((c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${database}\``));
  const twinUrl = new URL(mysqlUrl());
  twinUrl.pathname = `/${database}`;
  const sequelize = new SequelizeCtor(twinUrl.toString(), { dialect: 'mysql', logging: false, ...options });
  return {
    sequelize,
    namespace: database,
    close: async () => {
      await sequelize.close();
      await withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${database}\``));
    },
  };
}
