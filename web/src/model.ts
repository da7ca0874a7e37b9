import type { BoardCallFragment, CallEventType, NumberStatus } from './generated/graphql';
import type { CallEventMessage } from './live';

/** A row of the live-calls table: moves only forward, ringing → answered → ended (or failed). */
export type LiveCallState = 'ringing' | 'answered' | 'ended' | 'failed';

export interface LiveCall {
  sessionId: string;
  state: LiveCallState;
  app: string | null;
  privacyNumber: string | null;
  caller: string | null;
  callee: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  hangupReason: string | null;
}

const RANK: Record<LiveCallState, number> = { ringing: 0, answered: 1, ended: 2, failed: 2 };

/** How many finished calls stay in the live table (newest first) before they leave it. */
export const KEEP_FINISHED = 8;

/** The live table after one call event; a late or replayed event never moves a call back. */
export function applyCallEvent(calls: readonly LiveCall[], e: CallEventMessage): LiveCall[] {
  const found = calls.find((c) => c.sessionId === e.sessionId);
  const base: LiveCall = found ?? {
    sessionId: e.sessionId,
    state: 'ringing',
    app: e.binding?.app.name ?? null,
    privacyNumber: null,
    caller: null,
    callee: null,
    startedAt: e.occurredAt,
    answeredAt: null,
    endedAt: null,
    hangupReason: null,
  };
  const next = step(base, e.type, e);
  const others = calls.filter((c) => c.sessionId !== e.sessionId);
  const all = [next, ...others].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const finished = all.filter((c) => RANK[c.state] === 2).slice(0, KEEP_FINISHED);
  return all.filter((c) => RANK[c.state] < 2 || finished.includes(c));
}

function step(c: LiveCall, type: CallEventType, e: CallEventMessage): LiveCall {
  const forward = (state: LiveCallState, patch: Partial<LiveCall> = {}): LiveCall =>
    RANK[state] < RANK[c.state] || RANK[c.state] === 2 ? c : { ...c, ...patch, state };
  switch (type) {
    case 'CALL_IN':
      return { ...c, caller: c.caller ?? e.caller ?? null, privacyNumber: c.privacyNumber ?? e.called ?? null };
    case 'CALL_OUT':
      return { ...c, callee: e.called ?? c.callee };
    case 'ALERTING':
    case 'COLLECT_INFO':
      return forward('ringing');
    case 'ANSWER':
      return forward('answered', { answeredAt: e.occurredAt });
    case 'DISCONNECT':
      return forward(c.answeredAt ? 'ended' : 'failed', { endedAt: e.occurredAt, hangupReason: hangupInWords(e.hangupCode, e.hangupReason) });
    default:
      return c;
  }
}

/** Live rows for calls the `calls` query says are still going (the board opened mid-call). */
export function fromCall(c: BoardCallFragment): LiveCall | null {
  if (c.state === 'ENDED' || c.state === 'FAILED') return null;
  return {
    sessionId: c.sessionId,
    state: c.state === 'ANSWERED' ? 'answered' : 'ringing',
    app: c.binding?.app.name ?? null,
    privacyNumber: c.privacyNumber ?? null,
    caller: c.caller ?? null,
    callee: c.callee ?? null,
    startedAt: c.startedAt ?? new Date().toISOString(),
    answeredAt: c.answeredAt ?? null,
    endedAt: null,
    hangupReason: null,
  };
}

/** The platform's own words for a hang-up, with its code; "Normal release" for 0. */
export function hangupInWords(code: number | null | undefined, reason: string | null | undefined): string | null {
  if (code === null || code === undefined) return reason ?? null;
  const words = reason?.trim() || (code === 0 ? 'Normal release' : 'Unknown reason');
  return `${words} (${code})`;
}

export const STATUS_WORDS: Record<NumberStatus, string> = {
  NORMAL: 'Normal',
  SUSPENDED: 'Suspended',
  BINDING_FROZEN: 'Binding frozen',
  UNAVAILABLE: 'Unavailable',
};

/** `m:ss` (or `h:mm:ss`) of whole seconds. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Seconds from `from` to `to` (or now). */
export function secondsBetween(from: string, to: string | null, nowMs: number): number {
  return ((to ? Date.parse(to) : nowMs) - Date.parse(from)) / 1000;
}

export interface HourBucket {
  /** Start of the hour, ms since epoch. */
  hourMs: number;
  calls: number;
  answered: number;
}

/** Calls per hour over the 24 hours ending at the hour of `nowMs`, oldest first (24 buckets). */
export function hourlyBuckets(calls: readonly { startedAt?: string | null; answeredAt?: string | null }[], nowMs: number): HourBucket[] {
  const hour = 3_600_000;
  const last = Math.floor(nowMs / hour) * hour;
  const buckets: HourBucket[] = Array.from({ length: 24 }, (_, i) => ({ hourMs: last - (23 - i) * hour, calls: 0, answered: 0 }));
  for (const c of calls) {
    if (!c.startedAt) continue;
    const index = 23 - (last - Math.floor(Date.parse(c.startedAt) / hour) * hour) / hour;
    if (index < 0 || index > 23) continue;
    buckets[index].calls++;
    if (c.answeredAt) buckets[index].answered++;
  }
  return buckets;
}
