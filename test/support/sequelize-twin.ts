/**
 * A sequelize@6 connection next to a relata test block's database, for differential tests: the
 * same scenario runs on both and the results are compared. Sequelize gets its own namespace (a
 * second pg schema, a second MariaDB database, a second SQLite database: in memory, or a second
 * file beside a file block's) so that both
 * libraries may create tables of the same names.
 */
import { Sequelize as SequelizeLib } from 'sequelize';
import { catalogDialect } from './column-catalog.js';
import type { TestDialect } from './dialects.js';
import { mysqlUrl, pgUrl, withMysql, withPg } from './global-setup.js';

export interface SequelizeTwin {
  readonly sequelize: SequelizeLib;
  close(): Promise<void>;
}

/** Opens a Sequelize connection beside the block's database; `close()` drops its namespace. */
export async function sequelizeTwin(dialect: TestDialect, url: string, suffix = 'sq', options: Record<string, unknown> = {}): Promise<SequelizeTwin> {
  const family = catalogDialect(dialect);
  let sequelize: SequelizeLib;
  let drop: () => Promise<void> = async () => {};
  if (family === 'sqlite') {
    // sqlite-file gets a second file beside the block's, so both libraries see real file semantics.
    const storage = dialect === 'sqlite-file' ? `${url.replace(/^sqlite:/, '')}.${suffix}.db` : ':memory:';
    sequelize = new SequelizeLib({ dialect: 'sqlite', storage, logging: false, ...options });
  } else if (family === 'postgres') {
    const schema = `${(new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '')}_${suffix}`;
    await withPg((c) => c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`));
    sequelize = new SequelizeLib(pgUrl(), { logging: false, dialectOptions: { options: `-c search_path=${schema}` }, define: { schema }, ...options });
    drop = async () => {
      await withPg((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    };
  } else {
    const database = `${new URL(url).pathname.slice(1)}_${suffix}`;
    await withMysql((c) => c.query(`CREATE DATABASE IF NOT EXISTS \`${database}\``));
    const sequelizeUrl = new URL(mysqlUrl());
    sequelizeUrl.pathname = `/${database}`;
    sequelize = new SequelizeLib(sequelizeUrl.toString(), { dialect: 'mysql', logging: false, ...options });
    drop = async () => {
      await withMysql((c) => c.query(`DROP DATABASE IF EXISTS \`${database}\``));
    };
  }
  return {
    sequelize,
    async close() {
      await sequelize.close();
      await drop();
    },
  };
}
