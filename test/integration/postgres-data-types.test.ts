/**
 * Sequelize's `NUMBER` and PostgreSQL's `ARRAY`, `CIDR`, `INET`, `MACADDR` and `TSVECTOR`, compared
 * with sequelize@6 on every dialect: the column sync writes, the values read back on PostgreSQL, and
 * where the dialect has no such type, a refusal naming the dialect (sequelize@6 sends the DDL and
 * the database rejects it).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sequelize as SequelizeLib } from 'sequelize';
import { DataTypes as SequelizeDataTypes } from 'sequelize';
import { DataTypes, InvalidOptionError, type Relata } from '../../src/index.js';
import { catalogDialect } from '../support/column-catalog.js';
import { describeEachDialect } from '../support/dialects.js';
import { sequelizeTwin, type SequelizeTwin } from '../support/sequelize-twin.js';

// Both libraries' connections and models, driven through the same untyped calls.
type Db = any;

const KEYS = ['NUMBER', 'ARRAY', 'CIDR', 'INET', 'MACADDR', 'TSVECTOR'] as const;

function typeOf(T: typeof DataTypes, key: (typeof KEYS)[number]): unknown {
  return key === 'ARRAY' ? T.ARRAY(T.INTEGER) : T[key];
}

describeEachDialect('NUMBER and the PostgreSQL data types, compared with sequelize@6', ({ dialect, connect, url }) => {
  const family = catalogDialect(dialect);
  let relata: Relata;
  let sequelize: SequelizeLib;
  let sequelizeSchema = '';
  let twin: SequelizeTwin;

  beforeAll(async () => {
    relata = await connect();
    twin = await sequelizeTwin(dialect, url);
    sequelize = twin.sequelize;
    sequelizeSchema = twin.namespace;
  });

  afterAll(() => twin.close());

  /** What sync makes of a one-column model of that type: the column type describeTable reports, or the failure. */
  async function syncColumn(db: Db, T: typeof DataTypes, key: (typeof KEYS)[number]): Promise<string> {
    try {
      const M = db.define(`Dt${key}`, { v: typeOf(T, key) }, { tableName: `dt_${key.toLowerCase()}`, timestamps: false });
      await M.sync({ force: true });
      // sequelize@6 describes PostgreSQL tables in "public" unless told the schema.
      const table = db === sequelize && family === 'postgres' ? { tableName: `dt_${key.toLowerCase()}`, schema: sequelizeSchema } : `dt_${key.toLowerCase()}`;
      const described = (await db.getQueryInterface().describeTable(table)) as Record<string, { type: string }>;
      return described['v']?.type ?? 'no column';
    } catch {
      return 'refused';
    }
  }

  it('sync writes the column as sequelize@6 does, and refuses it where the database has no such type', async () => {
    const seq: Record<string, string> = {};
    const rel: Record<string, string> = {};
    for (const key of KEYS) {
      seq[key] = await syncColumn(sequelize, SequelizeDataTypes as unknown as typeof DataTypes, key);
      rel[key] = await syncColumn(relata, DataTypes, key);
    }
    // describeTable names a PostgreSQL array column by its element type (`INTEGER[]`); sequelize@6 says `ARRAY`.
    expect({ ...rel, ...(family === 'postgres' ? { ARRAY: 'ARRAY' } : {}) }).toEqual(seq);
    const expected: Record<string, Record<string, string>> = {
      sqlite: { NUMBER: 'NUMBER', ARRAY: 'INTEGER[]', CIDR: 'CIDR', INET: 'INET', MACADDR: 'MACADDR', TSVECTOR: 'TSVECTOR' },
      postgres: { NUMBER: 'refused', ARRAY: 'INTEGER[]', CIDR: 'CIDR', INET: 'INET', MACADDR: 'MACADDR', TSVECTOR: 'TSVECTOR' },
      mariadb: { NUMBER: 'refused', ARRAY: 'refused', CIDR: 'refused', INET: 'refused', MACADDR: 'refused', TSVECTOR: 'refused' },
    };
    expect(rel).toEqual(expected[family]);
  });

  it('the refusal names the type and the dialect', async () => {
    const M = relata.define('RefusedCidr', { v: DataTypes.CIDR }, { tableName: 'refused_cidr', timestamps: false });
    if (family === 'mariadb') {
      await expect(M.sync()).rejects.toThrow(InvalidOptionError);
      await expect(M.sync()).rejects.toThrow('DataTypes.CIDR has no column type on mysql: it is a PostgreSQL type');
    } else {
      await M.sync();
      expect(await relata.getQueryInterface().showAllTables()).toContain('refused_cidr');
    }
    const N = relata.define('RefusedNumber', { v: DataTypes.NUMBER }, { tableName: 'refused_number', timestamps: false });
    if (family === 'sqlite') await N.sync();
    else await expect(N.sync()).rejects.toThrow(`DataTypes.NUMBER has no column type on ${family === 'mariadb' ? 'mysql' : 'postgres'}`);
  });

  it('values are validated by the type (relata checks types by default; sequelize@6 only with typeValidation)', async () => {
    const M = relata.define('PgChecks', { ip: DataTypes.INET, net: DataTypes.CIDR, ids: DataTypes.ARRAY(DataTypes.INTEGER) });
    expect(DataTypes.INET().validate('::1')).toBeUndefined();
    expect(DataTypes.CIDR().validate('10.0.0.1')).toBe('"10.0.0.1" is not a valid cidr');
    expect(DataTypes.MACADDR().validate('08:00:2b:01:02:03')).toBeUndefined();
    expect(DataTypes.ARRAY(DataTypes.INTEGER).validate([1, 'x'])).toBe('"x" is not a valid integer');
    expect(DataTypes.ARRAY(DataTypes.INTEGER).validate(1)).toBe('1 is not a valid array');
    expect(String(DataTypes.ARRAY(DataTypes.STRING))).toBe('STRING[]');
    await expect(M.build({ ip: 'not an ip' }).validate()).rejects.toThrow('"not an ip" is not a valid inet');
  });

  it.runIf(family === 'postgres')('values round-trip as in sequelize@6', async () => {
    async function scenario(db: Db, T: typeof DataTypes): Promise<unknown> {
      const M = db.define('PgValues', {
        tags: T.ARRAY(T.STRING), ids: T.ARRAY(T.INTEGER), net: T.CIDR, ip: T.INET, mac: T.MACADDR, search: T.TSVECTOR,
      }, { tableName: 'pg_values', timestamps: false });
      await M.sync({ force: true });
      await M.create({ tags: ['a', 'b'], ids: [1, 2, 3], net: '10.0.0.0/8', ip: '192.168.0.1', mac: '08:00:2b:01:02:03', search: 'fat cat' });
      return M.findOne({ raw: true });
    }
    const seq = await scenario(sequelize, SequelizeDataTypes as unknown as typeof DataTypes);
    const rel = await scenario(relata, DataTypes);
    expect(rel).toEqual(seq);
    expect(rel).toEqual({ id: 1, tags: ['a', 'b'], ids: [1, 2, 3], net: '10.0.0.0/8', ip: '192.168.0.1', mac: '08:00:2b:01:02:03', search: "'cat' 'fat'" });
  });
});
