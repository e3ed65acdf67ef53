import { BaseError } from './base-error.js';
import type { ValidationErrorItem } from './validation-error-item.js';

/**
 * One or more attribute values failed validation. `errors` lists each failure with the attribute
 * (`path`), the value and the rule (`validatorKey`).
 *
 * @example
 * catch (err) { if (err instanceof ValidationError) err.errors.map(e => `${e.path}: ${e.message}`) }
 */
export class ValidationError extends BaseError {
  override name = 'SequelizeValidationError';
  readonly errors: ValidationErrorItem[];

  constructor(message: string, errors: ValidationErrorItem[] = [], options?: { cause?: unknown }) {
    super(message || ValidationError.summarize(errors), options);
    this.errors = errors;
  }

  /** Sequelize's message: each item as `<type>: <message>` (`notNull Violation: User.name cannot be null`), one a line. */
  static summarize(errors: readonly ValidationErrorItem[]): string {
    if (errors.length === 0 || !errors[0]?.message) return 'Validation Error';
    return errors.map((e) => `${e.type}: ${e.message}`).join(',\n');
  }

  /** Items for the given attribute. */
  get(path: string): ValidationErrorItem[] {
    return this.errors.filter((e) => e.path === path);
  }
}
