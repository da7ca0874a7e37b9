import type { Queryable } from '../store/db';
import { SqlFilter } from '../store/paging';
import { EVENT_LOG_PURGED_THROUGH } from '../retention/purge-steps';
import type { EventKind, LogEntry, NewLogEntry } from './topics';

/**
 * The durable, append-only event log (table `event_log`). Appends happen inside the transaction that stores
 * the push they come from, so an entry exists exactly when its record does.
 *
 * Ordering contract: `cursor` values become visible in increasing order. Appends take a transaction-scoped
 * advisory lock, so two transactions (two processes on one PostgreSQL) cannot commit cursors out of order;
 * a reader that has seen cursor N will never later discover an entry below N (see EventLog.append).
 */
export const EVENT_LOG_LOCK = 7_300_001;

export interface LogFilter {
  kinds?: readonly EventKind[];
  /** Only these apps (the principal's scope, or the one a filter names); absent = every app. */
  apps?: readonly string[];
  sessionId?: string;
  bindingId?: string;
  privacyNumber?: string;
}

interface Row {
  cursor: string | number;
  kind: EventKind;
  app: string;
  session_id: string | null;
  binding_id: string | null;
  privacy_number: string | null;
  created_at: Date | string;
  /** jsonb: an object from pg, a JSON string from some PGlite paths. */
  payload: object | string;
}

function toEntry(r: Row): LogEntry {
  const payload: unknown = typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload;
  // The one boundary of the contract: the row was written by `append` from a NewLogEntry, whose payload is the
  // one of its kind (LogPayloads), and the table keeps kind and payload side by side unchanged. The database
  // does not type that pairing, so it is asserted here rather than checked field by field on every read.
  return {
    cursor: String(r.cursor),
    kind: r.kind,
    app: r.app,
    sessionId: r.session_id,
    bindingId: r.binding_id,
    privacyNumber: r.privacy_number,
    createdAt: new Date(r.created_at).toISOString(),
    payload,
  } as LogEntry;
}

export class EventLog {
  /**
   * Appends entries in order inside `tx` in one statement; returns them with their cursors (the payloads
   * as given, not read back).
   *
   * Lock contract: the append takes a transaction-scoped advisory lock (EVENT_LOG_LOCK), held until COMMIT,
   * in the statement that inserts, and draws the cursors under it, so cursors commit in increasing order: a
   * reader that has seen cursor N never later discovers an entry below N. The lock is the last lock a push transaction takes:
   * a writer calls `append` once, after every dedupe insert and row lock it needs (in the order
   * calls/call.store.ts states), and after it only writes rows it inserted or locked itself in this
   * transaction (the cursor write-back), then commits. Deadlock argument: a holder of this lock never waits
   * for another lock (row locks taken before it are already held; what it writes afterwards it holds), so
   * no wait cycle can pass through it; transactions waiting for it hold row locks, but the holder needs
   * none of them. Row locks among themselves are taken in one global order (keys sorted per table, tables
   * in one order), so they form no cycle either. The lock is held from the append to COMMIT only, not for
   * the whole push, so pushes on every instance store in parallel and serialize only on the append.
   */
  async append(tx: Queryable, entries: readonly NewLogEntry[]): Promise<LogEntry[]> {
    if (entries.length === 0) return [];
    const col = <T>(f: (e: NewLogEntry) => T): T[] => entries.map(f);
    // One statement takes the lock and inserts. The lock's CTE is volatile, so it is evaluated once, and
    // every row to insert comes out of the join with it: the lock is held before the first cursor is drawn
    // (nextval is evaluated above the join, row by row in the order of `ord`). Sorting what RETURNING gives
    // pairs cursors with entries without relying on the order it lists rows in.
    const { rows } = await tx.query<{ cursor: string | number; created_at: Date | string }>(
      `WITH lock AS (SELECT pg_advisory_xact_lock(${EVENT_LOG_LOCK}))
       INSERT INTO event_log (kind, app, session_id, binding_id, privacy_number, payload, created_at)
       SELECT kind, app, session_id, binding_id, privacy_number, payload::jsonb, now()
         FROM lock, unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
           AS e(kind, app, session_id, binding_id, privacy_number, payload, ord)
        ORDER BY ord
       RETURNING cursor, created_at`,
      [col((e) => e.kind), col((e) => e.app), col((e) => e.sessionId), col((e) => e.bindingId), col((e) => e.privacyNumber), col((e) => JSON.stringify(e.payload))],
    );
    const sorted = rows.map((r) => ({ cursor: Number(r.cursor), createdAt: new Date(r.created_at).toISOString() })).sort((a, b) => a.cursor - b.cursor);
    return entries.map((e, i) => ({ ...e, cursor: String(sorted[i].cursor), createdAt: sorted[i].createdAt }));
  }

  /** Entries after `after` (exclusive) matching the filter, oldest first, at most `limit`. */
  async readAfter(db: Queryable, after: string, filter: LogFilter, limit: number): Promise<LogEntry[]> {
    const w = new SqlFilter();
    w.and(`cursor > ${w.p(after)}`);
    if (filter.kinds?.length) w.and(`kind = ANY(${w.p(filter.kinds)}::text[])`);
    if (filter.apps) w.and(`app = ANY(${w.p(filter.apps)}::text[])`);
    if (filter.sessionId) w.and(`session_id = ${w.p(filter.sessionId)}`);
    if (filter.bindingId) w.and(`binding_id = ${w.p(filter.bindingId)}`);
    if (filter.privacyNumber) w.and(`privacy_number = ${w.p(filter.privacyNumber)}`);
    const { rows } = await db.query<Row>(`SELECT * FROM event_log${w.sql()} ORDER BY cursor LIMIT ${w.p(limit)}`, w.params);
    return rows.map(toEntry);
  }

  /**
   * The newest cursor the retention purge removed ("0" when nothing was purged): an `after:` older than it
   * cannot be resumed without a gap.
   */
  async purgedThrough(db: Queryable): Promise<string> {
    const { rows } = await db.query<{ value: string }>('SELECT value FROM gateway_meta WHERE key = $1', [EVENT_LOG_PURGED_THROUGH]);
    return rows[0]?.value ?? '0';
  }

  /** The newest cursor, or "0" for an empty log: where a subscriber without `after` starts. */
  async head(db: Queryable): Promise<string> {
    const { rows } = await db.query<{ c: string | number | null }>('SELECT max(cursor) AS c FROM event_log');
    return rows[0]?.c == null ? '0' : String(rows[0].c);
  }
}
