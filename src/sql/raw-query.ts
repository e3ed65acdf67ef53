import { InvalidOptionError } from '../errors/invalid-option-error.js';

/**
 * Values for raw SQL, as `relata.query()` takes them: Sequelize's `replacements` (`?` or
 * `:name`) or `bind` (`$1` or `$name`), never both.
 *
 * @example
 * const options: RawQueryValues = { replacements: { ids: [1, 2] } }
 */
export interface RawQueryValues {
  readonly replacements?: readonly unknown[] | Readonly<Record<string, unknown>> | undefined;
  readonly bind?: readonly unknown[] | Readonly<Record<string, unknown>> | undefined;
}

/**
 * Raw SQL rewritten for the dialect's placeholders, with the values in placeholder order.
 *
 * @example
 * const { sql, parameters } = prepareRawQuery('SELECT ?', { replacements: [1] }, () => '?')
 */
export interface PreparedRawQuery {
  readonly sql: string;
  readonly parameters: unknown[];
}

type Mode = 'positional' | 'named' | 'bind-list' | 'bind-named';

/**
 * Turns `replacements` or `bind` into bound parameters. Unlike Sequelize, which escapes
 * replacements into the SQL text, every value here becomes a parameter: values never reach the
 * SQL text, whatever they contain.
 *
 * The SQL is scanned once. Nothing inside `'…'` (with `''` and backslash escapes: a backslash
 * always skips the next character, the MySQL rule, which is the conservative reading), `"…"`,
 * `` `…` ``, `-- ` line comments, `/* … *\/` block comments and `$$…$$` / `$tag$…$tag$` is
 * touched. Outside them, with Sequelize's token rules:
 * - `replacements` array: each `?` after whitespace, `(`, `,`, `=`, `>` or `[` (and not followed
 *   by `|` or `&`, PostgreSQL's jsonb operators) takes the next value; the counts must match.
 * - `replacements` object: `:name` after the same characters and before whitespace, `)`, `,`,
 *   `;`, `]`, `::` or the end (so `x::int` is a cast, not a name); an unknown name throws.
 * - A replacement that is an array becomes a comma list of placeholders (`IN (:ids)`), an inner
 *   array a parenthesized group (`VALUES :rows`), an empty array `NULL` (`IN (NULL)`).
 * - `bind` array: `$1`, `$2`… (1-based); `bind` object: `$name`. Each occurrence gets its own
 *   placeholder and the value is repeated, so positional `?` dialects work too. Bind values are
 *   never expanded: an array is one parameter (`= ANY($1)` on PostgreSQL).
 *
 * @param placeholder the dialect's placeholder for the 0-based parameter index (`$1`, `?`…).
 * @throws InvalidOptionError when both options are given, a value is missing or `undefined`, the
 *   counts differ, or a quote or comment is unterminated.
 *
 * @example
 * prepareRawQuery('SELECT * FROM "Users" WHERE id IN (:ids) AND name = :name',
 *   { replacements: { ids: [1, 2], name: "O'Reilly" } }, (i) => `$${i + 1}`)
 * // { sql: 'SELECT * FROM "Users" WHERE id IN ($1, $2) AND name = $3', parameters: [1, 2, "O'Reilly"] }
 */
export function prepareRawQuery(
  sql: string,
  options: RawQueryValues,
  placeholder: (index: number) => string,
): PreparedRawQuery {
  const { replacements, bind } = options;
  if (replacements !== undefined && bind !== undefined) {
    throw InvalidOptionError.expected('relata.query', 'the options', 'replacements or bind, not both', options);
  }
  const values = replacements ?? bind;
  if (values === undefined) return { sql, parameters: [] };
  const option = replacements === undefined ? 'bind' : 'replacements';
  if (!Array.isArray(values) && !isPlainObject(values)) {
    throw InvalidOptionError.expected('relata.query', option, 'an array or a plain object', values);
  }
  const list = Array.isArray(values) ? (values as readonly unknown[]) : undefined;
  const mode: Mode = option === 'bind' ? (list ? 'bind-list' : 'bind-named') : list ? 'positional' : 'named';
  return new RawQueryScanner(sql, mode, values, placeholder).run();
}

const WORD = /[\w$]/;
const BOUNDARY = /[\s(>,=[]/;
const NAMED = /:([A-Za-z_][0-9A-Za-z_]*)(?=\)|,|$|\s|::|;|\])/y;
const BIND = /\$(\w+)/y;
const DOLLAR_TAG = /\$([A-Za-z_][0-9A-Za-z_]*)?\$/y;

/** One pass over the SQL; `#out` collects the rewritten text, `#parameters` the values. */
class RawQueryScanner {
  readonly #sql: string;
  readonly #mode: Mode;
  readonly #values: object;
  readonly #placeholder: (index: number) => string;
  #out = '';
  #copiedUpTo = 0;
  #parameters: unknown[] = [];
  #positional = 0;

  constructor(sql: string, mode: Mode, values: object, placeholder: (index: number) => string) {
    this.#sql = sql;
    this.#mode = mode;
    this.#values = values;
    this.#placeholder = placeholder;
  }

  run(): PreparedRawQuery {
    const sql = this.#sql;
    let i = 0;
    while (i < sql.length) {
      const skipped = this.#skipQuoted(i);
      if (skipped !== i) {
        i = skipped;
        continue;
      }
      i = this.#token(i) ?? i + 1;
    }
    if (this.#mode === 'positional' && this.#positional !== (this.#values as readonly unknown[]).length) {
      throw InvalidOptionError.replacementCount(this.#positional, (this.#values as readonly unknown[]).length);
    }
    return { sql: this.#out + sql.slice(this.#copiedUpTo), parameters: this.#parameters };
  }

  /** The index just past a literal, quoted identifier or comment starting at `i`, else `i`. */
  #skipQuoted(i: number): number {
    const sql = this.#sql;
    const ch = sql[i];
    if (ch === "'") return this.#closing(i, "'", true, 'string literal');
    if (ch === '"') return this.#closing(i, '"', false, 'quoted identifier');
    if (ch === '`') return this.#closing(i, '`', false, 'quoted identifier');
    if (ch === '-' && sql[i + 1] === '-' && (i + 2 === sql.length || /\s/.test(sql[i + 2] ?? ''))) {
      const end = sql.indexOf('\n', i);
      return end === -1 ? sql.length : end + 1;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw InvalidOptionError.unterminatedSql('block comment /*', i);
      return end + 2;
    }
    if (ch === '$' && !WORD.test(sql[i - 1] ?? ' ')) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(sql)?.[0];
      if (tag === undefined) return i;
      const end = sql.indexOf(tag, i + tag.length);
      if (end === -1) throw InvalidOptionError.unterminatedSql(`dollar-quoted string ${tag}`, i);
      return end + tag.length;
    }
    return i;
  }

  /** Past the quote closing the one at `open`; a doubled quote escapes itself. */
  #closing(open: number, quote: string, backslash: boolean, what: string): number {
    const sql = this.#sql;
    for (let j = open + 1; j < sql.length; j++) {
      const ch = sql[j];
      if (backslash && ch === '\\') j++;
      else if (ch === quote) {
        if (sql[j + 1] !== quote) return j + 1;
        j++;
      }
    }
    throw InvalidOptionError.unterminatedSql(`${what} ${quote}`, open);
  }

  /** Replaces the parameter token at `i`, if there is one, and returns the index past it. */
  #token(i: number): number | undefined {
    const sql = this.#sql;
    const ch = sql[i];
    const before = sql[i - 1];
    const atBoundary = before === undefined || BOUNDARY.test(before);
    if (this.#mode === 'positional') {
      if (ch !== '?' || !atBoundary || sql[i + 1] === '|' || sql[i + 1] === '&') return undefined;
      const index = this.#positional++;
      const values = this.#values as readonly unknown[];
      // Past the end the count check in run() reports the mismatch with both numbers.
      if (index < values.length) this.#replace(i, 1, this.#expand(values[index], `replacements[${index}]`));
      return i + 1;
    }
    if (this.#mode === 'named') {
      if (ch !== ':' || !atBoundary) return undefined;
      NAMED.lastIndex = i;
      const name = NAMED.exec(sql)?.[1];
      if (name === undefined) return undefined;
      this.#replace(i, name.length + 1, this.#expand(this.#named(name, `:${name}`, 'replacements'), `replacements.${name}`));
      return i + name.length + 1;
    }
    if (ch !== '$' || WORD.test(before ?? ' ')) return undefined;
    BIND.lastIndex = i;
    const key = BIND.exec(sql)?.[1];
    if (key === undefined) return undefined;
    this.#replace(i, key.length + 1, this.#bind(this.#bindValue(key)));
    return i + key.length + 1;
  }

  #bindValue(key: string): unknown {
    if (this.#mode === 'bind-named') {
      if (/^\d+$/.test(key)) throw InvalidOptionError.missingParameter(`$${key}`, 'bind', Object.keys(this.#values));
      return this.#named(key, `$${key}`, 'bind');
    }
    const values = this.#values as readonly unknown[];
    const index = /^[1-9]\d*$/.test(key) ? Number(key) - 1 : -1;
    if (index < 0 || index >= values.length) {
      const available = values.length === 0 ? [] : values.length === 1 ? ['$1'] : [`$1 to $${values.length}`];
      throw InvalidOptionError.missingParameter(`$${key}`, 'bind', available);
    }
    const value = values[index];
    if (value === undefined) throw InvalidOptionError.expected('relata.query', `bind[${index}]`, 'a value (null for SQL NULL)', value);
    return value;
  }

  #named(name: string, token: string, option: 'replacements' | 'bind'): unknown {
    const values = this.#values as Readonly<Record<string, unknown>>;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw InvalidOptionError.missingParameter(token, option, Object.keys(values));
    return value;
  }

  /** A replacement's SQL: one placeholder, or a list for an array (Sequelize's `IN (:ids)`). */
  #expand(value: unknown, path: string): string {
    if (value === undefined) throw InvalidOptionError.expected('relata.query', path, 'a value (null for SQL NULL)', value);
    if (!Array.isArray(value)) return this.#bind(value);
    if (value.length === 0) return 'NULL';
    return value
      .map((item: unknown, i) => {
        const text = this.#expand(item, `${path}[${i}]`);
        return Array.isArray(item) ? `(${text})` : text;
      })
      .join(', ');
  }

  #bind(value: unknown): string {
    this.#parameters.push(value);
    return this.#placeholder(this.#parameters.length - 1);
  }

  #replace(start: number, length: number, text: string): void {
    this.#out += this.#sql.slice(this.#copiedUpTo, start) + text;
    this.#copiedUpTo = start + length;
  }
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
