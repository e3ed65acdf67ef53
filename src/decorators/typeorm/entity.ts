import type { ClassDecoratorFunction } from '../decorator-types.js';
import type { EntityOptions } from './entity-decorations.js';
import { entityClassRecord } from './entity-record.js';

/**
 * Declares a TypeORM-style entity. The class needs no base class: registering it
 * (`new Relata({ models: [User] })`, `relata.addModels()`, `RelataModule.forFeature()`) makes it
 * a relata model with the whole Model API. The table is the class name in snake_case unless named.
 *
 * @example
 * @Entity()            // table "user"
 * export class User { @PrimaryGeneratedColumn() id: number; @Column() username: string }
 * @Entity('blog_posts') export class Post { … }
 */
export function Entity(options?: EntityOptions): ClassDecoratorFunction;
export function Entity(name?: string, options?: EntityOptions): ClassDecoratorFunction;
export function Entity(nameOrOptions?: string | EntityOptions, maybeOptions?: EntityOptions): ClassDecoratorFunction {
  const options: EntityOptions = typeof nameOrOptions === 'string' ? { ...(maybeOptions ?? {}), name: nameOrOptions } : { ...(nameOrOptions ?? {}) };
  return ((...args: unknown[]) => {
    entityClassRecord('@Entity', args).entity = options;
  }) as ClassDecoratorFunction;
}
