import type { Db, Queryable, Transaction } from '../../src/store/db';

/** A store in front of the real one that sees every statement the gateway sends, in a transaction or not. */
export interface WrappedDb {
  /** The store to hand to the gateway (GatewayOverrides.wrapDb) or to a component. */
  readonly db: Db;
  /** A position in the statement record, for `since`. */
  mark(): number;
  /**
   * The statements sent after `mark` (whitespace collapsed), for tests that bound what an operation costs; with
   * 'inTransaction' only those sent inside a transaction body (BEGIN and COMMIT are the adapter's, never seen).
   */
  since(mark: number, where?: 'all' | 'inTransaction'): string[];
  /** How many statements sent so far contain `sqlPart`. */
  count(sqlPart: string): number;
  /**
   * Makes the next statement containing `sqlPart` fail (after whatever ran before it in its transaction, e.g. the
   * nonce claim): as a lost connection, or with a PostgreSQL error `code` (a refused value).
   */
  failNext(sqlPart: string, code?: string): void;
  /** How many statements `failNext` made fail. */
  readonly failures: number;
}

/** Wraps `db` so a test can count its statements and inject faults into them (see WrappedDb). */
export function wrapDb(db: Db): WrappedDb {
  const statements: { sql: string; inTransaction: boolean }[] = [];
  let armed: { sqlPart: string; code: string | undefined } | null = null;
  let failures = 0;

  /** Records `sql`; the injected error when it is the armed statement, else null. */
  const see = (sql: string, inTransaction: boolean): Error | null => {
    const text = sql.replace(/\s+/g, ' ').trim();
    statements.push({ sql: text, inTransaction });
    if (armed === null || !text.includes(armed.sqlPart)) return null;
    const { code } = armed;
    armed = null;
    failures++;
    return Object.assign(new Error(code ? 'injected: invalid byte sequence' : 'injected: connection lost'), code ? { code } : {});
  };
  const query = (q: Queryable, inTransaction: boolean): Queryable['query'] => (sql, params) => {
    const fault = see(sql, inTransaction);
    return fault ? Promise.reject(fault) : q.query(sql, params);
  };
  const wrapTx = (tx: Transaction): Transaction => ({
    exec: (sql) => {
      const fault = see(sql, true);
      return fault ? Promise.reject(fault) : tx.exec(sql);
    },
    query: query(tx, true),
  });

  return {
    db: {
      kind: db.kind,
      query: query(db, false),
      transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))),
      ping: () => db.ping(),
      close: () => db.close(),
    },
    mark: () => statements.length,
    since: (mark, where = 'all') => statements.slice(mark).filter((s) => where === 'all' || s.inTransaction).map((s) => s.sql),
    count: (sqlPart) => statements.filter((s) => s.sql.includes(sqlPart)).length,
    failNext: (sqlPart, code) => {
      armed = { sqlPart, code };
    },
    get failures() {
      return failures;
    },
  };
}
