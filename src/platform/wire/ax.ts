/** Wire DTOs of the AX mode (rest-api.md §6); field names are the platform's, exactly. */
import type { Envelope, Flag, AreaMatchMode, WireCallDirection, ApiPlayInfo } from './common';

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
