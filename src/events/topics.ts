/**
 * The typed event contract. Every entry of the durable event log has a kind and a JSON-safe payload
 * (ISO strings, not Dates), so the in-process bus and Redis carry the same bytes and a replay from the
 * database yields exactly what a live subscriber saw.
 */
export type EventKind = 'callEvent' | 'callUpdated' | 'callRecord' | 'sms' | 'numberStatus';

/** One row of the event log as subscribers see it. `cursor` is a decimal string of a bigint. */
export interface LogEntry {
  cursor: string;
  kind: EventKind;
  app: string;
  sessionId: string | null;
  bindingId: string | null;
  privacyNumber: string | null;
  /** ISO-8601 UTC. */
  createdAt: string;
  payload: Record<string, unknown>;
}

/** An entry to append; the cursor and time are assigned by the log. */
export type NewLogEntry = Omit<LogEntry, 'cursor' | 'createdAt'>;

/**
 * The pub/sub channel of the event log. Messages are only wake-up calls carrying the newest cursor: each
 * process's reader (`log-reader.ts`) reads the entries itself from the log and routes them to its streams by
 * app, session, binding and number, which is what makes replay and live delivery one code path. One channel
 * is enough because routing happens after the read, in memory.
 */
export const ALL_CHANNEL = 'log:all';
