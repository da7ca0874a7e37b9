/**
 * The store speaks PostgreSQL SQL with `$1`-style parameters, on PGlite (embedded, default) or on a real
 * PostgreSQL through a `pg` Pool (DATABASE_URL). Repositories depend only on these interfaces.
 *
 * Value types are the same on both drivers: `int8`/`bigint` (and `count(*)`) come back as JS numbers (the
 * store never holds values beyond 2^53), `numeric` as strings, `timestamptz` as Date, `json`/`jsonb` parsed.
 */
export interface QueryResult<T> {
  rows: T[];
  /** Rows inserted/updated/deleted, when the driver reports it. */
  affectedRows: number;
}

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
}

/** The handle a transaction body gets. Only this handle is inside the transaction. */
export interface Transaction extends Queryable {
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /**
   * Runs `fn` in one transaction (BEGIN … COMMIT, ROLLBACK and rethrow on throw). Inside `fn`, use only `tx`:
   * on PGlite a call to `db.query` from inside the body waits for the transaction to end, which never happens.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Cheap liveness probe for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}
