import { sql, type CompiledQuery, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { DialectCapabilities } from '../dialects/adapter.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { SelectPlan } from '../query/select-plan.js';
import type { SqlSession } from './session.js';
import { compileExpr, compileOrderItem, type CompileContext } from './compile-expression.js';

type Builder = SelectQueryBuilder<Record<string, Record<string, unknown>>, string, Record<string, unknown>>;

/**
 * Compiles a planned SELECT.
 * @internal
 *
 * @example
 * // { table: 'Users', alias: 'User', selections: [id, name], where: name = ?, limit: 1 }
 * // SELECT "User"."id" AS "id", "User"."name" AS "name" FROM "Users" AS "User" WHERE "User"."name" = $1 LIMIT $2
 */
export function compileSelect(relata: SqlSession, plan: SelectPlan): CompiledQuery {
  return relata.planCache.compile(plan, (p) => buildSelect(relata, p).compile(), relata.adapter.capabilities);
}

const contexts = new WeakMap<SqlSession, CompileContext>();

/**
 * How expressions compile on a session: its dialect's capabilities, and subqueries built on the same
 * session (their parameters are numbered by Kysely when the outer query compiles). One per session.
 * @internal
 */
export function compileContext(relata: SqlSession): CompileContext {
  let context = contexts.get(relata);
  if (context === undefined) {
    const caps = relata.adapter.capabilities;
    context = { ...caps, compileSubquery: (plan) => sql`${buildSelect(relata, plan)}` };
    contexts.set(relata, context);
  }
  return context;
}

/** The Kysely builder for a plan, for callers that wrap it (counts, subqueries). @internal */
export function buildSelect(relata: SqlSession, plan: SelectPlan): Builder {
  if (plan.partition !== undefined) return buildPartitioned(relata, plan, plan.partition);
  const caps = compileContext(relata);
  let q = relata.kysely.selectFrom(sql.table(plan.table).as(plan.alias)) as unknown as Builder;
  for (const join of plan.joins ?? []) {
    const on = compileExpr(join.on, caps) as RawBuilder<boolean>;
    const table = sql.table(join.table).as(join.alias) as never;
    if (join.kind === 'inner') q = q.innerJoin(table, (jb) => jb.on(on)) as unknown as Builder;
    else if (join.kind === 'right' && caps.rightJoin) q = q.rightJoin(table, (jb) => jb.on(on)) as unknown as Builder;
    else q = q.leftJoin(table, (jb) => jb.on(on)) as unknown as Builder;
  }
  if (plan.distinct) q = q.distinct();
  q = q.select(plan.selections.map((s) => compileExpr(s.expr, caps).as(s.as)));
  if (!(plan.where.kind === 'const' && plan.where.value)) q = q.where(compileExpr(plan.where, caps) as RawBuilder<boolean>);
  if (plan.group.length > 0) q = q.groupBy(plan.group.map((g) => compileExpr(g, caps)));
  if (plan.having !== undefined) q = q.having(compileExpr(plan.having, caps) as RawBuilder<boolean>);
  for (const item of plan.order) q = q.orderBy(compileOrderItem(item, caps));
  q = applyLimit(q, plan, caps);
  if (plan.lock !== undefined) q = applyLock(q, plan, caps);
  return q;
}

const ROW_NUMBER = '__relata_rn';

/**
 * A per-group limit: the rows are numbered within each group in the requested order, and the
 * outer query keeps the numbers in range.
 *
 * @example
 * // SELECT "s"."id", "s"."title" FROM (SELECT …, ROW_NUMBER() OVER (PARTITION BY "Post"."userId" ORDER BY "Post"."id" DESC) AS "__relata_rn"
 * //   FROM "Posts" AS "Post" WHERE "Post"."userId" IN ($1, $2)) AS "s" WHERE "__relata_rn" > $3 AND "__relata_rn" <= $4 ORDER BY "__relata_rn"
 */
function buildPartitioned(relata: SqlSession, plan: SelectPlan, partition: NonNullable<SelectPlan['partition']>): Builder {
  const caps = compileContext(relata);
  const over = sql`ROW_NUMBER() OVER (PARTITION BY ${sql.join(partition.by.map((e) => compileExpr(e, caps)))}${
    plan.order.length > 0 ? sql` ORDER BY ${sql.join(plan.order.map((o) => compileOrderItem(o, caps)))}` : sql``
  })`;
  const { partition: _partition, ...unpartitioned } = plan;
  const inner = buildSelect(relata, { ...unpartitioned, order: [], limit: undefined, offset: undefined }).select(over.as(ROW_NUMBER));
  const offset = partition.offset ?? 0;
  let outer = relata.kysely
    .selectFrom(inner.as('s') as never)
    .select(plan.selections.map((s) => sql.id('s', s.as).as(s.as))) as unknown as Builder;
  outer = outer.where(sql`${sql.id('s', ROW_NUMBER)} > ${offset}` as RawBuilder<boolean>);
  if (partition.limit !== undefined) outer = outer.where(sql`${sql.id('s', ROW_NUMBER)} <= ${offset + partition.limit}` as RawBuilder<boolean>);
  return outer.orderBy(sql.id('s', ROW_NUMBER));
}

function applyLimit(q: Builder, plan: SelectPlan, caps: DialectCapabilities): Builder {
  if (caps.limitStyle === 'offset-fetch') {
    if (plan.limit === undefined && plan.offset === undefined) return q;
    if (plan.order.length === 0) q = q.orderBy(sql`(SELECT NULL)`);
    q = q.offset(plan.offset ?? 0);
    return plan.limit === undefined ? q : q.fetch(plan.limit);
  }
  // limit/offset are validated non-negative integers (plan-find), so they are written as literals:
  // a bound LIMIT makes SQLite plan the statement for an unknown row count, 2–3× slower for LIMIT 1.
  if (plan.limit !== undefined) q = q.limit(sql.lit(integer(plan.limit)));
  else if (plan.offset !== undefined) q = q.limit(sql.raw(NO_LIMIT) as never);
  if (plan.offset !== undefined) q = q.offset(sql.lit(integer(plan.offset)));
  return q;
}

function integer(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw InvalidOptionError.expected('select', 'limit/offset', 'a non-negative integer', value);
  return value;
}

// SQLite and MySQL need a LIMIT before OFFSET; the largest signed 64-bit integer is accepted by every dialect.
const NO_LIMIT = '9223372036854775807';

function applyLock(q: Builder, plan: SelectPlan, caps: DialectCapabilities): Builder {
  if (!caps.rowLocks) return q;
  const of = caps.lockOf && plan.lockOf !== undefined ? (plan.lockOf as never) : undefined;
  // As Sequelize writes them: where FOR KEY SHARE / FOR NO KEY UPDATE do not exist (MySQL,
  // MariaDB), those levels lock FOR UPDATE; SHARE is the dialect's shared lock.
  switch (plan.lock) {
    case 'UPDATE':
      q = q.forUpdate(of);
      break;
    case 'SHARE':
      q = caps.shareLock === 'for share' ? q.forShare(of) : q.modifyEnd(sql`lock in share mode`);
      break;
    case 'KEY SHARE':
      q = caps.noKeyUpdateLock ? q.forKeyShare(of) : q.forUpdate(of);
      break;
    case 'NO KEY UPDATE':
      q = caps.noKeyUpdateLock ? q.forNoKeyUpdate(of) : q.forUpdate(of);
      break;
    default:
      throw InvalidOptionError.expected('findAll', 'lock', 'UPDATE, SHARE, KEY SHARE or NO KEY UPDATE', plan.lock);
  }
  return plan.skipLocked ? q.skipLocked() : q;
}
