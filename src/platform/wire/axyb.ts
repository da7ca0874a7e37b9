/** Wire DTOs of the AXYB mode (rest-api.md §8); field names are the platform's, exactly. */
import type { Envelope, Flag, AreaMatchMode, WireCallDirection } from './common';

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
