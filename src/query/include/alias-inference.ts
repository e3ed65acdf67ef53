// sequelize-typescript infers the alias of `include: [Post]` (or `{ model: Post }` without `as`)
// from the decorated source model's one association to Post, since its decorators alias every
// association by property name. Models registered from decorators opt in here.

const inferring = new WeakSet<object>();

/** Lets `include: [Target]` on `model` pick its one association to Target even when aliased. @internal */
export function inferIncludeAliases(model: object): void {
  inferring.add(model);
}

/** True for a model registered from sequelize-typescript-style decorators, or a scoped copy of one. @internal */
export function infersIncludeAliases(model: object): boolean {
  for (let m: object | null = model; m !== null && m !== Function.prototype; m = Object.getPrototypeOf(m) as object | null) {
    if (inferring.has(m)) return true;
  }
  return false;
}
