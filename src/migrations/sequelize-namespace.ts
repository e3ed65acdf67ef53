import { DataTypes } from '../data-types/index.js';
import { Op } from '../query/operators.js';
import { cast, col, fn, literal, where } from '../query/fragments.js';
import { QueryTypes } from '../query/query-types.js';
import { Relata } from '../relata.js';
import { Transaction } from '../transactions/transaction.js';

/**
 * What a migration receives as its second argument (`Sequelize` in sequelize-cli files): every
 * data type at the top level (`Sequelize.INTEGER`, `Sequelize.STRING(50)`), `DataTypes`, `Op`,
 * `fn`, `col`, `literal`, `where`, `cast`, `QueryTypes`, `Transaction`, and the connection class
 * as `Sequelize` / `Relata`.
 */
export type SequelizeNamespace = typeof DataTypes & {
  readonly DataTypes: typeof DataTypes;
  readonly Op: typeof Op;
  readonly fn: typeof fn;
  readonly col: typeof col;
  readonly literal: typeof literal;
  readonly where: typeof where;
  readonly cast: typeof cast;
  readonly QueryTypes: typeof QueryTypes;
  readonly Transaction: typeof Transaction;
  readonly Sequelize: typeof Relata;
  readonly Relata: typeof Relata;
};

/**
 * The second argument of `up(queryInterface, Sequelize)`.
 *
 * @example
 * const Sequelize = sequelizeNamespace()
 * await queryInterface.addColumn('Users', 'age', { type: Sequelize.INTEGER, defaultValue: 0 })
 * @internal
 */
export function sequelizeNamespace(): SequelizeNamespace {
  return Object.freeze({ ...DataTypes, DataTypes, Op, fn, col, literal, where, cast, QueryTypes, Transaction, Sequelize: Relata, Relata });
}
