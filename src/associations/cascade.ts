import type { Model } from '../model/model.js';
import type { Association } from './association.js';

/**
 * With `hooks: true` and ON DELETE CASCADE, deleting a source instance first destroys its targets
 * one by one through the ORM, so their own destroy hooks (and their cascades) run. It happens in
 * the destroying transaction, so the whole cascade is atomic.
 * @internal
 */
export function installCascade(association: Association & { get(instance: Model, options: object): Promise<Model | Model[] | null> }): void {
  const onDelete = (association.options.onDelete ?? '').toUpperCase();
  if (association.options.hooks !== true || onDelete !== 'CASCADE') return;
  association.source.addHook('beforeDestroy', async (instance: never, options: never) => {
    const opts = options as { transaction?: unknown };
    const found = await association.get(instance as Model, { transaction: opts.transaction });
    const targets = Array.isArray(found) ? found : found ? [found] : [];
    for (const target of targets) await target.destroy({ ...(opts as object) });
  });
}
