import type { ApiPlayInfo, WireCallDirection } from '../../platform/wire';
import { BindingMap } from '../binding-map';

/** A's next outbound callee through X (AX-5); it lapses at `expiresAtMs`. */
export interface TemporaryCallee {
  calleeNum: string;
  expiresAtMs: number;
}

/** One AX binding: X belongs to A (rest-api.md §6). AX bindings have no lifetime. */
export interface AxBinding {
  readonly subscriptionId: string;
  readonly origNum: string;
  readonly privateNum: string;
  recordFlag: boolean;
  recordHintTone?: string;
  calleeNumDisplay?: '0' | '1';
  privateSms?: 'true' | 'false';
  preVoice?: ApiPlayInfo;
  maxDuration: number;
  lastMinVoice?: string;
  turnFlag?: 'on' | 'off';
  callDirection?: WireCallDirection;
  userData?: string;
  subscribeTimeMs: number;
  temporaryCallee?: TemporaryCallee;
  expiresAtMs?: undefined;
}

/** AX bindings of one app: one A per X, a few X per A. */
export class AxStore extends BindingMap<AxBinding> {
  byPrivateNum(privateNum: string): AxBinding | undefined {
    return this.all().find((b) => b.privateNum === privateNum);
  }

  byOrigNum(origNum: string): AxBinding[] {
    return this.filter((b) => b.origNum === origNum);
  }

  /** Drops bindings' temporary callees whose relation has lapsed, as well as expired bindings. */
  override purge(nowMs: number): void {
    super.purge(nowMs);
    for (const b of this.all()) {
      if (b.temporaryCallee && b.temporaryCallee.expiresAtMs <= nowMs) b.temporaryCallee = undefined;
    }
  }
}
