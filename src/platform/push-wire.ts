/**
 * Wire DTOs of the platform's pushes (push-api.md): the bodies the platform POSTs to the customer and the
 * bodies the customer answers with. Field names are the platform's, exactly (they are case-sensitive).
 * Shared by the emulator, which sends them, and the gateway's webhook receiver, which parses them; the
 * receiver never trusts these types on input (webhooks/ parses `unknown` into its own union).
 *
 * Types state the documented form, which the emulator sends. Items marked [U] in push-api.md are
 * unconfirmed: the receiver tolerates their variants (an Integer sent as a digit string, an absent
 * "required" field, an empty string for an absent time), noted per field below.
 *
 * Formats: numbers are global (`+8613800138000`); call-event and CDR times are `yyyy-MM-dd HH:mm:ss` in
 * UTC; the SMS `timeStamp` is ISO-8601 UTC with milliseconds (`2024-05-06T04:10:22.318Z`).
 */

// ---------------------------------------------------------------- Call events (§2)

/** Every call event type, in the order of push-api.md §2.1. `collectInfo` is AXE only (the extension the caller typed). */
export const WIRE_CALL_EVENT_TYPES = ['callin', 'callout', 'alerting', 'answer', 'disconnect', 'collectInfo'] as const;

export type WireCallEventType = (typeof WIRE_CALL_EVENT_TYPES)[number];

/** X mode callin: whether the customer must answer with a control body (Block) or only observe (Notify). */
export type NotifyMode = 'Notify' | 'Block';

/** Body of a call event push (§2.1). */
export interface CallEventBody {
  eventType: WireCallEventType;
  /** Documented as optional, but present for every event type; the receiver requires it (it holds sessionId). */
  statusInfo?: CallStatusInfo;
}

/** §2.2. Which fields appear depends on the event type and mode. */
export interface CallStatusInfo {
  /** Time of the event on the platform, UTC `yyyy-MM-dd HH:mm:ss` (String 1-128). Described as a "UNIX
   * timestamp" although documented as this date string: the receiver also accepts epoch seconds or ms [U]. */
  timestamp?: string;
  /** Call link id (String 1-256), constant over the call and repeated in its CDR. Required. */
  sessionId: string;
  /** Calling number, global format (String 1-32). AX mode: not necessarily the real caller [C]. */
  caller?: string;
  /** Called number, global format (String 1-32). AX mode: not necessarily the real callee [C]. */
  called?: string;
  /** Binding id (String 1-64); empty or absent when no binding matched. */
  subscriptionId?: string;
  /** Echo of the binding's userData (String 1-256): callin, and AXE collectInfo. */
  userData?: string;
  /** disconnect only: hang-up reason (push-api.md Appendix A), 0 = normal. Integer; a digit string is tolerated [U]. */
  stateCode?: number;
  /** disconnect only: text of stateCode (String 1-128), e.g. `The user releases the call.` for 0. */
  stateDesc?: string;
  /** AXE collectInfo only: the digits entered, i.e. the extension (String 1-64). */
  digitInfo?: string;
  /** X mode callin only. Behaviour when absent is undocumented [U]. */
  notifyMode?: NotifyMode;
  /** X mode disconnect only: which side released. Type and values undocumented [U]: string or number tolerated. */
  callRelDirection?: string | number;
}

// ---------------------------------------------------------------- X mode Block callin response (§2.6)

/** Answer to an X mode callin with `notifyMode: "Block"`: connect the call, or end it. */
export type CallinControlResponse =
  | { operation: 'connect'; connectInfo: ApiConnectInfo }
  | { operation: 'close'; closeInfo?: ApiCloseInfo };

export interface ApiConnectInfo {
  /** Number shown to the callee (String 4-31), global format. Defaults to this call's X; carriers block anything else. */
  displayCalleeNum?: string;
  /** Real callee (String 4-31), global format. Required. */
  calleeNum: string;
  /** Maximum talk time in minutes from answer, 0–1440; 0 or absent = no limit (release code 8010). */
  maxDuration?: number;
  /** Ringback file name heard by the caller (String 0-128); absent = the callee's real ringback. */
  waitVoice?: string;
  /** Record this call: the strings `"true"` / `"false"` (default no recording; needs recording enabled for the app). */
  recordFlag?: 'true' | 'false';
  /** Recording announcement file (String 0-128); mandatory in practice whenever recording. */
  recordHintTone?: string;
  /** File played when one minute of maxDuration remains (String 0-128). */
  lastMinVoice?: string;
}

/** Fields undocumented [U]; send `{}` or omit it. */
export type ApiCloseInfo = Record<string, never>;

// ---------------------------------------------------------------- CDR (§3)

/** Body of a CDR push (§3.2): records of calls that ended within a short period. */
export interface FeeBody {
  eventType: 'fee';
  /** 1–50 records per push. */
  feeLst: FeeInfo[];
}

/**
 * One call record (§3.3). Integer fields are JSON numbers; the receiver also tolerates digit strings [U].
 * Time fields are UTC `yyyy-MM-dd HH:mm:ss`; absent or empty when the moment did not happen.
 */
export interface FeeInfo {
  /** Call direction per mode (§3.4), e.g. AXB 0 = B called A, 1 = A called B, 2 = abnormal. Required. */
  direction: number;
  /** Customer's cloud account (String 1-32). Required. */
  spId: string;
  /** The application's APP_Key (String 1-128). Required. */
  appKey: string;
  /** Unique call-record id (String 1-64). */
  icid?: string;
  /** The privacy number used by the call (String 1-32), global format. Required. */
  bindNum: string;
  /** Same value as in the call events (String 1-256). Required. */
  sessionId: string;
  /** Binding id (String 1-64); empty when there was no binding (then usually code 8014). */
  subscriptionId?: string;
  /** Caller of the first leg: whoever dialled the privacy number (String 1-32). Required. */
  callerNum: string;
  /** Callee of the first leg: the privacy number dialled (String 1-32). Documented required [U]. */
  calleeNum?: string;
  /** Number shown on the forwarded leg, normally X [U]. */
  fwdDisplayNum?: string;
  /** Real destination of the forwarded leg [U]. */
  fwdDstNum?: string;
  /** Start of the incoming leg. */
  callInTime?: string;
  /** Start of forwarding. */
  fwdStartTime?: string;
  /** Forwarded callee started ringing; absent or empty without ringing. */
  fwdAlertingTime?: string;
  /** Forwarded callee answered; empty when unanswered. Talk time = callEndTime − fwdAnswerTime. */
  fwdAnswerTime?: string;
  /** End of the call. */
  callEndTime?: string;
  /** Q.850 cause of a failed forward (Appendix B); 0 = not applicable. */
  fwdUnaswRsn?: number;
  /** Failure time of the incoming or outgoing leg. */
  failTime?: string;
  /** Teardown point (Appendix C); 0 = normal hang-up after connection. */
  ulFailReason?: number;
  /** SIP status code of the failed leg. */
  sipStatusCode?: number;
  /** 0 = not recorded, 1 = recorded. */
  recordFlag?: 0 | 1;
  /** Recording start time. */
  recordStartTime?: string;
  /** Recording file name: `fileName` of the "get recording download URL" API. Length [U]. */
  recordObjectName?: string;
  /** Directory or bucket of the recording. Length [U]. */
  recordBucketName?: string;
  /** Storage server domain (String 1-256); empty → download from recordFileDownloadUrl. */
  recordDomain?: string;
  /** Recording download URL, used when recordDomain is empty. Length [U]. */
  recordFileDownloadUrl?: string;
  /** Number of TTS playbacks [U meaning]. */
  ttsPlayTimes?: number;
  /** Total TTS conversion time, seconds [U]. */
  ttsTransDuration?: number;
  /** Conference id [U type]: a number is tolerated. */
  mptyId?: string;
  /** Service type code (String 1-32); examples always `"003"`, value list [U]. */
  serviceType?: string;
  /** Host that produced the CDR (String 1-128), e.g. `callenabler246.huaweicaas.com`. */
  hostName?: string;
  /** The binding's userData, echoed (String 1-256). */
  userData?: string;
  /** AXE only: the extension [U type]: a number is tolerated. */
  extendNum?: string;
  /** X mode only: release direction [U type and values]: string or number tolerated. */
  callRelDirection?: string | number;
  /** Seen only in one example, value 0 [U]. */
  callOutUnaswRsn?: number;
}

// ---------------------------------------------------------------- SMS (§4)

/** Body of an SMS push (§4.2). Has no eventType: the `smsEvent` key tells it apart. */
export interface SmsBody {
  /** APP_Key of the application (String 1-32). */
  appKey: string;
  smsEvent: SMSEventInfoType;
}

export interface SMSEventInfoType {
  /** Unique SMS id (String 1-64); fragments of a long SMS share one notification. Required. */
  smsIdentifier: string;
  /** Block pushes need a decision body (SmsBlockResponse); Notify pushes only a 200. Required. */
  notificationMode: NotifyMode;
  /** Real sender, global format (String 1-32). Documented required [U]; the receiver requires it. */
  calling: string;
  /** Real receiver (String 1-32): only after a successful forward, so absent on Block pushes. */
  called?: string;
  /** The X number (String 1-32). Documented required [U]; the receiver requires it. */
  virtualNumber: string;
  /** SMS event type, e.g. `"TextSMS"`; one sample has `"Text SMS "`. Enumeration [U]. */
  event?: string;
  /** UTC ISO-8601 with milliseconds, e.g. `2024-05-06T04:10:22.318Z`. Documented required [U]. */
  timeStamp?: string;
  /** Binding id. */
  subscriptionId?: string;
  /** Text of the SMS: only when content delivery is enabled for the app. */
  smsContent?: string;
  /** Extension parameters, e.g. `splitNum`, `direction`; meanings undocumented [U]. */
  extInfo?: { extParas: SmsExtPara[] };
  /** Delivery result (§4.3): 0 = success, 6 = discarded by the customer, 7 = decision timed out, …. */
  sendResult?: number;
  /** The binding's userData (String 1-256). */
  userData?: string;
}

export interface SmsExtPara {
  key: string;
  value: string;
}

// ---------------------------------------------------------------- SMS Block response (§4.4)

/**
 * Answer to an SMS push with `notificationMode: "Block"`. Receivers send this array form; the emulator
 * also accepts `actions` as a single object ({@link SmsBlockResponseSingle}), as Huawei's own sample sends.
 */
export interface SmsBlockResponse {
  actions: SMSActionType[];
}

/** The single-object form of `actions` seen in Huawei's sample [U]. */
export interface SmsBlockResponseSingle {
  actions: SMSActionType;
}

/** `vNumberRoute` forwards the SMS (needs `message`); `DiscardMessage` drops it (sendResult 6). */
export type SmsOperation = 'vNumberRoute' | 'DiscardMessage';

export interface SMSActionType {
  operation: SmsOperation;
  /** Only with vNumberRoute. */
  message?: MessageInfo;
  /** Reserved; ignored. */
  extParas?: unknown[];
  /** Custom data (String 1-256): no `{` or `}`; non-ASCII text Base64-encoded. */
  userData?: string;
}

export interface MessageInfo {
  /** Real receiver, global format (String 1-64). */
  called: string;
  /** Real sender (String 1-64): must equal the push's `calling`. */
  calling: string;
}

// ---------------------------------------------------------------- X number status (§5)

/** Body of an X number status push (§5.2). */
export interface NumStatusBody {
  eventType: 'numStatus';
  /** 1–100 records per push. */
  numInfo: NumInfo[];
}

/** `"5"` normal, `"9"` suspended, `"10"` unavailable, `"11"` binding frozen. */
export type WireNumStatus = '5' | '9' | '10' | '11';

/** `"1"` deleted, `"2"` arrears, `"3"` stopped, `"5"` carrier call restriction, `"6"` restriction lifted,
 * `"7"`/`"8"`/`"9"` unconditional/no-answer/busy call forwarding enabled on X. No `"4"`. */
export type WireNumStatusCause = '1' | '2' | '3' | '5' | '6' | '7' | '8' | '9';

export interface NumInfo {
  /** The X number whose status changed. Documented required [U]. */
  number: string;
  /** Documented required [U]. */
  status: WireNumStatus;
  /** Reason; documented as "only when status is unavailable". */
  cause?: WireNumStatusCause;
}

/** Any push body, as sent. */
export type PushBody = CallEventBody | FeeBody | SmsBody | NumStatusBody;
