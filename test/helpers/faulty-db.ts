import type { Db, Queryable, Transaction } from '../../src/store/db';

/**
 * A store whose next statement containing `sqlPart` fails, in a transaction or not (after whatever ran before it in its transaction,
 * e.g. the nonce claim): as a lost connection, or with a PostgreSQL error `code` (a refused value).
 */
export function faultyDb(db: Db): { db: Db; failNext(sqlPart: string, code?: string): void; failures: number } {
  let armed: string | null = null;
  let armedCode: string | undefined;
  const state = { failures: 0 };
  const through = (q: Queryable): Queryable['query'] => (sql, params) => {
    if (armed !== null && sql.includes(armed)) {
      armed = null;
      state.failures++;
      const err = Object.assign(new Error(armedCode ? 'injected: invalid byte sequence' : 'injected: connection lost'), armedCode ? { code: armedCode } : {});
      return Promise.reject(err);
    }
    return q.query(sql, params);
  };
  const wrapTx = (tx: Transaction): Transaction => ({ exec: (sql) => tx.exec(sql), query: through(tx) });
  const wrapped: Db = {
    kind: db.kind,
    query: through(db),
    transaction: (fn) => db.transaction((tx) => fn(wrapTx(tx))),
    ping: () => db.ping(),
    close: () => db.close(),
  };
  return {
    db: wrapped,
    failNext: (part, code) => {
      armed = part;
      armedCode = code;
    },
    get failures() {
      return state.failures;
    },
  };
}
