import inflection from 'inflection';
import { AssociationError } from '../errors/association-error.js';
import type { Model, ModelStatic } from '../model/model.js';
import type { AttributeOptions, ReferentialAction } from '../metadata/model-options.js';
import type { FindOptions } from '../query/query-options.js';
import type { AssociationLink } from '../query/include/link.js';
import { definitionEpoch } from '../metadata/model-definition.js';
import type { Transaction } from '../transactions/transaction.js';

/** A model class, as associations see it. @internal */
export type ModelClass = typeof Model;

/** The four association kinds. */
export type AssociationType = 'BelongsTo' | 'HasOne' | 'HasMany' | 'BelongsToMany';

/** `as` as a string or `{ singular, plural }`. */
export type AliasOption = string | { singular: string; plural: string };

/** A foreign key given as a name or as an attribute definition with a `name`. */
export type ForeignKeyOption = string | (Partial<AttributeOptions> & { name?: string; fieldName?: string });

/**
 * Options shared by every association kind, with Sequelize's names.
 *
 * @example
 * User.hasMany(Post, { foreignKey: 'authorId', as: 'articles', onDelete: 'CASCADE', hooks: true })
 */
export interface AssociationOptions {
  as?: AliasOption;
  foreignKey?: ForeignKeyOption;
  onDelete?: ReferentialAction;
  onUpdate?: ReferentialAction;
  /** `false` writes no foreign key constraint into the database. */
  constraints?: boolean;
  /** Cascade deletes through the ORM, running the children's destroy hooks. */
  hooks?: boolean;
  /** Values the target must have (polymorphic associations). */
  scope?: Record<string, unknown>;
  /** Explicit type for the foreign key attribute. */
  keyType?: unknown;
}

/** Junction attributes: these names, or all of them with `include` added and `exclude` left out. */
export type JoinTableAttributes = readonly string[] | { include?: readonly string[]; exclude?: readonly string[] };

/** Options for accessors that read (get, count, has). */
export interface AccessorFindOptions<TAttributes = Record<string, unknown>> extends Omit<FindOptions<TAttributes>, 'include'> {
  /** A named scope of the target, or false for no scope. */
  scope?: string | boolean | null;
  /** Junction attributes to load (belongsToMany): a list, or `{ include, exclude }` from all of them, as in Sequelize. */
  joinTableAttributes?: JoinTableAttributes;
  through?: { where?: unknown; attributes?: readonly string[]; paranoid?: boolean };
  include?: unknown;
}

/** Options for accessors that write. */
export interface AccessorWriteOptions {
  transaction?: Transaction | null;
  logging?: FindOptions['logging'];
  /** Junction values for belongsToMany add/set/create. */
  through?: Record<string, unknown>;
  fields?: readonly string[];
  save?: boolean;
  hooks?: boolean;
  validate?: boolean;
}

/**
 * The base every association kind extends: names, keys, alias, and the accessor names derived
 * from them in one place.
 */
// The type parameters are Sequelize's (`Association<User, Project>` in `declare static associations`);
// they only name the two model types.
 
export abstract class Association<S extends Model = Model, T extends Model = Model> {
  abstract readonly associationType: AssociationType;
  readonly source: ModelClass & ModelStatic<S>;
  readonly target: ModelClass & ModelStatic<T>;
  readonly options: Readonly<AssociationOptions>;
  /** The alias (`posts`, `author`). */
  readonly as: string;
  readonly isAliased: boolean;
  readonly name: { readonly singular: string; readonly plural: string };
  /** The foreign key attribute name. */
  foreignKey = '';
  /** Accessor method names by role (get, set, add, …). */
  accessors: Record<string, string> = {};
  readonly scope: Readonly<Record<string, unknown>> | undefined;
  #link: { readonly epoch: number; readonly link: AssociationLink } | undefined;

  constructor(source: ModelClass, target: ModelClass, options: AssociationOptions, plural: boolean) {
    // The model type parameters only name what these classes are (`Association<User, Project>`).
    this.source = source as ModelClass & ModelStatic<S>;
    this.target = target as ModelClass & ModelStatic<T>;
    this.options = options;
    this.scope = options.scope;
    const as = options.as;
    const targetName = target.definition.name;
    if (as === undefined) {
      this.isAliased = false;
      this.as = plural ? targetName.plural : targetName.singular;
      this.name = targetName;
    } else if (typeof as === 'string') {
      this.isAliased = true;
      this.as = as;
      this.name = plural ? { plural: as, singular: inflection.singularize(as) } : { singular: as, plural: inflection.pluralize(as) };
    } else if (typeof as === 'object' && typeof as.singular === 'string' && typeof as.plural === 'string') {
      this.isAliased = true;
      this.as = plural ? as.plural : as.singular;
      this.name = { singular: as.singular, plural: as.plural };
    } else {
      throw new AssociationError(`${source.name} → ${target.name}: "as" must be a string or { singular, plural }, got ${JSON.stringify(as)}`);
    }
  }

  /**
   * How this association ties parent rows to children: its keys and their columns, and the
   * junction's two keys for belongsToMany. Resolved when first read and again after a model
   * definition changed (a reverse belongsToMany may rename the keys when it pairs).
   */
  get link(): AssociationLink {
    const epoch = definitionEpoch();
    if (this.#link?.epoch !== epoch) this.#link = { epoch, link: this.describeLink() };
    return this.#link.link;
  }

  /** The link from this association's current keys. @internal */
  protected abstract describeLink(): AssociationLink;

  /** True for belongsTo and hasOne. */
  get isSingleAssociation(): boolean {
    return this.associationType === 'BelongsTo' || this.associationType === 'HasOne';
  }

  /** True for hasMany and belongsToMany. */
  get isMultiAssociation(): boolean {
    return !this.isSingleAssociation;
  }

  /** Sequelize's name for the alias. */
  get associationAccessor(): string {
    return this.as;
  }

  /** The foreign key's column: on the source for belongsTo, the junction for belongsToMany, else the target. */
  get identifierField(): string {
    const link = this.link;
    return (this.associationType === 'BelongsTo' ? link.parent : (link.through?.source ?? link.child)).field;
  }

  /** The accessor names for a to-one association. @internal */
  protected singleAccessors(): Record<string, string> {
    const singular = upperFirst(this.name.singular);
    return { get: `get${singular}`, set: `set${singular}`, create: `create${singular}` };
  }

  /** The accessor names for a to-many association. @internal */
  protected multiAccessors(): Record<string, string> {
    const plural = upperFirst(this.name.plural);
    const singular = upperFirst(this.name.singular);
    return {
      get: `get${plural}`, set: `set${plural}`, addMultiple: `add${plural}`, add: `add${singular}`, create: `create${singular}`,
      remove: `remove${singular}`, removeMultiple: `remove${plural}`, hasSingle: `has${singular}`, hasAll: `has${plural}`, count: `count${plural}`,
    };
  }

  /**
   * Loads this association for a set of instances in one query per chunk, setting each
   * instance's value under the alias, through the target's finder (its scope and find hooks
   * apply): for `separate: true` includes and the lazy batch loader. Other batched includes are
   * loaded from their planned queries (include-loader.ts).
   * @internal
   */
  abstract loadInto(instances: readonly Model[], options: AccessorFindOptions): Promise<void>;
}

/** Uppercases the first letter, as accessor names need. @internal */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Sequelize's camelize: `User_id` → `UserId`. @internal */
export function camelize(s: string): string {
  return s.trim().replace(/[-_\s]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
}
