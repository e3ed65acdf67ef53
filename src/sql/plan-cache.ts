import type { CompiledQuery } from 'kysely';
import type { Expr, OrderItem } from '../query/expression.js';
import type { SelectPlan } from '../query/select-plan.js';
import type { DialectCapabilities } from '../dialects/adapter.js';
import { listParameterType } from './compile-expression.js';

/** Stands for the i-th value of a plan while its SQL is compiled once. @internal */
export class Slot {
  constructor(readonly index: number) {}
}

/** @internal */
export interface Entry {
  readonly sql: string;
  /** For each bound parameter, which value of the plan (in walk order) it is. */
  readonly slots: readonly number[];
}

const MAX_ENTRIES = 1000;
/** The cached statements' text (keys and SQL) is kept under this many characters, about 8 MB. */
const MAX_STATEMENT_CHARS = 4_000_000;

function statementSize(key: string, entry: Entry | null): number {
  return key.length + (entry === null ? 0 : entry.sql.length + entry.slots.length);
}

/**
 * Compiled SQL for repeated query shapes. A plan's shape is its tree with every bound value left
 * out; plans of one shape compile to the same SQL, so the SQL is built by Kysely once and later
 * plans only collect their values. The slot order is read from the first compilation itself (each
 * value compiled as a marker), never assumed. Shapes whose parameters do not all come from value
 * nodes are not cached.
 * @internal
 */
export class PlanCache {
  readonly #entries = new Map<string, Entry | null>();
  readonly #statements = new Map<string, Entry | null>();
  #statementChars = 0;

  /**
   * A statement of another kind (INSERT) cached under a key the caller builds from everything but
   * the values; `learn` compiles it once with Slot markers as values. Null: not cacheable.
   */
  statement(key: string, learn: () => CompiledQuery): Entry | null {
    let entry = this.#statements.get(key);
    if (entry === undefined) {
      entry = learnSlots(learn());
      // Bulk inserts of many sizes would each keep a long text: bound the entries and their text.
      const size = statementSize(key, entry);
      while (this.#statements.size > 0 && (this.#statements.size >= MAX_ENTRIES || this.#statementChars + size > MAX_STATEMENT_CHARS)) {
        const oldest = this.#statements.keys().next().value as string;
        this.#statementChars -= statementSize(oldest, this.#statements.get(oldest) ?? null);
        this.#statements.delete(oldest);
      }
      if (size <= MAX_STATEMENT_CHARS) {
        this.#statements.set(key, entry);
        this.#statementChars += size;
      }
    }
    return entry;
  }

  /** How many statements are cached, and the length of their text (for tests). */
  get statementStats(): { readonly entries: number; readonly chars: number } {
    return { entries: this.#statements.size, chars: this.#statementChars };
  }

  compile(plan: SelectPlan, compile: (plan: SelectPlan) => CompiledQuery, caps: DialectCapabilities): CompiledQuery {
    const values: unknown[] = [];
    const key = shapeOfPlan(plan, values, caps);
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = this.#learn(plan, compile, caps);
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value as string);
      this.#entries.set(key, entry);
    }
    if (entry === null) return compile(plan);
    const slots = entry.slots;
    const parameters = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) parameters[i] = values[slots[i] as number];
    return { sql: entry.sql, parameters, query: CACHED_QUERY_NODE, queryId: { queryId: 'relata-cached' } } as unknown as CompiledQuery;
  }

  #learn(plan: SelectPlan, compile: (plan: SelectPlan) => CompiledQuery, caps: DialectCapabilities): Entry | null {
    let next = 0;
    const marked = mapPlan(plan, () => new Slot(next++), caps);
    return learnSlots(compile(marked));
  }
}

// Which marker each bound parameter is; null when a parameter is not a marker (a value the shape fixed).
function learnSlots(compiled: CompiledQuery): Entry | null {
  const slots: number[] = [];
  for (const p of compiled.parameters) {
    if (!(p instanceof Slot)) return null;
    slots.push(p.index);
  }
  return { sql: compiled.sql, slots };
}

// Only the node kind is read from a cached query (to tell reads from writes); a select stays a select.
const CACHED_QUERY_NODE = Object.freeze({ kind: 'SelectQueryNode' });

function shapeOfPlan(plan: SelectPlan, values: unknown[], caps: DialectCapabilities): string {
  let key = `${plan.table}|${plan.alias}|${plan.distinct ? 'd' : ''}|${plan.lock ?? ''}${plan.lockOf === undefined ? '' : `@${plan.lockOf}`}${plan.skipLocked ? 's' : ''}|${plan.limit ?? ''}|${plan.offset ?? ''}|S`;
  for (const s of plan.selections) key += `${shapeOf(s.expr, values, caps)}>${s.as},`;
  key += '|J';
  for (const j of plan.joins ?? []) key += `${j.kind} ${j.table} ${j.alias} ${shapeOf(j.on, values, caps)},`;
  key += `|W${shapeOf(plan.where, values, caps)}|G`;
  for (const g of plan.group) key += `${shapeOf(g, values, caps)},`;
  key += `|H${plan.having === undefined ? '' : shapeOf(plan.having, values, caps)}|O`;
  for (const o of plan.order) key += `${shapeOfOrder(o, values, caps)},`;
  if (plan.partition !== undefined) {
    key += `|P${plan.partition.limit ?? ''}:${plan.partition.offset ?? ''}:`;
    for (const b of plan.partition.by) key += `${shapeOf(b, values, caps)},`;
  }
  return key;
}

function shapeOfOrder(o: OrderItem, values: unknown[], caps: DialectCapabilities): string {
  return `${shapeOf(o.expr, values, caps)} ${o.direction ?? ''}${o.nulls ?? ''}`;
}

function shapeOf(e: Expr, values: unknown[], caps: DialectCapabilities): string {
  switch (e.kind) {
    case 'column':
      return `c(${e.table ?? ''}.${e.column})`;
    case 'value':
      values.push(e.value);
      return '?';
    case 'list':
      return `l(${e.items.map((i) => shapeOf(i, values, caps)).join(',')})`;
    case 'fn':
      return `f(${e.name}${e.distinct ? ' d' : ''}:${e.args.map((a) => shapeOf(a, values, caps)).join(',')})`;
    case 'cast':
      return `x(${shapeOf(e.expr, values, caps)} ${e.type})`;
    case 'literal':
      return `r(${e.sql.length}:${e.sql})`;
    case 'star':
      return `*(${e.table ?? ''})`;
    case 'binary':
    case 'like':
      return `b(${shapeOf(e.left, values, caps)} ${e.op} ${shapeOf(e.right, values, caps)})`;
    case 'between':
      return `w(${e.negated ? '!' : ''}${shapeOf(e.left, values, caps)},${shapeOf(e.low, values, caps)},${shapeOf(e.high, values, caps)})`;
    case 'in': {
      const arrayType = listParameterType(e, caps);
      if (arrayType === undefined) return `i(${e.negated ? '!' : ''}${shapeOf(e.left, values, caps)},${shapeOf(e.right, values, caps)})`;
      // The list binds as one array parameter: one shape whatever its length.
      const left = shapeOf(e.left, values, caps);
      values.push(e.right.kind === 'list' ? e.right.items.map((i) => (i as Extract<Expr, { kind: 'value' }>).value) : (e.right as Extract<Expr, { kind: 'value' }>).value);
      return `a(${e.negated ? '!' : ''}${left},${arrayType})`;
    }
    case 'isNull':
      return `n(${e.negated ? '!' : ''}${shapeOf(e.left, values, caps)})`;
    case 'is':
      return `s(${e.negated ? '!' : ''}${e.right}${shapeOf(e.left, values, caps)})`;
    case 'logical':
      return `g(${e.op}:${e.items.map((i) => shapeOf(i, values, caps)).join(',')})`;
    case 'not':
      return `!(${shapeOf(e.expr, values, caps)})`;
    case 'const':
      return e.value ? 'T' : 'F';
    case 'exists':
      return `e(${e.negated ? '!' : ''}${shapeOfPlan(e.plan, values, caps)})`;
    case 'subquery':
      return `q(${shapeOfPlan(e.plan, values, caps)})`;
    case 'jsonPath':
      // The path is a parameter that is no value node, so such plans compile each time (see learnSlots).
      return `p(${shapeOf(e.left, values, caps)} ${JSON.stringify(e.path)}${e.number ? ' n' : ''})`;
    case 'jsonRows': {
      let key = 'j(';
      for (const i of e.items) key += `${shapeOf(i, values, caps)},`;
      key += 'O';
      for (const o of e.order) key += `${shapeOfOrder(o, values, caps)},`;
      return `${key})`;
    }
  }
}

function mapPlan(plan: SelectPlan, slot: () => Slot, caps: DialectCapabilities): SelectPlan {
  const m = (e: Expr): Expr => mapExpr(e, slot, caps);
  const mapped: SelectPlan = {
    ...plan,
    selections: plan.selections.map((s) => ({ expr: m(s.expr), as: s.as })),
    joins: (plan.joins ?? []).map((j) => ({ ...j, on: m(j.on) })),
    where: m(plan.where),
    group: plan.group.map(m),
    having: plan.having === undefined ? undefined : m(plan.having),
    order: plan.order.map((o) => ({ ...o, expr: m(o.expr) })),
  };
  return plan.partition === undefined ? mapped : { ...mapped, partition: { ...plan.partition, by: plan.partition.by.map(m) } };
}

// Visits nodes in the same order as shapeOf, so slot i is the i-th collected value.
function mapExpr(e: Expr, slot: () => Slot, caps: DialectCapabilities): Expr {
  const m = (x: Expr): Expr => mapExpr(x, slot, caps);
  switch (e.kind) {
    case 'value':
      return { kind: 'value', value: slot() };
    case 'list':
      return { ...e, items: e.items.map(m) };
    case 'fn':
      return { ...e, args: e.args.map(m) };
    case 'cast':
      return { ...e, expr: m(e.expr) };
    case 'binary':
    case 'like': {
      const left = m(e.left);
      return { ...e, left, right: m(e.right) } as Expr;
    }
    case 'between': {
      const left = m(e.left);
      const low = m(e.low);
      return { ...e, left, low, high: m(e.high) };
    }
    case 'in': {
      const left = m(e.left);
      // An array-bound list is one value (see shapeOf).
      if (listParameterType(e, caps) !== undefined) return { ...e, left, right: { kind: 'value', value: slot() } };
      return { ...e, left, right: m(e.right) };
    }
    case 'isNull':
    case 'is':
    case 'jsonPath':
      return { ...e, left: m(e.left) } as Expr;
    case 'logical':
      return { ...e, items: e.items.map(m) };
    case 'not':
      return { ...e, expr: m(e.expr) };
    case 'exists':
    case 'subquery':
      return { ...e, plan: mapPlan(e.plan, slot, caps) };
    case 'jsonRows': {
      const items = e.items.map(m);
      return { ...e, items, order: e.order.map((o) => ({ ...o, expr: m(o.expr) })) };
    }
    default:
      return e;
  }
}
