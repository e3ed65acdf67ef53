import type { BelongsToManyAssociation } from '../../associations/belongs-to-many.js';
import type { BelongsToAssociation } from '../../associations/belongs-to.js';
import type { HasManyAssociation } from '../../associations/has-many.js';
import type { HasOneAssociation } from '../../associations/has-one.js';
import type { CatalogForeignKey, CatalogIndex, SchemaDialect } from '../../dialects/schema-dialect.js';
import type { ModelDefinition, NormalizedAttribute } from '../../metadata/model-definition.js';
import type { ReferentialAction } from '../../metadata/model-options.js';
import type { QueryRunOptions, Relata } from '../../relata.js';
import { compileOrphanCount } from '../../sql/schema-ddl.js';

/** What one check found: `ok`, `drift` (the database differs from the models) or `skipped`. */
export interface CheckFinding {
  /** `User.posts (hasMany)`. */
  readonly association: string;
  readonly check: 'table' | 'foreign key' | 'actions' | 'index' | 'unique pair' | 'orphans';
  readonly status: 'ok' | 'drift' | 'skipped';
  readonly detail: string;
  /** For `orphans`: how many rows reference a missing parent. */
  readonly count?: number;
}

/** Every finding, and how many are drift. */
export interface CheckReport {
  readonly dialect: string;
  readonly associations: number;
  readonly findings: readonly CheckFinding[];
  readonly drift: number;
}

/** One foreign key link an association relies on: child.column → parent.key. */
interface Link {
  readonly child: ModelDefinition;
  readonly attribute: NormalizedAttribute;
  readonly parent: ModelDefinition;
  readonly key: string;
}

type AnyAssociation = BelongsToAssociation | HasOneAssociation | HasManyAssociation | BelongsToManyAssociation;

const KIND: Readonly<Record<string, string>> = { BelongsTo: 'belongsTo', HasOne: 'hasOne', HasMany: 'hasMany', BelongsToMany: 'belongsToMany' };

/**
 * Compares every association with the database: the foreign key constraint and its actions,
 * an index on the foreign key, a unique constraint on a junction table's key pair, and rows
 * whose foreign key points at a missing parent (counted per association).
 *
 * @example
 * const report = await checkSchema(relata)
 * report.drift // 0 when the database matches the models
 * console.log(formatCheckReport(report))
 */
export async function checkSchema(relata: Relata, options: QueryRunOptions = {}): Promise<CheckReport> {
  const { schema, run } = relata.getQueryInterface().catalog(options);
  const tables = new Set(await schema.tables(run));
  const cache = new Map<string, { keys: CatalogForeignKey[]; indexes: CatalogIndex[] }>();
  const catalogOf = async (table: string) => {
    let entry = cache.get(table);
    if (!entry) {
      entry = { keys: await schema.foreignKeys(run, table), indexes: await schema.indexes(run, table) };
      cache.set(table, entry);
    }
    return entry;
  };
  const findings: CheckFinding[] = [];
  const seen = new Set<unknown>();
  for (const model of Object.values(relata.models)) {
    for (const association of Object.values(model.associations) as AnyAssociation[]) {
      if (seen.has(association)) continue;
      seen.add(association);
      const name = `${model.name}.${association.as} (${KIND[association.associationType] ?? association.associationType})`;
      for (const link of links(association)) {
        if (!tables.has(link.child.tableName)) {
          findings.push({ association: name, check: 'table', status: 'drift', detail: `table ${link.child.tableName} does not exist` });
          continue;
        }
        const { keys, indexes } = await catalogOf(link.child.tableName);
        findings.push(...(await checkLink(relata, schema, name, link, keys, indexes, options)));
      }
      if (association.associationType === 'BelongsToMany') findings.push(...(await checkPair(association, name, tables, catalogOf)));
    }
  }
  return { dialect: relata.getDialect(), associations: seen.size, findings, drift: findings.filter((f) => f.status === 'drift').length };
}

function links(association: AnyAssociation): Link[] {
  const source = association.source.definition;
  const target = association.target.definition;
  const attr = (d: ModelDefinition, name: string) => d.attributes.get(name);
  const link = (child: ModelDefinition, fk: string, parent: ModelDefinition, key: string): Link[] => {
    const attribute = attr(child, fk);
    const referenced = attr(parent, key);
    return attribute && referenced ? [{ child, attribute, parent, key: referenced.field }] : [];
  };
  switch (association.associationType) {
    case 'BelongsTo':
      return link(source, association.foreignKey, target, association.targetKey);
    case 'HasOne':
    case 'HasMany':
      return link(target, association.foreignKey, source, association.sourceKey);
    case 'BelongsToMany': {
      const junction = association.through.model.definition;
      return [
        ...link(junction, association.foreignKey, source, association.sourceKey),
        ...link(junction, association.otherKey, target, association.targetKey),
      ];
    }
  }
}

async function checkLink(
  relata: Relata, schema: SchemaDialect, name: string, link: Link, keys: readonly CatalogForeignKey[], indexes: readonly CatalogIndex[], options: QueryRunOptions,
): Promise<CheckFinding[]> {
  const table = link.child.tableName;
  const column = link.attribute.field;
  const target = `${table}.${column} → ${link.parent.tableName}.${link.key}`;
  const at = `${table}.${column}: `;
  const out: CheckFinding[] = [];
  const expected = link.attribute.references !== undefined;
  const key = keys.find((k) => k.columns.length === 1 && k.columns[0] === column);
  if (!expected) {
    out.push({ association: name, check: 'foreign key', status: 'skipped', detail: `${target}: constraints: false` });
  } else if (!key) {
    out.push({ association: name, check: 'foreign key', status: 'drift', detail: `no FOREIGN KEY on ${table}.${column} (the models expect → ${link.parent.tableName}.${link.key})` });
  } else if (key.referencedTable !== link.parent.tableName || key.referencedColumns[0] !== link.key) {
    out.push({ association: name, check: 'foreign key', status: 'drift', detail: `${key.name} on ${table}.${column} references ${key.referencedTable}.${key.referencedColumns.join(', ')}, the models expect ${link.parent.tableName}.${link.key}` });
  } else {
    out.push({ association: name, check: 'foreign key', status: 'ok', detail: `${key.name}: ${target}` });
    const actual = `ON DELETE ${key.onDelete} ON UPDATE ${key.onUpdate}`;
    const wanted = `ON DELETE ${link.attribute.onDelete ?? 'NO ACTION'} ON UPDATE ${link.attribute.onUpdate ?? 'NO ACTION'}`;
    const same = sameAction(schema, key.onDelete, link.attribute.onDelete) && sameAction(schema, key.onUpdate, link.attribute.onUpdate);
    out.push({ association: name, check: 'actions', status: same ? 'ok' : 'drift', detail: same ? `${at}${actual}` : `${at}${actual}, the models expect ${wanted}` });
  }
  const index = indexes.find((i) => i.columns[0] === column);
  out.push(
    index
      ? { association: name, check: 'index', status: 'ok', detail: `${at}${index.name} (${index.columns.join(', ')})` }
      : { association: name, check: 'index', status: 'drift', detail: `${at}no index leads with this column, so association loads and parent deletes scan ${table}` },
  );
  if (!expected) {
    out.push({ association: name, check: 'orphans', status: 'skipped', detail: `${at}constraints: false` });
    return out;
  }
  const result = await relata.execute(compileOrphanCount(relata, table, [column], link.parent.tableName, [link.key]), options);
  const count = Number((result.rows[0] as Record<string, unknown> | undefined)?.['n'] ?? 0);
  out.push({
    association: name, check: 'orphans', status: count === 0 ? 'ok' : 'drift', count,
    detail: count === 0 ? `${at}none` : `${at}${count} row${count === 1 ? '' : 's'} of ${table} reference a missing ${link.parent.tableName} row`,
  });
  return out;
}

async function checkPair(
  association: BelongsToManyAssociation, name: string, tables: ReadonlySet<string>, catalogOf: (table: string) => Promise<{ indexes: CatalogIndex[] }>,
): Promise<CheckFinding[]> {
  const junction = association.through.model.definition;
  if (!tables.has(junction.tableName)) return [];
  const pair = [association.foreignKey, association.otherKey].map((a) => junction.attributes.get(a)?.field ?? a);
  const label = `${junction.tableName} (${pair.join(', ')})`;
  if (!association.through.unique) return [{ association: name, check: 'unique pair', status: 'skipped', detail: `${label}: through.unique is false` }];
  const { indexes } = await catalogOf(junction.tableName);
  const found = indexes.find((i) => i.unique && i.columns.length === 2 && pair.every((c) => i.columns.includes(c)));
  return [
    found
      ? { association: name, check: 'unique pair', status: 'ok', detail: `${label}: ${found.primary ? 'primary key' : found.name}` }
      : { association: name, check: 'unique pair', status: 'drift', detail: `${label}: no PRIMARY KEY or UNIQUE on the pair, so the same link can be stored twice` },
  ];
}

function sameAction(schema: SchemaDialect, actual: ReferentialAction, wanted: ReferentialAction | undefined): boolean {
  const norm = (a: ReferentialAction | undefined) => {
    const v = a ?? 'NO ACTION';
    return schema.restrictIsNoAction && v === 'RESTRICT' ? 'NO ACTION' : v;
  };
  return norm(actual) === norm(wanted);
}

/**
 * The report as a table a person can read, with a summary line.
 *
 * @example
 * formatCheckReport(report)
 * // Association            Check        Status  Detail
 * // User.posts (hasMany)   foreign key  ok      Posts_userId_fkey: Posts.userId → Users.id
 * // …
 * // 4 associations checked: no drift.
 */
export function formatCheckReport(report: CheckReport): string {
  const rows = report.findings.map((f) => [f.association, f.check, f.status === 'drift' ? 'DRIFT' : f.status, f.detail]);
  const header = ['Association', 'Check', 'Status', 'Detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const table = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const summary = report.drift === 0
    ? `${report.associations} association${report.associations === 1 ? '' : 's'} checked on ${report.dialect}: no drift.`
    : `${report.associations} association${report.associations === 1 ? '' : 's'} checked on ${report.dialect}: ${report.drift} problem${report.drift === 1 ? '' : 's'}.`;
  return `${table.join('\n')}\n\n${summary}\n`;
}
