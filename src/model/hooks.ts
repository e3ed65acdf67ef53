import { InvalidOptionError } from '../errors/invalid-option-error.js';

/** The hooks a model can carry, as Sequelize 6 names them. */
export const MODEL_HOOK_NAMES = [
  'beforeValidate', 'afterValidate', 'validationFailed',
  'beforeCreate', 'afterCreate', 'beforeDestroy', 'afterDestroy', 'beforeRestore', 'afterRestore',
  'beforeUpdate', 'afterUpdate', 'beforeSave', 'afterSave', 'beforeUpsert', 'afterUpsert',
  'beforeBulkCreate', 'afterBulkCreate', 'beforeBulkDestroy', 'afterBulkDestroy',
  'beforeBulkRestore', 'afterBulkRestore', 'beforeBulkUpdate', 'afterBulkUpdate',
  'beforeFind', 'beforeFindAfterExpandIncludeAll', 'beforeFindAfterOptions', 'afterFind', 'beforeCount',
  'beforeAssociate', 'afterAssociate',
  'beforeSync', 'afterSync', 'beforeBulkSync', 'afterBulkSync', 'beforeQuery', 'afterQuery',
] as const;

/** Every hook name Sequelize 6 knows: the model's, plus those only a connection carries. */
export const HOOK_NAMES = [
  ...MODEL_HOOK_NAMES,
  'beforeDefine', 'afterDefine', 'beforeInit', 'afterInit',
  'beforeConnect', 'afterConnect', 'beforeDisconnect', 'afterDisconnect', 'beforePoolAcquire', 'afterPoolAcquire',
] as const;

/**
 * The hooks a connection (`relata.addHook`, `new Relata(url, { hooks })`) and the class
 * (`Relata.addHook`) accept: every model hook, which then runs for every model after the model's
 * own hooks, and Sequelize's connection-level ones.
 */
export const CONNECTION_HOOK_NAMES: readonly string[] = HOOK_NAMES;

/** A hook name. */
export type HookName = (typeof HOOK_NAMES)[number];

/**
 * As in Sequelize, a `beforeSave`/`afterSave` hook is registered on the create and update hooks
 * too: the writers run `beforeCreate` or `beforeUpdate` only, and the save hooks take their turn
 * in registration order among them.
 */
const PROXIES: Partial<Record<HookName, readonly HookName[]>> = {
  beforeSave: ['beforeUpdate', 'beforeCreate', 'beforeSave'],
  afterSave: ['afterUpdate', 'afterCreate', 'afterSave'],
};

type HookFn = (...args: never[]) => unknown;

function isHookName(hook: string): hook is HookName {
  return (HOOK_NAMES as readonly string[]).includes(hook);
}

/**
 * The hooks registered on one model (or connection), run in registration order; each may be async.
 * @internal
 */
export class HookRegistry {
  readonly #hooks = new Map<HookName, { name: string | undefined; fn: HookFn }[]>();
  readonly #owner: string;
  readonly #names: readonly string[];

  constructor(owner: string, names: readonly string[] = HOOK_NAMES) {
    this.#owner = owner;
    this.#names = names;
  }

  add(hook: string, nameOrFn: string | HookFn, maybeFn?: HookFn): void {
    const fn = typeof nameOrFn === 'function' ? nameOrFn : maybeFn;
    if (!isHookName(hook) || !this.#names.includes(hook)) {
      throw InvalidOptionError.expected(`${this.#owner}.addHook()`, 'the hook type', `one of ${this.#names.join(', ')}`, hook);
    }
    if (typeof fn !== 'function') throw InvalidOptionError.expected(`${this.#owner}.addHook(${hook})`, 'the hook', 'a function', fn);
    for (const type of PROXIES[hook] ?? [hook]) {
      const list = this.#hooks.get(type) ?? [];
      list.push({ name: typeof nameOrFn === 'string' ? nameOrFn : undefined, fn });
      this.#hooks.set(type, list);
    }
  }

  remove(hook: string, nameOrFn: string | HookFn): void {
    if (!isHookName(hook)) return;
    for (const type of PROXIES[hook] ?? [hook]) {
      const list = this.#hooks.get(type);
      if (list) this.#hooks.set(type, list.filter((h) => (typeof nameOrFn === 'string' ? h.name !== nameOrFn : h.fn !== nameOrFn)));
    }
  }

  /** Forgets every hook (Sequelize's `Sequelize.options.hooks = {}`). */
  clear(): void {
    this.#hooks.clear();
  }

  has(hook: string): boolean {
    // Only hook names are ever stored, so an unknown name simply has none.
    return (this.#hooks.get(hook as HookName)?.length ?? 0) > 0;
  }

  /** Runs the hooks of one type in order, awaiting each; `self` is their `this`, as in Sequelize. */
  async run(hook: HookName, self: unknown, ...args: unknown[]): Promise<void> {
    const list = this.#hooks.get(hook);
    if (!list) return;
    for (const h of [...list]) await (h.fn as (...a: unknown[]) => unknown).apply(self, args);
  }

  /** Runs the hooks of one type without awaiting them (Sequelize's synchronous hooks: define, init, associate). */
  runSync(hook: HookName, self: unknown, ...args: unknown[]): void {
    const list = this.#hooks.get(hook);
    if (!list) return;
    for (const h of [...list]) (h.fn as (...a: unknown[]) => unknown).apply(self, args);
  }

  /** Copies the hooks (scoped model classes share their base's hooks). */
  clone(): HookRegistry {
    const copy = new HookRegistry(this.#owner, this.#names);
    for (const [k, v] of this.#hooks) copy.#hooks.set(k, [...v]);
    return copy;
  }
}

/**
 * The class-level hooks (`Relata.addHook('beforeInit', …)`), shared by every connection: the
 * constructor runs `beforeInit` and `afterInit` from here.
 * @internal
 */
export const CLASS_HOOKS = new HookRegistry('Relata', CONNECTION_HOOK_NAMES);
