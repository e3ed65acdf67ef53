import { normalizeDataType } from '../data-types/normalize.js';
import { AssociationError } from '../errors/association-error.js';
import type { NormalizedAttribute } from '../metadata/model-definition.js';
import type { AttributeOptions, ReferentialAction } from '../metadata/model-options.js';
import type { ForeignKeyOption, ModelClass } from './association.js';

const KEY_FAMILIES: Record<string, string> = {
  INTEGER: 'integer', BIGINT: 'integer', SMALLINT: 'integer', TINYINT: 'integer', MEDIUMINT: 'integer',
  STRING: 'string', CHAR: 'string', TEXT: 'string', CITEXT: 'string', UUID: 'uuid',
};

/**
 * Splits the `foreignKey` option into a name and extra attribute options. Sequelize's `keyType`
 * option gives the key's type when `foreignKey` does not.
 * @internal
 */
export function foreignKeyOption(option: ForeignKeyOption | undefined, keyType?: unknown): { name: string | undefined; attribute: Partial<AttributeOptions> } {
  const typed = keyType === undefined || keyType === null ? {} : { type: keyType as AttributeOptions['type'] };
  if (option === undefined) return { name: undefined, attribute: typed };
  if (typeof option === 'string') return { name: option, attribute: typed };
  const { name, fieldName, ...attribute } = option;
  return { name: name ?? fieldName, attribute: attribute.type === undefined ? { ...attribute, ...typed } : attribute };
}

/** What an association adds to a model as a foreign key. @internal */
export interface ForeignKeySpec {
  readonly model: ModelClass;
  readonly name: string;
  readonly referenced: NormalizedAttribute;
  readonly referencedModel: ModelClass;
  readonly attribute: Partial<AttributeOptions>;
  readonly constraints: boolean;
  readonly onDelete: (allowNull: boolean) => ReferentialAction;
  readonly onUpdate: ReferentialAction;
  readonly description: string;
}

/**
 * Adds (or completes) a foreign key attribute: the referenced key's type, the reference and its
 * actions. An attribute the user declared keeps its own options; what it lacks is filled in, as
 * Sequelize does. A declared type from another family than the referenced key is an error under strict.
 * @internal
 */
export function injectForeignKey(spec: ForeignKeySpec): NormalizedAttribute {
  const definition = spec.model.definition;
  const existing = definition.attributes.get(spec.name);
  const referencedFamily = KEY_FAMILIES[spec.referenced.type.key] ?? spec.referenced.type.key;
  // The key's type as declared on the model, or else in the `foreignKey: { type }` option.
  const declared = existing?.type.key ?? (spec.attribute.type === undefined ? undefined : normalizeDataType(spec.attribute.type, `${spec.description}: foreignKey.type`).key);
  // Sequelize takes any declared type (keyType: STRING on an INTEGER key); strict refuses another family.
  const strict = spec.model.sequelize.options.strict === true;
  if (strict && declared !== undefined && (KEY_FAMILIES[declared] ?? declared) !== referencedFamily) {
    throw new AssociationError(
      `${spec.description}: foreign key ${spec.model.name}.${spec.name} is ${declared} but references ${spec.referencedModel.name}.${spec.referenced.name} of type ${spec.referenced.type.key}; declare it with a matching type`,
    );
  }
  const base: AttributeOptions = { type: spec.referenced.type, allowNull: true, ...spec.attribute } as AttributeOptions;
  const merged: AttributeOptions = existing ? { ...base, ...existing.raw } : base;
  // Sequelize picks the default ON DELETE from the attribute as declared: a declared key without
  // `allowNull: true` gets the action of a NOT NULL one (CASCADE for hasMany/hasOne, NO ACTION for belongsTo).
  const allowNull = existing ? existing.raw.allowNull === true : merged.allowNull !== false;
  if (spec.constraints) {
    merged.references = merged.references ?? { model: spec.referencedModel.definition.sqlTable, key: spec.referenced.field };
    merged.onDelete = merged.onDelete ?? spec.onDelete(allowNull);
    merged.onUpdate = merged.onUpdate ?? spec.onUpdate;
  }
  const attr = definition.addAttribute(spec.name, merged);
  attr.foreignKeyOf = spec.description;
  spec.model.refreshAttributes();
  return attr;
}

/**
 * The foreign key of hasOne/hasMany: it lives on the target and references the source's
 * `sourceKey` (its primary key by default). Returns the source key and the key's name.
 * @internal
 */
export function injectTargetForeignKey(
  kind: 'hasOne' | 'hasMany',
  source: ModelClass,
  target: ModelClass,
  as: string,
  options: { foreignKey?: ForeignKeyOption; sourceKey?: string; constraints?: boolean; onDelete?: ReferentialAction; onUpdate?: ReferentialAction; keyType?: unknown },
  defaultName: string,
): { sourceKey: string; foreignKey: string } {
  const fk = foreignKeyOption(options.foreignKey, options.keyType);
  const sourceKey = options.sourceKey ?? source.primaryKeyAttribute ?? 'id';
  const referenced = source.definition.attributes.get(sourceKey);
  if (!referenced) {
    throw new AssociationError(`${source.name}.${kind}(${target.name}): unknown sourceKey "${sourceKey}"; ${source.name} has ${source.definition.attributeNames.join(', ')}`);
  }
  const foreignKey = fk.name ?? defaultName;
  injectForeignKey({
    model: target,
    name: foreignKey,
    referenced,
    referencedModel: source,
    attribute: fk.attribute,
    constraints: options.constraints !== false,
    onDelete: (allowNull) => options.onDelete ?? (allowNull ? 'SET NULL' : 'CASCADE'),
    onUpdate: options.onUpdate ?? 'CASCADE',
    description: `${source.name}.${kind}(${target.name}, as ${as})`,
  });
  return { sourceKey, foreignKey };
}
