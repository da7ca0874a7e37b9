import { applyEvent, applyRecord, durationSeconds, EMPTY_CALL, isTerminal } from '../calls/call-state';
import type { CallEventRow, CallRecordRow, CallRow } from '../calls/call.record';
import type { CallRepository } from '../calls/call.repository';
import { toCallEventPayload, toCallPayload, toCallRecordPayload } from '../calls/call.payload';
import type { EventLog } from '../events/event-log';
import type { LogEntry } from '../events/topics';
import type { Db, Queryable } from '../store/db';
import { canonicalHash } from './canonical';
import type { CallEvent, CallRecord } from './push';

export interface CallStoreDeps {
  db: Db;
  log: EventLog;
  calls: CallRepository;
  now: () => Date;
}

/** What one stored push added to the event log (empty for a duplicate). */
export interface Stored {
  entries: LogEntry[];
  duplicates: number;
}

const blankCall = (sessionId: string, app: string): Omit<CallRow, 'seq'> => ({
  ...EMPTY_CALL,
  sessionId,
  app,
  bindingId: null,
  privacyNumber: null,
  caller: null,
  callee: null,
  durationSeconds: null,
  hasRecord: false,
});

/** Who is who in an event (push-api.md §2.3): callin names the dialler and X; later events the display number and the real callee. */
function withParties(call: Omit<CallRow, 'seq'>, e: CallEvent): Omit<CallRow, 'seq'> {
  const next = { ...call, bindingId: call.bindingId ?? e.subscriptionId ?? null };
  if (e.type === 'callin') return { ...next, caller: call.caller ?? e.caller ?? null, privacyNumber: call.privacyNumber ?? e.called ?? null };
  if (e.type === 'collectInfo') return next;
  return { ...next, callee: call.callee ?? e.called ?? null, privacyNumber: call.privacyNumber ?? e.caller ?? null };
}

/**
 * One call event, inside the caller's transaction (which holds the event-log lock): dedupe on (session,
 * type, hash of the canonical body as sent), move the call forward, append to the event log. The time is
 * not part of the key: a retry of an event without `timestamp` (whose time is the receive time) is still a
 * duplicate, and two real events of one type within one second differ in their bodies. A duplicate changes
 * nothing and appends nothing.
 */
export async function storeCallEvent(deps: CallStoreDeps, tx: Queryable, app: string, e: CallEvent): Promise<Stored> {
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
  const id = await deps.calls.insertEvent(tx, app, row, e.userData ?? null, e.raw, canonicalHash(e.raw));
  if (id === null) return { entries: [], duplicates: 1 };
  const current = (await deps.calls.lock(tx, e.sessionId)) ?? blankCall(e.sessionId, app);
  const moved = applyEvent(current, { type: e.type, occurredAt: e.occurredAt, stateCode: e.stateCode, stateDesc: e.stateDesc });
  const call = withParties({ ...current, ...moved }, e);
  call.durationSeconds = isTerminal(call.state) && !call.hasRecord ? durationSeconds(call) : call.durationSeconds;
  const saved = await deps.calls.save(tx, call, deps.now());
  if (current.bindingId === null && saved.bindingId !== null) await deps.calls.backfillBinding(tx, e.sessionId, saved.bindingId);
  const [entry] = await deps.log.append(tx, [
    {
      kind: 'callEvent',
      app,
      sessionId: e.sessionId,
      bindingId: saved.bindingId,
      privacyNumber: saved.privacyNumber,
      payload: { event: toCallEventPayload(row), call: toCallPayload(saved) },
    },
  ]);
  await deps.calls.setEventCursor(tx, id, entry.cursor);
  return { entries: [entry], duplicates: 0 };
}

export function toRecordRow(app: string, r: CallRecord, receivedAt: Date): CallRecordRow {
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

async function storeOneRecord(deps: CallStoreDeps, tx: Queryable, app: string, r: CallRecord, receivedAt: Date): Promise<LogEntry | null> {
  const row = toRecordRow(app, r, receivedAt);
  if (!(await deps.calls.insertRecord(tx, row, r.raw))) return null;
  const current = (await deps.calls.lock(tx, r.sessionId)) ?? blankCall(r.sessionId, app);
  const settled = applyRecord(current, {
    callStartedAt: row.callStartedAt,
    ringingAt: row.ringingAt,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    teardownPoint: row.teardownPoint,
  });
  const saved = await deps.calls.save(
    tx,
    {
      ...current,
      ...settled,
      bindingId: current.bindingId ?? row.bindingId,
      privacyNumber: row.privacyNumber,
      caller: row.caller,
      callee: row.forwardedTo ?? current.callee,
      durationSeconds: row.durationSeconds,
      hasRecord: true,
    },
    deps.now(),
  );
  const [entry] = await deps.log.append(tx, [
    {
      kind: 'callRecord',
      app,
      sessionId: r.sessionId,
      bindingId: saved.bindingId,
      privacyNumber: saved.privacyNumber,
      payload: { record: toCallRecordPayload(row), call: toCallPayload(saved) },
    },
  ]);
  await deps.calls.setRecordCursor(tx, row.recordKey, entry.cursor);
  return entry;
}

/**
 * The parsed records of a CDR batch (up to 50), inside the caller's transaction: all are stored or none, so
 * a 200 always means every record of the push is on disk. A record's key is its `icid` (one per call leg,
 * the platform's own CDR identity) and, for a record without one, its `sessionId`: a record already stored
 * under its key is skipped.
 */
export async function storeCdrBatch(deps: CallStoreDeps, tx: Queryable, app: string, records: readonly CallRecord[]): Promise<Stored> {
  const receivedAt = deps.now();
  const entries: LogEntry[] = [];
  let duplicates = 0;
  for (const r of records) {
    const entry = await storeOneRecord(deps, tx, app, r, receivedAt);
    if (entry) entries.push(entry);
    else duplicates++;
  }
  return { entries, duplicates };
}
