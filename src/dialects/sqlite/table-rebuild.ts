import { InvalidOptionError } from '../../errors/invalid-option-error.js';
import type { CatalogRun, TableChange } from '../schema-dialect.js';
import {
  mentions,
  parseCreateTable,
  quoteIdentifier as q,
  referencesClause,
  withoutReferences,
  type ParsedItem,
} from './create-table-parser.js';

/**
 * Rebuilds a SQLite table with changes SQLite's ALTER TABLE cannot make (change a column, drop a
 * constrained column, add or drop a constraint), following SQLite's documented procedure: create
 * the new table under a temporary name, copy the rows, drop the old table, rename, then recreate
 * its indexes and triggers and keep its AUTOINCREMENT counter.
 *
 * The caller runs this inside a transaction with foreign key enforcement off (dropping the old
 * table would otherwise fire ON DELETE actions in the tables referencing it) and checks the
 * foreign keys before committing. Everything not named by a change (column definitions, named
 * constraints, CHECKs, foreign keys, WITHOUT ROWID) is kept exactly as written.
 *
 * @example
 * await rebuildSqliteTable(run, 'Users', [{ kind: 'dropColumn', column: 'nickname' }])
 * @internal
 */
export async function rebuildSqliteTable(run: CatalogRun, table: string, changes: readonly TableChange[]): Promise<void> {
  const master = await run("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL AND type IN ('table', 'index', 'trigger')", [table]);
  const tableSql = master.find((r) => r['type'] === 'table' && r['name'] === table)?.['sql'];
  if (typeof tableSql !== 'string') throw InvalidOptionError.expected('queryInterface', 'the table', 'an existing table', table);
  const parsed = parseCreateTable(tableSql);
  let items: ParsedItem[] = [...parsed.items];
  const droppedColumns = new Set<string>();
  for (const change of changes) items = applyChange(table, items, change, droppedColumns);

  const oldColumns = parsed.items.filter((i) => i.kind === 'column').map((i) => i.name);
  const newColumns = new Set(items.filter((i) => i.kind === 'column').map((i) => i.name));
  const copied = oldColumns.filter((c) => newColumns.has(c)).map(q).join(', ');
  const dependents = await Promise.all(
    master
      .filter((r) => r['type'] !== 'table')
      .map(async (r) => ({ type: String(r['type']), sql: String(r['sql']), columns: r['type'] === 'index' ? await indexColumns(run, String(r['name'])) : [] })),
  );
  const sequence = await autoIncrementCounter(run, table);

  const temp = `__relata_rebuild_${table}`;
  await run(`CREATE TABLE ${q(temp)} (${items.map((i) => i.text).join(', ')})${parsed.tail}`);
  if (copied !== '') await run(`INSERT INTO ${q(temp)} (${copied}) SELECT ${copied} FROM ${q(table)}`);
  await run(`DROP TABLE ${q(table)}`);
  // Legacy renaming leaves every other object's text alone: the tables referencing the old name
  // point at the new table once it carries that name again.
  await run('PRAGMA legacy_alter_table = ON');
  try {
    await run(`ALTER TABLE ${q(temp)} RENAME TO ${q(table)}`);
  } finally {
    await run('PRAGMA legacy_alter_table = OFF');
  }
  for (const dependent of dependents) {
    if (dependent.columns.some((c) => droppedColumns.has(c))) continue;
    await run(dependent.sql);
  }
  if (sequence !== undefined) await run('UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?', [sequence, table, sequence]);
}

function applyChange(table: string, items: ParsedItem[], change: TableChange, dropped: Set<string>): ParsedItem[] {
  const column = (name: string): ParsedItem | undefined => items.find((i) => i.kind === 'column' && i.name === name);
  const constraints = (definitions: readonly string[]): ParsedItem[] => definitions.map((text) => parseConstraint(text));
  switch (change.kind) {
    case 'addColumn':
      if (column(change.column)) throw InvalidOptionError.expected(`addColumn(${table})`, 'the column', 'a new column name', change.column);
      return [...columnsOf(items), { kind: 'column', name: change.column, text: change.definition }, ...constraintsOf(items), ...constraints(change.constraints)];
    case 'changeColumn': {
      const old = column(change.column);
      if (!old) throw unknownColumn(table, change.column, items);
      // A changed column keeps its foreign key unless the new definition gives one, as on the other dialects.
      const keep = referencesClause(change.definition) === undefined ? referencesClause(old.text) : undefined;
      const text = keep === undefined ? change.definition : `${change.definition} ${keep}`;
      return [...items.map((i) => (i === old ? { kind: 'column' as const, name: change.column, text } : i)), ...constraints(change.constraints)];
    }
    case 'dropColumn': {
      if (!column(change.column)) throw unknownColumn(table, change.column, items);
      dropped.add(change.column);
      return items.filter((i) => {
        if (i.kind === 'column') return i.name !== change.column;
        return i.type === 'check' ? !mentions(i.text, change.column) : !i.columns.includes(change.column);
      });
    }
    case 'addConstraint': {
      const added = parseConstraint(change.definition);
      if (added.kind === 'constraint' && added.name !== undefined && items.some((i) => i.kind === 'constraint' && i.name === added.name)) {
        throw InvalidOptionError.expected(`addConstraint(${table})`, 'the constraint name', 'a name not used on the table', added.name);
      }
      return [...items, added];
    }
    case 'dropConstraint':
      return dropConstraint(table, items, change.name);
  }
}

function dropConstraint(table: string, items: ParsedItem[], name: string): ParsedItem[] {
  const named = items.find((i) => i.kind === 'constraint' && i.name === name);
  if (named) return items.filter((i) => i !== named);
  // Unnamed foreign keys answer to the name the catalog reader gives them: <table>_<columns>_fkey.
  const unnamed = items.find((i) => i.kind === 'constraint' && i.name === undefined && i.type === 'foreign' && `${table}_${i.columns.join('_')}_fkey` === name);
  if (unnamed) return items.filter((i) => i !== unnamed);
  const inline = items.find((i) => i.kind === 'column' && `${table}_${i.name}_fkey` === name && referencesClause(i.text) !== undefined);
  if (inline) return items.map((i) => (i === inline ? { ...i, text: withoutReferences(i.text) } : i));
  const known = items.flatMap((i) => (i.kind === 'constraint' && i.name !== undefined ? [i.name] : i.kind === 'column' && referencesClause(i.text) ? [`${table}_${i.name}_fkey`] : []));
  throw InvalidOptionError.expected(`removeConstraint(${table})`, 'the constraint', `one of ${known.join(', ') || '(none)'}`, name);
}

function parseConstraint(text: string): ParsedItem {
  const [item] = parseCreateTable(`CREATE TABLE t (${text})`).items;
  if (!item) throw InvalidOptionError.expected('queryInterface', 'the constraint', 'a table constraint', text);
  return { ...item, text } as ParsedItem;
}

const columnsOf = (items: readonly ParsedItem[]): ParsedItem[] => items.filter((i) => i.kind === 'column');
const constraintsOf = (items: readonly ParsedItem[]): ParsedItem[] => items.filter((i) => i.kind === 'constraint');

function unknownColumn(table: string, name: string, items: readonly ParsedItem[]): InvalidOptionError {
  return InvalidOptionError.expected(`queryInterface (${table})`, 'the column', `one of ${columnsOf(items).map((i) => (i.kind === 'column' ? i.name : '')).join(', ')}`, name);
}

async function indexColumns(run: CatalogRun, index: string): Promise<string[]> {
  return (await run('SELECT name FROM pragma_index_info(?) ORDER BY seqno', [index])).map((r) => String(r['name']));
}

async function autoIncrementCounter(run: CatalogRun, table: string): Promise<number | undefined> {
  const exists = await run("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'");
  if (exists.length === 0) return undefined;
  const row = (await run('SELECT seq FROM sqlite_sequence WHERE name = ?', [table]))[0];
  return row === undefined ? undefined : Number(row['seq']);
}
