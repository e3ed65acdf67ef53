import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { DialectAdapter, DialectName } from './adapter.js';
import { MssqlAdapter } from './mssql/mssql-adapter.js';
import { MysqlAdapter } from './mysql/mysql-adapter.js';
import { PostgresAdapter } from './postgres/postgres-adapter.js';
import { SqliteAdapter } from './sqlite/sqlite-adapter.js';

/** The dialect names accepted in options and URLs. */
export const DIALECT_NAMES: readonly DialectName[] = ['sqlite', 'postgres', 'mysql', 'mariadb', 'mssql'];

/**
 * Picks the adapter for a dialect name. Drivers are not loaded here.
 * @internal
 */
export function createAdapter(name: string): DialectAdapter {
  switch (name) {
    case 'sqlite':
      return new SqliteAdapter();
    case 'postgres':
    case 'postgresql':
      return new PostgresAdapter();
    case 'mysql':
    case 'mariadb':
      return new MysqlAdapter(name);
    case 'mssql':
      return new MssqlAdapter();
    default:
      throw InvalidOptionError.expected('new Relata()', 'dialect', `one of ${DIALECT_NAMES.join(', ')}`, name);
  }
}
