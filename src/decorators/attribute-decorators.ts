import type { AttributeOptions } from '../metadata/model-options.js';
import { isMemberCall } from './decorator-call.js';
import type { FieldDecorator } from './decorator-types.js';
import { attributeDecoration, mergeAttributeOptions, type TimestampRole } from './model-decorations.js';
import { memberRecord } from './record-decoration.js';

// The small decorators that each set one attribute option (or timestamp role). They may sit above
// or below @Column; a field carrying one of them is an attribute even without @Column.

/** Records attribute options for the field a decorator was applied to. @internal */
export function setOption(decorator: string, args: readonly unknown[], options: Partial<AttributeOptions>): void {
  const { record, site } = memberRecord(decorator, args);
  const attribute = attributeDecoration(record, site.name);
  attribute.options = mergeAttributeOptions(attribute.options, options);
  attribute.isColumn = true;
  attribute.designType ??= site.designType;
}

function setRole(decorator: string, args: readonly unknown[], role: TimestampRole): void {
  const { record, site } = memberRecord(decorator, args);
  const attribute = attributeDecoration(record, site.name);
  attribute.timestampRole = role;
  attribute.designType ??= site.designType;
}

/**
 * Marks the primary key (one or several attributes).
 *
 * @example
 * @PrimaryKey @AutoIncrement @Column id!: number
 */
export function PrimaryKey(target: object, propertyKey: string | symbol): void;
export function PrimaryKey(value: undefined, context: ClassFieldDecoratorContext): void;
export function PrimaryKey(...args: unknown[]): void {
  setOption('@PrimaryKey', args, { primaryKey: true });
}

/**
 * Marks an auto-incremented integer key.
 *
 * @example
 * @PrimaryKey @AutoIncrement @Column id!: number
 */
export function AutoIncrement(target: object, propertyKey: string | symbol): void;
export function AutoIncrement(value: undefined, context: ClassFieldDecoratorContext): void;
export function AutoIncrement(...args: unknown[]): void {
  setOption('@AutoIncrement', args, { autoIncrement: true });
}

/**
 * Whether the attribute accepts NULL; bare means it does.
 *
 * @example
 * @AllowNull(false) @Column name!: string
 */
export function AllowNull(target: object, propertyKey: string | symbol): void;
export function AllowNull(value: undefined, context: ClassFieldDecoratorContext): void;
export function AllowNull(allowNull?: boolean): FieldDecorator;
export function AllowNull(...args: unknown[]): FieldDecorator | void {
  if (isMemberCall(args)) return setOption('@AllowNull', args, { allowNull: true });
  const allowNull = args[0] !== false;
  return ((...decoratorArgs: unknown[]) => setOption('@AllowNull', decoratorArgs, { allowNull })) as FieldDecorator;
}

/**
 * Adds a unique constraint; a string names a constraint several attributes share.
 *
 * @example
 * @Unique @Column email!: string
 * @Unique('name_per_team') @Column name!: string
 */
export function Unique(target: object, propertyKey: string | symbol): void;
export function Unique(value: undefined, context: ClassFieldDecoratorContext): void;
export function Unique(options: boolean | string | { name?: string; msg?: string }): FieldDecorator;
export function Unique(...args: unknown[]): FieldDecorator | void {
  if (isMemberCall(args)) return setOption('@Unique', args, { unique: true });
  const unique = args[0] as NonNullable<AttributeOptions['unique']>;
  return ((...decoratorArgs: unknown[]) => setOption('@Unique', decoratorArgs, { unique })) as FieldDecorator;
}

/**
 * The default value: a value, a function returning one, or DataTypes.NOW / UUIDV4.
 *
 * @example
 * @Default(DataTypes.UUIDV4) @Column(DataTypes.UUID) id!: string
 * @Default('draft') @Column status!: string
 */
export function Default(value: unknown): FieldDecorator {
  return ((...args: unknown[]) => setOption('@Default', args, { defaultValue: value })) as FieldDecorator;
}

/**
 * A column comment.
 *
 * @example
 * @Comment('shown on the profile page') @Column bio!: string
 */
export function Comment(comment: string): FieldDecorator {
  return ((...args: unknown[]) => setOption('@Comment', args, { comment })) as FieldDecorator;
}

/**
 * The attribute that records creation time (enables timestamps; no @Column needed).
 *
 * @example
 * @CreatedAt creationDate!: Date
 */
export function CreatedAt(target: object, propertyKey: string | symbol): void;
export function CreatedAt(value: undefined, context: ClassFieldDecoratorContext): void;
export function CreatedAt(...args: unknown[]): void {
  setRole('@CreatedAt', args, 'createdAt');
}

/**
 * The attribute that records the last update time.
 *
 * @example
 * @UpdatedAt updatedOn!: Date
 */
export function UpdatedAt(target: object, propertyKey: string | symbol): void;
export function UpdatedAt(value: undefined, context: ClassFieldDecoratorContext): void;
export function UpdatedAt(...args: unknown[]): void {
  setRole('@UpdatedAt', args, 'updatedAt');
}

/**
 * The soft-delete attribute: makes the model paranoid.
 *
 * @example
 * @DeletedAt deletionDate!: Date | null
 */
export function DeletedAt(target: object, propertyKey: string | symbol): void;
export function DeletedAt(value: undefined, context: ClassFieldDecoratorContext): void;
export function DeletedAt(...args: unknown[]): void {
  setRole('@DeletedAt', args, 'deletedAt');
}
