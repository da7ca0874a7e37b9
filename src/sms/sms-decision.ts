import { registerEnumType } from 'type-graphql';
import type { SmsOperation } from '../platform/push-wire';
import { UnreachableCaseError } from '../shared/unreachable';

/**
 * What the gateway answers an SMS Block push: the one type of the concept, used by policies, the stored
 * rows (`sms_messages.decision`, `sms_policies.default_decision` hold these names), the event log and
 * GraphQL. A const object rather than a TS enum, so a plain `'FORWARD'` (a config value, a stored row) is
 * one already; type-graphql registers the same object. The wire meets it only in `toSmsOperation`.
 */
export const SmsDecision = { FORWARD: 'FORWARD', DISCARD: 'DISCARD' } as const;
export type SmsDecision = (typeof SmsDecision)[keyof typeof SmsDecision];
registerEnumType(SmsDecision, {
  name: 'SmsDecision',
  description: 'What the gateway answers an SMS Block push.',
  valuesConfig: { FORWARD: { description: 'Deliver it (to forwardTo, or the binding default).' }, DISCARD: { description: 'Drop it.' } },
});

/** The Block response operation of a decision (push-api.md §4.4): vNumberRoute forwards, DiscardMessage drops. */
export function toSmsOperation(decision: SmsDecision): SmsOperation {
  switch (decision) {
    case 'FORWARD':
      return 'vNumberRoute';
    case 'DISCARD':
      return 'DiscardMessage';
    default:
      throw new UnreachableCaseError(decision);
  }
}
