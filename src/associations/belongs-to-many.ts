import inflection from 'inflection';
import { AssociationError } from '../errors/association-error.js';
import type { Model, ModelStatic } from '../model/model.js';
import { internalOptions } from '../model/option-list.js';
import { Op } from '../query/operators.js';
import { isPlainObject } from '../query/where.js';
import { Association, camelize, type AccessorFindOptions, type AccessorWriteOptions, type AssociationOptions, type ForeignKeyOption, type ModelClass } from './association.js';
import { defineValueProperty, isModelClass } from './accessors.js';
import { foreignKeyOption, injectForeignKey } from './foreign-keys.js';
import { transactionOptions } from './has-one.js';
import { appendAll, keyChunks, groupBy, normalizeKey, savedKeyOf, toArray, uniqueKeys, withFields } from './instances.js';
import { lazyLoad } from './lazy-batch.js';
import { lockedTransactionOptions, lockSourceRow, withSourceLock } from './source-lock.js';
import { loadIncludes } from '../model/include-loader.js';
import { withScope } from '../model/scopes.js';
import { normalizeIncludes } from '../query/include/normalize.js';
import { planThrough, runThrough, type ThroughFindOptions, type ThroughRow } from '../model/through-query.js';
import { scopedTarget } from './load-options.js';
import { linkKey, type AssociationLink } from '../query/include/link.js';

/** `through` as a table name, a model, or `{ model, unique, scope }`. */
export type ThroughOption =
  | string
  | ModelStatic<Model>
  | { model: string | ModelStatic<Model>; unique?: boolean; scope?: Record<string, unknown>; paranoid?: boolean };

/** Options for `belongsToMany`. */
export interface BelongsToManyOptions extends AssociationOptions {
  through: ThroughOption;
  otherKey?: ForeignKeyOption;
  sourceKey?: string;
  targetKey?: string;
  /** Name of the unique constraint on the key pair. */
  uniqueKey?: string;
  timestamps?: boolean;
}

/**
 * Many-to-many through a junction table (`User.belongsToMany(Group, { through: 'UserGroups' })`).
 * The junction model is created when `through` names a table; its primary key is the key pair.
 *
 * @example
 * await user.addGroup(group, { through: { role: 'admin' } })
 * await user.getGroups() // SELECT "Group".…, "UserGroups".… FROM "Groups" AS "Group" INNER JOIN "UserGroups" … WHERE "UserGroups"."userId" = $1
 */
export class BelongsToManyAssociation extends Association {
  readonly associationType = 'BelongsToMany' as const;
  readonly through: { model: ModelClass; unique: boolean; scope: Readonly<Record<string, unknown>> | undefined };
  /** The junction key that references the target; the reverse side may rename it when it pairs. */
  otherKey: string;
  readonly sourceKey: string;
  /** The reverse association over the same junction (`Project.belongsToMany(User)` for `User.belongsToMany(Project)`). */
  paired: BelongsToManyAssociation | undefined;
  /** `through` as given (a name or a model): what a reverse association is paired by. @internal */
  readonly throughKey: string | ModelClass;
  /** @internal */
  readonly otherKeyGiven: boolean;
  /** @internal */
  readonly targetKeyGiven: boolean;
  /** The target attribute the junction's otherKey references; the reverse side may change it when it pairs. */
  targetKey: string;
  readonly isSelfAssociation: boolean;

  constructor(source: ModelClass, target: ModelClass, options: BelongsToManyOptions) {
    super(source, target, options, true);
    const description = `${source.name}.belongsToMany(${target.name}, as ${this.as})`;
    if (options.through === undefined || options.through === null) {
      throw new AssociationError(`${description}: the "through" option is required (a junction table name or model)`);
    }
    this.isSelfAssociation = source === target;
    const spec: { model: unknown; unique?: boolean; scope?: Record<string, unknown>; paranoid?: boolean } =
      typeof options.through === 'object' && !isModelClass(options.through) ? options.through : { model: options.through };
    this.throughKey = isModelClass(spec.model) ? (spec.model as unknown as ModelClass) : (spec.model as string);
    // As in Sequelize, the reverse belongsToMany over the same junction shares its two key columns.
    this.paired = Object.values(target.associations as Record<string, unknown>).find(
      (a): a is BelongsToManyAssociation => a instanceof BelongsToManyAssociation && a !== this && a.target === source && a.throughKey === this.throughKey,
    );
    this.sourceKey = options.sourceKey ?? source.primaryKeyAttribute ?? 'id';
    this.targetKeyGiven = options.targetKey !== undefined;
    // Sequelize: a paired side without targetKey references the reverse side's sourceKey.
    this.targetKey = options.targetKey ?? this.paired?.sourceKey ?? target.primaryKeyAttribute ?? 'id';
    const sourceAttr = source.definition.attributes.get(this.sourceKey);
    const targetAttr = target.definition.attributes.get(this.targetKey);
    if (!sourceAttr || !targetAttr) throw new AssociationError(`${description}: unknown ${sourceAttr ? `targetKey "${this.targetKey}"` : `sourceKey "${this.sourceKey}"`}`);
    const fk = foreignKeyOption(options.foreignKey);
    const other = foreignKeyOption(options.otherKey);
    this.otherKeyGiven = other.name !== undefined;
    this.foreignKey = fk.name ?? (this.paired?.otherKeyGiven ? this.paired.otherKey : camelize(`${source.definition.name.singular}_${this.sourceKey}`));
    this.otherKey = other.name ?? this.paired?.foreignKey ?? camelize(`${this.isSelfAssociation ? inflection.singularize(this.as) : target.definition.name.singular}_${this.targetKey}`);
    const strict = source.sequelize.options.strict === true;
    // Sequelize accepts a self-association whose two keys come out equal (one junction column); strict refuses it.
    if (this.foreignKey === this.otherKey && strict) {
      throw new AssociationError(`${description}: foreignKey and otherKey are both "${this.foreignKey}"; give a self-association distinct keys or an alias`);
    }
    const userModel = isModelClass(spec.model);
    const model = userModel ? (spec.model as unknown as ModelClass) : this.#junctionModel(spec.model as string, options, spec.paranoid);
    this.through = { model, unique: spec.unique !== false, scope: spec.scope };
    defineValueProperty(target.prototype, model.name);
    this.accessors = this.multiAccessors();

    // Sequelize adds a key the through model lacks; strict refuses it when the model has its own composite key.
    if (userModel && strict) {
      for (const [key, given] of [[this.foreignKey, fk.name], [this.otherKey, other.name]] as const) {
        if (given !== undefined && !model.definition.attributes.has(key) && model.definition.primaryKeys.some((k) => k !== 'id')) {
          throw new AssociationError(`${description}: the through model ${model.name} lacks the key "${key}"; it has ${model.definition.attributeNames.join(', ')}`);
        }
      }
    }
    const junction = model.definition;
    const paired = this.paired;
    if (paired) {
      this.paired = paired;
      paired.paired = this;
      // The first side's default targetKey becomes this side's sourceKey (a non-primary-key join, as in Sequelize).
      const retargeted = !paired.targetKeyGiven && paired.targetKey !== this.sourceKey;
      if (retargeted) paired.targetKey = this.sourceKey;
      // The first side's inferred otherKey yields to this side's foreignKey (Sequelize does the same).
      if (!paired.otherKeyGiven && (paired.otherKey !== this.foreignKey || retargeted)) {
        const stale = junction.attributes.get(paired.otherKey);
        const wasKey = junction.primaryKeys.includes(paired.otherKey);
        junction.removeAttribute(paired.otherKey);
        paired.otherKey = this.foreignKey;
        if (stale && wasKey && !junction.attributes.has(this.foreignKey)) {
          injectForeignKey({
            model, name: this.foreignKey, referenced: sourceAttr, referencedModel: source, attribute: { primaryKey: true, allowNull: false }, constraints: paired.options.constraints !== false,
            onDelete: () => paired.options.onDelete ?? 'CASCADE', onUpdate: paired.options.onUpdate ?? 'CASCADE', description,
          });
        }
      }
      // This side's own onDelete/onUpdate win on its foreignKey column (Sequelize: "the passed option is the priority").
      const own = junction.attributes.get(this.foreignKey);
      if (own && (options.onDelete !== undefined || options.onUpdate !== undefined)) {
        const actions = { ...(options.onDelete === undefined ? {} : { onDelete: options.onDelete }), ...(options.onUpdate === undefined ? {} : { onUpdate: options.onUpdate }) };
        junction.addAttribute(this.foreignKey, { ...own.raw, ...actions });
        model.refreshAttributes();
      }
    }
    const replacePk = junction.autoGeneratedPrimaryKey && !junction.attributes.has(this.foreignKey);
    if (replacePk) {
      junction.removeAttribute('id');
      junction.autoGeneratedPrimaryKey = false;
    }
    const pairIsKey = replacePk || (junction.primaryKeys.includes(this.foreignKey) && junction.primaryKeys.includes(this.otherKey));
    const unique = !pairIsKey && this.through.unique ? (options.uniqueKey ?? `${junction.tableName}_${this.foreignKey}_${this.otherKey}_unique`) : undefined;
    const keyAttribute = (extra: object) => ({ ...extra, ...(pairIsKey ? { primaryKey: true, allowNull: false } : {}), ...(unique ? { unique } : {}) });
    const constraints = options.constraints !== false;
    injectForeignKey({
      model, name: this.foreignKey, referenced: sourceAttr, referencedModel: source, attribute: keyAttribute(fk.attribute), constraints,
      onDelete: () => options.onDelete ?? 'CASCADE', onUpdate: options.onUpdate ?? 'CASCADE', description,
    });
    injectForeignKey({
      model, name: this.otherKey, referenced: targetAttr, referencedModel: target, attribute: keyAttribute(other.attribute), constraints,
      // Sequelize applies the association's actions to both junction keys.
      onDelete: () => options.onDelete ?? 'CASCADE', onUpdate: options.onUpdate ?? 'CASCADE', description,
    });
    // A uniqueKey given on this side names the pair's unique constraint even when the reverse side made it first.
    if (unique !== undefined && options.uniqueKey !== undefined) {
      for (const key of [this.foreignKey, this.otherKey]) {
        const attr = junction.attributes.get(key);
        if (attr && attr.raw.unique !== unique) junction.addAttribute(key, { ...attr.raw, unique });
      }
      model.refreshAttributes();
    }
  }

  /** Sequelize's name for the foreign key attribute (`association.identifier`; hasOne/hasMany have none). */
  get identifier(): string {
    return this.foreignKey;
  }

  /** @internal */
  protected describeLink(): AssociationLink {
    const junction = this.through.model.definition;
    return {
      parent: linkKey(this.source.definition, this.sourceKey),
      child: linkKey(this.target.definition, this.targetKey),
      through: { definition: junction, source: linkKey(junction, this.foreignKey), target: linkKey(junction, this.otherKey) },
    };
  }

  /** Sequelize's name for the junction key that references the target (`otherKey`). */
  get foreignIdentifier(): string {
    return this.otherKey;
  }

  /** The column of `otherKey` on the junction table. */
  get foreignIdentifierField(): string {
    return this.link.through?.target.field ?? this.otherKey;
  }

  #junctionModel(name: string, options: BelongsToManyOptions, paranoid: boolean | undefined): ModelClass {
    const relata = this.source.sequelize;
    if (relata.isDefined(name)) return relata.model(name) as unknown as ModelClass;
    const timestamps = options.timestamps ?? relata.options.define?.timestamps;
    // As in Sequelize, the junction inherits the source's naming: underscored keys and timestamps.
    const underscored = this.source.definition.underscored ? { underscored: true } : {};
    // Sequelize makes a junction paranoid only when `through.paranoid` says so, whatever `define.paranoid` is.
    return relata.define(name, {}, { tableName: name, ...underscored, paranoid: paranoid === true, ...(timestamps === undefined ? {} : { timestamps }) }) as unknown as ModelClass;
  }

  #entries(targets: unknown, accessor: string): { key: unknown; through: Record<string, unknown> | undefined }[] {
    return toArray(targets).map((t) => {
      // Beyond Sequelize: per-link junction values as { target, through }.
      if (isPlainObject(t) && 'target' in t) {
        return { key: savedKeyOf(this.target, t['target'], this.targetKey, `${this.source.name}.${this.accessors[accessor]}`), through: t['through'] as Record<string, unknown> | undefined };
      }
      // Sequelize reads junction values set on the target under the junction model's name
      // (`project.UserProjects = { status }`); a loaded junction instance there is not such values.
      const onTarget = isPlainObject(t) || t === null || typeof t !== 'object' ? undefined : (t as Record<string, unknown>)[this.through.model.name];
      const through = isPlainObject(onTarget) ? onTarget : undefined;
      return { key: savedKeyOf(this.target, t, this.targetKey, `${this.source.name}.${this.accessors[accessor]}`), through };
    });
  }

  /** The associated targets, each with its junction row under the junction model's name. */
  async get(instance: Model, options: AccessorFindOptions = {}): Promise<Model[]> {
    const key = instance.get(this.sourceKey);
    if (key === null || key === undefined) return [];
    // The getter reads only where and paranoid from `through` (Sequelize ignores its attributes there).
    const { through, ...rest } = options;
    const own = through === undefined ? rest : { ...rest, through: { ...(through.where === undefined ? {} : { where: through.where }), ...(through.paranoid === undefined ? {} : { paranoid: through.paranoid }) } };
    return lazyLoad(this, instance, own, async () => (await queryThrough(this, [key], own as never)).map((r) => r.target));
  }

  /** How many targets are associated. */
  async count(instance: Model, options: AccessorFindOptions = {}): Promise<number> {
    const { limit: _l, offset: _o, order: _or, ...rest } = options;
    return (await this.get(instance, { ...rest, attributes: [this.targetKey], joinTableAttributes: [] })).length;
  }

  /** True when every given target is associated. */
  async has(instance: Model, targets: unknown, options: AccessorFindOptions = {}): Promise<boolean> {
    const keys = uniqueKeys(this.#entries(targets, 'hasAll').map((e) => e.key));
    if (keys.length === 0) return true;
    const where = { [this.targetKey]: { [Op.in]: keys } };
    const found = await this.get(instance, { ...options, where: options.where === undefined ? where : { [Op.and]: [options.where, where] }, attributes: [this.targetKey], joinTableAttributes: [] });
    return uniqueKeys(found.map((f) => f.get(this.targetKey))).length === keys.length;
  }

  /** Makes exactly these targets associated, with optional junction values. Atomic. */
  async set(instance: Model, targets: unknown, options: AccessorWriteOptions = {}): Promise<Model> {
    const entries = this.#entries(targets, 'set');
    await this.#write(instance, 'set', options, async (junction, current, transaction) => {
      const wanted = new Set(entries.map((e) => normalizeKey(e.key)));
      const obsolete = [...current.keys()].filter((k) => !wanted.has(k)).map((k) => current.get(k)?.get(this.otherKey));
      if (obsolete.length > 0) {
        await junction.destroy({ where: { [Op.and]: [{ [this.foreignKey]: instance.get(this.sourceKey) }, { [this.otherKey]: { [Op.in]: obsolete } }, this.through.scope ?? {}] }, transaction, ...logging(options) } as never);
      }
      await this.#link(instance, entries, current, options, transaction);
    });
    return instance;
  }

  /**
   * Associates the given targets; existing links get the junction values when given. Resolves as
   * Sequelize's does: the created junction rows, else `[1]` when an existing link changed, else undefined.
   */
  async add(instance: Model, targets: unknown, options: AccessorWriteOptions = {}): Promise<Model[] | number[] | undefined> {
    const entries = this.#entries(targets, 'add');
    if (entries.length === 0) return undefined;
    let result: Model[] | number[] | undefined;
    await this.#write(instance, 'add', options, async (_junction, current, transaction) => {
      result = await this.#link(instance, entries, current, options, transaction);
    }, entries.map((e) => e.key));
    return result;
  }

  /** Removes the links to the given targets. */
  async remove(instance: Model, targets: unknown, options: AccessorWriteOptions = {}): Promise<Model> {
    const keys = uniqueKeys(this.#entries(targets, 'remove').map((e) => e.key));
    if (keys.length === 0) return instance;
    await withSourceLock(this.source, this.sourceKey, instance, options, `${this.source.name}.${this.accessors['remove']}`, (scope) =>
      this.through.model.destroy({
        where: { [Op.and]: [{ [this.foreignKey]: instance.get(this.sourceKey) }, { [this.otherKey]: { [Op.in]: keys } }, this.through.scope ?? {}] },
        ...scope, ...logging(options),
      } as never),
    );
    return instance;
  }

  /** Creates a target and links it, with junction values from `options.through`. Atomic. */
  async create(instance: Model, values: Record<string, unknown> = {}, options: AccessorWriteOptions = {}): Promise<Model> {
    return this.source.sequelize.transaction(transactionOptions(options), async (transaction) => {
      const created = (await this.target.create({ ...values, ...(this.scope ?? {}) } as never, internalOptions({ ...withFields(options, Object.keys(this.scope ?? {})), transaction }) as never)) as Model;
      await this.add(instance, created, { ...options, transaction });
      return created;
    });
  }

  async #write(
    instance: Model,
    accessor: 'set' | 'add',
    options: AccessorWriteOptions,
    fn: (junction: ModelClass, current: Map<unknown, Model>, transaction: never) => Promise<void>,
    onlyKeys?: readonly unknown[],
  ): Promise<void> {
    const junction = this.through.model;
    await this.source.sequelize.transaction(lockedTransactionOptions(this.source, options), async (transaction) => {
      await lockSourceRow(this.source, this.sourceKey, instance, transaction, `${this.source.name}.${this.accessors[accessor]}`);
      const where: unknown[] = [{ [this.foreignKey]: instance.get(this.sourceKey) }, this.through.scope ?? {}];
      if (onlyKeys) where.push({ [this.otherKey]: { [Op.in]: uniqueKeys(onlyKeys) } });
      const rows = (await junction.findAll({ where: { [Op.and]: where }, transaction, ...logging(options) } as never)) as unknown as Model[];
      const current = new Map(rows.map((r) => [normalizeKey(r.get(this.otherKey)), r]));
      await fn(junction, current, transaction as never);
    });
  }

  /** Writes the missing links and the changed junction values; the created rows, else `[1]` when a link changed. */
  async #link(instance: Model, entries: { key: unknown; through: Record<string, unknown> | undefined }[], current: Map<unknown, Model>, options: AccessorWriteOptions, transaction: never): Promise<Model[] | number[] | undefined> {
    const junction = this.through.model;
    const created: Record<string, unknown>[] = [];
    let updated = false;
    const seen = new Set<unknown>();
    for (const entry of entries) {
      const k = normalizeKey(entry.key);
      if (seen.has(k)) continue;
      seen.add(k);
      // The target's own junction values win over the call's `through` (Sequelize spreads them last).
      const values = entry.through === undefined ? options.through : { ...(options.through ?? {}), ...entry.through };
      const existing = current.get(k);
      if (!existing) {
        created.push({ ...(values ?? {}), ...(this.through.scope ?? {}), [this.foreignKey]: instance.get(this.sourceKey), [this.otherKey]: entry.key });
      } else if (values && Object.keys(values).length > 0) {
        existing.set(values);
        if (existing.changed()) {
          await existing.save({ transaction, ...logging(options) } as never);
          updated = true;
        }
      }
    }
    if (created.length > 0) return (await junction.bulkCreate(created as never, { validate: true, transaction, ...logging(options) } as never)) as unknown as Model[];
    return updated ? [1] : undefined;
  }

  /** @internal */
  async loadInto(instances: readonly Model[], options: AccessorFindOptions): Promise<void> {
    const { parent } = this.link;
    const keys = uniqueKeys(instances.map((i) => i.get(parent.attribute)));
    const rows: { target: Model; sourceKey: unknown }[] = [];
    for (const chunk of keyChunks(keys, this.source.sequelize)) appendAll(rows, await queryThrough(this, chunk, options as never));
    const grouped = groupBy(rows, (r) => r.sourceKey);
    for (const instance of instances) instance.dataValues[this.as] = (grouped.get(normalizeKey(instance.get(parent.attribute))) ?? []).map((r) => r.target);
  }
}

function logging(options: AccessorWriteOptions): { logging?: AccessorWriteOptions['logging'] } {
  return options.logging === undefined ? {} : { logging: options.logging };
}

/**
 * Targets joined to their junction rows for the given source keys, in one statement (see
 * planThrough), for the accessors (`getGroups`) and the lazy batch loader.
 */
async function queryThrough(association: BelongsToManyAssociation, sourceKeys: readonly unknown[], given: ThroughFindOptions & { scope?: AccessorFindOptions['scope'] }): Promise<ThroughRow[]> {
  // The target's default scope applies (a named one with `scope: 'x'`, none with `scope: false`), as in its own finders.
  const { scope, ...rest } = given;
  const target = association.target as ModelClass;
  const options = withScope(scopedTarget(target, scope), rest);
  const loaded = await runThrough(planThrough(association, options), sourceKeys, options);
  // The targets' own includes (`getUsers({ include })`): loaded for all of them at once, as a find does.
  const nested = options.include === undefined ? [] : normalizeIncludes(target as never, options.include);
  if (nested.length > 0) await loadIncludes(loaded.map((r) => r.target), nested, options);
  return loaded;
}

