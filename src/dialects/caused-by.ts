/**
 * True when `error`, or an error in its `cause` chain, matches `predicate`. Translated errors keep
 * the driver's error as `cause`, so a check written for driver errors also answers for them.
 *
 * @example
 * causedBy(new DatabaseError('deadlock', { cause: { code: '40P01' } }), isPostgresSerializationFailure) // true
 * @internal
 */
export function causedBy(error: unknown, predicate: (error: unknown) => boolean): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current !== null && current !== undefined && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    if (predicate(current)) return true;
    if (typeof current !== 'object') return false;
    seen.add(current);
  }
  return false;
}
