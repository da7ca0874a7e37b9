import type { CallStatusInfo, FeeInfo, NotifyMode, SmsExtPara, WireCallEventType } from '../platform/push-wire';
import type { NumberStatus } from '../numbers/number-status';
import type { JsonObject, JsonValue } from './json';

/**
 * A push from the platform, parsed and normalized at the edge (push-api.md §0): the only shape of a webhook
 * body that code past `webhooks/` sees. Each variant keeps the JSON it came from (`raw`) for storage.
 */
export type Push =
  | { kind: 'callEvent'; event: CallEventPush }
  /** `rejected`: records that did not parse (dead letters); the batch's other records are stored. */
  | { kind: 'cdrBatch'; records: CdrPush[]; rejected: RejectedRecord[] }
  | { kind: 'sms'; sms: SmsPush }
  | { kind: 'numberStatus'; changes: NumberStatusChange[] };

export type ParseResult = { ok: true; push: Push } | { ok: false; error: PushParseError };

/**
 * Why a body is not a push. Safe to log: `got` is a short description of the value found, with phone-like
 * digit runs masked. `path` is dotted with array indexes, e.g. `feeLst[3].sessionId`; `(body)` is the body itself.
 */
export interface PushParseError {
  path: string;
  expected: string;
  got: string;
}

/** One record of a CDR batch that did not parse: its JSON as sent and why. */
export interface RejectedRecord {
  index: number;
  raw: JsonValue;
  error: PushParseError;
}

/** The CDR time fields (§3.3): parsed into UTC instants. */
type CdrTimeField = 'callInTime' | 'fwdStartTime' | 'fwdAlertingTime' | 'fwdAnswerTime' | 'callEndTime' | 'failTime' | 'recordStartTime';

/**
 * One call event (§2.2): the fields of `statusInfo` with the wire names and meanings of `CallStatusInfo`, plus
 * the event type. Optional fields are absent when the platform sent nothing or an empty string; `occurredAt`
 * is `statusInfo.timestamp` (UTC), or the receive time when the platform left it out; `callRelDirection`
 * (values undocumented) is kept as text.
 */
export type CallEventPush = Omit<CallStatusInfo, 'timestamp' | 'callRelDirection'> & {
  type: WireCallEventType;
  occurredAt: Date;
  callRelDirection?: string;
  raw: JsonObject;
};

/**
 * One CDR of a fee push (§3.3): the fields of `FeeInfo` with their wire names and meanings. Times are UTC
 * instants, null when absent or empty (an unanswered call has `fwdAnswerTime: null`); numbers are kept
 * exactly as sent; `recordFlag` is true for wire 1, false for 0 or absent; the fields of undocumented type
 * (`mptyId`, `extendNum`, `callRelDirection`) are kept as text.
 */
export type CdrPush = Omit<FeeInfo, CdrTimeField | 'recordFlag' | 'callRelDirection'> & {
  [K in CdrTimeField]: Date | null;
} & {
  recordFlag: boolean;
  callRelDirection?: string;
  raw: JsonObject;
};

/** One SMS notification (§4.2), its fields renamed for what they hold. */
export interface SmsPush {
  appKey: string;
  /** `Block`: the response body decides forward or discard (§4.4). */
  mode: NotifyMode;
  smsIdentifier: string;
  /** `calling`: the real sender. */
  sender: string;
  /** `called`: the real receiver, only after a successful forward (absent on Block). */
  receiver?: string;
  /** The X number. */
  virtualNumber: string;
  /** `timeStamp` (UTC); the receive time when the platform left it out. */
  occurredAt: Date;
  /** `event` with white space removed (`"Text SMS "` → `TextSMS`). */
  event?: string;
  subscriptionId?: string;
  /** `smsContent`: only when content delivery is enabled for the app. */
  content?: string;
  /** §4.3: 0 = success, 6 = discarded by the customer, 7 = decision timed out, …. */
  sendResult?: number;
  userData?: string;
  /** `extInfo.extParas`, in order; empty when absent. */
  extParas: SmsExtPara[];
  raw: JsonObject;
}

/** One record of `numInfo`. */
export interface NumberStatusChange {
  number: string;
  status: NumberStatus;
  /** The wire cause code, kept even when its meaning is unknown. */
  cause?: string;
  /** Meaning of `cause` per §5.2; absent for an undocumented code. */
  causeText?: string;
  raw: JsonObject;
}
