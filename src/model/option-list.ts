import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { UnknownOptionError } from '../errors/unknown-option-error.js';
import { Op } from '../query/operators.js';
import { isPlainObject } from '../query/where.js';
import { closestName } from '../utils/closest-name.js';
import { isStrict, UNKNOWN_KEY_WARNINGS, warnOnce } from './unknown-keys.js';

/** A Sequelize option relata does not implement. @internal */
export interface UnsupportedOption {
  /** What ignoring it would change, and what to do instead. */
  readonly reason: string;
  /** Values that ask for nothing relata lacks (a default such as `false`); `undefined` always passes. */
  readonly accepts?: (value: unknown) => boolean;
}

/** The keys one method accepts. @internal */
export interface OptionListSpec {
  /** Options relata implements, and documented ones it accepts because ignoring them changes nothing. */
  readonly accepted: readonly string[];
  /** Documented Sequelize options relata does not implement. */
  readonly unsupported?: Readonly<Record<string, UnsupportedOption>>;
  /**
   * Keys Sequelize accepts here that change nothing in relata: accepted, with a one-time
   * `RELATA_IGNORED_OPTION` warning saying why (the value).
   */
  readonly ignored?: Readonly<Record<string, string>>;
  /** Keys relata passes to its own methods; accepted, never listed in messages. */
  readonly internal?: readonly string[];
  /** Check the entries of `include` too. */
  readonly includes?: boolean;
}

/**
 * What an options check reports against: a model class, or the connection (then `connection`
 * carries it, so its `strict` option applies). @internal
 */
export interface OptionOwner {
  readonly name: string;
  readonly connection?: unknown;
}

/** The text a warning adds to an unknown-key message. @internal */
export const IGNORED_NOTE = 'It is ignored, as Sequelize does; new Relata(…, { strict: true }) makes this an error.';

/**
 * An unknown key's error under `strict: true`; otherwise a one-time warning and `undefined`.
 * @internal
 */
export function unknownKey<E extends Error>(owner: unknown, method: string, key: string, code: 'option' | 'attribute', error: () => E): E | undefined {
  if (isStrict(owner)) return error();
  warnOnce(owner, UNKNOWN_KEY_WARNINGS[code], method, key, () => `${error().message}. ${IGNORED_NOTE}`);
  return undefined;
}

const INTERNAL = new WeakSet<object>();
const LOGICAL = [['or', Op.or], ['and', Op.and], ['not', Op.not]] as const;

/**
 * Marks an options object that relata builds for one of its own public methods from options it
 * already checked (an accessor passing `through` to `create`, a nested create passing
 * `individualHooks` down). Such an object skips the check. Pass a fresh object: the mark stays
 * with it.
 * @internal
 */
export function internalOptions<T extends object>(options: T): T {
  INTERNAL.add(options);
  return options;
}

/**
 * The option keys one public method accepts, checked on every call: a plain `for…in` over the
 * given object against a precomputed Set, so a valid call allocates nothing. Everything else
 * (internal marks, unsupported options, suggestions) is looked at only once a key is not in the
 * Set.
 * @internal
 */
export class OptionList {
  readonly #allowed: ReadonlySet<string>;
  readonly #unsupported: ReadonlyMap<string, UnsupportedOption>;
  readonly #ignored: ReadonlyMap<string, string>;
  readonly #includes: boolean;
  readonly #takesWhere: boolean;
  readonly #kind: string;
  /** The keys named in messages, in the order given. */
  readonly listed: readonly string[];

  constructor(spec: OptionListSpec, kind = 'option') {
    const unsupported = new Map(Object.entries(spec.unsupported ?? {}));
    const accepted = spec.accepted.filter((key) => !unsupported.has(key));
    this.#allowed = new Set([...accepted, ...(spec.internal ?? [])]);
    this.#unsupported = unsupported;
    this.#ignored = new Map(Object.entries(spec.ignored ?? {}));
    this.#includes = spec.includes === true;
    this.#takesWhere = this.#allowed.has('where');
    this.#kind = kind;
    this.listed = [...new Set([...accepted, ...this.#ignored.keys()])];
  }

  /**
   * The problem with `options` for `owner.method`, or `undefined` when every key is accepted.
   *
   * @example
   * FIND_ALL.problem({ wher: {} }, User, 'findAll')?.message // 'User.findAll: unknown option "wher"; did you mean "where"? …'
   */
  problem(options: unknown, owner: OptionOwner, method: string): InvalidOptionError | undefined {
    if (options === undefined || options === null) return undefined;
    if (typeof options !== 'object' || Array.isArray(options)) {
      return InvalidOptionError.expected(`${owner.name}.${method}`, 'the options', `an object of ${this.#kind}s (${this.listed.join(', ')})`, options);
    }
    const allowed = this.#allowed;
    for (const key in options) {
      if (allowed.has(key)) continue;
      if (INTERNAL.has(options)) return undefined;
      const problem = this.#keyProblem(options as Record<string, unknown>, key, owner, method);
      if (problem !== undefined) return problem;
    }
    if (this.#takesWhere) {
      const record = options as Record<symbol, unknown>;
      if (record[Op.or] !== undefined || record[Op.and] !== undefined || record[Op.not] !== undefined) {
        const [name] = LOGICAL.find(([, symbol]) => record[symbol] !== undefined) as (typeof LOGICAL)[number];
        const problem = unknownKey(owner, `${owner.name}.${method}`, `[Op.${name}]`, 'option', () => UnknownOptionError.misplacedOperator(`${owner.name}.${method}`, name, this.listed));
        if (problem !== undefined) return problem;
      }
    }
    if (this.#includes) {
      const include = (options as { include?: unknown }).include;
      if (include !== undefined && include !== null && !INTERNAL.has(options)) return includeProblem(include, owner, method, 0);
    }
    return undefined;
  }

  /** Throws the problem, for synchronous methods (`build`, `scope`). */
  assert(options: unknown, owner: OptionOwner, method: string): void {
    const problem = this.problem(options, owner, method);
    if (problem !== undefined) throw problem;
  }

  /** A rejected promise carrying the problem, or `undefined`: `return LIST.reject(…) ?? run()`. */
  reject(options: unknown, owner: OptionOwner, method: string): Promise<never> | undefined {
    const problem = this.problem(options, owner, method);
    return problem === undefined ? undefined : Promise.reject(problem);
  }

  #keyProblem(options: Record<string, unknown>, key: string, owner: OptionOwner, method: string): InvalidOptionError | undefined {
    const where = `${owner.name}.${method}`;
    const value = options[key];
    const ignored = this.#ignored.get(key);
    if (ignored !== undefined) {
      if (value !== undefined && value !== false) warnOnce(owner, UNKNOWN_KEY_WARNINGS.ignoredOption, where, key, () => `${where}: option ${JSON.stringify(key)} is accepted but does nothing here: ${ignored}.`);
      return undefined;
    }
    const unsupported = this.#unsupported.get(key);
    if (unsupported !== undefined) {
      if (value === undefined || unsupported.accepts?.(value) === true) return undefined;
      return InvalidOptionError.unsupported(where, key, value, unsupported.reason);
    }
    return unknownKey(owner, where, key, 'option', () => {
      const suggestion = closestName(key, this.listed);
      return UnknownOptionError.forKey(where, this.#kind, key, suggestion, this.listed, this.#takesWhere ? attributeHint(owner, key, suggestion) : undefined);
    });
  }
}

// `User.findAll({ name: 'ada' })`: an attribute written next to `where` instead of inside it.
function attributeHint(owner: OptionOwner, key: string, suggestion: string | undefined): string | undefined {
  if (suggestion !== undefined) return undefined;
  const definition = (owner as { definition?: { attributes?: ReadonlyMap<string, unknown> } }).definition;
  if (!definition?.attributes?.has(key)) return undefined;
  return `${JSON.stringify(key)} is an attribute of ${owner.name}; conditions go inside where: { ${key}: … }. `;
}

const MAX_INCLUDE_DEPTH = 32;

const INCLUDE_KEYS = ['model', 'as', 'association', 'where', 'required', 'attributes', 'paranoid', 'through', 'order', 'separate', 'limit', 'offset', 'include', 'duplicating', 'subQuery'];

const INCLUDE = new OptionList(
  {
    accepted: [...INCLUDE_KEYS, 'all', 'on', 'right'],
    unsupported: {
      nested: { reason: 'nested only applies next to all: true' },
    },
  },
  'include option',
);

const INCLUDE_ALL = new OptionList(
  {
    accepted: ['all', 'nested'],
    unsupported: Object.fromEntries(
      [...INCLUDE_KEYS, 'on', 'right'].map((key) => [key, { reason: 'options next to all: true are not applied to each association; list the includes one by one with their options' }]),
    ),
  },
  'include option',
);

const THROUGH = new OptionList(
  {
    accepted: ['where', 'attributes', 'as', 'paranoid'],
  },
  'through option',
);

function includeProblem(include: unknown, owner: OptionOwner, method: string, depth: number): InvalidOptionError | undefined {
  if (depth > MAX_INCLUDE_DEPTH) return undefined;
  if (Array.isArray(include)) {
    for (const entry of include) {
      const problem = entryProblem(entry, owner, method, depth);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  return entryProblem(include, owner, method, depth);
}

function entryProblem(entry: unknown, owner: OptionOwner, method: string, depth: number): InvalidOptionError | undefined {
  // Model classes, alias strings and association objects carry no options.
  if (!isPlainObject(entry)) return undefined;
  if (plainInclude(entry)) return undefined;
  const label = `${method} (include ${includeLabel(entry)})`;
  if (entry['all'] !== undefined) {
    return INCLUDE_ALL.problem(entry, owner, label);
  }
  const problem = INCLUDE.problem(entry, owner, label);
  if (problem !== undefined) return problem;
  const through = entry['through'];
  if (isPlainObject(through)) {
    const throughProblem = THROUGH.problem(through, owner, label);
    if (throughProblem !== undefined) return throughProblem;
  }
  const nested = entry['include'];
  return nested === undefined || nested === null ? undefined : includeProblem(nested, owner, method, depth + 1);
}

// Include keys that carry no nested options to check: an entry of only these passes as it is.
const PLAIN_INCLUDE_KEYS: ReadonlySet<string> = new Set(INCLUDE_KEYS.filter((k) => k !== 'through' && k !== 'include'));

/** An include entry of accepted keys only, none of them nesting options: nothing to report (checked without building a message). */
function plainInclude(entry: Record<string | symbol, unknown>): boolean {
  for (const key in entry) if (!PLAIN_INCLUDE_KEYS.has(key)) return false;
  return entry[Op.or] === undefined && entry[Op.and] === undefined && entry[Op.not] === undefined;
}

function includeLabel(entry: Record<string, unknown>): string {
  if (typeof entry['as'] === 'string') return entry['as'];
  if (typeof entry['association'] === 'string') return entry['association'];
  const model = entry['model'];
  if (typeof model === 'function') return (model as { name: string }).name;
  return entry['all'] !== undefined ? 'all' : 'entry';
}
