import { AbstractDataType } from '../data-types/abstract.js';

/**
 * A column type written as SQL text in a migration (`type: 'TIMESTAMP'`), or read from a catalog.
 * It validates nothing: the database decides what the column holds.
 *
 * @example
 * await queryInterface.addColumn('Users', 'seen', { type: 'TIMESTAMP' }) // ALTER TABLE "Users" ADD COLUMN "seen" TIMESTAMP
 * @internal
 */
export class RawColumnType extends AbstractDataType {
  readonly key = 'RAW';
  readonly sql: string;

  constructor(sql: string) {
    super();
    this.sql = sql;
  }

  get params(): Readonly<Record<string, unknown>> {
    return { sql: this.sql };
  }

  override toString(): string {
    return this.sql;
  }
}
