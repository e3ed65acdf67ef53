/**
 * The two sides of a differential test inside a `describeEachDialect` block: relata, and sequelize@6
 * on a twin namespace of the same server (see sequelize-twin.ts). Registers the block's
 * `beforeAll`/`afterAll`; the returned records are filled when the block starts.
 *
 * @example
 * describeEachDialect('x, relata against sequelize@6', (block) => {
 *   const { both } = pairedLibraries(block);
 *   it('…', async () => {
 *     const results = await both(async ({ db, L }) => db.define('X', { a: L.DataTypes.STRING }).findAll());
 *     expect(results.relata).toEqual(results.sequelize);
 *   });
 * });
 */
import { afterAll, beforeAll } from 'vitest';
import * as SequelizeLib from 'sequelize';
import * as RelataLib from '../../src/index.js';
import type { DialectContext } from './dialects.js';
import { sequelizeTwin, type SequelizeTwin } from './sequelize-twin.js';

export type Lib = 'relata' | 'sequelize';

/** One library's side: its connection and its module, typed as relata's. */
export interface LibraryApi {
  lib: Lib;
  db: RelataLib.Relata;
  L: typeof RelataLib;
}

export interface PairedLibraries<Db> {
  apis: Record<Lib, LibraryApi>;
  /** Each side's connection, as the test types it. */
  dbs: Record<Lib, Db>;
  types: Record<Lib, typeof RelataLib.DataTypes>;
  /** Runs the scenario on sequelize@6, then on relata. */
  both<T>(scenario: (api: LibraryApi) => Promise<T>): Promise<Record<Lib, T>>;
}

export function pairedLibraries<Db = RelataLib.Relata>(
  block: Pick<DialectContext, 'dialect' | 'connect' | 'url'>,
  twinOptions?: Record<string, unknown>,
): PairedLibraries<Db> {
  let twin: SequelizeTwin | undefined;
  const apis = {} as Record<Lib, LibraryApi>;
  const dbs = {} as Record<Lib, Db>;
  const types = { relata: RelataLib.DataTypes, sequelize: SequelizeLib.DataTypes as unknown as typeof RelataLib.DataTypes };
  beforeAll(async () => {
    const relata = await block.connect();
    twin = await sequelizeTwin(block.dialect, block.url, twinOptions);
    apis.relata = { lib: 'relata', db: relata, L: RelataLib };
    apis.sequelize = { lib: 'sequelize', db: twin.sequelize as never, L: SequelizeLib as never };
    dbs.relata = relata as unknown as Db;
    dbs.sequelize = twin.sequelize as unknown as Db;
  });
  afterAll(async () => twin?.close());
  return {
    apis,
    dbs,
    types,
    both: async (scenario) => ({ sequelize: await scenario(apis.sequelize), relata: await scenario(apis.relata) }),
  };
}
