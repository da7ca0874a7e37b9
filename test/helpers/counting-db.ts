import type { Db, Queryable, Transaction } from '../../src/store/db';

/**
 * A store that records every statement the gateway sends (in a transaction or not), for tests that bound
 * how many statements an operation costs. `since(mark)` lists the statements sent after `mark()`.
 */
export function countingDb(db: Db): { db: Db; mark(): number; since(mark: number): string[] } {
  const statements: string[] = [];
  const through = (q: Queryable): Queryable['query'] => (sql, params) => {
    statements.push(sql.replace(/\s+/g, ' ').trim());
    return q.query(sql, params);
  };
  const wrapTx = (tx: Transaction): Transaction => ({ exec: (sql) => (statements.push(sql), tx.exec(sql)), query: through(tx) });
  const wrapped: Db = {
    kind: db.kind,
    query: through(db),
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))),
    ping: () => db.ping(),
    close: () => db.close(),
  };
  return { db: wrapped, mark: () => statements.length, since: (mark) => statements.slice(mark) };
}
