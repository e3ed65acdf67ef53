/**
 * A prototype property reading and writing `dataValues[name]` (loaded associations, junction rows).
 * Names the prototype already has are left alone.
 *
 * @example
 * defineValueProperty(User.prototype, 'posts') // user.posts reads user.dataValues.posts
 * @internal
 */
export function defineValueProperty(prototype: object, name: string): void {
  if (Object.prototype.hasOwnProperty.call(prototype, name)) return;
  Object.defineProperty(prototype, name, {
    configurable: true,
    enumerable: false,
    get(this: { dataValues: Record<string, unknown> | undefined }) {
      return this.dataValues?.[name];
    },
    set(this: { dataValues: Record<string, unknown> | undefined }, value: unknown) {
      ensureRecordState(this);
      (this.dataValues as Record<string, unknown>)[name] = value;
    },
  });
}

/**
 * Gives an object that never went through Model's constructor the state of a new record. A
 * TypeORM-style entity built with `new User()` is one: its class has no base class in the
 * source, so its constructor never reaches Model's, and the first value set on it (through the
 * prototype accessors) starts its state here, as `Model.build()` would.
 * @internal
 */
export function ensureRecordState(instance: object): void {
  const self = instance as { dataValues?: object; _previousDataValues?: object; _changed?: Set<string>; isNewRecord?: boolean; _options?: object };
  if (self.dataValues !== undefined) return;
  self.dataValues = {};
  self._previousDataValues = {};
  self._changed = new Set();
  self.isNewRecord = true;
  self._options = { isNewRecord: true, raw: false };
}
