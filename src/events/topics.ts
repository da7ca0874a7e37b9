import type { CallEventPayload, CallPayload, CallRecordPayload } from '../calls/call.payload';
import type { NumberStatusPayload } from '../numbers/number-status.payload';
import type { SmsPayload } from '../sms/sms.record';

/**
 * The typed event contract. Every entry of the durable event log has a kind and a JSON-safe payload
 * (ISO strings, not Dates), so the in-process bus and Redis carry the same bytes and a replay from the
 * database yields exactly what a live subscriber saw.
 *
 * The payload of each kind is declared by the feature that appends it (calls/, sms/, numbers/) and named
 * here through type-only imports: events/ gains no runtime dependency on features, and the whole contract,
 * every kind with its payload, reads in this one place (a map that features augmented by declaration merging
 * would scatter it, and a kind would exist or not depending on which files a compilation includes).
 */
export interface LogPayloads {
  /** Appended by calls/call.ingest.ts for each new call event: the event and the call as it left it. */
  callEvent: { event: CallEventPayload; call: CallPayload };
  /** Appended by calls/call.ingest.ts for each new CDR: the record and the call as it settled it. */
  callRecord: { record: CallRecordPayload; call: CallPayload };
  /** Appended by sms/sms.ingest.ts for each new SMS push (a BLOCK and a NOTIFY push are two entries). */
  sms: { sms: SmsPayload };
  /** Appended by numbers/number-status.ingest.ts for each new status change: the number as it left it. */
  numberStatus: { number: NumberStatusPayload };
}

export type EventKind = keyof LogPayloads;

/** One row of the event log as subscribers see it, per kind. `cursor` is a decimal string of a bigint. */
type EntryByKind = {
  [K in EventKind]: {
    cursor: string;
    kind: K;
    app: string;
    sessionId: string | null;
    bindingId: string | null;
    privacyNumber: string | null;
    /** ISO-8601 UTC. */
    createdAt: string;
    payload: LogPayloads[K];
  };
};

/** One row of the event log, discriminated by `kind`. */
export type LogEntry = EntryByKind[EventKind];

/** An entry of one of the kinds `K`. */
export type LogEntryOf<K extends EventKind> = Extract<LogEntry, { kind: K }>;

/** An entry to append; the cursor and time are assigned by the log. */
export type NewLogEntry = { [K in EventKind]: Omit<LogEntryOf<K>, 'cursor' | 'createdAt'> }[EventKind];

/** Whether `entry` is of one of `kinds`; narrows it, payload included. */
export function isKind<K extends EventKind>(entry: LogEntry, ...kinds: K[]): entry is LogEntryOf<K> {
  return kinds.some((k) => k === entry.kind);
}

/**
 * `entry` as an entry of one of `kinds`, for a stream opened on those kinds only. An entry of another kind
 * breaks the reader's contract (it routes by kind before delivery): it throws rather than read a payload
 * that is not there.
 */
export function entryOf<K extends EventKind>(entry: LogEntry, ...kinds: K[]): LogEntryOf<K> {
  if (isKind(entry, ...kinds)) return entry;
  throw new Error(`event log: a ${entry.kind} entry reached a stream of ${kinds.join(', ')}`);
}

/**
 * The pub/sub channel of the event log. Messages are only wake-up calls carrying the newest cursor: each
 * process's reader (`log-reader.ts`) reads the entries itself from the log and routes them to its streams by
 * app, session, binding and number, which is what makes replay and live delivery one code path. One channel
 * is enough because routing happens after the read, in memory.
 */
export const ALL_CHANNEL = 'log:all';
