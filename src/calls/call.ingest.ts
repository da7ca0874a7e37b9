import type { EventLog } from '../events/event-log';
import type { NewLogEntry } from '../events/topics';
import type { Stored } from '../shared/stored';
import type { Queryable } from '../store/db';
import { canonicalHash } from '../webhooks/canonical';
import type { CallEventPush, CdrPush } from '../webhooks/push';
import { applyEvent, applyRecord, durationSeconds, isTerminal } from './call-state';
import type { CallEventRow, CallRecordRow, CallRow } from './call.record';
import { toCallEventPayload, toCallPayload, toCallRecordPayload } from './call.payload';
import { backfillBinding, insertEvent, insertRecords, lockCalls, saveCalls, setEventCursor } from './call.store';

export interface CallIngestDeps {
  log: EventLog;
  now: () => Date;
}

/** Who is who in an event (push-api.md §2.3): callin names the dialler and X; later events the display number and the real callee. */
function withParties(call: CallRow, e: CallEventPush): CallRow {
  const next = { ...call, bindingId: call.bindingId ?? e.subscriptionId ?? null };
  if (e.type === 'callin') return { ...next, caller: call.caller ?? e.caller ?? null, privacyNumber: call.privacyNumber ?? e.called ?? null };
  if (e.type === 'collectInfo') return next;
  return { ...next, callee: call.callee ?? e.called ?? null, privacyNumber: call.privacyNumber ?? e.caller ?? null };
}

/**
 * One call event, inside the caller's transaction: dedupe on (session, type, hash of the canonical body as
 * sent), move the call forward, append to the event log. The time is not part of the key: a retry of an
 * event without `timestamp` (whose time is the receive time) is still a duplicate, and two real events of
 * one type within one second differ in their bodies. A duplicate changes nothing and appends nothing.
 */
export async function storeCallEvent(deps: CallIngestDeps, tx: Queryable, app: string, e: CallEventPush): Promise<Stored> {
  const row: Omit<CallEventRow, 'logCursor'> = {
    sessionId: e.sessionId,
    type: e.type,
    occurredAt: e.occurredAt,
    caller: e.caller ?? null,
    called: e.called ?? null,
    bindingId: e.subscriptionId ?? null,
    stateCode: e.stateCode ?? null,
    stateDesc: e.stateDesc ?? null,
    digits: e.digitInfo ?? null,
  };
  const id = await insertEvent(tx, app, row, e.userData ?? null, e.raw, canonicalHash(e.raw));
  if (id === null) return { entries: [], duplicates: 1 };
  const now = deps.now();
  const locked = await lockCalls(tx, app, [e.sessionId], now);
  const current = locked.calls.get(e.sessionId);
  if (!current) throw new Error('lockCalls returned no row for a session it was given');
  const moved = applyEvent(current, row);
  const call = withParties({ ...current, ...moved }, e);
  call.durationSeconds = isTerminal(call.state) && !call.hasRecord ? durationSeconds(call) : call.durationSeconds;
  await saveCalls(tx, [call], now);
  // A call created by this event has no earlier events to attribute.
  if (current.bindingId === null && call.bindingId !== null && !locked.created.has(e.sessionId)) await backfillBinding(tx, e.sessionId, call.bindingId);
  const [entry] = await deps.log.append(tx, [
    { kind: 'callEvent', app, sessionId: e.sessionId, bindingId: call.bindingId, privacyNumber: call.privacyNumber, payload: { event: toCallEventPayload(row), call: toCallPayload(call) } },
  ]);
  await setEventCursor(tx, id, entry.cursor);
  return { entries: [entry], duplicates: 0 };
}

export function toRecordRow(app: string, r: CdrPush, receivedAt: Date): CallRecordRow {
  const answered = r.fwdAnswerTime;
  const ended = r.callEndTime ?? r.failTime;
  return {
    recordKey: r.icid ? `icid:${r.icid}` : `session:${r.sessionId}`,
    sessionId: r.sessionId,
    app,
    icid: r.icid ?? null,
    bindingId: r.subscriptionId ?? null,
    direction: r.direction,
    privacyNumber: r.bindNum,
    caller: r.callerNum,
    callee: r.calleeNum ?? null,
    forwardedTo: r.fwdDstNum ?? null,
    callStartedAt: r.callInTime,
    ringingAt: r.fwdAlertingTime,
    answeredAt: answered,
    endedAt: ended,
    durationSeconds: answered && ended ? Math.max(0, Math.round((ended.getTime() - answered.getTime()) / 1000)) : 0,
    failureCause: r.fwdUnaswRsn ?? null,
    teardownPoint: r.ulFailReason ?? null,
    recorded: r.recordFlag,
    recordObjectName: r.recordObjectName ?? null,
    recordDomain: r.recordDomain ?? null,
    recordDownloadUrl: r.recordFileDownloadUrl ?? null,
    userData: r.userData ?? null,
    receivedAt,
  };
}

/** The call after its CDR: the record settles the state and times, and names the parties. */
function settle(current: CallRow, row: CallRecordRow): CallRow {
  const settled = applyRecord(current, row);
  return {
    ...current,
    ...settled,
    bindingId: current.bindingId ?? row.bindingId,
    privacyNumber: row.privacyNumber,
    caller: row.caller,
    callee: row.forwardedTo ?? current.callee,
    durationSeconds: row.durationSeconds,
    hasRecord: true,
  };
}

/**
 * The parsed records of a CDR batch (up to 50), inside the caller's transaction: all are stored or none, so
 * a 200 always means every record of the push is on disk. A record's key is its `icid` (one per call leg,
 * the platform's own CDR identity) and, for a record without one, its `sessionId`: a record already stored
 * under its key, or met earlier in the same batch, is skipped.
 *
 * Set-based: one insert of the batch's records (the dedupe), one locking upsert of their calls, the state
 * machine applied in JS in batch order (records of one call one after the other, each entry carrying the
 * call as that record left it), one update of the calls, and one event-log append, the last statement.
 */
export async function storeCdrBatch(deps: CallIngestDeps, tx: Queryable, app: string, records: readonly CdrPush[]): Promise<Stored> {
  const now = deps.now();
  const byKey = new Map<string, { row: CallRecordRow; raw: unknown }>();
  for (const r of records) {
    const row = toRecordRow(app, r, now);
    if (!byKey.has(row.recordKey)) byKey.set(row.recordKey, { row, raw: r.raw });
  }
  const unique = [...byKey.values()];
  const inserted = await insertRecords(tx, unique.map((u) => u.row), unique.map((u) => u.raw));
  const fresh = unique.filter((u) => inserted.has(u.row.recordKey)).map((u) => u.row);
  const duplicates = records.length - fresh.length;
  if (fresh.length === 0) return { entries: [], duplicates };

  const { calls } = await lockCalls(tx, app, fresh.map((r) => r.sessionId), now);
  const pending: NewLogEntry[] = [];
  for (const row of fresh) {
    const current = calls.get(row.sessionId);
    if (!current) throw new Error('lockCalls returned no row for a session it was given');
    const call = settle(current, row);
    calls.set(row.sessionId, call);
    pending.push({ kind: 'callRecord', app, sessionId: row.sessionId, bindingId: call.bindingId, privacyNumber: call.privacyNumber, payload: { record: toCallRecordPayload(row), call: toCallPayload(call) } });
  }
  await saveCalls(tx, [...calls.values()], now);
  const entries = await deps.log.append(tx, pending);
  return { entries, duplicates };
}
