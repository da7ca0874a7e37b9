import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, type Transaction as PgliteTransaction, types } from '@electric-sql/pglite';
import type { Db, QueryResult, Transaction } from './db';
import { ARRAY_OID, JsonReads } from './pglite-json-reads';

/**
 * The embedded store: one PGlite instance (a single Postgres backend in WASM) with its files under
 * `<dataDir>/pglite`. Only one process may open a data directory at a time.
 *
 * Serialization: PGlite runs every top-level query and every transaction under one exclusive lock, so
 * concurrent `transaction()` calls run one after the other and a plain `query()` never lands inside someone
 * else's transaction. A transaction body must use its `tx` handle only (see Db.transaction).
 *
 * Event loop: PGlite executes a statement synchronously in WASM and resolves its promise at once, so a
 * transaction of several statements, or a queue of queries, would run to the end without the event loop
 * turning once (no timer, socket or other request in between). Every statement first yields one macrotask
 * turn, so the event loop is held for at most one statement at a time.
 *
 * Reads: a plain SELECT run before is read as one JSON aggregate when its columns allow it, with the same
 * values as PGlite's own decoding, for a fraction of the cost on many rows (pglite-json-reads.ts).
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;

  private readonly reads = new JsonReads();

  private constructor(private readonly pg: PGlite) {}

  /** Opens (creating if needed) the database under `<dataDir>/pglite`; `dataDir: null` keeps it in memory. */
  static async open(dataDir: string | null): Promise<PgliteDb> {
    if (dataDir === null) return new PgliteDb(leanParsers(await PGlite.create()));
    const dir = join(dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
    return new PgliteDb(leanParsers(await PGlite.create(dir)));
  }

  async query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
    await turn();
    return runStatement<T>(this.pg, this.reads, sql, params);
  }

  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => fn(wrap(tx, this.reads)));
  }

  async ping(): Promise<void> {
    await this.pg.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}

/**
 * The type OIDs whose parsers the instance keeps: the scalar types the store reads and the arrays of the
 * common ones. Others fall back to PGlite's global table of built-in parsers (every scalar type; arrays of
 * other types would come back as their text, and the store reads none).
 */
const KEPT_PARSERS: readonly number[] = [
  ...[types.BOOL, types.BYTEA, types.INT8, types.INT2, types.INT4, types.TEXT, types.JSON, types.FLOAT4, types.FLOAT8, types.VARCHAR],
  ...[types.DATE, types.TIMESTAMP, types.TIMESTAMPTZ, types.NUMERIC, types.JSONB],
  ...Object.values(ARRAY_OID),
];

/**
 * PGlite copies the instance's whole parser table into a new object on every query (its result parsing
 * starts with `{ ...this.parsers, ...options.parsers }`), and after start-up that table holds 316 types
 * with their array types: about 8 % of the CPU of a one-row lookup. Keeping only the parsers the store
 * needs makes the copy small; each kept type is parsed by the very function PGlite would have used.
 */
function leanParsers(pg: PGlite): PGlite {
  pg.parsers = Object.fromEntries(KEPT_PARSERS.filter((oid) => pg.parsers[oid] !== undefined).map((oid) => [oid, pg.parsers[oid]]));
  return pg;
}

function wrap(tx: PgliteTransaction, reads: JsonReads): Transaction {
  return {
    query: async <T>(sql: string, params: readonly unknown[] = []) => {
      await turn();
      return runStatement<T>(tx, reads, sql, params);
    },
    exec: async (sql: string) => {
      await tx.exec(sql);
    },
  };
}

/** Runs one statement on the instance or a transaction, as one JSON aggregate when its plan says so. */
export async function runStatement<T = Record<string, unknown>>(on: Pick<PGlite, 'query'>, reads: JsonReads, sql: string, params: readonly unknown[]): Promise<QueryResult<T>> {
  const plan = reads.planOf(sql);
  if (plan?.kind === 'json') {
    const r = await on.query<{ j: string | null }>(plan.sql, [...params]);
    return { rows: JsonReads.rowsOf<T>(plan, r.rows), affectedRows: r.affectedRows ?? 0 };
  }
  const r = await on.query<T>(sql, [...params]);
  if (plan === null) reads.learn(sql, r.fields);
  return toResult(r);
}

/** Lets the event loop run timers and I/O before the next statement. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function toResult<T>(r: { rows: T[]; affectedRows?: number }): QueryResult<T> {
  return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
}
