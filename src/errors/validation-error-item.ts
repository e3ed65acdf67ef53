/** One failed check: which attribute, which value, which rule, and why. */
export class ValidationErrorItem {
  /** @example 'notNull Violation' | 'Validation error' | 'unique violation' */
  readonly type: string;
  readonly message: string;
  readonly path: string;
  readonly value: unknown;
  /** The rule that failed, e.g. 'isEmail', 'notNull', 'len'. */
  readonly validatorKey: string;
  /** The model name, when known. */
  readonly model: string | undefined;

  constructor(init: { message: string; type: string; path: string; value: unknown; validatorKey: string; model?: string | undefined }) {
    this.message = init.message;
    this.type = init.type;
    this.path = init.path;
    this.value = init.value;
    this.validatorKey = init.validatorKey;
    this.model = init.model;
  }
}

/**
 * Where a validation failure came from, as Sequelize's `ValidationErrorItemOrigin` spells it:
 * relata's own checks (`CORE`), the database (`DB`) or a validator function (`FUNCTION`).
 */
export const ValidationErrorItemOrigin = Object.freeze({ CORE: 'CORE', DB: 'DB', FUNCTION: 'FUNCTION' } as const);

/** The origin of each `ValidationErrorItem.type`, as Sequelize's `ValidationErrorItemType` maps it. */
export const ValidationErrorItemType = Object.freeze({
  'notnull violation': 'CORE',
  'string violation': 'CORE',
  'unique violation': 'DB',
  'validation error': 'FUNCTION',
} as const);
