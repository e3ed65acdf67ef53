import { BaseError } from './base-error.js';

/**
 * Several errors reported together (Sequelize's `AggregateError`, e.g. from `bulkCreate` with
 * `validate: true`). Its `name` is `'AggregateError'`, as in Sequelize.
 *
 * @example
 * catch (err) { if (err instanceof AggregateError) err.errors.forEach((e) => console.log(e.message)) }
 */
export class AggregateError extends BaseError {
  override name = 'AggregateError';
  readonly errors: Error[];

  constructor(errors: Error[] = []) {
    super(errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }

  override toString(): string {
    const lines = this.errors.map((e) => (e === this ? '[Circular AggregateError]' : String(e).replace(/^/gm, '    ').substring(2)));
    return `AggregateError of:\n${lines.join('\n')}\n`;
  }
}
