import type { Model } from '../model/model.js';
import type { Association } from './association.js';

const cascading = new WeakSet<object>();

/**
 * With `hooks: true` and ON DELETE CASCADE, deleting a source instance first destroys its targets
 * one by one through the ORM, so their own destroy hooks (and their cascades) run. It happens in
 * the destroying transaction (`destroy` opens one for such models), so the whole cascade is atomic.
 * `onDelete` is the association's effective action (hasOne's default depends on the key).
 * @internal
 */
export function installCascade(
  association: Association & { get(instance: Model, options: object): Promise<Model | Model[] | null> },
  onDelete: string | undefined = association.options.onDelete,
): void {
  if (association.options.hooks !== true || (onDelete ?? '').toUpperCase() !== 'CASCADE') return;
  cascading.add(association.source);
  association.source.addHook('beforeDestroy', async (instance: never, options: never) => {
    const opts = options as { transaction?: unknown };
    const found = await association.get(instance as Model, { transaction: opts.transaction });
    const targets = Array.isArray(found) ? found : found ? [found] : [];
    for (const target of targets) await target.destroy({ ...(opts as object) });
  });
}

/** True when destroying an instance of `model` (or of a scoped copy) cascades through the ORM. @internal */
export function cascadesThroughHooks(model: object): boolean {
  for (let m: object | null = model; m !== null && m !== Function.prototype; m = Object.getPrototypeOf(m) as object | null) {
    if (cascading.has(m)) return true;
  }
  return false;
}
