/**
 * Sequelize 6's define and init hooks, run on sequelize@6 and on relata and compared:
 * `beforeDefine` sees `options.modelName` and `options.name` and may change them, `afterDefine`
 * gets the model, the class-level `beforeInit`/`afterInit` see the connection's settings and
 * options, and `Sequelize.options.hooks = {}` removes the class-level hooks.
 */
import { describe, expect, it } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';

type Lib = 'relata' | 'sequelize';
type AnyClass = any;
const classes: Record<Lib, AnyClass> = { relata: RelataLib.Relata, sequelize: SequelizeLib.Sequelize };
const types = { relata: RelataLib.DataTypes, sequelize: SequelizeLib.DataTypes as unknown as typeof RelataLib.DataTypes };

describe('define and init hooks, relata against sequelize@6', () => {
  it('beforeDefine renames the model and changes its options and attributes; afterDefine changes its options', () => {
    const run = (lib: Lib) => {
      const db = new classes[lib]('sqlite::memory:', { logging: false });
      db.addHook('beforeDefine', (attributes: Record<string, unknown>, options: { modelName: string; name: { plural: string } }) => {
        const seen = { modelName: options.modelName, name: { ...options.name } };
        options.modelName = 'bar';
        options.name.plural = 'barrs';
        attributes['type'] = types[lib].STRING;
        (db as { seen?: unknown }).seen = seen;
      });
      db.addHook('afterDefine', (model: { options: { name: { singular: string } } }) => {
        model.options.name.singular = 'barr';
      });
      const model = db.define('foo', { name: types[lib].STRING });
      return { seen: db.seen, name: model.name, options: model.options.name, type: model.rawAttributes.type !== undefined, registered: Object.keys(db.models) };
    };
    const ours = run('relata');
    expect(ours).toEqual({ seen: { modelName: 'foo', name: { plural: 'foos', singular: 'foo' } }, name: 'bar', options: { plural: 'barrs', singular: 'barr' }, type: true, registered: ['bar'] });
    expect(ours).toEqual(run('sequelize'));
  });

  it('beforeInit and afterInit change a new connection; Sequelize.options.hooks = {} removes them', () => {
    const run = (lib: Lib) => {
      const S = classes[lib];
      S.addHook('beforeInit', (config: { database: string }, options: { host: string }) => {
        config.database = 'db2';
        options.host = 'server9';
      });
      S.addHook('afterInit', (db: { options: Record<string, unknown> }) => {
        db.options['protocol'] = 'udp';
      });
      const changed = new S('db', 'user', 'pass', { dialect: 'postgres', logging: false });
      S.options.hooks = {};
      const plain = new S('db', 'user', 'pass', { dialect: 'postgres', logging: false });
      return [changed, plain].map((db: AnyClass) => ({ database: db.config.database, host: db.options.host, protocol: db.options.protocol }));
    };
    const ours = run('relata');
    expect(ours[0]).toEqual({ database: 'db2', host: 'server9', protocol: 'udp' });
    expect(ours[1]).toMatchObject({ database: 'db' });
    expect(ours[1]?.host).not.toBe('server9');
    const theirs = run('sequelize');
    expect(ours[0]).toEqual(theirs[0]);
    expect([ours[1]?.database, ours[1]?.protocol === 'udp']).toEqual([theirs[1]?.database, theirs[1]?.protocol === 'udp']);
  });

  it('sequelize.options.hooks = {} removes the connection\'s hooks', async () => {
    const run = async (lib: Lib) => {
      const db = new classes[lib]('sqlite::memory:', { logging: false });
      const calls: string[] = [];
      db.addHook('beforeBulkSync', () => {
        calls.push('before');
      });
      await db.sync();
      db.options.hooks = {};
      await db.sync();
      await db.close();
      return calls;
    };
    const ours = await run('relata');
    expect(ours).toEqual(['before']);
    expect(ours).toEqual(await run('sequelize'));
  });
});
