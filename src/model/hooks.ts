import { InvalidOptionError } from '../errors/invalid-option-error.js';

/** Every lifecycle hook name, as Sequelize spells them. */
export const HOOK_NAMES = [
  'beforeValidate', 'afterValidate', 'validationFailed',
  'beforeCreate', 'afterCreate', 'beforeDestroy', 'afterDestroy', 'beforeRestore', 'afterRestore',
  'beforeUpdate', 'afterUpdate', 'beforeSave', 'afterSave', 'beforeUpsert', 'afterUpsert',
  'beforeBulkCreate', 'afterBulkCreate', 'beforeBulkDestroy', 'afterBulkDestroy',
  'beforeBulkRestore', 'afterBulkRestore', 'beforeBulkUpdate', 'afterBulkUpdate',
  'beforeFind', 'afterFind', 'beforeCount', 'beforeSync', 'afterSync',
] as const;

/** A hook name. */
export type HookName = (typeof HOOK_NAMES)[number];

type HookFn = (...args: never[]) => unknown;

/**
 * The hooks registered on one model, run in registration order; each may be async.
 * @internal
 */
export class HookRegistry {
  readonly #hooks = new Map<HookName, { name: string | undefined; fn: HookFn }[]>();
  readonly #owner: string;

  constructor(owner: string) {
    this.#owner = owner;
  }

  add(hook: string, nameOrFn: string | HookFn, maybeFn?: HookFn): void {
    const fn = typeof nameOrFn === 'function' ? nameOrFn : maybeFn;
    if (!(HOOK_NAMES as readonly string[]).includes(hook)) {
      throw InvalidOptionError.expected(`${this.#owner}.addHook()`, 'the hook type', `one of ${HOOK_NAMES.join(', ')}`, hook);
    }
    if (typeof fn !== 'function') throw InvalidOptionError.expected(`${this.#owner}.addHook(${hook})`, 'the hook', 'a function', fn);
    const list = this.#hooks.get(hook as HookName) ?? [];
    list.push({ name: typeof nameOrFn === 'string' ? nameOrFn : undefined, fn });
    this.#hooks.set(hook as HookName, list);
  }

  remove(hook: HookName, nameOrFn: string | HookFn): void {
    const list = this.#hooks.get(hook);
    if (!list) return;
    this.#hooks.set(hook, list.filter((h) => h.name !== nameOrFn && h.fn !== nameOrFn));
  }

  has(hook: HookName): boolean {
    return (this.#hooks.get(hook)?.length ?? 0) > 0;
  }

  async run(hook: HookName, ...args: unknown[]): Promise<void> {
    const list = this.#hooks.get(hook);
    if (!list) return;
    for (const h of list) await (h.fn as (...a: unknown[]) => unknown)(...args);
  }

  /** Copies the hooks (scoped model classes share their base's hooks). */
  clone(): HookRegistry {
    const copy = new HookRegistry(this.#owner);
    for (const [k, v] of this.#hooks) copy.#hooks.set(k, [...v]);
    return copy;
  }
}
