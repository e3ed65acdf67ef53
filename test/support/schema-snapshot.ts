/**
 * A whole-schema snapshot from the catalog (columns, unique constraints, indexes, foreign keys of
 * every table), for tests that compare what migrations built with what `sync()` builds.
 *
 * ```ts
 * expect(await schemaSnapshot(db, dialect, url)).toEqual(await schemaSnapshot(synced, dialect, url));
 * ```
 */
import { QueryTypes, type Relata } from '../../src/index.js';
import { catalog } from './catalog.js';
import { catalogDialect, columnCatalog, type CatalogColumn, type CatalogForeignKey, type CatalogIndex, type CatalogQuery } from './column-catalog.js';
import type { TestDialect } from './dialects.js';

export interface TableSnapshot {
  readonly columns: CatalogColumn[];
  readonly uniques: CatalogIndex[];
  readonly indexes: CatalogIndex[];
  readonly foreignKeys: CatalogForeignKey[];
}

/** The pg schema or MariaDB database a test URL points at ('' on SQLite). */
export function namespaceOf(dialect: TestDialect, url: string): string {
  if (dialect === 'postgres') return (new URL(url).searchParams.get('options') ?? '').replace('-c search_path=', '');
  if (dialect === 'mariadb') return new URL(url).pathname.slice(1);
  return '';
}

/** Every table of the namespace (history tables excluded unless asked for), read from the catalog. */
export async function schemaSnapshot(db: Relata, dialect: TestDialect, url: string, options: { history?: boolean } = {}): Promise<Record<string, TableSnapshot>> {
  const reader = columnCatalog(catalogDialect(dialect));
  const run: CatalogQuery = async (sql, replacements) => (await db.query(sql, { replacements: [...replacements], type: QueryTypes.SELECT })) as Record<string, unknown>[];
  const schema = namespaceOf(dialect, url);
  const tables = (await catalog(dialect).tables(db)).filter((t) => options.history || !['SequelizeMeta', 'SequelizeData'].includes(t));
  const out: Record<string, TableSnapshot> = {};
  for (const table of tables.sort()) {
    out[table] = {
      columns: await reader.columns(run, schema, table),
      uniques: await reader.uniques(run, schema, table),
      indexes: await reader.indexes(run, schema, table),
      foreignKeys: await reader.foreignKeys(run, schema, table),
    };
  }
  return out;
}
