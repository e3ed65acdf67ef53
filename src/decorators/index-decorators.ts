import type { IndexOptions } from '../metadata/model-options.js';
import { isMemberCall } from './decorator-call.js';
import type { FieldDecorator } from './decorator-types.js';
import type { IndexField } from './model-decorations.js';
import { memberRecord } from './record-decoration.js';

/** The options of the index itself (`name`, `unique`…), without its fields. */
export type IndexDecoratorIndexOptions = Omit<IndexOptions, 'fields'>;
/** The per-field options of an index field. */
export type IndexFieldOptions = Omit<IndexField, 'name'>;
/** `@Index({ … })`: the index options and this field's options. */
export type IndexDecoratorOptions = IndexDecoratorIndexOptions & IndexFieldOptions;

/** `@Index`: bare, with the index name, or with options. */
export interface IndexDecorator {
  (target: object, propertyKey: string | symbol): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
  (nameOrOptions: string | IndexDecoratorOptions): FieldDecorator;
}

/** A decorator made by `createIndexDecorator()`: bare, or with this field's options. */
export interface SharedIndexDecorator {
  (target: object, propertyKey: string | symbol): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
  (fieldOptions: IndexFieldOptions): FieldDecorator;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function addField(decorator: string, args: readonly unknown[], key: string | symbol, index: IndexDecoratorIndexOptions, field: IndexFieldOptions): void {
  const { record, site } = memberRecord(decorator, args);
  let entry = record.indexes.get(key);
  if (!entry) {
    entry = { options: definedOnly(index), fields: [] };
    record.indexes.set(key, entry);
  }
  entry.fields.push({ name: site.name, ...definedOnly(field) });
}

/**
 * Indexes the attribute: bare, one index per field; a name, the fields sharing that name form one
 * (composite) index; options give `unique`, the name and this field's `order` / `length`.
 *
 * @example
 * @Index @Column email!: string
 * @Index('name_team') @Column name!: string
 * @Index({ name: 'name_team', unique: true, order: 'DESC' }) @Column teamId!: number
 */
export const Index: IndexDecorator = ((...args: unknown[]) => {
  if (isMemberCall(args)) return addField('@Index', args, Symbol('index'), {}, {});
  const given = args[0];
  if (typeof given === 'string') return ((...a: unknown[]) => addField('@Index', a, given, { name: given }, {})) as FieldDecorator;
  const { order, length, collate, ...index } = (given ?? {}) as IndexDecoratorOptions;
  const key = index.name ?? Symbol('index');
  return ((...a: unknown[]) => addField('@Index', a, key, index, { order, length, collate } as IndexFieldOptions)) as FieldDecorator;
}) as IndexDecorator;

/**
 * A decorator for one index that several fields share (a composite index declared on each of its
 * fields), as sequelize-typescript's `createIndexDecorator`.
 *
 * @example
 * const NameTeam = createIndexDecorator({ name: 'name_team', unique: true })
 * @NameTeam @Column name!: string
 * @NameTeam({ order: 'DESC' }) @Column teamId!: number
 */
export function createIndexDecorator(options: IndexDecoratorIndexOptions = {}): SharedIndexDecorator {
  const key = options.name ?? Symbol('index');
  return ((...args: unknown[]) => {
    if (isMemberCall(args)) return addField('@Index', args, key, options, {});
    const field = (args[0] ?? {}) as IndexFieldOptions;
    return ((...a: unknown[]) => addField('@Index', a, key, options, field)) as FieldDecorator;
  }) as SharedIndexDecorator;
}
