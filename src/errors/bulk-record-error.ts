import { BaseError } from './base-error.js';

/**
 * One record of a `bulkCreate` failed; `errors` is its error and `record` the instance.
 *
 * @example
 * catch (err) { if (err instanceof AggregateError) err.errors.forEach((e) => console.log(e.record, e.errors)) }
 */
export class BulkRecordError extends BaseError {
  override name = 'SequelizeBulkRecordError';
  readonly errors: Error;
  readonly record: unknown;

  constructor(error: Error, record: unknown) {
    super(error.message, { cause: error });
    this.errors = error;
    this.record = record;
  }
}
