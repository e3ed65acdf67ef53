import type { Model, ModelStatic } from './model.js';

/**
 * Rows of `relata.query(sql, { model })` as instances of the model, as Sequelize builds them: not
 * new records, values set as read. With `mapToModel`, columns are renamed to the attributes they
 * hold (`first_name` → `firstName`); values of known attributes are read by their type (dates,
 * booleans, JSON). Other columns are kept under their own name.
 *
 * @example
 * await relata.query('SELECT * FROM "Users"', { model: User, mapToModel: true }) // [User { id: 1, firstName: 'ada' }]
 * @internal
 */
export function rawRowsToInstances<M extends Model>(model: ModelStatic<M>, rows: readonly Record<string, unknown>[], mapToModel: boolean): M[] {
  const definition = model.definition;
  return rows.map((row) => {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      const attribute = mapToModel ? definition.fieldToAttribute.get(key) : definition.attributes.get(key);
      const name = attribute === undefined ? key : mapToModel ? attribute.name : key;
      values[name] = value === null || value === undefined || attribute === undefined ? value : attribute.type.fromDb(value);
    }
    return model.build(values as never, { isNewRecord: false, raw: true });
  });
}
