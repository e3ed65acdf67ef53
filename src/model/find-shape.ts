/**
 * The statement cache of repeated finds: a findAll whose options have a simple shape is planned
 * once per shape, and each call binds its values into the cached statement.
 */
import type { CompiledQuery } from 'kysely';
import { and, type BinaryOp, type Expr } from '../query/expression.js';
import { Op } from '../query/operators.js';
import type { FindOptions } from '../query/query-options.js';
import { isPlainObject } from '../query/where.js';
import { Slot } from '../sql/plan-cache.js';
import { definitionEpoch, type ModelDefinition, type NormalizedAttribute } from '../metadata/model-definition.js';
import { type PreparedFind, prepareFind } from './find-plan.js';

import type { Model } from './model.js';

type ModelClass = typeof Model;

/** The cache key of a findAll whose options have a simple shape, and its where values in order. */
interface SimpleShape {
  readonly key: string;
  /** The where attributes, in order, each with its condition: `=`, `null` (IS NULL), `<>`, `>`…, `in3`/`!in3` (a list of 3), `in*`/`!in*` (one array parameter). */
  readonly names: readonly string[];
  readonly ops: readonly string[];
  /** The values bound, in order (an array-bound list is one value). */
  readonly values: readonly unknown[];
}
// The operators a simple shape's where may use, as the shape names them.
const SHAPE_OPERATORS: ReadonlyMap<symbol, string> = new Map([
  [Op.eq, '='],
  [Op.ne, '<>'],
  [Op.gt, '>'],
  [Op.gte, '>='],
  [Op.lt, '<'],
  [Op.lte, '<='],
  [Op.in, 'in'],
  [Op.notIn, '!in'],
]);
function scalar(value: unknown): boolean {
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'bigint' || kind === 'boolean' || value instanceof Date;
}
// Options a simple shape may carry: the rest (lock, group, having, paranoid, where operators,
// fragments…) always go through full planning.
const SHAPE_KEYS: ReadonlySet<string> = new Set(['where', 'include', 'limit', 'offset', 'attributes', 'order', 'transaction', 'logging', 'benchmark', 'hooks', 'rejectOnEmpty', 'raw', 'useMaster', 'plain']);
const MODEL_IDS = new WeakMap<object, number>();
let nextModelId = 0;
function modelId(model: object): number {
  let id = MODEL_IDS.get(model);
  if (id === undefined) MODEL_IDS.set(model, (id = nextModelId++));
  return id;
}
/**
 * Repeated finds of one shape (a findByPk in a loop, the same findAll with other values) skip
 * planning: their SQL only differs in the values of equality conditions. A shape is simple when
 * where is `{ attribute: scalar, … }` (values the attribute's type accepts), includes are aliases,
 * models or `{ model, as }`, and attributes, order, limit and offset are plain. Anything else
 * returns undefined and is planned in full.
 */
export function simpleShape(model: ModelClass, options: FindOptions): SimpleShape | undefined {
  for (const key in options) if (!SHAPE_KEYS.has(key)) return undefined;
  // Operators misplaced next to where (reported by the options check) take the full path.
  const record = options as Record<symbol, unknown>;
  if (record[Op.and] !== undefined || record[Op.or] !== undefined || record[Op.not] !== undefined) return undefined;
  const definition = model.definition;
  let key = '';
  const names: string[] = [];
  const ops: string[] = [];
  const values: unknown[] = [];
  const where = options.where as unknown;
  if (where !== undefined) {
    if (!isPlainObject(where) || Object.getOwnPropertySymbols(where).length > 0) return undefined;
    const listType = model.sequelize.adapter.capabilities.listParameterType;
    for (const name in where) {
      const attribute = definition.attributes.get(name);
      if (attribute === undefined || attribute.isVirtual || attribute.type.key === 'JSON' || attribute.type.key === 'JSONB') return undefined;
      let value = where[name];
      let op = '=';
      if (value === null) {
        op = 'null';
      } else if (typeof value === 'object' && !(value instanceof Date)) {
        // `{ [Op.gt]: 1 }` and the like (one operator), or an IN list.
        if (!Array.isArray(value)) {
          if (!isPlainObject(value)) return undefined;
          for (const _ in value) return undefined;
          const symbols = Object.getOwnPropertySymbols(value);
          if (symbols.length !== 1) return undefined;
          const symbol = symbols[0] as symbol;
          const named = SHAPE_OPERATORS.get(symbol);
          if (named === undefined) return undefined;
          op = named;
          value = (value as Record<symbol, unknown>)[symbol];
          if (value === null || (op !== 'in' && op !== '!in' && typeof value === 'object' && !(value instanceof Date))) return undefined;
        } else op = 'in';
        if (op === 'in' || op === '!in') {
          if (!Array.isArray(value) || value.length === 0) return undefined;
          const list: unknown[] = [];
          for (const item of value as unknown[]) {
            if (!scalar(item) || attribute.type.validate(item) !== undefined) return undefined;
            list.push(attribute.type.toDb(item));
          }
          // One array parameter where the dialect binds lists so (PostgreSQL), else one per value.
          if (listType?.(attribute.type) !== undefined) {
            op += '*';
            values.push(list);
          } else {
            op += String(list.length);
            for (const item of list) values.push(item);
          }
          names.push(name);
          ops.push(op);
          key += `${name}\u0001${op}\u0000`;
          continue;
        }
      }
      if (op !== 'null') {
        if (!scalar(value)) return undefined;
        // A value the type refuses takes the full path, which reports it.
        if (attribute.type.validate(value) !== undefined) return undefined;
        values.push(attribute.type.toDb(value));
      }
      names.push(name);
      ops.push(op);
      key += op === '=' ? `${name}\u0000` : `${name}\u0001${op}\u0000`;
    }
  }
  key += '|';
  const include = options.include as unknown;
  if (include !== undefined) {
    for (const entry of Array.isArray(include) ? include : [include]) {
      if (typeof entry === 'string') key += `s${entry}\u0000`;
      else if (typeof entry === 'function') key += `m${modelId(entry)}\u0000`;
      else if (isPlainObject(entry)) {
        let model = '';
        let as = '';
        for (const k in entry) {
          const v = entry[k];
          if (k === 'model' && typeof v === 'function') model = String(modelId(v));
          else if (k === 'as' && typeof v === 'string') as = v;
          else return undefined;
        }
        key += `o${model}/${as}\u0000`;
      } else return undefined;
    }
  }
  key += '|';
  const attributes = options.attributes as unknown;
  if (attributes !== undefined) {
    if (!Array.isArray(attributes)) return undefined;
    for (const a of attributes) {
      if (typeof a !== 'string') return undefined;
      key += `${a}\u0000`;
    }
  }
  key += '|';
  const order = options.order as unknown;
  if (order !== undefined) {
    if (!Array.isArray(order)) return undefined;
    for (const item of order) {
      if (typeof item === 'string') key += `${item}\u0000`;
      else if (Array.isArray(item) && item.every((p) => typeof p === 'string')) key += `${item.join('\u0001')}\u0000`;
      else return undefined;
    }
  }
  const { limit, offset } = options;
  if ((limit !== undefined && !Number.isSafeInteger(limit)) || (offset !== undefined && !Number.isSafeInteger(offset))) return undefined;
  key += `|${limit ?? ''}|${offset ?? ''}`;
  return { key, names, ops, values };
}
const PREPARED = new WeakMap<ModelDefinition, Map<string, PreparedFind>>();
const MAX_PREPARED = 200;
export function preparedFor(model: ModelClass, options: FindOptions, shape: SimpleShape): PreparedFind {
  const definition = model.definition;
  let cache = PREPARED.get(definition);
  if (cache === undefined) PREPARED.set(definition, (cache = new Map()));
  const cached = cache.get(shape.key);
  if (cached !== undefined && cached.epoch === definitionEpoch()) return cached;
  // The where of the shape, with a marker where each call's value goes (`attr = ?`, `attr IN (?, ?)`…), in order.
  const alias = definition.modelName;
  let slot = 0;
  const where = and(
    shape.names.map((name, i): Expr => {
      const attribute = definition.attributes.get(name) as NormalizedAttribute;
      const left: Expr = { kind: 'column', table: alias, column: attribute.field };
      const op = shape.ops[i] as string;
      if (op === 'null') return { kind: 'isNull', negated: false, left };
      if (op.startsWith('in') || op.startsWith('!in')) {
        const negated = op.startsWith('!');
        const count = op.slice(negated ? 3 : 2);
        const right: Expr = count === '*' ? { kind: 'value', value: new Slot(slot++) } : { kind: 'list', items: Array.from({ length: Number(count) }, (): Expr => ({ kind: 'value', value: new Slot(slot++) })) };
        return { kind: 'in', negated, left, right, valueType: attribute.type };
      }
      return { kind: 'binary', op: op as BinaryOp, left, right: { kind: 'value', value: new Slot(slot++) } };
    }),
  );
  const prepared = prepareFind(model, options, where);
  if (cache.size >= MAX_PREPARED) cache.clear();
  cache.set(shape.key, prepared);
  return prepared;
}
export function bindSlots(compiled: CompiledQuery, values: readonly unknown[]): CompiledQuery {
  const template = compiled.parameters;
  const parameters = new Array<unknown>(template.length);
  for (let i = 0; i < template.length; i++) {
    const p = template[i];
    parameters[i] = p instanceof Slot ? values[p.index] : p;
  }
  return { sql: compiled.sql, parameters, query: compiled.query, queryId: compiled.queryId } as CompiledQuery;
}
