/**
 * The store speaks PostgreSQL SQL with `$1`-style parameters, on PGlite (embedded, default) or on a real
 * PostgreSQL through a `pg` Pool (DATABASE_URL). Repositories depend only on these interfaces.
 */
export interface QueryResult<T> {
  rows: T[];
  /** Rows inserted/updated/deleted, when the driver reports it. */
  affectedRows: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction (BEGIN … COMMIT, ROLLBACK on throw). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}
