import type { SmsDecision } from './sms-decision';
import type { SmsNotificationMode } from './sms-mode';

/** A stored SMS notification (table `sms_messages`), one per (smsIdentifier, mode). */
export interface SmsRow {
  id: number;
  smsIdentifier: string;
  mode: SmsNotificationMode;
  app: string;
  bindingId: string | null;
  privacyNumber: string;
  sender: string;
  receiver: string | null;
  decision: SmsDecision | null;
  sendResult: number | null;
  content: string | null;
  occurredAt: Date;
}

/** JSON-safe form carried in the event log. */
export type SmsPayload = Omit<SmsRow, 'occurredAt'> & { occurredAt: string };

export const toSmsPayload = (r: SmsRow): SmsPayload => ({ ...r, occurredAt: r.occurredAt.toISOString() });
export const fromSmsPayload = (p: SmsPayload): SmsRow => ({ ...p, occurredAt: new Date(p.occurredAt) });

export interface SmsRuleRecord {
  senderPattern: string | null;
  contentContains: string | null;
  decision: SmsDecision;
  forwardTo: string | null;
}

export interface SmsPolicyRecord {
  app: string;
  defaultDecision: SmsDecision;
  rules: SmsRuleRecord[];
}
