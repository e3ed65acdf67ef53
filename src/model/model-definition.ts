import inflection from 'inflection';
import type { AbstractDataType } from '../data-types/abstract.js';
import { DataTypes, normalizeDataType } from '../data-types/index.js';
import { InvalidOptionError } from '../errors/invalid-option-error.js';
import type { AttributeOptions, IndexOptions, ModelOptions, ReferentialAction } from './model-options.js';

/**
 * One attribute after normalization: every option resolved, the column name fixed.
 * @internal
 */
export interface NormalizedAttribute {
  readonly name: string;
  readonly field: string;
  readonly type: AbstractDataType;
  allowNull: boolean;
  readonly defaultValue: unknown;
  readonly hasDefault: boolean;
  primaryKey: boolean;
  autoIncrement: boolean;
  /** false, or the name of the unique constraint (true becomes a generated name). */
  unique: false | string;
  readonly comment: string | undefined;
  readonly get: ((this: unknown) => unknown) | undefined;
  readonly set: ((this: unknown, value: unknown) => void) | undefined;
  readonly validate: Readonly<Record<string, unknown>> | undefined;
  references: { model: string; key: string } | undefined;
  onDelete: ReferentialAction | undefined;
  onUpdate: ReferentialAction | undefined;
  readonly isVirtual: boolean;
  /** Set by associations: the attribute was added as a foreign key. */
  foreignKeyOf?: string;
  /** The definition as the user wrote it (Sequelize's rawAttributes view). */
  readonly raw: Readonly<AttributeOptions>;
}

/** Normalized index definition. @internal */
export interface NormalizedIndex {
  readonly name: string;
  readonly fields: readonly string[];
  readonly unique: boolean;
}

/** Which attributes play the timestamp roles; undefined when the role is off. @internal */
export interface TimestampAttributes {
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
  readonly deletedAt: string | undefined;
}

/**
 * Normalized metadata for one model: table, attributes, keys, timestamps, indexes, scopes.
 * Everything that builds queries reads this, never the raw options.
 * @internal
 */
export class ModelDefinition {
  readonly modelName: string;
  readonly tableName: string;
  readonly options: Readonly<ModelOptions>;
  readonly attributes = new Map<string, NormalizedAttribute>();
  readonly fieldToAttribute = new Map<string, NormalizedAttribute>();
  readonly timestamps: TimestampAttributes;
  readonly paranoid: boolean;
  readonly underscored: boolean;
  readonly indexes: NormalizedIndex[];
  readonly name: { readonly singular: string; readonly plural: string };
  #primaryKeys: string[] = [];
  #physical: NormalizedAttribute[] | undefined;

  constructor(modelName: string, attributes: Readonly<Record<string, unknown>>, options: Readonly<ModelOptions>) {
    this.modelName = modelName;
    this.options = options;
    this.underscored = options.underscored === true;
    this.tableName =
      options.tableName ??
      (options.freezeTableName ? modelName : underscoredIf(inflection.pluralize(modelName), this.underscored));
    this.name = {
      singular: options.name?.singular ?? inflection.singularize(modelName),
      plural: options.name?.plural ?? inflection.pluralize(modelName),
    };

    const given = Object.entries(attributes).map(([name, raw]) => [name, toAttributeOptions(modelName, name, raw)] as const);
    if (!given.some(([, a]) => a.primaryKey === true) && options.noPrimaryKey !== true) {
      this.addAttribute('id', { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, autoIncrement: true });
    }
    for (const [name, attr] of given) this.addAttribute(name, attr);

    const timestamps = options.timestamps !== false;
    const roleName = (role: 'createdAt' | 'updatedAt' | 'deletedAt', enabled: boolean): string | undefined => {
      const value = options[role];
      if (!enabled || value === false) return undefined;
      if (value !== undefined && (typeof value !== 'string' || value === '')) {
        throw InvalidOptionError.expected(modelName, `the ${role} option`, 'a non-empty string or false', value);
      }
      return value ?? role;
    };
    this.paranoid = options.paranoid === true && timestamps;
    this.timestamps = {
      createdAt: roleName('createdAt', timestamps),
      updatedAt: roleName('updatedAt', timestamps),
      deletedAt: roleName('deletedAt', this.paranoid),
    };
    if (this.paranoid && this.timestamps.deletedAt === undefined) this.paranoid = false as never;
    for (const role of ['createdAt', 'updatedAt', 'deletedAt'] as const) {
      const name = this.timestamps[role];
      if (name === undefined || this.attributes.has(name)) continue;
      this.addAttribute(name, { type: DataTypes.DATE, allowNull: role === 'deletedAt' });
    }
    this.indexes = (options.indexes ?? []).map((index) => this.normalizeIndex(index));
  }

  /** Adds (or replaces) an attribute. Used at init and by associations adding foreign keys. */
  addAttribute(name: string, raw: AttributeOptions): NormalizedAttribute {
    const where = `${this.modelName}.${name}`;
    const type = normalizeDataType(raw.type, where);
    const field = raw.field ?? underscoredIf(name, this.underscored);
    const unique = raw.unique;
    const attr: NormalizedAttribute = {
      name,
      field,
      type,
      allowNull: raw.allowNull ?? !(raw.primaryKey === true),
      defaultValue: raw.defaultValue,
      hasDefault: Object.prototype.hasOwnProperty.call(raw, 'defaultValue') && raw.defaultValue !== undefined,
      primaryKey: raw.primaryKey === true,
      autoIncrement: raw.autoIncrement === true,
      unique:
        unique === true
          ? `${this.tableName}_${field}_unique`
          : typeof unique === 'string'
            ? unique
            : typeof unique === 'object' && unique !== null
              ? (unique.name ?? `${this.tableName}_${field}_unique`)
              : false,
      comment: raw.comment,
      get: raw.get as NormalizedAttribute['get'],
      set: raw.set as NormalizedAttribute['set'],
      validate: raw.validate,
      references: raw.references === undefined ? undefined : normalizeReferences(where, raw.references),
      onDelete: raw.onDelete,
      onUpdate: raw.onUpdate,
      isVirtual: type.isVirtual,
      raw,
    };
    const previous = this.attributes.get(name);
    if (previous) this.fieldToAttribute.delete(previous.field);
    this.attributes.set(name, attr);
    if (!attr.isVirtual) this.fieldToAttribute.set(field, attr);
    this.#primaryKeys = [...this.attributes.values()].filter((a) => a.primaryKey).map((a) => a.name);
    this.#physical = undefined;
    return attr;
  }

  /** Removes an attribute (used when an association replaces a default primary key). */
  removeAttribute(name: string): void {
    const attr = this.attributes.get(name);
    if (!attr) return;
    this.attributes.delete(name);
    this.fieldToAttribute.delete(attr.field);
    this.#primaryKeys = this.#primaryKeys.filter((n) => n !== name);
    this.#physical = undefined;
  }

  get primaryKeys(): readonly string[] {
    return this.#primaryKeys;
  }

  /** The single primary key attribute name, or the first of a composite key. */
  get primaryKey(): string | undefined {
    return this.#primaryKeys[0];
  }

  /** Attributes that have a column, in definition order. */
  get physicalAttributes(): readonly NormalizedAttribute[] {
    this.#physical ??= [...this.attributes.values()].filter((a) => !a.isVirtual);
    return this.#physical;
  }

  get autoIncrementAttribute(): NormalizedAttribute | undefined {
    return this.physicalAttributes.find((a) => a.autoIncrement);
  }

  /** The attribute names, for error messages. */
  get attributeNames(): string[] {
    return [...this.attributes.keys()];
  }

  private normalizeIndex(index: IndexOptions): NormalizedIndex {
    const fields = index.fields.map((f) => {
      const name = typeof f === 'string' ? f : f.name;
      const attr = this.attributes.get(name) ?? this.fieldToAttribute.get(name);
      if (!attr) {
        throw InvalidOptionError.expected(`${this.modelName} index`, 'each field', `one of ${this.attributeNames.join(', ')}`, name);
      }
      return attr.field;
    });
    const unique = index.unique === true;
    return { name: index.name ?? `${this.tableName}_${fields.join('_')}${unique ? '_unique' : ''}`.toLowerCase(), fields, unique };
  }
}

function toAttributeOptions(model: string, name: string, raw: unknown): AttributeOptions {
  if (raw !== null && typeof raw === 'object' && 'type' in raw) return raw as AttributeOptions;
  if (raw === null || raw === undefined || (typeof raw === 'object' && !('key' in raw))) {
    throw InvalidOptionError.expected(`${model}.${name}`, 'the attribute definition', 'a DataType or { type: DataType, … }', raw);
  }
  return { type: raw as AttributeOptions['type'] };
}

function normalizeReferences(where: string, references: NonNullable<AttributeOptions['references']>): { model: string; key: string } {
  if (typeof references === 'string') return { model: references, key: 'id' };
  const model = references.model;
  const table =
    typeof model === 'string' ? model : typeof model === 'object' && 'tableName' in model ? String(model.tableName) : undefined;
  if (table === undefined) {
    throw InvalidOptionError.expected(where, 'references.model', 'a table name, { tableName } or a model', model);
  }
  return { model: table, key: references.key ?? 'id' };
}

/** Sequelize's underscoredIf: snake_case when the model is underscored. @internal */
export function underscoredIf(name: string, underscored: boolean): string {
  return underscored ? inflection.underscore(name) : name;
}
