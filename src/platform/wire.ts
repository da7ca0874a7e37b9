/**
 * Wire DTOs of the platform's REST surface (rest-api.md). Field names are the platform's, exactly.
 * Shared by the client (platform/) and the emulator (emulator/); nothing outside those two imports them:
 * GraphQL types are built from them only through mappers.
 *
 * Numbers are strings in global format (`+8613800000001`). Flags the platform types loosely ("true" or
 * true) are typed as `Flag`; clients send the documented form, the emulator accepts both.
 */

export type Flag = boolean | 'true' | 'false';
/** `"0"` strict (default), `"1"` non-strict: prefer the same province, else any X of the app. */
export type AreaMatchMode = '0' | '1';
/** 0 both directions, 1 only A→B, 2 only B→A. */
export type WireCallDirection = 0 | 1 | 2;

/** Every response carries this envelope; `resultcode` is `"0"` on success. */
export interface Envelope {
  resultcode: string;
  resultdesc: string;
}

/** Personalised pre-answer tones (voice file names). */
export interface ApiPlayInfo {
  callerHintTone?: string;
  calleeHintTone?: string;
}

/** The URIs of rest-api.md §0. */
export const URI = {
  axb: '/rest/caas/relationnumber/partners/v1.0',
  ax: '/rest/provision/caas/privatenumber/v1.0',
  axTemporaryCallee: '/rest/caas/privatenumber/calleenumber/v1.0',
  axe: '/rest/caas/extendnumber/v1.0',
  axeV2: '/rest/caas/extendnumber/v2.0',
  axyb: '/rest/omp/xyrelationnumber/v1.0',
  callStop: '/rest/httpsessions/callStop/v2.0',
  recording: '/rest/provision/voice/record/v1.0',
} as const;

// ---------------------------------------------------------------- AXB (§5)

export interface AxbBindRequest {
  relationNum?: string;
  areaCode?: string;
  areaMatchMode?: AreaMatchMode;
  callerNum: string;
  calleeNum: string;
  callDirection?: WireCallDirection;
  /** Seconds; 0 = never expires; at most 7776000. */
  duration?: number;
  recordFlag?: Flag;
  recordHintTone?: string;
  /** Minutes from answer; 0 = unlimited; at most 1440. */
  maxDuration?: number;
  lastMinVoice?: string;
  privateSms?: Flag;
  preVoice?: ApiPlayInfo;
  userData?: string;
}
export interface AxbBindResponse extends Envelope {
  relationNum: string;
  subscriptionId: string;
}
/** DELETE query: `subscriptionId` (wins) or `relationNum` (removes every binding on that X). */
export interface AxbUnbindRequest {
  subscriptionId?: string;
  relationNum?: string;
}
export interface AxbModifyRequest {
  subscriptionId: string;
  callerNum?: string;
  calleeNum?: string;
  callDirection?: WireCallDirection;
  duration?: number;
  maxDuration?: number;
  lastMinVoice?: string;
  privateSms?: Flag;
  recordFlag?: Flag;
  preVoice?: ApiPlayInfo;
}
export interface AxbQueryRequest {
  subscriptionId?: string;
  relationNum?: string;
  callerNum?: string;
  calleeNum?: string;
  /** 1-based. */
  pageIndex?: number;
  /** 10–100; default 50 when absent or out of range. */
  pageSize?: number;
}
export interface AxbBindingInfo {
  subscriptionId: string;
  relationNum: string;
  callerNum: string;
  calleeNum: string;
  callDirection?: WireCallDirection;
  duration?: number;
  recordFlag?: Flag;
  recordHintTone?: string;
  maxDuration?: number;
  lastMinVoice?: string;
  privateSms?: Flag;
  preVoice?: ApiPlayInfo;
  userData?: string;
  /** `yyyy-MM-dd HH:mm:ss` UTC: bind or last modify time. */
  subscribeTime?: string;
}
export interface AxbQueryResponse extends Envelope {
  totalCount: number;
  relationNumList: AxbBindingInfo[];
}

// ---------------------------------------------------------------- AX (§6)

export interface AxBindRequest {
  origNum: string;
  privateNum?: string;
  /** Fixed `mobile-virtual`; required with `areaCode`. */
  privateNumType?: 'mobile-virtual';
  areaCode?: string;
  areaMatchMode?: AreaMatchMode;
  recordFlag?: Flag;
  recordHintTone?: string;
  calleeNumDisplay?: '0' | '1';
  privateSms?: Flag;
  preVoice?: ApiPlayInfo;
  maxDuration?: number;
  lastMinVoice?: string;
  turnFlag?: 'on' | 'off';
  callDirection?: WireCallDirection;
  userData?: string;
}
export interface AxBindResponse extends Envelope {
  origNum: string;
  privateNum: string;
  subscriptionId: string;
}
/** DELETE query: `subscriptionId` (wins) or `origNum` + `privateNum` together. */
export interface AxUnbindRequest {
  subscriptionId?: string;
  origNum?: string;
  privateNum?: string;
}
export interface AxModifyRequest {
  subscriptionId?: string;
  origNum?: string;
  privateNum?: string;
  maxDuration?: number;
  privateSms?: Flag;
  recordFlag?: Flag;
  lastMinVoice?: string;
  recordHintTone?: string;
}
/** Precedence: subscriptionId > origNum > privateNum. */
export interface AxQueryRequest {
  subscriptionId?: string;
  origNum?: string;
  privateNum?: string;
}
export interface AxBindingInfo {
  subscriptionId: string;
  origNum: string;
  privateNum: string;
  recordFlag?: Flag;
  recordHintTone?: string;
  calleeNumDisplay?: '0' | '1';
  privateSms?: Flag;
  maxDuration?: number;
  lastMinVoice?: string;
  preVoice?: ApiPlayInfo;
  turnFlag?: 'on' | 'off';
  callDirection?: WireCallDirection;
  userData?: string;
  subscribeTime?: string;
}
export interface AxQueryResponse extends Envelope {
  privateNumList: AxBindingInfo[];
}
export interface AxTemporaryCalleeRequest {
  origNum: string;
  privateNum: string;
  calleeNum: string;
  /** Seconds the relation is kept (name and unit unconfirmed); default 60. */
  keepTime?: number;
}

// ---------------------------------------------------------------- AXE (§7)

/** `"0"` hours, `"1"` minutes: the unit of `bindExpiredTime` and `callbackExpiredTime`. */
export type TimeUnit = '0' | '1';

export interface AxeBindRequest {
  bindNum: string;
  virtualNum?: string;
  areaCode?: string;
  areaMatchMode?: AreaMatchMode;
  extendNum?: string;
  displayNumMode?: '0' | '1';
  recordFlag?: Flag;
  recordHintTone?: string;
  callbackTone?: string;
  callbackNum?: string;
  timeUnit?: TimeUnit;
  bindExpiredTime?: number;
  callbackExpiredTime?: number;
  userData?: string;
}
export interface AxeBindResponse extends Envelope {
  subscriptionId: string;
  virtualNum: string;
  extendNum: string;
  bindNum: string;
}
/** DELETE query: `subscriptionId` (wins) or `virtualNum` + `extendNum` together. */
export interface AxeUnbindRequest {
  subscriptionId?: string;
  virtualNum?: string;
  extendNum?: string;
}
export interface AxeModifyRequest {
  subscriptionId?: string;
  virtualNum?: string;
  extendNum?: string;
  bindExpiredTime?: number;
  callbackExpiredTime?: number;
  callbackNum?: string;
  callbackTone?: string;
  recordFlag?: Flag;
  recordHintTone?: string;
  timeUnit?: TimeUnit;
}
export interface AxeQueryRequest {
  subscriptionId?: string;
  virtualNum?: string;
  extendNum?: string;
}
export interface AxeBindingInfo {
  subscriptionId: string;
  virtualNum: string;
  extendNum: string;
  bindNum: string;
  displayNumMode?: '0' | '1';
  recordFlag?: Flag;
  recordHintTone?: string;
  callbackTone?: string;
  callbackNum?: string;
  timeUnit?: TimeUnit;
  bindExpiredTime?: number;
  callbackExpiredTime?: number;
  userData?: string;
  subscribeTime?: string;
}
export type AxeQueryResponse = Envelope & AxeBindingInfo;
export interface AxeQueryV2Request extends AxeQueryRequest {
  /** `\d{13}_\d{1,20}`; first page `0000000000000_0`. */
  cursor?: string;
  /** 1–100, default 50. */
  limit?: number;
}
export interface AxeQueryV2Response extends Envelope {
  bindList: AxeBindingInfo[];
  /** Absent or empty when there is no further page. */
  nextCursor?: string;
}

// ---------------------------------------------------------------- AXYB (§8)

export interface AxybBindRequest {
  /** Step 1: A. Step 2 (with subscriptionId): B. */
  origNum: string;
  subscriptionId?: string;
  areaCode?: string;
  areaMatchMode?: AreaMatchMode;
  callDirection?: WireCallDirection;
  /** AX lifetime seconds: 0 never, or 60–7776000; default 7200. */
  duration?: number | string;
  /** YB lifetime seconds: 0 ends with AX, or 60–7776000; capped by duration. */
  ybDuration?: number | string;
  recordFlag?: Flag;
  recordHintTone?: string;
  preVoiceX?: string;
  preVoiceY?: string;
  userData?: string;
}
export interface AxybBindResponse extends Envelope {
  subscriptionId: string;
  /** Step 1: X. Step 2: Y. */
  relationNumber: string;
}
/** DELETE query: `app_key` + `subscriptionId`, optionally `yNum` (wins) or `bNum` to unbind only YB. */
export interface AxybUnbindRequest {
  app_key: string;
  subscriptionId: string;
  yNum?: string;
  bNum?: string;
}
export interface AxybQueryRequest {
  app_key: string;
  subscriptionId?: string;
  relationNum?: string;
}
export interface AxybRelationInfo {
  bindId: string;
  numA: string;
  numX: string;
  numY?: string;
  numB?: string;
  recordFlag?: 'true' | 'false';
  recordHintTone?: string;
  subscribeTime?: string;
  callDirection?: WireCallDirection;
  duration?: string;
  ybDuration?: string;
  preVoiceX?: string;
  preVoiceY?: string;
  userData?: string;
}
export interface AxybQueryResponse extends Envelope {
  xyRelationNumList: AxybRelationInfo[];
}

// ---------------------------------------------------------------- Call control and recordings (§8.4, §9)

export interface CallStopRequest {
  sessionid: string;
  signal: 'call_stop';
}
export interface RecordingUrlRequest {
  fileName: string;
  recordDomain: string;
}
