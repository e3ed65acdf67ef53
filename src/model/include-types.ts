import type { Model } from './model.js';

/** One entry of `include`, as the type system sees it: an alias, or an object naming one. */
export type IncludeEntry = string | { readonly as?: string; readonly association?: string; readonly include?: IncludeList; readonly model?: unknown; readonly [option: string]: unknown } | (abstract new (...args: never[]) => unknown);

/** The `include` option: one entry or a list. */
export type IncludeList = IncludeEntry | readonly IncludeEntry[];

type EntryAlias<E> = E extends string ? E : E extends { readonly as: infer A extends string } ? A : E extends { readonly association: infer A extends string } ? A : never;

type EntryOf<I> = I extends readonly (infer E)[] ? E : I;

type NestedOf<I, A extends string> = Extract<EntryOf<I>, { readonly as: A } | { readonly association: A }> extends { readonly include: infer N } ? N : never;

type Loaded<T, N> = [N] extends [never]
  ? T
  : T extends readonly (infer E)[]
    ? (E extends Model ? WithIncluded<E, N> : E)[]
    : T extends Model
      ? WithIncluded<T, N>
      : T;

/**
 * A model instance type with the included associations marked as loaded: `include: ['posts']`
 * turns `posts?: Post[]` into `posts: Post[]`; nested includes narrow their own instances.
 *
 * @example
 * const users = await User.findAll({ include: [{ model: Post, as: 'posts', include: ['comments'] }] })
 * users[0].posts[0].comments // Comment[], no `!` needed
 */
export type WithIncluded<M, I> = M & {
  -readonly [A in EntryAlias<EntryOf<I>> & keyof M]-?: Loaded<Exclude<M[A], undefined>, NestedOf<I, A & string>>;
};
