import { refuseIndexExtras } from '../metadata/index-extras.js';
import inflection from 'inflection';
import type { CompiledQuery } from 'kysely';
import type { CatalogForeignKey, CatalogIndex, CatalogRun, SchemaDialect, TableChange } from '../dialects/schema-dialect.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import { MigrationError } from '../errors/migration-error.js';
import type { ModelDefinition } from '../metadata/model-definition.js';
import { ExpressionContext } from '../query/expression-context.js';
import { Fn, Literal } from '../query/fragments.js';
import { compileWhere, fragmentExpr } from '../query/where.js';
import type { OrderItem } from '../query/expression.js';
import { compileSelect } from '../sql/select.js';
import type { ModelClassLike } from '../metadata/model-class.js';
import type { QueryRunOptions } from '../query/query-options.js';
import type { TransactionalSession } from '../sql/session.js';
import type { ColumnSpec } from '../sql/ddl.js';
import { plainTableName, type QueryInterfaceTable } from './table-name.js';
import { escapeValue, quoteIdentifier, quoteIdentifiers, quoteTable, type TableReference } from '../sql/escape.js';
import {
  catalogRunner,
  compileAddColumn,
  compileAddConstraint,
  compileAddIndex,
  compileChangeColumn,
  compileColumnDefinition,
  compileConstraintDefinition,
  compileCreateTable,
  compileDropColumn,
  compileDropConstraint,
  compileDropIndex,
  compileDropTable,
  compileDropTrigger,
  compileRenameColumn,
  compileRenameTable,
  foreignKeyOf,
  type TableConstraintSpec,
} from '../sql/schema-ddl.js';
import { affectedRows, bulkDeleteStatement, bulkInsertStatements, bulkUpdateStatement, columnTypes, upsertStatement } from './bulk-writes.js';
import { upsertConflictColumns } from '../sql/conflict-target.js';
import { compileInsert } from '../sql/writes.js';
import { catalogDefinition, normalizeColumns } from './column-spec.js';
import { rebuildSafely, withoutForeignKeyEnforcement } from './foreign-key-switch.js';
import type {
  AddConstraintOptions,
  AddIndexOptions,
  BulkDeleteOptions,
  ColumnDescription,
  CreateTableOptions,
  DropAllTablesOptions,
  DropTableOptions,
  ForeignKeyReference,
  IndexField,
  QuerySelectOptions,
  QueryUpsertOptions,
} from './query-interface-options.js';

const CONSTRAINT_SUFFIX: Readonly<Record<string, string>> = { unique: 'uk', check: 'ck', 'primary key': 'pk' };

/**
 * The schema API migrations receive as their first argument (`queryInterface`), with
 * Sequelize's method names and arguments. Every statement is built by Kysely's schema module;
 * values are bound, or written as escaped literals where DDL allows no parameters. On SQLite,
 * changes its ALTER TABLE cannot make are done by rebuilding the table in a transaction that
 * keeps the rows, the foreign keys (in both directions), the indexes and the triggers.
 *
 * @example
 * const queryInterface = relata.getQueryInterface()
 * await queryInterface.createTable('UserGroups', {
 *   id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
 *   userId: { type: DataTypes.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'CASCADE' },
 * }) // CREATE TABLE IF NOT EXISTS "UserGroups" ("id" SERIAL PRIMARY KEY, "userId" INTEGER REFERENCES "Users" ("id") ON DELETE CASCADE)
 * await queryInterface.addIndex('UserGroups', ['userId']) // CREATE INDEX "user_groups_user_id" ON "UserGroups" ("userId")
 */
export class QueryInterface<Connection extends TransactionalSession = TransactionalSession> {
  /** The connection, as migrations reach it (`queryInterface.sequelize.query(…)`). */
  readonly sequelize: Connection;

  constructor(relata: Connection) {
    this.sequelize = relata;
  }

  /**
   * A name quoted for this dialect, as Sequelize quotes it (`"user"`, `` `user` ``). `force` is
   * accepted for Sequelize's signature; relata always quotes.
   */
  quoteIdentifier(name: string, force?: boolean): string {
    void force;
    return quoteIdentifier(this.sequelize, name);
  }

  /** A dotted path quoted part by part: `'a.b.c'` → `"a->b"."c"`, as Sequelize quotes include columns. */
  quoteIdentifiers(path: string): string {
    return quoteIdentifiers(this.sequelize, path);
  }

  /** A table (`'users'`, `{ tableName, schema }`, or a model) quoted for this dialect, with an optional alias. */
  quoteTable(table: TableReference, as?: string): string {
    return quoteTable(this.sequelize, table, as);
  }

  /** A value as an SQL literal of this dialect, the same as `relata.escape()`. */
  escape(value: unknown): string {
    return escapeValue(this.sequelize, value);
  }

  /** Creates a table (IF NOT EXISTS): columns, keys, references with their actions, unique constraints, defaults. */
  async createTable(target: QueryInterfaceTable, attributes: Readonly<Record<string, unknown>>, options: CreateTableOptions = {}): Promise<void> {
    const table = plainTableName('createTable', target);
    const { specs, uniques } = normalizeColumns(this.sequelize, table, attributes);
    for (const [name, { fields, customIndex }] of Object.entries(options.uniqueKeys ?? {})) if (customIndex !== false) uniques.set(name, [...fields]);
    const storage = { engine: options.engine, charset: options.charset, collate: options.collate };
    await this.sequelize.execute(compileCreateTable(this.sequelize, table, specs, uniques, storage), options);
  }

  /** Drops a table if it exists; `cascade` drops what depends on it (PostgreSQL). */
  async dropTable(target: QueryInterfaceTable, options: DropTableOptions = {}): Promise<void> {
    const table = plainTableName('dropTable', target);
    await this.sequelize.execute(compileDropTable(this.sequelize, table, { cascade: options.cascade === true }), options);
  }

  /** Drops every table of the current schema/database except `skip`, referencing tables first. */
  async dropAllTables(options: DropAllTablesOptions = {}): Promise<void> {
    const schema = this.#schema('dropAllTables');
    const run = catalogRunner(this.sequelize, options);
    const skip = new Set(options.skip ?? []);
    const tables = (await schema.tables(run)).filter((t) => !skip.has(t));
    const keys = new Map<string, CatalogForeignKey[]>();
    for (const table of tables) keys.set(table, await schema.foreignKeys(run, table));
    const { ordered, cyclic } = dropOrder(tables, keys);
    const dropAll = async (): Promise<void> => {
      if (!schema.foreignKeySwitch && !this.sequelize.adapter.capabilities.dropCascade) {
        // Tables referencing each other: drop the constraints that hold the cycle first.
        for (const table of cyclic) for (const key of keys.get(table) ?? []) await this.sequelize.execute(compileDropConstraint(this.sequelize, table, key.name), options);
      }
      for (const table of ordered) await this.sequelize.execute(compileDropTable(this.sequelize, table, { cascade: true }), options);
    };
    const sw = schema.foreignKeySwitch;
    if (sw && cyclic.length > 0 && this.#activeTransaction(options) === undefined) await withoutForeignKeyEnforcement(this.sequelize, sw, dropAll);
    else await dropAll();
  }

  /** Renames a table; foreign keys that reference it follow. */
  async renameTable(before: QueryInterfaceTable, after: QueryInterfaceTable, options: QueryRunOptions = {}): Promise<void> {
    const from = plainTableName('renameTable', before);
    const to = plainTableName('renameTable', after);
    await this.sequelize.execute(compileRenameTable(this.sequelize, from, to), options);
  }

  /** The base tables of the current schema (PostgreSQL) or database, sorted. */
  async showAllTables(options: QueryRunOptions = {}): Promise<string[]> {
    return this.#schema('showAllTables').tables(catalogRunner(this.sequelize, options));
  }

  /** True when the table exists in the current schema or database. */
  async tableExists(target: QueryInterfaceTable, options: QueryRunOptions = {}): Promise<boolean> {
    const table = plainTableName('tableExists', target);
    return (await this.showAllTables(options)).includes(table);
  }

  /**
   * The table's columns: type (as the database spells it), nullability, default, key,
   * auto-increment and comment. Throws when the table does not exist.
   *
   * @example
   * await queryInterface.describeTable('Users') // { id: { type: 'INTEGER', allowNull: false, primaryKey: true, autoIncrement: true, … }, … }
   */
  async describeTable(target: QueryInterfaceTable, options: QueryRunOptions = {}): Promise<Record<string, ColumnDescription>> {
    const table = plainTableName('describeTable', target);
    const schema = this.#schema('describeTable');
    const columns = await schema.columns(catalogRunner(this.sequelize, options), table);
    if (columns.length === 0) throw new MigrationError(`No description found for table "${table}": it does not exist in the current schema (names are case sensitive)`);
    return Object.fromEntries(
      columns.map((c) => [
        c.name,
        { type: c.type, allowNull: c.allowNull, defaultValue: c.autoIncrement ? null : schema.canonicalDefault(c.defaultValue), primaryKey: c.primaryKey, autoIncrement: c.autoIncrement, comment: c.comment },
      ]),
    );
  }

  /** Adds a column (with its reference, unique constraint and default). */
  async addColumn(target: QueryInterfaceTable, column: string, attribute: unknown, options: QueryRunOptions = {}): Promise<void> {
    const table = plainTableName('addColumn', target);
    const { spec, uniques } = this.#column(table, column, attribute);
    const schema = this.sequelize.adapter.schema;
    const attr = spec.attribute;
    // SQLite's ADD COLUMN takes no key, no UNIQUE, no NOT NULL without a default and no expression default.
    if (schema?.rebuildTable && (attr.primaryKey || uniques.length > 0 || spec.sqlDefault !== undefined || (!attr.allowNull && !attr.hasDefault))) {
      const constraints = uniques.map((u) => compileConstraintDefinition(this.sequelize, u));
      await this.#rebuild(schema, table, 'addColumn', options, [{ kind: 'addColumn', column, definition: compileColumnDefinition(this.sequelize, spec), constraints }]);
      return;
    }
    const statements = [...compileAddColumn(this.sequelize, table, spec), ...uniques.map((u) => compileAddConstraint(this.sequelize, table, u))];
    await this.#execAll(statements, options);
  }

  /** Drops a column, with the foreign keys, indexes and constraints that use it. */
  async removeColumn(target: QueryInterfaceTable, column: string, options: QueryRunOptions = {}): Promise<void> {
    const table = plainTableName('removeColumn', target);
    const schema = this.#schema('removeColumn');
    if (schema.rebuildTable) {
      await this.#rebuild(schema, table, 'removeColumn', options, [{ kind: 'dropColumn', column }]);
      return;
    }
    const keys = (await schema.foreignKeys(catalogRunner(this.sequelize, options), table)).filter((k) => k.columns.includes(column));
    const statements = [...keys.map((k) => compileDropConstraint(this.sequelize, table, k.name)), compileDropColumn(this.sequelize, table, column)];
    await this.#execAll(statements, options);
  }

  /**
   * Changes a column's type, nullability and default to the given definition. Its foreign key
   * stays unless a new `references` is given; `unique: true` adds a unique constraint.
   */
  async changeColumn(target: QueryInterfaceTable, column: string, dataTypeOrOptions: unknown, options: QueryRunOptions = {}): Promise<void> {
    const table = plainTableName('changeColumn', target);
    const schema = this.#schema('changeColumn');
    const { spec, uniques } = this.#column(table, column, dataTypeOrOptions);
    const run = catalogRunner(this.sequelize, options);
    const indexes = await schema.indexes(run, table);
    const newUniques = uniques.filter((u) => !indexes.some((i) => i.unique && sameSet(i.columns, u.fields)));
    if (schema.rebuildTable) {
      // A rebuilt column keeps its key as it is: changeColumn changes type, nullability and default.
      const live = await schema.columns(run, table);
      const current = live.find((c) => c.name === column);
      const onlyKey = current?.primaryKey === true && live.filter((c) => c.primaryKey).length === 1;
      const attribute = { ...spec.attribute, primaryKey: onlyKey, autoIncrement: onlyKey && (spec.attribute.autoIncrement || current.autoIncrement) };
      const constraints = newUniques.map((u) => compileConstraintDefinition(this.sequelize, u));
      const definition = compileColumnDefinition(this.sequelize, { ...spec, attribute });
      await this.#rebuild(schema, table, 'changeColumn', options, [{ kind: 'changeColumn', column, definition, constraints }]);
      return;
    }
    const statements = [compileChangeColumn(this.sequelize, table, spec, schema.alterColumn === 'modify' ? 'modify' : 'alter')];
    if (spec.attribute.references !== undefined) {
      const keys = await schema.foreignKeys(run, table);
      if (!keys.some((k) => k.columns.length === 1 && k.columns[0] === column)) statements.push(compileAddConstraint(this.sequelize, table, foreignKeyOf(table, spec)));
    }
    for (const u of newUniques) statements.push(compileAddConstraint(this.sequelize, table, u));
    // Where an ENUM is text with a CHECK of its values (PostgreSQL), the check is part of the
    // column: the new definition replaces the one the column got with it (`<table>_<column>_check`).
    const checkName = `${table}_${column}_check`;
    const check = schema.enumChecks === undefined ? undefined : (await schema.enumChecks(run, table)).find((c) => c.name === checkName);
    const values = spec.attribute.type.key === 'ENUM' ? ((spec.attribute.type.params['values'] as readonly string[] | undefined) ?? []) : undefined;
    const keep = check !== undefined && values !== undefined && sameSet(check.values, values);
    if (check !== undefined && !keep) statements.unshift(compileDropConstraint(this.sequelize, table, checkName));
    await this.#execAll(statements, options);
    if (schema.enumChecks !== undefined && values !== undefined && !keep) {
      await this.addConstraint(table, { ...options, type: 'check', name: checkName, fields: [column], where: { [column]: values } });
    }
  }

  /** Renames a column; indexes and foreign keys follow. */
  async renameColumn(target: QueryInterfaceTable, from: string, to: string, options: QueryRunOptions = {}): Promise<void> {
    const table = plainTableName('renameColumn', target);
    await this.sequelize.execute(compileRenameColumn(this.sequelize, table, from, to), options);
  }

  /**
   * Creates an index: `addIndex('Users', ['email'], { unique: true })` or
   * `addIndex('Users', { fields: ['email'], unique: true, name: 'users_email' })`.
   */
  async addIndex(target: QueryInterfaceTable, fieldsOrOptions: readonly IndexField[] | AddIndexOptions, maybeOptions: AddIndexOptions = {}): Promise<void> {
    const table = plainTableName('addIndex', target);
    const options: AddIndexOptions = Array.isArray(fieldsOrOptions) ? { ...maybeOptions, fields: fieldsOrOptions } : { ...(fieldsOrOptions as AddIndexOptions), ...maybeOptions };
    refuseIndexExtras(`addIndex(${table})`, options);
    const given = options.fields ?? [];
    const hasExpression = given.some((f) => f instanceof Fn || f instanceof Literal);
    if (hasExpression && options.name === undefined) {
      throw InvalidOptionError.expected(`addIndex(${table})`, 'name', 'an index name (an fn() or literal() field gives none to derive it from)', undefined);
    }
    // The table's columns check the names an expression uses (col('email')) and the partial index's where.
    const ctx = hasExpression || options.where !== undefined ? await this.#whereContext(table, 'addIndex', options) : undefined;
    const fields = given.map((f) =>
      f instanceof Fn || f instanceof Literal
        ? { expression: fragmentExpr(f, ctx as ExpressionContext) }
        : typeof f === 'string'
          ? { name: f }
          : { name: f.name ?? f.attribute ?? '', order: f.order },
    );
    if (fields.length === 0 || fields.some((f) => 'name' in f && f.name === '')) {
      throw InvalidOptionError.expected(`addIndex(${table})`, 'fields', 'a non-empty list of column names, fn() or literal()', options.fields);
    }
    const where = options.where === undefined ? undefined : compileWhere(options.where, (ctx as ExpressionContext).withClause('addIndex where'));
    await this.sequelize.execute(
      compileAddIndex(this.sequelize, table, {
        name: options.name ?? defaultIndexName(table, fields.map((f) => ('name' in f ? f.name : ''))),
        fields,
        unique: options.unique === true || options.type?.toUpperCase() === 'UNIQUE',
        using: options.using,
        where,
      }),
      options,
    );
  }

  /** Drops an index, by name or by the fields it was created with (its default name). */
  async removeIndex(target: QueryInterfaceTable, nameOrFields: string | readonly string[], options: QueryRunOptions = {}): Promise<void> {
    const table = plainTableName('removeIndex', target);
    const name = typeof nameOrFields === 'string' ? nameOrFields : defaultIndexName(table, nameOrFields);
    await this.sequelize.execute(compileDropIndex(this.sequelize, table, name, this.sequelize.adapter.schema?.dropIndexOnTable ?? true), options);
  }

  /** The table's indexes, those behind PRIMARY KEY and UNIQUE constraints included. */
  async showIndex(target: QueryInterfaceTable, options: QueryRunOptions = {}): Promise<CatalogIndex[]> {
    const table = plainTableName('showIndex', target);
    return this.#schema('showIndex').indexes(catalogRunner(this.sequelize, options), table);
  }

  /**
   * Adds a UNIQUE, CHECK, FOREIGN KEY or PRIMARY KEY constraint.
   *
   * @example
   * await queryInterface.addConstraint('Posts', { type: 'foreign key', fields: ['userId'], references: { table: 'Users', field: 'id' }, onDelete: 'cascade' })
   * await queryInterface.addConstraint('Users', { type: 'check', fields: ['age'], where: { age: { [Op.gte]: 0 } } }) // CHECK ("age" >= 0)
   */
  async addConstraint(target: QueryInterfaceTable, options: AddConstraintOptions): Promise<void> {
    const table = plainTableName('addConstraint', target);
    const spec = await this.#constraintSpec(table, options);
    const schema = this.sequelize.adapter.schema;
    if (schema?.rebuildTable) {
      await this.#rebuild(schema, table, 'addConstraint', options, [{ kind: 'addConstraint', definition: compileConstraintDefinition(this.sequelize, spec) }]);
      return;
    }
    await this.sequelize.execute(compileAddConstraint(this.sequelize, table, spec), options);
  }

  /**
   * Drops a constraint by name (a unique index of that name too). A primary key added as
   * `<table>_pkey` or `<table>_…_pk` is found under that name where the database renames every
   * primary key (MySQL and MariaDB call it PRIMARY).
   *
   * @example
   * await queryInterface.removeConstraint('UserGroups', 'UserGroups_pkey') // ALTER TABLE `UserGroups` DROP CONSTRAINT `PRIMARY` on MariaDB
   */
  async removeConstraint(target: QueryInterfaceTable, name: string, options: QueryRunOptions = {}): Promise<void> {
    const table = plainTableName('removeConstraint', target);
    const schema = this.#schema('removeConstraint');
    const run = catalogRunner(this.sequelize, options);
    // InnoDB names a foreign key's index after the constraint: the name means the constraint.
    const isForeignKey = (await schema.foreignKeys(run, table)).some((k) => k.name === name);
    const indexes = isForeignKey ? [] : await schema.indexes(run, table);
    const index = indexes.find((i) => i.name === name && !i.constraint);
    if (index) return this.removeIndex(table, name, options);
    if (schema.rebuildTable) return this.#rebuild(schema, table, 'removeConstraint', options, [{ kind: 'dropConstraint', name }]);
    const primary = indexes.find((i) => i.primary);
    const renamedPrimary = primary !== undefined && !indexes.some((i) => i.name === name) && name.startsWith(`${table}_`) && /_pk(ey)?$/.test(name);
    await this.sequelize.execute(compileDropConstraint(this.sequelize, table, renamedPrimary ? primary.name : name), options);
  }

  /** One entry per foreign key column of the table: constraint, column, referenced table and column, actions. */
  async getForeignKeyReferencesForTable(target: QueryInterfaceTable, options: QueryRunOptions = {}): Promise<ForeignKeyReference[]> {
    const table = plainTableName('getForeignKeyReferencesForTable', target);
    const keys = await this.#schema('getForeignKeyReferencesForTable').foreignKeys(catalogRunner(this.sequelize, options), table);
    return keys.flatMap((k) =>
      k.columns.map((column, i) => ({
        constraintName: k.name, tableName: table, columnName: column, referencedTableName: k.referencedTable,
        referencedColumnName: k.referencedColumns[i] ?? '', onDelete: k.onDelete, onUpdate: k.onUpdate,
      })),
    );
  }

  /** The foreign key constraint names of each table. */
  async getForeignKeysForTables(tables: readonly string[], options: QueryRunOptions = {}): Promise<Record<string, string[]>> {
    const schema = this.#schema('getForeignKeysForTables');
    const run = catalogRunner(this.sequelize, options);
    const out: Record<string, string[]> = {};
    for (const table of tables) out[table] = (await schema.foreignKeys(run, table)).map((k) => k.name);
    return out;
  }

  /**
   * Inserts rows (objects keyed by column); returns how many. Values are bound; objects and arrays
   * become JSON, except in the columns `attributes` types (as in Sequelize): those are written by
   * their data type (a PostgreSQL `ARRAY` stays an array).
   *
   * @example
   * await queryInterface.bulkInsert('Posts', [{ title: 'a', tags: ['x', 'y'] }], {}, { tags: { type: DataTypes.ARRAY(DataTypes.STRING) } })
   */
  async bulkInsert(
    target: QueryInterfaceTable,
    records: readonly Readonly<Record<string, unknown>>[],
    options: QueryRunOptions = {},
    attributes?: Readonly<Record<string, unknown>>,
  ): Promise<number> {
    const table = plainTableName('bulkInsert', target);
    const types = columnTypes(attributes, `queryInterface.bulkInsert(${table}) attributes`);
    if (records.length === 0) return 0;
    const statements = bulkInsertStatements(this.sequelize, table, records, types);
    await this.#execAll(statements, options);
    return records.length;
  }

  /**
   * Reads rows of a table, as Sequelize's `queryInterface.select(model, table, options)`: plain rows
   * keyed by column, or, with a model, instances of it built from them. `{ tableName }` is accepted
   * for the name; a `schema` in it is refused (the catalog is read in the current schema only).
   *
   * @example
   * await queryInterface.select(null, 'People', { where: { name: 'ada' } }) // [{ id: 1, name: 'ada' }]
   */
  async select(model: null, table: QueryInterfaceTable, options?: QuerySelectOptions): Promise<Record<string, unknown>[]>;
  async select<M extends object>(model: ModelClassLike<M>, table: QueryInterfaceTable, options?: QuerySelectOptions): Promise<M[]>;
  async select(model: ModelClassLike | null, table: QueryInterfaceTable, options: QuerySelectOptions = {}): Promise<unknown[]> {
    const name = plainTableName('select', table);
    const definition = await this.#definition(name, options);
    const ctx = new ExpressionContext({ definition, tableAlias: name, clause: 'select where' });
    const columns = options.attributes ?? [...definition.attributes.keys()];
    const order: OrderItem[] = (options.order ?? []).map((entry) => {
      const [column, direction] = typeof entry === 'string' ? [entry, 'ASC'] : entry;
      return { expr: ctx.withClause('select order').attribute(column).expr, direction: String(direction ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC', nulls: undefined };
    });
    const compiled = compileSelect(this.sequelize, {
      table: name,
      alias: name,
      selections: columns.map((column) => ({ expr: ctx.withClause('select attributes').attribute(column).expr, as: column })),
      where: compileWhere(options.where ?? null, ctx),
      group: [],
      having: undefined,
      order,
      limit: options.limit,
      offset: options.offset,
      lock: undefined,
      skipLocked: false,
      distinct: false,
    });
    const rows = (await this.sequelize.execute(compiled, options)).rows as Record<string, unknown>[];
    return model === null ? rows : rows.map((row) => model.build(row as never, { isNewRecord: false }));
  }

  /**
   * Inserts one row (values keyed by column), as Sequelize's `queryInterface.insert(instance, table,
   * values, options)`, and answers as it does: `[insertId, 1]` where the driver reports an insert id
   * (SQLite, MySQL/MariaDB), `[[], 1]` on PostgreSQL. The instance is accepted for the signature.
   *
   * @example
   * await queryInterface.insert(null, 'People', { name: 'ada' }) // [1, 1] on SQLite
   */
  async insert(instance: object | null, table: QueryInterfaceTable, values: Readonly<Record<string, unknown>>, options: QueryRunOptions = {}): Promise<[unknown, number]> {
    void instance;
    const name = plainTableName('insert', table);
    const row = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const result = await this.sequelize.execute(compileInsert(this.sequelize, name, [row], []), options);
    const affected = Number(result.numAffectedRows ?? 1);
    return [result.insertId === undefined ? result.rows : Number(result.insertId), affected];
  }

  /** Updates the rows matching `where` (a where object on the table's columns); returns how many. */
  async bulkUpdate(target: QueryInterfaceTable, values: Readonly<Record<string, unknown>>, where: unknown, options: QueryRunOptions = {}): Promise<number> {
    const table = plainTableName('bulkUpdate', target);
    const definition = await this.#definition(table, options);
    return affectedRows(this.sequelize, [bulkUpdateStatement(this.sequelize, definition, values, where)], options);
  }

  /** Deletes the rows matching `where` (all rows for `{}` or null); returns how many. */
  async bulkDelete(target: QueryInterfaceTable, where: unknown = {}, options: BulkDeleteOptions = {}): Promise<number> {
    const table = plainTableName('bulkDelete', target);
    const definition = await this.#definition(table, options);
    return affectedRows(this.sequelize, [bulkDeleteStatement(this.sequelize, definition, where, options)], options);
  }

  /**
   * Deletes the rows of the table matching `identifier` (a where object on its columns; `{}` deletes
   * every row), as Sequelize's `queryInterface.delete(instance, table, identifier, options)`; answers
   * how many. The instance is accepted for the signature: the hooks of its associations do not run
   * (`instance.destroy()` runs them).
   *
   * @example
   * await queryInterface.delete(null, 'People', { name: 'ada' }) // DELETE FROM "People" WHERE "name" = $1 → 1
   */
  async delete(instance: object | null, target: QueryInterfaceTable, identifier: unknown, options: QueryRunOptions = {}): Promise<number> {
    void instance;
    const table = plainTableName('delete', target);
    const definition = await this.#definition(table, options);
    return affectedRows(this.sequelize, [bulkDeleteStatement(this.sequelize, definition, identifier, {})], options);
  }

  /**
   * Inserts a row, or updates the row it conflicts with, as Sequelize's `queryInterface.upsert(table,
   * insertValues, updateValues, where, { model })`: on a conflict the columns named in
   * `updateValues` take the inserted values (as in Sequelize, their values in `updateValues` and
   * `where` are not used). The conflict target is `conflictFields`, else the model's unique key
   * holding an updated column, else its primary key.
   *
   * @example
   * await queryInterface.upsert('Users', { email: 'a@b.c', name: 'ada' }, { email: 'a@b.c', name: 'ada' }, {}, { model: User })
   * // INSERT INTO "Users" ("email", "name") VALUES ($1, $2) ON CONFLICT ("email") DO UPDATE SET "email" = excluded."email", "name" = excluded."name"
   */
  async upsert(
    target: QueryInterfaceTable,
    insertValues: Readonly<Record<string, unknown>>,
    updateValues: Readonly<Record<string, unknown>>,
    where: unknown,
    options: QueryUpsertOptions,
  ): Promise<void> {
    void where;
    const table = plainTableName('upsert', target);
    const update = Object.keys(updateValues);
    const conflict = options.conflictFields ?? (options.model === undefined ? undefined : upsertConflictColumns(options.model.definition, update));
    if (conflict === undefined || conflict.length === 0) {
      throw InvalidOptionError.expected(`queryInterface.upsert(${table})`, 'options.model', 'the model whose unique or primary key names the conflict target (or conflictFields)', options.model);
    }
    // The columns come from the table's catalog, never straight from the caller's keys.
    const ctx = new ExpressionContext({ definition: await this.#definition(table, options), tableAlias: table, clause: 'upsert values' });
    for (const column of new Set([...Object.keys(insertValues), ...update, ...conflict])) ctx.attribute(column);
    await this.sequelize.execute(upsertStatement(this.sequelize, table, insertValues, conflict, update), options);
  }

  /**
   * Drops a trigger of the table, as Sequelize's `queryInterface.dropTrigger(table, name, options)`
   * (which only PostgreSQL implements there): `DROP TRIGGER "name" ON "table"` on PostgreSQL,
   * `DROP TRIGGER name` on SQLite and MySQL/MariaDB, where trigger names belong to the schema.
   *
   * @example
   * await queryInterface.dropTrigger('Users', 'users_touch') // DROP TRIGGER "users_touch" ON "Users"
   */
  async dropTrigger(target: QueryInterfaceTable, name: string, options: QueryRunOptions = {}): Promise<void> {
    const table = plainTableName('dropTrigger', target);
    await this.sequelize.execute(compileDropTrigger(this.sequelize, table, name), options);
  }

  /** @internal The dialect's catalog readers, for the schema tools. */
  catalog(options: QueryRunOptions = {}): { schema: SchemaDialect; run: CatalogRun } {
    return { schema: this.#schema('catalog'), run: catalogRunner(this.sequelize, options) };
  }

  #schema(operation: string): SchemaDialect {
    const schema = this.sequelize.adapter.schema;
    if (schema === undefined) throw MigrationError.unsupported(this.sequelize.getDialect(), operation);
    return schema;
  }

  #activeTransaction(options: QueryRunOptions): unknown {
    return options.transaction === undefined ? this.sequelize.currentTransaction() : (options.transaction ?? undefined);
  }

  #column(table: string, column: string, attribute: unknown): { spec: ColumnSpec; uniques: UniqueSpec[] } {
    const { specs, uniques } = normalizeColumns(this.sequelize, table, { [column]: attribute });
    const spec = specs[0];
    if (spec === undefined) throw InvalidOptionError.expected(`queryInterface (${table}.${column})`, 'the column', 'a stored column (not VIRTUAL)', attribute);
    return { spec, uniques: [...uniques].map(([name, fields]) => ({ type: 'unique' as const, name, fields })) };
  }

  async #definition(table: string, options: QueryRunOptions): Promise<ModelDefinition> {
    const columns = await this.#schema('bulk write').columns(catalogRunner(this.sequelize, options), table);
    if (columns.length === 0) throw new MigrationError(`Table "${table}" does not exist in the current schema (names are case sensitive)`);
    return catalogDefinition(table, columns);
  }

  async #whereContext(table: string, clause: string, options: QueryRunOptions): Promise<ExpressionContext> {
    return new ExpressionContext({ definition: await this.#definition(table, options), tableAlias: undefined, clause });
  }

  async #constraintSpec(table: string, options: AddConstraintOptions): Promise<TableConstraintSpec> {
    const type = String(options.type ?? '').toLowerCase();
    const fields = (options.fields ?? []).map((f) => (typeof f === 'string' ? f : (f.name ?? f.attribute ?? '')));
    if (fields.length === 0 || fields.some((f) => f === '')) throw InvalidOptionError.expected(`addConstraint(${table})`, 'fields', 'a non-empty list of column names', options.fields);
    const joined = fields.join('_');
    if (type === 'foreign key') {
      const ref = options.references;
      const refTable = typeof ref?.table === 'string' ? ref.table : ref?.table?.tableName;
      if (ref === undefined || refTable === undefined) throw InvalidOptionError.expected(`addConstraint(${table})`, 'references', '{ table, field }', ref);
      const referencedFields = ref.fields ?? [ref.field ?? 'id'];
      return { type, name: options.name ?? `${table}_${joined}_${refTable}_fk`, fields, referencedTable: refTable, referencedFields, onDelete: upper(options.onDelete), onUpdate: upper(options.onUpdate) };
    }
    const name = options.name ?? `${table}_${joined}_${CONSTRAINT_SUFFIX[type] ?? 'ck'}`;
    if (type === 'unique' || type === 'primary key') return { type, name, fields };
    if (type === 'check') return { type, name, expression: compileWhere(options.where, await this.#whereContext(table, 'addConstraint where', options)) };
    throw InvalidOptionError.expected(`addConstraint(${table})`, 'type', "'UNIQUE', 'CHECK', 'FOREIGN KEY' or 'PRIMARY KEY'", options.type);
  }

  async #rebuild(schema: SchemaDialect, table: string, operation: string, options: QueryRunOptions, changes: TableChange[]): Promise<void> {
    const sw = schema.foreignKeySwitch;
    const rebuild = schema.rebuildTable;
    if (!sw || !rebuild) throw MigrationError.unsupported(this.sequelize.getDialect(), operation);
    await rebuildSafely(this.sequelize, sw, options, { table, operation }, (inside) => rebuild.call(schema, catalogRunner(this.sequelize, inside), table, changes));
  }

  // Several statements run in one transaction where DDL is transactional and none is active.
  async #execAll(statements: readonly CompiledQuery[], options: QueryRunOptions): Promise<void> {
    const run = async (o: QueryRunOptions): Promise<void> => {
      for (const statement of statements) await this.sequelize.execute(statement, o);
    };
    if (statements.length > 1 && this.sequelize.adapter.capabilities.transactionalDdl && this.#activeTransaction(options) === undefined) {
      await this.sequelize.transaction({ transaction: null }, (transaction) => run({ ...options, transaction }));
    } else {
      await run(options);
    }
  }
}

type UniqueSpec = Extract<TableConstraintSpec, { type: 'unique' | 'primary key' }>;

function upper<T extends string>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : (value.toUpperCase() as T);
}

/** Sequelize's default index name: the table and fields, underscored. */
function defaultIndexName(table: string, fields: readonly string[]): string {
  return inflection.underscore(`${table}_${fields.join('_')}`);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Tables in an order where each is dropped before the tables it references; those in cycles last. */
function dropOrder(tables: readonly string[], keys: ReadonlyMap<string, readonly CatalogForeignKey[]>): { ordered: string[]; cyclic: string[] } {
  const remaining = new Set(tables);
  const ordered: string[] = [];
  for (;;) {
    const free = [...remaining].filter((t) => ![...remaining].some((other) => other !== t && (keys.get(other) ?? []).some((k) => k.referencedTable === t)));
    if (free.length === 0) break;
    for (const t of free) {
      ordered.push(t);
      remaining.delete(t);
    }
  }
  const cyclic = [...remaining];
  return { ordered: [...ordered, ...cyclic], cyclic };
}
