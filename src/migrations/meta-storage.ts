import { DataTypes } from '../data-types/index.js';
import type { QueryRunOptions, Relata } from '../relata.js';
import { compileSelectColumn } from '../sql/schema-ddl.js';

/**
 * The history table of executed migrations, as sequelize-cli keeps it: `SequelizeMeta` with one
 * `name VARCHAR(255)` primary key column holding each file name, so an existing project's
 * history carries over. With `enabled: false` (sequelize-cli's `seederStorage: 'none'`) nothing
 * is recorded.
 *
 * @example
 * const meta = new MetaStorage(relata, 'SequelizeMeta', true)
 * await meta.executed() // ['20240101000000-create-users.js']
 * @internal
 */
export class MetaStorage {
  readonly #relata: Relata;
  readonly table: string;
  readonly enabled: boolean;
  #ready = false;

  constructor(relata: Relata, table: string, enabled: boolean) {
    this.#relata = relata;
    this.table = table;
    this.enabled = enabled;
  }

  /** The recorded names, sorted. Creates the table on first use, as sequelize-cli does. */
  async executed(options: QueryRunOptions = {}): Promise<string[]> {
    if (!this.enabled) return [];
    await this.#ensure(options);
    const result = await this.#relata.execute(compileSelectColumn(this.#relata, this.table, 'name'), options);
    return (result.rows as Record<string, unknown>[]).map((r) => String(r['name']));
  }

  /** Records an applied migration (`up`) or forgets a reverted one (`down`). */
  async record(name: string, direction: 'up' | 'down', options: QueryRunOptions = {}): Promise<void> {
    if (!this.enabled) return;
    await this.#ensure(options);
    const queryInterface = this.#relata.getQueryInterface();
    if (direction === 'up') await queryInterface.bulkInsert(this.table, [{ name }], options);
    else await queryInterface.bulkDelete(this.table, { name }, options);
  }

  async #ensure(options: QueryRunOptions): Promise<void> {
    if (this.#ready) return;
    await this.#relata.getQueryInterface().createTable(this.table, { name: { type: DataTypes.STRING(255), allowNull: false, primaryKey: true } }, options);
    this.#ready = true;
  }
}
