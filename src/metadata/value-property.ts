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
    get(this: { dataValues: Record<string, unknown> }) {
      return this.dataValues[name];
    },
    set(this: { dataValues: Record<string, unknown> }, value: unknown) {
      this.dataValues[name] = value;
    },
  });
}
