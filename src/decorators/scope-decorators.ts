import type { ClassDecoratorFunction } from './decorator-types.js';
import type { ScopesSpec } from './model-decorations.js';
import { classRecord } from './record-decoration.js';

/**
 * Named scopes, as an object or a thunk (so an include can name a model defined further down).
 *
 * @example
 * @Scopes(() => ({ published: { where: { status: 'published' } }, withAuthor: { include: ['author'] } }))
 * @Table class Post extends Model {}
 * await Post.scope('published').findAll()
 */
export function Scopes(scopes: ScopesSpec): ClassDecoratorFunction {
  return ((...args: unknown[]) => {
    classRecord('@Scopes', args).scopes = scopes;
  }) as ClassDecoratorFunction;
}

/**
 * The scope every query applies unless `unscoped()`.
 *
 * @example
 * @DefaultScope(() => ({ where: { active: true } }))
 * @Table class User extends Model {}
 */
export function DefaultScope(scope: ScopesSpec): ClassDecoratorFunction {
  return ((...args: unknown[]) => {
    classRecord('@DefaultScope', args).defaultScope = scope;
  }) as ClassDecoratorFunction;
}
