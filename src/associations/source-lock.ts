import { AssociationError } from '../errors/association-error.js';
import type { Model } from '../model/model.js';
import type { Transaction } from '../transactions/transaction.js';
import type { AccessorWriteOptions, ModelClass } from './association.js';

/**
 * Throws when the source instance has no value for the key its links use (it was never saved):
 * a link written with a NULL key would unlink the targets instead, or create orphans.
 * @internal
 */
export function requireSavedSource(source: ModelClass, sourceKey: string, instance: Model, accessor: string): void {
  const key = instance.get(sourceKey);
  if (key === null || key === undefined) {
    throw new AssociationError(`${accessor}: the ${source.name} instance has no ${sourceKey} because it is not saved yet; save it first`);
  }
}

/**
 * Locks the source row (`SELECT … FOR UPDATE`, FOR NO KEY UPDATE on PostgreSQL) in the write accessor's transaction, so concurrent
 * writes to one parent's links (`setX`, `addX`, `removeX` from many requests at once) run one
 * after another: each sees the links the previous one committed, a link added twice at once is
 * written once, and two writers never deadlock on the link rows. Dialects without row locks
 * (SQLite: one connection) already run transactions one at a time, so there it only checks that
 * the source is saved.
 * @internal
 */
export async function lockSourceRow(source: ModelClass, sourceKey: string, instance: Model, transaction: Transaction, accessor: string): Promise<void> {
  requireSavedSource(source, sourceKey, instance, accessor);
  if (!source.sequelize.adapter.capabilities.rowLocks) return;
  // FOR NO KEY UPDATE where it exists: a concurrent link insert that references this row (a
  // self-association's junction) takes a KEY SHARE lock on it, which FOR UPDATE would deadlock with.
  const lock = source.sequelize.adapter.capabilities.noKeyUpdateLock ? 'NO KEY UPDATE' : true;
  // Logged by the connection's logger, not the call's `logging`: Sequelize code counts the
  // statements its accessor call issues (a SELECT of the links, one INSERT), and this one is relata's.
  await source.unscoped().findAll({
    where: { [sourceKey]: instance.get(sourceKey) }, attributes: [sourceKey], lock, transaction, raw: true, hooks: false, paranoid: false,
  } as never);
}

/**
 * The transaction options of a write accessor that locks its source row: the caller's transaction
 * when there is one; otherwise one of its own that runs again (up to 3 times) when it loses a lock
 * race. Links of a self-association written at once (`a.addFan(b)`, `b.addUser(c)`, `c.addFan(a)`)
 * can deadlock on MariaDB: each holds its source row and waits on another's for the junction's
 * foreign key check; Sequelize, which locks nothing, never fails there, so neither does relata.
 * @internal
 */
export function lockedTransactionOptions(source: ModelClass, options: AccessorWriteOptions): { transaction?: Transaction | null; retry?: { max: number } } {
  if (options.transaction !== undefined && options.transaction !== null) return { transaction: options.transaction };
  if (options.transaction === undefined && source.sequelize.currentTransaction() !== undefined) return {};
  return { ...(options.transaction === null ? { transaction: null } : {}), retry: { max: 3 } };
}

/**
 * Runs a one-statement write accessor in a transaction of its own (a savepoint inside the
 * caller's) holding {@link lockSourceRow}, so a check after the statement can still undo it.
 * @internal
 */
export async function withSourceLock<T>(
  source: ModelClass,
  sourceKey: string,
  instance: Model,
  options: AccessorWriteOptions,
  accessor: string,
  fn: (scope: { transaction: Transaction }) => Promise<T>,
): Promise<T> {
  requireSavedSource(source, sourceKey, instance, accessor);
  return source.sequelize.transaction(lockedTransactionOptions(source, options), async (transaction) => {
    await lockSourceRow(source, sourceKey, instance, transaction, accessor);
    return fn({ transaction });
  });
}
