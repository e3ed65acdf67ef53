/**
 * Gives an entity built with `new` (its constructor never reached Model's) the state of a new
 * record, as Model.build() would; nothing when it has one. The core's attribute setters do the same
 * (ensureRecordState); the TypeORM layers reach the core only through its index.
 * @internal
 */
export function startRecordState(entity: object): void {
  if ((entity as { dataValues?: object }).dataValues !== undefined) return;
  Object.assign(entity, { dataValues: {}, _previousDataValues: {}, _changed: new Set(), isNewRecord: true, _options: { isNewRecord: true, raw: false } });
}
