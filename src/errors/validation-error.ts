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

  static summarize(errors: readonly ValidationErrorItem[]): string {
    return `Validation error: ${errors.map((e) => e.message).join(',\n')}`;
  }

  /** Items for the given attribute. */
  get(path: string): ValidationErrorItem[] {
    return this.errors.filter((e) => e.path === path);
  }
}
