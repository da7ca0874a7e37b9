/** A stored SMS notification (table `sms_messages`), one per (smsIdentifier, mode). */
export type SmsModeName = 'NOTIFY' | 'BLOCK';
export type SmsDecisionName = 'FORWARD' | 'DISCARD';

export interface SmsRow {
  id: number;
  smsIdentifier: string;
  mode: SmsModeName;
  app: string;
  bindingId: string | null;
  privacyNumber: string;
  sender: string;
  receiver: string | null;
  decision: SmsDecisionName | null;
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
  decision: SmsDecisionName;
  forwardTo: string | null;
}

export interface SmsPolicyRecord {
  app: string;
  defaultDecision: SmsDecisionName;
  rules: SmsRuleRecord[];
}
