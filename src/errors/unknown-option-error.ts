import { InvalidOptionError } from './invalid-option-error.js';

/**
 * An options object carried a key the method does not know: a misspelling (`wher`), an option of
 * another method, or a where condition written next to `where` instead of inside it. Raised
 * before any SQL runs, so the option is never silently ignored. A subclass of
 * `InvalidOptionError`, so code that catches that one catches this too.
 *
 * @example
 * await User.findAll({ wher: { id: 1 } })
 * // UnknownOptionError: User.findAll: unknown option "wher"; did you mean "where"? Valid options: where, attributes, include, …
 */
export class UnknownOptionError extends InvalidOptionError {
  override name = 'RelataUnknownOptionError';
  /** The call that received the option, such as `User.findAll` or `User.getPosts`. */
  readonly method: string;
  /** The unknown key, as written (`[Op.or]` for an operator symbol). */
  readonly option: string;
  /** The closest valid key, when one is close enough to be a likely misspelling. */
  readonly suggestion: string | undefined;
  /** The keys the method accepts. */
  readonly validOptions: readonly string[];

  constructor(message: string, details: { method: string; option: string; suggestion: string | undefined; validOptions: readonly string[] }) {
    super(message);
    this.method = details.method;
    this.option = details.option;
    this.suggestion = details.suggestion;
    this.validOptions = details.validOptions;
  }

  /**
   * A key the method does not accept. `kind` names the options object (`option`, `include
   * option`, `through option`), `hint` replaces the "did you mean" when something more useful
   * can be said.
   *
   * @example
   * UnknownOptionError.forKey('User.findAll', 'option', 'wher', 'where', ['where', 'limit']).message
   * // 'User.findAll: unknown option "wher"; did you mean "where"? Valid options: where, limit'
   */
  static forKey(
    method: string,
    kind: string,
    option: string,
    suggestion: string | undefined,
    validOptions: readonly string[],
    hint?: string,
  ): UnknownOptionError {
    const help = hint ?? (suggestion === undefined ? '' : `did you mean ${JSON.stringify(suggestion)}? `);
    const message = `${method}: unknown ${kind} ${JSON.stringify(option)}; ${help}Valid ${kind}s: ${validOptions.join(', ')}`;
    return new UnknownOptionError(message, { method, option, suggestion, validOptions });
  }

  /**
   * A where combinator (`Op.or`, `Op.and`, `Op.not`) written at the top of the options, where it
   * would do nothing.
   *
   * @example
   * UnknownOptionError.misplacedOperator('User.findAll', 'or', ['where']).message
   * // 'User.findAll: unknown option [Op.or]; where conditions go inside where: { [Op.or]: … } …'
   */
  static misplacedOperator(method: string, operator: string, validOptions: readonly string[]): UnknownOptionError {
    const option = `[Op.${operator}]`;
    return new UnknownOptionError(
      `${method}: unknown option ${option}; where conditions go inside where: { ${option}: … }, never next to it. Valid options: ${validOptions.join(', ')}`,
      { method, option, suggestion: 'where', validOptions },
    );
  }
}
