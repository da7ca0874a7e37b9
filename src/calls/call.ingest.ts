import type { EventLog } from '../events/event-log';
import type { NewLogEntry } from '../events/topics';
import type { Stored } from '../shared/stored';
import type { Queryable } from '../store/db';
import { canonicalHash } from '../webhooks/canonical';
import type { CallEventPush, CdrPush } from '../webhooks/push';
import { applyEvent, applyRecord, durationSeconds, isTerminal } from './call-state';
import type { CallEventRow, CallFields, CallRecordRow, CallRow } from './call.record';
import { toCallEventPayload, toCallPayload, toCallRecordPayload } from './call.payload';
import { backfillBinding, blankCall, insertEvent, insertOrLockCalls, insertRecords, saveCalls, setEventCursor } from './call.store';

export interface CallIngestDeps {
  log: EventLog;
  now: () => Date;
}

/** Who is who in an event (push-api.md §2.3): callin names the dialler and X; later events the display number and the real callee. */
function withParties(call: CallFields, e: CallEventPush): CallFields {
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
  const advance = (current: CallFields): CallFields => {
    const call = withParties({ ...current, ...applyEvent(current, row) }, e);
    return { ...call, durationSeconds: isTerminal(call.state) && !call.hasRecord ? durationSeconds(call) : call.durationSeconds };
  };
  const { from, to, created } = await writeCalls(tx, [e.sessionId], app, now, (start) => ({ calls: new Map([...start].map(([s, c]) => [s, advance(c)])), out: null }));
  const [current, call] = [from.get(e.sessionId), to.get(e.sessionId)];
  if (!current || !call) throw new Error('writeCalls returned no row for a session it was given');
  // A call created by this event has no earlier events to attribute.
  if (current.bindingId === null && call.bindingId !== null && !created.has(e.sessionId)) await backfillBinding(tx, e.sessionId, call.bindingId);
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
function settle(current: CallFields, row: CallRecordRow): CallFields {
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
 * Set-based: one insert of the batch's records (the dedupe), the state machine applied in JS in batch order
 * (records of one call one after the other, each entry carrying the call as that record left it), one
 * insert-or-lock of their calls and one update of those already stored ({@link writeCalls}), and one
 * event-log append, the last statement.
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

  const { out: pending } = await writeCalls(tx, fresh.map((r) => r.sessionId), app, now, (start) => {
    const calls = new Map(start);
    const out: NewLogEntry[] = [];
    for (const row of fresh) {
      const current = calls.get(row.sessionId);
      if (!current) throw new Error('writeCalls started from no row for a session it was given');
      const call = settle(current, row);
      calls.set(row.sessionId, call);
      out.push({ kind: 'callRecord', app, sessionId: row.sessionId, bindingId: call.bindingId, privacyNumber: call.privacyNumber, payload: { record: toCallRecordPayload(row), call: toCallPayload(call) } });
    }
    return { calls, out };
  });
  const entries = await deps.log.append(tx, pending);
  return { entries, duplicates };
}

/** Which row each call was computed from, what it became, which calls the push created, and what else `advance` gave. */
interface WrittenCalls<T> {
  from: ReadonlyMap<string, CallFields>;
  to: ReadonlyMap<string, CallFields>;
  created: ReadonlySet<string>;
  out: T;
}

/**
 * Computes and writes the calls of a push under their row locks, in one statement when none is stored yet
 * (the first push of a call: callin, or a CDR batch of calls the gateway heard nothing else of). `advance`
 * maps each session's starting row to what the push leaves (and anything else computed on the way, such as
 * the log entries); it is run first from blank rows, whose results {@link insertOrLockCalls} inserts where
 * no row exists, and, when some are stored, again from the rows as stored (now locked), whose results
 * {@link saveCalls} writes. So `advance` must be pure: it may run twice, and only its last run counts. The
 * result is the same as locking blank-created rows and then updating them.
 */
async function writeCalls<T>(
  tx: Queryable,
  sessionIds: readonly string[],
  app: string,
  now: Date,
  advance: (start: ReadonlyMap<string, CallFields>) => { calls: Map<string, CallFields>; out: T },
): Promise<WrittenCalls<T>> {
  const blanks = new Map([...new Set(sessionIds)].map((s) => [s, blankCall(s, app)]));
  const proposed = advance(blanks);
  const { calls, created } = await insertOrLockCalls(tx, [...proposed.calls.values()], now);
  if (created.size === blanks.size) return { from: blanks, to: proposed.calls, created, out: proposed.out };
  const from = new Map([...blanks].map(([s, blank]) => [s, created.has(s) ? blank : stored(calls, s)]));
  const again = advance(from);
  await saveCalls(tx, [...again.calls.values()].filter((c) => !created.has(c.sessionId)), now);
  return { from, to: again.calls, created, out: again.out };
}

function stored(calls: ReadonlyMap<string, CallRow>, sessionId: string): CallRow {
  const c = calls.get(sessionId);
  if (!c) throw new Error('insertOrLockCalls returned no row for a session it was given');
  return c;
}
