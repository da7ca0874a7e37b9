import type { Queryable } from '../store/db';
import { EMPTY_CALL } from './call-state';
import type { CallEventRow, CallFields, CallRecordRow, CallRow } from './call.record';
import { toCall } from './call.repository';

/**
 * The writes of `calls`, `call_events` and `call_records` made while a push is stored, each one statement
 * whatever the number of rows (`unnest` of one array per column). Instants travel as ISO strings and are cast
 * in SQL, so both drivers serialize the arrays the same way.
 *
 * Lock order (events/event-log.ts states why it matters): the dedupe inserts take their keys in key order,
 * then {@link insertOrLockCalls} takes the call rows in session order, then the event-log append takes its lock.
 */

const iso = (v: Date | null): string | null => (v === null ? null : v.toISOString());

/**
 * Inserts an event unless one with the same session, type and body hash (of the canonical body the
 * platform sent, webhooks/canonical.ts) is stored: its id, or null for such a duplicate.
 */
export async function insertEvent(tx: Queryable, app: string, e: Omit<CallEventRow, 'logCursor'>, userData: string | null, raw: unknown, bodyHash: string): Promise<number | null> {
  const { rows } = await tx.query<{ id: string | number }>(
    `INSERT INTO call_events (session_id, app, event_type, occurred_at, caller, called, binding_id, state_code, state_desc, digits, user_data, log_cursor, raw, body_hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,0,$12::jsonb,$13)
     ON CONFLICT (session_id, event_type, body_hash) DO NOTHING RETURNING id`,
    [e.sessionId, app, e.type, e.occurredAt, e.caller, e.called, e.bindingId, e.stateCode, e.stateDesc, e.digits, userData, JSON.stringify(raw), bodyHash],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

export async function setEventCursor(tx: Queryable, id: number, cursor: string): Promise<void> {
  await tx.query('UPDATE call_events SET log_cursor = $2 WHERE id = $1', [id, cursor]);
}

/**
 * Attributes a call's earlier events to its binding once a later event names it (an AXE callin carries
 * no subscriptionId; the binding is known from collectInfo on). Replays and queries then show the binding
 * on every event of the call; live subscribers filtered by binding could not have seen the earlier ones.
 * The caller holds the call's row lock, so no other writer has uncommitted entries of this call.
 */
export async function backfillBinding(tx: Queryable, sessionId: string, bindingId: string): Promise<void> {
  await tx.query('UPDATE call_events SET binding_id = $2 WHERE session_id = $1 AND binding_id IS NULL', [sessionId, bindingId]);
  await tx.query(
    `UPDATE event_log SET binding_id = $2, payload = jsonb_set(payload, '{event,bindingId}', to_jsonb($2::text))
     WHERE session_id = $1 AND binding_id IS NULL AND kind = 'callEvent'`,
    [sessionId, bindingId],
  );
}

/**
 * Inserts the CDRs whose key (icid, else sessionId) is not stored yet, in key order; returns the keys
 * inserted. `records` must not repeat a key (the caller dedupes the batch first).
 */
export async function insertRecords(tx: Queryable, records: readonly CallRecordRow[], raws: readonly unknown[]): Promise<Set<string>> {
  const col = <T>(f: (r: CallRecordRow) => T): T[] => records.map(f);
  const { rows } = await tx.query<{ record_key: string }>(
    `INSERT INTO call_records (record_key, session_id, app, icid, binding_id, direction, privacy_number, caller, callee,
       forwarded_to, call_started_at, ringing_at, answered_at, ended_at, duration_seconds, failure_cause, teardown_point,
       recorded, record_object_name, record_domain, record_download_url, user_data, received_at, raw)
     SELECT k, s, a, icid, b, dir, x, caller, callee, fwd, t1, t2, t3, t4, dur, fc, tp, rec, ron, rd, rdu, ud, recv, raw::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[],
              $10::text[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::int[], $16::int[],
              $17::int[], $18::bool[], $19::text[], $20::text[], $21::text[], $22::text[], $23::timestamptz[], $24::text[])
         AS r(k, s, a, icid, b, dir, x, caller, callee, fwd, t1, t2, t3, t4, dur, fc, tp, rec, ron, rd, rdu, ud, recv, raw)
      ORDER BY k
     ON CONFLICT (record_key) DO NOTHING RETURNING record_key`,
    [
      col((r) => r.recordKey), col((r) => r.sessionId), col((r) => r.app), col((r) => r.icid), col((r) => r.bindingId),
      col((r) => r.direction), col((r) => r.privacyNumber), col((r) => r.caller), col((r) => r.callee), col((r) => r.forwardedTo),
      col((r) => iso(r.callStartedAt)), col((r) => iso(r.ringingAt)), col((r) => iso(r.answeredAt)), col((r) => iso(r.endedAt)),
      col((r) => r.durationSeconds), col((r) => r.failureCause), col((r) => r.teardownPoint), col((r) => r.recorded),
      col((r) => r.recordObjectName), col((r) => r.recordDomain), col((r) => r.recordDownloadUrl), col((r) => r.userData),
      col((r) => r.receivedAt.toISOString()), raws.map((raw) => JSON.stringify(raw)),
    ],
  );
  return new Set(rows.map((r) => r.record_key));
}

/**
 * The columns both call writes send, as `$1`–`$14` arrays in this order: the session, then what a push
 * computes. {@link CALL_UNNEST} opens the unnest (the caller may add arrays and closes it); {@link callArrays}
 * makes the arrays.
 */
const CALL_COLUMNS = 's, b, x, caller, callee, state, t1, t2, t3, t4, hc, hr, dur, rec';
const CALL_UNNEST = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[],
              $9::timestamptz[], $10::timestamptz[], $11::int[], $12::text[], $13::int[], $14::bool[]`;

function callArrays(calls: readonly CallFields[]): unknown[][] {
  const col = <T>(f: (c: CallFields) => T): T[] => calls.map(f);
  return [
    col((c) => c.sessionId), col((c) => c.bindingId), col((c) => c.privacyNumber), col((c) => c.caller), col((c) => c.callee),
    col((c) => c.state), col((c) => iso(c.startedAt)), col((c) => iso(c.ringingAt)), col((c) => iso(c.answeredAt)),
    col((c) => iso(c.endedAt)), col((c) => c.hangupCode), col((c) => c.hangupReason), col((c) => c.durationSeconds),
    col((c) => c.hasRecord),
  ];
}

/** The calls of a push as stored once {@link insertOrLockCalls} returns; `created` names those it inserted. */
export interface LockedCalls {
  calls: Map<string, CallRow>;
  created: Set<string>;
}

/**
 * Inserts `proposed` (the calls as computed from a blank row, {@link blankCall}) where no row of the session is
 * stored, and locks for update, unchanged, the rows that are: one statement, in session order. `calls` holds,
 * per session, the inserted row or the stored one; the caller computes the stored ones again from what they
 * hold and writes them with {@link saveCalls}. Inserting here is what makes two transactions that both store
 * the first push of one call serialize: the second waits on the first's new row and then reads what the first
 * wrote, instead of both starting from a blank call and the last write winning. Inserting the computed values
 * (not a blank row later updated) writes a new call's row and its ten index entries once. The no-op DO UPDATE
 * is what locks an existing row and returns it; `xmax = 0` holds for a row this statement inserted.
 */
export async function insertOrLockCalls(tx: Queryable, proposed: readonly CallFields[], now: Date): Promise<LockedCalls> {
  const sorted = [...proposed].sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
  const { rows } = await tx.query<Record<string, unknown> & { created: boolean }>(
    `INSERT INTO calls (session_id, binding_id, privacy_number, caller, callee, state, started_at, ringing_at, answered_at,
       ended_at, hangup_code, hangup_reason, duration_seconds, has_record, app, created_at, updated_at)
     SELECT s, b, x, caller, callee, state, t1, t2, t3, t4, hc, hr, dur, rec, a, $16, $16
       FROM ${CALL_UNNEST}, $15::text[]) WITH ORDINALITY AS u(${CALL_COLUMNS}, a, ord)
      ORDER BY ord
     ON CONFLICT (session_id) DO UPDATE SET updated_at = calls.updated_at
     RETURNING *, (xmax = 0) AS created`,
    [...callArrays(sorted), sorted.map((c) => c.app), now],
  );
  const calls = new Map<string, CallRow>();
  const created = new Set<string>();
  for (const r of rows) {
    const c = toCall(r);
    calls.set(c.sessionId, c);
    if (r.created) created.add(c.sessionId);
  }
  return { calls, created };
}

/** A call of `app` before any push of it is stored: what {@link insertOrLockCalls} would find for a new session. */
export function blankCall(sessionId: string, app: string): CallFields {
  return { ...EMPTY_CALL, sessionId, app, bindingId: null, privacyNumber: null, caller: null, callee: null, durationSeconds: null, hasRecord: false };
}

/** Writes stored calls (rows locked by {@link insertOrLockCalls} in this transaction) as computed from their pushes. */
export async function saveCalls(tx: Queryable, calls: readonly CallFields[], now: Date): Promise<void> {
  if (calls.length === 0) return;
  await tx.query(
    `UPDATE calls SET binding_id = u.b, privacy_number = u.x, caller = u.caller, callee = u.callee, state = u.state,
       started_at = u.t1, ringing_at = u.t2, answered_at = u.t3, ended_at = u.t4, hangup_code = u.hc, hangup_reason = u.hr,
       duration_seconds = u.dur, has_record = u.rec, updated_at = $15
     FROM ${CALL_UNNEST}) AS u(${CALL_COLUMNS})
     WHERE calls.session_id = u.s`,
    [...callArrays(calls), now],
  );
}
