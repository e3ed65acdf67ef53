import { OptionList, type UnsupportedOption } from './option-list.js';

// The option keys of every public method, from Sequelize v6's documented options for it. Each key
// is accepted (relata implements it, or ignoring it changes nothing, such as `benchmark` or
// `useMaster` without read replicas), or listed as unsupported with what to do instead. Anything
// else is an UnknownOptionError.

type Unsupported = Readonly<Record<string, UnsupportedOption>>;

const isFalse = (value: unknown): boolean => value === false;
const isTrue = (value: unknown): boolean => value === true;

const LOGGING = ['logging', 'benchmark'];
const BASE = [...LOGGING, 'transaction'];

/** Options of Sequelize's QueryOptions that change nothing for a model query. */
const QUERY_HARMLESS = ['useMaster', 'type', 'nest', 'instance', 'mapToModel', 'fieldMap'];

const QUERY_UNSUPPORTED: Unsupported = {
  replacements: { reason: 'model queries take no replacements; put the values in where (they are bound), or run the SQL with relata.query()' },
  bind: { reason: 'model queries take no bind parameters; put the values in where (they are bound), or run the SQL with relata.query()' },
  retry: { reason: 'single queries are not retried; wrap the work in relata.transaction({ retry: { max } }, …)' },
  searchPath: { reason: 'a per-query search_path is not supported; give the model a schema option instead' },
};

const FIND_UNSUPPORTED: Unsupported = {
  ...QUERY_UNSUPPORTED,
  indexHints: { reason: 'index hints are not emitted; relata leaves the plan to the database' },
  tableHint: { reason: 'table hints are not emitted' },
  groupedLimit: { reason: 'use an include with separate: true and limit, which limits per parent' },
};

const FIND = [
  'where', 'attributes', 'include', 'order', 'group', 'having', 'limit', 'offset', 'lock', 'skipLocked', 'raw', 'paranoid',
  'rejectOnEmpty', 'hooks', 'plain', 'subQuery', 'includeIgnoreAttributes', ...BASE, ...QUERY_HARMLESS,
];

const SAVE = ['fields', 'validate', 'silent', 'hooks', 'returning', ...BASE];
const SAVE_UNSUPPORTED: Unsupported = { omitNull: { reason: 'omitNull is a connection option here; pass it to new Relata(…, { omitNull: true })' } };

const CREATE = ['raw', 'include', 'fields', 'silent', 'validate', 'hooks', 'returning', 'isNewRecord', 'ignoreDuplicates', ...BASE];
const CREATE_UNSUPPORTED: Unsupported = {
  searchPath: QUERY_UNSUPPORTED['searchPath'] as UnsupportedOption,
  isNewRecord: { reason: 'create always inserts; to save an existing row, use build(values, { isNewRecord: false }) and save()', accepts: isTrue },
  ignoreDuplicates: { reason: 'create inserts one row or fails; use bulkCreate([values], { ignoreDuplicates: true })', accepts: isFalse },
};

const NO_LIMIT = (what: string): UnsupportedOption => ({ reason: `every matching row would be ${what}; narrow the where instead` });
const NO_INDIVIDUAL_HOOKS = (what: string): UnsupportedOption => ({
  reason: `per-instance hooks do not run for a bulk ${what}; load the instances and call ${what}() on each`,
  accepts: isFalse,
});

/** A list whose unsupported entries name every documented key relata does not apply. */
function listOf(
  accepted: readonly string[],
  unsupported: Unsupported = {},
  extra: { internal?: readonly string[]; includes?: boolean; ignored?: Readonly<Record<string, string>> } = {},
): OptionList {
  return new OptionList({ accepted, unsupported, ...extra });
}

function notApplied(keys: readonly string[], reason: string): Unsupported {
  return Object.fromEntries(keys.map((key) => [key, { reason }]));
}

/** The option lists of the model's static and instance methods and of the connection. @internal */
export const KNOWN_OPTIONS = {
  findAll: listOf(FIND, { ...FIND_UNSUPPORTED, plain: { reason: 'findAll returns an array; use findOne for one row', accepts: isFalse } }, { internal: ['limitPer'], includes: true }),
  findOne: listOf(FIND, FIND_UNSUPPORTED, { includes: true }),
  findAndCountAll: listOf([...FIND, 'distinct', 'col'], { ...FIND_UNSUPPORTED, plain: { reason: 'findAndCountAll returns { rows, count }', accepts: isFalse } }, { includes: true }),
  // Pagination code passes findAll's options to count as well; Sequelize ignores limit, offset
  // and order there (the count is of every matching row), and so does relata.
  count: listOf([...FIND, 'distinct', 'col'], FIND_UNSUPPORTED, { includes: true }),
  aggregate: listOf(['where', 'paranoid', 'distinct', 'dataType', 'plain', 'raw', ...BASE, ...QUERY_HARMLESS], {
    ...QUERY_UNSUPPORTED,
    plain: { reason: 'grouped aggregates are not supported; use findAll with attributes: [[fn(…), alias]] and group', accepts: isTrue },
  }),
  findOrCreate: listOf([...FIND, 'defaults', ...CREATE], { ...FIND_UNSUPPORTED, ...CREATE_UNSUPPORTED }, { includes: true }),
  build: listOf(['raw', 'isNewRecord', 'include'], {}, { includes: true }),
  create: listOf(CREATE, CREATE_UNSUPPORTED, { includes: true }),
  bulkCreate: listOf(
    ['fields', 'validate', 'individualHooks', 'ignoreDuplicates', 'updateOnDuplicate', 'conflictAttributes', 'conflictWhere', 'include', 'raw', 'hooks', 'returning', ...BASE],
    {
      searchPath: QUERY_UNSUPPORTED['searchPath'] as UnsupportedOption,
    },
    { includes: true },
  ),
  update: listOf(['where', 'fields', 'validate', 'returning', 'silent', 'paranoid', 'hooks', 'sideEffects', 'individualHooks', 'limit', ...BASE], {
    sideEffects: { reason: 'Model.update writes the values as given, without attribute setters; set them on instances and save() each', accepts: isFalse },
    limit: NO_LIMIT('updated'),
  }),
  destroy: listOf(['where', 'force', 'truncate', 'cascade', 'restartIdentity', 'hooks', 'individualHooks', 'limit', ...BASE]),
  restore: listOf(['where', 'hooks', 'individualHooks', 'limit', ...BASE]),
  truncate: listOf(['cascade', 'restartIdentity', 'hooks', 'force', ...BASE], {
    individualHooks: NO_INDIVIDUAL_HOOKS('destroy'),
    where: { reason: 'truncate removes every row; use destroy({ where })' },
    limit: { reason: 'truncate removes every row; use destroy({ where })' },
  }),
  upsert: listOf(['fields', 'validate', 'conflictFields', 'conflictWhere', 'hooks', 'returning', ...BASE], {
    searchPath: QUERY_UNSUPPORTED['searchPath'] as UnsupportedOption,
  }),
  increment: listOf(['where', 'by', 'silent', 'returning', ...BASE], { searchPath: QUERY_UNSUPPORTED['searchPath'] as UnsupportedOption }),
  instanceIncrement: listOf(['by', 'silent', 'returning', ...BASE], {
    searchPath: QUERY_UNSUPPORTED['searchPath'] as UnsupportedOption,
    where: { reason: 'increment on an instance changes that row only; use Model.increment(fields, { where }) for others' },
  }),
  save: listOf(SAVE, SAVE_UNSUPPORTED),
  instanceUpdate: listOf([...SAVE, 'raw', 'reset'], {
    ...SAVE_UNSUPPORTED,
    where: { reason: 'update on an instance writes that row only; use Model.update(values, { where }) for others' },
  }),
  instanceDestroy: listOf(['force', 'hooks', ...BASE]),
  instanceRestore: listOf(['hooks', ...BASE]),
  sync: listOf(['force', 'match', 'hooks', 'alter', ...BASE], {
    schema: { reason: 'give the models a schema option instead' },
    searchPath: QUERY_UNSUPPORTED['searchPath'] as UnsupportedOption,
  }),
  // `readOnly` only lets Sequelize pick a read replica for the transaction; with one server it changes nothing.
  transaction: listOf(['isolationLevel', 'transaction', 'type', 'retry', 'autocommit', 'readOnly', 'deferrable', ...LOGGING], {}),
  query: listOf(['replacements', 'bind', 'type', 'plain', 'raw', 'useMaster', 'nest', 'model', 'mapToModel', 'fieldMap', ...BASE], {
    instance: { reason: 'raw query rows are not written into an instance; pass model to build instances' },
    retry: QUERY_UNSUPPORTED['retry'] as UnsupportedOption,
    searchPath: QUERY_UNSUPPORTED['searchPath'] as UnsupportedOption,
  }),
} as const;

// ------------------------------------------------------------------ association accessors

const LINK_REASON = 'link accessors write the keys directly, without hooks, validation or other write options';
/** Write options Sequelize passes on from link accessors; relata writes the keys without them. */
const LINK_IGNORED = { ignored: Object.fromEntries(['hooks', 'validate', 'silent'].map((key) => [key, 'link accessors write the foreign keys directly, without hooks or validation'])) };
const SAVE_ONLY = ['fields', 'validate', 'silent', 'hooks', 'returning', 'omitNull', 'raw', 'reset', 'where', 'save'];
const FIND_ONLY = FIND.filter((key) => !BASE.includes(key) && key !== 'hooks');
const GET_UNSUPPORTED_MANY: Unsupported = { ...FIND_UNSUPPORTED, plain: { reason: 'to-many getters return an array', accepts: isFalse } };

function notLinkIgnored(key: string): boolean {
  return !Object.hasOwn(LINK_IGNORED.ignored, key);
}

const ACCESSORS = {
  getOne: listOf([...FIND, 'scope'], FIND_UNSUPPORTED, { includes: true }),
  getMany: listOf([...FIND, 'scope'], GET_UNSUPPORTED_MANY, { includes: true }),
  getThrough: listOf([...FIND, 'scope', 'joinTableAttributes', 'through'], GET_UNSUPPORTED_MANY, { includes: true }),
  count: listOf(['where', 'scope', 'paranoid', 'include', ...BASE], {}, { includes: true }),
  countThrough: listOf(['where', 'scope', 'paranoid', 'include', 'through', ...BASE], {}, { includes: true }),
  // Sequelize runs has* through its getter, so every find option is accepted; the membership
  // answer does not depend on the ones relata does not apply (attributes, order, limit).
  has: listOf([...FIND, 'scope'], GET_UNSUPPORTED_MANY, { includes: true }),
  hasThrough: listOf([...FIND, 'scope', 'joinTableAttributes', 'through'], GET_UNSUPPORTED_MANY, { includes: true }),
  linkMany: listOf(BASE, notApplied([...SAVE_ONLY.filter(notLinkIgnored), ...FIND_ONLY, 'individualHooks'], LINK_REASON), LINK_IGNORED),
  linkThrough: listOf(
    [...BASE, 'through'],
    notApplied([...SAVE_ONLY.filter(notLinkIgnored), ...FIND_ONLY, 'individualHooks', 'ignoreDuplicates', 'updateOnDuplicate', 'force'], LINK_REASON),
    LINK_IGNORED,
  ),
  unlinkThrough: listOf(BASE, notApplied(['force'], LINK_REASON), LINK_IGNORED),
  setBelongsTo: listOf([...SAVE, 'save'], SAVE_UNSUPPORTED),
  setHasOne: listOf([...SAVE, 'save'], { ...SAVE_UNSUPPORTED, ...notApplied([...FIND_ONLY, 'scope'], 'the current target is found by its key alone') }),
  createMany: listOf(CREATE, CREATE_UNSUPPORTED, { includes: true }),
  createThrough: listOf([...CREATE, 'through'], CREATE_UNSUPPORTED, { includes: true }),
  createBelongsTo: listOf([...CREATE, ...SAVE, 'save'], { ...CREATE_UNSUPPORTED, ...SAVE_UNSUPPORTED }, { includes: true }),
  createHasOne: listOf([...CREATE, 'save'], {
    ...CREATE_UNSUPPORTED,
    ...SAVE_UNSUPPORTED,
    ...notApplied([...FIND_ONLY.filter((key) => !CREATE.includes(key)), 'scope'], 'the current target is found by its key alone'),
  }, { includes: true }),
} as const;

/**
 * The option list of one accessor (`role` as in `Association.accessors`), and which argument
 * holds the options.
 * @internal
 */
export function accessorOptions(type: 'BelongsTo' | 'HasOne' | 'HasMany' | 'BelongsToMany', role: string): { list: OptionList; argument: number } | undefined {
  const through = type === 'BelongsToMany';
  switch (role) {
    case 'get':
      return { list: type === 'BelongsTo' || type === 'HasOne' ? ACCESSORS.getOne : through ? ACCESSORS.getThrough : ACCESSORS.getMany, argument: 0 };
    case 'count':
      return { list: through ? ACCESSORS.countThrough : ACCESSORS.count, argument: 0 };
    case 'hasSingle':
    case 'hasAll':
      return { list: through ? ACCESSORS.hasThrough : ACCESSORS.has, argument: 1 };
    case 'set':
      if (type === 'BelongsTo') return { list: ACCESSORS.setBelongsTo, argument: 1 };
      if (type === 'HasOne') return { list: ACCESSORS.setHasOne, argument: 1 };
      return { list: through ? ACCESSORS.linkThrough : ACCESSORS.linkMany, argument: 1 };
    case 'add':
    case 'addMultiple':
      return { list: through ? ACCESSORS.linkThrough : ACCESSORS.linkMany, argument: 1 };
    case 'remove':
    case 'removeMultiple':
      return { list: through ? ACCESSORS.unlinkThrough : ACCESSORS.linkMany, argument: 1 };
    case 'create':
      if (type === 'BelongsTo') return { list: ACCESSORS.createBelongsTo, argument: 1 };
      if (type === 'HasOne') return { list: ACCESSORS.createHasOne, argument: 1 };
      return { list: through ? ACCESSORS.createThrough : ACCESSORS.createMany, argument: 1 };
    default:
      return undefined;
  }
}

// ------------------------------------------------------------------ association declarations

const ASSOCIATION = ['as', 'foreignKey', 'onDelete', 'onUpdate', 'constraints', 'hooks', 'foreignKeyConstraint'];
const ASSOCIATION_UNSUPPORTED: Unsupported = {
  foreignKeyConstraint: { reason: 'use constraints: false to write no foreign key constraint', accepts: isTrue },
};

const ASSOCIATIONS = {
  hasOne: listOf([...ASSOCIATION, 'sourceKey', 'scope', 'keyType'], ASSOCIATION_UNSUPPORTED),
  hasMany: listOf([...ASSOCIATION, 'sourceKey', 'scope', 'keyType'], ASSOCIATION_UNSUPPORTED),
  belongsTo: listOf([...ASSOCIATION, 'targetKey', 'keyType'], {
    ...ASSOCIATION_UNSUPPORTED,
    scope: { reason: 'a belongsTo association has no scope; filter its getter with where' },
  }),
  belongsToMany: listOf(['through', ...ASSOCIATION, 'otherKey', 'sourceKey', 'targetKey', 'timestamps', 'uniqueKey', 'scope'], ASSOCIATION_UNSUPPORTED),
  through: new OptionList(
    {
      accepted: ['model', 'unique', 'scope', 'paranoid'],
      unsupported: { paranoid: { reason: 'soft-deleted junction rows are always left out', accepts: isTrue } },
    },
    'through option',
  ),
} as const;

/** The option list of `hasOne`, `hasMany`, `belongsTo`, `belongsToMany` or a `through` object. @internal */
export function associationOptions(kind: keyof typeof ASSOCIATIONS): OptionList {
  return ASSOCIATIONS[kind];
}

// ------------------------------------------------------------------ definitions and the connection

/**
 * `define`/`init` options. Sequelize's MySQL table options (`engine`, `charset`, `collate`,
 * `initialAutoIncrement`) and `hasTrigger` only shape DDL relata writes its own way, and
 * `schemaDelimiter` only matters for SQLite schemas; they are accepted unused.
 */
const MODEL_OPTIONS = listOf(
  [
    'sequelize', 'modelName', 'tableName', 'freezeTableName', 'underscored', 'timestamps', 'createdAt', 'updatedAt', 'deletedAt',
    'paranoid', 'indexes', 'name', 'defaultScope', 'scopes', 'validate', 'hooks', 'noPrimaryKey', 'comment', 'schema', 'omitNull',
    'engine', 'charset', 'collate', 'initialAutoIncrement', 'hasTrigger', 'schemaDelimiter', 'whereMergeStrategy', 'version',
    'rejectOnEmpty', 'getterMethods', 'setterMethods',
  ],
);

/** Attribute options; `Model`, `fieldName` and `_…` keys appear when attributes are copied from `rawAttributes`. */
const ATTRIBUTE_OPTIONS = new OptionList(
  {
    accepted: [
      'type', 'allowNull', 'defaultValue', 'unique', 'primaryKey', 'field', 'autoIncrement', 'autoIncrementIdentity', 'comment',
      'references', 'onUpdate', 'onDelete', 'validate', 'values', 'get', 'set',
    ],
    internal: ['Model', 'fieldName', '_modelAttribute', '_autoGenerated'],
  },
  'attribute option',
);

/**
 * Constructor options. Sequelize's options that only tune its own machinery (`native`,
 * `standardConformingStrings`, `typeValidation`, `minifyAliases`, `hooks`, `isolationLevel`,
 * `transactionType`, `retry`, `clientMinMessages`, `sync`, `set`, `query`, `ssl`, `protocol`,
 * `databaseVersion`, `keepDefaultTimezone`, `logQueryParameters`, `attributeBehavior`) are accepted
 * unused, so a Sequelize configuration loads unchanged.
 */
const CONSTRUCTOR_OPTIONS = listOf(
  [
    'dialect', 'dialectModule', 'dialectModulePath', 'host', 'port', 'database', 'username', 'password', 'storage', 'logging', 'benchmark',
    'pool', 'define', 'replication', 'dialectOptions', 'strict', 'timezone', 'omitNull', 'includeStrategy', 'models', 'operatorsAliases', 'quoteIdentifiers',
    'native', 'standardConformingStrings', 'typeValidation', 'minifyAliases', 'hooks', 'isolationLevel', 'transactionType', 'retry',
    'clientMinMessages', 'sync', 'set', 'query', 'ssl', 'protocol', 'databaseVersion', 'keepDefaultTimezone', 'logQueryParameters',
    'attributeBehavior', 'url', 'schema', 'modelPaths', 'modelMatch', 'validateOnly', 'repositoryMode',
  ],
  {
    dialectModule: { reason: 'relata loads its own drivers (pg, mysql2, better-sqlite3); install the one you need' },
    dialectModulePath: { reason: 'relata loads its own drivers (pg, mysql2, better-sqlite3); install the one you need' },
    native: { reason: 'pg-native is not supported', accepts: isFalse },
    validateOnly: { reason: 'validate-only connections are not supported', accepts: isFalse },
    repositoryMode: { reason: 'repository mode is not supported', accepts: isFalse },
  },
);

/** Pool options: `evict`, `validate` and `maxUses` tune Sequelize's pool and are accepted unused. */
const POOL_OPTIONS = new OptionList({ accepted: ['max', 'min', 'acquire', 'idle', 'evict', 'validate', 'maxUses', 'idleTimeoutMillis'] }, 'pool option');

/** The option lists of `define`/`init`, attributes, `new Relata()` and `pool`. @internal */
export const DEFINITION_OPTIONS = {
  model: MODEL_OPTIONS,
  attribute: ATTRIBUTE_OPTIONS,
  connection: CONSTRUCTOR_OPTIONS,
  pool: POOL_OPTIONS,
} as const;
