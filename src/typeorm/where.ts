// TypeORM's `where` turned into relata's: columns into Op conditions (every value bound),
// conditions on relations into required includes (an object: the roots that have a matching
// related row, and only those related rows when the relation is loaded, as TypeORM's inner join
// filter gives) or into `$relation.column$` references (an array, ORed: TypeORM's left join).
import { InvalidOptionError, Op, UnsupportedError, literal, type Model, type ModelStatic } from '../index.js';
import { FindOperator } from './find-operators.js';
import { columnsOf, relationOf, unknownProperty, type EntityModel } from './entity-metadata.js';

type Condition = Record<string | symbol, unknown>;

/** The filters a `where` object puts on relations: one required include per relation, nested. @internal */
export interface RelationFilter {
  readonly where: Condition;
  readonly children: Map<string, RelationFilter>;
}

/** A `where` translated: the root condition, relation filters (object form) and referenced relation paths (array form). @internal */
export interface TranslatedWhere {
  readonly where: Condition | undefined;
  readonly filters: Map<string, RelationFilter>;
  /** Relation paths the root condition references as `$a.b.column$`. */
  readonly paths: readonly (readonly string[])[];
}

/** What a translation needs: the model, the quoting of identifiers for `Raw`, and the method for messages. @internal */
export interface WhereScope {
  readonly method: string;
  readonly quote: (identifier: string) => string;
}

/** Translates `where` (an object, or an array of them ORed). @internal */
export function translateWhere(scope: WhereScope, model: EntityModel, where: unknown): TranslatedWhere {
  if (where === undefined) return { where: undefined, filters: new Map(), paths: [] };
  if (Array.isArray(where)) {
    const paths: string[][] = [];
    const branches = where.map((branch) => referencingCondition(scope, model, branch, [], paths));
    return { where: branches.length === 0 ? undefined : { [Op.or]: branches }, filters: new Map(), paths };
  }
  const filters = new Map<string, RelationFilter>();
  const condition = filteringCondition(scope, model, where, filters, true);
  return { where: condition, filters, paths: [] };
}

/**
 * Whether `where` is an array (OR) whose branches put conditions on relations: such a where is
 * resolved branch by branch (see find.ts), as one `$relation.column$` reference per condition would
 * let two conditions on one to-many relation match two different related rows.
 * @internal
 */
export function isOrOnRelations(scope: WhereScope, model: EntityModel, where: unknown): where is readonly Record<string, unknown>[] {
  if (!Array.isArray(where)) return false;
  return where.some((branch) => {
    const object = expectObject(scope, model, branch);
    return Object.entries(object).some(([key, value]) => relationOf(model, key) !== undefined && value !== true && value !== false && !(value instanceof FindOperator) && value !== null && typeof value === 'object' && Object.keys(value).length > 0);
  });
}

/**
 * The condition a `where` branch puts on one relation's own columns (`{ title: Like('a%') }`),
 * translated against the related entity; `undefined` when it reaches further relations.
 * @internal
 */
export function ownColumnsCondition(scope: WhereScope, target: EntityModel, value: unknown): Condition | undefined {
  const filters = new Map<string, RelationFilter>();
  const condition = filteringCondition(scope, target, value, filters, false);
  return filters.size === 0 ? condition : undefined;
}

function expectObject(scope: WhereScope, model: EntityModel, where: unknown): Record<string, unknown> {
  if (where === null || typeof where !== 'object' || Array.isArray(where) || where instanceof FindOperator) {
    throw InvalidOptionError.expected(`${scope.method} where`, model.name, `an object of conditions on ${model.name}'s properties (or an array of them)`, where);
  }
  return where as Record<string, unknown>;
}

/** An object of conditions, relations becoming required include filters. */
function filteringCondition(scope: WhereScope, model: EntityModel, where: unknown, filters: Map<string, RelationFilter>, root: boolean): Condition {
  const condition: Condition = {};
  const raws: unknown[] = [];
  for (const [key, value] of Object.entries(expectObject(scope, model, where))) {
    const relation = relationOf(model, key);
    if (relation !== undefined) {
      if (!conditionsOn(scope, model, key, value)) continue;
      if (value instanceof FindOperator) {
        Object.assign(condition, ownerKeyCondition(scope, model, key, value));
        continue;
      }
      const existing = filters.get(key);
      const children = existing?.children ?? new Map<string, RelationFilter>();
      const nested = filteringCondition(scope, relation.target, value, children, false);
      filters.set(key, { where: existing === undefined ? nested : { [Op.and]: [existing.where, nested] }, children });
      continue;
    }
    if (!columnsOf(model).includes(key)) throw unknownProperty(scope.method, model, key);
    if (value instanceof FindOperator && value.type === 'raw') {
      if (!root) throw new UnsupportedError(`${scope.method}: Raw() on ${model.name}.${key}`, 'Raw() is taken on the queried entity\'s own properties only; on a relation use the other operators');
      raws.push(rawCondition(scope, model, key, value));
      continue;
    }
    condition[key] = columnCondition(scope, model, key, value);
  }
  if (raws.length > 0) condition[Op.and] = raws;
  return condition;
}

/** An object of conditions with relations referenced as `$a.b.column$` (the branches of an OR array). */
function referencingCondition(scope: WhereScope, model: EntityModel, where: unknown, path: readonly string[], paths: string[][]): Condition {
  const condition: Condition = {};
  const raws: unknown[] = [];
  for (const [key, value] of Object.entries(expectObject(scope, model, where))) {
    const relation = relationOf(model, key);
    if (relation !== undefined) {
      if (!conditionsOn(scope, model, key, value)) continue;
      if (value instanceof FindOperator) {
        for (const [fk, fkCondition] of Object.entries(ownerKeyCondition(scope, model, key, value))) condition[reference(path, fk)] = fkCondition;
        continue;
      }
      const nestedPath = [...path, key];
      paths.push(nestedPath);
      Object.assign(condition, referencingCondition(scope, relation.target, value, nestedPath, paths));
      continue;
    }
    if (!columnsOf(model).includes(key)) throw unknownProperty(scope.method, model, key);
    if (value instanceof FindOperator && value.type === 'raw') {
      if (path.length > 0) throw new UnsupportedError(`${scope.method}: Raw() on ${model.name}.${key}`, 'Raw() is taken on the queried entity\'s own properties only; on a relation use the other operators');
      raws.push(rawCondition(scope, model, key, value));
      continue;
    }
    condition[reference(path, key)] = columnCondition(scope, model, key, value);
  }
  if (raws.length > 0) condition[Op.and] = raws;
  return condition;
}

function reference(path: readonly string[], key: string): string {
  return path.length === 0 ? key : `$${[...path, key].join('.')}$`;
}

/** Whether a relation's value puts conditions (TypeORM ignores `true` and `{}`). */
function conditionsOn(scope: WhereScope, model: EntityModel, key: string, value: unknown): boolean {
  if (value === true || value === false) return false;
  if (value === undefined || value === null) throw nullValue(scope, model, key, value);
  if (value instanceof FindOperator) return true;
  return Object.keys(expectObject(scope, { name: `${model.name}.${key}` } as EntityModel, value)).length > 0;
}

/** An operator on a relation: on the owning side (`@ManyToOne`, `@OneToOne` with the join column), it compares the foreign key. */
function ownerKeyCondition(scope: WhereScope, model: EntityModel, key: string, operator: FindOperator<unknown>): Condition {
  const relation = relationOf(model, key);
  if (relation === undefined || relation.foreignKeyOnSource === undefined) {
    throw new UnsupportedError(`${scope.method}: an operator on the relation ${model.name}.${key}`, 'put the condition on the related entity\'s columns instead, e.g. { ' + key + ': { id: In([1, 2]) } }');
  }
  return { [relation.foreignKeyOnSource]: operatorCondition(scope, model, key, operator) };
}

function nullValue(scope: WhereScope, model: EntityModel, key: string, value: unknown): InvalidOptionError {
  return value === null
    ? new InvalidOptionError(`${scope.method}: null value in the where condition on ${model.name}.${key}; to match SQL NULL use the IsNull() operator`)
    : new InvalidOptionError(`${scope.method}: undefined value in the where condition on ${model.name}.${key}; leave the property out, or give a value or an operator`);
}

/** A column's condition: a value (equality) or an operator. */
function columnCondition(scope: WhereScope, model: EntityModel, key: string, value: unknown): unknown {
  if (value === undefined || value === null) throw nullValue(scope, model, key, value);
  if (value instanceof FindOperator) return operatorCondition(scope, model, key, value);
  if (typeof value === 'object' && !(value instanceof Date) && !(value instanceof Uint8Array) && !Array.isArray(value)) {
    throw InvalidOptionError.expected(`${scope.method} where`, `${model.name}.${key}`, 'a value or an operator (In, Not, MoreThan, Like, IsNull…)', value);
  }
  return { [Op.eq]: value };
}

function operatorCondition(scope: WhereScope, model: EntityModel, key: string, operator: FindOperator<unknown>): Condition {
  const value = operator.value;
  const operand = (v: unknown): unknown => {
    if (v instanceof FindOperator) throw InvalidOptionError.expected(`${scope.method} where`, `${model.name}.${key}`, `a value inside ${operator.type}()`, v);
    if (v === undefined) throw nullValue(scope, model, key, v);
    return v;
  };
  switch (operator.type) {
    case 'equal':
      return value instanceof FindOperator ? operatorCondition(scope, model, key, value) : { [Op.eq]: operand(value) };
    case 'lessThan':
      return { [Op.lt]: operand(value) };
    case 'lessThanOrEqual':
      return { [Op.lte]: operand(value) };
    case 'moreThan':
      return { [Op.gt]: operand(value) };
    case 'moreThanOrEqual':
      return { [Op.gte]: operand(value) };
    case 'in':
    case 'any':
      return { [Op.in]: (value as readonly unknown[]).map(operand) };
    case 'like':
      return { [Op.like]: operand(value) };
    case 'ilike':
      return { [Op.iLike]: operand(value) };
    case 'between':
      return { [Op.between]: (value as readonly unknown[]).map(operand) };
    case 'isNull':
      return { [Op.is]: null };
    case 'not':
      return value instanceof FindOperator ? negated(scope, model, key, value) : { [Op.ne]: operand(value) };
    case 'and':
    case 'or':
      return { [operator.type === 'and' ? Op.and : Op.or]: (value as readonly FindOperator<unknown>[]).map((one) => operatorCondition(scope, model, key, expectOperator(scope, model, key, one))) };
    case 'raw':
      throw new UnsupportedError(`${scope.method}: Raw() inside another operator on ${model.name}.${key}`, 'give Raw() as the property\'s whole condition');
  }
}

function expectOperator(scope: WhereScope, model: EntityModel, key: string, value: unknown): FindOperator<unknown> {
  if (!(value instanceof FindOperator)) throw InvalidOptionError.expected(`${scope.method} where`, `${model.name}.${key}`, 'operators inside And() and Or()', value);
  return value;
}

const NEGATIONS: Partial<Record<FindOperator<unknown>['type'], symbol>> = {
  equal: Op.ne,
  lessThan: Op.gte,
  lessThanOrEqual: Op.gt,
  moreThan: Op.lte,
  moreThanOrEqual: Op.lt,
  in: Op.notIn,
  any: Op.notIn,
  like: Op.notLike,
  ilike: Op.notILike,
  between: Op.notBetween,
};

/** `Not(operator)`: the negated comparison (`NOT IN`, `NOT LIKE`, `IS NOT NULL`…). */
function negated(scope: WhereScope, model: EntityModel, key: string, operator: FindOperator<unknown>): Condition {
  if (operator.type === 'not') {
    const inner = operator.value;
    return inner instanceof FindOperator ? operatorCondition(scope, model, key, inner) : { [Op.eq]: inner };
  }
  if (operator.type === 'isNull') return { [Op.not]: null };
  if (operator.type === 'equal' && operator.value instanceof FindOperator) return negated(scope, model, key, operator.value);
  const symbol = NEGATIONS[operator.type];
  if (symbol !== undefined) {
    const positive = operatorCondition(scope, model, key, operator);
    const [value] = Object.getOwnPropertySymbols(positive).map((s) => positive[s]);
    return { [symbol]: value };
  }
  if (operator.type === 'and' || operator.type === 'or') {
    // De Morgan: NOT (a AND b) = NOT a OR NOT b.
    const parts = (operator.value as readonly unknown[]).map((one) => negated(scope, model, key, expectOperator(scope, model, key, one)));
    return { [operator.type === 'and' ? Op.or : Op.and]: parts };
  }
  throw new UnsupportedError(`${scope.method}: Not(Raw()) on ${model.name}.${key}`, 'write the negation inside the Raw() SQL');
}

/** `Raw()`: the SQL as written, given the column's qualified name (as TypeORM's Raw). */
function rawCondition(scope: WhereScope, model: EntityModel, key: string, operator: FindOperator<unknown>): unknown {
  if (operator.parameters !== undefined && Object.keys(operator.parameters).length > 0) {
    throw new UnsupportedError(
      `${scope.method}: Raw() with parameters on ${model.name}.${key}`,
      'relata binds values only through the operators (MoreThan, In, Like…); write the condition with them, or run the SQL with dataSource.query(sql, params)',
    );
  }
  const model_ = model as unknown as ModelStatic<Model>;
  const field = (model_.rawAttributes as Record<string, { field?: string } | undefined>)[key]?.field ?? key;
  const build = operator.sql as (column: string) => string;
  return literal(build(`${scope.quote(model.name)}.${scope.quote(field)}`));
}
