import type { Queryable } from '../store/db';
import { type Page, pageOf, pagesOf, SqlFilter } from '../store/paging';
import type { CallState } from './call-state';
import type { CallEventRow, CallRecordRow, CallRow } from './call.record';

type Dateish = Date | string | null;
const d = (v: Dateish): Date | null => (v === null ? null : new Date(v));
const n = (v: number | string | null): number | null => (v === null ? null : Number(v));

/* eslint-disable @typescript-eslint/no-explicit-any */
export function toCall(r: any): CallRow {
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
  state?: CallState;
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

/** Reads of `calls`, `call_events` and `call_records` (the writes of a push are in call.store.ts). */
export class CallRepository {
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

  /** The CDRs of many calls, newest per call. */
  async recordsFor(db: Queryable, sessionIds: readonly string[]): Promise<Map<string, CallRecordRow>> {
    if (sessionIds.length === 0) return new Map();
    const { rows } = await db.query('SELECT * FROM call_records WHERE session_id = ANY($1::text[]) ORDER BY received_at', [sessionIds]);
    return new Map(rows.map((r) => { const c = toCallRecord(r); return [c.sessionId, c]; }));
  }
}
