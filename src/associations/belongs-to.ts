import { AssociationError } from '../errors/association-error.js';
import type { Model } from '../model/model.js';
import { internalOptions } from '../model/option-list.js';
import { Op } from '../query/operators.js';
import { Association, camelize, type AccessorFindOptions, type AccessorWriteOptions, type AssociationOptions, type ModelClass } from './association.js';
import { foreignKeyOption, injectForeignKey } from './foreign-keys.js';
import { transactionOptions } from './has-one.js';
import { keyChunks, normalizeKey, savedKeyOf, uniqueKeys } from './instances.js';
import { lazyLoad } from './lazy-batch.js';
import { findOptionsFor, getForMany, linkKeys, scopedTarget } from './load-options.js';
import { linkKey, type AssociationLink } from '../query/include/link.js';

/** Options for `belongsTo`. */
export interface BelongsToOptions extends AssociationOptions {
  /** The target attribute the foreign key references (default: its primary key). */
  targetKey?: string;
}

/**
 * The source holds a foreign key to one target (`Post.belongsTo(User)` adds `Post.UserId`).
 * Accessors: `getUser`, `setUser`, `createUser`.
 *
 * @example
 * Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' })
 * await post.getAuthor() // SELECT … FROM "Users" AS "User" WHERE "User"."id" = $1 LIMIT $2
 */
export class BelongsToAssociation extends Association {
  readonly associationType = 'BelongsTo' as const;
  readonly targetKey: string;

  constructor(source: ModelClass, target: ModelClass, options: BelongsToOptions) {
    super(source, target, options, false);
    const fk = foreignKeyOption(options.foreignKey, options.keyType);
    const targetPk = target.primaryKeyAttribute;
    this.targetKey = options.targetKey ?? targetPk ?? 'id';
    const referenced = target.definition.attributes.get(this.targetKey);
    if (!referenced) {
      throw new AssociationError(`${source.name}.belongsTo(${target.name}): unknown targetKey "${this.targetKey}"; ${target.name} has ${target.definition.attributeNames.join(', ')}`);
    }
    this.foreignKey = fk.name ?? camelize(`${this.as}_${targetPk}`);
    this.accessors = this.singleAccessors();
    injectForeignKey({
      model: source,
      name: this.foreignKey,
      referenced,
      referencedModel: target,
      attribute: fk.attribute,
      constraints: options.constraints !== false,
      onDelete: (allowNull) => options.onDelete ?? (allowNull ? 'SET NULL' : 'NO ACTION'),
      onUpdate: options.onUpdate ?? 'CASCADE',
      description: `${source.name}.belongsTo(${target.name}, as ${this.as})`,
    });
  }

  /** Sequelize's name for the foreign key attribute (`association.identifier`; hasOne/hasMany have none). */
  get identifier(): string {
    return this.foreignKey;
  }

  /** @internal */
  protected describeLink(): AssociationLink {
    return { parent: linkKey(this.source.definition, this.foreignKey), child: linkKey(this.target.definition, this.targetKey), through: undefined };
  }

  /** The associated instance, or null. */
  async get(instance: Model, options?: AccessorFindOptions): Promise<Model | null>;
  async get(instances: readonly Model[], options?: AccessorFindOptions): Promise<Record<string, Model | null>>;
  async get(instance: Model | readonly Model[], options: AccessorFindOptions = {}): Promise<Model | null | Record<string, Model | null>> {
    if (Array.isArray(instance)) {
      return getForMany(this.target, instance, options, linkKeys(this.link), false) as Promise<Record<string, Model | null>>;
    }
    instance = instance as Model;
    const key = instance.get(this.foreignKey);
    if (key === null || key === undefined) return null;
    return lazyLoad(this, instance, options, async () => (await scopedTarget(this.target, options.scope).findOne(findOptionsFor(this.target, options, { [this.targetKey]: key }))) as Model | null);
  }

  /**
   * Points the foreign key at `associated` (instance or key; null clears it) and saves that key
   * only. Resolves to the saved source instance, as Sequelize does (undefined with `save: false`).
   */
  async set(instance: Model, associated: unknown, options: AccessorWriteOptions = {}): Promise<Model | undefined> {
    const value = associated === null || associated === undefined ? null : savedKeyOf(this.target, associated, this.targetKey, `${this.source.name}.${this.accessors['set']}`);
    instance.set(this.foreignKey, value);
    if (options.save === false) return undefined;
    return (await instance.save(internalOptions({ ...options, fields: [this.foreignKey] }) as never)) as Model;
  }

  /** Creates the target, then points the foreign key at it. Atomic. */
  async create(instance: Model, values: Record<string, unknown> = {}, options: AccessorWriteOptions = {}): Promise<Model> {
    return this.source.sequelize.transaction(transactionOptions(options), async (transaction) => {
      const created = (await this.target.create(values as never, internalOptions({ ...options, transaction }) as never)) as Model;
      await this.set(instance, created, { ...options, transaction });
      return created;
    });
  }

  /** @internal */
  async loadInto(instances: readonly Model[], options: AccessorFindOptions): Promise<void> {
    const { parent, child } = this.link;
    const keys = uniqueKeys(instances.map((i) => i.get(parent.attribute)));
    const byKey = new Map<unknown, Model>();
    for (const chunk of keyChunks(keys, this.source.sequelize)) {
      const rows = (await scopedTarget(this.target, options.scope).findAll(findOptionsFor(this.target, options, { [child.attribute]: { [Op.in]: chunk } }))) as Model[];
      for (const row of rows) byKey.set(normalizeKey(row.get(child.attribute)), row);
    }
    for (const instance of instances) instance.dataValues[this.as] = byKey.get(normalizeKey(instance.get(parent.attribute))) ?? null;
  }
}
