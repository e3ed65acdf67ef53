import type { ConnectionConfig, DialectName } from './dialects/adapter.js';
import { DIALECT_NAMES } from './dialects/create-adapter.js';
import { InvalidOptionError } from './errors/invalid-option-error.js';
import type { RelataOptions } from './connection-options.js';

/**
 * Normalizes every constructor form of `new Relata(...)` into one connection config.
 * @internal
 */
export function parseConstructorArgs(args: readonly unknown[]): { options: RelataOptions; config: ConnectionConfig } {
  let options: RelataOptions;
  if (typeof args[0] === 'string' && args.length <= 2 && (args[0].includes(':') || args.length === 1)) {
    options = { ...fromUrl(args[0]), ...((args[1] as RelataOptions | undefined) ?? {}) };
  } else if (typeof args[0] === 'object' && args[0] !== null) {
    options = { ...(args[0] as RelataOptions) };
  } else {
    const [database, username, password, rest] = args as [string | undefined, string | null | undefined, string | null | undefined, RelataOptions | undefined];
    options = { ...(rest ?? {}) };
    if (typeof database === 'string') options.database = database;
    if (typeof username === 'string') options.username = username;
    if (typeof password === 'string') options.password = password;
  }
  const write = options.replication ? options.replication.write : undefined;
  if (write) options = { ...options, ...write };
  const dialect = normalizeDialect(options.dialect);
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !Number.isInteger(port)) throw InvalidOptionError.expected('new Relata()', 'port', 'an integer', options.port);
  const pool = poolOptions(options.pool);
  const strategy = options.includeStrategy;
  if (strategy !== undefined && strategy !== 'auto' && strategy !== 'json' && strategy !== 'batched') {
    throw InvalidOptionError.expected('new Relata()', 'includeStrategy', "'auto', 'json' or 'batched'", strategy);
  }
  const config: ConnectionConfig = {
    dialect,
    host: options.host,
    port,
    database: options.database,
    username: options.username,
    password: options.password ?? undefined,
    storage: dialect === 'sqlite' ? (options.storage ?? ':memory:') : undefined,
    pool: { max: pool.max ?? 5, min: pool.min ?? 0, acquire: pool.acquire ?? 60_000, idle: pool.idle ?? 10_000 },
    dialectOptions: options.dialectOptions ?? {},
    timezone: sessionTimezone(dialect, options.timezone),
  };
  return { options: { ...options, dialect }, config };
}

const OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;
const ZONE_NAME = /^[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*$/;

/**
 * Sequelize's `timezone`, checked so it can be written into `SET time_zone`: an offset
 * (`+02:00`) on every server, a zone name (`Europe/Paris`) on PostgreSQL. `+00:00` and SQLite
 * (which has no session time zone; Sequelize ignores the option there too) give `undefined`.
 */
function sessionTimezone(dialect: DialectName, timezone: unknown): string | undefined {
  if (timezone === undefined || timezone === null || timezone === '+00:00' || timezone === 'Z' || dialect === 'sqlite') return undefined;
  if (typeof timezone === 'string' && OFFSET.test(timezone)) return timezone;
  if (typeof timezone === 'string' && dialect === 'postgres' && ZONE_NAME.test(timezone)) return timezone;
  const expected = dialect === 'postgres' ? 'an offset such as +02:00 or a zone name such as Europe/Paris' : 'an offset such as +02:00 (zone names need PostgreSQL)';
  throw InvalidOptionError.expected('new Relata()', 'timezone', expected, timezone);
}

function normalizeDialect(dialect: unknown): DialectName {
  if (dialect === 'postgresql') return 'postgres';
  if (typeof dialect === 'string' && (DIALECT_NAMES as readonly string[]).includes(dialect)) return dialect as DialectName;
  throw InvalidOptionError.expected('new Relata()', 'dialect', `one of ${DIALECT_NAMES.join(', ')}`, dialect);
}

function fromUrl(url: string): RelataOptions {
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { dialect: 'sqlite', storage: rest === '' || rest === ':memory:' || rest === 'memory' ? ':memory:' : rest };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw InvalidOptionError.expected('new Relata()', 'the connection URL', 'like postgres://user:pass@host:5432/db or sqlite::memory:', url);
  }
  const protocol = parsed.protocol.replace(/:$/, '');
  const options: RelataOptions = { dialect: normalizeDialect(protocol) };
  if (parsed.hostname) options.host = decodeURIComponent(parsed.hostname);
  if (parsed.port) options.port = Number(parsed.port);
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  const database = parsed.pathname.replace(/^\//, '');
  if (database) options.database = decodeURIComponent(database);
  const dialectOptions: Record<string, unknown> = {};
  for (const [key, value] of parsed.searchParams) dialectOptions[key] = value === 'true' ? true : value === 'false' ? false : value;
  if (Object.keys(dialectOptions).length > 0) options.dialectOptions = dialectOptions;
  return options;
}

/**
 * `pool` with every value checked (integer strings, as environment variables deliver them, are
 * read as numbers): a mistyped size or timeout would otherwise reach the driver, which may ignore
 * it (a pool without limits) or wait forever.
 */
function poolOptions(pool: RelataOptions['pool']): Partial<ConnectionConfig['pool']> {
  if (pool === undefined) return {};
  if (pool === null || typeof pool !== 'object') throw InvalidOptionError.expected('new Relata()', 'pool', 'an object such as { max: 5, acquire: 60000 }', pool);
  const rules = {
    max: { min: 1, what: 'a positive integer (connections)' },
    min: { min: 0, what: 'a non-negative integer (connections)' },
    acquire: { min: 1, what: 'a positive integer (milliseconds)' },
    idle: { min: 0, what: 'a non-negative integer (milliseconds)' },
  } as const;
  const out: { -readonly [K in keyof typeof rules]?: number } = {};
  // Sequelize's other pool options (evict, validate, maxUses) have no counterpart here; they are
  // accepted unused, so a Sequelize configuration loads unchanged.
  for (const key of Object.keys(rules) as (keyof typeof rules)[]) {
    const value: unknown = pool[key];
    if (value === undefined) continue;
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < rules[key].min) throw InvalidOptionError.expected('new Relata()', `pool.${key}`, rules[key].what, value);
    out[key] = n;
  }
  if (out.min !== undefined && out.max !== undefined && out.min > out.max) {
    throw InvalidOptionError.expected('new Relata()', 'pool.min', `at most pool.max (${out.max})`, out.min);
  }
  return out;
}
