import pg from 'pg';
import type { Db, QueryResult, Transaction } from './db';

/** int8 → number, as PGlite does, so repositories see the same types on both drivers (see db.ts). */
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface PgDbOptions {
  /** `postgres://…`; `?options=-c search_path=…` selects a schema. */
  connectionString: string;
  /** Pool size (default 10). */
  max?: number;
  /**
   * Gives up connecting after this many milliseconds (default 2000): while PostgreSQL is unreachable a push
   * gets its 503 within about this long instead of holding the platform's connection.
   */
  connectionTimeoutMs?: number;
  /**
   * A query (and each statement of a transaction) that has not answered by then fails, milliseconds (default
   * 5000): client-side for a server that stopped answering, `statement_timeout` server-side for a stuck one.
   */
  queryTimeoutMs?: number;
}

/** What `pg` rejects a query with when `query_timeout` passes without an answer. */
const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

/**
 * PostgreSQL through a `pg` Pool (DATABASE_URL). Each transaction holds one pooled client from BEGIN to
 * COMMIT/ROLLBACK; plain queries take any free client.
 *
 * Outage contract: while the server is gone every call fails within the connection or query timeout (never
 * hangs, never crashes the process: a connection dying idle or mid-transaction is an error of that call
 * only), and the pool connects again by itself on the next call once the server is back.
 */
export class PgDb implements Db {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private closed = false;

  constructor(options: PgDbOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 2000,
      query_timeout: options.queryTimeoutMs ?? 5000,
      statement_timeout: options.queryTimeoutMs ?? 5000,
      keepAlive: true,
      types,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    return toResult(await this.pool.query(sql, [...params]));
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // The pool listens for errors of idle clients only: a connection lost while this transaction holds the
    // client would otherwise be an unhandled 'error' event. The pending query fails on its own.
    const onError = (err: Error): void => {
      broken = err;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const tx: Transaction = {
        query: async <R>(sql: string, params: readonly unknown[] = []) => toResult<R>(await client.query(sql, [...params])),
        exec: async (sql: string) => {
          await client.query(sql);
        },
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      // A statement that timed out client-side means the server stopped answering: a ROLLBACK would wait out
      // another timeout. The client is destroyed instead, and the server rolls back when the connection ends.
      if (err instanceof Error && err.message === QUERY_TIMEOUT_MESSAGE) broken = err;
      else {
        await client.query('ROLLBACK').catch((rollbackErr: Error) => {
          broken = rollbackErr;
        });
      }
      throw err;
    } finally {
      // A client whose ROLLBACK failed (or whose connection broke) is in an unknown state: destroy it instead
      // of returning it to the pool.
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

function toResult<T>(r: pg.QueryResult): QueryResult<T> {
  return { rows: r.rows as T[], affectedRows: r.rowCount ?? 0 };
}
