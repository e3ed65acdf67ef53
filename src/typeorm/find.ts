// The read side of Repository: TypeORM's find options turned into a relata find. `relations`,
// `select`, relation conditions of `where` and `order` into relations all become one include tree,
// which relata's planner loads without a cartesian product; `skip`/`take` count root entities. A
// where array with relation conditions first finds each branch's keys (one query per branch).
import { InvalidOptionError, Op, UnknownOptionError, UnsupportedError, type FindOptions, type Model } from '../index.js';
import type { RepositoryContext } from './context.js';
import { columnsAreWholeRow, columnsOf, primaryKeysOf, relationOf, relationsOf, unknownProperty, unknownRelation, type EntityModel } from './entity-metadata.js';
import type { FindManyOptions, FindOneOptions, FindOptionsLock, FindOptionsWhere } from './find-options.js';
import { In } from './find-operators.js';
import { afterLoad } from './listeners.js';
import { checkOptimisticLock, OptimisticLockCanNotBeUsedError } from './optimistic-lock.js';
import { isOrOnRelations, ownColumnsCondition, translateWhere, type RelationFilter, type TranslatedWhere, type WhereScope } from './where.js';

const FIND_OPTIONS = ['where', 'relations', 'select', 'order', 'skip', 'take', 'withDeleted', 'relationLoadStrategy', 'lock', 'loadEagerRelations', 'cache', 'comment', 'transaction'] as const;
/** TypeORM options relata does not provide, with what to use instead. */
const REFUSED: Readonly<Record<string, string>> = {
  join: 'TypeORM 0.2\'s `join` option is not provided; use `relations` (and `where` on relations)',
  loadRelationIds: '`loadRelationIds` is not provided; load the relation with `relations` and `select: { relation: { id: true } }`',
};

/** One relation in the include tree: loaded (selected) or only filtering / ordering. */
interface Node {
  readonly model: EntityModel;
  load: boolean;
  /** The columns selected, when `select` names some; all the entity's columns otherwise. */
  columns: string[] | undefined;
  /** A where object's condition on the relation: roots need a matching row, and only those rows load. */
  filter: RelationFilter['where'] | undefined;
  /** A condition on the loaded rows only (never on the roots): the rows an OR branch joined. */
  rows: RelationFilter['where'] | undefined;
  /** Order within the relation, for relations two levels deep or more (relata orders those per include). */
  readonly order: unknown[];
  readonly children: Map<string, Node>;
}

/** A find translated: relata's options and what the result needs afterwards. @internal */
interface Plan {
  readonly options: FindOptions & { include?: unknown };
  /** The include tree without loaded relations: for count and aggregates. */
  readonly filterOptions: FindOptions & { include?: unknown };
  readonly where: TranslatedWhere;
}

function newNode(model: EntityModel): Node {
  return { model, load: false, columns: undefined, filter: undefined, rows: undefined, order: [], children: new Map() };
}

function child(method: string, node: Node, name: string): Node {
  let next = node.children.get(name);
  if (next === undefined) {
    const relation = relationOf(node.model, name);
    if (relation === undefined) throw unknownRelation(method, node.model, name);
    next = newNode(relation.target);
    node.children.set(name, next);
  }
  return next;
}

function methodName(ctx: RepositoryContext, method: string): string {
  return `Repository<${ctx.model.name}>.${method}()`;
}

function checkOptions(method: string, options: object): void {
  for (const key of Object.keys(options)) {
    if ((FIND_OPTIONS as readonly string[]).includes(key)) continue;
    const refused = REFUSED[key];
    if (refused !== undefined) throw new UnsupportedError(`${method}: ${key}`, refused);
    const suggestion = FIND_OPTIONS.find((valid) => valid.toLowerCase() === key.toLowerCase() || valid.startsWith(key.slice(0, 4)));
    throw UnknownOptionError.forKey(method, 'option', key, suggestion, FIND_OPTIONS);
  }
}

// ------------------------------------------------------------------ relations and select

function addRelations(method: string, root: Node, relations: unknown): void {
  if (relations === undefined) return;
  if (Array.isArray(relations)) {
    for (const path of relations) {
      if (typeof path !== 'string' || path === '') throw InvalidOptionError.expected(method, 'relations', 'property paths such as "posts" or "posts.comments", or the object form { posts: true }', path);
      let node = root;
      for (const name of path.split('.')) {
        node = child(method, node, name);
        node.load = true;
      }
    }
    return;
  }
  if (relations === null || typeof relations !== 'object') throw InvalidOptionError.expected(method, 'relations', 'an object such as { posts: true, profile: { photos: true } }, or an array of paths', relations);
  const visit = (node: Node, spec: Record<string, unknown>): void => {
    for (const [name, value] of Object.entries(spec)) {
      if (value === false || value === undefined) {
        if (relationOf(node.model, name) === undefined) throw unknownRelation(method, node.model, name);
        continue;
      }
      const next = child(method, node, name);
      next.load = true;
      if (value === true) continue;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw InvalidOptionError.expected(method, `relations.${name}`, 'true or an object of nested relations', value);
      visit(next, value as Record<string, unknown>);
    }
  };
  visit(root, relations as Record<string, unknown>);
}

/**
 * TypeORM loads the relations declared `eager: true` with every find, and theirs in turn. `seen`
 * holds the entities a run of eager relations went through since the last relation the find named:
 * a run stops where it would come back to one of them (eager relations in a cycle load once).
 */
function addEagerRelations(node: Node, seen: ReadonlySet<EntityModel>): void {
  if (!node.load) return;
  const eager = new Set<string>();
  for (const relation of relationsOf(node.model).values()) {
    if (!relation.eager || seen.has(relation.target)) continue;
    let next = node.children.get(relation.name);
    if (next === undefined) {
      next = newNode(relation.target);
      node.children.set(relation.name, next);
      eager.add(relation.name);
    }
    next.load = true;
  }
  for (const [name, next] of node.children) addEagerRelations(next, eager.has(name) ? new Set([...seen, node.model]) : new Set());
}

function addSelect(method: string, root: Node, select: unknown): void {
  if (select === undefined) return;
  if (Array.isArray(select)) {
    root.columns = select.map((name: unknown) => {
      if (typeof name !== 'string' || !columnsOf(root.model).includes(name)) throw unknownProperty(`${method} select`, root.model, String(name));
      return name;
    });
    return;
  }
  if (select === null || typeof select !== 'object') throw InvalidOptionError.expected(method, 'select', 'an object such as { id: true, posts: { title: true } }', select);
  const visit = (node: Node, spec: Record<string, unknown>): void => {
    const columns: string[] = [];
    for (const [name, value] of Object.entries(spec)) {
      if (relationOf(node.model, name) !== undefined) {
        // Selecting into a relation narrows it when `relations` loads it; it loads nothing by itself, as in TypeORM.
        const next = node.children.get(name);
        if (next === undefined || !next.load || value === false || value === undefined || value === true) continue;
        visit(next, value as Record<string, unknown>);
        continue;
      }
      if (!columnsOf(node.model).includes(name)) throw unknownProperty(`${method} select`, node.model, name);
      if (value === true) columns.push(name);
    }
    // A select naming only relations keeps every column of the entity, as TypeORM's does.
    node.columns = columns.length > 0 ? columns : undefined;
  };
  visit(root, select as Record<string, unknown>);
}

// ------------------------------------------------------------------ where, order

function addFilters(method: string, node: Node, filters: ReadonlyMap<string, RelationFilter>): void {
  for (const [name, filter] of filters) {
    const next = child(method, node, name);
    next.filter = filter.where;
    addFilters(method, next, filter.children);
  }
}

function addPaths(method: string, root: Node, paths: readonly (readonly string[])[]): void {
  for (const path of paths) {
    let node = root;
    for (const name of path) node = child(method, node, name);
  }
}

const DIRECTIONS: Readonly<Record<string, 'ASC' | 'DESC'>> = { ASC: 'ASC', asc: 'ASC', '1': 'ASC', DESC: 'DESC', desc: 'DESC', '-1': 'DESC' };

function direction(method: string, model: EntityModel, property: string, value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const { direction: dir = 'ASC', nulls } = value as { direction?: unknown; nulls?: unknown };
    const base = DIRECTIONS[String(dir)];
    if (base === undefined) throw InvalidOptionError.expected(`${method} order`, `${model.name}.${property}.direction`, '"ASC" or "DESC"', dir);
    if (nulls === undefined) return base;
    const n = String(nulls).toUpperCase();
    if (n !== 'FIRST' && n !== 'LAST') throw InvalidOptionError.expected(`${method} order`, `${model.name}.${property}.nulls`, '"FIRST" or "LAST"', nulls);
    return `${base} NULLS ${n}`;
  }
  const base = DIRECTIONS[String(value)];
  if (base === undefined) throw InvalidOptionError.expected(`${method} order`, `${model.name}.${property}`, '"ASC", "DESC", 1, -1 or { direction, nulls }', value);
  return base;
}

function translateOrder(method: string, root: Node, order: unknown): unknown[] | undefined {
  if (order === undefined) return undefined;
  if (order === null || typeof order !== 'object' || Array.isArray(order)) throw InvalidOptionError.expected(method, 'order', 'an object such as { name: "ASC", posts: { id: "DESC" } }', order);
  const out: unknown[] = [];
  const visit = (node: Node, path: readonly string[], spec: Record<string, unknown>): void => {
    for (const [name, value] of Object.entries(spec)) {
      if (value === undefined) continue;
      if (relationOf(node.model, name) !== undefined) {
        if (value === null || typeof value !== 'object') throw InvalidOptionError.expected(`${method} order`, `${node.model.name}.${name}`, 'an object ordering the related entity, such as { id: "ASC" }', value);
        visit(child(method, node, name), [...path, name], value as Record<string, unknown>);
        continue;
      }
      if (!columnsOf(node.model).includes(name)) throw unknownProperty(`${method} order`, node.model, name);
      const dir = direction(method, node.model, name, value);
      // The root and its direct relations order in the root query (a relation's order also orders
      // the roots, as TypeORM's joined rows do); deeper ones order their own include.
      if (path.length <= 1) out.push([...path, name, dir]);
      else node.order.push([name, dir]);
    }
  };
  visit(root, [], order as Record<string, unknown>);
  return out;
}

// ------------------------------------------------------------------ the relata options

interface IncludeOptions {
  association: string;
  attributes: string[];
  required: boolean;
  where?: unknown;
  paranoid?: boolean;
  separate?: boolean;
  include?: (IncludeOptions | string)[];
  order?: unknown[];
  through?: { attributes: string[] };
  model?: unknown;
}

/**
 * Whether a loaded relation is the target's whole row with nothing added: then it is included by its
 * name alone, the form relata's statement cache takes (a repeated findOne skips planning). Anything
 * more (a filter, selected columns, order, a junction, a default scope, nesting) is an include object.
 */
function byNameAlone(node: Node, next: Node, name: string, options: { withDeleted: boolean; strategy: 'join' | 'query' | undefined; loadedOnly: boolean; eager: boolean }): boolean {
  if (!options.loadedOnly || !options.eager || options.withDeleted || options.strategy === 'query') return false;
  if (!next.load || next.columns !== undefined || next.filter !== undefined || next.rows !== undefined || next.order.length > 0 || next.children.size > 0) return false;
  if (relationOf(node.model, name)?.junction === true) return false;
  if (hasDefaultScope(next.model)) return false;
  return columnsAreWholeRow(next.model);
}

function toIncludes(node: Node, options: { withDeleted: boolean; strategy: 'join' | 'query' | undefined; loadedOnly: boolean; eager: boolean }): (IncludeOptions | string)[] {
  const out: (IncludeOptions | string)[] = [];
  for (const [name, next] of node.children) {
    if (!options.loadedOnly && next.filter === undefined && !hasFilter(next)) continue;
    if (byNameAlone(node, next, name, options)) {
      out.push(name);
      continue;
    }
    const include: IncludeOptions = {
      association: name,
      attributes: next.load && options.loadedOnly ? (next.columns ?? [...columnsOf(next.model)]) : [],
      required: next.filter !== undefined,
    };
    if (next.filter !== undefined) include.where = next.filter;
    else if (next.rows !== undefined && options.loadedOnly) include.where = next.rows;
    if (options.withDeleted) include.paranoid = false;
    // The eager relations are the target's default scope; plan() added them already (see finder()).
    if (!options.eager || hasDefaultScope(next.model)) include.model = (next.model as unknown as { unscoped(): unknown }).unscoped();
    if (next.order.length > 0 && options.loadedOnly) include.order = next.order;
    // TypeORM entities carry no junction row.
    if (relationOf(node.model, name)?.junction === true) include.through = { attributes: [] };
    if (options.strategy === 'query' && next.load && next.filter === undefined && relationOf(node.model, name)?.multi === true) include.separate = true;
    const nested = toIncludes(next, options);
    if (nested.length > 0) include.include = nested;
    out.push(include);
  }
  return out;
}

function hasFilter(node: Node): boolean {
  return [...node.children.values()].some((next) => next.filter !== undefined || hasFilter(next));
}

function lockOptions(ctx: RepositoryContext, method: string, lock: FindOptionsLock | undefined): Pick<FindOptions, 'lock' | 'skipLocked'> {
  if (lock === undefined) return {};
  if (lock === null || typeof lock !== 'object') throw InvalidOptionError.expected(method, 'lock', '{ mode: "pessimistic_write" } or another TypeORM lock mode', lock);
  // Checked on the entity findOne reads (checkOptimisticLock); TypeORM takes it there only.
  if (lock.mode === 'optimistic') {
    if (!method.endsWith('.findOne()')) throw new OptimisticLockCanNotBeUsedError(method);
    return {};
  }
  if (lock.mode === 'dirty_read') return {};
  if (ctx.transaction === undefined) throw new InvalidOptionError(`${method}: lock { mode: ${JSON.stringify(lock.mode)} } needs an open transaction: run the find inside dataSource.transaction(async (manager) => …)`);
  if (ctx.relata.getDialect() === 'sqlite') throw new UnsupportedError(`${method}: lock { mode: ${JSON.stringify(lock.mode)} }`, 'SQLite has no row locks (TypeORM refuses them there too); a write transaction already holds the database');
  const levels: Record<string, NonNullable<FindOptions['lock']>> = {
    pessimistic_read: 'SHARE',
    pessimistic_write: 'UPDATE',
    pessimistic_partial_write: 'UPDATE',
    pessimistic_write_or_fail: 'UPDATE',
    for_no_key_update: 'NO KEY UPDATE',
    for_key_share: 'KEY SHARE',
  };
  const level = levels[lock.mode];
  if (level === undefined) throw InvalidOptionError.expected(method, 'lock.mode', Object.keys(levels).concat('optimistic', 'dirty_read').join(', '), lock.mode);
  const onLocked = lock.mode === 'pessimistic_partial_write' ? 'skip_locked' : lock.mode === 'pessimistic_write_or_fail' ? 'nowait' : lock.onLocked;
  if (onLocked === 'nowait') throw new UnsupportedError(`${method}: lock onLocked "nowait"`, 'relata takes row locks that wait or skip locked rows (onLocked: "skip_locked"), not NOWAIT');
  if (onLocked !== undefined && onLocked !== 'skip_locked') throw InvalidOptionError.expected(method, 'lock.onLocked', '"skip_locked" or "nowait"', onLocked);
  const out: Pick<FindOptions, 'lock' | 'skipLocked'> = { lock: level };
  if (onLocked === 'skip_locked') out.skipLocked = true;
  return out;
}

function wholeNumber(method: string, name: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw InvalidOptionError.expected(method, name, 'a whole number, 0 or more', value);
  return value;
}

function whereScope(ctx: RepositoryContext, method: string): WhereScope {
  const queryInterface = ctx.relata.getQueryInterface();
  return { method, quote: (identifier) => queryInterface.quoteIdentifier(identifier) };
}

/** Translates TypeORM's options for `method`. @internal */
function plan(ctx: RepositoryContext, method: string, input: FindManyOptions<unknown> | undefined, branches?: readonly Branch[]): Plan {
  const options = input ?? {};
  if (options === null || typeof options !== 'object') throw InvalidOptionError.expected(method, 'options', 'an object of find options', options);
  checkOptions(method, options);
  const root = newNode(ctx.model);
  root.load = true;
  addRelations(method, root, options.relations);
  if (options.loadEagerRelations !== false) addEagerRelations(root, new Set());
  addSelect(method, root, options.select);
  const translated = translateWhere(whereScope(ctx, method), ctx.model, options.where);
  addFilters(method, root, translated.filters);
  addPaths(method, root, translated.paths);
  if (branches !== undefined) keepJoinedRows(ctx, method, root, branches);
  const order = translateOrder(method, root, options.order);
  const strategy = options.relationLoadStrategy;
  if (strategy !== undefined && strategy !== 'join' && strategy !== 'query') throw InvalidOptionError.expected(method, 'relationLoadStrategy', '"join" or "query"', strategy);
  const withDeleted = options.withDeleted === true;

  const base: FindOptions & { include?: unknown } = {};
  if (translated.where !== undefined) base.where = translated.where as NonNullable<FindOptions['where']>;
  if (withDeleted) base.paranoid = false;
  if (ctx.transaction !== undefined) base.transaction = ctx.transaction;

  const full: FindOptions & { include?: unknown } = { ...base, attributes: root.columns ?? [...columnsOf(ctx.model)], ...lockOptions(ctx, method, options.lock) };
  const includes = toIncludes(root, { withDeleted, strategy, loadedOnly: true, eager: options.loadEagerRelations !== false });
  if (includes.length > 0) full.include = includes;
  if (order !== undefined && order.length > 0) full.order = order as NonNullable<FindOptions['order']>;
  const skip = wholeNumber(method, 'skip', options.skip);
  const take = wholeNumber(method, 'take', options.take);
  if (skip !== undefined) full.offset = skip;
  if (take !== undefined) full.limit = take;

  const filterOptions: FindOptions & { include?: unknown } = { ...base };
  const filterIncludes = toIncludes(root, { withDeleted, strategy: undefined, loadedOnly: false, eager: false });
  if (filterIncludes.length > 0) filterOptions.include = filterIncludes;
  return { options: full, filterOptions: withReferencedPaths(ctx.model, method, translated, filterOptions), where: translated };
}

/** `$posts.title$` references (a where array) need their relations joined, though nothing loads from them. */
function withReferencedPaths(model: EntityModel, method: string, where: TranslatedWhere, options: FindOptions & { include?: unknown }): FindOptions & { include?: unknown } {
  if (where.paths.length === 0) return options;
  const root = newNode(model);
  addPaths(method, root, where.paths);
  const withDeleted = options.paranoid === false;
  const toPlain = (node: Node): IncludeOptions[] =>
    [...node.children].map(([name, next]) => ({
      association: name,
      attributes: [],
      required: false,
      ...(withDeleted ? { paranoid: false } : {}),
      ...(next.children.size > 0 ? { include: toPlain(next) } : {}),
    }));
  return { ...options, include: toPlain(root) };
}

type Finder = {
  findAll(options: object): Promise<Model[]>;
  findOne(options: object): Promise<Model | null>;
  count(options: object): Promise<number>;
  aggregate(attribute: string, fn: string, options: object): Promise<unknown>;
};

/**
 * The model to query: the entity's relata model, or without its default scope when
 * `loadEagerRelations: false` (the eager relations are that scope's includes).
 */
/**
 * The model a find runs on. An entity's default scope holds its eager relations; plan() already
 * added them (addEagerRelations, which stops where a cycle of eager relations comes back), so a
 * model with one runs unscoped: the scope would add them again, endlessly for a cycle.
 */
function finder(ctx: RepositoryContext, options?: { loadEagerRelations?: boolean } | null): Finder {
  if (options?.loadEagerRelations === false || hasDefaultScope(ctx.model)) return (ctx.model as unknown as { unscoped(): Finder }).unscoped();
  return ctx.model as unknown as Finder;
}

function hasDefaultScope(model: EntityModel): boolean {
  const scope = (model as unknown as { definition: { options: { defaultScope?: object } } }).definition.options.defaultScope;
  return scope !== undefined && Reflect.ownKeys(scope).length > 0;
}

/** One branch of a where array, with the keys of the roots it matched. */
interface Branch {
  readonly where: Readonly<Record<string, unknown>>;
  readonly keys: readonly unknown[];
}

/**
 * A where array whose branches put conditions on relations, resolved as TypeORM's left joins do:
 * each branch is an object where (its relation conditions one EXISTS per relation, every
 * condition on the same related row, soft-deleted rows left out), its matching keys found, and
 * the find runs on their union. A where without such branches is returned as it is.
 */
async function resolveOrBranches<O extends FindManyOptions<unknown>>(ctx: RepositoryContext, method: string, options: O | undefined): Promise<{ options: O | undefined; branches?: Branch[] }> {
  const where = options?.where;
  const keys = primaryKeysOf(ctx.model);
  if (options === undefined || keys.length !== 1 || !isOrOnRelations(whereScope(ctx, method), ctx.model, where)) return { options };
  const pk = keys[0] as string;
  const found = new Set<unknown>();
  const branches: Branch[] = [];
  for (const branch of where) {
    const planned = plan(ctx, method, { where: branch as FindOptionsWhere<unknown>, ...(options.withDeleted === true ? { withDeleted: true } : {}) });
    const rows = await finder(ctx, { loadEagerRelations: false }).findAll({ ...planned.filterOptions, attributes: [pk], raw: true });
    const branchKeys = rows.map((row) => (row as unknown as Record<string, unknown>)[pk]);
    for (const key of branchKeys) found.add(key);
    branches.push({ where: branch, keys: branchKeys });
  }
  return { options: { ...options, where: { [pk]: In([...found]) } }, branches };
}

/**
 * A loaded to-many relation that OR branches put conditions on keeps the rows TypeORM's join
 * keeps: for the roots a branch matched, the related rows that satisfy that branch's condition on
 * the relation (all of them when the branch puts none). Applied to `@OneToMany` relations whose
 * conditions stay on the related entity's own columns; others load whole (docs/differences.md).
 */
function keepJoinedRows(ctx: RepositoryContext, method: string, root: Node, branches: readonly Branch[]): void {
  for (const [name, node] of root.children) {
    const relation = relationOf(root.model, name);
    const fk = relation?.foreignKeyOnTarget;
    if (!node.load || node.filter !== undefined || relation === undefined || fk === undefined) continue;
    if (!branches.some((branch) => isConditionOn(branch.where[name]))) continue;
    const parts: Record<string | symbol, unknown>[] = [];
    let exact = true;
    for (const branch of branches) {
      if (branch.keys.length === 0) continue;
      const part: Record<string | symbol, unknown> = { [fk]: { [Op.in]: branch.keys } };
      if (isConditionOn(branch.where[name])) {
        const condition = ownColumnsCondition(whereScope(ctx, method), relation.target, branch.where[name]);
        if (condition === undefined) exact = false;
        else part[Op.and] = [condition];
      }
      parts.push(part);
    }
    if (exact) node.rows = parts.length === 0 ? { [fk]: { [Op.in]: [] } } : { [Op.or]: parts };
  }
}

function isConditionOn(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

export async function find<E>(ctx: RepositoryContext, given: FindManyOptions<E> | undefined): Promise<E[]> {
  const method = methodName(ctx, 'find');
  const { options, branches } = await resolveOrBranches(ctx, method, given as FindManyOptions<unknown> | undefined);
  const { options: find } = plan(ctx, method, options, branches);
  const found = await finder(ctx, options).findAll(find);
  await afterLoad(ctx.model, found);
  return found as unknown as E[];
}

export async function findOne<E>(ctx: RepositoryContext, given: FindOneOptions<E>): Promise<E | null> {
  const method = methodName(ctx, 'findOne');
  if (given === null || typeof given !== 'object' || given.where === undefined) {
    throw new InvalidOptionError(`${method}: give where conditions to find one entity (findOne({ where: { id: 1 } }), or findOneBy({ id: 1 })); for the first of an order use find({ order, take: 1 })`);
  }
  const { options, branches } = await resolveOrBranches(ctx, method, given as FindManyOptions<unknown>);
  const { options: find } = plan(ctx, method, options, branches);
  find.limit = 1;
  const [found] = await finder(ctx, options).findAll(find);
  if (found !== undefined && given.lock?.mode === 'optimistic') checkOptimisticLock(ctx.model, found, given.lock.version);
  if (found !== undefined) await afterLoad(ctx.model, [found]);
  return (found ?? null) as E | null;
}

export async function findAndCount<E>(ctx: RepositoryContext, given: FindManyOptions<E> | undefined): Promise<[E[], number]> {
  const method = methodName(ctx, 'findAndCount');
  const { options, branches } = await resolveOrBranches(ctx, method, given as FindManyOptions<unknown> | undefined);
  const planned = plan(ctx, method, options, branches);
  const entities = await finder(ctx, options).findAll(planned.options);
  await afterLoad(ctx.model, entities);
  return [entities as unknown as E[], await countRoots(ctx, planned.filterOptions)];
}

export async function count<E>(ctx: RepositoryContext, given: FindManyOptions<E> | undefined): Promise<number> {
  const method = methodName(ctx, 'count');
  const { options } = await resolveOrBranches(ctx, method, given as FindManyOptions<unknown> | undefined);
  const planned = plan(ctx, method, options);
  return countRoots(ctx, planned.filterOptions);
}

/** Counts distinct root entities: relations filter, never multiply. */
async function countRoots(ctx: RepositoryContext, filterOptions: FindOptions & { include?: unknown }): Promise<number> {
  const options: Record<string, unknown> = { ...filterOptions };
  if (options['include'] !== undefined) {
    options['distinct'] = true;
    const [pk] = primaryKeysOf(ctx.model);
    if (pk !== undefined) options['col'] = pk;
  }
  // Counts need no eager relations (the default scope's includes).
  return Number(await finder(ctx, { loadEagerRelations: false }).count(options));
}

const AGGREGATES = { SUM: 'sum', AVG: 'avg', MIN: 'min', MAX: 'max' } as const;

export async function aggregate<E>(ctx: RepositoryContext, fn: 'SUM' | 'AVG' | 'MIN' | 'MAX', column: string, where: FindOptionsWhere<E> | readonly FindOptionsWhere<E>[] | undefined): Promise<number | null> {
  const method = methodName(ctx, AGGREGATES[fn] === 'avg' ? 'average' : AGGREGATES[fn] === 'min' ? 'minimum' : AGGREGATES[fn] === 'max' ? 'maximum' : 'sum');
  if (typeof column !== 'string' || !columnsOf(ctx.model).includes(column)) throw unknownProperty(method, ctx.model, String(column));
  const { options: resolved } = await resolveOrBranches(ctx, method, { where: where as FindOptionsWhere<unknown> });
  const planned = plan(ctx, method, resolved);
  let options: Record<string, unknown> = { ...planned.filterOptions, plain: true };
  if (options['include'] !== undefined) {
    // relata's aggregates take no include: conditions on relations first find the matching
    // entities' keys (roots only, relations filtering), then aggregate over those.
    const [pk] = primaryKeysOf(ctx.model);
    const { include, plain: _plain, ...rest } = options;
    const roots = await finder(ctx, { loadEagerRelations: false }).findAll({ ...rest, include, attributes: [pk], raw: true });
    const keys = roots.map((row) => (row as unknown as Record<string, unknown>)[pk as string]);
    options = { plain: true, where: { [pk as string]: { [Op.in]: keys } }, paranoid: false };
    if (ctx.transaction !== undefined) options['transaction'] = ctx.transaction;
  }
  const value = await finder(ctx, { loadEagerRelations: false }).aggregate(column, AGGREGATES[fn], options);
  if (value === null || value === undefined) return null;
  return Number(value);
}
