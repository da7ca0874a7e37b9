import type { NotifyMode, WireCallEventType } from '../platform/push-wire';
import type { NumberStatus } from '../numbers/number-status';
import type { JsonObject, JsonValue } from './json';

/**
 * A push from the platform, parsed and normalized at the edge (push-api.md §0): the only shape of a webhook
 * body that code past `webhooks/` sees. Each variant keeps the JSON it came from (`raw`) for storage.
 */
export type Push =
  | { kind: 'callEvent'; event: CallEvent }
  /** `rejected`: records that did not parse (dead letters); the batch's other records are stored. */
  | { kind: 'cdrBatch'; records: CallRecord[]; rejected: RejectedRecord[] }
  | { kind: 'sms'; sms: SmsEvent }
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

/** One call event (§2.2). Optional fields are absent when the platform sent nothing or an empty string. */
export interface CallEvent {
  type: WireCallEventType;
  sessionId: string;
  /** `statusInfo.timestamp` (UTC); the receive time when the platform left it out. */
  occurredAt: Date;
  caller?: string;
  called?: string;
  subscriptionId?: string;
  userData?: string;
  /** disconnect: hang-up reason, push-api.md Appendix A (0 = normal). */
  stateCode?: number;
  stateDesc?: string;
  /** AXE collectInfo: the extension entered. */
  digitInfo?: string;
  /** X mode callin: `Block` means the response body decides the call. */
  notifyMode?: NotifyMode;
  /** X mode disconnect: release direction, values undocumented, kept as text. */
  callRelDirection?: string;
  raw: JsonObject;
}

/**
 * One CDR (§3.3), field names as on the wire. Times are UTC instants, null when absent or empty (an
 * unanswered call has `fwdAnswerTime: null`). Numbers are kept exactly as sent.
 */
export interface CallRecord {
  sessionId: string;
  /** Per mode (§3.4); e.g. AXB 0 = B called A, 1 = A called B, 2 = abnormal. */
  direction: number;
  spId: string;
  appKey: string;
  bindNum: string;
  callerNum: string;
  icid?: string;
  subscriptionId?: string;
  calleeNum?: string;
  fwdDisplayNum?: string;
  fwdDstNum?: string;
  callInTime: Date | null;
  fwdStartTime: Date | null;
  fwdAlertingTime: Date | null;
  fwdAnswerTime: Date | null;
  callEndTime: Date | null;
  failTime: Date | null;
  recordStartTime: Date | null;
  /** Q.850 cause (Appendix B); 0 = not applicable. */
  fwdUnaswRsn?: number;
  /** Teardown point (Appendix C); 0 = normal. */
  ulFailReason?: number;
  sipStatusCode?: number;
  callOutUnaswRsn?: number;
  /** True when the call was recorded (wire 1); false for 0 or absent. */
  recordFlag: boolean;
  recordObjectName?: string;
  recordBucketName?: string;
  recordDomain?: string;
  recordFileDownloadUrl?: string;
  ttsPlayTimes?: number;
  ttsTransDuration?: number;
  mptyId?: string;
  serviceType?: string;
  hostName?: string;
  userData?: string;
  /** AXE: the extension. */
  extendNum?: string;
  /** X mode: release direction, kept as text. */
  callRelDirection?: string;
  raw: JsonObject;
}

/** One SMS notification (§4.2). */
export interface SmsEvent {
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
  extParas: SmsExtParam[];
  raw: JsonObject;
}

export interface SmsExtParam {
  key: string;
  value: string;
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
