/**
 * Reads the CREATE TABLE text SQLite keeps in sqlite_master, so a table rebuild can keep every
 * column definition, named constraint and CHECK exactly as written and change only what it must.
 * @internal
 */

/** A significant token of SQL text: whitespace and comments are skipped. */
export interface SqlToken {
  readonly kind: 'word' | 'ident' | 'string' | 'punct';
  /** For identifiers, the unquoted name; for words, the text as written. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** A column definition: its name and its whole text (`"email" VARCHAR(255) NOT NULL`). */
export interface ParsedColumn {
  readonly kind: 'column';
  readonly name: string;
  readonly text: string;
}

/** A table constraint: `CONSTRAINT "x" UNIQUE ("a")`, `FOREIGN KEY (…) REFERENCES …`, `CHECK (…)`. */
export interface ParsedConstraint {
  readonly kind: 'constraint';
  readonly name: string | undefined;
  readonly type: 'primary' | 'unique' | 'check' | 'foreign';
  readonly columns: readonly string[];
  readonly text: string;
}

export type ParsedItem = ParsedColumn | ParsedConstraint;

/** A parsed CREATE TABLE: the items between the parentheses and what follows them (`WITHOUT ROWID`). */
export interface ParsedCreateTable {
  readonly items: readonly ParsedItem[];
  readonly tail: string;
}

const CONSTRAINT_STARTS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

/**
 * Splits SQL into tokens, skipping whitespace and comments.
 *
 * @example
 * tokenize('"a" INT').map((t) => t.value) // ['a', 'INT']
 */
export function tokenize(text: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (text.startsWith('--', i)) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      const end = closingQuote(text, i, ch);
      const raw = text.slice(i + 1, end - 1);
      tokens.push({ kind: ch === "'" ? 'string' : 'ident', value: raw.replaceAll(ch + ch, ch), start: i, end });
      i = end;
    } else if (ch === '[') {
      const end = text.indexOf(']', i);
      const stop = end === -1 ? text.length : end + 1;
      tokens.push({ kind: 'ident', value: text.slice(i + 1, stop - 1), start: i, end: stop });
      i = stop;
    } else if (/[A-Za-z0-9_$]/.test(ch)) {
      let end = i + 1;
      while (end < text.length && /[A-Za-z0-9_$.]/.test(text.charAt(end))) end++;
      tokens.push({ kind: 'word', value: text.slice(i, end), start: i, end });
      i = end;
    } else {
      tokens.push({ kind: 'punct', value: ch, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

function closingQuote(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text.charAt(i) === quote) {
      if (text.charAt(i + 1) === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

const word = (token: SqlToken | undefined): string => (token?.kind === 'word' ? token.value.toUpperCase() : '');

/** The index of the token closing the parenthesis opened at `open`. */
function matching(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const v = tokens[i]?.kind === 'punct' ? tokens[i]?.value : undefined;
    if (v === '(') depth++;
    if (v === ')' && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** The column names listed in the parenthesis opened at `open` (first name of each entry). */
function nameList(tokens: readonly SqlToken[], open: number): string[] {
  const close = matching(tokens, open);
  const names: string[] = [];
  let expectName = true;
  for (let i = open + 1; i < close; i++) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.kind === 'punct' && token.value === ',') expectName = true;
    else if (expectName && (token.kind === 'ident' || token.kind === 'word')) {
      names.push(token.value);
      expectName = false;
    }
  }
  return names;
}

/**
 * Parses `CREATE TABLE name (items…) tail`.
 *
 * @example
 * parseCreateTable('CREATE TABLE "t" ("a" INT, CONSTRAINT "u" UNIQUE ("a"))').items.length // 2
 */
export function parseCreateTable(sql: string): ParsedCreateTable {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.value === '(');
  const close = matching(tokens, open);
  const items: ParsedItem[] = [];
  let first = open + 1;
  let depth = 0;
  for (let i = open + 1; i <= close; i++) {
    const token = tokens[i];
    if (token?.kind === 'punct' && token.value === '(') depth++;
    if (token?.kind === 'punct' && token.value === ')') depth--;
    if (i === close || (depth === 0 && token?.kind === 'punct' && token.value === ',')) {
      const itemTokens = tokens.slice(first, i);
      const start = itemTokens[0];
      const end = itemTokens[itemTokens.length - 1];
      if (start && end) items.push(parseItem(itemTokens, sql.slice(start.start, end.end)));
      first = i + 1;
    }
  }
  return { items, tail: sql.slice(tokens[close]?.end ?? sql.length) };
}

function parseItem(tokens: readonly SqlToken[], text: string): ParsedItem {
  const lead = word(tokens[0]);
  if (!CONSTRAINT_STARTS.has(lead)) return { kind: 'column', name: tokens[0]?.value ?? '', text };
  const named = lead === 'CONSTRAINT';
  const typeAt = named ? 2 : 0;
  const typeWord = word(tokens[typeAt]);
  const type = typeWord === 'PRIMARY' ? 'primary' : typeWord === 'UNIQUE' ? 'unique' : typeWord === 'FOREIGN' ? 'foreign' : 'check';
  const open = tokens.findIndex((t, i) => i > typeAt && t.kind === 'punct' && t.value === '(');
  const columns = type === 'check' || open === -1 ? [] : nameList(tokens, open);
  return { kind: 'constraint', name: named ? tokens[1]?.value : undefined, type, columns, text };
}

/**
 * The `CHECK (…)` clauses of a column definition or table constraint, each from its CHECK keyword
 * to its closing parenthesis, with the constraint name written before it, if any.
 *
 * @example
 * checkClauses(`"kind" TEXT CHECK ("kind" IN ('a', 'b'))`) // [{ name: undefined, text: `CHECK ("kind" IN ('a', 'b'))` }]
 */
export function checkClauses(text: string): { name: string | undefined; text: string }[] {
  const tokens = tokenize(text);
  const out: { name: string | undefined; text: string }[] = [];
  tokens.forEach((token, i) => {
    const open = tokens[i + 1];
    if (word(token) !== 'CHECK' || open?.kind !== 'punct' || open.value !== '(') return;
    const close = tokens[matching(tokens, i + 1)];
    const name = word(tokens[i - 2]) === 'CONSTRAINT' ? tokens[i - 1]?.value : undefined;
    out.push({ name, text: text.slice(token.start, close?.end ?? text.length) });
  });
  return out;
}

/**
 * The REFERENCES clause of a column definition (with a `CONSTRAINT name` before it), as its start
 * and end offsets in `text`, or undefined when the column has none.
 */
function referencesSpan(text: string): { start: number; end: number } | undefined {
  const tokens = tokenize(text);
  const at = tokens.findIndex((t) => word(t) === 'REFERENCES');
  if (at === -1) return undefined;
  const start = word(tokens[at - 2]) === 'CONSTRAINT' ? at - 2 : at;
  let end = at + 2;
  if (tokens[end]?.kind === 'punct' && tokens[end]?.value === '(') end = matching(tokens, end) + 1;
  // The foreign key clause: ON DELETE|UPDATE <action>, MATCH <name>, [NOT] DEFERRABLE [INITIALLY …].
  for (;;) {
    const w = word(tokens[end]);
    if (w === 'ON') {
      const action = word(tokens[end + 2]);
      end += action === 'SET' || action === 'NO' ? 4 : 3;
    } else if (w === 'MATCH') {
      end += 2;
    } else if (w === 'DEFERRABLE' || (w === 'NOT' && word(tokens[end + 1]) === 'DEFERRABLE')) {
      end += w === 'NOT' ? 2 : 1;
      if (word(tokens[end]) === 'INITIALLY') end += 2;
    } else {
      break;
    }
  }
  const last = tokens[Math.min(end, tokens.length) - 1];
  return { start: tokens[start]?.start ?? 0, end: last?.end ?? text.length };
}

/**
 * A column definition without its REFERENCES clause.
 *
 * @example
 * withoutReferences('"userId" INTEGER REFERENCES "Users" ("id") ON DELETE CASCADE NOT NULL') // '"userId" INTEGER NOT NULL'
 */
export function withoutReferences(text: string): string {
  const span = referencesSpan(text);
  if (!span) return text;
  return `${text.slice(0, span.start).trimEnd()} ${text.slice(span.end).trimStart()}`.trim();
}

/**
 * The REFERENCES clause of a column definition, or undefined.
 *
 * @example
 * referencesClause('"userId" INTEGER REFERENCES "Users" ("id")') // 'REFERENCES "Users" ("id")'
 */
export function referencesClause(text: string): string | undefined {
  const span = referencesSpan(text);
  return span ? text.slice(span.start, span.end) : undefined;
}

/**
 * True when the SQL text names `column` as an identifier (used to drop CHECKs of a dropped column).
 *
 * @example
 * mentions('CHECK ("age" > 0)', 'age') // true
 */
export function mentions(text: string, column: string): boolean {
  return tokenize(text).some((t) => (t.kind === 'ident' || t.kind === 'word') && t.value.toLowerCase() === column.toLowerCase());
}

/**
 * Double-quotes an identifier for SQLite.
 *
 * @example
 * quoteIdentifier('a"b') // '"a""b"'
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
