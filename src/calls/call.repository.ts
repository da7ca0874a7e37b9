import type { Queryable } from '../store/db';
import { type Page, pageOf, pagesOf, SqlFilter } from '../store/paging';
import type { CallStateName } from './call-state';
import type { CallEventRow, CallRecordRow, CallRow } from './call.record';

type Dateish = Date | string | null;
const d = (v: Dateish): Date | null => (v === null ? null : new Date(v));
const n = (v: number | string | null): number | null => (v === null ? null : Number(v));

/* eslint-disable @typescript-eslint/no-explicit-any */
function toCall(r: any): CallRow {
  return {
    sessionId: r.session_id,
    app: r.app,
    bindingId: r.binding_id,
    privacyNumber: r.privacy_number,
    caller: r.caller,
    callee: r.callee,
    state: r.state,
    startedAt: d(r.started_at),
    ringingAt: d(r.ringing_at),
    answeredAt: d(r.answered_at),
    endedAt: d(r.ended_at),
    hangupCode: n(r.hangup_code),
    hangupReason: r.hangup_reason,
    durationSeconds: n(r.duration_seconds),
    hasRecord: r.has_record,
    seq: Number(r.seq),
  };
}

function toEvent(r: any): CallEventRow {
  return {
    sessionId: r.session_id,
    type: r.event_type,
    occurredAt: new Date(r.occurred_at),
    caller: r.caller,
    called: r.called,
    bindingId: r.binding_id,
    stateCode: n(r.state_code),
    stateDesc: r.state_desc,
    digits: r.digits,
    logCursor: String(r.log_cursor),
  };
}

export function toCallRecord(r: any): CallRecordRow {
  return {
    recordKey: r.record_key,
    sessionId: r.session_id,
    app: r.app,
    icid: r.icid,
    bindingId: r.binding_id,
    direction: Number(r.direction),
    privacyNumber: r.privacy_number,
    caller: r.caller,
    callee: r.callee,
    forwardedTo: r.forwarded_to,
    callStartedAt: d(r.call_started_at),
    ringingAt: d(r.ringing_at),
    answeredAt: d(r.answered_at),
    endedAt: d(r.ended_at),
    durationSeconds: Number(r.duration_seconds),
    failureCause: n(r.failure_cause),
    teardownPoint: n(r.teardown_point),
    recorded: r.recorded,
    recordObjectName: r.record_object_name,
    recordDomain: r.record_domain,
    recordDownloadUrl: r.record_download_url,
    userData: r.user_data,
    receivedAt: new Date(r.received_at),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface CallListFilter {
  /** Only these apps (the principal's scope, or the one a filter names); absent = every app. */
  apps?: readonly string[];
  bindingId?: string;
  privacyNumber?: string;
  party?: string;
  state?: CallStateName;
  from?: Date;
  to?: Date;
}

/** The WHERE clause of a calls list; the party filter matches caller or callee. */
function callFilter(f: CallListFilter): SqlFilter {
  const w = new SqlFilter();
  if (f.apps) w.and(`app = ANY(${w.p(f.apps)}::text[])`);
  if (f.bindingId) w.and(`binding_id = ${w.p(f.bindingId)}`);
  if (f.privacyNumber) w.and(`privacy_number = ${w.p(f.privacyNumber)}`);
  if (f.party) {
    const party = w.p(f.party);
    w.and(`(caller = ${party} OR callee = ${party})`);
  }
  if (f.state) w.and(`state = ${w.p(f.state)}`);
  if (f.from) w.and(`started_at >= ${w.p(f.from)}`);
  if (f.to) w.and(`started_at < ${w.p(f.to)}`);
  return w;
}

/** Reads and writes of `calls`, `call_events` and `call_records`. Writers lock the call row first. */
export class CallRepository {
  /** The call row locked for update inside a transaction (two instances storing pushes of one call serialize here). */
  async lock(tx: Queryable, sessionId: string): Promise<CallRow | null> {
    const { rows } = await tx.query('SELECT * FROM calls WHERE session_id = $1 FOR UPDATE', [sessionId]);
    return rows[0] ? toCall(rows[0]) : null;
  }

  async save(tx: Queryable, c: Omit<CallRow, 'seq'>, now: Date): Promise<CallRow> {
    const { rows } = await tx.query(
      `INSERT INTO calls (session_id, app, binding_id, privacy_number, caller, callee, state, started_at, ringing_at,
         answered_at, ended_at, hangup_code, hangup_reason, duration_seconds, has_record, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16)
       ON CONFLICT (session_id) DO UPDATE SET binding_id = EXCLUDED.binding_id, privacy_number = EXCLUDED.privacy_number,
         caller = EXCLUDED.caller, callee = EXCLUDED.callee, state = EXCLUDED.state, started_at = EXCLUDED.started_at,
         ringing_at = EXCLUDED.ringing_at, answered_at = EXCLUDED.answered_at, ended_at = EXCLUDED.ended_at,
         hangup_code = EXCLUDED.hangup_code, hangup_reason = EXCLUDED.hangup_reason,
         duration_seconds = EXCLUDED.duration_seconds, has_record = EXCLUDED.has_record, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [c.sessionId, c.app, c.bindingId, c.privacyNumber, c.caller, c.callee, c.state, c.startedAt, c.ringingAt, c.answeredAt,
        c.endedAt, c.hangupCode, c.hangupReason, c.durationSeconds, c.hasRecord, now],
    );
    return toCall(rows[0]);
  }

  async get(db: Queryable, sessionId: string): Promise<CallRow | null> {
    const { rows } = await db.query('SELECT * FROM calls WHERE session_id = $1', [sessionId]);
    return rows[0] ? toCall(rows[0]) : null;
  }

  async getMany(db: Queryable, sessionIds: readonly string[]): Promise<Map<string, CallRow>> {
    if (sessionIds.length === 0) return new Map();
    const { rows } = await db.query('SELECT * FROM calls WHERE session_id = ANY($1::text[])', [sessionIds]);
    return new Map(rows.map((r) => { const c = toCall(r); return [c.sessionId, c]; }));
  }

  /** Newest first. */
  list(db: Queryable, f: CallListFilter, first: number, after: string | null): Promise<Page<CallRow>> {
    return pageOf(db, { table: 'calls', filter: callFilter(f), orderColumn: 'seq', direction: 'DESC', first, after, map: toCall });
  }

  /** The same page of the calls of each binding (newest first), all in one query; see `pagesOf`. */
  pagesByBinding(db: Queryable, bindingIds: readonly string[], apps: readonly string[] | undefined, first: number, after: string | null): Promise<Map<string, Page<CallRow>>> {
    const q = { table: 'calls', filter: callFilter({ apps }), orderColumn: 'seq', direction: 'DESC' as const, first, after, map: toCall };
    return pagesOf(db, q, bindingIds, (key) => `t.binding_id = ${key}`);
  }

  /** Stores an event unless the same (session, type, time) is already stored; null = duplicate. */
  /**
   * Inserts an event unless one with the same session, type and body hash (of the canonical body the
   * platform sent, webhooks/canonical.ts) is stored: null for such a duplicate.
   */
  async insertEvent(tx: Queryable, app: string, e: Omit<CallEventRow, 'logCursor'>, userData: string | null, raw: unknown, bodyHash: string): Promise<number | null> {
    const { rows } = await tx.query<{ id: string | number }>(
      `INSERT INTO call_events (session_id, app, event_type, occurred_at, caller, called, binding_id, state_code, state_desc, digits, user_data, log_cursor, raw, body_hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,0,$12::jsonb,$13)
       ON CONFLICT (session_id, event_type, body_hash) DO NOTHING RETURNING id`,
      [e.sessionId, app, e.type, e.occurredAt, e.caller, e.called, e.bindingId, e.stateCode, e.stateDesc, e.digits, userData, JSON.stringify(raw), bodyHash],
    );
    return rows[0] ? Number(rows[0].id) : null;
  }

  /**
   * Attributes a call's earlier events to its binding once a later event names it (an AXE callin carries
   * no subscriptionId; the binding is known from collectInfo on). Replays and queries then show the binding
   * on every event of the call; live subscribers filtered by binding could not have seen the earlier ones.
   */
  async backfillBinding(tx: Queryable, sessionId: string, bindingId: string): Promise<void> {
    await tx.query('UPDATE call_events SET binding_id = $2 WHERE session_id = $1 AND binding_id IS NULL', [sessionId, bindingId]);
    await tx.query(
      `UPDATE event_log SET binding_id = $2, payload = jsonb_set(payload, '{event,bindingId}', to_jsonb($2::text))
       WHERE session_id = $1 AND binding_id IS NULL AND kind = 'callEvent'`,
      [sessionId, bindingId],
    );
  }

  async setEventCursor(tx: Queryable, id: number, cursor: string): Promise<void> {
    await tx.query('UPDATE call_events SET log_cursor = $2 WHERE id = $1', [id, cursor]);
  }

  /** The events of many calls, each list in the order they happened. */
  async eventsFor(db: Queryable, sessionIds: readonly string[]): Promise<Map<string, CallEventRow[]>> {
    const out = new Map<string, CallEventRow[]>();
    if (sessionIds.length === 0) return out;
    const { rows } = await db.query('SELECT * FROM call_events WHERE session_id = ANY($1::text[]) ORDER BY occurred_at, id', [sessionIds]);
    for (const r of rows) {
      const e = toEvent(r);
      out.set(e.sessionId, [...(out.get(e.sessionId) ?? []), e]);
    }
    return out;
  }

  /** Stores a CDR unless its key (icid, else sessionId) is already stored; false = duplicate. */
  async insertRecord(tx: Queryable, r: CallRecordRow, raw: unknown): Promise<boolean> {
    const { rows } = await tx.query(
      `INSERT INTO call_records (record_key, session_id, app, icid, binding_id, direction, privacy_number, caller, callee,
         forwarded_to, call_started_at, ringing_at, answered_at, ended_at, duration_seconds, failure_cause, teardown_point,
         recorded, record_object_name, record_domain, record_download_url, user_data, received_at, log_cursor, raw)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,0,$24::jsonb)
       ON CONFLICT (record_key) DO NOTHING RETURNING record_key`,
      [r.recordKey, r.sessionId, r.app, r.icid, r.bindingId, r.direction, r.privacyNumber, r.caller, r.callee, r.forwardedTo,
        r.callStartedAt, r.ringingAt, r.answeredAt, r.endedAt, r.durationSeconds, r.failureCause, r.teardownPoint, r.recorded,
        r.recordObjectName, r.recordDomain, r.recordDownloadUrl, r.userData, r.receivedAt, JSON.stringify(raw)],
    );
    return rows.length === 1;
  }

  async setRecordCursor(tx: Queryable, recordKey: string, cursor: string): Promise<void> {
    await tx.query('UPDATE call_records SET log_cursor = $2 WHERE record_key = $1', [recordKey, cursor]);
  }

  /** The CDRs of many calls, newest per call. */
  async recordsFor(db: Queryable, sessionIds: readonly string[]): Promise<Map<string, CallRecordRow>> {
    if (sessionIds.length === 0) return new Map();
    const { rows } = await db.query('SELECT * FROM call_records WHERE session_id = ANY($1::text[]) ORDER BY received_at', [sessionIds]);
    return new Map(rows.map((r) => { const c = toCallRecord(r); return [c.sessionId, c]; }));
  }
}
