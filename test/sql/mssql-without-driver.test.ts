/**
 * The mssql dialect compiles SQL without `tedious` (or `tarn`) installed: the driver is imported only
 * when a connection is first needed, and then its absence is a ConnectionError naming the package.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ConnectionError, DataTypes, Op, Relata } from '../../src/index.js';
import { findAllSql } from '../support/compile-sql.js';

const require = createRequire(import.meta.url);

function resolvable(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

describe('mssql without tedious', () => {
  it('runs in an environment where tedious is not installed', () => {
    expect(resolvable('tedious')).toBe(false);
  });

  it('constructs, defines models and compiles queries', () => {
    const relata = new Relata('mssql://sa:secret@127.0.0.1:1/app', { logging: false });
    const User = relata.define('User', { name: DataTypes.STRING });
    expect(relata.getDialect()).toBe('mssql');
    expect(findAllSql(User, { attributes: ['id'], where: { name: { [Op.startsWith]: 'a' } }, limit: 2 })).toEqual({
      sql: 'select "User"."id" as "id" from "Users" as "User" where "User"."name" LIKE @1 order by (SELECT NULL) offset @2 rows fetch next @3 rows only',
      parameters: ['a%', 0, 2],
    });
  });

  it('reports the missing driver as a ConnectionError when a query runs', async () => {
    const relata = new Relata({ dialect: 'mssql', host: '127.0.0.1', port: 1, database: 'app', logging: false });
    const failure = relata.authenticate();
    await expect(failure).rejects.toBeInstanceOf(ConnectionError);
    await expect(failure).rejects.toThrow('The mssql dialect needs the "tedious" package: npm install tedious tarn');
    await relata.close();
  });
});
