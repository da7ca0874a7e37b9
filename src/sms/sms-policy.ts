import type { SMSActionType, SmsBlockResponse } from '../platform/push-wire';
import { UnreachableCaseError } from '../shared/unreachable';
import { type SmsDecision, toSmsOperation } from './sms-decision';
import type { SmsPolicyRecord, SmsRuleRecord } from './sms.record';

/** With no policy stored for an app, Block SMS are discarded: nothing is forwarded that nobody allowed. */
export const NO_POLICY = (app: string): SmsPolicyRecord => ({ app, defaultDecision: 'DISCARD', rules: [] });

export interface BlockSms {
  sender: string;
  content: string | null;
}

export interface Decision {
  decision: SmsDecision;
  /** The real receiver when forwarding. */
  forwardTo: string | null;
  /** Why, for logs and for the stored record. */
  reason: string;
}

function matches(rule: SmsRuleRecord, sms: BlockSms): boolean {
  if (rule.senderPattern !== null && !sms.sender.startsWith(rule.senderPattern)) return false;
  if (rule.contentContains !== null && !(sms.content ?? '').includes(rule.contentContains)) return false;
  return true;
}

/**
 * The first matching rule decides, else the default. A FORWARD needs a receiver: the rule's `forwardTo`,
 * else `fallbackReceiver` (for AX, the binding's temporary callee); with neither, the SMS is discarded.
 */
export function decideBlockSms(policy: SmsPolicyRecord, sms: BlockSms, fallbackReceiver: string | null): Decision {
  const index = policy.rules.findIndex((r) => matches(r, sms));
  const rule = index >= 0 ? policy.rules[index] : null;
  const decision = rule?.decision ?? policy.defaultDecision;
  const why = rule ? `rule ${index + 1}` : 'default decision';
  switch (decision) {
    case 'DISCARD':
      return { decision, forwardTo: null, reason: why };
    case 'FORWARD': {
      const to = rule?.forwardTo ?? fallbackReceiver;
      return to ? { decision, forwardTo: to, reason: why } : { decision: 'DISCARD', forwardTo: null, reason: `${why}: no receiver to forward to` };
    }
    default:
      throw new UnreachableCaseError(decision);
  }
}

/** The Block response body (push-api.md §4.4), always in the documented array form. */
export function toBlockResponse(d: Decision, sender: string): SmsBlockResponse {
  const action: SMSActionType =
    toSmsOperation(d.decision) === 'vNumberRoute' && d.forwardTo
      ? { operation: 'vNumberRoute', message: { called: d.forwardTo, calling: sender } }
      : { operation: 'DiscardMessage' };
  return { actions: [action] };
}
