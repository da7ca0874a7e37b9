import { registerEnumType } from 'type-graphql';
import type { NotifyMode } from '../platform/push-wire';
import { UnreachableCaseError } from '../shared/unreachable';

/**
 * Whether an SMS push only informs (NOTIFY) or asks for a decision (BLOCK): the one type of the concept for
 * the stored rows (`sms_messages.mode` holds these names), the event log and GraphQL. Parsed pushes keep the
 * platform's word (`NotifyMode`, platform/push-wire.ts); `toSmsMode` is the only way from it.
 */
export const SmsNotificationMode = { NOTIFY: 'NOTIFY', BLOCK: 'BLOCK' } as const;
export type SmsNotificationMode = (typeof SmsNotificationMode)[keyof typeof SmsNotificationMode];
registerEnumType(SmsNotificationMode, {
  name: 'SmsNotificationMode',
  description: 'NOTIFY: informational. BLOCK: the gateway decided forward or discard.',
  valuesConfig: { NOTIFY: { description: 'The platform delivered it and tells us.' }, BLOCK: { description: 'The platform asked the gateway whether to deliver it.' } },
});

export function toSmsMode(wire: NotifyMode): SmsNotificationMode {
  switch (wire) {
    case 'Notify':
      return 'NOTIFY';
    case 'Block':
      return 'BLOCK';
    default:
      throw new UnreachableCaseError(wire);
  }
}
