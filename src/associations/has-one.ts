import inflection from 'inflection';
import { AssociationError } from '../errors/association-error.js';
import type { Model } from '../model/model.js';
import { internalOptions } from '../model/option-list.js';
import type { Transaction } from '../transactions/transaction.js';
import { Op } from '../query/operators.js';
import { Association, camelize, type AccessorFindOptions, type AccessorWriteOptions, type AssociationOptions, type ModelClass } from './association.js';
import { installCascade } from './cascade.js';
import { injectTargetForeignKey } from './foreign-keys.js';
import { keyChunks, keyOf, normalizeKey, uniqueKeys, withFields } from './instances.js';
import { lazyLoad } from './lazy-batch.js';
import { linkKey, type AssociationLink } from '../query/include/link.js';
import { findOptionsFor, getForMany, linkKeys, scopedTarget } from './load-options.js';
import { requireSavedSource } from './source-lock.js';

/** Options for `hasOne` and `hasMany`. */
export interface HasOptions extends AssociationOptions {
  /** The source attribute the target's foreign key references (default: its primary key). */
  sourceKey?: string;
}

/**
 * The target holds a foreign key to the source, at most one target per source
 * (`User.hasOne(Profile)` adds `Profile.UserId`). Accessors: `getProfile`, `setProfile`, `createProfile`.
 *
 * @example
 * User.hasOne(Profile, { foreignKey: 'userId', as: 'profile' })
 * await user.getProfile() // SELECT … FROM "Profiles" AS "Profile" WHERE "Profile"."userId" = $1 LIMIT $2
 */
export class HasOneAssociation extends Association {
  readonly associationType = 'HasOne' as const;
  readonly sourceKey: string;

  constructor(source: ModelClass, target: ModelClass, options: HasOptions) {
    super(source, target, options, false);
    // Sequelize derives hasOne's key from the alias when there is one (`as: 'profile'` → profileId).
    const defaultName = camelize(`${inflection.singularize(typeof options.as === 'string' ? options.as : source.name)}_${source.primaryKeyAttribute}`);
    const keys = injectTargetForeignKey('hasOne', source, target, this.as, options, defaultName);
    this.sourceKey = keys.sourceKey;
    this.foreignKey = keys.foreignKey;
    this.accessors = this.singleAccessors();
    // Sequelize's hasOne defaults onDelete on the association itself (CASCADE for a NOT NULL key), so hooks: true cascades then too.
    installCascade(this, options.onDelete ?? (options.constraints === false ? undefined : target.definition.attributes.get(this.foreignKey)?.onDelete));
  }

  /** @internal */
  protected describeLink(): AssociationLink {
    return { parent: linkKey(this.source.definition, this.sourceKey), child: linkKey(this.target.definition, this.foreignKey), through: undefined };
  }

  /** The associated instance, or null. */
  async get(instance: Model, options?: AccessorFindOptions): Promise<Model | null>;
  async get(instances: readonly Model[], options?: AccessorFindOptions): Promise<Record<string, Model | null>>;
  async get(instance: Model | readonly Model[], options: AccessorFindOptions = {}): Promise<Model | null | Record<string, Model | null>> {
    if (Array.isArray(instance)) {
      return getForMany(this.target, instance, options, linkKeys(this.link), false, this.scope) as Promise<Record<string, Model | null>>;
    }
    instance = instance as Model;
    const key = instance.get(this.sourceKey);
    if (key === null || key === undefined) return null;
    return lazyLoad(this, instance, options, async () => (await scopedTarget(this.target, options.scope).findOne(findOptionsFor(this.target, options, { [this.foreignKey]: key }, this.scope))) as Model | null);
  }

  /** Makes `associated` (instance or key) the one target, unlinking the previous one. Atomic. */
  async set(instance: Model, associated: unknown, options: AccessorWriteOptions = {}): Promise<Model | null> {
    const relata = this.source.sequelize;
    requireSavedSource(this.source, this.sourceKey, instance, `${this.source.name}.${this.accessors['set']}`);
    const key = instance.get(this.sourceKey);
    const targetPk = this.target.primaryKeyAttribute ?? 'id';
    return relata.transaction(transactionOptions(options), async (transaction) => {
      const opts = { ...options, transaction };
      // Unscoped, as in Sequelize: a target the default scope hides is still the linked one.
      const old = key === null || key === undefined ? null : ((await this.target.unscoped().findOne(findOptionsFor(this.target, { transaction }, { [this.foreignKey]: key }, this.scope))) as Model | null);
      const newKey = associated === null || associated === undefined ? undefined : keyOf(this.target, associated, targetPk, `${this.source.name}.${this.accessors['set']}`);
      if (old && normalizeKey(old.get(targetPk)) !== normalizeKey(newKey)) {
        old.set(this.foreignKey, null);
        await old.save(internalOptions({ ...opts, fields: [this.foreignKey] }) as never);
      }
      if (associated === null || associated === undefined) return null;
      const target = typeof associated === 'object' ? (associated as Model) : ((await this.target.unscoped().findByPk(newKey, { transaction })) as Model | null);
      if (!target) throw new AssociationError(`${this.source.name}.${this.accessors['set']}: no ${this.target.name} with ${targetPk} ${String(newKey)}`);
      target.set(this.foreignKey, key);
      for (const [k, v] of Object.entries(this.scope ?? {})) target.set(k, v);
      await target.save(internalOptions({ ...opts }) as never);
      return target;
    });
  }

  /** Creates the target linked to this instance. */
  async create(instance: Model, values: Record<string, unknown> = {}, options: AccessorWriteOptions = {}): Promise<Model> {
    requireSavedSource(this.source, this.sourceKey, instance, `${this.source.name}.${this.accessors['create']}`);
    const keys = [this.foreignKey, ...Object.keys(this.scope ?? {})];
    return (await this.target.create({ ...values, ...(this.scope ?? {}), [this.foreignKey]: instance.get(this.sourceKey) } as never, internalOptions(withFields(options, keys)) as never)) as Model;
  }

  /** @internal */
  async loadInto(instances: readonly Model[], options: AccessorFindOptions): Promise<void> {
    const { parent, child } = this.link;
    const keys = uniqueKeys(instances.map((i) => i.get(parent.attribute)));
    const byKey = new Map<unknown, Model>();
    for (const chunk of keyChunks(keys, this.source.sequelize)) {
      const rows = (await scopedTarget(this.target, options.scope).findAll(findOptionsFor(this.target, options, { [child.attribute]: { [Op.in]: chunk } }, this.scope))) as Model[];
      for (const row of rows) if (!byKey.has(normalizeKey(row.get(child.attribute)))) byKey.set(normalizeKey(row.get(child.attribute)), row);
    }
    for (const instance of instances) instance.dataValues[this.as] = byKey.get(normalizeKey(instance.get(parent.attribute))) ?? null;
  }
}

/** A write accessor's own transaction nests in the caller's (or the active) one. @internal */
export function transactionOptions(options: AccessorWriteOptions): { transaction?: Transaction | null } {
  return options.transaction === undefined ? {} : { transaction: options.transaction };
}
