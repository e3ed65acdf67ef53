import type { AbstractDataType } from '../data-types/abstract.js';
import type { NormalizedAttribute } from '../metadata/model-definition.js';
import type { AttributeOptions } from '../metadata/model-options.js';

/**
 * An attribute as Sequelize's `rawAttributes` / `getAttributes()` show it: the options as they were
 * declared (or as the model or an association added them: an `id` key, timestamps, foreign keys,
 * a junction's unique key), the data type, `fieldName` and `field`. Options nobody set are absent
 * (`unique`, `allowNull`…), as in Sequelize.
 *
 * @example
 * User.getAttributes().email // { type: STRING, unique: true, validate: { isEmail: true }, fieldName: 'email', field: 'email' }
 */
export type RawAttribute = Readonly<Omit<AttributeOptions, 'type'>> & {
  readonly type: AbstractDataType;
  readonly fieldName: string;
  readonly field: string;
};

const views = new WeakMap<NormalizedAttribute, RawAttribute>();

/** The `rawAttributes` entry of a normalized attribute (one object per attribute). @internal */
export function rawAttribute(attribute: NormalizedAttribute): RawAttribute {
  let view = views.get(attribute);
  if (!view) {
    view = { ...attribute.raw, type: attribute.type, fieldName: attribute.name, field: attribute.field };
    views.set(attribute, view);
  }
  return view;
}
