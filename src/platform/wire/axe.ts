/** Wire DTOs of the AXE mode (rest-api.md §7); field names are the platform's, exactly. */
import type { Envelope, Flag, AreaMatchMode } from './common';

/** `"0"` hours, `"1"` minutes: the unit of `bindExpiredTime` and `callbackExpiredTime`. */
export type TimeUnit = '0' | '1';

/** What an AXE binding carries besides its numbers: given at bind, shown by a query. */
export interface AxeSettings {
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
export interface AxeBindRequest extends AxeSettings {
  bindNum: string;
  virtualNum?: string;
  areaCode?: string;
  areaMatchMode?: AreaMatchMode;
  extendNum?: string;
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
export interface AxeBindingInfo extends AxeSettings {
  subscriptionId: string;
  virtualNum: string;
  extendNum: string;
  bindNum: string;
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
