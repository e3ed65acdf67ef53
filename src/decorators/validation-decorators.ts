import validator from 'validator';
import { DecoratorError } from '../errors/decorator-error.js';
import type { ValidatorSpec } from '../metadata/model-options.js';
import { isMemberCall } from './decorator-call.js';
import type { FieldDecorator } from './decorator-types.js';
import { setOption } from './attribute-decorators.js';
import { memberRecord } from './record-decoration.js';

// sequelize-typescript's validation decorators: each adds one rule to the attribute's `validate`
// (the rules of several decorators accumulate), with Sequelize's rule names and arguments.

/** A rule argument, or `{ msg, args }` to give the message of its ValidationErrorItem. */
export type RuleArgument<T> = T | { msg: string; args: T };

/** A pattern for `@Is` / `@Not`: a RegExp, a source string, or `[source, flags]`. */
export type PatternArgument = string | RegExp | readonly (string | RegExp)[];

function rule(decorator: string, name: string, spec: ValidatorSpec): FieldDecorator {
  return ((...args: unknown[]) => setOption(decorator, args, { validate: { [name]: spec } })) as FieldDecorator;
}

/** A bare rule decorator: `@IsEmail email!: string`. */
export interface BareRule {
  (target: object, propertyKey: string | symbol): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
}

function bare(decorator: string, name: string): BareRule {
  return ((...args: unknown[]) => setOption(decorator, args, { validate: { [name]: true } })) as BareRule;
}

/**
 * A custom validator function (named by its argument, or the function's own name, as `is<Name>`),
 * or Sequelize's `is` pattern rule.
 *
 * @example
 * @Is('Hex', (v: string) => { if (!/^[0-9a-f]+$/.test(v)) throw new Error('not hex') }) @Column color!: string
 * @Is(/^[a-z]+$/i) @Column code!: string
 */
export function Is(name: string, validator: (value: never) => unknown): FieldDecorator;
export function Is(validator: (value: never) => unknown): FieldDecorator;
export function Is(pattern: RuleArgument<PatternArgument>): FieldDecorator;
export function Is(...args: unknown[]): FieldDecorator {
  const [first, second] = args;
  if (typeof first === 'function' || (typeof first === 'string' && typeof second === 'function')) {
    const fn = (typeof first === 'function' ? first : second) as (value: never) => unknown;
    const name = typeof first === 'string' ? first : fn.name;
    if (name === '') throw DecoratorError.unnamedValidator('@Is');
    return rule('@Is', `is${name.charAt(0).toUpperCase()}${name.slice(1)}`, fn);
  }
  return rule('@Is', 'is', first as ValidatorSpec);
}

/**
 * The value must not match the pattern.
 *
 * @example
 * @Not(/\s/) @Column slug!: string
 */
export function Not(pattern: RuleArgument<PatternArgument>): FieldDecorator {
  return rule('@Not', 'not', pattern as ValidatorSpec);
}

/**
 * String length between `min` (default 0) and `max`.
 *
 * @example
 * @Length({ min: 2, max: 20, msg: 'between 2 and 20 characters' }) @Column name!: string
 */
export function Length({ msg, min, max }: { msg?: string; min?: number; max?: number }): FieldDecorator {
  const bounds = [min ?? 0, max];
  return rule('@Length', 'len', msg === undefined ? bounds : { args: bounds, msg });
}

/**
 * Numeric lower bound.
 *
 * @example
 * @Min(0) @Column stock!: number
 */
export function Min(limit: number): FieldDecorator {
  return rule('@Min', 'min', limit);
}

/**
 * Numeric upper bound.
 *
 * @example
 * @Max(5) @Column rating!: number
 */
export function Max(limit: number): FieldDecorator {
  return rule('@Max', 'max', limit);
}

/**
 * One of the listed values (Sequelize's `isIn: [['a', 'b']]`).
 *
 * @example
 * @IsIn([['draft', 'published']]) @Column status!: string
 */
export function IsIn(values: RuleArgument<readonly (readonly unknown[])[]>): FieldDecorator {
  return rule('@IsIn', 'isIn', values as ValidatorSpec);
}

/**
 * None of the listed values.
 *
 * @example
 * @NotIn([['admin', 'root']]) @Column login!: string
 */
export function NotIn(values: RuleArgument<readonly (readonly unknown[])[]>): FieldDecorator {
  return rule('@NotIn', 'notIn', values as ValidatorSpec);
}

/**
 * Contains the substring.
 *
 * @example
 * @Contains('@') @Column handle!: string
 */
export function Contains(value: RuleArgument<string>): FieldDecorator {
  return rule('@Contains', 'contains', value);
}

/**
 * Does not contain the substring.
 *
 * @example
 * @NotContains('http') @Column bio!: string
 */
export function NotContains(value: RuleArgument<string>): FieldDecorator {
  return rule('@NotContains', 'notContains', value);
}

/**
 * Equals the string.
 *
 * @example
 * @Equals('yes') @Column consent!: string
 */
export function Equals(value: RuleArgument<string>): FieldDecorator {
  return rule('@Equals', 'equals', value);
}

/**
 * A date after the given one.
 *
 * @example
 * @IsAfter('2020-01-01') @Column startsOn!: Date
 */
export function IsAfter(date: string): FieldDecorator {
  return rule('@IsAfter', 'isAfter', date);
}

/**
 * A date before the given one.
 *
 * @example
 * @IsBefore('2100-01-01') @Column endsOn!: Date
 */
export function IsBefore(date: string): FieldDecorator {
  return rule('@IsBefore', 'isBefore', date);
}

/**
 * A UUID of that version (`'all'` for any).
 *
 * @example
 * @IsUUID(4) @Column(DataType.UUID) ref!: string
 */
export function IsUUID(version: 3 | 4 | 5 | '3' | '4' | '5' | 'all'): FieldDecorator {
  return rule('@IsUUID', 'isUUID', version);
}

/**
 * Not an empty string (bare, or with the message of the error).
 *
 * @example
 * @NotEmpty({ msg: 'name is required' }) @Column name!: string
 */
export function NotEmpty(target: object, propertyKey: string | symbol): void;
export function NotEmpty(value: undefined, context: ClassFieldDecoratorContext): void;
export function NotEmpty(options: { msg: string }): FieldDecorator;
export function NotEmpty(...args: unknown[]): FieldDecorator | void {
  if (isMemberCall(args)) return setOption('@NotEmpty', args, { validate: { notEmpty: true } });
  return rule('@NotEmpty', 'notEmpty', args[0] as { msg: string });
}

/**
 * Validation rules as Sequelize's `validate` object.
 *
 * @example
 * @Validate({ isEmail: { msg: 'not an email' }, len: [3, 80] }) @Column email!: string
 */
export function Validate(rules: Readonly<Record<string, ValidatorSpec>>): FieldDecorator {
  return ((...args: unknown[]) => setOption('@Validate', args, { validate: { ...rules } })) as FieldDecorator;
}

/** `@Validator` on a method; as a value it also carries the validator library, as `Sequelize.Validator` does. */
export type ValidatorDecorator = {
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
  (value: (...args: never[]) => unknown, context: ClassMethodDecoratorContext): void;
} & typeof validator;

function validatorDecorator(...args: unknown[]): void {
  const { record, site } = memberRecord('@Validator', args);
  if (site.method === undefined) return;
  record.modelValidators.set(site.name, site.method);
}

/**
 * A model-level validator: the method runs on the instance at validation, and what it throws
 * becomes a ValidationErrorItem under the method's name. `require('relata')` is the Sequelize
 * class, whose `Validator` is the validator library: this one name serves both, so
 * `Sequelize.Validator.isEmail(value)` works too.
 *
 * @example
 * @Validator checkRange(): void { if (this.min > this.max) throw new Error('min above max') }
 */
export const Validator: ValidatorDecorator = Object.assign(validatorDecorator, validator) as ValidatorDecorator;

/** `@IsEmail`: an email address. */
export const IsEmail: BareRule = bare('@IsEmail', 'isEmail');
/** `@IsUrl`: a URL. */
export const IsUrl: BareRule = bare('@IsUrl', 'isUrl');
/** `@IsIP`: an IPv4 or IPv6 address. */
export const IsIP: BareRule = bare('@IsIP', 'isIP');
/** `@IsIPv4`: an IPv4 address. */
export const IsIPv4: BareRule = bare('@IsIPv4', 'isIPv4');
/** `@IsIPv6`: an IPv6 address. */
export const IsIPv6: BareRule = bare('@IsIPv6', 'isIPv6');
/** `@IsAlpha`: letters only. */
export const IsAlpha: BareRule = bare('@IsAlpha', 'isAlpha');
/** `@IsAlphanumeric`: letters and digits only. */
export const IsAlphanumeric: BareRule = bare('@IsAlphanumeric', 'isAlphanumeric');
/** `@IsNumeric`: digits only. */
export const IsNumeric: BareRule = bare('@IsNumeric', 'isNumeric');
/** `@IsInt`: an integer. */
export const IsInt: BareRule = bare('@IsInt', 'isInt');
/** `@IsFloat`: a number. */
export const IsFloat: BareRule = bare('@IsFloat', 'isFloat');
/** `@IsDecimal`: a decimal number. */
export const IsDecimal: BareRule = bare('@IsDecimal', 'isDecimal');
/** `@IsLowercase`: no upper-case letters. */
export const IsLowercase: BareRule = bare('@IsLowercase', 'isLowercase');
/** `@IsUppercase`: no lower-case letters. */
export const IsUppercase: BareRule = bare('@IsUppercase', 'isUppercase');
/** `@IsDate`: a date. */
export const IsDate: BareRule = bare('@IsDate', 'isDate');
/** `@IsCreditCard`: a credit card number. */
export const IsCreditCard: BareRule = bare('@IsCreditCard', 'isCreditCard');
/** `@IsNull`: empty (Sequelize's `isNull`, the validator library's `isEmpty`). */
export const IsNull: BareRule = bare('@IsNull', 'isNull');
/** `@IsArray`: an array (Sequelize's `isArray` rule). */
export const IsArray: BareRule = bare('@IsArray', 'isArray');
/** `@NotNull`: Sequelize's `notNull` rule (the attribute's `allowNull: false` is what enforces it). */
export const NotNull: BareRule = bare('@NotNull', 'notNull');
