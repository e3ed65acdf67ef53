import type { MysqlPool, MysqlPoolConnection } from 'kysely';
import { ConnectionAcquireTimeoutError } from '../../errors/timeout-error.js';
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
   * every other statement). It waits at most `pool.acquire` for the connection, as the Kysely
   * driver does (acquire-timeout.ts), and a connection that comes later goes straight back. Rows
   * are the driver's result when it is a list. One promise with callbacks inside, no more.
   */
  read(sql: string, parameters: readonly unknown[]): Promise<{ rows: unknown[] }> {
    return new Promise((resolve, reject) => {
      let waiting = true;
      let timer: NodeJS.Timeout | undefined;
      this.getConnection((error, connection) => {
        if (!waiting) {
          if (!error) connection.release();
          return;
        }
        waiting = false;
        if (timer !== undefined) clearTimeout(timer);
        if (error) {
          reject(error);
          return;
        }
        try {
          connection.query(sql, parameters as unknown[], (failure, result) => {
            connection.release();
            if (failure) reject(failure);
            else resolve({ rows: Array.isArray(result) ? result : [] });
          });
        } catch (thrown) {
          // As a throw inside Kysely's driver, it fails the read, and the connection goes back.
          connection.release();
          reject(thrown);
        }
      });
      // mysql2 hands over an idle connection on the next tick (process.nextTick), before this
      // callback runs: only a read still waiting then (a connection being opened, or none free)
      // needs the timer, and most reads skip setting and clearing one.
      process.nextTick(() => {
        if (!waiting) return;
        const limits = this.#limits;
        timer = setTimeout(() => {
          waiting = false;
          reject(ConnectionAcquireTimeoutError.afterWaiting(limits.acquire, limits.max));
        }, limits.acquire);
      });
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
