import { UnsupportedError } from '../../index.js';
import type { ClassDecoratorFunction, FieldDecorator } from '../decorator-types.js';

const TREES =
  "relata has no tree entities; declare the hierarchy as a self-association (@ManyToOne(() => Category, (c) => c.children) parent, @OneToMany(() => Category, (c) => c.parent) children) and load levels with find({ relations: { children: { children: true } } })";

/**
 * TypeORM's tree entities (`@Tree('closure-table')`, `@TreeChildren`, `@TreeParent`,
 * `@TreeLevelColumn`) are not part of relata: applying one throws an `UnsupportedError` that
 * names the self-association to declare instead.
 *
 * @example
 * @Entity() @Tree('closure-table') class Category { … }
 * // UnsupportedError: @Tree('closure-table') on Category: relata has no tree entities; declare the hierarchy as a self-association …
 */
export function Tree(type?: string, _options?: object): ClassDecoratorFunction {
  return ((target: unknown) => {
    throw new UnsupportedError(`@Tree(${type === undefined ? '' : JSON.stringify(type)}) on ${className(target)}`, TREES);
  }) as ClassDecoratorFunction;
}

/** See `Tree`: throws an `UnsupportedError`. */
export function TreeChildren(_options?: object): FieldDecorator {
  return unsupportedField('@TreeChildren()');
}

/** See `Tree`: throws an `UnsupportedError`. */
export function TreeParent(_options?: object): FieldDecorator {
  return unsupportedField('@TreeParent()');
}

/** See `Tree`: throws an `UnsupportedError`. */
export function TreeLevelColumn(): FieldDecorator {
  return unsupportedField('@TreeLevelColumn()');
}

function unsupportedField(decorator: string): FieldDecorator {
  return ((target: unknown, context: unknown) => {
    // Legacy decorators pass (prototype, key); standard ones (undefined, context).
    const legacy = typeof context === 'string' || typeof context === 'symbol';
    const property = legacy ? String(context) : String((context as { name?: unknown }).name);
    const owner = legacy ? className((target as { constructor?: unknown }).constructor) : 'an entity';
    throw new UnsupportedError(`${decorator} on ${owner}.${property}`, TREES);
  }) as FieldDecorator;
}

function className(target: unknown): string {
  return typeof target === 'function' && target.name !== '' ? target.name : 'an entity';
}
