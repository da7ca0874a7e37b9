import { type CallEventType, toCallEventType } from './call-event-type';
import type { CallEventRow, CallFields, CallRecordRow, CallRow } from './call.record';

/**
 * JSON-safe payloads of the event log (ISO strings, no Dates) and their GraphQL objects. A live subscriber
 * and a replay read the same payload, so both see exactly the same values.
 */
/** The call as the log carries it: its row without the bookkeeping (`seq`, `hasRecord`, `ringingAt`), instants as ISO strings. */
export type CallPayload = Omit<CallFields, 'hasRecord' | 'ringingAt' | 'startedAt' | 'answeredAt' | 'endedAt'> & {
  startedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
};

export interface CallEventPayload {
  sessionId: string;
  type: CallEventType;
  occurredAt: string;
  caller: string | null;
  called: string | null;
  bindingId: string | null;
  hangupCode: number | null;
  hangupReason: string | null;
  digits: string | null;
}

export type CallRecordPayload = Omit<CallRecordRow, 'callStartedAt' | 'ringingAt' | 'answeredAt' | 'endedAt' | 'receivedAt'> & {
  callStartedAt: string | null;
  ringingAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  receivedAt: string;
};

const iso = (v: Date | null): string | null => (v === null ? null : v.toISOString());
const date = (v: string | null): Date | null => (v === null ? null : new Date(v));

export function toCallPayload(c: CallFields): CallPayload {
  return {
    sessionId: c.sessionId,
    app: c.app,
    bindingId: c.bindingId,
    privacyNumber: c.privacyNumber,
    caller: c.caller,
    callee: c.callee,
    state: c.state,
    startedAt: iso(c.startedAt),
    answeredAt: iso(c.answeredAt),
    endedAt: iso(c.endedAt),
    durationSeconds: c.durationSeconds,
    hangupCode: c.hangupCode,
    hangupReason: c.hangupReason,
  };
}

export function toCallEventPayload(e: Omit<CallEventRow, 'logCursor'>): CallEventPayload {
  return {
    sessionId: e.sessionId,
    type: toCallEventType(e.type),
    occurredAt: e.occurredAt.toISOString(),
    caller: e.caller,
    called: e.called,
    bindingId: e.bindingId,
    hangupCode: e.stateCode,
    hangupReason: e.stateDesc,
    digits: e.digits,
  };
}

export function toCallRecordPayload(r: CallRecordRow): CallRecordPayload {
  return { ...r, callStartedAt: iso(r.callStartedAt), ringingAt: iso(r.ringingAt), answeredAt: iso(r.answeredAt), endedAt: iso(r.endedAt), receivedAt: r.receivedAt.toISOString() };
}

export function fromCallRecordPayload(p: CallRecordPayload): CallRecordRow {
  return { ...p, callStartedAt: date(p.callStartedAt), ringingAt: date(p.ringingAt), answeredAt: date(p.answeredAt), endedAt: date(p.endedAt), receivedAt: new Date(p.receivedAt) };
}

/** The GraphQL Call object of a stored row or a log payload. */
export function callFromRow(c: CallRow): CallView {
  return c;
}

export function callFromPayload(p: CallPayload): CallView {
  return { ...p, startedAt: date(p.startedAt), answeredAt: date(p.answeredAt), endedAt: date(p.endedAt) };
}

/** The GraphQL Call: the payload with instants as Dates, and the log cursor when a subscription delivers it. */
export type CallView = Omit<CallPayload, 'startedAt' | 'answeredAt' | 'endedAt'> & {
  cursor?: string | null;
  startedAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
};

/** The GraphQL CallEvent: the payload with its log cursor and the time as a Date. */
export type CallEventView = Omit<CallEventPayload, 'occurredAt'> & { cursor: string; occurredAt: Date };

export function callEventFromPayload(cursor: string, p: CallEventPayload): CallEventView {
  return { ...p, cursor, occurredAt: new Date(p.occurredAt) };
}

export function callEventFromRow(e: CallEventRow): CallEventView {
  return { ...toCallEventPayload(e), cursor: e.logCursor, occurredAt: e.occurredAt };
}
