import { PostgresDialect, sql, type Dialect, type PostgresPool } from 'kysely';
import type { AbstractDataType } from '../../data-types/abstract.js';
import type { BaseError } from '../../errors/base-error.js';
import { causedBy } from '../caused-by.js';
import type { ConnectionConfig, DialectAdapter, DialectCapabilities, FailedQuery, JsonRowsDialect } from '../adapter.js';
import { postgresColumnType } from './column-types.js';
import { parseTimestamptz } from './parse-timestamp.js';
import { PostgresSchemaDialect } from './schema-dialect.js';
import { isPostgresSerializationFailure, translatePostgresError } from './translate-error.js';
import { loadDriver } from '../load-driver.js';

const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;

/**
 * `coalesce(json_agg(json_build_array(a, b, (nested)) ORDER BY …), '[]'::json)`; pg parses the
 * json value itself (text only where a type parser was replaced).
 */
const POSTGRES_JSON_ROWS: JsonRowsDialect = {
  name: 'json_agg',
  aggregate(items, order) {
    return sql`coalesce(json_agg(json_build_array(${sql.join(items.map((i) => i.sql))})${order ?? sql``}), '[]'::json)`;
  },
  decode(value) {
    return (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as unknown[][];
  },
  // Rows decode every column type at least as fast as the aggregate once timestamptz has its fast
  // path (parse-timestamp.ts), and the server builds no JSON: batched loads (one array parameter
  // per level) win on both row shapes (README, "Benchmark"). Columns JSON would carry as text
  // (BIGINT, DECIMAL) or cannot carry (BLOB) only add to that.
  prefer: () => false,
};

/**
 * The parser of `timestamp with time zone` values for pg's current global one: while that is pg's
 * default (postgres-date), `parseTimestamptz`, which gives the same `Date`s faster; a parser the
 * application set (`pg.types.setTypeParser(1184, …)`, to keep strings, say) is used as it is.
 */
function timestamptzParser(): (current: (text: string) => unknown) => (text: string) => unknown {
  let seen: ((text: string) => unknown) | undefined;
  let chosen: (text: string) => unknown = (text) => text;
  return (current) => {
    if (current !== seen) {
      seen = current;
      chosen = isDefaultTimestampParser(current) ? (text) => parseTimestamptz(text, current) : current;
    }
    return chosen;
  };
}

function isDefaultTimestampParser(parse: (text: string) => unknown): boolean {
  try {
    const probe = parse('2000-01-02 03:04:05.678+01:30');
    return probe instanceof Date && probe.getTime() === Date.UTC(2000, 0, 2, 1, 34, 5, 678) && parse('infinity') === Infinity;
  } catch {
    return false;
  }
}

/**
 * Column types whose `IN (…)` lists bind as one array parameter, and the array's element type. Other
 * types (dates, decimals, enums of other databases, citext, bytea…) keep one parameter per value.
 */
const LIST_ELEMENT_TYPES: Readonly<Record<string, string>> = { INTEGER: 'int4', BIGINT: 'int8', SMALLINT: 'int2', TEXT: 'text', UUID: 'uuid' };

/**
 * PostgreSQL through pg's Pool. `date` columns stay strings so DATEONLY never shifts by a time zone.
 * @internal
 */
export class PostgresAdapter implements DialectAdapter {
  readonly name = 'postgres' as const;
  /** The pool of this connection's Kysely driver, once created (a closed connection no longer asks for it). */
  #pool: { query(sql: string, values: unknown[]): Promise<{ rows: unknown[] }>; end(): Promise<void> } | undefined;
  readonly currentTablesSql = 'SELECT tablename AS "name" FROM pg_catalog.pg_tables WHERE schemaname = current_schema()';
  readonly schema = new PostgresSchemaDialect();
  readonly capabilities: DialectCapabilities = {
    returning: 'returning',
    bulkIncrementReturnsRows: true,
    autoIncrement: 'serial',
    rowLocks: true,
    noKeyUpdateLock: true,
    shareLock: 'for share',
    lockOf: true,
    indexUsing: true,
    tableOptions: false,
    triggerOnTable: true,
    truncate: true,
    dropCascade: true,
    ilike: true,
    upsert: 'on-conflict',
    transactionalDdl: true,
    maxParameters: 65535,
    limitStyle: 'limit-offset',
    jsonb: true,
    schemas: true,
    deferrableConstraints: true,
    defaultValuesInsert: true,
    createIfNotExists: true,
    booleanLiterals: true,
    inlineReferences: true,
    forwardReferences: false,
    inlineIndexes: false,
    isolationLevels: true,
    jsonRows: POSTGRES_JSON_ROWS,
    versionExpression: "current_setting('server_version')",
    randomFunction: 'RANDOM',
    escapeStyle: { identifierQuote: '"', booleans: 'keyword', dates: 'offset', strings: 'double', arrays: 'ARRAY' },
    rightJoin: true,
    jsonPath: { style: 'path_array', numberType: 'DOUBLE PRECISION' },
    listParameterType: (type) => {
      const column = postgresColumnType(type);
      return LIST_ELEMENT_TYPES[column] ?? (/^VARCHAR(\(\d+\))?$/.test(column) ? 'text' : undefined);
    },
  };

  createKyselyDialect(config: ConnectionConfig): Dialect {
    return new PostgresDialect({
      pool: async () => {
        const pg = await loadDriver('postgres', 'pg', { import: () => import('pg'), require: () => require('pg') });
        // DATEONLY stays text, as Sequelize returns it; timestamptz takes a fast path of pg's own parser.
        const timestamptz = timestamptzParser();
        const types = {
          getTypeParser: (oid: number, format?: 'text' | 'binary') =>
            oid === DATE_OID
              ? (value: string) => value
              : oid === TIMESTAMPTZ_OID && format !== 'binary'
                ? timestamptz(pg.types.getTypeParser(oid, 'text') as (text: string) => unknown)
                : pg.types.getTypeParser(oid, format ?? 'text'),
        };
        const pool = new pg.Pool({
          host: config.host ?? 'localhost',
          port: config.port ?? 5432,
          database: config.database,
          user: config.username,
          password: config.password ?? undefined,
          max: config.pool.max,
          min: config.pool.min,
          idleTimeoutMillis: config.pool.idle,
          connectionTimeoutMillis: config.pool.acquire,
          types,
          ...config.dialectOptions,
        });
        // An idle client losing its connection must not crash the process; the pool drops it.
        pool.on('error', () => undefined);
        // pg-pool listens only while a client is idle. A client checked out between two statements
        // (an open transaction) whose server goes away emits 'error' with no listener, which kills
        // the process; its next query fails instead, as ConnectionError, and release drops it.
        pool.on('connect', (client) => {
          client.on('error', () => undefined);
          // Sequelize's timezone: the session time zone, set before the client's first query
          // (a client runs its queries in order). The value was checked in relata-config.ts.
          const zone = config.timezone;
          if (zone !== undefined) {
            const statement = /^[+-]/.test(zone) ? `SET TIME ZONE INTERVAL '${zone}' HOUR TO MINUTE` : `SET TIME ZONE '${zone}'`;
            client.query(statement).catch(() => undefined);
          }
        });
        this.#pool = pool as never;
        return pool as unknown as PostgresPool;
      },
    });
  }

  readNow(sql: string, parameters: readonly unknown[]): Promise<{ rows: unknown[] }> | undefined {
    // A read outside a transaction takes any client of the pool, as Kysely's driver does.
    return this.#pool?.query(sql, parameters as unknown[]);
  }

  columnType(type: AbstractDataType): string {
    return postgresColumnType(type);
  }

  translateError(error: unknown, query: FailedQuery | undefined): BaseError {
    return translatePostgresError(error, query);
  }

  isSerializationFailure(error: unknown): boolean {
    return causedBy(error, isPostgresSerializationFailure);
  }

  placeholder(index: number): string {
    return `$${index + 1}`;
  }

  bindValue(value: unknown): unknown {
    return value;
  }

  jsonCarry(type: AbstractDataType): 'plain' | 'text' | undefined {
    // pg returns int8 and numeric as exact strings; as JSON numbers they would round. bytea has no JSON form.
    if (type.key === 'BIGINT' || type.key === 'DECIMAL') return 'text';
    return type.key === 'BLOB' ? undefined : 'plain';
  }
}
