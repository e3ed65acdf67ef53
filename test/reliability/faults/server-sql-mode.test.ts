/**
 * A MariaDB server configured with `NO_BACKSLASH_ESCAPES` in its global sql_mode. mysql2 sends
 * values inside the statement text, escaped with backslashes; under that mode the server reads
 * `\'` as a backslash followed by the closing quote, so `\' OR 1=1 -- ` escaped the string and
 * matched every row. relata now turns the mode off on each connection it opens.
 *
 * Changing a global setting affects every new connection to the server, so this runs in the
 * `server-faults` project (after all other files, one at a time), only when the server has no
 * other clients (see support/servers.ts), and always restores the setting.
 */
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { DataTypes, QueryTypes, type Model, type ModelStatic, type Relata } from '../../../src/index.js';
import { describeEachDialect, type TestDialect } from '../../support/dialects.js';
import { withMysql } from '../../support/global-setup.js';
import { SERVERS, mayDisturb } from '../support/servers.js';

/** Where the setting exists: MySQL and MariaDB only. */
const BACKSLASH_MODE: Partial<Record<TestDialect, true>> = { mariadb: true };

describeEachDialect('server sql_mode NO_BACKSLASH_ESCAPES', ({ dialect, connect, url }) => {
  let original: string | undefined;

  beforeAll(async () => {
    if (!BACKSLASH_MODE[dialect]) return;
    original = await withMysql(async (c) => {
      const [rows] = await c.query('SELECT @@GLOBAL.sql_mode AS m');
      return (rows as { m: string }[])[0]?.m;
    });
  });

  afterAll(async () => {
    if (original === undefined) return;
    await withMysql((c) => c.query('SET GLOBAL sql_mode = ?', [original]));
  });

  it.runIf(BACKSLASH_MODE[dialect])('a backslash-quote payload stays a value: no rows match, and it is stored as given', async (ctx) => {
    const server = SERVERS[dialect];
    const release = server && (await mayDisturb(server, decodeURIComponent(new URL(url).pathname.slice(1)), `[${dialect}] global sql_mode`));
    if (!release) {
      ctx.skip();
      return;
    }
    onTestFinished(release);
    await withMysql((c) => c.query("SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')"));
    let db: Relata;
    let User: ModelStatic<Model>;
    try {
      // Connections opened from now on start with the server's global mode.
      db = await connect();
      User = db.define('User', { name: DataTypes.STRING });
      await db.sync({ force: true });
      await User.bulkCreate([{ name: 'alice' }, { name: 'bob' }]);
    } finally {
      await withMysql((c) => c.query('SET GLOBAL sql_mode = ?', [original]));
    }
    const payload = "\\' OR 1=1 -- ";
    expect(await User.findAll({ where: { name: payload } })).toEqual([]);
    expect(await db.query('SELECT name FROM Users WHERE name = ?', { replacements: [payload], type: QueryTypes.SELECT })).toEqual([]);
    const stored = await User.create({ name: payload });
    expect(((await User.findByPk(stored.get('id') as number)) as Model).get('name')).toBe(payload);
    expect(await User.count()).toBe(3);
  });
});
