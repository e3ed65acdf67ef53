// The criteria of update, delete, softDelete, restore and increment, and the values of insert and
// update, as relata attribute maps: ids, id lists and conditions (values, and the common find
// operators) on columns and many-to-one relations. Every key is checked against the entity before any SQL is built.
import { InvalidOptionError, Op, UnknownAttributeError, UnsupportedError } from '../index.js';
import { isObject, type EntityMeta } from './persist-metadata.js';

type Where = Record<string | symbol, unknown>;

function isKey(value: unknown): value is string | number | bigint | Date {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || value instanceof Date;
}

/** `Repository<User>.delete()`, as errors name the call. */
export function callName(meta: EntityMeta, method: string): string {
  return `Repository<${meta.name}>.${method}()`;
}

function unknownProperty(meta: EntityMeta, property: string, clause: string): UnknownAttributeError {
  return new UnknownAttributeError(meta.name, property, clause, meta.properties);
}

/** The foreign key value a many-to-one takes from `{ user: { id: 1 } }` (or `null`). */
function joinValue(meta: EntityMeta, property: string, value: unknown, clause: string): unknown {
  const relation = meta.relations.get(property);
  if (relation?.kind !== 'BelongsTo') {
    throw new UnsupportedError(
      `${meta.name}.${property} in ${clause}`,
      relation === undefined ? `name a column of ${meta.name}` : `only columns and many-to-one relations can be written or matched here; change ${property} through save() of the related entities`,
    );
  }
  if (value === null) return null;
  const targetKey = relation.association.targetKey;
  if (!isObject(value) || value[targetKey] === undefined) {
    throw InvalidOptionError.expected(clause, `${meta.name}.${property}`, `null or an object with the related ${targetKey} ({ ${property}: { ${targetKey}: 1 } })`, value);
  }
  return value[targetKey];
}

/** A find operator (`In([1, 2])`, `Not(IsNull())`…): an instance with a `type` and a `value`, TypeORM's shape. */
interface OperatorLike {
  readonly type: string;
  readonly value: unknown;
}

function isOperator(value: unknown): value is OperatorLike {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype !== null && prototype !== Object.prototype && typeof (value as { type?: unknown }).type === 'string' && 'value' in value;
}

const COMPARISONS: Readonly<Record<string, symbol>> = {
  equal: Op.eq,
  lessThan: Op.lt,
  lessThanOrEqual: Op.lte,
  moreThan: Op.gt,
  moreThanOrEqual: Op.gte,
  like: Op.like,
  ilike: Op.iLike,
  in: Op.in,
  between: Op.between,
};
const NEGATIONS: Readonly<Record<string, symbol>> = { equal: Op.ne, in: Op.notIn, like: Op.notLike, ilike: Op.notILike, between: Op.notBetween };

/** A find operator in update/delete criteria as a relata condition (its values bound as parameters). */
function operatorCondition(meta: EntityMeta, key: string, operator: OperatorLike, clause: string): unknown {
  const unsupported = (): UnsupportedError =>
    new UnsupportedError(`${clause}: the ${operator.type} operator on ${meta.name}.${key}`, `use one of ${[...Object.keys(COMPARISONS), 'isNull', 'not'].join(', ')} in criteria (every operator works in find())`);
  if (operator.type === 'isNull') return null;
  if (operator.type === 'not') {
    // TypeORM's `value` reads through a wrapped operator; `child` is the operator itself.
    const inner = (operator as { child?: unknown }).child ?? operator.value;
    if (!isOperator(inner)) return { [Op.ne]: inner };
    if (inner.type === 'isNull') return { [Op.ne]: null };
    const negation = NEGATIONS[inner.type];
    if (negation === undefined) throw unsupported();
    return { [negation]: inner.value };
  }
  const comparison = COMPARISONS[operator.type];
  if (comparison === undefined) throw unsupported();
  if ((operator.type === 'in' || operator.type === 'between') && !Array.isArray(operator.value)) {
    throw InvalidOptionError.expected(clause, `${meta.name}.${key}`, `a list for ${operator.type === 'in' ? 'In([…])' : 'Between(from, to)'}`, operator.value);
  }
  return { [comparison]: operator.value };
}

/** One condition object as a relata where: equality on columns, `null` as IS NULL, many-to-one by key. */
function conditionsOf(meta: EntityMeta, conditions: Record<string, unknown>, clause: string): Where {
  const where: Where = {};
  for (const [key, value] of Object.entries(conditions)) {
    if (value === undefined) continue;
    if (meta.relations.has(key)) {
      const relation = meta.relations.get(key);
      if (relation?.kind === 'BelongsTo') where[relation.association.foreignKey] = joinValue(meta, key, value, clause);
      else joinValue(meta, key, value, clause);
      continue;
    }
    if (!meta.attributes.has(key)) throw unknownProperty(meta, key, clause);
    if (isOperator(value)) {
      where[key] = operatorCondition(meta, key, value, clause);
      continue;
    }
    if (value !== null && !isKey(value) && typeof value !== 'boolean') {
      throw new UnsupportedError(`${clause}: the condition on ${meta.name}.${key}`, 'give a value to compare (or null, a find operator such as In([…]), or an id list as the whole criteria)');
    }
    where[key] = value;
  }
  return where;
}

/**
 * TypeORM's criteria: an id, a list of ids, a condition object, or a list of condition objects
 * (joined by OR). Empty criteria are an error, as in TypeORM (use `clear()` for every row).
 */
export function criteriaWhere(meta: EntityMeta, criteria: unknown, method: string): Where {
  const clause = `${callName(meta, method)} criteria`;
  const empty = (): InvalidOptionError =>
    InvalidOptionError.expected(callName(meta, method), 'criteria', `an id, a list of ids, or conditions such as { ${meta.pk}: 1 } (empty criteria are not allowed for ${method}${method === 'delete' ? '; clear() deletes every row' : ''})`, criteria);
  if (criteria === undefined || criteria === null || criteria === '') throw empty();
  if (isKey(criteria)) return { [meta.pk]: criteria };
  if (Array.isArray(criteria)) {
    if (criteria.length === 0) throw empty();
    if (criteria.every(isKey)) return { [meta.pk]: { [Op.in]: criteria } };
    if (criteria.every(isObject)) {
      const branches = criteria.map((one) => conditionsOf(meta, one, clause));
      if (branches.some((branch) => Reflect.ownKeys(branch).length === 0)) throw empty();
      return { [Op.or]: branches };
    }
    throw InvalidOptionError.expected(callName(meta, method), 'criteria', 'a list of ids or a list of condition objects', criteria);
  }
  if (!isObject(criteria)) throw InvalidOptionError.expected(callName(meta, method), 'criteria', 'an id, a list of ids or a condition object', criteria);
  const where = conditionsOf(meta, criteria, clause);
  if (Reflect.ownKeys(where).length === 0) throw empty();
  return where;
}

/**
 * The values of insert, update and upsert as attribute values: columns as given, a many-to-one as
 * its foreign key. Unknown properties are an error naming the valid ones.
 */
export function valuesOf(meta: EntityMeta, values: unknown, method: string, shared = false): Record<string, unknown> {
  if (!isObject(values)) throw InvalidOptionError.expected(callName(meta, method), 'values', `an object of ${meta.name}'s properties (${meta.properties.join(', ')})`, values);
  // Called per row of a bulk insert: with `shared` (bulkCreate copies the rows it is given), a
  // plain object holding only columns is taken as it is; the clause is named only for an error.
  if (shared && Object.getPrototypeOf(values) === Object.prototype && onlyColumns(meta, values)) return values;
  const out: Record<string, unknown> = {};
  for (const key in values) {
    if (!Object.prototype.hasOwnProperty.call(values, key)) continue;
    const value = values[key];
    if (value === undefined) continue;
    if (meta.attributes.has(key) && !meta.relations.has(key)) {
      out[key] = value;
      continue;
    }
    const clause = `${callName(meta, method)} values`;
    const relation = meta.relations.get(key);
    if (relation === undefined) throw unknownProperty(meta, key, clause);
    if (relation.kind === 'BelongsTo') out[relation.association.foreignKey] = joinValue(meta, key, value, clause);
    else joinValue(meta, key, value, clause);
  }
  return out;
}

/** Whether every own key of `values` is a column with a value (no relation, nothing undefined). */
function onlyColumns(meta: EntityMeta, values: Record<string, unknown>): boolean {
  for (const key in values) {
    if (!Object.prototype.hasOwnProperty.call(values, key)) return false;
    if (values[key] === undefined || !meta.attributes.has(key) || meta.relations.has(key)) return false;
  }
  return true;
}
