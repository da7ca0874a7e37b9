import type { SmsBody } from '../../platform/push-wire';
import type { SmsBinding } from './sms-route';

/** One SMS as the pushes describe it. */
export interface SmsFacts {
  readonly appKey: string;
  readonly smsIdentifier: string;
  readonly calling: string;
  readonly virtualNumber: string;
  /** The text as sent; only in the pushes when content delivery is on. */
  readonly content?: string;
  readonly binding?: SmsBinding;
  readonly direction: '0' | '1';
}

/**
 * An SMS push body (push-api.md §4.2). Block: no `called`, no `sendResult`. Notify: `called` only after a
 * successful forward, and `sendResult`. `timeStamp` is ISO-8601 UTC with milliseconds.
 */
export function smsBody(facts: SmsFacts, nowMs: number, outcome: { mode: 'Block' } | { mode: 'Notify'; sendResult: number; called?: string }): SmsBody {
  const { binding } = facts;
  return {
    appKey: facts.appKey,
    smsEvent: {
      smsIdentifier: facts.smsIdentifier,
      notificationMode: outcome.mode,
      calling: facts.calling,
      ...(outcome.mode === 'Notify' && outcome.called !== undefined ? { called: outcome.called } : {}),
      virtualNumber: facts.virtualNumber,
      event: 'TextSMS',
      timeStamp: new Date(nowMs).toISOString(),
      ...(binding ? { subscriptionId: binding.subscriptionId } : {}),
      ...(facts.content !== undefined ? { smsContent: facts.content } : {}),
      extInfo: { extParas: [{ key: 'splitNum', value: '0' }, { key: 'direction', value: facts.direction }] },
      ...(outcome.mode === 'Notify' ? { sendResult: outcome.sendResult } : {}),
      ...(binding?.userData !== undefined ? { userData: binding.userData } : {}),
    },
  };
}
