import type { FirstAttempt } from './push-sender';

/** What the customer's answer to a Block push decides. `none`: no usable answer (timeout, error, garbage). */
export type BlockDecision = { kind: 'forward'; called: string } | { kind: 'discard' } | { kind: 'none'; reason: string };

/**
 * Reads the answer to an SMS Block push (push-api.md §4.4): HTTP 200 with `actions` as an array (its first
 * element counts) or as a single object. `vNumberRoute` needs `message.called` in global format, and
 * `message.calling`, when sent, must equal the push's `calling`. `DiscardMessage` drops the SMS.
 */
export function readBlockAnswer(first: FirstAttempt, calling: string, numberPattern: RegExp): BlockDecision {
  if (first.kind === 'skipped') return { kind: 'none', reason: 'no SMS control address' };
  if (first.kind === 'failed') return { kind: 'none', reason: first.error };
  if (first.status !== 200) return { kind: 'none', reason: `HTTP ${first.status}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(first.body);
  } catch {
    return { kind: 'none', reason: 'the answer is not JSON' };
  }
  const actions = isObject(parsed) ? parsed.actions : undefined;
  const action = Array.isArray(actions) ? actions[0] : actions;
  if (!isObject(action)) return { kind: 'none', reason: 'no action in the answer' };
  if (action.operation === 'DiscardMessage') return { kind: 'discard' };
  if (action.operation !== 'vNumberRoute') return { kind: 'none', reason: 'unknown operation' };
  const message = isObject(action.message) ? action.message : {};
  if (typeof message.called !== 'string' || !numberPattern.test(message.called)) return { kind: 'none', reason: 'message.called is not a valid number' };
  if (message.calling !== undefined && message.calling !== calling) return { kind: 'none', reason: 'message.calling differs from the sender' };
  return { kind: 'forward', called: message.called };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
