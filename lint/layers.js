// The layer rules of src/ (eslint.config.js): import-x/no-restricted-paths zones and the imports
// `layers/no-cycle` still allows.

// The layers of src/, lowest first: errors, utils, data-types, metadata and transactions, dialects,
// query (plans, dialect-free), sql (compiles plans for a dialect), query-interface, associations, model,
// the connection (relata.ts), migrations, decorators, cli, typeorm, nestjs. A layer imports only from below it;
// type-only imports count (import-x/no-restricted-paths checks them like any import).
export const layerZones = [
  {
    target: 'src/metadata',
    from: ['src/dialects', 'src/query', 'src/sql', 'src/query-interface', 'src/associations', 'src/model', 'src/relata.ts'],
    message: 'metadata/ (model definitions and options) sits below the dialects, query, SQL and model layers.',
  },
  {
    target: 'src/dialects',
    from: ['src/query', 'src/sql', 'src/query-interface', 'src/associations', 'src/model', 'src/relata.ts'],
    message: 'dialects/ knows adapters and catalogs, not models or queries.',
  },
  {
    target: 'src/query',
    from: ['src/dialects', 'src/connection-options.ts', 'src/sql', 'src/query-interface', 'src/associations', 'src/relata.ts'],
    message: 'query/ plans dialect-free; sql/ compiles the plans for a dialect.',
  },
  {
    target: 'src/query',
    from: 'src/model',
    // scope-merge.ts merges find options (query/ values only); query/include/normalize.ts merges include scopes with it.
    except: ['./scope-merge.ts'],
    message: 'query/ plans below the model layer.',
  },
  {
    target: 'src/sql',
    from: ['src/query-interface', 'src/associations', 'src/model', 'src/relata.ts', 'src/migrations'],
    message: 'sql/ compiles metadata and plans; it takes a SqlSession (src/sql/session.ts), not the model or the connection.',
  },
  {
    target: 'src/query-interface',
    from: ['src/associations', 'src/model', 'src/relata.ts', 'src/migrations'],
    message: 'query-interface/ takes a TransactionalSession (src/sql/session.ts) and ModelClassLike (src/metadata/model-class.ts), not the model or the connection.',
  },
  {
    target: 'src/associations',
    from: ['src/sql'],
    message: 'associations/ build no SQL: they plan through query/ and the model layer runs the statements.',
  },
  // relata/typeorm and relata/nestjs are bundles of their own (tsup.config.ts): they reach the core
  // only through src/index.ts, which the build maps to 'relata'. A deeper import would put a second
  // copy of a core module, and of its state, into the subpath's bundle.
  {
    target: ['src/typeorm', 'src/decorators/typeorm'],
    from: 'src',
    except: ['./index.ts', './typeorm', './decorators'],
    message: "relata/typeorm reaches the core only through src/index.ts ('../index.js'); add what it needs to the public entry.",
  },
  {
    target: 'src/nestjs',
    from: 'src',
    // pending-relations.ts keeps its state under Symbol.for on the connection, so a copy shares it.
    except: ['./index.ts', './nestjs', './typeorm/index.ts', './decorators/pending-relations.ts'],
    message: "relata/nestjs reaches the core only through src/index.ts and the TypeORM layer only through src/typeorm/index.ts.",
  },
];

// Imports that still close a cycle (type-only imports included), left out of `layers/no-cycle`.
// `node lint/import-cycles.js` prints the cycles with and without them.
export const cycleExceptions = [
  {
    from: 'src/typeorm/entity-manager.ts',
    to: 'src/typeorm/data-source.ts',
    reason: "TypeORM's API is mutually referential: manager.connection is the DataSource, whose manager is an EntityManager (a type-only import).",
  },
  {
    from: 'src/typeorm/repository.ts',
    to: 'src/typeorm/entity-manager.ts',
    reason: "repository.manager is the EntityManager that hands out the repository (a type-only import).",
  },
  {
    from: 'src/associations/',
    to: 'src/model/',
    reason:
      'associations/ types its public association classes and accessors with Model/ModelStatic, and its loaders call the queries of the model layer ' +
      '(model/through-query, model/on-query) and scopes; model.ts in turn defines hasMany/belongsTo/… with associate().',
  },
  {
    from: 'src/model/',
    to: 'src/model/model.ts',
    reason:
      'the modules the Model class delegates to (finders, find-*, include-*, scopes, writes, nested-create, instance-state, ' +
      'value-keys, model-types, include-types) type their arguments with the Model class (type-only imports).',
  },
  {
    from: 'src/model/model.ts',
    to: 'src/relata.ts',
    reason: "Model.sequelize and init({ sequelize }) are typed as the connection class, as Sequelize's are (public API).",
  },
  {
    from: 'src/model/model-init.ts',
    to: 'src/relata.ts',
    reason: "Model.init's plumbing (model-init.ts) binds each class to the connection class init({ sequelize }) is typed with, as model.ts does.",
  },
  {
    from: 'src/sequelize-',
    to: 'src/relata.ts',
    reason: "sequelize-statics.ts assigns Sequelize's static names onto the Relata class, which types them (typeof Statics) in return.",
  },
];
