import { InvalidOptionError } from '../errors/invalid-option-error.js';

/**
 * Refuses the index options relata types (as Sequelize does) but does not emit: an operator class
 * and per-column collations change which queries the index serves, so dropping them silently
 * would hide a difference. `concurrently` only changes the lock taken while building; it is accepted.
 * @internal
 */
export function refuseIndexExtras(where: string, index: { operator?: unknown; fields?: readonly unknown[] }): void {
  if (index.operator !== undefined) {
    throw InvalidOptionError.unsupported(where, 'operator', index.operator, 'index operator classes are not emitted; create the index with relata.query()');
  }
  for (const field of index.fields ?? []) {
    if (typeof field === 'object' && field !== null && 'collate' in field && field.collate !== undefined) {
      throw InvalidOptionError.unsupported(where, 'collate', field.collate, 'per-column index collations are not emitted; create the index with relata.query()');
    }
  }
}
