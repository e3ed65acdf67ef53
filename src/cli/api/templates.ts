import inflection from 'inflection';
import { MigrationError } from '../../errors/migration-error.js';
import { jsString } from '../../migrations/schema/render-data-type.js';

/** One `--attributes` entry of `model:generate`: `email:string`, `status:enum:{draft,published}`. */
export interface AttributeSpec {
  readonly name: string;
  /** The data type as migration/model source: `STRING`, `ENUM('draft', 'published')`. */
  readonly type: string;
}

const TYPES: Readonly<Record<string, string>> = {
  string: 'STRING', text: 'TEXT', citext: 'CITEXT', char: 'CHAR', integer: 'INTEGER', int: 'INTEGER', bigint: 'BIGINT', smallint: 'SMALLINT',
  tinyint: 'TINYINT', float: 'FLOAT', real: 'REAL', double: 'DOUBLE', decimal: 'DECIMAL', boolean: 'BOOLEAN', date: 'DATE',
  dateonly: 'DATEONLY', time: 'TIME', uuid: 'UUID', json: 'JSON', jsonb: 'JSONB', blob: 'BLOB',
};

/**
 * Parses `model:generate --attributes` as sequelize-cli does: comma-separated `name:type`, where an
 * enum lists its values in braces.
 *
 * @example
 * parseAttributes('firstName:string,status:enum:{draft,published}')
 * // [{ name: 'firstName', type: 'STRING' }, { name: 'status', type: "ENUM('draft', 'published')" }]
 * @internal
 */
export function parseAttributes(text: string): AttributeSpec[] {
  const entries = text.match(/[^,{]+(\{[^}]*\})?/g) ?? [];
  const specs = entries.map((entry) => entry.trim()).filter((e) => e !== '').map((entry) => {
    const [name = '', type = '', ...rest] = entry.split(':');
    const key = type.trim().toLowerCase();
    if (key === 'enum') {
      const values = rest.join(':').replace(/^\{|\}$/g, '').split(/[,;]/).map((v) => v.trim()).filter((v) => v !== '');
      if (values.length === 0) throw new MigrationError(`--attributes: ${name} is an enum without values; write ${name}:enum:{a,b}`);
      return { name: name.trim(), type: `ENUM(${values.map(jsString).join(', ')})` };
    }
    const mapped = TYPES[key];
    if (mapped === undefined || !/^[A-Za-z_$][\w$]*$/.test(name.trim())) {
      throw new MigrationError(`--attributes: "${entry}" is not name:type with a type among ${Object.keys(TYPES).join(', ')}, enum:{a,b}`);
    }
    return { name: name.trim(), type: mapped };
  });
  if (specs.length === 0) throw new MigrationError('--attributes needs at least one name:type, e.g. --attributes firstName:string,email:string');
  return specs;
}

/**
 * A model file in sequelize-cli's shape (a factory receiving the connection and DataTypes), as
 * CommonJS or ESM.
 * @internal
 */
export function modelSource(name: string, attributes: readonly AttributeSpec[], options: { esm: boolean; underscored: boolean }): string {
  const fields = attributes.map((a) => `    ${a.name}: DataTypes.${a.type},`).join('\n');
  const underscored = options.underscored ? '\n    underscored: true,' : '';
  const body = `(sequelize, DataTypes) => {
  class ${name} extends Model {
    /**
     * Declare associations here; models/index.js calls associate(models) once every model is loaded.
     * @example ${name}.hasMany(models.Post, { foreignKey: '${inflection.camelize(name, true)}Id', as: 'posts' })
     */
    static associate(models) {
      // define associations here
    }
  }
  ${name}.init({
${fields}
  }, {
    sequelize,
    modelName: ${jsString(name)},${underscored}
  });
  return ${name};
};
`;
  return options.esm ? `import { Model } from 'relata';\n\nexport default ${body}` : `'use strict';\n\nconst { Model } = require('relata');\n\nmodule.exports = ${body}`;
}

/** The `create-<model>` migration `model:generate` writes next to the model. @internal */
export function createTableMigrationSource(table: string, attributes: readonly AttributeSpec[], options: { esm: boolean; underscored: boolean }): string {
  const column = (name: string) => (options.underscored ? inflection.underscore(name) : name);
  const lines = [
    `      id: {\n        allowNull: false,\n        autoIncrement: true,\n        primaryKey: true,\n        type: Sequelize.INTEGER,\n      },`,
    ...attributes.map((a) => `      ${column(a.name)}: {\n        type: Sequelize.${a.type},\n      },`),
    `      ${column('createdAt')}: {\n        allowNull: false,\n        type: Sequelize.DATE,\n      },`,
    `      ${column('updatedAt')}: {\n        allowNull: false,\n        type: Sequelize.DATE,\n      },`,
  ];
  return migrationModule(
    `    await queryInterface.createTable(${jsString(table)}, {\n${lines.join('\n')}\n    });`,
    `    await queryInterface.dropTable(${jsString(table)});`,
    options.esm,
  );
}

/** An empty migration, as `migration:generate --name` writes it. @internal */
export function emptyMigrationSource(esm: boolean): string {
  return migrationModule(
    "    /**\n     * Add the changes here, for example:\n     * await queryInterface.createTable('users', { id: Sequelize.INTEGER });\n     */",
    "    /**\n     * Undo them here, for example:\n     * await queryInterface.dropTable('users');\n     */",
    esm,
  );
}

/** An empty seeder, as `seed:generate --name` writes it. @internal */
export function emptySeederSource(esm: boolean): string {
  return migrationModule(
    "    /**\n     * Add seed rows here, for example:\n     * await queryInterface.bulkInsert('People', [{ name: 'John Doe', isBetaMember: false }]);\n     */",
    "    /**\n     * Remove them here, for example:\n     * await queryInterface.bulkDelete('People', null, {});\n     */",
    esm,
  );
}

function migrationModule(up: string, down: string, esm: boolean): string {
  if (esm) {
    const strip = (s: string) => s.replace(/^ {2}/gm, '');
    return `export async function up(queryInterface, Sequelize) {\n${strip(up)}\n}\n\nexport async function down(queryInterface, Sequelize) {\n${strip(down)}\n}\n`;
  }
  return `'use strict';\n\n/** @type {import('relata').MigrationModule} */\nmodule.exports = {\n  async up(queryInterface, Sequelize) {\n${up}\n  },\n\n  async down(queryInterface, Sequelize) {\n${down}\n  },\n};\n`;
}

/** `config/config.json` as `relata init` writes it: SQLite files for development and test, a URL for production. @internal */
export const CONFIG_JSON = `${JSON.stringify(
  {
    development: { dialect: 'sqlite', storage: 'database.development.sqlite' },
    test: { dialect: 'sqlite', storage: 'database.test.sqlite' },
    production: { use_env_variable: 'DATABASE_URL' },
  },
  null,
  2,
)}\n`;

/** `models/index.js` as `relata init` writes it: loads every model and calls `associate`. @internal */
export function modelsIndexSource(esm: boolean): string {
  if (esm) {
    return `import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Relata } from 'relata';

const env = process.env.NODE_ENV ?? 'development';
const config = JSON.parse(readFileSync(new URL('../config/config.json', import.meta.url), 'utf8'))[env];

export const relata = config.use_env_variable
  ? new Relata(process.env[config.use_env_variable], config)
  : new Relata(config);

/** Every model by name, each associated (relata.loadModels calls associate(models)). */
const models = await relata.loadModels(fileURLToPath(new URL('.', import.meta.url)));
export default models;
`;
  }
  return `'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { Relata, DataTypes } = require('relata');

const env = process.env.NODE_ENV || 'development';
const config = require(path.join(__dirname, '..', 'config', 'config.json'))[env];
const db = {};

const relata = config.use_env_variable
  ? new Relata(process.env[config.use_env_variable], config)
  : new Relata(config);

fs.readdirSync(__dirname)
  .filter((file) => file !== path.basename(__filename) && !file.startsWith('.') && file.endsWith('.js'))
  .forEach((file) => {
    const model = require(path.join(__dirname, file))(relata, DataTypes);
    db[model.name] = model;
  });

Object.keys(db).forEach((name) => {
  if (db[name].associate) db[name].associate(db);
});

db.relata = relata;
db.sequelize = relata;

module.exports = db;
`;
}
