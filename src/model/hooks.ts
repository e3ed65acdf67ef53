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

/**
 * The hooks a connection (`relata.addHook`, `new Relata(url, { hooks })`) and the class
 * (`Relata.addHook`) accept: every model hook, which then runs for every model after the model's
 * own hooks, and Sequelize's connection-level ones.
 */
export const CONNECTION_HOOK_NAMES: readonly string[] = [
  ...HOOK_NAMES,
  'beforeFindAfterExpandIncludeAll', 'beforeFindAfterOptions',
  'beforeDefine', 'afterDefine', 'beforeInit', 'afterInit', 'beforeAssociate', 'afterAssociate',
  'beforeConnect', 'afterConnect', 'beforeDisconnect', 'afterDisconnect', 'beforePoolAcquire', 'afterPoolAcquire',
  'beforeBulkSync', 'afterBulkSync', 'beforeQuery', 'afterQuery',
];

type HookFn = (...args: never[]) => unknown;

/**
 * The hooks registered on one model, run in registration order; each may be async.
 * @internal
 */
export class HookRegistry {
  readonly #hooks = new Map<string, { name: string | undefined; fn: HookFn }[]>();
  readonly #owner: string;
  readonly #names: readonly string[];

  constructor(owner: string, names: readonly string[] = HOOK_NAMES) {
    this.#owner = owner;
    this.#names = names;
  }

  add(hook: string, nameOrFn: string | HookFn, maybeFn?: HookFn): void {
    const fn = typeof nameOrFn === 'function' ? nameOrFn : maybeFn;
    if (!this.#names.includes(hook)) {
      throw InvalidOptionError.expected(`${this.#owner}.addHook()`, 'the hook type', `one of ${this.#names.join(', ')}`, hook);
    }
    if (typeof fn !== 'function') throw InvalidOptionError.expected(`${this.#owner}.addHook(${hook})`, 'the hook', 'a function', fn);
    const list = this.#hooks.get(hook) ?? [];
    list.push({ name: typeof nameOrFn === 'string' ? nameOrFn : undefined, fn });
    this.#hooks.set(hook, list);
  }

  remove(hook: string, nameOrFn: string | HookFn): void {
    const list = this.#hooks.get(hook);
    if (!list) return;
    this.#hooks.set(hook, list.filter((h) => h.name !== nameOrFn && h.fn !== nameOrFn));
  }

  has(hook: string): boolean {
    return (this.#hooks.get(hook)?.length ?? 0) > 0;
  }

  async run(hook: string, ...args: unknown[]): Promise<void> {
    const list = this.#hooks.get(hook);
    if (!list) return;
    for (const h of list) await (h.fn as (...a: unknown[]) => unknown)(...args);
  }

  /** Runs hooks that Sequelize runs synchronously (`beforeDefine`, `afterDefine`); a returned promise is not awaited. */
  runSync(hook: string, ...args: unknown[]): void {
    for (const h of this.#hooks.get(hook) ?? []) (h.fn as (...a: unknown[]) => unknown)(...args);
  }

  /** Copies the hooks (scoped model classes share their base's hooks). */
  clone(): HookRegistry {
    const copy = new HookRegistry(this.#owner, this.#names);
    for (const [k, v] of this.#hooks) copy.#hooks.set(k, [...v]);
    return copy;
  }
}
