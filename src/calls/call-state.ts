import { registerEnumType } from 'type-graphql';
import { UnreachableCaseError } from '../shared/unreachable';
import type { CallEventRow, CallRecordRow } from './call.record';

/**
 * A call's life as a forward-only state machine. Pushes arrive late, twice, or out of order; applying them
 * in any order converges on the same answer, and nothing ever moves a call backwards: a late `answer`
 * after `disconnect` never reopens it. The CDR, when it arrives, is the final word.
 *
 * `CallState` is the one type of the state, for the machine, the `calls` rows, the event log and GraphQL
 * (type-graphql registers the same object): a const object rather than a TS enum, so the machine's plain
 * `'RINGING'` is one.
 */
export const CallState = { INCOMING: 'INCOMING', RINGING: 'RINGING', ANSWERED: 'ANSWERED', ENDED: 'ENDED', FAILED: 'FAILED' } as const;
export type CallState = (typeof CallState)[keyof typeof CallState];
registerEnumType(CallState, {
  name: 'CallState',
  description: 'Moves only forward. ENDED: the call was connected; FAILED: it never was.',
  valuesConfig: {
    INCOMING: { description: 'The caller reached the privacy number.' },
    RINGING: { description: 'The other party is ringing.' },
    ANSWERED: { description: 'Both sides are talking.' },
    ENDED: { description: 'Over, after it was answered.' },
    FAILED: { description: 'Over without being answered.' },
  },
});

export interface CallSnapshot {
  state: CallState;
  startedAt: Date | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  hangupCode: number | null;
  hangupReason: string | null;
}

/** What the machine reads of a stored call event (its type is the platform's word, as pushed). */
export type CallEventInput = Pick<CallEventRow, 'type' | 'occurredAt'> & Partial<Pick<CallEventRow, 'stateCode' | 'stateDesc'>>;

/** What the machine reads of a stored CDR. */
export type CdrInput = Pick<CallRecordRow, 'callStartedAt' | 'ringingAt' | 'answeredAt' | 'endedAt' | 'teardownPoint'>;

const RANK: Record<CallState, number> = { INCOMING: 0, RINGING: 1, ANSWERED: 2, ENDED: 3, FAILED: 3 };

export function isTerminal(state: CallState): boolean {
  return RANK[state] === 3;
}

const earliest = (a: Date | null, b: Date | null): Date | null => (a === null ? b : b === null ? a : a <= b ? a : b);

export const EMPTY_CALL: CallSnapshot = {
  state: 'INCOMING',
  startedAt: null,
  ringingAt: null,
  answeredAt: null,
  endedAt: null,
  hangupCode: null,
  hangupReason: null,
};

/** A terminal state: ENDED when the call was connected (answered, or released normally with code 0), else FAILED. */
function terminal(answeredAt: Date | null, hangupCode: number | null): CallState {
  return answeredAt !== null || hangupCode === 0 ? 'ENDED' : 'FAILED';
}

function advance(current: CallState, to: CallState): CallState {
  return RANK[to] > RANK[current] ? to : current;
}

/** The call after one more event. Pure; idempotent for the same event. */
export function applyEvent(call: CallSnapshot, e: CallEventInput): CallSnapshot {
  const next = { ...call };
  switch (e.type) {
    case 'callin':
    case 'collectInfo':
    case 'callout':
      next.startedAt = earliest(call.startedAt, e.occurredAt);
      return next;
    case 'alerting':
      next.ringingAt = earliest(call.ringingAt, e.occurredAt);
      next.state = advance(call.state, 'RINGING');
      return next;
    case 'answer':
      next.answeredAt = earliest(call.answeredAt, e.occurredAt);
      // Terminal calls stay terminal; an answer learnt late only corrects which terminal state it was.
      next.state = isTerminal(call.state) ? terminal(next.answeredAt, call.hangupCode) : advance(call.state, 'ANSWERED');
      return next;
    case 'disconnect':
      next.endedAt = earliest(call.endedAt, e.occurredAt);
      next.hangupCode = e.stateCode ?? call.hangupCode;
      next.hangupReason = e.stateDesc ?? call.hangupReason;
      next.state = terminal(next.answeredAt, next.hangupCode);
      return next;
    default:
      throw new UnreachableCaseError(e.type);
  }
}

/** The CDR settles the call: its times win, and answered-or-not decides ENDED or FAILED. */
export function applyRecord(call: CallSnapshot, r: CdrInput): CallSnapshot {
  const answeredAt = r.answeredAt ?? call.answeredAt;
  return {
    ...call,
    startedAt: r.callStartedAt ?? call.startedAt,
    ringingAt: r.ringingAt ?? call.ringingAt,
    answeredAt,
    endedAt: r.endedAt ?? call.endedAt,
    state: answeredAt !== null ? 'ENDED' : 'FAILED',
    hangupCode: call.hangupCode ?? (answeredAt !== null ? 0 : r.teardownPoint),
  };
}

/** Talk time: end minus answer, 0 when unanswered, null while still going. */
export function durationSeconds(call: Pick<CallSnapshot, 'answeredAt' | 'endedAt' | 'state'>): number | null {
  if (!isTerminal(call.state)) return null;
  if (call.answeredAt === null || call.endedAt === null) return 0;
  return Math.max(0, Math.round((call.endedAt.getTime() - call.answeredAt.getTime()) / 1000));
}
