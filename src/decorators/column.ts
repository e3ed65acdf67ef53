import type { DataType } from '../data-types/index.js';
import type { AbstractDataType } from '../data-types/abstract.js';
import type { AttributeOptions } from '../metadata/model-options.js';
import { isMemberCall } from './decorator-call.js';
import type { FieldDecorator } from './decorator-types.js';
import { isDataType } from './init-decorated-model.js';
import { attributeDecoration, mergeAttributeOptions } from './model-decorations.js';
import { memberRecord } from './record-decoration.js';

/** Options for `@Column`: an attribute definition whose `type` may be left to inference. */
export type ColumnOptions = Partial<AttributeOptions>;

/**
 * Declares an attribute. Bare, the type comes from the property's TypeScript type (legacy
 * decorators with `emitDecoratorMetadata` and reflect-metadata: string, number, boolean, Date,
 * Buffer, bigint); otherwise pass a data type or attribute options.
 *
 * @example
 * @Column name!: string                                     // STRING, inferred
 * @Column(DataTypes.TEXT) bio!: string
 * @Column({ type: DataTypes.STRING(50), allowNull: false, unique: true }) email!: string
 */
export function Column(target: object, propertyKey: string | symbol): void;
export function Column(value: undefined, context: ClassFieldDecoratorContext): void;
export function Column(type: DataType | AbstractDataType): FieldDecorator;
export function Column(options: ColumnOptions): FieldDecorator;
export function Column(...args: unknown[]): FieldDecorator | void {
  if (isMemberCall(args)) {
    record(args, {});
    return;
  }
  const given = args[0];
  const options: ColumnOptions = isDataType(given) || typeof given === 'string' ? { type: given as DataType } : { ...((given ?? {}) as ColumnOptions) };
  return ((...decoratorArgs: unknown[]) => record(decoratorArgs, options)) as FieldDecorator;
}

function record(args: readonly unknown[], options: ColumnOptions): void {
  const { record: decorations, site } = memberRecord('@Column', args);
  const attribute = attributeDecoration(decorations, site.name);
  attribute.options = mergeAttributeOptions(attribute.options, { ...options, ...accessorOptions(args, site.name) });
  attribute.isColumn = true;
  attribute.designType ??= site.designType;
}

/**
 * `@Column` on a getter or setter: the accessor becomes the attribute's `get` / `set`, as
 * sequelize-typescript does (the model's own attribute accessors then call it).
 */
function accessorOptions(args: readonly unknown[], name: string): Pick<ColumnOptions, 'get' | 'set'> {
  const [target, context, descriptor] = args;
  if (isStandardAccessor(context)) {
    return context.kind === 'getter' ? { get: target as () => unknown } : { set: target as (value: never) => void };
  }
  const found = (descriptor as PropertyDescriptor | undefined) ?? (target !== null && typeof target === 'object' ? Object.getOwnPropertyDescriptor(target, name) : undefined);
  return { ...(found?.get ? { get: found.get } : {}), ...(found?.set ? { set: found.set } : {}) };
}

function isStandardAccessor(context: unknown): context is { kind: 'getter' | 'setter' } {
  const kind = (context as { kind?: unknown } | null)?.kind;
  return typeof context === 'object' && (kind === 'getter' || kind === 'setter');
}
