import { camelize } from '../associations/association.js';
import type { AssociationOptions, ForeignKeyOption } from '../associations/association.js';
import { AbstractDataType, DataTypes, isDefaultMarker } from '../data-types/index.js';
import { DecoratorError } from '../errors/decorator-error.js';
import { Model } from '../model/model.js';
import type { AttributeOptions, ModelAttributes, ModelOptions } from '../metadata/model-options.js';
import type { Relata } from '../relata.js';
import { designTypeName } from './decorator-call.js';
import type { AnyClass } from './decorator-types.js';
import { inferredTypeKey } from './design-type.js';
import { MODEL_HOOK_NAMES } from '../model/hooks.js';
import { inferIncludeAliases } from '../query/include/alias-inference.js';
import { modelDecorations, type AssociationDecoration, type AttributeDecoration, type IndexDecoration, type ModelDecorations, type ScopesSpec } from './model-decorations.js';
import { queueRelations, settleRelations, type PendingRelation } from './pending-relations.js';
import { describeTarget, resolveClass } from './resolve-class.js';

type ModelClass = typeof Model;

/** The decorations of a class and its ancestors, merged (subclass wins). @internal */
interface MergedDecorations {
  readonly table: ModelOptions | undefined;
  readonly attributes: ReadonlyMap<string, AttributeDecoration>;
  readonly associations: readonly AssociationDecoration[];
  readonly hooks: ModelDecorations['hooks'];
  readonly scopes: ScopesSpec | undefined;
  readonly defaultScope: ScopesSpec | undefined;
  readonly modelValidators: ReadonlyMap<string, (...args: never[]) => unknown>;
  readonly indexes: ReadonlyMap<string | symbol, IndexDecoration>;
}

function merged(cls: object): MergedDecorations {
  const records = modelDecorations.chain(cls, Model);
  const attributes = new Map<string, AttributeDecoration>();
  let table: ModelOptions | undefined;
  let scopes: ScopesSpec | undefined;
  let defaultScope: ScopesSpec | undefined;
  for (const record of records) {
    if (record.table) table = { ...(table ?? {}), ...record.table };
    scopes = record.scopes ?? scopes;
    defaultScope = record.defaultScope ?? defaultScope;
    for (const [name, attribute] of record.attributes) {
      const base = attributes.get(name);
      attributes.set(name, base ? { ...base, ...attribute, options: { ...base.options, ...attribute.options }, isColumn: base.isColumn || attribute.isColumn, foreignKeyTargets: [...base.foreignKeyTargets, ...attribute.foreignKeyTargets], timestampRole: attribute.timestampRole ?? base.timestampRole, designType: attribute.designType ?? base.designType } : attribute);
    }
  }
  return {
    table, attributes, associations: records.flatMap((r) => r.associations), hooks: records.flatMap((r) => r.hooks), scopes, defaultScope,
    modelValidators: new Map(records.flatMap((r) => [...r.modelValidators])),
    indexes: new Map(records.flatMap((r) => [...r.indexes])),
  };
}

/**
 * Makes `cls` registrable by `relata.addModels()`: the `initFromDecorators` static that the
 * connection calls. Idempotent.
 * @internal
 */
export function installModelInitializer(cls: object): void {
  if (Object.prototype.hasOwnProperty.call(cls, 'initFromDecorators')) return;
  Object.defineProperty(cls, 'initFromDecorators', { value: initFromDecorators, enumerable: false, configurable: true, writable: true });
}

function initFromDecorators(this: AnyClass, relata: Relata): void {
  initDecoratedModel(this, relata);
}

/**
 * Initializes a sequelize-typescript-style class on a connection: attributes and options from its
 * decorators, hooks, then its associations once their targets are registered too.
 * @internal
 */
export function initDecoratedModel(cls: AnyClass, relata: Relata): void {
  if (!(cls.prototype instanceof Model)) throw DecoratorError.notAModel(cls.name, '@Table');
  const decorations = merged(cls);
  if (decorations.table === undefined) throw DecoratorError.missingClassDecorator(cls.name, '@Table');
  const model = cls as unknown as ModelClass;
  const attributes: Record<string, AttributeOptions> = {};
  const roles: ModelOptions = {};
  for (const [name, attribute] of decorations.attributes) {
    if (attribute.timestampRole !== undefined) {
      roles[attribute.timestampRole] = name;
      roles.timestamps = true;
      if (attribute.timestampRole === 'deletedAt') roles.paranoid = true;
    }
    // A field with only @ForeignKey gets its column from the association (typed like the key it references).
    if (!attribute.isColumn) continue;
    const type = attribute.options.type ?? inferType(cls.name, name, attribute);
    if (type === undefined) continue;
    attributes[name] = { ...attribute.options, type } as AttributeOptions;
  }
  const options: ModelOptions = { ...roles, ...decoratedIndexes(decorations), ...decorations.table };
  const validate = { ...Object.fromEntries(decorations.modelValidators), ...(decorations.table.validate ?? {}) };
  const scopes = evaluate(decorations.scopes);
  const defaultScope = evaluate(decorations.defaultScope);
  model.init(attributes as ModelAttributes, {
    ...options,
    ...(Object.keys(validate).length > 0 ? { validate: validate as NonNullable<ModelOptions['validate']> } : {}),
    ...(scopes ? { scopes } : {}),
    ...(defaultScope ? { defaultScope } : {}),
    modelName: options.modelName ?? cls.name,
    sequelize: relata,
  });
  for (const hook of decorations.hooks) {
    // Connection-level hooks (@BeforeConnect, @AfterDefine…) on a model never run, as in Sequelize.
    if (!(MODEL_HOOK_NAMES as readonly string[]).includes(hook.hook)) continue;
    const fn = hook.fn ?? (hook.isStatic ? (cls as unknown as Record<string, unknown>) : (cls.prototype as unknown as Record<string, unknown>))[hook.method];
    if (typeof fn !== 'function') continue;
    const method = fn as (this: unknown, ...args: unknown[]) => unknown;
    // An instance method of an instance hook runs on the instance: `@BeforeCreate normalize(options)`.
    const run = hook.isStatic ? method.bind(cls) : (instance: unknown, ...rest: unknown[]) => method.call(instance, ...rest);
    model.addHook(hook.hook, hook.name ?? hook.method, run as (...args: never[]) => unknown);
  }
  inferIncludeAliases(model);
  queueRelations(relata, decorations.associations.map((a) => pendingRelation(model, a)));
  settleRelations(relata);
}

/**
 * The type of an attribute declared without one. Branded types (`CreationOptional<number>`,
 * `ForeignKey<number>`) are intersections, which TypeScript's metadata reports as Object; then an
 * auto-increment key is an INTEGER, a @Default value tells its type, and a foreign key is left
 * to its association, which types it like the key it references (undefined here).
 */
function inferType(model: string, property: string, attribute: AttributeDecoration): AttributeOptions['type'] | undefined {
  const key = inferredTypeKey(attribute.designType) ?? (attribute.options.autoIncrement === true ? 'INTEGER' : defaultTypeKey(attribute.options.defaultValue));
  if (key !== undefined) return DataTypes[key];
  if (attribute.foreignKeyTargets.length > 0) return undefined;
  throw DecoratorError.untypedColumn(model, property, '@Column', designTypeName(attribute.designType));
}

function defaultTypeKey(value: unknown): 'STRING' | 'INTEGER' | 'BOOLEAN' | 'DATE' | 'UUID' | undefined {
  if (isDefaultMarker(value)) return value.relataDefault === 'NOW' ? 'DATE' : 'UUID';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'number' && Number.isInteger(value)) return 'INTEGER';
  return value instanceof Date ? 'DATE' : undefined;
}

/** The indexes of @Index and createIndexDecorator(), as `indexes` model options. */
function decoratedIndexes(decorations: MergedDecorations): Pick<ModelOptions, 'indexes'> {
  if (decorations.indexes.size === 0) return {};
  return { indexes: [...decorations.indexes.values()].map((index) => ({ ...index.options, fields: [...index.fields] })) };
}

function evaluate(spec: ScopesSpec | undefined): Readonly<Record<string, unknown>> | undefined {
  return typeof spec === 'function' ? spec() : spec;
}

/** True for a data type given to @Column (instance or bare form), as opposed to an options object. @internal */
export function isDataType(value: unknown): boolean {
  return value instanceof AbstractDataType || (typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof AbstractDataType);
}

const DECORATOR_NAMES: Record<AssociationDecoration['kind'], string> = { belongsTo: '@BelongsTo', hasOne: '@HasOne', hasMany: '@HasMany', belongsToMany: '@BelongsToMany' };

function pendingRelation(source: ModelClass, decoration: AssociationDecoration): PendingRelation {
  const requires = [() => source, () => resolveClass(decoration.target)];
  if (decoration.kind === 'belongsToMany') {
    const through = decoration.through;
    const model = typeof through === 'object' ? through.model : through;
    if (typeof model === 'function') requires.push(() => resolveClass(model));
  }
  return {
    description: `${source.name}.${decoration.property} → ${describeTarget(decoration.target)}`,
    requires,
    define: () => defineAssociation(source, decoration),
  };
}

function targetOf(source: ModelClass, decoration: AssociationDecoration): ModelClass {
  const target = resolveClass(decoration.target);
  if (typeof target !== 'function') throw DecoratorError.badTarget(source.name, decoration.property, DECORATOR_NAMES[decoration.kind], target);
  return target as ModelClass;
}

function defineAssociation(source: ModelClass, decoration: AssociationDecoration): void {
  const target = targetOf(source, decoration);
  // sequelize-typescript: the alias is the property name unless the options give one.
  const as = decoration.options.as ?? decoration.property;
  const property = decoration.property;
  const where = `${DECORATOR_NAMES[decoration.kind]}(() => ${target.name})`;
  switch (decoration.kind) {
    case 'belongsTo': {
      const foreignKey = keyObject(decoration.options.foreignKey ?? foreignKeyTo(source, target, source.name, property, where));
      source.belongsTo(target, { ...counterpartActions(target, source, ['hasOne', 'hasMany']), ...decoration.options, as, ...(foreignKey === undefined ? {} : { foreignKey }) });
      return;
    }
    case 'hasOne':
    case 'hasMany': {
      const foreignKey = decoration.options.foreignKey ?? foreignKeyTo(target, source, source.name, property, where) ?? inverseBelongsToKey(target, source, property, where);
      if (foreignKey === undefined) {
        throw DecoratorError.relation(
          source.name, property, where,
          `no foreign key to ${source.name} on ${target.name}: mark it with @ForeignKey(() => ${source.name}), declare @BelongsTo(() => ${source.name}) on ${target.name}, or pass ${DECORATOR_NAMES[decoration.kind]}(() => ${target.name}, '${camelize(`${source.name.charAt(0).toLowerCase()}${source.name.slice(1)}_${source.primaryKeyAttribute ?? 'id'}`)}')`,
        );
      }
      const options = { ...counterpartActions(target, source, ['belongsTo']), ...decoration.options, as, foreignKey: keyObject(foreignKey) };
      if (decoration.kind === 'hasOne') source.hasOne(target, options);
      else source.hasMany(target, options);
      return;
    }
    case 'belongsToMany': {
      const given = decoration.through;
      if (given === undefined) throw DecoratorError.relation(source.name, property, where, `a junction is required: pass @BelongsToMany(() => ${target.name}, () => Through) or a table name`);
      const spec = typeof given === 'object' ? given : { model: given };
      const throughModel = typeof spec.model === 'function' ? (resolveClass(spec.model) as ModelClass) : spec.model;
      const throughClass = typeof throughModel === 'function' ? throughModel : undefined;
      const foreignKey = keyObject(decoration.options.foreignKey ?? (throughClass && foreignKeyTo(throughClass, source, source.name, property, where)));
      const otherKey = keyObject(decoration.options.otherKey ?? (throughClass && foreignKeyTo(throughClass, target, source.name, property, where)));
      source.belongsToMany(target, {
        ...decoration.options,
        as,
        through: { ...spec, model: throughModel as never },
        ...(foreignKey === undefined ? {} : { foreignKey }),
        ...(otherKey === undefined ? {} : { otherKey }),
      });
      return;
    }
  }
}

/**
 * A key in the `{ name, … }` form sequelize-typescript hands Sequelize, so `association.options.foreignKey`
 * reads the same.
 */
function keyObject<K extends ForeignKeyOption | undefined>(key: K): K | { name: string } {
  return typeof key === 'string' ? { name: key } : key;
}

/**
 * The attribute of `model` marked @ForeignKey(() => referenced); undefined when none is. A key
 * the model did not declare (its type was left to the association) carries its options along.
 */
function foreignKeyTo(model: ModelClass, referenced: ModelClass, source: string, property: string, where: string): ForeignKeyOption | undefined {
  const keys = [...merged(model).attributes].filter(([, a]) => a.foreignKeyTargets.some((thunk) => resolveClass(thunk) === referenced));
  if (keys.length > 1) {
    throw DecoratorError.relation(source, property, where, `${model.name} has several @ForeignKey(() => ${referenced.name}) attributes (${keys.map(([name]) => name).join(', ')}); pass the one to use as foreignKey`);
  }
  const [key] = keys;
  if (!key) return undefined;
  const [name, attribute] = key;
  if (model.definition.attributes.has(name) || Object.keys(attribute.options).length === 0) return name;
  const { type: _type, ...options } = attribute.options;
  return { ...options, name };
}

/**
 * The ON DELETE / ON UPDATE actions the other side of a relation declares (the @BelongsTo of a
 * @HasMany, or the reverse). Both sides describe one foreign key, and whichever is declared first
 * creates it, so an action written on either side must reach it.
 */
function counterpartActions(model: ModelClass, other: ModelClass, kinds: readonly AssociationDecoration['kind'][]): Pick<AssociationOptions, 'onDelete' | 'onUpdate'> {
  const counterparts = merged(model).associations.filter((a) => kinds.includes(a.kind) && resolveClass(a.target) === other);
  const [counterpart] = counterparts;
  if (counterparts.length !== 1 || !counterpart) return {};
  const { onDelete, onUpdate } = counterpart.options;
  return { ...(onDelete === undefined ? {} : { onDelete }), ...(onUpdate === undefined ? {} : { onUpdate }) };
}

/** The key of the @BelongsTo on `target` that points back at `source` (the other side of a hasOne/hasMany). */
function inverseBelongsToKey(target: ModelClass, source: ModelClass, property: string, where: string): ForeignKeyOption | undefined {
  const inverse = merged(target).associations.filter((a) => a.kind === 'belongsTo' && resolveClass(a.target) === source);
  if (inverse.length > 1) {
    throw DecoratorError.relation(source.name, property, where, `${target.name} has several @BelongsTo(() => ${source.name}) (${inverse.map((a) => a.property).join(', ')}); pass the foreignKey to use`);
  }
  const belongsTo = inverse[0];
  if (!belongsTo) return undefined;
  return belongsTo.options.foreignKey ?? foreignKeyTo(target, source, source.name, property, where) ?? camelize(`${belongsTo.property}_${source.primaryKeyAttribute ?? 'id'}`);
}
