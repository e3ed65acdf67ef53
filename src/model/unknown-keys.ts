/**
 * What happens to a key relata does not know (an option key no method takes, a written value that
 * names no attribute). Sequelize ignores such keys, so relata does too by default: the key is
 * dropped and a warning says so, once per connection and (method, key). With
 * `new Relata(url, { strict: true })` the key is an error instead.
 *
 * The warning is a Node process warning (`process.emitWarning`) of type `RelataWarning`, with
 * `code` `RELATA_UNKNOWN_OPTION` (option keys) or `RELATA_UNKNOWN_ATTRIBUTE` (written values).
 * Listen with `process.on('warning', (w) => …)`, or silence with `node --no-warnings`.
 * @internal
 */

/** The warning codes relata emits for ignored keys. */
export const UNKNOWN_KEY_WARNINGS = {
  option: 'RELATA_UNKNOWN_OPTION',
  attribute: 'RELATA_UNKNOWN_ATTRIBUTE',
  ignoredOption: 'RELATA_IGNORED_OPTION',
} as const;

type WarningCode = (typeof UNKNOWN_KEY_WARNINGS)[keyof typeof UNKNOWN_KEY_WARNINGS];

interface StrictSource {
  readonly options: { readonly strict?: boolean | undefined };
}

const WARNED = new WeakMap<object, Set<string>>();
const WARNED_WITHOUT_CONNECTION = new Set<string>();

/**
 * The connection an owner of an options check belongs to: a model class (its `sequelize`), an
 * owner object carrying `connection`, or nothing (a model not initialized yet).
 */
export function connectionOf(owner: unknown): StrictSource | undefined {
  if (owner === null || (typeof owner !== 'object' && typeof owner !== 'function')) return undefined;
  const carried = (owner as { connection?: unknown }).connection;
  if (isStrictSource(carried)) return carried;
  if (typeof owner !== 'function') return undefined;
  try {
    const relata = (owner as { sequelize?: unknown }).sequelize;
    return isStrictSource(relata) ? relata : undefined;
  } catch {
    return undefined;
  }
}

function isStrictSource(value: unknown): value is StrictSource {
  return typeof value === 'object' && value !== null && typeof (value as { options?: unknown }).options === 'object' && (value as { options?: unknown }).options !== null;
}

/** True when the owner's connection was made with `strict: true`. */
export function isStrict(owner: unknown): boolean {
  return connectionOf(owner)?.options.strict === true;
}

/**
 * Emits `message` as a `RelataWarning` once per connection and (method, key). `message` is built
 * only when the warning is new.
 */
export function warnOnce(owner: unknown, code: WarningCode, method: string, key: string, message: () => string): void {
  const connection = connectionOf(owner);
  let seen = WARNED_WITHOUT_CONNECTION;
  if (connection !== undefined) {
    const known = WARNED.get(connection);
    if (known === undefined) WARNED.set(connection, (seen = new Set()));
    else seen = known;
  }
  const id = `${code}\0${method}\0${key}`;
  if (seen.has(id)) return;
  seen.add(id);
  process.emitWarning(message(), { type: 'RelataWarning', code });
}
