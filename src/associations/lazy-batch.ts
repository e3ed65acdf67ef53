import { UnbatchedLazyLoadError } from '../errors/unbatched-lazy-load-error.js';
import type { Model } from '../model/model.js';
import type { AccessorFindOptions, Association } from './association.js';

interface Batch {
  readonly epoch: number;
  readonly promise: Promise<void>;
  readonly served: WeakSet<Model>;
}

const batches = new WeakMap<readonly Model[], Map<Association, Batch>>();

/**
 * Serves a lazy accessor (`user.getPosts()`) from one query for the whole result set the
 * instance came from. The first call loads the association for every sibling; the others resolve
 * from that load, also when called together under Promise.all. A batch is used once per instance
 * and only while no write has happened since it was loaded; otherwise the instance loads alone
 * (which strict mode reports).
 * @internal
 */
export async function lazyLoad<T>(
  association: Association,
  instance: Model,
  options: AccessorFindOptions,
  single: () => Promise<T>,
): Promise<T> {
  const siblings = instance._options.siblings;
  const relata = association.source.sequelize;
  if (siblings === undefined || siblings.length < 2 || !batchable(options)) return single();
  let perSet = batches.get(siblings);
  if (!perSet) {
    perSet = new Map();
    batches.set(siblings, perSet);
  }
  const epoch = relata.writeEpoch;
  let batch = perSet.get(association);
  if (batch !== undefined && batch.epoch !== epoch && !batch.served.has(instance)) {
    // Something was written since the set loaded: a loop that writes between reads. Load alone.
    if (relata.options.strict === true) {
      throw UnbatchedLazyLoadError.forAssociation(association.source.name, association.as, 'a write happened after the batch loaded');
    }
    return single();
  }
  if (batch === undefined || batch.served.has(instance) || batch.epoch !== epoch) {
    const loadOptions: AccessorFindOptions = options.transaction === undefined ? {} : { transaction: options.transaction };
    if (options.logging !== undefined) loadOptions.logging = options.logging;
    batch = { epoch, promise: association.loadInto(siblings, loadOptions), served: new WeakSet() };
    perSet.set(association, batch);
  }
  batch.served.add(instance);
  await batch.promise;
  return instance.dataValues[association.as] as T;
}

// Only plain calls are batched: options that change the rows would give each instance different results.
function batchable(options: AccessorFindOptions): boolean {
  for (const key of Object.keys(options)) {
    if (key !== 'transaction' && key !== 'logging') return false;
  }
  return true;
}
