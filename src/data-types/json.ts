import { AbstractDataType } from './abstract.js';
import { defineDataType } from './factory.js';

/**
 * A JSON column: `JSON` (`NVARCHAR(MAX)` on MSSQL). Values are bound as JSON text on every
 * dialect, so each driver binds them the same way, and parsed back when the driver returns text.
 *
 * @example
 * DataTypes.JSON().toDb({ a: 1 }) // '{"a":1}'
 * DataTypes.JSON().fromDb('{"a":1}') // { a: 1 }
 */
export class JsonType extends AbstractDataType {
  readonly key: string = 'JSON';

  get params(): Readonly<Record<string, unknown>> {
    return {};
  }

  override validate(value: unknown): string | undefined {
    try {
      // undefined means nothing serializable (a function, a symbol).
      return JSON.stringify(value) === undefined ? this.invalid(value, 'JSON value') : undefined;
    } catch {
      // circular structures and bigints
      return this.invalid(value, 'JSON value');
    }
  }

  override toDb(value: unknown): unknown {
    return JSON.stringify(value);
  }

  override fromDb(value: unknown): unknown {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      // pg and mysql2 already parse JSON columns; a JSON string value then arrives bare.
      return value;
    }
  }
}

/**
 * PostgreSQL's binary JSON (`JSONB`); the other dialects store it as their JSON type.
 *
 * @example
 * DataTypes.JSONB.key // 'JSONB'
 */
export class JsonbType extends JsonType {
  override readonly key: string = 'JSONB';
}

/**
 * A JSON attribute (exported as `JSON`).
 *
 * @example
 * { settings: { type: DataTypes.JSON, defaultValue: {} } }
 */
export const JSON_TYPE = defineDataType('JSON', JsonType, () => new JsonType());

/**
 * A JSONB attribute (JSON on dialects without JSONB).
 *
 * @example
 * { payload: DataTypes.JSONB }
 */
export const JSONB = defineDataType('JSONB', JsonbType, () => new JsonbType());

// Exported under Sequelize's name without shadowing the global JSON inside this module.
export { JSON_TYPE as JSON };
