import type { MysqlPool, MysqlPoolConnection } from 'kysely';
import { acquireWithin } from '../acquire-timeout.js';
import type { PoolConfig } from '../adapter.js';

/** What mysql2's pool connection offers beyond Kysely's view of it. */
interface RawConnection extends MysqlPoolConnection {
  /** Closes the socket and takes the connection out of its pool. */
  destroy(): void;
}

/**
 * mysql2's pool, with each connection's session statements (sql_mode, time_zone) run once, when
 * the connection is first handed out and before anything else runs on it. Kysely's driver takes
 * its connections here, and so does `read`, a SELECT outside any transaction that skips Kysely's
 * executor: both see the same sessions. A connection whose session statements fail is destroyed,
 * not handed out, and the error goes to the caller.
 * @internal
 */
export class MysqlSessionPool implements MysqlPool {
  readonly #pool: MysqlPool;
  readonly #session: readonly string[];
  readonly #limits: PoolConfig;
  /** Connections whose session statements have run. */
  readonly #ready = new WeakSet<object>();

  constructor(pool: MysqlPool, session: readonly string[], limits: PoolConfig) {
    this.#pool = pool;
    this.#session = session;
    this.#limits = limits;
  }

  getConnection(callback: (error: unknown, connection: MysqlPoolConnection) => void): void {
    this.#pool.getConnection((error, connection) => {
      if (error) callback(error, connection);
      else if (this.#ready.has(connection)) callback(null, connection);
      else this.#prepare(connection as unknown as RawConnection, 0, callback);
    });
  }

  end(callback: (error: unknown) => void): void {
    this.#pool.end(callback);
  }

  /**
   * Runs a SELECT on any connection of the pool, as Kysely's mysql driver does (`query()`, so values
   * are sent in the statement text and rows come back in the text protocol: the same values as
   * every other statement), within `pool.acquire`. Rows are the driver's result when it is a list.
   */
  async read(sql: string, parameters: readonly unknown[]): Promise<{ rows: unknown[] }> {
    const connection = await acquireWithin(this.#acquire(), this.#limits, (c) => c.release());
    try {
      return await new Promise<{ rows: unknown[] }>((resolve, reject) => {
        connection.query(sql, parameters as unknown[], (error, result) => {
          if (error) reject(error);
          else resolve({ rows: Array.isArray(result) ? result : [] });
        });
      });
    } finally {
      connection.release();
    }
  }

  #acquire(): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      this.getConnection((error, connection) => (error ? reject(error) : resolve(connection as unknown as RawConnection)));
    });
  }

  #prepare(connection: RawConnection, index: number, callback: (error: unknown, connection: MysqlPoolConnection) => void): void {
    const statement = this.#session[index];
    if (statement === undefined) {
      this.#ready.add(connection);
      callback(null, connection);
      return;
    }
    connection.query(statement, [], (error) => {
      if (!error) {
        this.#prepare(connection, index + 1, callback);
        return;
      }
      // The connection goes along only to fit the callback's type: with an error, it is not read.
      connection.destroy();
      callback(error, connection);
    });
  }
}
