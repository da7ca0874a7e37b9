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
 * Channels of the pub/sub. Messages are only wake-up calls carrying the newest cursor: subscribers read the
 * entries themselves from the log, which is what makes replay and live delivery one code path.
 * Routing by app keeps a busy app from waking subscribers of another.
 */
export function channelForApp(app: string): string {
  return `log:app:${app}`;
}

/** Every append is also announced here, for subscribers that span all apps. */
export const ALL_CHANNEL = 'log:all';

