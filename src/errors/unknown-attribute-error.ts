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

  /** The closest valid attribute, when one is close enough to be a likely misspelling. */
  readonly suggestion: string | undefined;

  /** `hint`, when given, follows the clause: a "did you mean", or what to do instead. */
  constructor(model: string, attribute: string, clause: string, valid: readonly string[], hint?: { suggestion?: string | undefined; text?: string }) {
    const help = hint?.text ?? (hint?.suggestion === undefined ? '' : `did you mean ${JSON.stringify(hint.suggestion)}?`);
    super(
      `${model} has no attribute ${JSON.stringify(attribute)} (in ${clause})${help === '' ? '.' : `; ${help}${help.endsWith('?') ? '' : '.'}`} Valid attributes: ${valid.join(', ')}`,
    );
    this.model = model;
    this.attribute = attribute;
    this.validAttributes = valid;
    this.suggestion = hint?.suggestion;
  }
}
