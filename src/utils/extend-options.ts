/**
 * `{ ...options, ...extra }`, built key by key. The two give the same object, but a spread of
 * option objects of many shapes (every call site's literal) leaves V8's object-clone cache
 * megamorphic, and its fallback builds objects whose every later property read is slow: a warm
 * `findByPk` loop ran twice as long with a spread here.
 * @internal
 */
export function extendOptions<T extends object, E extends object>(options: T, extra: E): T & E {
  const out: Record<PropertyKey, unknown> = {};
  const source = options as Record<PropertyKey, unknown>;
  const keys = Object.keys(options);
  for (let i = 0; i < keys.length; i++) copy(out, keys[i] as string, source);
  for (const symbol of Object.getOwnPropertySymbols(options)) if (Object.prototype.propertyIsEnumerable.call(options, symbol)) out[symbol] = source[symbol];
  const more = Object.keys(extra);
  for (let i = 0; i < more.length; i++) copy(out, more[i] as string, extra as Record<PropertyKey, unknown>);
  return out as T & E;
}

function copy(out: Record<PropertyKey, unknown>, key: string, from: Record<PropertyKey, unknown>): void {
  // An own `__proto__` key stays a plain property, as a spread defines it.
  if (key === '__proto__') Object.defineProperty(out, key, { value: from[key], enumerable: true, writable: true, configurable: true });
  else out[key] = from[key];
}
