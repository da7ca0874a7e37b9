import type { AppState } from '../state';

/** What the binding brings to an SMS push. */
export interface SmsBinding {
  readonly subscriptionId: string;
  readonly userData?: string;
}

/**
 * The platform's decision for one SMS to X (push-api.md §4.1). `forward`: delivered to `to` as `text`.
 * `block`: AX, A's text lacks a valid `@B` suffix: the customer decides. `reject`: not delivered; a Notify
 * says why (§4.3). `direction` is the `direction` extension parameter: "1" A texts out, "0" someone texts A [U].
 */
export type SmsDecision =
  | { kind: 'forward'; to: string; text: string; binding: SmsBinding; direction: '0' | '1' }
  | { kind: 'block'; binding: SmsBinding; direction: '1' }
  | { kind: 'reject'; sendResult: number; binding?: SmsBinding; direction: '0' | '1' };

function smsBinding(b: { subscriptionId: string; userData?: string }): SmsBinding {
  return { subscriptionId: b.subscriptionId, ...(b.userData !== undefined ? { userData: b.userData } : {}) };
}

/**
 * Shared refusals: X suspended or unavailable → 3; binding with privateSms "false" → 11 (the closest
 * documented value: no SMS capability) [U].
 */
function refusal(app: AppState, x: string, privateSms: string | undefined, binding: SmsBinding, direction: '0' | '1'): SmsDecision | undefined {
  if (app.pool.get(x)?.abnormal) return { kind: 'reject', sendResult: 3, binding, direction };
  if (privateSms === 'false') return { kind: 'reject', sendResult: 11, binding, direction };
  return undefined;
}

/** AXB: A or B texts X → the other one. Anyone else: sendResult 2 (binding does not exist). */
export function routeAxbSms(app: AppState, from: string, x: string, content: string): SmsDecision {
  const b = app.axb.onNumber(x).find((p) => p.callerNum === from || p.calleeNum === from);
  if (!b) return { kind: 'reject', sendResult: 2, direction: '0' };
  const direction = b.callerNum === from ? '1' : '0';
  const binding = smsBinding(b);
  const to = b.callerNum === from ? b.calleeNum : b.callerNum;
  return refusal(app, x, b.privateSms, binding, direction) ?? { kind: 'forward', to, text: content, binding, direction };
}

/**
 * AX: A texts X ending with `@<national number>` → that number, suffix stripped; A's text without a valid
 * suffix → Block. Anyone else texts X → A, with `[From<national number>]` appended. No binding: 2.
 */
export function routeAxSms(app: AppState, from: string, x: string, content: string, numberPattern: RegExp): SmsDecision {
  const b = app.ax.byPrivateNum(x);
  if (!b) return { kind: 'reject', sendResult: 2, direction: '0' };
  const binding = smsBinding(b);
  const direction = b.origNum === from ? '1' : '0';
  const refused = refusal(app, x, b.privateSms, binding, direction);
  if (refused) return refused;
  if (direction === '0') return { kind: 'forward', to: b.origNum, text: `${content}[From${national(from)}]`, binding, direction };
  const suffix = parseSuffix(content, numberPattern);
  return suffix ? { kind: 'forward', to: suffix.to, text: suffix.text, binding, direction } : { kind: 'block', binding, direction };
}

/**
 * A's `@B` suffix: an ASCII `@` then an 11-digit mobile number (`@13900139000`) or a fixed-line number
 * with its leading 0 (`@075528000001`), at the very end of the text.
 */
export function parseSuffix(content: string, numberPattern: RegExp): { to: string; text: string } | undefined {
  const m = /@(1\d{10}|0\d{9,11})$/.exec(content);
  if (!m) return undefined;
  const to = `+86${m[1].startsWith('0') ? m[1].slice(1) : m[1]}`;
  return numberPattern.test(to) ? { to, text: content.slice(0, m.index) } : undefined;
}

/** `+8613900139000` → `13900139000` (other numbers unchanged). */
function national(number: string): string {
  return number.startsWith('+86') ? number.slice(3) : number;
}
