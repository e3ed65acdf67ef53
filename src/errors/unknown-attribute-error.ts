import { BaseError } from './base-error.js';

/**
 * A query named an attribute the model does not have. Raised before any SQL is built, so the
 * unknown name never reaches the database.
 *
 * @example
 * await User.findAll({ where: { nmae: 'x' } })
 * // UnknownAttributeError: User has no attribute "nmae" (in where). Valid attributes: id, name, createdAt, updatedAt
 */
export class UnknownAttributeError extends BaseError {
  override name = 'RelataUnknownAttributeError';
  readonly model: string;
  readonly attribute: string;
  readonly validAttributes: readonly string[];

  constructor(model: string, attribute: string, clause: string, valid: readonly string[]) {
    super(
      `${model} has no attribute ${JSON.stringify(attribute)} (in ${clause}). Valid attributes: ${valid.join(', ')}`,
    );
    this.model = model;
    this.attribute = attribute;
    this.validAttributes = valid;
  }
}
