import { AssociationError } from '../errors/association-error.js';
import type { Model } from '../model/model.js';
import { Op } from '../query/operators.js';
import type { CountOptions } from '../query/query-options.js';
import { Association, camelize, type AccessorFindOptions, type AccessorWriteOptions, type ModelClass } from './association.js';
import { installCascade } from './cascade.js';
import { injectTargetForeignKey } from './foreign-keys.js';
import type { HasOptions } from './has-one.js';
import { transactionOptions } from './has-one.js';
import { appendAll, keyChunks, groupBy, normalizeKey, savedKeyOf, toArray, uniqueKeys, withFields } from './instances.js';
import { lazyLoad } from './lazy-batch.js';
import { linkKey, type AssociationLink } from '../query/include/link.js';
import { loadByCondition } from '../model/on-query.js';
import type { NormalizedInclude } from '../query/include/normalize.js';
import type { FindOptions } from '../query/query-options.js';
import { findOptionsFor, getForMany, linkKeys, scopedTarget } from './load-options.js';
import { lockedTransactionOptions, lockSourceRow, requireSavedSource, withSourceLock } from './source-lock.js';

/**
 * The target holds a foreign key to the source, many targets per source
 * (`User.hasMany(Post)` adds `Post.UserId`). Accessors: getPosts, countPosts, hasPost(s),
 * setPosts, addPost(s), removePost(s), createPost.
 *
 * @example
 * User.hasMany(Post, { as: 'posts', foreignKey: 'userId' })
 * await user.getPosts({ where: { published: true }, order: [['id', 'DESC']] })
 * // SELECT … FROM "Posts" AS "Post" WHERE ("Post"."userId" = $1 AND "Post"."published" = $2) ORDER BY "Post"."id" DESC
 */
export class HasManyAssociation extends Association {
  readonly associationType = 'HasMany' as const;
  readonly sourceKey: string;

  constructor(source: ModelClass, target: ModelClass, options: HasOptions) {
    super(source, target, options, true);
    const keys = injectTargetForeignKey('hasMany', source, target, this.as, options, camelize(`${source.definition.name.singular}_${source.primaryKeyAttribute}`));
    this.sourceKey = keys.sourceKey;
    this.foreignKey = keys.foreignKey;
    this.accessors = this.multiAccessors();
    installCascade(this);
  }

  /** @internal */
  protected describeLink(): AssociationLink {
    return { parent: linkKey(this.source.definition, this.sourceKey), child: linkKey(this.target.definition, this.foreignKey), through: undefined };
  }

  #targetPk(): string {
    const pk = this.target.primaryKeyAttribute;
    if (pk === undefined) throw new AssociationError(`${this.source.name}.${this.as}: ${this.target.name} needs a primary key for this accessor`);
    return pk;
  }

  #keys(targets: unknown, accessor: string): unknown[] {
    return toArray(targets).map((t) => savedKeyOf(this.target, t, this.#targetPk(), `${this.source.name}.${this.accessors[accessor]}`));
  }

  /** The associated instances. */
  async get(instance: Model, options?: AccessorFindOptions): Promise<Model[]>;
  async get(instances: readonly Model[], options?: AccessorFindOptions): Promise<Record<string, Model[]>>;
  async get(instance: Model | readonly Model[], options: AccessorFindOptions = {}): Promise<Model[] | Record<string, Model[]>> {
    if (Array.isArray(instance)) {
      return getForMany(this.target, instance, options, linkKeys(this.link), true, this.scope) as Promise<Record<string, Model[]>>;
    }
    instance = instance as Model;
    const key = instance.get(this.sourceKey);
    if (key === null || key === undefined) return [];
    return lazyLoad(this, instance, options, async () => (await scopedTarget(this.target, options.scope).findAll(findOptionsFor(this.target, options, { [this.foreignKey]: key }, this.scope))) as Model[]);
  }

  /** How many targets are associated. */
  async count(instance: Model, options: AccessorFindOptions = {}): Promise<number> {
    const key = instance.get(this.sourceKey);
    if (key === null || key === undefined) return 0;
    const { limit: _l, offset: _o, order: _or, ...rest } = options;
    const counted: unknown = await scopedTarget(this.target, options.scope).count(findOptionsFor(this.target, rest, { [this.foreignKey]: key }, this.scope) as CountOptions & { group?: undefined });
    // Sequelize's countX is one number even with `group`: the first group's count.
    if (Array.isArray(counted)) return Number((counted[0] as { count?: unknown } | undefined)?.count ?? 0);
    return counted as number;
  }

  /** True when every given target (instance or key) is associated. */
  async has(instance: Model, targets: unknown, options: AccessorFindOptions = {}): Promise<boolean> {
    const keys = uniqueKeys(this.#keys(targets, 'hasAll'));
    if (keys.length === 0) return true;
    const found = await this.count(instance, { ...options, where: options.where === undefined ? { [this.#targetPk()]: { [Op.in]: keys } } : { [Op.and]: [options.where, { [this.#targetPk()]: { [Op.in]: keys } }] } });
    return found === keys.length;
  }

  /** Makes exactly these targets associated: others lose the foreign key (set to null). Atomic. */
  async set(instance: Model, targets: unknown, options: AccessorWriteOptions = {}): Promise<Model> {
    const keys = uniqueKeys(this.#keys(targets, 'set'));
    const pk = this.#targetPk();
    const sourceKey = instance.get(this.sourceKey);
    await this.source.sequelize.transaction(lockedTransactionOptions(this.source, options), async (transaction) => {
      await lockSourceRow(this.source, this.sourceKey, instance, transaction, `${this.source.name}.${this.accessors['set']}`);
      // Unscoped, as in Sequelize: targets the default scope hides are unlinked too.
      const current = (await this.target.unscoped().findAll({ where: { [Op.and]: [{ [this.foreignKey]: sourceKey }, this.scope ?? {}] }, attributes: [pk], transaction, raw: true, ...logging(options) } as never)) as unknown as Record<string, unknown>[];
      const wanted = new Set(keys.map(normalizeKey));
      const obsolete = current.map((r) => r[pk]).filter((k) => !wanted.has(normalizeKey(k)));
      if (obsolete.length > 0) {
// Unscoped, as Sequelize's hasMany writes: update() would join the target's scope to the where.
        await this.target.unscoped().update({ [this.foreignKey]: null } as never, { where: { [Op.and]: [{ [pk]: { [Op.in]: obsolete } }, { [this.foreignKey]: sourceKey }] }, transaction, ...logging(options) } as never);
      }
      const existing = new Set(current.map((r) => normalizeKey(r[pk])));
      const added = keys.filter((k) => !existing.has(normalizeKey(k)));
      if (added.length > 0) {
        const [linked] = (await this.target.unscoped().update({ ...(this.scope ?? {}), [this.foreignKey]: sourceKey } as never, { where: { [pk]: { [Op.in]: added } }, transaction, ...logging(options) } as never)) as unknown as [number];
        if (linked < added.length) await this.#missing('set', added, { transaction });
      }
    });
    return instance;
  }

  /** Associates the given targets (sets their foreign key). */
  async add(instance: Model, targets: unknown, options: AccessorWriteOptions = {}): Promise<Model> {
    const keys = uniqueKeys(this.#keys(targets, 'add'));
    if (keys.length === 0) return instance;
    await withSourceLock(this.source, this.sourceKey, instance, options, `${this.source.name}.${this.accessors['add']}`, async (scope) => {
      const [linked] = (await this.target.unscoped().update({ ...(this.scope ?? {}), [this.foreignKey]: instance.get(this.sourceKey) } as never, {
        where: { [this.#targetPk()]: { [Op.in]: keys } }, ...scope, ...logging(options),
      } as never)) as unknown as [number];
      if (linked < keys.length) await this.#missing('add', keys, scope);
    });
    for (const t of toArray(targets)) if (t instanceof this.target) (t as Model).set(this.foreignKey, instance.get(this.sourceKey), { raw: true });
    return instance;
  }

  /** Dissociates the given targets (their foreign key becomes null). */
  async remove(instance: Model, targets: unknown, options: AccessorWriteOptions = {}): Promise<Model> {
    const keys = uniqueKeys(this.#keys(targets, 'remove'));
    if (keys.length === 0) return instance;
    await withSourceLock(this.source, this.sourceKey, instance, options, `${this.source.name}.${this.accessors['remove']}`, (scope) =>
      this.target.unscoped().update({ [this.foreignKey]: null } as never, {
        where: { [Op.and]: [{ [this.#targetPk()]: { [Op.in]: keys } }, { [this.foreignKey]: instance.get(this.sourceKey) }] }, ...scope, ...logging(options),
      } as never),
    );
    return instance;
  }

  /** Creates a target linked to this instance. */
  async create(instance: Model, values: Record<string, unknown> = {}, options: AccessorWriteOptions = {}): Promise<Model> {
    requireSavedSource(this.source, this.sourceKey, instance, `${this.source.name}.${this.accessors['create']}`);
    const keys = [this.foreignKey, ...Object.keys(this.scope ?? {})];
    return (await this.target.create({ ...values, ...(this.scope ?? {}), [this.foreignKey]: instance.get(this.sourceKey) } as never, withFields(options, keys) as never)) as Model;
  }

  /** Names the keys that matched no target (the write is rolled back by the throw). */
  async #missing(accessor: 'add' | 'set', keys: readonly unknown[], scope: { transaction?: unknown }): Promise<never> {
    const pk = this.#targetPk();
    const found = (await this.target.unscoped().findAll({ where: { [pk]: { [Op.in]: keys } }, attributes: [pk], raw: true, ...scope } as never)) as unknown as Record<string, unknown>[];
    const present = new Set(found.map((r) => normalizeKey(r[pk])));
    const missing = keys.filter((k) => !present.has(normalizeKey(k)));
    throw new AssociationError(`${this.source.name}.${this.accessors[accessor]}: no ${this.target.name} with ${pk} ${missing.map(String).join(', ')}; nothing was linked`);
  }

  /** A `hasMany` include with `on`: its rows joined to the parents by that condition. @internal */
  async loadOn(instances: readonly Model[], include: NormalizedInclude, options: FindOptions): Promise<void> {
    await loadByCondition(instances, include, options);
  }

  /** @internal */
  async loadInto(instances: readonly Model[], options: AccessorFindOptions): Promise<void> {
    const { parent, child } = this.link;
    const keys = uniqueKeys(instances.map((i) => i.get(parent.attribute)));
    const rows: Model[] = [];
    for (const chunk of keyChunks(keys, this.source.sequelize)) {
      const find = { ...findOptionsFor(this.target, options, { [child.attribute]: { [Op.in]: chunk } }, this.scope), limitPer: child.attribute };
      appendAll(rows, (await scopedTarget(this.target, options.scope).findAll(find)) as Model[]);
    }
    const grouped = groupBy(rows, (r) => r.get(child.attribute));
    for (const instance of instances) instance.dataValues[this.as] = grouped.get(normalizeKey(instance.get(parent.attribute))) ?? [];
  }
}

function logging(options: AccessorWriteOptions): { logging?: AccessorWriteOptions['logging'] } {
  return options.logging === undefined ? {} : { logging: options.logging };
}
