import type { ReferentialAction } from '../metadata/model-options.js';

/**
 * Runs one catalog query (SQL written by the dialect, values bound) and returns its rows.
 * @internal
 */
export type CatalogRun = (sql: string, parameters?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/** One column as the database catalog reports it. */
export interface CatalogColumn {
  readonly name: string;
  /** The type as the catalog spells it, upper-cased: `VARCHAR(255)`, `CHARACTER VARYING(255)`, `INT(11)`. */
  readonly type: string;
  readonly allowNull: boolean;
  /** The default as SQL text (`'abc'`, `0`, `CURRENT_TIMESTAMP`), or null when there is none. */
  readonly defaultValue: string | null;
  readonly primaryKey: boolean;
  readonly autoIncrement: boolean;
  readonly comment: string | null;
}

/** One foreign key constraint (several columns when composite). */
export interface CatalogForeignKey {
  /** The constraint name; on SQLite, where column-level REFERENCES have none, `<table>_<columns>_fkey`. */
  readonly name: string;
  readonly table: string;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

/** One index, including those behind PRIMARY KEY and UNIQUE constraints. */
export interface CatalogIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly primary: boolean;
  /** The index backs a UNIQUE or PRIMARY KEY constraint (dropped with DROP CONSTRAINT, not DROP INDEX). */
  readonly constraint: boolean;
}

/**
 * One change a table rebuild applies (SQLite, whose ALTER TABLE cannot change a column or a
 * constraint). Definitions are SQL text compiled by `src/sql`.
 * @internal
 */
export type TableChange =
  | { readonly kind: 'addColumn'; readonly column: string; readonly definition: string; readonly constraints: readonly string[] }
  | { readonly kind: 'changeColumn'; readonly column: string; readonly definition: string; readonly constraints: readonly string[] }
  | { readonly kind: 'dropColumn'; readonly column: string }
  | { readonly kind: 'addConstraint'; readonly definition: string }
  | { readonly kind: 'dropConstraint'; readonly name: string };

/**
 * Statements that switch foreign key enforcement, for dialects that can only rebuild a table with
 * it off and cannot switch it inside a transaction (SQLite). `check` lists violations, one row each.
 * @internal
 */
export interface ForeignKeySwitch {
  readonly readSql: string;
  readonly disableSql: string;
  readonly enableSql: string;
  readonly checkSql: string;
}

/**
 * What the query interface, the migration runner and the schema tools need from a dialect beyond
 * queries: catalog readers, how columns are altered, and how types are compared.
 * @internal
 */
export interface SchemaDialect {
  /**
   * How `changeColumn` works: `ALTER COLUMN` clauses (pg, mssql), `MODIFY COLUMN` with the whole
   * definition (mysql), or a table rebuild (sqlite).
   */
  readonly alterColumn: 'alter' | 'modify' | 'rebuild';
  /** `DROP INDEX` must name the table (`DROP INDEX i ON t`). */
  readonly dropIndexOnTable: boolean;
  /** RESTRICT and NO ACTION mean the same, and the catalog may report either (InnoDB). */
  readonly restrictIsNoAction: boolean;
  /** Present where a rebuild needs foreign key enforcement off (SQLite). */
  readonly foreignKeySwitch?: ForeignKeySwitch;
  /** Present where constraints and column changes need a table rebuild (SQLite). */
  rebuildTable?(run: CatalogRun, table: string, changes: readonly TableChange[]): Promise<void>;
  /** Base tables of the current schema/database, sorted. */
  tables(run: CatalogRun): Promise<string[]>;
  columns(run: CatalogRun, table: string): Promise<CatalogColumn[]>;
  foreignKeys(run: CatalogRun, table: string): Promise<CatalogForeignKey[]>;
  indexes(run: CatalogRun, table: string): Promise<CatalogIndex[]>;
  /**
   * A type spelling both sides of a comparison reduce to: the catalog's (`character varying(255)`)
   * and relata's DDL (`VARCHAR(255)`) give the same text for the same type.
   */
  canonicalType(type: string): string;
  /** The default's SQL text reduced to a comparable form: a literal's value, or the expression text. */
  canonicalDefault(text: string | null): string | null;
  /**
   * Present where an ENUM is a `CHECK (column IN (…))` on a text column rather than a column type
   * (SQLite, PostgreSQL): the table's checks of that shape, one per column.
   */
  enumChecks?(run: CatalogRun, table: string): Promise<CatalogEnumCheck[]>;
}

/** A `CHECK (column IN ('a', 'b'))`: the values an ENUM column allows where it is stored as text. */
export interface CatalogEnumCheck {
  readonly column: string;
  readonly values: readonly string[];
  /** The constraint's name; undefined when the check is written inside the column definition (SQLite). */
  readonly name: string | undefined;
}

/**
 * The column and values of a check that only lists allowed values, in relata's spelling
 * (`CHECK ("kind" IN ('book', 'film'))`) or PostgreSQL's (`CHECK (((kind)::text = ANY
 * ((ARRAY['book'::character varying, …])::text[])))`, or `= 'book'` for a single value); undefined for
 * any other check.
 *
 * @example
 * enumCheck(`CHECK ("kind" IN ('book', 'it''s'))`) // { column: 'kind', values: ['book', "it's"] }
 * @internal
 */
export function enumCheck(text: string): { column: string; values: string[] } | undefined {
  const match = /^\s*CHECK\s*\(+\s*(?:"((?:[^"]|"")+)"|`([^`]+)`|([A-Za-z_][\w$]*))\s*\)?(?:::[\w ]+)?\s*(?:=\s*ANY\b|IN\b|=(?=\s*'))([\s\S]*)$/i.exec(text);
  if (match === null) return undefined;
  const column = (match[1]?.replace(/""/g, '"') ?? match[2] ?? match[3] ?? '');
  const rest = match[4] ?? '';
  const literal = /'((?:[^']|'')*)'/g;
  const values = [...rest.matchAll(literal)].map((m) => (m[1] ?? '').replace(/''/g, "'"));
  // Nothing but the literals, their casts, ARRAY[…] and punctuation: anything else is another kind of check.
  const leftover = rest.replace(literal, '').replace(/::[\w ]+(\[\])?/g, '').replace(/\bARRAY\b|[()[\],\s]/gi, '');
  return leftover === '' && values.length > 0 ? { column, values } : undefined;
}

const ACTIONS: readonly ReferentialAction[] = ['CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION', 'SET DEFAULT'];

/**
 * A catalog's action spelling as a ReferentialAction (`NO ACTION` when unknown).
 *
 * @example
 * referentialAction('cascade') // 'CASCADE'
 * @internal
 */
export function referentialAction(value: unknown): ReferentialAction {
  const text = String(value ?? '').toUpperCase().replace(/_/g, ' ').trim();
  return ACTIONS.find((a) => a === text) ?? 'NO ACTION';
}

/**
 * Reads a list the catalog returned as JSON text, a JSON array or a comma-separated string.
 *
 * @example
 * catalogList('["a","b"]') // ['a', 'b']
 * @internal
 */
export function catalogList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  const text = String(value ?? '');
  if (text.startsWith('[')) return (JSON.parse(text) as unknown[]).map(String);
  return text === '' ? [] : text.split(',');
}

/**
 * The value of a quoted SQL string literal (`'it''s'` → `it's`), or undefined when `text` is not one.
 *
 * @example
 * unquoteLiteral("'draft'") // 'draft'
 * @internal
 */
export function unquoteLiteral(text: string): string | undefined {
  const match = /^'((?:[^']|'')*)'$/s.exec(text.trim());
  return match ? (match[1] ?? '').replace(/''/g, "'") : undefined;
}
