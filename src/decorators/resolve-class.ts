// Shared by 'relata' and 'relata/typeorm' (separate bundles): no core imports here.

function isClass(fn: (...args: never[]) => unknown): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

/**
 * The class a decorator argument names: a thunk (`() => Post`, called now, long after every
 * entity module finished loading) or the class itself.
 * @internal
 */
export function resolveClass(value: unknown): unknown {
  if (typeof value !== 'function') return value;
  const fn = value as (...args: never[]) => unknown;
  return isClass(fn) ? fn : fn();
}

/** The name of the class a thunk returns, for messages; never throws. @internal */
export function describeTarget(thunk: () => unknown): string {
  try {
    const target = resolveClass(thunk);
    return typeof target === 'function' ? target.name : String(target);
  } catch {
    return '(unresolved)';
  }
}
