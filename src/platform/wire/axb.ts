/** Wire DTOs of the AXB mode (rest-api.md §5); field names are the platform's, exactly. */
import type { Envelope, Flag, AreaMatchMode, WireCallDirection, ApiPlayInfo } from './common';

/** What an AXB binding carries besides its numbers: given at bind, shown by a query. */
interface AxbSettings {
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
export interface AxbBindRequest extends AxbSettings {
  relationNum?: string;
  areaCode?: string;
  areaMatchMode?: AreaMatchMode;
  callerNum: string;
  calleeNum: string;
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
export interface AxbBindingInfo extends AxbSettings {
  subscriptionId: string;
  relationNum: string;
  callerNum: string;
  calleeNum: string;
  /** `yyyy-MM-dd HH:mm:ss` UTC: bind or last modify time. */
  subscribeTime?: string;
}
export interface AxbQueryResponse extends Envelope {
  totalCount: number;
  relationNumList: AxbBindingInfo[];
}
