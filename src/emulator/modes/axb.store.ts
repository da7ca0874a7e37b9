import type { ApiPlayInfo, WireCallDirection } from '../../platform/wire';
import { BindingMap } from '../binding-map';

/** One AXB binding: A (caller) and B (callee) reach each other through X (rest-api.md §5). */
export interface AxbBinding {
  readonly subscriptionId: string;
  readonly relationNum: string;
  callerNum: string;
  calleeNum: string;
  callDirection: WireCallDirection;
  /** Lifetime in platform seconds from `subscribeTimeMs`; 0 = permanent. */
  duration: number;
  recordFlag: boolean;
  recordHintTone?: string;
  /** Minutes from answer; 0 = unlimited. */
  maxDuration: number;
  lastMinVoice?: string;
  privateSms?: 'true' | 'false';
  preVoice?: ApiPlayInfo;
  userData?: string;
  /** Bind or last modify time (emulated epoch ms). */
  subscribeTimeMs: number;
  expiresAtMs?: number;
}

/** AXB bindings of one app. A number appears at most once on an X, whatever its role. */
export class AxbStore extends BindingMap<AxbBinding> {
  /** Bindings on X in bind order. */
  onNumber(relationNum: string): AxbBinding[] {
    return this.filter((b) => b.relationNum === relationNum);
  }

  /** Whether `party` is A or B of a binding on X other than `exceptId`. */
  partyOn(relationNum: string, party: string, exceptId?: string): boolean {
    return this.onNumber(relationNum).some(
      (b) => b.subscriptionId !== exceptId && (b.callerNum === party || b.calleeNum === party),
    );
  }
}
